"""The outbox (radnice.notifications.outbox): one row per message, queued in the caller's
transaction, sent once by its task however often the task runs, retried with backoff after a
mail server's error, failed after the last attempt, picked up when its task was lost, purged
after the retention period; attachments travel from the private storage."""

import datetime
import smtplib

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from radnice.notifications import outbox
from radnice.notifications.models import MessageState, OutboxAttachment, OutboxMessage
from radnice.notifications.tasks import (
    purge_outbox,
    requeue_lost_messages,
    send_outbox_message,
)

KIND = "account/email/unknown_account"
EMAIL = "jana.novakova@example.cz"


def queue(town, **kwargs):
    kwargs.setdefault("language", "cs")
    return outbox.queue_mail(town, KIND, EMAIL, {"email": EMAIL}, **kwargs)


def test_a_message_is_one_row_sent_after_the_commit(town_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = queue(town_a)
    assert OutboxMessage.objects.get() == message
    assert message.state == MessageState.QUEUED
    assert message.recipients == [EMAIL]
    assert message.subject.startswith(f"[{town_a.name}] ")
    assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    message.refresh_from_db()
    assert message.state == MessageState.SENT
    assert message.attempts == 1
    assert message.sent_at is not None
    [sent] = mail.outbox
    assert sent.to == [EMAIL]
    assert sent.subject == message.subject


def test_nothing_is_sent_when_the_callers_transaction_rolls_back(
    town_a, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue(town_a)
        raise RuntimeError("the caller failed")
    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []


def test_the_task_run_twice_sends_once(town_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        message = queue(town_a)
    assert send_outbox_message.apply(args=(message.pk,)).get() is True
    # Delivered again (a worker lost after sending, acks_late): nothing more goes out.
    assert send_outbox_message.apply(args=(message.pk,)).get() is False
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.attempts == 1


def test_a_row_claimed_by_another_worker_is_not_sent(town_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        message = queue(town_a)
    assert outbox.claim(message.pk) is not None  # the other worker, sending now
    assert send_outbox_message.apply(args=(message.pk,)).get() is False
    assert mail.outbox == []
    assert OutboxMessage.objects.get().state == MessageState.SENDING


def test_a_repeated_key_queues_one_message(town_a, town_b, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue(town_a, key="potvrzeni-1")
        again = queue(town_a, key="potvrzeni-1")
        other_town = queue(town_b, key="potvrzeni-1")
    assert again.pk == first.pk
    assert other_town.pk != first.pk
    assert len(mail.outbox) == 2


def broken_send(monkeypatch, error):
    def send(self, *args, **kwargs):
        raise error

    monkeypatch.setattr(EmailMultiAlternatives, "send", send)


def test_an_smtp_error_retries_with_backoff_and_the_retry_sends(
    town_a, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        message = queue(town_a)
    send = EmailMultiAlternatives.send
    broken_send(monkeypatch, smtplib.SMTPServerDisconnected("Connection unexpectedly closed"))
    before = timezone.now()
    with pytest.raises(Retry) as retry:
        send_outbox_message.apply(args=(message.pk,), throw=True).get()
    assert retry.value.when == 60  # the first backoff: a minute
    message.refresh_from_db()
    assert message.state == MessageState.QUEUED
    assert message.attempts == 1
    assert message.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert message.next_attempt_at >= before + datetime.timedelta(seconds=60)
    assert mail.outbox == []

    monkeypatch.setattr(EmailMultiAlternatives, "send", send)
    assert send_outbox_message.apply(args=(message.pk,)).get() is True
    message.refresh_from_db()
    assert (message.state, message.attempts) == (MessageState.SENT, 2)
    assert len(mail.outbox) == 1


def test_after_the_last_attempt_the_message_is_failed_with_its_error(
    town_a, monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.RADNICE_OUTBOX_MAX_ATTEMPTS = 2
    with django_capture_on_commit_callbacks(execute=False):
        message = queue(town_a)
    broken_send(monkeypatch, ConnectionRefusedError("Connection refused"))
    with pytest.raises(Retry):
        send_outbox_message.apply(args=(message.pk,), throw=True).get()
    assert send_outbox_message.apply(args=(message.pk,), throw=True).get() is False
    message.refresh_from_db()
    assert message.state == MessageState.FAILED
    assert message.attempts == 2
    assert message.last_error == "ConnectionRefusedError: Connection refused"
    assert message.next_attempt_at is None
    # A failed message is not sent by a stray task either.
    assert send_outbox_message.apply(args=(message.pk,)).get() is False


def test_backoff_doubles_up_to_an_hour():
    assert [outbox.backoff(n) for n in (1, 2, 3, 7, 20)] == [60, 120, 240, 3600, 3600]


def test_an_attachment_arrives_from_the_private_storage(
    town_a, settings, django_capture_on_commit_callbacks
):
    receipt = b"%PDF-1.4 potvrzeni o zaplaceni"
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(town_a, attachments=[("potvrzeni.pdf", receipt, None)])
    [attachment] = message.attachments.all()
    assert attachment.content_type == "application/pdf"
    # Stored under a random name in the private storage, not under MEDIA_ROOT.
    path = attachment.file.path
    assert path.startswith(str(settings.STORAGES["default"]["OPTIONS"]["location"]))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert "potvrzeni" not in attachment.file.name
    [sent] = mail.outbox
    assert sent.attachments == [("potvrzeni.pdf", receipt, "application/pdf")]


def test_the_beat_task_restarts_lost_tasks_and_fails_lost_sending(
    town_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        lost = queue(town_a, key="ztracena")
        waiting = queue(town_a, key="ceka-na-dalsi-pokus")
        sending = queue(town_a, key="odesilana")
    long_ago = timezone.now() - datetime.timedelta(hours=2)
    OutboxMessage.objects.filter(pk=lost.pk).update(next_attempt_at=long_ago)
    OutboxMessage.objects.filter(pk=waiting.pk).update(
        next_attempt_at=timezone.now() + datetime.timedelta(minutes=5)
    )
    OutboxMessage.objects.filter(pk=sending.pk).update(state=MessageState.SENDING)
    OutboxMessage.objects.filter(pk=sending.pk).update(updated_at=long_ago)

    assert requeue_lost_messages.delay().get() == {"failed": 1, "restarted": 1}
    states = dict(OutboxMessage.objects.values_list("pk", "state"))
    assert states == {
        lost.pk: MessageState.SENT,
        waiting.pk: MessageState.QUEUED,
        sending.pk: MessageState.FAILED,  # it may have gone out: never sent twice
    }
    assert len(mail.outbox) == 1
    assert OutboxMessage.objects.get(pk=sending.pk).last_error == (
        "Odesílání nedoběhlo (proces skončil); zda e-mail odešel, nelze zjistit."
    )


def test_the_daily_purge_deletes_old_messages_and_their_files(
    town_a, settings, django_capture_on_commit_callbacks
):
    entry = settings.CELERY_BEAT_SCHEDULE["citizens-forget-sent-mail"]
    assert entry["task"] == purge_outbox.name
    with django_capture_on_commit_callbacks(execute=True):
        old = queue(town_a, key="stara", attachments=[("a.pdf", b"%PDF-1.4", None)])
        recent = queue(town_a, key="nova")
    with django_capture_on_commit_callbacks(execute=False):
        unsent = queue(town_a, key="neodeslana")
    storage = OutboxAttachment._meta.get_field("file").storage
    file_name = old.attachments.get().file.name
    days = settings.RADNICE_OUTBOX_KEEP_DAYS
    past = timezone.now() - datetime.timedelta(days=days + 1)
    OutboxMessage.objects.filter(pk__in=[old.pk, unsent.pk]).update(sent_at=past, created_at=past)
    OutboxMessage.objects.filter(pk=unsent.pk).update(sent_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_outbox.delay().get() == 1
    assert set(OutboxMessage.objects.values_list("pk", flat=True)) == {recent.pk, unsent.pk}
    assert not storage.exists(file_name)


def test_a_sent_messages_addresses_and_contents_are_emptied_sooner(
    town_a, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        old = queue(town_a, key="mesic-stara", attachments=[("a.pdf", b"%PDF-1.4", None)])
        recent = queue(town_a, key="vcerejsi")
    with django_capture_on_commit_callbacks(execute=False):
        failed = queue(town_a, key="neodeslana")
    storage = OutboxAttachment._meta.get_field("file").storage
    file_name = old.attachments.get().file.name
    past = timezone.now() - datetime.timedelta(days=settings.RADNICE_OUTBOX_CONTENT_DAYS + 1)
    OutboxMessage.objects.filter(pk=old.pk).update(sent_at=past)
    OutboxMessage.objects.filter(pk=failed.pk).update(state=MessageState.FAILED, updated_at=past)
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_outbox.delay().get() == 0
    old.refresh_from_db()
    assert (old.recipients, old.subject, old.body, old.from_email) == ([], "", "", "")
    assert old.emptied_at is not None and old.state == MessageState.SENT
    assert not old.attachments.exists() and not storage.exists(file_name)
    assert str(old) == "(obsah smazán)"
    # Its key still sends once; the recent and the failed message keep their contents.
    with django_capture_on_commit_callbacks(execute=True):
        assert queue(town_a, key="mesic-stara").pk == old.pk
    assert len(mail.outbox) == 2
    for kept in (recent, failed):
        kept.refresh_from_db()
        assert kept.recipients == [EMAIL] and kept.body and kept.emptied_at is None


def test_djangos_and_wagtails_own_mail_goes_through_the_outbox(
    db, settings, django_capture_on_commit_callbacks
):
    """The staff's password reset, Wagtail's notices: Django's send_mail, the outbox's row."""
    from django.core.mail import EmailMessage

    settings.EMAIL_BACKEND = "radnice.notifications.backend.OutboxEmailBackend"
    settings.RADNICE_OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    email = EmailMessage(
        "Obnovení hesla",
        "Odkaz: …",
        "radnice@localhost",
        ["redaktor@example.cz"],
        bcc=["archiv@example.cz"],
    )
    email.attach("navod.txt", "Postup", "text/plain")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert email.send() == 1
    row = OutboxMessage.objects.get()
    assert row.municipality is None
    assert (row.subject, row.recipients, row.bcc) == (
        "Obnovení hesla",
        ["redaktor@example.cz"],
        ["archiv@example.cz"],
    )
    assert mail.outbox == []
    callbacks[0]()
    row.refresh_from_db()
    assert row.state == MessageState.SENT
    [sent] = mail.outbox
    assert sent.subject == "Obnovení hesla"
    assert sent.to == ["redaktor@example.cz"] and sent.bcc == ["archiv@example.cz"]
    assert sent.attachments == [("navod.txt", "Postup", "text/plain")]
