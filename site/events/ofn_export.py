"""Open data of events: OFN "Událost" JSON-LD (ofn.gov.cz/události/2020-07-01) and CSV."""

import html

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from municipalities.hosts import page_full_url
from municipalities.scope import municipality_of_page
from radnice.core.money import to_decimal
from radnice.opendata.ofn import multilingual, organisation, time_instant
from radnice.opendata.responses import csv_response, jsonld_response

from . import queries
from .formatting import format_price

CONTEXT = "https://ofn.gov.cz/události/2020-07-01/kontexty/událost.jsonld"
CZK = "http://publications.europa.eu/resource/authority/currency/CZK"


def _text(event, value):
    """A multilingual text in the event page's own language."""
    language = event.locale.language_code if event.locale_id else "cs"
    return multilingual(**{language: value})


def _instant(occurrence, moment, day):
    if occurrence.all_day:
        return time_instant(day)
    return time_instant(timezone.localtime(moment, timezone.get_default_timezone()))


def time_specification(occurrence):
    return {
        "typ": "Časová specifikace",
        "časový_interval": {
            "typ": "Časový interval",
            "začátek": _instant(occurrence, occurrence.start, occurrence.start_date),
            "konec": _instant(occurrence, occurrence.end, occurrence.end_date),
        },
    }


def _location(event):
    location = {"typ": "Umístění"}
    if event.venue:
        location["název"] = _text(event, event.venue)
    if event.address:
        location["adresa"] = {"typ": "Adresa", "text": _text(event, event.address)}
    if event.has_map_point:
        location["geometrie"] = {
            "type": "Point",
            "coordinates": [float(event.longitude), float(event.latitude)],
        }
    return location if len(location) > 1 else None


def _organiser(event, municipality):
    if event.organiser_ico:
        organiser = organisation(event.organiser_ico)
        if event.organiser:
            organiser["název"] = _text(event, event.organiser)
        return organiser
    if not event.organiser and municipality is not None:
        organiser = organisation(municipality.ico)
        organiser["název"] = multilingual(municipality.name)
        return organiser
    return None


def _admission(event):
    if event.is_free or event.price is not None:
        admission = {
            "typ": "Vstupné",
            "název": _text(event, format_price(event) or _("vstupné")),
            "cena": {
                "typ": "Částka",
                "výše": 0 if event.is_free else float(to_decimal(event.price)),
                "měna": CZK,
            },
        }
        if event.price_note:
            admission["podmínka"] = _text(event, event.price_note)
        return admission
    return None


def event_document(event, request, occurrences, municipality=None):
    """One OFN "Událost" object; ``occurrences`` become its ``doba_trvání``."""
    document = {
        "@context": CONTEXT,
        "typ": "Událost",
        "iri": page_full_url(event, request),
        "název": _text(event, event.title),
    }
    if event.teaser:
        document["popis"] = _text(event, event.teaser)
    long_description = html.unescape(strip_tags(event.body or "")).strip()
    if long_description:
        document["dlouhý_popis"] = _text(event, long_description)
    organiser = _organiser(event, municipality)
    if organiser:
        document["pořadatel"] = [organiser]
    location = _location(event)
    if location:
        document["umístění"] = [location]
    official_types = [t.ofn_type for t in event.types.all() if t.ofn_type]
    if official_types:
        document["typ_události"] = official_types
    if event.accessibility:
        document["bezbariérovost"] = {
            "typ": "Bezbariérovost",
            "popis": _text(event, event.accessibility),
        }
    if event.registration_url:
        document["registrace"] = _text(event, event.registration_url)
    admission = _admission(event)
    if admission:
        document["vstupné"] = [admission]
    document["doba_trvání"] = [time_specification(o) for o in occurrences]
    if event.first_published_at:
        document["vytvořeno"] = time_instant(timezone.localtime(event.first_published_at))
    if event.last_published_at:
        document["aktualizováno"] = time_instant(timezone.localtime(event.last_published_at))
    if occurrences:
        last = max(occurrences, key=lambda o: o.end)
        document["relevantní_do"] = _instant(last, last.end, last.end_date)
    return document


def jsonld_event(event, request):
    occurrences = list(event.occurrences.order_by("start"))
    return jsonld_response(
        event_document(event, request, occurrences, municipality_of_page(event, request)),
        f"{event.slug}.jsonld",
    )


def jsonld_events(index_page, request, today=None):
    """The list ("Seznam událostí") of upcoming events with their upcoming occurrences."""
    municipality = municipality_of_page(index_page, request)
    events = queries.upcoming_events(index_page, today)
    return jsonld_response(
        [
            event_document(event, request, event.upcoming_occurrences, municipality)
            for event in events
        ]
    )


CSV_HEADER = [
    "nazev",
    "zacatek",
    "konec",
    "celodenni",
    "typ",
    "misto",
    "adresa",
    "zemepisna_sirka",
    "zemepisna_delka",
    "poradatel",
    "vstupne",
    "bezbarierovost",
    "registrace",
    "url",
]


def _iso(occurrence, moment, day):
    if occurrence.all_day:
        return day.isoformat()
    return timezone.localtime(moment, timezone.get_default_timezone()).isoformat()


def csv_rows(occurrences, request):
    for occurrence in occurrences:
        event = occurrence.event
        yield [
            event.title,
            _iso(occurrence, occurrence.start, occurrence.start_date),
            _iso(occurrence, occurrence.end, occurrence.end_date),
            "ano" if occurrence.all_day else "ne",
            ", ".join(t.name for t in event.types.all()),
            event.venue,
            event.address,
            event.latitude,
            event.longitude,
            event.organiser,
            format_price(event).replace("\u00a0", " "),
            event.accessibility,
            event.registration_url,
            page_full_url(event, request),
        ]


def csv_occurrences(index_page, request, today=None):
    """Every upcoming occurrence below the index, one row each (ISO 8601 dates)."""
    occurrences = queries.upcoming_occurrences(index_page, today).prefetch_related("event__types")[
        :5000
    ]
    return csv_response("akce.csv", CSV_HEADER, csv_rows(occurrences, request))
