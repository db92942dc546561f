"""Keeping the ``EventOccurrence`` table in step with the events' dates and rules."""

from django.db import transaction
from django.utils import timezone

from .recurrence import DateSpec, expand


def date_specs(event):
    return [
        DateSpec(start=row.start, end=row.end, all_day=row.all_day) for row in event.dates.all()
    ]


def expected_occurrences(event, today=None):
    return expand(date_specs(event), event.recurrence, today=today)


def rebuild_occurrences(event, today=None):
    """Replace the stored occurrences of ``event`` by a fresh expansion of its dates.

    Rows are left untouched when nothing changed, so a rebuild is cheap and idempotent.
    """
    from .models import EventOccurrence

    wanted = expected_occurrences(event, today)
    stored = EventOccurrence.objects.filter(event_id=event.pk)
    current = sorted(
        (row.start, row.end, row.all_day, row.start_date, row.end_date) for row in stored.order_by()
    )
    wanted_tuples = [(o.start, o.end, o.all_day, o.start_date, o.end_date) for o in wanted]
    if current == wanted_tuples:
        return False
    with transaction.atomic():
        stored.delete()
        EventOccurrence.objects.bulk_create(
            EventOccurrence(
                event_id=event.pk,
                start=o.start,
                end=o.end,
                all_day=o.all_day,
                start_date=o.start_date,
                end_date=o.end_date,
            )
            for o in wanted
        )
    return True


def rebuild_all_occurrences(today=None):
    """Re-expand every repeating event (the expansion window moves with today).

    Run daily (see ``tasks.extend_event_occurrences``); returns how many events changed.
    """
    from .models import EventPage

    today = today or timezone.localdate()
    changed = 0
    events = EventPage.objects.exclude(repeat="").prefetch_related("dates", "exception_dates")
    for event in events.iterator(chunk_size=200):
        changed += rebuild_occurrences(event, today)
    return changed
