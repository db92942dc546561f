from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoardConfig(AppConfig):
    name = "radnice.board"
    label = "board"
    verbose_name = _("Úřední deska")
    # Granted to each town's groups by municipalities.roles.grant_role_permissions.
    role_permissions = {"noticetype": ["add", "change", "delete", "view"]}
