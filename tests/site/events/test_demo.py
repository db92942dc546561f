"""Demo events: a realistic programme per town, built idempotently."""

import datetime

import pytest
from wagtail.models import Page, Revision

from municipalities.demo.towns import DEMO_TOWNS
from radnice.events import queries
from radnice.events.demo import PROGRAMMES, build_demo
from radnice.events.models import EventOccurrence, EventPage, EventType
from tests.factories import make_municipality

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 4)


def snapshot():
    return {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "title", "live")),
        "revisions": Revision.objects.count(),
        "occurrences": list(
            EventOccurrence.objects.order_by("pk").values_list("pk", "event_id", "start")
        ),
        "types": list(EventType.objects.order_by("pk").values_list("pk", "slug", "name")),
    }


def test_every_demo_town_has_at_least_fifteen_events_with_repeats():
    for programme in PROGRAMMES.values():
        assert len(programme) >= 15
        assert sum(1 for demo in programme if demo.repeat) >= 3
        assert len({demo.slug for demo in programme}) == len(programme)


def test_build_demo_creates_past_and_upcoming_events_and_is_idempotent(town_a):
    index = build_demo(town_a, today=TODAY)
    assert index.slug == "akce" and index.live
    events = EventPage.objects.child_of(index)
    assert events.count() >= 15
    assert all(event.live for event in events)
    assert queries.upcoming_occurrences(index, TODAY).count() > 15
    assert queries.past_occurrences(index, TODAY).count() > 5
    titles = {o.event.title for o in queries.upcoming_occurrences(index, TODAY)}
    assert "Cvičení pro seniory" in titles
    assert "Zasedání zastupitelstva obce" in titles

    before = snapshot()
    build_demo(town_a, today=TODAY)
    build_demo(town_a, today=TODAY + datetime.timedelta(days=3))
    assert snapshot() == before


@pytest.mark.parametrize("town", DEMO_TOWNS, ids=lambda town: town.hostname)
def test_each_demo_towns_programme_builds(town):
    municipality = make_municipality(town.name, town.hostname, kind=town.kind, ico=town.ico)
    index = build_demo(municipality, today=TODAY)
    slugs = set(EventPage.objects.child_of(index).values_list("slug", flat=True))
    assert slugs == {demo.slug for demo in PROGRAMMES[town.ico]}
    assert EventType.objects.filter(municipality=municipality).count() == 8


def test_a_town_that_is_not_a_demo_town_gets_lhotas_programme(town_a):
    build_demo(town_a, today=TODAY)
    assert EventPage.objects.filter(slug="farmarske-trhy", title="Farmářské trhy na návsi")
