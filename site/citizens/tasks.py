"""Citizens' background work: the daily purges. Their e-mails go through the platform's
outbox (radnice.notifications.tasks)."""

from celery import shared_task
from django.conf import settings

from radnice.notifications.outbox import SendingFailed
from radnice.notifications.tasks import purge_outbox as forget_sent_mail_task  # noqa: F401

from .mail import deliver
from .purge import purge_unverified_signups


@shared_task(
    name="radnice.citizens.tasks.send_citizen_mail", bind=True, acks_late=True, max_retries=5
)
def send_citizen_mail_task(self, key, message):
    """A message rendered before the outbox existed (a task still in the broker at the
    upgrade): stored in the outbox under its key and sent once from there."""
    try:
        return deliver(key, message)
    except SendingFailed as failure:
        if failure.final:
            return False
        raise self.retry(exc=failure.error, countdown=failure.countdown) from None


@shared_task(name="radnice.citizens.tasks.purge_unverified_signups", acks_late=True)
def purge_unverified_signups_task(days=None):
    """Delete citizens' accounts never confirmed within ``days``. Idempotent; returns the count."""
    if days is None:
        days = settings.RADNICE_CITIZEN_UNVERIFIED_DAYS
    return purge_unverified_signups(days=int(days))


@shared_task(name="radnice.citizens.tasks.purge_retained_records", acks_late=True)
def purge_retained_records():
    """Delete the records kept after accounts' deletion whose retention period is over
    (radnice.citizens.contract.purge_retained; scheduled daily). Safe to run twice."""
    from .contract import purge_retained

    return purge_retained()
