from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DefaultThemeConfig(AppConfig):
    """The base theme: every template the platform renders exists here."""

    name = "themes.default"
    label = "theme_default"
    theme_label = _("Výchozí")
