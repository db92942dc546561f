from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .two_factor import two_factor_view


@hooks.register("register_admin_urls")
def register_two_factor_url():
    return [path("dvoufazove-overeni/", two_factor_view, name="radnice_two_factor")]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("radnice_two_factor"),
        "label": _("Dvoufázové ověření"),
        "help_text": _("Přihlašování s kódem z aplikace v telefonu (TOTP)."),
    }
