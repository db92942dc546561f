"""Open data of the board: the OFN "Úřední deska" document, CSV, RSS and Atom."""

import csv
import datetime
import io
import json

import feedparser
import pytest
from django.test import Client, RequestFactory

from radnice.board.opendata import OFN_CONTEXT, board_document
from tests.ofn import BOARD_SCHEMA, ofn_errors

from ...factories import PersonFactory
from .factories import (
    NoticeAttachmentFactory,
    NoticeResponsiblePersonFactory,
    NoticeTypeFactory,
    OfficialNoticePageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def board_with_notices(board_a, town_a, today):
    decrees = NoticeTypeFactory(municipality=town_a, name="Vyhlášky")
    full = OfficialNoticePageFactory(
        parent=board_a,
        title="Veřejná vyhláška – oznámení o zahájení územního řízení",
        teaser="Stavba rodinného domu na pozemku p. č. 123/4.",
        date_posted=today - datetime.timedelta(days=2),
        date_taken_down=today + datetime.timedelta(days=13),
        reference_number="MUHD/OV/1234/2026",
        file_mark="OV/56/2026",
        agenda="stavební řízení; územní plánování",
        department="Odbor výstavby",
        approval_date=today - datetime.timedelta(days=5),
        notice_types=[decrees],
    )
    NoticeAttachmentFactory(notice=full, document__collection=town_a.collection)
    NoticeAttachmentFactory(
        notice=full, title="Situační výkres", document__collection=town_a.collection
    )
    NoticeResponsiblePersonFactory(notice=full, person=PersonFactory(municipality=town_a))
    minimal = OfficialNoticePageFactory(
        parent=board_a, title="Pozvánka", teaser="", date_posted=today, date_taken_down=None
    )
    personal = OfficialNoticePageFactory(
        parent=board_a,
        title="Oznámení o uložení písemnosti",
        date_posted=today - datetime.timedelta(days=1),
        date_taken_down=today + datetime.timedelta(days=15),
        contains_personal_data=True,
    )
    NoticeAttachmentFactory(notice=personal, document__collection=town_a.collection)
    archived = OfficialNoticePageFactory(
        parent=board_a,
        title="Sejmutá vyhláška",
        date_posted=today - datetime.timedelta(days=60),
        date_taken_down=today - datetime.timedelta(days=30),
    )
    return {"full": full, "minimal": minimal, "personal": personal, "archived": archived}


def get(client, url):
    return client.get(url, HTTP_HOST="alfa.test")


def get_data_file(board, filename):
    """``<board URL>data.jsonld`` / ``data.csv`` through the project's URLs (``page_files``)."""
    return Client().get(board.url + filename, HTTP_HOST="alfa.test")


def test_ofn_document_validates_and_holds_exactly_the_current_notices(
    board_a, board_with_notices, town_a
):
    response = get_data_file(board_a, "data.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    document = json.loads(response.content)
    assert ofn_errors(BOARD_SCHEMA, document) == []
    assert document["@context"] == OFN_CONTEXT
    assert document["typ"] == "Úřední deska"
    assert document["stránka"] == "http://alfa.test/uredni-deska/"
    assert document["provozovatel"] == {"typ": "Osoba", "ičo": town_a.ico}
    names = {item["název"]["cs"] for item in document["informace"]}
    assert names == {
        "Veřejná vyhláška – oznámení o zahájení územního řízení",
        "Pozvánka",
        "Oznámení o uložení písemnosti",
    }


def test_ofn_information_carries_every_optional_field(rf_alfa, board_a, board_with_notices, today):
    document = board_document(board_a, rf_alfa, on_day=today)
    assert ofn_errors(BOARD_SCHEMA, document) == []
    by_name = {item["název"]["cs"]: item for item in document["informace"]}
    full = by_name["Veřejná vyhláška – oznámení o zahájení územního řízení"]
    notice = board_with_notices["full"]
    assert full["typ"] == ["Digitální objekt", "Informace na úřední desce"]
    assert full["iri"] == full["url"] == "http://alfa.test/uredni-deska/" + notice.slug + "/"
    assert full["popis"] == {"cs": "Stavba rodinného domu na pozemku p. č. 123/4."}
    assert full["vyvěšení"] == {
        "typ": "Časový okamžik",
        "datum": (today - datetime.timedelta(days=2)).isoformat(),
    }
    assert full["relevantní_do"]["datum"] == (today + datetime.timedelta(days=13)).isoformat()
    assert full["schválení"]["datum"] == (today - datetime.timedelta(days=5)).isoformat()
    assert full["číslo_jednací"] == "MUHD/OV/1234/2026"
    assert full["spisová_značka"] == "OV/56/2026"
    assert full["agenda"] == [
        {"typ": "Agenda", "název": {"cs": "stavební řízení"}},
        {"typ": "Agenda", "název": {"cs": "územní plánování"}},
    ]
    assert [d["název"]["cs"] for d in full["dokument"]][1] == "Situační výkres"
    first = full["dokument"][0]
    assert first["typ"] == "Digitální objekt"
    assert first["url"].startswith("http://alfa.test/documents/")
    assert first["typ_média"] == "http://www.iana.org/assignments/media-types/application/pdf"

    minimal = by_name["Pozvánka"]
    assert minimal["relevantní_do"] == {"typ": "Časový okamžik", "nespecifikovaný": True}
    for absent in ("popis", "schválení", "číslo_jednací", "spisová_značka", "agenda", "dokument"):
        assert absent not in minimal


def test_csv_lists_current_notices(board_a, board_with_notices):
    response = get_data_file(board_a, "data.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 3
    full = next(row for row in rows if row["číslo_jednací"] == "MUHD/OV/1234/2026")
    assert full["typy"] == "Vyhlášky"
    assert full["odbor"] == "Odbor výstavby"
    assert len(full["dokumenty"].split()) == 2
    assert full["url"].startswith("http://alfa.test/uredni-deska/")
    pozvanka = next(row for row in rows if row["název"] == "Pozvánka")
    assert pozvanka["relevantní_do"] == ""


@pytest.mark.parametrize("path,version", [("rss/", "rss20"), ("atom/", "atom10")])
def test_feeds_parse_and_hold_the_current_notices(
    client, board_a, board_with_notices, path, version
):
    response = get(client, board_a.url + path)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == version
    assert feed.feed.title == "Úřední deska – Obec Alfa"
    titles = [entry.title for entry in feed.entries]
    assert titles == [
        "Pozvánka",
        "Oznámení o uložení písemnosti",
        "Veřejná vyhláška – oznámení o zahájení územního řízení",
    ]
    assert feed.entries[0].link == "http://alfa.test/uredni-deska/" + (
        board_with_notices["minimal"].slug + "/"
    )


@pytest.fixture
def rf_alfa():
    return RequestFactory().get("/", HTTP_HOST="alfa.test")


@pytest.mark.parametrize("path", ["rss/", "atom/", "data.jsonld", "data.csv"])
def test_host_header_with_a_foreign_port_never_reaches_absolute_urls(
    client, board_a, board_with_notices, path
):
    """An allowed host with any port is answered, but URLs carry the site's registered port."""
    response = client.get(board_a.url + path, HTTP_HOST="alfa.test:6666")
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "6666" not in text
    assert "http://alfa.test/uredni-deska/" in text
