"""The admin menu "E-maily" (radnice.notifications.admin_views) and the log action of
sending a message again."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .admin_views import EmailViewSetGroup


@hooks.register("register_admin_viewset")
def register_email_viewsets():
    return EmailViewSetGroup()


@hooks.register("register_log_actions")
def register_outbox_actions(actions):
    actions.register_action("radnice.outbox.resend", _("Znovu odesláno"), _("E-mail znovu odeslán"))
