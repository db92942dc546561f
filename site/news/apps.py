from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "radnice.news"
    label = "news"
    verbose_name = _("Aktuality")
    # Granted to each town's groups by municipalities.roles.grant_role_permissions.
    role_permissions = {"newstype": ["add", "change", "delete", "view"]}
