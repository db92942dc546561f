"""Demo events of the three demo towns: an "Akce" section with at least 16 events each, built
from municipalities/demo/data/<town>/events.yaml (types: data/shared/events.yaml).

``build_demo(municipality)`` is idempotent: the section is found by its slug under the home
page, event types by their slug, events by their slug in the section; what exists is left
as it is, so a second run changes nothing. Dates are relative to the day of the first run
(repeating events started weeks ago, so the archive is not empty). A municipality that is
not a demo town gets the programme of Lhota pod Lesem.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from municipalities.demo import data
from municipalities.demo.builders import ensure_type
from radnice.core.money import from_decimal

from .models import EventDate, EventExceptionDate, EventIndexPage, EventPage, EventType
from .recurrence import MonthlyBy

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)

# --- when: anchors relative to the day of the first run ---------------------------------------


def days(n):
    """``n`` days from today."""
    return lambda today: today + datetime.timedelta(days=n)


def weekday(day_of_week, weeks=0):
    """That weekday in the week ``weeks`` from now (negative: in the past)."""
    return lambda today: (
        (today - datetime.timedelta(days=today.weekday()) + datetime.timedelta(weeks=weeks))
        + datetime.timedelta(days=day_of_week)
    )


def nth_weekday(n, day_of_week, months=0):
    """The ``n``-th given weekday of the month ``months`` from now."""

    def anchor(today):
        month_index = today.year * 12 + today.month - 1 + months
        first = datetime.date(month_index // 12, month_index % 12 + 1, 1)
        offset = (day_of_week - first.weekday()) % 7
        return first + datetime.timedelta(days=offset + 7 * (n - 1))

    return anchor


@dataclass(frozen=True)
class When:
    anchor: object
    start: str = ""  # "18:00"; empty = all day
    end: str = ""
    last_day: int = 0  # days after the first one (multi-day events)


@dataclass(frozen=True)
class Demo:
    slug: str
    title: str
    teaser: str
    body: str
    types: tuple
    dates: tuple
    venue: str
    address: str
    latitude: str = ""
    longitude: str = ""
    organiser: str = ""
    organiser_ico: str = ""
    price: str = ""  # "" unknown, "0" free, or an amount in CZK
    price_note: str = ""
    accessibility: str = ""
    registration_url: str = ""
    repeat: str = ""
    interval: int = 1
    monthly_by: str = MonthlyBy.DAY_OF_MONTH
    until_days: int | None = None
    count: int | None = None
    exceptions: tuple = field(default_factory=tuple)  # anchors


# --- the data: municipalities/demo/data/<town>/events.yaml -------------------------------------

WEEKDAYS = {"mon": MON, "tue": TUE, "wed": WED, "thu": THU, "fri": FRI, "sat": SAT, "sun": SUN}


def anchor(spec):
    """The anchor a date of the data names: {days}, {weekday, weeks} or {nth, weekday, months}."""
    if "days" in spec:
        return days(spec["days"])
    if "nth" in spec:
        return nth_weekday(spec["nth"], WEEKDAYS[spec["weekday"]], spec.get("months", 0))
    return weekday(WEEKDAYS[spec["weekday"]], spec.get("weeks", 0))


def programme(key):
    """The demo events of the demo town in data/<key>/ (Demo, with its place filled in)."""
    content = data.load(key, "events")
    events = []
    for fields in content["events"]:
        place = content["places"][fields.pop("place")]
        dates = tuple(When(anchor(date.pop("day")), **date) for date in fields.pop("dates"))
        exceptions = tuple(anchor(spec) for spec in fields.pop("exceptions", ()))
        types = tuple(fields.pop("types"))
        events.append(Demo(**place, **fields, types=types, dates=dates, exceptions=exceptions))
    return events


PROGRAMMES = {data.load(key, "town")["ico"]: programme(key) for key in data.town_keys()}
INTROS = {
    data.load(key, "town")["ico"]: data.load(key, "events")["intro"] for key in data.town_keys()
}
DEFAULT_ICO = data.load(data.DEFAULT_TOWN, "town")["ico"]


# --- building ------------------------------------------------------------------------------


def _moment(day, text):
    hours, minutes = (int(part) for part in text.split(":"))
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(hours, minutes)),
        timezone.get_default_timezone(),
    )


def _date_rows(demo, today):
    rows = []
    for when in demo.dates:
        first = when.anchor(today)
        if not when.start:
            last = first + datetime.timedelta(days=when.last_day)
            rows.append(
                EventDate(start=_moment(first, "0:00"), end=_moment(last, "0:00"), all_day=True)
            )
            continue
        last = first + datetime.timedelta(days=when.last_day)
        rows.append(
            EventDate(
                start=_moment(first, when.start),
                end=_moment(last, when.end) if when.end else None,
            )
        )
    return rows


def ensure_types(municipality):
    return {
        fields["slug"]: ensure_type(EventType, municipality, **fields)
        for fields in data.shared("events")["types"]
    }


def ensure_index(municipality):
    home = municipality.site.root_page.specific
    fields = data.shared("events")["index"]
    existing = home.get_children().filter(slug=fields["slug"]).first()
    if existing is not None:
        return existing.specific if isinstance(existing.specific, EventIndexPage) else None
    index = EventIndexPage(
        **fields, intro=INTROS.get(municipality.ico, INTROS[DEFAULT_ICO]), show_in_menus=True
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def _event_page(demo, types, today):
    price = None if demo.price in ("", "0") else from_decimal(demo.price)
    return EventPage(
        title=demo.title,
        slug=demo.slug,
        teaser=demo.teaser,
        body=demo.body,
        types=[types[slug] for slug in demo.types],
        dates=_date_rows(demo, today),
        exception_dates=[EventExceptionDate(date=anchor(today)) for anchor in demo.exceptions],
        repeat=demo.repeat,
        repeat_interval=demo.interval,
        repeat_monthly_by=demo.monthly_by,
        repeat_until=(
            today + datetime.timedelta(days=demo.until_days) if demo.until_days else None
        ),
        repeat_count=demo.count,
        venue=demo.venue,
        address=demo.address,
        latitude=Decimal(demo.latitude) if demo.latitude else None,
        longitude=Decimal(demo.longitude) if demo.longitude else None,
        organiser=demo.organiser,
        organiser_ico=demo.organiser_ico,
        is_free=demo.price == "0",
        price=price,
        price_note=demo.price_note,
        accessibility=demo.accessibility,
        registration_url=demo.registration_url,
    )


@transaction.atomic
def build_demo(municipality, today=None):
    """Create the events section of a demo town; returns the index page (None if blocked)."""
    today = today or timezone.localdate()
    index = ensure_index(municipality)
    if index is None:
        return None
    types = ensure_types(municipality)
    existing = set(index.get_children().values_list("slug", flat=True))
    for demo in PROGRAMMES.get(municipality.ico, PROGRAMMES[DEFAULT_ICO]):
        if demo.slug in existing:
            continue
        event = _event_page(demo, types, today)
        index.add_child(instance=event)  # validates the page (Page.save runs full_clean)
        event.save_revision().publish()
    return index
