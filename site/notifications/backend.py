"""Django's e-mail backend that puts every message into the outbox.

With ``EMAIL_BACKEND = "radnice.notifications.backend.OutboxEmailBackend"`` (the default
setting) what Django and Wagtail send by themselves (the staff's password reset, Wagtail's
moderation and workflow notices, ``mail_admins``) becomes an outbox row too, without a town,
sent by the same task, once, retried, purged. The outbox's task delivers through
``RADNICE_OUTBOX_DELIVERY_BACKEND`` (SMTP when ``EMAIL_HOST`` is set, else the console).
Platform code and modules do not send through Django's mail: they call ``queue_mail``, which
renders in the town's name and wording.
"""

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend

OUTBOX_BACKEND = "radnice.notifications.backend.OutboxEmailBackend"


def delivery_connection():
    """The backend that really sends: the configured one, unless that is the outbox itself
    (then ``RADNICE_OUTBOX_DELIVERY_BACKEND``), so the outbox never mails into itself."""
    backend = settings.EMAIL_BACKEND
    if backend == OUTBOX_BACKEND:
        backend = settings.RADNICE_OUTBOX_DELIVERY_BACKEND
    return get_connection(backend)


class OutboxEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        from .outbox import store_email

        for email in email_messages:
            store_email(email)
        return len(email_messages)
