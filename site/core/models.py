"""Per-site settings shared by every theme."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from municipalities.forms import MunicipalityScopedForm

# The import framework's run belongs to this app (radnice.core.imports).
from .imports.models import ImportRun, ImportStatus  # noqa: F401


@register_setting(icon="site")
class SocialMediaSettings(BaseSiteSetting):
    facebook = models.URLField(_("Facebook"), blank=True)
    instagram = models.URLField(_("Instagram"), blank=True)
    youtube = models.URLField(_("YouTube"), blank=True)
    x = models.URLField(_("X (Twitter)"), blank=True)
    linkedin = models.URLField(_("LinkedIn"), blank=True)
    mastodon = models.URLField(_("Mastodon"), blank=True)

    base_form_class = MunicipalityScopedForm

    class Meta:
        verbose_name = _("sociální sítě")
