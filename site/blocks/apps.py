from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlocksConfig(AppConfig):
    name = "radnice.blocks"
    label = "blocks"
    verbose_name = _("Komponenty")

    def ready(self):
        from . import checks  # noqa: F401 - registers the system checks
