"""The admin log-in: throttled by django-axes, with a second factor (radnice.core.two_factor)
for users who have one, and Czech messages on Wagtail's login page."""

from math import ceil

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from radnice.citizens.accounts import is_citizen

from .two_factor import confirmed_device, matching_device


def minutes_phrase(minutes):
    """``1 minutu``, ``3 minuty``, ``15 minut``: the accusative after "za"."""
    if minutes == 1:
        return _("%(count)d minutu") % {"count": minutes}
    if 2 <= minutes <= 4:
        return _("%(count)d minuty") % {"count": minutes}
    return _("%(count)d minut") % {"count": minutes}


def lockout_message():
    minutes = max(1, ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return _("Příliš mnoho neúspěšných pokusů o přihlášení. Zkuste to znovu za %(minutes)s.") % {
        "minutes": minutes_phrase(minutes)
    }


class LoginForm(WagtailLoginForm):
    otp_token = forms.CharField(
        label=gettext_lazy("Ověřovací kód"),
        required=False,
        max_length=8,
        help_text=gettext_lazy("Jen pokud máte zapnuté dvoufázové ověření: kód z aplikace."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean(self):
        try:
            cleaned_data = super().clean()
        except ValidationError:
            if getattr(self.request, "axes_locked_out", False):
                raise ValidationError(lockout_message(), code="locked_out") from None
            raise
        user = self.get_user()
        if user is not None and is_citizen(user):
            # A citizen's account never opens the admin, whatever flags it was given by mistake.
            raise self.get_invalid_login_error()
        if user is not None and confirmed_device(user) is not None:
            token = (cleaned_data.get("otp_token") or "").strip().replace(" ", "")
            if not token:
                raise ValidationError(
                    _("Máte zapnuté dvoufázové ověření: zadejte i ověřovací kód z aplikace."),
                    code="otp_required",
                )
            device = matching_device(user, token)
            if device is None:
                raise ValidationError(
                    _("Ověřovací kód nesouhlasí nebo už vypršel."), code="otp_invalid"
                )
            # radnice.core.two_factor marks the session verified once the log-in succeeds.
            self.request._radnice_otp_device = device
        return cleaned_data


def lockout_response(request, original_response=None, credentials=None):
    """The login page itself (its form shows the lock-out message), answered with 429."""
    if original_response is not None and original_response.status_code == 200:
        original_response.status_code = 429
        return original_response
    return HttpResponse(lockout_message(), status=429, content_type="text/plain; charset=utf-8")


def client_ip(request):
    """The visitor's address; behind the TLS proxy the last hop it added to X-Forwarded-For."""
    if settings.BEHIND_TLS_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR")
