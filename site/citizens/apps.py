from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig

#: allauth's check, right for one account per address, wrong for one per address and town
PER_TOWN_EMAIL = "Using email as a login method requires ACCOUNT_UNIQUE_EMAIL"


class CitizensConfig(AppConfig):
    name = "radnice.citizens"
    label = "citizens"
    default = True  # this module holds Wagtail's users' config too (WagtailUsersConfig)
    verbose_name = _("Účty občanů")
    # Granted to each town's groups by municipalities.roles.grant_role_permissions: only the
    # town's administrators see its citizens' accounts (personal data), confirm identities and
    # block accounts, and see its citizens' organisations (radnice.citizens.admin_views);
    # editors and moderators do not.
    role_permissions = {
        "citizenprofile": {"administrator": ["view", "confirm", "block"]},
        "organisation": {"administrator": ["view"]},
        "auditentry": {"administrator": ["view"]},
    }

    def ready(self):
        from allauth.account import checks as allauth_checks
        from django.core.checks import register
        from django.core.checks.registry import registry

        from . import ratelimits

        ratelimits.install()  # allauth's limits per (town, e-mail address)

        # The same e-mail address may hold an account in each town (ACCOUNT_UNIQUE_EMAIL off:
        # a globally unique column would forbid it), and radnice.citizens keeps it unique per
        # town, so log-in by e-mail is unambiguous. allauth's other checks stay.
        registry.registered_checks.discard(allauth_checks.settings_check)

        from . import staff_users

        staff_users.install()

        @register()
        def allauth_settings(app_configs, **kwargs):
            return [
                message
                for message in allauth_checks.settings_check(app_configs, **kwargs)
                if message.msg != PER_TOWN_EMAIL
            ]


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's "Uživatelé" lists staff only: citizens' accounts are under "Občané"."""

    default = False
    user_viewset = "radnice.citizens.staff_users.StaffUserViewSet"
