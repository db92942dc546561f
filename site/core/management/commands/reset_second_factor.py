"""``manage.py reset_second_factor E-MAIL``: remove a staff user's second factor.

For the operator when someone lost the phone with their authenticator app: the user's TOTP
devices are deleted, so their next log-in asks for the password only and, where the
installation requires a second factor (``RADNICE_REQUIRE_2FA``), leads them to enrol a new
device. The reset is written to Wagtail's audit log.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log


class Command(BaseCommand):
    help = "Zruší dvoufázové ověření uživatele (ztracený telefon); příště se přihlásí heslem."

    def add_arguments(self, parser):
        parser.add_argument("email", help=_("e-mail nebo uživatelské jméno uživatele"))

    @transaction.atomic
    def handle(self, email, **options):
        User = get_user_model()
        users = list(User.objects.filter(email__iexact=email)) or list(
            User.objects.filter(username=email)
        )
        if len(users) != 1:
            raise CommandError(
                _("Uživatel „%(email)s“ neexistuje nebo jich je víc.") % {"email": email}
            )
        user = users[0]
        deleted, _by_model = TOTPDevice.objects.filter(user=user).delete()
        if not deleted:
            self.stdout.write(_("Uživatel %(user)s dvoufázové ověření nemá.") % {"user": email})
            return
        log(instance=user, action="radnice.second_factor_reset", data={"devices": deleted})
        self.stdout.write(
            _("Dvoufázové ověření uživatele %(user)s je zrušené (zařízení: %(count)d).")
            % {"user": email, "count": deleted}
        )
