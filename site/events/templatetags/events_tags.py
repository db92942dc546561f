"""Template filters of events: Czech dates, prices and repetition rules."""

from django import template
from django.utils import timezone

from .. import formatting

register = template.Library()


@register.filter
def occurrence_dates(occurrence):
    """ "1. 11. 2026, 18:00–20:00"."""
    return formatting.format_occurrence(occurrence)


@register.filter
def occurrence_iso(occurrence):
    """The start for a <time datetime="...">: a date for all-day occurrences."""
    if occurrence.all_day:
        return occurrence.start_date.isoformat()
    return timezone.localtime(occurrence.start, timezone.get_default_timezone()).isoformat()


@register.filter
def czech_date(day):
    return formatting.format_date(day) if day else ""


@register.filter
def event_price(event):
    return formatting.format_price(event)


@register.filter
def event_recurrence(event):
    first = event.dates.first()
    return formatting.describe_recurrence(event.recurrence, first.start if first else None)
