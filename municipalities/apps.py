from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MunicipalitiesConfig(AppConfig):
    name = "municipalities"
    verbose_name = _("Obce")
    default_auto_field = "django.db.models.BigAutoField"
    # Granted to each town's groups by municipalities.roles.grant_role_permissions.
    role_permissions = {
        "municipality": {"administrator": ["change", "view"]},
        # a town's organisations, its staff's module roles and its module settings
        "townorganisation": {"administrator": ["add", "change", "delete", "view"]},
        "moduleroleassignment": {"administrator": ["add", "change", "delete", "view"]},
        "modulesettings": {"administrator": ["add", "change", "delete", "view"]},
    }

    def ready(self):
        from . import checks, encryption, signals  # noqa: F401
        from .references import install_page_form
        from .wagtail_scoping import install

        install()
        install_page_form()
        encryption.install_form_field_override()
