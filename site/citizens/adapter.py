"""allauth, per town: sign-up only on a town's host, the account tied to that town."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from municipalities.hosts import absolute_url
from radnice.core.login import client_ip

from .accounts import citizen_profile, generated_username, request_town
from .mail import send_citizen_mail
from .models import CitizenProfile

BLOCKED_MESSAGE = _(
    "Tento účet obecní úřad zablokoval, přihlásit se k němu nelze. "
    "Obraťte se prosím na obecní úřad."
)


class CitizenAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return request_town(request) is not None

    def populate_username(self, request, user):
        if not user.username:
            user.username = generated_username()

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            accepted = bool(form.cleaned_data.get("terms"))
            CitizenProfile.objects.create(
                user=user,
                municipality=request_town(request),
                terms_version=settings.RADNICE_CITIZEN_TERMS_VERSION if accepted else "",
                terms_accepted_at=timezone.now() if accepted else None,
            )
        return user

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        profile = citizen_profile(user)
        if profile is not None and profile.blocked_at is not None:
            # Said only to whoever knows the password (the form's error, not a field's).
            raise ValidationError(BLOCKED_MESSAGE, code="blocked")
        return user

    def pre_login(self, request, user, **kwargs):
        # Every other way in (the log-in after confirming an e-mail address...): as allauth
        # treats an inactive account; a session of a blocked account ends anyway
        # (CitizenTownMiddleware).
        profile = citizen_profile(user)
        if profile is not None and profile.blocked_at is not None:
            from allauth.account.internal.stagekit import clear_login

            clear_login(request)
            return self.respond_user_inactive(request, user)
        return super().pre_login(request, user, **kwargs)

    def get_client_ip(self, request):
        # The address the rate limits count, as django-axes sees it (behind the TLS proxy too).
        return client_ip(request)

    def send_mail(self, template_prefix, email, context):
        # In the town's name, through Celery, once (radnice.citizens.mail). Without a town there
        # is no citizen (sign-up and log-in need one): allauth's own way.
        town = request_town(self.request)
        if town is None:
            return super().send_mail(template_prefix, email, context)
        origin = self.request.build_absolute_uri("/")
        town_root = absolute_url(town, "/")
        # Links allauth built from the request's Host header point to the town's registered site.
        context = {
            name: town_root + value[len(origin) :]
            if isinstance(value, str) and value.startswith(origin)
            else value
            for name, value in context.items()
        }
        send_citizen_mail(town, template_prefix, email, {"email": email, **context})
        return None

    def format_email_subject(self, subject):
        town = request_town(self.request)
        prefix = f"[{town.name}] " if town is not None else ""
        return prefix + str(subject)
