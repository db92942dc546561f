"""Background work of events."""

from celery import shared_task


@shared_task(name="radnice.events.extend_event_occurrences")
def extend_event_occurrences():
    """Move the expansion window of repeating events forward (schedule daily)."""
    from .occurrences import rebuild_all_occurrences

    return rebuild_all_occurrences()
