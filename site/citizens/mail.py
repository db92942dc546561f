"""E-mails to citizens: in the town's name, from its templates, through the platform's outbox.

:func:`send_citizen_mail` is how platform code mails a citizen (allauth's mails go the same
way: ``adapter.CitizenAccountAdapter.send_mail``). It is the outbox's
:func:`radnice.notifications.outbox.queue_mail`: the message is rendered now (the town's own
wording of the kind if its administrators wrote one, else the templates; the current language
or ``language``; the town's theme active), stored as one outbox row in the caller's
transaction, and sent once by a Celery task after the commit. A caller that passes its own
``key`` (say ``f"notice-{notice.pk}"``) sends once however often it calls (for as long as the
row is kept: ``KEEP_SENT_KEYS_DAYS``, then the daily purge deletes it).

Templates, as allauth's: ``<prefix>_subject.txt``, ``<prefix>_message.txt`` and optionally
``<prefix>_message.html``, looked up like every template (the town's theme first), so a
theme overrides any of them; the kinds a town may reword are declared on the app config
(``CitizensConfig.message_kinds``). The context gets ``municipality``, ``town_name``,
``town_url`` (the town's web, from its registered site, never from a request's Host header)
and ``current_site``; ``account/email/base_message.txt`` of the default theme frames every
message with the town's greeting and signature.
"""

from django.conf import settings

from radnice.notifications.outbox import message_key, purge_outbox, queue_mail, recipient_list
from radnice.notifications.rendering import (  # noqa: F401 (the citizens' names of them)
    TownSite,
    render_message,
    subject_prefix,
    town_context,
)
from radnice.notifications.sender import from_email, reply_to

#: How long a sent message (and so its key) is kept: RADNICE_OUTBOX_KEEP_DAYS.
KEEP_SENT_KEYS_DAYS = settings.RADNICE_OUTBOX_KEEP_DAYS


def render_citizen_mail(municipality, template_prefix, to, context=None, language=None):
    """The message as a dict of strings, as the outbox stores it."""
    return {
        **render_message(municipality, template_prefix, context, language),
        "municipality": municipality.pk,
        "kind": template_prefix,
        "from_email": from_email(municipality),
        "reply_to": reply_to(municipality),
        "to": recipient_list(to),
    }


def send_citizen_mail(municipality, template_prefix, to, context=None, *, key=None, language=None):
    """Mail ``to`` (an address or a list) from ``municipality``, once the transaction commits.

    ``template_prefix`` names the kind (``"account/email/password_reset_key"``); ``context``
    fills its templates; ``key``, when given, makes the message unique (the same town, kind,
    recipient and key are sent only once); ``language`` defaults to the current one.
    Returns the message's key.
    """
    return queue_mail(municipality, template_prefix, to, context, key=key, language=language).key


def deliver(key, message):
    """Send a message rendered by :func:`render_citizen_mail` under ``key`` through the
    outbox, now; True when it went out now, False when that key was sent already.

    What a task queued before the outbox existed carries (``send_citizen_mail_task``).
    Raises :class:`radnice.notifications.outbox.SendingFailed` when sending fails.
    """
    from municipalities.models import Municipality
    from radnice.notifications.outbox import send_message, store

    row = store(
        Municipality.objects.get(pk=message["municipality"]),
        key,
        {
            "kind": message.get("kind", ""),
            "language": message.get("language", ""),
            "subject": message["subject"],
            "body": message["body"],
            "html": message.get("html", ""),
            "from_email": message["from_email"],
            "reply_to": message.get("reply_to", ""),
            "recipients": message["to"],
        },
        schedule=False,
    )
    return send_message(row.pk)


def forget_sent_mail(days=None):
    """Delete messages sent more than ``days`` ago; returns how many (the outbox's purge)."""
    return purge_outbox(days)


__all__ = [
    "KEEP_SENT_KEYS_DAYS",
    "deliver",
    "forget_sent_mail",
    "from_email",
    "message_key",
    "render_citizen_mail",
    "send_citizen_mail",
    "town_context",
]
