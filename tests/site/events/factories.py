"""Factories for event pages, their dates and event types."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from radnice.events.models import EventDate, EventIndexPage, EventPage, EventType


def at(day, hour=0, minute=0):
    """An aware datetime in Prague on ``day`` at ``hour``:``minute``."""
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(hour, minute)),
        timezone.get_default_timezone(),
    )


def timed(day, start_hour, end_hour=None, minutes=0):
    """A date row from ``start_hour`` to ``end_hour`` on ``day``."""
    return EventDate(
        start=at(day, start_hour, minutes),
        end=at(day, end_hour, minutes) if end_hour is not None else None,
    )


def whole_days(first, last=None):
    return EventDate(start=at(first), end=at(last or first), all_day=True)


class EventTypeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Typ akce {n}")
    slug = factory.Sequence(lambda n: f"typ-{n}")

    class Meta:
        model = EventType


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Akce"
    slug = "akce"
    intro = "Kulturní, sportovní a společenské akce v obci."

    class Meta:
        model = EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    """``dates`` (EventDate rows), ``types`` and ``exception_dates`` go to the constructor,
    so the page is saved once with them and its occurrences are built."""

    title = factory.Sequence(lambda n: f"Akce {n}")
    slug = factory.Sequence(lambda n: f"akce-{n}")
    teaser = "Srdečně zveme všechny občany."
    venue = "Kulturní dům"
    address = "Návesní 12, Alfa"

    class Meta:
        model = EventPage
