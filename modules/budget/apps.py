from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetConfig(AppConfig):
    name = "modules.budget"
    label = "budget"
    verbose_name = _("Rozpočet")

    def ready(self):
        # Declare the module as soon as Django starts: provisioning grants the module's
        # permissions from the registry, possibly before Wagtail first loads its hooks.
        from . import wagtail_hooks  # noqa: F401
