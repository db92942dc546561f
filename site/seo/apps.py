from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SeoConfig(AppConfig):
    name = "radnice.seo"
    label = "seo"
    verbose_name = _("SEO")
