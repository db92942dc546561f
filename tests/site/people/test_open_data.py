"""The directory as OFN "Kontakty" open data, valid against the national schema."""

import json

import pytest

from tests.factories import PersonFactory
from tests.ofn import ofn_errors

from .factories import DepartmentFactory, DirectoryPageFactory, PlaceFactory

pytestmark = pytest.mark.django_db
SCHEMA = "kontakty/2020-07-01/schémata/kontakty.json"


@pytest.fixture
def directory(town_a, town_b):
    town_a.street, town_a.postcode, town_a.city = "Návesní 1", "285 01", "Alfa"
    town_a.email, town_a.phone, town_a.data_box = (
        "podatelna@alfa.test",
        "+420 321 654 987",
        "ab2cd3e",
    )
    town_a.save()
    page = DirectoryPageFactory(parent=town_a.site.root_page)
    office = PlaceFactory(
        municipality=town_a,
        name="Obecní úřad",
        latitude="49.948512",
        longitude="15.268947",
        phone="321 654 987",
        email="urad@alfa.test",
    )
    PlaceFactory(municipality=town_a, name="Sběrné místo", street="", postcode="", city="")
    PersonFactory(
        municipality=town_a,
        first_name="Jan",
        last_name="Novák",
        title_before="Ing.",
        position="starosta",
        department=DepartmentFactory(municipality=town_a, name="Vedení obce"),
        email="starosta@alfa.test",
        phone="+420 321 654 980",
        mobile="604 118 327",
        place=office,
    )
    PersonFactory(municipality=town_a, first_name="Eva", last_name="Malá", position="")
    PersonFactory(municipality=town_b, first_name="Bedřich", last_name="Betovský")
    return page


def fetch(client):
    response = client.get("/kontakty/ofn/", HTTP_HOST="alfa.test")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    return json.loads(response.content)


def test_document_is_valid_ofn_kontakty(client, directory):
    document = fetch(client)
    assert ofn_errors(SCHEMA, document) == []


def test_document_lists_office_places_and_own_people(client, directory):
    document = fetch(client)
    names = [item["název"]["cs"] for item in document]
    assert names == ["Obec Alfa", "Obecní úřad", "Sběrné místo", "Eva Malá", "Ing. Jan Novák"]
    office, place, _yard, _eva, mayor = document
    assert office["idds"] == "ab2cd3e"
    assert office["umístění"]["adresa"]["psč"] == "28501"
    assert place["umístění"]["geometrie"] == {
        "type": "Point",
        "coordinates": [15.268947, 49.948512],
    }
    assert place["telefon"] == "tel:+420321654987"
    assert mayor["email"] == "mailto:starosta@alfa.test"
    assert mayor["mobil"] == "tel:+420604118327"
    assert mayor["popis"] == {"cs": "starosta, Vedení obce"}
    assert mayor["iri"].startswith("http://alfa.test/kontakty/osoba/")
    assert all(
        item["@context"].endswith("/kontakty/2020-07-01/kontexty/kontakt.jsonld")
        for item in document
    )


def test_directory_page_links_its_open_data(client, directory):
    html = client.get("/kontakty/", HTTP_HOST="alfa.test").content.decode()
    assert 'rel="alternate" type="application/ld+json" href="/kontakty/ofn/"' in html
