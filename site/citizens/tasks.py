"""Citizens' background work: e-mails (radnice.citizens.mail) and the daily purges."""

import smtplib

from celery import shared_task
from django.conf import settings

from .mail import deliver, forget_sent_mail
from .purge import purge_unverified_signups


@shared_task(
    name="radnice.citizens.tasks.send_citizen_mail",
    acks_late=True,
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    max_retries=5,
)
def send_citizen_mail_task(key, message):
    """Send a rendered message to a citizen once per key (see radnice.citizens.mail)."""
    return deliver(key, message)


@shared_task(name="radnice.citizens.tasks.purge_unverified_signups", acks_late=True)
def purge_unverified_signups_task(days=None):
    """Delete citizens' accounts never confirmed within ``days``. Idempotent; returns the count."""
    if days is None:
        days = settings.RADNICE_CITIZEN_UNVERIFIED_DAYS
    return purge_unverified_signups(days=int(days))


@shared_task(name="radnice.citizens.tasks.forget_sent_mail", acks_late=True)
def forget_sent_mail_task():
    """Drop the keys of e-mails sent long ago (radnice.citizens.mail.KEEP_SENT_KEYS_DAYS)."""
    return forget_sent_mail()


@shared_task(name="radnice.citizens.tasks.purge_retained_records", acks_late=True)
def purge_retained_records():
    """Delete the records kept after accounts' deletion whose retention period is over
    (radnice.citizens.contract.purge_retained; scheduled daily). Safe to run twice."""
    from .contract import purge_retained

    return purge_retained()
