from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """The platform's one way to send e-mail: the outbox, per-town senders and templates."""

    name = "radnice.notifications"
    label = "notifications"
    verbose_name = _("E-maily")
    default_auto_field = "django.db.models.BigAutoField"
    # Granted to each town's groups by municipalities.roles.grant_role_permissions: only the
    # town's administrators see what the town sent (addresses and contents are personal data),
    # send a failed message again and edit the town's wording of its messages.
    role_permissions = {
        "outboxmessage": {"administrator": ["view", "resend"]},
        "messagetemplate": {"administrator": ["add", "change", "delete", "view"]},
    }

    def ready(self):
        from . import kinds

        kinds.check_declarations()
