"""The outbox: every e-mail the platform sends, to anyone, is a row here first.

:func:`queue_mail` renders the message (the town's wording or the kind's templates, see
radnice.notifications.rendering), stores one ``OutboxMessage`` row (with its attachments, in
the private storage) in the caller's transaction, and starts the Celery task
``radnice.notifications.tasks.send_outbox_message`` when that transaction commits
(:func:`radnice.core.background.run_after_commit`). Rolled back, nothing is sent.

The task (:func:`send_message`) claims the row: it locks it with
``select_for_update(skip_locked=True)`` and moves it from *queued* to *sending* in one
transaction, so a task delivered twice, or two workers, find nothing to claim and send
nothing. After sending the row is *sent*. A failure puts it back to *queued* with the error
and the time of the next attempt (backoff), until ``RADNICE_OUTBOX_MAX_ATTEMPTS`` attempts:
then it is *failed*, with its last error, for the town's staff to send again. A worker that
dies while sending leaves the row *sending*; the beat task (:func:`requeue_lost`) marks such a
row *failed* after a while rather than risk sending it twice, and starts again the task of
rows left *queued* whose task was lost.

A message's ``key`` is unique per town: a caller that passes its own key (say
``f"receipt-{order.pk}"``) queues the message once however often it calls, for as long as the
row is kept (``RADNICE_OUTBOX_KEEP_DAYS``; :func:`purge_outbox` daily). Addresses and contents
go sooner: a sent row is emptied after ``RADNICE_OUTBOX_CONTENT_DAYS`` (:func:`redact_sent`).
"""

import datetime
import hashlib
import mimetypes
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from .backend import delivery_connection
from .models import MessageState, OutboxAttachment, OutboxMessage
from .rendering import render_message
from .sender import from_email, reply_to

#: A row left *sending* this long was lost with its worker: it becomes *failed*.
LOST_WHILE_SENDING = datetime.timedelta(hours=1)
#: A row *queued* this long past its time had its task lost: the task is started again.
LOST_IN_QUEUE = datetime.timedelta(minutes=10)


def keep_days():
    return int(getattr(settings, "RADNICE_OUTBOX_KEEP_DAYS", 365))


def max_attempts():
    return int(getattr(settings, "RADNICE_OUTBOX_MAX_ATTEMPTS", 5))


def backoff(attempts):
    """Seconds before attempt ``attempts + 1``: 1, 2, 4, 8... minutes, at most an hour."""
    return min(60 * 2 ** max(attempts - 1, 0), 3600)


def recipient_list(to):
    return [to] if isinstance(to, str) else list(to)


def message_key(municipality, kind, to, key=None):
    """A stable hash for one message; without the caller's ``key``, unique to this call."""
    recipients = ",".join(sorted(recipient_list(to)))
    own = key if key is not None else uuid.uuid4().hex
    text = f"{municipality.pk}\n{kind}\n{recipients.lower()}\n{own}"
    return hashlib.sha256(text.encode()).hexdigest()


def queue_mail(municipality, kind, to, context=None, *, key=None, language=None, attachments=()):
    """Queue a message of ``kind`` from ``municipality`` to ``to`` (an address or a list).

    ``context`` fills the templates; ``key`` makes the message unique in the town (the same
    kind, recipients and key are queued once); ``language`` defaults to the current one;
    ``attachments`` are ``(filename, content, mimetype)`` as ``EmailMessage.attach`` takes
    (``mimetype`` may be None: guessed from the name). Returns the row (the existing one for
    a repeated key).
    """
    digest = message_key(municipality, kind, to, key)
    existing = OutboxMessage.objects.filter(municipality=municipality, key=digest).first()
    if existing is not None:
        return existing
    rendered = render_message(municipality, kind, context, language)
    return store(
        municipality,
        digest,
        {
            **rendered,
            "kind": kind,
            "recipients": recipient_list(to),
            "from_email": from_email(municipality),
            "reply_to": reply_to(municipality),
        },
        attachments,
    )


def store(municipality, key, fields, attachments=(), schedule=True):
    """The row of a rendered message (a new one, or the town's row with that key)."""
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(
                municipality=municipality, key=key, next_attempt_at=timezone.now(), **fields
            )
            for filename, content, mimetype in attachments:
                if isinstance(content, str):
                    content = content.encode()
                message.attachments.create(
                    filename=filename,
                    content_type=mimetype
                    or mimetypes.guess_type(filename)[0]
                    or "application/octet-stream",
                    file=ContentFile(content, name=filename),
                )
    except IntegrityError:  # queued meanwhile by another call with the same key
        return OutboxMessage.objects.get(municipality=municipality, key=key)
    if schedule:
        schedule_sending(message)
    return message


def store_email(email):
    """An ``EmailMessage`` that Django or Wagtail sent by itself (no town, no template):
    a row of the outbox, sent after the commit (radnice.notifications.backend)."""
    html = next(
        (
            content
            for content, mimetype in getattr(email, "alternatives", [])
            if mimetype == "text/html"
        ),
        "",
    )
    attachments = [
        (item.filename, item.content, item.mimetype)
        for item in email.attachments
        if not hasattr(item, "get_payload")  # a MIMEBase part: none of Django's own mails
    ]
    return store(
        None,
        uuid.uuid4().hex,
        {
            "subject": " ".join(str(email.subject).splitlines()),
            "body": email.body,
            "html": html,
            "from_email": email.from_email or settings.DEFAULT_FROM_EMAIL,
            "reply_to": ", ".join(email.reply_to),
            "recipients": list(email.to),
            "cc": list(email.cc),
            "bcc": list(email.bcc),
            "language": "",
        },
        attachments,
    )


def schedule_sending(message):
    from radnice.core.background import run_after_commit

    from .tasks import send_outbox_message

    run_after_commit(send_outbox_message, message.pk)


def claim(message_id):
    """The row, moved from *queued* to *sending* by this caller; None when it is not queued
    (sent already, failed, or claimed by another worker at this moment)."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, state=MessageState.QUEUED)
            .first()
        )
        if message is None:
            return None
        # The conditional update is the claim on databases without row locks (SQLite).
        claimed = OutboxMessage.objects.filter(pk=message.pk, state=MessageState.QUEUED).update(
            state=MessageState.SENDING, attempts=message.attempts + 1, updated_at=timezone.now()
        )
        if not claimed:
            return None
    message.state = MessageState.SENDING
    message.attempts += 1
    return message


def email_of(message):
    email = EmailMultiAlternatives(
        message.subject,
        message.body,
        message.from_email,
        message.recipients,
        cc=message.cc,
        bcc=message.bcc,
        reply_to=[address.strip() for address in message.reply_to.split(",")]
        if message.reply_to
        else None,
        connection=delivery_connection(),
    )
    if message.html:
        email.attach_alternative(message.html, "text/html")
    for attachment in message.attachments.all():
        with attachment.file.open("rb") as file:
            email.attach(attachment.filename, file.read(), attachment.content_type)
    return email


class SendingFailed(Exception):
    """Sending failed; ``final`` when no attempt is left (the row is *failed*)."""

    def __init__(self, message, error, final):
        super().__init__(str(error))
        self.message = message
        self.error = error
        self.final = final
        self.countdown = backoff(message.attempts)


def send_message(message_id):
    """Send the queued row once: True when it went out now, False when there was nothing to
    send. Raises :class:`SendingFailed` (the row back in the queue, or failed) on an error."""
    message = claim(message_id)
    if message is None:
        return False
    try:
        email_of(message).send()
    except Exception as error:
        final = message.attempts >= max_attempts()
        now = timezone.now()
        OutboxMessage.objects.filter(pk=message.pk).update(
            state=MessageState.FAILED if final else MessageState.QUEUED,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            next_attempt_at=None
            if final
            else now + datetime.timedelta(seconds=backoff(message.attempts)),
            updated_at=now,
        )
        raise SendingFailed(message, error, final) from error
    now = timezone.now()
    OutboxMessage.objects.filter(pk=message.pk).update(
        state=MessageState.SENT, sent_at=now, next_attempt_at=None, updated_at=now
    )
    return True


def resend(message):
    """Put a failed row back in the queue (the town's staff: "Odeslat znovu")."""
    updated = OutboxMessage.objects.filter(pk=message.pk, state=MessageState.FAILED).update(
        state=MessageState.QUEUED,
        attempts=0,
        next_attempt_at=timezone.now(),
        updated_at=timezone.now(),
    )
    if updated:
        schedule_sending(message)
    return bool(updated)


def requeue_lost(now=None):
    """Rows whose task was lost: *sending* too long becomes *failed* (it may have gone out:
    staff decide), *queued* past its time gets its task again. Returns (failed, restarted)."""
    from .tasks import send_outbox_message

    now = now or timezone.now()
    failed = OutboxMessage.objects.filter(
        state=MessageState.SENDING, updated_at__lt=now - LOST_WHILE_SENDING
    ).update(
        state=MessageState.FAILED,
        last_error=gettext(
            "Odesílání nedoběhlo (proces skončil); zda e-mail odešel, nelze zjistit."
        ),
        updated_at=now,
    )
    waiting = list(
        OutboxMessage.objects.filter(
            state=MessageState.QUEUED, next_attempt_at__lt=now - LOST_IN_QUEUE
        ).values_list("pk", flat=True)[:500]
    )
    for pk in waiting:
        send_outbox_message.delay(pk)
    return failed, len(waiting)


def content_days():
    return int(getattr(settings, "RADNICE_OUTBOX_CONTENT_DAYS", 30))


def redact_sent(days=None, now=None):
    """Empty the addresses, contents and attachments of messages sent more than ``days``
    (``RADNICE_OUTBOX_CONTENT_DAYS``) ago; the row (key, kind, state, times) stays until the
    purge, so its key still sends once. Failed rows keep theirs: staff may send them again.
    Returns how many rows were emptied."""
    days = content_days() if days is None else days
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    with transaction.atomic():
        rows = list(
            OutboxMessage.objects.select_for_update()
            .filter(state=MessageState.SENT, sent_at__lt=cutoff, emptied_at__isnull=True)
            .values_list("pk", flat=True)
        )
        _delete_attachments(OutboxAttachment.objects.filter(message_id__in=rows))
        OutboxMessage.objects.filter(pk__in=rows).update(
            recipients=[],
            cc=[],
            bcc=[],
            from_email="",
            reply_to="",
            subject="",
            body="",
            html="",
            emptied_at=timezone.now(),
        )
    return len(rows)


def purge_outbox(days=None, now=None):
    """Empty old sent messages (:func:`redact_sent`), then delete rows sent or failed more
    than ``days`` (``RADNICE_OUTBOX_KEEP_DAYS``) ago, with their attachments' files; returns
    how many rows were deleted."""
    redact_sent(now=now)
    days = keep_days() if days is None else days
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    old = OutboxMessage.objects.filter(state__in=[MessageState.SENT, MessageState.FAILED]).filter(
        sent_at__lt=cutoff
    ) | OutboxMessage.objects.filter(
        state=MessageState.FAILED, sent_at__isnull=True, updated_at__lt=cutoff
    )
    with transaction.atomic():
        rows = list(old.select_for_update().values_list("pk", flat=True))
        _delete_attachments(OutboxAttachment.objects.filter(message_id__in=rows))
        deleted = (
            OutboxMessage.objects.filter(pk__in=rows).delete()[1].get(OutboxMessage._meta.label, 0)
        )
    return deleted


def _delete_attachments(attachments):
    """Delete the rows now and their files once the transaction has committed."""
    names = list(attachments.values_list("file", flat=True))
    attachments.delete()
    transaction.on_commit(lambda: _delete_files(names))


def _delete_files(names):
    storage = OutboxAttachment._meta.get_field("file").storage
    for name in names:
        storage.delete(name)
