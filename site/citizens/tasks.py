"""Scheduled work of citizens' accounts (Celery beat, or eagerly in-process)."""

from celery import shared_task
from django.conf import settings

from .purge import purge_unverified_signups


@shared_task(name="radnice.citizens.tasks.purge_unverified_signups", acks_late=True)
def purge_unverified_signups_task(days=None):
    """Delete citizens' accounts never confirmed within ``days``. Idempotent; returns the count."""
    if days is None:
        days = settings.RADNICE_CITIZEN_UNVERIFIED_DAYS
    return purge_unverified_signups(days=int(days))
