from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

EDITING = ["add", "change", "delete", "view"]


class AlertsConfig(AppConfig):
    name = "radnice.alerts"
    label = "alerts"
    verbose_name = _("Upozornění")
    # Granted to each town's groups by municipalities.roles.grant_role_permissions. Editors
    # prepare alerts as drafts; only moderators and administrators publish them.
    role_permissions = {
        "alert": {
            "editor": EDITING,
            "moderator": [*EDITING, "publish"],
            "administrator": [*EDITING, "publish"],
        }
    }
