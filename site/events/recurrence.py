"""Expansion of an event's dates and recurrence rule into concrete occurrences.

Pure functions over plain values, so that the rules (weekly or monthly, interval, until date
or count, exception dates, the expansion horizon) are tested without the database.

Recurrence is computed on local wall-clock time (Europe/Prague): a weekly event at 18:00
stays at 18:00 after the change to or from summer time, as calendar programs expect.
"""

import datetime
from dataclasses import dataclass

from dateutil import rrule
from django.utils import timezone

# Occurrences are stored this far ahead of "today"; a scheduled task extends the window.
HORIZON_DAYS = 2 * 365
# A safety net against rules that would produce absurdly many rows.
MAX_OCCURRENCES_PER_DATE = 1000


class Frequency:
    NONE = ""
    WEEKLY = "weekly"
    MONTHLY = "monthly"


class MonthlyBy:
    DAY_OF_MONTH = "day_of_month"
    WEEKDAY = "weekday"


@dataclass(frozen=True)
class Recurrence:
    frequency: str = Frequency.NONE
    interval: int = 1
    monthly_by: str = MonthlyBy.DAY_OF_MONTH
    until: datetime.date | None = None
    count: int | None = None
    exceptions: frozenset = frozenset()

    @property
    def repeats(self):
        return self.frequency in (Frequency.WEEKLY, Frequency.MONTHLY)


@dataclass(frozen=True)
class DateSpec:
    """One date row as the editor entered it (aware datetimes)."""

    start: datetime.datetime
    end: datetime.datetime | None = None
    all_day: bool = False


@dataclass(frozen=True, order=True)
class Occurrence:
    """A concrete occurrence: aware start and end, plus its local first and last day.

    For all-day occurrences ``start`` is local midnight of the first day and ``end`` local
    midnight after the last day, so "is it over?" is ``end <= now`` for both kinds.
    """

    start: datetime.datetime
    end: datetime.datetime
    all_day: bool
    start_date: datetime.date
    end_date: datetime.date


def local_zone():
    return timezone.get_default_timezone()


def to_local_naive(value):
    return timezone.localtime(value, local_zone()).replace(tzinfo=None)


def make_local_aware(naive):
    return timezone.make_aware(naive, local_zone())


def nth_weekday_of_month(day: datetime.date):
    """(n, weekday) describing ``day`` as "n-th weekday of its month"; n = -1 for the fifth."""
    n = (day.day - 1) // 7 + 1
    return (-1 if n == 5 else n), day.weekday()


def rrule_for(recurrence: Recurrence, dtstart: datetime.datetime):
    """A dateutil rule for ``recurrence`` starting at naive local ``dtstart``."""
    kwargs = {"dtstart": dtstart, "interval": max(1, recurrence.interval or 1)}
    if recurrence.frequency == Frequency.WEEKLY:
        freq = rrule.WEEKLY
    else:
        freq = rrule.MONTHLY
        if recurrence.monthly_by == MonthlyBy.WEEKDAY:
            n, weekday = nth_weekday_of_month(dtstart.date())
            kwargs["byweekday"] = rrule.weekday(weekday, n)
        else:
            kwargs["bymonthday"] = dtstart.day
    if recurrence.count:
        kwargs["count"] = recurrence.count
    elif recurrence.until:
        kwargs["until"] = datetime.datetime.combine(recurrence.until, datetime.time.max)
    return rrule.rrule(freq, **kwargs)


def _occurrence(start_naive, duration, all_day):
    end_naive = start_naive + duration
    if all_day:
        return Occurrence(
            start=make_local_aware(start_naive),
            end=make_local_aware(end_naive),
            all_day=True,
            start_date=start_naive.date(),
            end_date=end_naive.date() - datetime.timedelta(days=1),
        )
    # An event that ends at midnight ends on the previous day.
    last_day = (end_naive - datetime.timedelta(microseconds=1)).date() if duration else None
    return Occurrence(
        start=make_local_aware(start_naive),
        end=make_local_aware(end_naive),
        all_day=False,
        start_date=start_naive.date(),
        end_date=max(last_day or start_naive.date(), start_naive.date()),
    )


def _normalised(spec: DateSpec):
    """Naive local start and the duration; all-day rows span whole days (end inclusive)."""
    start = to_local_naive(spec.start)
    end = to_local_naive(spec.end) if spec.end else None
    if spec.all_day:
        first = start.date()
        last = max(end.date(), first) if end else first
        start = datetime.datetime.combine(first, datetime.time())
        return start, datetime.timedelta(days=(last - first).days + 1)
    if end is None or end < start:
        end = start
    return start, end - start


def expand(dates, recurrence: Recurrence | None = None, today=None, horizon_days=HORIZON_DAYS):
    """All occurrences of ``dates`` (DateSpec) under ``recurrence``, sorted by start.

    Each date row is repeated by the rule (so "Monday 9:00 and Thursday 17:00, weekly" is two
    rows). COUNT counts occurrences before exception dates are removed, as in RFC 5545.
    Repetition stops at the rule's until date, after COUNT, or at ``today`` + horizon.
    """
    recurrence = recurrence or Recurrence()
    today = today or timezone.localdate()
    horizon = datetime.datetime.combine(
        today + datetime.timedelta(days=horizon_days), datetime.time.max
    )
    result = set()
    for spec in dates:
        start, duration = _normalised(spec)
        if not recurrence.repeats:
            result.add(_occurrence(start, duration, spec.all_day))
            continue
        for index, occurrence_start in enumerate(rrule_for(recurrence, start)):
            if index >= MAX_OCCURRENCES_PER_DATE or occurrence_start > horizon:
                break
            if occurrence_start.date() in recurrence.exceptions:
                continue
            result.add(_occurrence(occurrence_start, duration, spec.all_day))
    return sorted(result)
