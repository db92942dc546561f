"""A citizen's optional second factor: allauth.mfa with an authenticator app (TOTP).

Recovery codes come with it (a lost phone must not lose the account); no security keys. The
pages are at ``/ucet/2fa/`` and themed in ``themes/default/templates/mfa/``. Staff keep
django-otp in the admin (radnice.core.two_factor): ``auth.CitizenTownMiddleware`` treats them
as anonymous on these pages, and a citizen never reaches the admin, so neither factor ever
stands in for the other. The secret lives in allauth's ``Authenticator`` table, which no
admin view shows.
"""

from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.base.forms import AuthenticateForm as BaseAuthenticateForm
from allauth.mfa.totp.forms import ActivateTOTPForm as BaseActivateTOTPForm
from django import forms
from django.utils.html import conditional_escape
from django.utils.translation import gettext_lazy as _

from radnice.core.two_factor import qr_code_svg

from .accounts import request_town

QR_CODE_LABEL = _("QR kód pro aplikaci s ověřovacími kódy")
WRONG_CODE = _("Kód nesouhlasí nebo už vypršel. Zadejte kód, který aplikace ukazuje teď.")


def code_field(help_text):
    return forms.CharField(
        label=_("Ověřovací kód"),
        help_text=help_text,
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class CitizenMFAAdapter(DefaultMFAAdapter):
    """The town's name in the authenticator app; the QR code inline; Czech errors."""

    error_messages = {**DefaultMFAAdapter.error_messages, "incorrect_code": WRONG_CODE}

    def get_totp_issuer(self):
        town = request_town(context.request)
        return town.name if town is not None else super().get_totp_issuer()

    def build_totp_svg(self, url):
        # Inline SVG without style attributes: nothing for the strict CSP to block, no data: URI.
        label = conditional_escape(QR_CODE_LABEL)
        return qr_code_svg(url).replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


class ActivateTOTPForm(BaseActivateTOTPForm):
    code = code_field(_("Šestimístný kód, který právě ukazuje aplikace v telefonu."))


class AuthenticateForm(BaseAuthenticateForm):
    code = code_field(_("Kód z aplikace v telefonu, nebo jeden ze záchranných kódů."))
