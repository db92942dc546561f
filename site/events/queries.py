"""Queries behind the event listings, facets, calendar and exports.

Everything starts from a page (an events index or a site's home page) and reaches only the
live, public events below it, so one municipality's listing never shows another's events.
Functions take ``today`` so tests are deterministic; it defaults to today in Europe/Prague.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from radnice.core.collation import czech_sort_key

from .formatting import month_label
from .models import EventOccurrence, EventPage

PRESET_TODAY = "dnes"
PRESET_WEEKEND = "vikend"
PRESET_MONTH = "mesic"
PRESETS = [
    (PRESET_TODAY, _("Dnes")),
    (PRESET_WEEKEND, _("Tento víkend")),
    (PRESET_MONTH, _("Tento měsíc")),
]
MONTH_FACET_LIMIT = 24


def local_today():
    return timezone.localdate(timezone=timezone.get_default_timezone())


# --- occurrences below a page -----------------------------------------------------------


def events_under(root_page):
    """Live, public event pages below ``root_page``."""
    return EventPage.objects.live().public().descendant_of(root_page)


def occurrences_under(root_page):
    return EventOccurrence.objects.filter(
        event__in=events_under(root_page).values("pk")
    ).select_related("event")


def upcoming_occurrences(root_page, today=None):
    """Occurrences that have not ended before ``today``, soonest first."""
    today = today or local_today()
    return occurrences_under(root_page).filter(end_date__gte=today).order_by("start", "pk")


def past_occurrences(root_page, today=None):
    """Occurrences that ended before ``today`` (the archive), latest first."""
    today = today or local_today()
    return occurrences_under(root_page).filter(end_date__lt=today).order_by("-start", "-pk")


def upcoming(root_page, limit=5, today=None):
    """The next ``limit`` occurrences below a site's root (for the home page block)."""
    return list(upcoming_occurrences(root_page, today).prefetch_related("event__types")[:limit])


def overlapping(queryset, first, last):
    """Occurrences that take place on at least one day of ``first``..``last``."""
    return queryset.filter(start_date__lte=last, end_date__gte=first)


def occurrences_on(root_page, day):
    return overlapping(occurrences_under(root_page), day, day).order_by("start", "pk")


def month_bounds(year, month):
    return datetime.date(year, month, 1), datetime.date(
        year, month, calendar.monthrange(year, month)[1]
    )


def parse_month(value):
    """ "2026-11" -> (2026, 11); None for anything else."""
    try:
        year, month = (int(part) for part in str(value).split("-"))
        datetime.date(year, month, 1)
    except (TypeError, ValueError):
        return None
    return year, month


def preset_range(preset, today):
    """First and last day of "today", "this weekend" or "this month"."""
    if preset == PRESET_TODAY:
        return today, today
    if preset == PRESET_WEEKEND:
        saturday = today + datetime.timedelta(days=(5 - today.weekday()) % 7)
        if today.weekday() == 6:
            saturday = today - datetime.timedelta(days=1)
        return max(saturday, today), saturday + datetime.timedelta(days=1)
    if preset == PRESET_MONTH:
        return today, month_bounds(today.year, today.month)[1]
    return None


# --- facets -------------------------------------------------------------------------------


def type_counts(queryset):
    """[(slug, name, count)] of the event types in ``queryset``, in Czech order."""
    rows = (
        queryset.order_by()
        .values("event__types__slug", "event__types__name")
        .annotate(count=Count("pk"))
    )
    counts = [
        (row["event__types__slug"], row["event__types__name"], row["count"])
        for row in rows
        if row["event__types__slug"]
    ]
    return sorted(counts, key=lambda item: czech_sort_key(item[1]))


def _months_between(first, last):
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def month_counts(queryset, not_before=None, newest_first=False, limit=MONTH_FACET_LIMIT):
    """[("2026-11", "listopad 2026", count)] for months in which occurrences take place.

    Two queries whatever the number of items: the span, then one count per month.
    """
    queryset = queryset.order_by()
    span = queryset.aggregate(first=Min("start_date"), last=Max("end_date"))
    if span["first"] is None:
        return []
    first = max(span["first"], not_before) if not_before else span["first"]
    months = list(_months_between(first, span["last"]))
    months = months[-limit:][::-1] if newest_first else months[:limit]
    counts = queryset.aggregate(
        **{
            f"m{year}_{month}": Count(
                "pk",
                filter=Q(
                    start_date__lte=month_bounds(year, month)[1],
                    end_date__gte=month_bounds(year, month)[0],
                ),
            )
            for year, month in months
        }
    )
    return [
        (f"{year}-{month:02d}", month_label(year, month), counts[f"m{year}_{month}"])
        for year, month in months
        if counts[f"m{year}_{month}"]
    ]


def preset_counts(queryset, today):
    """[(preset, label, count)] for "Dnes", "Tento víkend", "Tento měsíc" (one query)."""
    queryset = queryset.order_by()
    aggregates = {}
    for value, _label in PRESETS:
        first, last = preset_range(value, today)
        aggregates[value] = Count("pk", filter=Q(start_date__lte=last, end_date__gte=first))
    counts = queryset.aggregate(**aggregates)
    return [(value, label, counts[value]) for value, label in PRESETS]


# --- calendar -----------------------------------------------------------------------------


@dataclass
class CalendarDay:
    date: datetime.date
    in_month: bool
    is_today: bool
    occurrences: list = field(default_factory=list)
    url: str = ""


@dataclass
class MonthCalendar:
    year: int
    month: int
    weeks: list
    previous: tuple
    next: tuple

    @property
    def label(self):
        return month_label(self.year, self.month)


def calendar_month(root_page, year, month, today=None):
    """Weeks (Monday first) of ``month`` with each day's occurrences, in one query."""
    today = today or local_today()
    first, last = month_bounds(year, month)
    grid_start = first - datetime.timedelta(days=first.weekday())
    grid_end = last + datetime.timedelta(days=6 - last.weekday())
    days = {}
    current = grid_start
    while current <= grid_end:
        days[current] = CalendarDay(current, current.month == month, current == today)
        current += datetime.timedelta(days=1)
    occurrences = overlapping(occurrences_under(root_page), first, last).order_by("start", "pk")
    for occurrence in occurrences:
        day = max(occurrence.start_date, first)
        while day <= min(occurrence.end_date, last):
            days[day].occurrences.append(occurrence)
            day += datetime.timedelta(days=1)
    ordered = list(days.values())
    weeks = [ordered[index : index + 7] for index in range(0, len(ordered), 7)]
    previous = (year - 1, 12) if month == 1 else (year, month - 1)
    following = (year + 1, 1) if month == 12 else (year, month + 1)
    return MonthCalendar(year, month, weeks, previous, following)


# --- exports ------------------------------------------------------------------------------


def upcoming_events(root_page, today=None, limit=500):
    """Live events below ``root_page`` with an occurrence from ``today`` on, soonest first,
    each with ``upcoming_occurrences`` (a list) prefetched; three queries in all."""
    from django.db.models import Prefetch

    today = today or local_today()
    upcoming_rows = EventOccurrence.objects.filter(end_date__gte=today).order_by("start")
    return list(
        events_under(root_page)
        .filter(occurrences__end_date__gte=today)
        .annotate(next_start=Min("occurrences__start"))
        .order_by("next_start", "pk")
        .select_related("locale")
        .prefetch_related(
            "types",
            Prefetch("occurrences", queryset=upcoming_rows, to_attr="upcoming_occurrences"),
        )[:limit]
    )
