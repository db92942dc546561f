"""E-mails to citizens: in the town's name, from its templates, sent once through Celery.

:func:`send_citizen_mail` is the one way platform code and modules mail a citizen (allauth's
mails go the same way: ``adapter.CitizenAccountAdapter.send_mail``). It renders the message
now, in the current language (Czech or English) and with the town's theme active, and leaves
the sending to a Celery task started when the transaction commits
(:func:`radnice.core.background.run_after_commit`). Every message has a key recorded in
``SentCitizenMail`` when it goes out, so a task delivered twice (a worker lost after sending,
``acks_late``) sends once; a caller that passes its own ``key`` (say
``f"notice-{notice.pk}"``) also sends once however often it calls (for as long as the key
is kept: ``KEEP_SENT_KEYS_DAYS``, then a daily task forgets it).

Templates, as allauth's: ``<prefix>_subject.txt``, ``<prefix>_message.txt`` and optionally
``<prefix>_message.html``, looked up like every template (the town's theme first, then the
default theme and the apps: themes/loader.py), so a theme overrides any of them. The context
gets ``municipality``, ``town_name``, ``town_url`` (the town's web, from its registered site,
never from a request's Host header) and ``current_site`` (the town's name and host, which
allauth's templates use). ``account/email/base_message.txt`` of the default theme frames
every message with the town's greeting and signature.
"""

import datetime
import hashlib
import uuid
from dataclasses import dataclass
from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation

from municipalities.hosts import absolute_url
from themes.loader import activate_theme, deactivate_theme

#: How long the key of a sent message is kept (a caller's key sends once within that time).
KEEP_SENT_KEYS_DAYS = 365


@dataclass(frozen=True)
class TownSite:
    """What allauth's templates know as ``current_site``: the town's name and host."""

    name: str
    domain: str


def town_context(municipality):
    site = municipality.site
    return {
        "municipality": municipality,
        "town_name": municipality.name,
        "town_url": absolute_url(municipality, "/"),
        "current_site": TownSite(name=municipality.name, domain=site.hostname),
    }


def subject_prefix(municipality):
    return f"[{municipality.name}] "


def from_email(municipality):
    """The platform's sender address, under the town's name."""
    return formataddr((municipality.name, settings.DEFAULT_FROM_EMAIL))


def render_citizen_mail(municipality, template_prefix, to, context=None, language=None):
    """The message as a dict of strings (what the Celery task gets)."""
    context = {**(context or {}), **town_context(municipality)}
    token = activate_theme(municipality.theme)
    try:
        with translation.override(language or translation.get_language() or "cs"):
            subject = render_to_string(f"{template_prefix}_subject.txt", context)
            body = render_to_string(f"{template_prefix}_message.txt", context).strip()
            try:
                html = render_to_string(f"{template_prefix}_message.html", context).strip()
            except TemplateDoesNotExist:
                html = ""
    finally:
        deactivate_theme(token)
    subject = subject_prefix(municipality) + " ".join(subject.splitlines()).strip()
    return {
        "municipality": municipality.pk,
        "subject": subject,
        "body": body,
        "html": html,
        "from_email": from_email(municipality),
        "to": [to] if isinstance(to, str) else list(to),
    }


def message_key(municipality, template_prefix, to, key=None):
    """A stable hash for one message; without the caller's ``key``, unique to this call."""
    recipients = ",".join(sorted(to)) if not isinstance(to, str) else to
    own = key if key is not None else uuid.uuid4().hex
    text = f"{municipality.pk}\n{template_prefix}\n{recipients.lower()}\n{own}"
    return hashlib.sha256(text.encode()).hexdigest()


def send_citizen_mail(municipality, template_prefix, to, context=None, *, key=None, language=None):
    """Mail ``to`` (an address or a list) from ``municipality``, once the transaction commits.

    ``template_prefix`` names the templates (``"account/email/password_reset_key"``);
    ``context`` fills them; ``key``, when given, makes the message unique (the same town,
    template, recipient and key are sent only once); ``language`` defaults to the current one.
    Returns the message's key.
    """
    from radnice.core.background import run_after_commit

    from .tasks import send_citizen_mail_task

    message = render_citizen_mail(municipality, template_prefix, to, context, language)
    digest = message_key(municipality, template_prefix, to, key)
    run_after_commit(send_citizen_mail_task, digest, message)
    return digest


def deliver(key, message):
    """Send ``message`` unless its key was sent already; True when it went out now.

    The key is recorded in the same transaction as the sending: if sending fails, nothing is
    recorded and a retry sends; two runs at once wait for each other on the key's row.
    """
    from .models import SentCitizenMail

    with transaction.atomic():
        _record, created = SentCitizenMail.objects.select_for_update().get_or_create(
            key=key, defaults={"municipality_id": message["municipality"]}
        )
        if not created:
            return False
        email = EmailMultiAlternatives(
            message["subject"], message["body"], message["from_email"], message["to"]
        )
        if message["html"]:
            email.attach_alternative(message["html"], "text/html")
        email.send()
    return True


def forget_sent_mail(days=KEEP_SENT_KEYS_DAYS):
    """Delete the keys of messages sent more than ``days`` ago; returns how many."""
    from .models import SentCitizenMail

    cutoff = timezone.now() - datetime.timedelta(days=days)
    deleted, _ = SentCitizenMail.objects.filter(sent_at__lt=cutoff).delete()
    return deleted
