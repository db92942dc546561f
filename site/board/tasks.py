"""Scheduled work of the official board (run daily by Celery beat, or eagerly in-process)."""

import datetime

from celery import shared_task

from .archiving import archive_notices
from .models import OfficialNoticePage
from .queries import today


@shared_task(name="radnice.board.tasks.archive_taken_down_notices", acks_late=True)
def archive_taken_down_notices(on_day=None):
    """Archive every notice taken down before ``on_day`` (ISO date; default today). Idempotent."""
    if isinstance(on_day, str):
        on_day = datetime.date.fromisoformat(on_day)
    return archive_notices(OfficialNoticePage.objects.all(), on_day or today())
