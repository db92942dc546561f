from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "radnice.events"
    label = "events"
    verbose_name = _("Akce")
    # Granted to each town's groups by municipalities.roles.grant_role_permissions.
    role_permissions = {"eventtype": ["add", "change", "delete", "view"]}
