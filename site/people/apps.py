from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "radnice.people"
    label = "people"
    verbose_name = _("Osoby a kontakty")
    # Granted to each town's groups by municipalities.roles.grant_role_permissions.
    role_permissions = {
        "person": ["add", "change", "delete", "view"],
        "department": ["add", "change", "delete", "view"],
        "place": ["add", "change", "delete", "view"],
    }
