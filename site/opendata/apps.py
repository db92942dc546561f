from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "radnice.opendata"
    label = "opendata"
    verbose_name = _("Otevřená data")

    def ready(self):
        from .responses import escape_wagtail_admin_exports

        escape_wagtail_admin_exports()
