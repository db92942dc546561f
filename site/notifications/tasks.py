"""The outbox's background work (radnice.notifications.outbox): sending one message, the
beat task that picks up lost ones and the daily purge."""

from celery import shared_task

from . import outbox


@shared_task(name="radnice.notifications.tasks.send_outbox_message", bind=True, acks_late=True)
def send_outbox_message(self, message_id):
    """Send one outbox row once; a failure retries with backoff until the row is failed."""
    try:
        return outbox.send_message(message_id)
    except outbox.SendingFailed as failure:
        if failure.final:
            return False
        # The row waits in the queue (next_attempt_at); no retry limit here: the row counts.
        raise self.retry(exc=failure.error, countdown=failure.countdown, max_retries=None) from None


@shared_task(name="radnice.notifications.tasks.requeue_lost_messages", acks_late=True)
def requeue_lost_messages():
    """Start again the task of rows whose task was lost; see outbox.requeue_lost."""
    failed, restarted = outbox.requeue_lost()
    return {"failed": failed, "restarted": restarted}


@shared_task(name="radnice.notifications.tasks.purge_outbox", acks_late=True)
def purge_outbox():
    """Delete sent and failed messages older than RADNICE_OUTBOX_KEEP_DAYS (personal data)."""
    return outbox.purge_outbox()
