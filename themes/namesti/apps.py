from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NamestiThemeConfig(AppConfig):
    """Theme "Náměstí": serif headings, a centred header with the coat of arms above the name
    and the navigation as a bar, a home page with a large hero image and tiles. It overrides
    blocks of the default theme's base.html and home page and adds one stylesheet; every
    other page type and module renders with the default templates (docs/themes.md)."""

    name = "themes.namesti"
    label = "theme_namesti"
    theme_label = _("Náměstí")
    # Serif headings, as on the web (namesti.css: --font-heading); the body is the default's.
    pdf_fonts = {"heading": "noto-serif"}
