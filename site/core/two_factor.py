"""A second factor for staff: TOTP devices of django-otp, enrolled in the admin account menu.

- ``LoginForm`` (radnice.core.login) asks for the code when the user has a confirmed device
  and marks the session verified once the log-in succeeds (``user_logged_in``).
- ``two_factor_view`` enrols a device (QR code and the secret as text) or verifies the
  current session with a code.
- ``RequireTwoFactorMiddleware`` sends users who must use a second factor
  (``RADNICE_REQUIRE_2FA``: ``administrators`` = town administrators and operators, ``all`` =
  every admin user, ``off``) to that page before any other admin page.
"""

import base64
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from municipalities.models import MunicipalityRole

DEVICE_NAME = "Aplikace"


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def matching_device(user, token):
    """The user's confirmed device that accepts ``token`` (throttled by django-otp), or None."""
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        if device.verify_token(token):
            return device
    return None


def must_use_second_factor(user):
    mode = settings.RADNICE_REQUIRE_2FA
    if mode == "all":
        return True
    if mode == "administrators":
        return (
            user.is_superuser
            or user.groups.filter(municipality_link__role=MunicipalityRole.ADMINISTRATOR).exists()
        )
    return False


@receiver(user_logged_in)
def verify_session_after_log_in(sender, request, user, **kwargs):
    device = getattr(request, "_radnice_otp_device", None) if request is not None else None
    if device is not None and device.user_id == user.pk:
        otp_login(request, device)


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Ověřovací kód"),
        max_length=8,
        help_text=gettext_lazy("Šestimístný kód, který právě ukazuje aplikace v telefonu."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        token = self.cleaned_data["token"].strip().replace(" ", "")
        if not self.device.verify_token(token):
            raise forms.ValidationError(
                _("Kód nesouhlasí nebo už vypršel. Zadejte kód, který aplikace ukazuje teď.")
            )
        return token


def qr_code_svg(url):
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=8)
    return mark_safe(image.to_string(encoding="unicode"))  # our own SVG


def two_factor_view(request):
    user = request.user
    device = confirmed_device(user)
    enrolling = device is None
    if enrolling:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("wagtailadmin_home")

    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        if enrolling:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            messages.success(request, _("Dvoufázové ověření je zapnuté."))
        otp_login(request, device)
        return redirect(next_url)

    context = {
        "form": form,
        "enrolling": enrolling,
        "verified": not enrolling and user.is_verified(),
        "required": must_use_second_factor(user),
        "next": next_url,
    }
    if enrolling:
        context["qr_code"] = qr_code_svg(device.config_url)
        secret = base64.b32encode(device.bin_key).decode()
        context["secret"] = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return TemplateResponse(request, "core/two_factor.html", context)


class RequireTwoFactorMiddleware:
    """After django-otp's OTPMiddleware: admin pages only once the session is verified."""

    EXEMPT_URL_NAMES = ("wagtailadmin_login", "wagtailadmin_logout", "radnice_two_factor")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.RADNICE_REQUIRE_2FA != "off"
            and request.path_info.startswith("/admin/")
            and request.user.is_authenticated
            and not request.user.is_verified()
            and not self._exempt(request.path_info)
            and must_use_second_factor(request.user)
        ):
            target = reverse("radnice_two_factor")
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _exempt(self, path):
        if path.startswith("/admin/jsi18n/"):
            return True
        return any(path == reverse(name) for name in self.EXEMPT_URL_NAMES)
