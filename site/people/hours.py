"""Opening hours of places: the regular week, exceptions, and the hours of a given day.

The functions read ``place.opening_hours.all()`` and ``place.hours_exceptions.all()``, so a
caller that prefetched them (the directory prefetches only today's exceptions) pays no query.
"""

import datetime
from dataclasses import dataclass
from itertools import combinations

from django.utils.translation import gettext_lazy as _

WEEKDAY_NAMES = [
    _("pondělí"),
    _("úterý"),
    _("středa"),
    _("čtvrtek"),
    _("pátek"),
    _("sobota"),
    _("neděle"),
]


def format_time(value):
    """Czech style without a leading zero: 8:00, 13:30."""
    return f"{value.hour}:{value.minute:02d}"


def format_interval(opens, closes):
    return f"{format_time(opens)}–{format_time(closes)}"


def overlapping_intervals(intervals):
    """Index pairs ``(i, j)``, ``i < j``, of ``(opens, closes)`` intervals that overlap.

    Intervals that only touch (8–12 and 12–16) do not overlap.
    """
    return [
        (i, j)
        for (i, (opens_i, closes_i)), (j, (opens_j, closes_j)) in combinations(
            enumerate(intervals), 2
        )
        if opens_i < closes_j and opens_j < closes_i
    ]


@dataclass(frozen=True)
class DayHours:
    """What a visitor finds on one day: intervals, or closed; and whether it is an exception."""

    date: datetime.date
    intervals: tuple = ()
    is_exception: bool = False
    note: str = ""

    @property
    def is_open(self):
        return bool(self.intervals)

    @property
    def weekday_name(self):
        return WEEKDAY_NAMES[self.date.weekday()]

    @property
    def text(self):
        """The intervals as people write them ("8:00–11:30, 13:00–17:00"), or "zavřeno"."""
        if not self.intervals:
            return str(_("zavřeno"))
        return ", ".join(format_interval(opens, closes) for opens, closes in self.intervals)

    def is_open_at(self, moment):
        return any(opens <= moment < closes for opens, closes in self.intervals)


def opening_hours_on(place, date):
    """The hours of ``place`` on ``date``, exceptions applied.

    An exception marked closed closes the whole day; otherwise the exceptions of that date
    (one or more intervals) replace the regular hours of its weekday.
    """
    exceptions = [row for row in place.hours_exceptions.all() if row.date == date]
    if exceptions:
        note = "; ".join(row.note for row in exceptions if row.note)
        if any(row.closed for row in exceptions):
            return DayHours(date=date, is_exception=True, note=note)
        intervals = sorted(
            (row.opens, row.closes) for row in exceptions if row.opens and row.closes
        )
        return DayHours(date=date, intervals=tuple(intervals), is_exception=True, note=note)
    intervals = sorted(
        (row.opens, row.closes)
        for row in place.opening_hours.all()
        if row.weekday == date.weekday()
    )
    return DayHours(date=date, intervals=tuple(intervals))


def days_ahead(place, start, days=7):
    """The hours of ``days`` consecutive days from ``start``, exceptions applied."""
    return [opening_hours_on(place, start + datetime.timedelta(days=n)) for n in range(days)]


def regular_week(place):
    """The regular hours as ``[(weekday name, "8:00–12:00, 13:00–17:00" or None), ...]``."""
    by_day = {}
    for row in place.opening_hours.all():
        by_day.setdefault(row.weekday, []).append((row.opens, row.closes))
    return [
        (
            name,
            ", ".join(format_interval(*interval) for interval in sorted(by_day[index]))
            if index in by_day
            else None,
        )
        for index, name in enumerate(WEEKDAY_NAMES)
    ]


def upcoming_exceptions(place, today):
    """Exceptions from ``today`` on, one ``DayHours`` per date, in date order."""
    dates = sorted({row.date for row in place.hours_exceptions.all() if row.date >= today})
    return [opening_hours_on(place, date) for date in dates]
