"""Exports: iCalendar per event and per listing, OFN "Událost" JSON-LD and CSV."""

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from django.utils import timezone
from icalendar import Calendar

from radnice.events.models import EventExceptionDate
from tests.ofn import ofn_errors

from .factories import EventPageFactory, EventTypeFactory, timed, whole_days

pytestmark = pytest.mark.django_db

EVENT_SCHEMA = "události/2020-07-01/schémata/událost.json"
EVENTS_SCHEMA = "události/2020-07-01/schémata/události.json"
PRAGUE = timezone.get_default_timezone()


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def market(index_a, town_a, today):
    """Farmers' market every second Saturday from the next Saturday, 8:00–12:00."""
    saturday = today + datetime.timedelta(days=(5 - today.weekday()) % 7 or 7)
    market_type = EventTypeFactory(
        municipality=town_a,
        name="Trhy",
        slug="trhy",
        ofn_type="https://data.mvcr.gov.cz/zdroj/číselníky/typy-událostí/položky/trh",
    )
    event = EventPageFactory(
        parent=index_a,
        title="Farmářské trhy",
        slug="farmarske-trhy",
        teaser="Zelenina, sýry a pečivo od místních pěstitelů.",
        body="<p>Na návsi před obecním úřadem.</p>",
        dates=[timed(saturday, 8, 12)],
        repeat="weekly",
        repeat_interval=2,
        repeat_until=saturday + datetime.timedelta(days=70),
        exception_dates=[EventExceptionDate(date=saturday + datetime.timedelta(days=14))],
        types=[market_type],
        venue="Náves",
        address="Návesní, Alfa",
        latitude=Decimal("49.950000"),
        longitude=Decimal("15.270000"),
        price_note="vstup volný",
        is_free=True,
        accessibility="Bezbariérový přístup z chodníku.",
        registration_url="https://alfa.test/registrace",
        organiser="Spolek Alfa",
        organiser_ico="25596641",
    )
    event.save_revision().publish()
    event.saturday = saturday
    return event


@pytest.fixture
def festival(index_a, today):
    first = today + datetime.timedelta(days=20)
    event = EventPageFactory(
        parent=index_a,
        title="Pouťové slavnosti",
        slug="pout",
        dates=[whole_days(first, first + datetime.timedelta(days=2))],
        price=123450,  # hellers
    )
    event.save_revision().publish()
    event.first_day = first
    return event


def vevents(response):
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    return calendar, calendar.walk("VEVENT")


# --- iCalendar --------------------------------------------------------------------------------


def test_event_ics_keeps_the_series_with_rrule_and_exdate(client, market):
    response = client.get("/akce/farmarske-trhy/akce.ics", HTTP_HOST="alfa.test")
    calendar, [vevent] = vevents(response)
    start = vevent.decoded("DTSTART")
    assert start == datetime.datetime.combine(market.saturday, datetime.time(8), PRAGUE)
    assert vevent["DTSTART"].params["TZID"] == "Europe/Prague"
    assert vevent.decoded("DTEND").hour == 12
    rule = vevent["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["INTERVAL"] == [2]
    assert rule["UNTIL"][0].tzinfo is not None  # UTC, as RFC 5545 requires with TZID
    [exdate] = vevent["EXDATE"].dts
    assert exdate.dt.date() == market.saturday + datetime.timedelta(days=14)
    assert exdate.dt.hour == 8
    assert vevent["UID"] == f"akce-{market.pk}-termin-{market.dates.first().pk}@alfa.test"
    assert "DTSTAMP" in vevent
    assert str(vevent["SUMMARY"]) == "Farmářské trhy"
    assert "Náves" in str(vevent["LOCATION"])
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Prague"


def test_event_ics_is_stable(client, market):
    first = client.get("/akce/farmarske-trhy/akce.ics", HTTP_HOST="alfa.test").content
    second = client.get("/akce/farmarske-trhy/akce.ics", HTTP_HOST="alfa.test").content
    assert first == second


def test_all_day_event_uses_date_values_with_exclusive_end(client, festival):
    response = client.get("/akce/pout/akce.ics", HTTP_HOST="alfa.test")
    _calendar, [vevent] = vevents(response)
    assert vevent.decoded("DTSTART") == festival.first_day
    assert vevent.decoded("DTEND") == festival.first_day + datetime.timedelta(days=3)
    assert "RRULE" not in vevent


def test_listing_feed_has_each_upcoming_occurrence(client, market, festival):
    response = client.get("/akce/akce.ics", HTTP_HOST="alfa.test")
    _calendar, events = vevents(response)
    market_starts = sorted(
        e.decoded("DTSTART").date() for e in events if str(e["SUMMARY"]) == "Farmářské trhy"
    )
    saturday = market.saturday
    expected = [saturday + datetime.timedelta(days=14 * n) for n in range(6) if n != 1]
    assert market_starts == expected
    assert len({str(e["UID"]) for e in events}) == len(events)
    [pout] = [e for e in events if str(e["SUMMARY"]) == "Pouťové slavnosti"]
    assert pout.decoded("DTSTART") == festival.first_day


# --- OFN JSON-LD --------------------------------------------------------------------------------


def test_event_jsonld_validates_against_ofn_udalost(client, market):
    response = client.get("/akce/farmarske-trhy/data.jsonld", HTTP_HOST="alfa.test")
    assert response["Content-Type"].startswith("application/ld+json")
    document = json.loads(response.content)
    assert ofn_errors(EVENT_SCHEMA, document) == []
    assert document["typ"] == "Událost"
    assert document["název"] == {"cs": "Farmářské trhy"}
    assert document["iri"] == "http://alfa.test/akce/farmarske-trhy/"
    assert document["pořadatel"] == [
        {"typ": "Osoba", "ičo": "25596641", "název": {"cs": "Spolek Alfa"}}
    ]
    assert document["umístění"][0]["geometrie"]["coordinates"] == [15.27, 49.95]
    assert document["vstupné"][0]["cena"]["výše"] == 0
    assert len(document["doba_trvání"]) == 5
    first = document["doba_trvání"][0]["časový_interval"]["začátek"]["datum_a_čas"]
    assert first.startswith(f"{market.saturday.isoformat()}T08:00:00+0")


def test_listing_jsonld_is_a_valid_list_of_upcoming_events(client, town_a, market, festival):
    response = client.get("/akce/data.jsonld", HTTP_HOST="alfa.test")
    documents = json.loads(response.content)
    assert ofn_errors(EVENTS_SCHEMA, documents) == []
    assert [d["název"]["cs"] for d in documents] == ["Farmářské trhy", "Pouťové slavnosti"]
    pout = documents[1]
    assert pout["doba_trvání"][0]["časový_interval"]["začátek"] == {
        "typ": "Časový okamžik",
        "datum": festival.first_day.isoformat(),
    }
    assert pout["pořadatel"][0]["ičo"] == town_a.ico  # no organiser: the municipality
    assert pout["vstupné"][0]["cena"]["výše"] == 1234.5


def test_csv_has_one_row_per_upcoming_occurrence(client, market, festival):
    response = client.get("/akce/data.csv", HTTP_HOST="alfa.test")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["nazev", "zacatek", "konec", "celodenni"]
    assert len(rows) == 1 + 5 + 1
    pout = [row for row in rows if row[0] == "Pouťové slavnosti"][0]
    assert pout[1] == festival.first_day.isoformat()
    assert pout[3] == "ano"
    assert pout[10] == "1 234,50 Kč"


def test_files_of_another_town_are_not_served(client, town_b, market):
    response = client.get("/akce/farmarske-trhy/akce.ics", HTTP_HOST="beta.test")
    assert response.status_code == 404
