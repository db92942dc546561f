"""A person's vCard (RFC 6350, version 4.0): what an address book reads back."""

import pytest

from radnice.people.vcard import fold, person_vcard, vcard_filename
from tests.factories import PersonFactory

from .factories import DepartmentFactory, PlaceFactory
from .vcard_parser import parse_vcard, structured_value, text_value, unfold

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(town_a):
    town_a.street, town_a.postcode, town_a.city = "Návesní 1", "285 01", "Alfa"
    town_a.save()
    return PersonFactory(
        municipality=town_a,
        title_before="doc. Ing.",
        first_name="Jiří",
        last_name="Čermák",
        title_after="Ph.D., MBA",
        position="vedoucí odboru výstavby, územního plánování; stavební úřad",
        department=DepartmentFactory(municipality=town_a, name="Odbor výstavby; Stavební úřad"),
        email="cermak@alfa.test",
        phone="+420 321 654 980",
        mobile="604 118 327",
        office_hours="po a st 8:00–17:00\nút po domluvě",
    )


def test_vcard_4_with_name_titles_and_organisation(person):
    properties = parse_vcard(person_vcard(person))
    assert text_value(properties, "VERSION") == "4.0"
    assert text_value(properties, "FN") == "doc. Ing. Jiří Čermák, Ph.D., MBA"
    assert structured_value(properties, "N") == [
        ["Čermák"],
        ["Jiří"],
        [],
        ["doc.", "Ing."],
        ["Ph.D.", "MBA"],
    ]
    assert text_value(properties, "TITLE") == (
        "vedoucí odboru výstavby, územního plánování; stavební úřad"
    )
    assert structured_value(properties, "ORG") == [
        [person.municipality.name],
        ["Odbor výstavby; Stavební úřad"],
    ]
    assert text_value(properties, "NOTE") == "po a st 8:00–17:00\nút po domluvě"


def test_commas_and_semicolons_are_escaped_on_the_wire(person):
    text = person_vcard(person)
    assert "TITLE:vedoucí odboru výstavby\\, územního plánování\\; stavební úřad" in "".join(
        unfold(text)
    )
    assert "ORG:Obec Alfa;Odbor výstavby\\; Stavební úřad" in unfold(text)


def test_email_phones_and_address(person):
    properties = parse_vcard(person_vcard(person))
    assert text_value(properties, "EMAIL") == "cermak@alfa.test"
    phones = {params["TYPE"]: value for params, value in properties["TEL"]}
    assert phones == {"work,voice": "tel:+420321654980", "work,cell": "tel:+420604118327"}
    assert all(params["VALUE"] == "uri" for params, _value in properties["TEL"])
    assert structured_value(properties, "ADR") == [
        [],
        [],
        ["Návesní 1"],
        ["Alfa"],
        [],
        ["285 01"],
        ["Česká republika"],
    ]


def test_address_and_point_of_the_persons_place(person, town_a):
    person.place = PlaceFactory(
        municipality=town_a,
        street="Školní 45",
        city="Alfa",
        postcode="285 02",
        latitude="49.948512",
        longitude="15.268947",
    )
    person.room = "dveře č. 12, 1. patro"
    properties = parse_vcard(person_vcard(person))
    address = structured_value(properties, "ADR")
    assert address[1] == ["dveře č. 12, 1. patro"]  # an escaped comma stays in the value
    assert address[2:4] == [["Školní 45"], ["Alfa"]]
    assert text_value(properties, "GEO") == "geo:49.948512,15.268947"


def test_long_lines_are_folded_at_75_octets_without_splitting_characters(person):
    person.position = "referentka " + "řšžčý" * 30
    text = person_vcard(person)
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    assert text_value(parse_vcard(text), "TITLE") == person.position
    assert fold("a" * 75) == "a" * 75
    assert fold("a" * 76) == "a" * 75 + "\r\n a"


def test_minimal_person_has_only_what_is_known(town_a):
    person = PersonFactory(municipality=town_a, first_name="Eva", last_name="Malá", position="")
    properties = parse_vcard(person_vcard(person))
    assert set(properties) == {"BEGIN", "VERSION", "KIND", "FN", "N", "ORG", "END"}
    assert text_value(properties, "FN") == "Eva Malá"


def test_filename_is_ascii():
    assert vcard_filename(PersonFactory.build(first_name="Jiří", last_name="Čermák")) == (
        "jiri-cermak.vcf"
    )
