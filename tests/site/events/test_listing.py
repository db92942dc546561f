"""Listings of upcoming and past events: filters, presets, facet counts, pages, tenancy."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from radnice.events import queries
from radnice.events.filters import EventOccurrenceFilter
from radnice.events.views import listing_context

from .factories import (
    EventIndexPageFactory,
    EventPageFactory,
    EventTypeFactory,
    timed,
    whole_days,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 4)  # a Wednesday
NOV = datetime.date(2026, 11, 1)


def day(n, month=11):
    return datetime.date(2026, month, n)


@pytest.fixture
def types_a(town_a):
    return {
        "koncerty": EventTypeFactory(municipality=town_a, name="Koncerty", slug="koncerty"),
        "sport": EventTypeFactory(municipality=town_a, name="Sport", slug="sport"),
    }


@pytest.fixture
def programme(index_a, types_a):
    """Upcoming on 4 Nov 2026: the exhibition (1–8 Nov), a concert on Saturday 7 Nov,
    football on the Mondays 9, 16 and 23 Nov and a concert on 12 Dec; past: a concert on
    20 Oct and the football on 2 Nov."""
    concert, sport = types_a["koncerty"], types_a["sport"]
    return {
        "old_concert": EventPageFactory(
            parent=index_a,
            title="Podzimní koncert",
            dates=[timed(day(20, 10), 19, 21)],
            types=[concert],
        ),
        "exhibition": EventPageFactory(
            parent=index_a, title="Výstava obrazů", dates=[whole_days(day(1), day(8))]
        ),
        "concert": EventPageFactory(
            parent=index_a, title="Koncert ZUŠ", dates=[timed(day(7), 19, 21)], types=[concert]
        ),
        "football": EventPageFactory(
            parent=index_a,
            title="Fotbal mladších žáků",
            dates=[timed(day(2), 17, 18)],
            repeat="weekly",
            repeat_count=4,
            types=[sport],
        ),
        "advent": EventPageFactory(
            parent=index_a,
            title="Adventní koncert",
            dates=[timed(day(12, 12), 18, 20)],
            types=[concert],
        ),
    }


def titles(occurrences):
    return [(o.event.title, o.start_date) for o in occurrences]


def filtered(index, today=TODAY, **params):
    return list(
        EventOccurrenceFilter(params, queries.upcoming_occurrences(index, today), today=today).qs
    )


# --- current and archive ------------------------------------------------------------------


def test_upcoming_lists_every_occurrence_at_its_date_soonest_first(index_a, programme):
    assert titles(queries.upcoming_occurrences(index_a, TODAY)) == [
        ("Výstava obrazů", day(1)),
        ("Koncert ZUŠ", day(7)),
        ("Fotbal mladších žáků", day(9)),
        ("Fotbal mladších žáků", day(16)),
        ("Fotbal mladších žáků", day(23)),
        ("Adventní koncert", day(12, 12)),
    ]


def test_archive_has_what_ended_before_today_latest_first(index_a, programme):
    assert titles(queries.past_occurrences(index_a, TODAY)) == [
        ("Fotbal mladších žáků", day(2)),
        ("Podzimní koncert", day(20, 10)),
    ]


def test_an_event_ending_today_is_still_current(index_a, programme):
    assert ("Výstava obrazů", day(1)) in titles(queries.upcoming_occurrences(index_a, day(8)))
    assert ("Výstava obrazů", day(1)) in titles(queries.past_occurrences(index_a, day(9)))


def test_only_live_events_of_this_index_are_listed(town_a, index_a, index_b, programme):
    EventPageFactory(parent=index_b, title="Akce Bety", dates=[timed(day(10), 10)])
    EventPageFactory(parent=index_a, title="Koncept", dates=[timed(day(10), 10)], live=False)
    other_index = EventIndexPageFactory(
        parent=town_a.site.root_page, title="Sportoviště", slug="sportoviste"
    )
    EventPageFactory(parent=other_index, title="Jiný přehled", dates=[timed(day(10), 10)])
    listed = {title for title, _day in titles(queries.upcoming_occurrences(index_a, TODAY))}
    assert listed == {"Výstava obrazů", "Koncert ZUŠ", "Fotbal mladších žáků", "Adventní koncert"}
    home_block = {o.event.title for o in queries.upcoming(town_a.site.root_page, 20, TODAY)}
    assert "Jiný přehled" in home_block
    assert "Akce Bety" not in home_block and "Koncept" not in home_block


def test_upcoming_for_the_home_page_returns_the_next_few(town_a, programme):
    upcoming = queries.upcoming(town_a.site.root_page, 2, today=TODAY)
    assert titles(upcoming) == [("Výstava obrazů", day(1)), ("Koncert ZUŠ", day(7))]


# --- filters, presets and facets ----------------------------------------------------------


def test_type_and_month_filters(index_a, programme):
    assert len(filtered(index_a, typ="koncerty")) == 2
    assert titles(filtered(index_a, typ="koncerty", mesic="2026-12")) == [
        ("Adventní koncert", day(12, 12))
    ]
    assert len(filtered(index_a, mesic="2026-11")) == 5
    assert filtered(index_a, mesic="nesmysl") == []


def test_presets_today_this_weekend_this_month(index_a, programme):
    assert titles(filtered(index_a, obdobi="dnes")) == [("Výstava obrazů", day(1))]
    assert titles(filtered(index_a, obdobi="vikend")) == [
        ("Výstava obrazů", day(1)),
        ("Koncert ZUŠ", day(7)),
    ]
    assert len(filtered(index_a, obdobi="mesic")) == 5


def test_weekend_preset_on_a_sunday_is_that_weekend():
    sunday = day(8)
    assert queries.preset_range("vikend", sunday) == (sunday, sunday)
    assert queries.preset_range("vikend", day(7)) == (day(7), day(8))
    assert queries.preset_range("vikend", TODAY) == (day(7), day(8))


def facet_counts(options):
    return {option.label: option.count for option in options}


def test_facets_count_what_each_option_would_leave(index_a, programme):
    context = listing_context(index_a, {}, archive=False, today=TODAY)
    assert facet_counts(context["facets"]["typ"]) == {"Koncerty": 2, "Sport": 3}
    assert facet_counts(context["facets"]["mesic"]) == {"listopad 2026": 5, "prosinec 2026": 1}
    assert facet_counts(context["facets"]["obdobi"]) == {
        "Dnes": 1,
        "Tento víkend": 2,
        "Tento měsíc": 5,
    }


def test_a_facet_ignores_its_own_filter_and_respects_the_others(index_a, programme):
    context = listing_context(index_a, {"mesic": "2026-12"}, archive=False, today=TODAY)
    assert facet_counts(context["facets"]["typ"]) == {"Koncerty": 1}
    assert facet_counts(context["facets"]["mesic"]) == {"listopad 2026": 5, "prosinec 2026": 1}
    [december] = [o for o in context["facets"]["mesic"] if o.selected]
    assert december.url == "?"  # clicking the selected month removes the filter
    [concerts] = context["facets"]["typ"]
    assert concerts.url == "?mesic=2026-12&typ=koncerty"
    assert context["page_obj"].paginator.count == 1


def test_archive_facets(index_a, programme):
    context = listing_context(index_a, {}, archive=True, today=TODAY)
    assert facet_counts(context["facets"]["typ"]) == {"Koncerty": 1, "Sport": 1}
    assert facet_counts(context["facets"]["mesic"]) == {"listopad 2026": 1, "říjen 2026": 1}
    assert [o.label for o in context["facets"]["mesic"]] == ["listopad 2026", "říjen 2026"]
    assert "obdobi" not in context["facets"]


def test_type_facet_is_in_czech_alphabetical_order(town_a, index_a):
    names = ["Chovatelé", "Hasiči", "Cvičení", "Čtení"]
    for name in names:
        event_type = EventTypeFactory(municipality=town_a, name=name)
        EventPageFactory(parent=index_a, dates=[timed(day(10), 10)], types=[event_type])
    labels = [o[1] for o in queries.type_counts(queries.upcoming_occurrences(index_a, TODAY))]
    assert labels == ["Cvičení", "Čtení", "Hasiči", "Chovatelé"]


def test_pagination(index_a):
    for n in range(25):
        EventPageFactory(parent=index_a, dates=[timed(day(5), 10)], title=f"Akce {n:02d}")
    first = listing_context(index_a, {}, archive=False, today=TODAY)
    assert len(first["page_obj"].object_list) == 20
    assert first["pagination"].next_url == "?strana=2"
    second = listing_context(index_a, {"strana": "2"}, archive=False, today=TODAY)
    assert len(second["page_obj"].object_list) == 5
    assert second["pagination"].previous_url == "?strana=1"


# --- the rendered page -------------------------------------------------------------------


@pytest.fixture
def soon(index_a, types_a):
    today = timezone.localdate()
    return EventPageFactory(
        parent=index_a,
        title="Beseda s kronikářem",
        dates=[timed(today + datetime.timedelta(days=3), 18, 20)],
        types=[types_a["koncerty"]],
    )


def test_listing_page_renders_filters_as_links_and_feeds_in_head(client, index_a, soon):
    response = client.get("/akce/", HTTP_HOST="alfa.test")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Beseda s kronikářem" in html
    assert 'href="?typ=koncerty"' in html
    assert "Koncerty (1)" in html
    assert 'href="?obdobi=dnes"' in html and "Tento víkend" in html
    assert '<link rel="alternate" type="text/calendar" href="/akce/akce.ics"' in html
    assert 'type="application/ld+json" href="/akce/data.jsonld"' in html
    assert 'type="text/csv" href="/akce/data.csv"' in html
    assert "<form" not in html or 'method="get"' in html


def test_selected_filter_is_marked_without_colour(client, index_a, soon):
    html = client.get("/akce/?typ=koncerty", HTTP_HOST="alfa.test").content.decode()
    assert 'aria-current="true"' in html
    assert "vybráno" in html
    assert "Zrušit všechny filtry" in html
    assert '<p class="active-filters">Vybrané filtry:' in html
    assert '<a href="?">Koncerty – zrušit</a>' in html


def test_archive_page_renders(client, index_a, soon):
    response = client.get("/akce/archiv/", HTTP_HOST="alfa.test")
    assert response.status_code == 200
    assert "Beseda s kronikářem" not in response.content.decode()


def test_another_towns_host_does_not_serve_this_index(client, town_b, index_a, soon):
    assert client.get("/akce/", HTTP_HOST="beta.test").status_code == 404


# --- the query-count guard --------------------------------------------------------------------


def populate(index, event_type, first, last):
    today = timezone.localdate()
    for n in range(first, last):
        EventPageFactory(
            parent=index,
            title=f"Akce číslo {n}",
            slug=f"akce-cislo-{n}",
            dates=[timed(today + datetime.timedelta(days=n % 40), 10, 12)],
            types=[event_type],
        )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, HTTP_HOST="alfa.test")
    assert response.status_code == 200
    return len(captured)


def test_listing_and_calendar_query_counts_do_not_grow_with_events(client, index_a, types_a):
    urls = ["/akce/", "/akce/?typ=koncerty", "/akce/kalendar/", "/akce/archiv/"]
    populate(index_a, types_a["koncerty"], 0, 10)
    for url in urls:
        count_queries(client, url)  # warm caches (site root paths, known hosts)
    small = {url: count_queries(client, url) for url in urls}
    populate(index_a, types_a["koncerty"], 10, 100)
    large = {url: count_queries(client, url) for url in urls}
    assert small == large


@pytest.mark.parametrize("path", ["/akce/", "/akce/archiv/"])
def test_old_query_words_redirect_permanently_to_the_czech_ones(client, index_a, path):
    response = client.get(f"{path}?typ=koncerty&page=2&type=sport", HTTP_HOST="alfa.test")
    assert response.status_code == 301
    assert response["Location"] == f"{path}?typ=koncerty&strana=2"
