"""The demo's content is data: YAML files read by one loader, complete for every demo town."""

from types import SimpleNamespace

import pytest

from municipalities.demo import data
from municipalities.demo.towns import DEMO_TOWNS, LHOTA

SECTIONS = ["town", "news", "events", "contacts", "alert"]


def test_every_demo_town_has_every_section_of_data():
    assert data.town_keys() == ["lhota", "hornidolni", "praha99"]
    for key in data.town_keys():
        for section in SECTIONS:
            assert data.load(key, section), (key, section)


def test_demo_towns_are_built_from_their_data_with_their_modules():
    assert [town.name for town in DEMO_TOWNS] == ["Lhota pod Lesem", "Horní Dolní", "Praha 99"]
    assert LHOTA.ico == "00991236"
    assert [town.modules for town in DEMO_TOWNS] == [
        {"budget": {"kind": "cityvizor"}, "payments": {}},
        {"budget": {"kind": "kxx"}},
        {},
    ]


def test_a_municipality_that_is_no_demo_town_gets_the_default_towns_content():
    other = SimpleNamespace(ico="12345679")
    assert data.town_key(other) is None
    assert data.town_content(other, "alert") == data.load("lhota", "alert")
    assert data.town_content(other, "news", default=None) is None
    assert data.town_key(SimpleNamespace(ico="00997897")) == "praha99"


def test_loaded_content_is_a_copy_that_builders_may_change():
    data.load("lhota", "alert")["title"] = "Změněno"
    assert data.load("lhota", "alert")["title"] != "Změněno"


def test_words_are_filled_into_texts_lists_and_dicts():
    value = {"title": "Uzavírka {road}", "body": [{"type": "paragraph", "value": "<p>{road}</p>"}]}
    assert data.formatted(value, {"road": "III/3352"}) == {
        "title": "Uzavírka III/3352",
        "body": [{"type": "paragraph", "value": "<p>III/3352</p>"}],
    }


@pytest.mark.parametrize("key", ["lhota", "hornidolni", "praha99"])
def test_every_event_takes_place_at_a_place_of_its_town(key):
    content = data.load(key, "events")
    assert {event["place"] for event in content["events"]} <= set(content["places"])
