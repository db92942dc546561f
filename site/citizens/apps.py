from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: allauth's check, right for one account per address, wrong for one per address and town
PER_TOWN_EMAIL = "Using email as a login method requires ACCOUNT_UNIQUE_EMAIL"


class CitizensConfig(AppConfig):
    name = "radnice.citizens"
    label = "citizens"
    verbose_name = _("Účty občanů")
    # Granted to each town's groups by municipalities.roles.grant_role_permissions: staff see
    # their town's organisations; the citizens keep them (radnice.citizens.admin_views).
    role_permissions = {"organisation": ["view"]}

    def ready(self):
        from allauth.account import checks as allauth_checks
        from django.core.checks import register
        from django.core.checks.registry import registry

        # The same e-mail address may hold an account in each town (ACCOUNT_UNIQUE_EMAIL off:
        # a globally unique column would forbid it), and radnice.citizens keeps it unique per
        # town, so log-in by e-mail is unambiguous. allauth's other checks stay.
        registry.registered_checks.discard(allauth_checks.settings_check)

        @register()
        def allauth_settings(app_configs, **kwargs):
            return [
                message
                for message in allauth_checks.settings_check(app_configs, **kwargs)
                if message.msg != PER_TOWN_EMAIL
            ]
