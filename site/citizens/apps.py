import datetime
from types import SimpleNamespace

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig

from radnice.notifications.kinds import MessageKind

#: allauth's check, right for one account per address, wrong for one per address and town
PER_TOWN_EMAIL = "Using email as a login method requires ACCOUNT_UNIQUE_EMAIL"


#: What allauth's templates get, with example values (the preview of a town's wording).
ACCOUNT_SAMPLE = {
    "email": "jana.novakova@example.cz",
    "user": SimpleNamespace(email="jana.novakova@example.cz", username="obcan-ukazka"),
    "user_display": "jana.novakova@example.cz",
    "activate_url": "https://obec.example/ucet/confirm-email/ukazka/",
    "password_reset_url": "https://obec.example/ucet/password/reset/key/ukazka/",
    "signup_url": "https://obec.example/ucet/signup/",
    "code": "ABC123",
    "from_email": "stara@example.cz",
    "to_email": "nova@example.cz",
    "deleted_email": "stara@example.cz",
    "ip": "192.0.2.10",
    "user_agent": "Firefox",
    "timestamp": datetime.datetime(2030, 1, 15, 10, 30),
}


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

    # The messages a town's administrators may reword (radnice.notifications): allauth's and
    # the invitation to an organisation. The samples fill the preview in the admin.
    message_kinds = [
        MessageKind(name, label, sample=ACCOUNT_SAMPLE)
        for name, label in (
            ("account/email/email_confirmation_signup", _("Potvrzení e-mailu po registraci")),
            ("account/email/email_confirmation", _("Potvrzení e-mailové adresy")),
            ("account/email/password_reset_key", _("Obnovení hesla")),
            ("account/email/unknown_account", _("Obnovení hesla neznámé adresy")),
            ("account/email/account_already_exists", _("Registrace existujícího účtu")),
            ("account/email/password_changed", _("Oznámení o změně hesla")),
            ("account/email/password_set", _("Oznámení o nastavení hesla")),
            ("account/email/password_reset", _("Oznámení o obnovení hesla")),
            ("account/email/email_changed", _("Oznámení o změně e-mailu")),
            ("account/email/email_confirm", _("Oznámení o potvrzení e-mailu")),
            ("account/email/email_deleted", _("Oznámení o odebrání e-mailu")),
        )
    ] + [
        MessageKind(
            "citizens/email/invitation",
            _("Pozvánka do organizace"),
            sample={
                "invitation": {
                    "organisation": {"name": "Spolek přátel lip"},
                    "get_role_display": "člen",
                    "expires_at": datetime.date(2030, 6, 30),
                },
                "url": "https://obec.example/ucet/pozvanka/ukazka/",
            },
        )
    ]

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
