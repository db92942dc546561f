"""The node list: hand-picked pages or the latest of a source, as cards, teasers or tiles in
one to four columns, always from the current municipality's own tree.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Locale

from radnice.blocks.items import NodeItem, localized_site_root
from radnice.blocks.sources import get_source, latest_items, source_choices
from tests.factories import StandardPageFactory, site_path

from . import fake_sources
from .factories import ImageFactory, NodeListBlockFactory

pytestmark = pytest.mark.django_db


def render(value, page):
    request = RequestFactory().get("/", HTTP_HOST=page.get_site().hostname)
    return value.block.render(value, context={"page": page, "request": request})


def listed_titles(html):
    document = BeautifulSoup(html, "html.parser")
    return [a.text for a in document.select("ul.node-list > li a")]


@pytest.fixture
def home_a(town_a):
    return town_a.site.root_page.specific


@pytest.fixture
def pages_a(home_a):
    return [
        StandardPageFactory(parent=home_a, title=title, teaser=f"O tom, co je {title.lower()}.")
        for title in ("Odpady", "Školství", "Doprava", "Kultura")
    ]


def test_hand_picked_pages_are_listed_in_the_chosen_order(home_a, pages_a):
    odpady, skolstvi, doprava, _kultura = pages_a
    value = NodeListBlockFactory(pages=[doprava, odpady, skolstvi])
    html = render(value, home_a)
    assert listed_titles(html) == ["Doprava", "Odpady", "Školství"]
    document = BeautifulSoup(html, "html.parser")
    assert document.find("h2").text == "Aktuálně"
    assert document.select_one("ul.node-list h3 a")["href"] == site_path(doprava)
    assert "O tom, co je doprava." in html


def test_hand_picked_drafts_and_pages_of_another_town_are_left_out(home_a, pages_a, page_b):
    draft = StandardPageFactory(parent=home_a, title="Koncept", live=False)
    value = NodeListBlockFactory(pages=[pages_a[0], draft, page_b])
    assert listed_titles(render(value, home_a)) == ["Odpady"]


def test_hand_picked_page_is_shown_in_the_language_of_the_page(town_a, home_a, pages_a):
    english = Locale.objects.get(language_code="en")
    translation = pages_a[0].copy_for_translation(english)
    translation.title = "Waste"
    translation.save_revision().publish()
    english_home = home_a.get_translation(english)

    value = NodeListBlockFactory(pages=[pages_a[0], pages_a[1]])
    # The English page lists the English translation, and the Czech page where there is none.
    assert listed_titles(render(value, english_home)) == ["Waste", "Školství"]


def test_latest_items_come_from_the_registered_source_within_the_town(
    register_source, home_a, pages_a, page_b
):
    register_source("news", "latest_standard_pages")
    value = NodeListBlockFactory(mode="latest", source="news", limit=3)
    assert listed_titles(render(value, home_a)) == ["Kultura", "Doprava", "Školství"]
    # Rendered on any page of the town, the source gets the town's root.
    assert listed_titles(render(value, pages_a[0])) == ["Kultura", "Doprava", "Školství"]
    assert "Tajná stránka Bety" not in render(value, home_a)


def test_a_source_that_is_not_available_hides_the_node_list(register_source, home_a, pages_a):
    register_source("news", "does_not_exist")
    value = NodeListBlockFactory(mode="latest", source="news")
    assert get_source("news") is None
    assert latest_items("news", home_a, 3) is None
    assert render(value, home_a).strip() == ""

    register_source("news", "nothing")
    assert render(value, home_a).strip() == ""


def test_a_missing_app_makes_its_source_unavailable_without_an_error(monkeypatch):
    from radnice.blocks.sources import LATEST_SOURCES

    monkeypatch.setitem(LATEST_SOURCES, "news", "radnice.no_such_app.queries.latest")
    assert get_source("news") is None


def test_source_choices_list_the_registry_in_czech():
    assert dict(source_choices()) == {
        "news": "Aktuality",
        "events": "Nadcházející akce",
        "board": "Úřední deska",
    }


def test_events_show_the_start_of_their_next_occurrence(register_source, home_a, pages_a):
    register_source("events", "upcoming_fake_occurrences")
    start = timezone.make_aware(datetime.datetime(2026, 6, 13, 14, 0))
    fake_sources.OCCURRENCES[:] = [fake_sources.FakeOccurrence(event=pages_a[3], start=start)]
    try:
        value = NodeListBlockFactory(mode="latest", source="events", view_mode="teaser")
        html = render(value, home_a)
    finally:
        fake_sources.OCCURRENCES.clear()
    assert listed_titles(html) == ["Kultura"]
    time = BeautifulSoup(html, "html.parser").find("time")
    assert time["datetime"] == "2026-06-13T14:00+02:00"
    assert time.text == "13. 6. 2026 14:00"


@pytest.mark.parametrize("columns", ["1", "2", "3", "4"])
@pytest.mark.parametrize("view_mode", ["card", "teaser", "tile"])
def test_every_view_mode_in_one_to_four_columns(home_a, pages_a, view_mode, columns):
    value = NodeListBlockFactory(pages=pages_a, view_mode=view_mode, columns=columns)
    document = BeautifulSoup(render(value, home_a), "html.parser")
    listing = document.find("ul", class_="node-list")
    assert f"node-list--cols-{columns}" in listing["class"]
    assert f"node-list--{view_mode}" in listing["class"]
    articles = listing.select(f"li > article.{view_mode}")
    assert len(articles) == 4
    assert articles[0].find("h3").text == "Odpady"


def test_items_are_headed_h2_when_the_list_has_no_heading(home_a, pages_a):
    value = NodeListBlockFactory(heading="", pages=pages_a[:1])
    document = BeautifulSoup(render(value, home_a), "html.parser")
    assert document.select_one("article h2").text == "Odpady"


def test_the_more_link_leads_to_the_full_listing(home_a, pages_a):
    value = NodeListBlockFactory(
        pages=pages_a[:1], more_link__page=pages_a[3], more_link__text="Všechny stránky"
    )
    document = BeautifulSoup(render(value, home_a), "html.parser")
    more = document.select_one(".node-list__more a")
    assert (more.text, more["href"]) == ("Všechny stránky", site_path(pages_a[3]))


@pytest.mark.parametrize("view_mode", ["card", "teaser", "tile"])
def test_view_modes_show_any_page_with_title_teaser_image_and_date(home_a, view_mode):
    image = ImageFactory(title="Jarmark")
    page = StandardPageFactory(
        parent=home_a, title="Jarmark", teaser="Tradiční jarmark na náměstí.", main_image=image
    )
    request = RequestFactory().get("/", HTTP_HOST="alfa.test")
    item = NodeItem(page, date=datetime.date(2026, 9, 12))
    html = render_to_string(
        f"blocks/view_modes/{view_mode}.html", {"item": item, "request": request}
    )
    document = BeautifulSoup(html, "html.parser")
    assert document.find("h3").find("a")["href"] == site_path(page)
    assert document.find("img")["alt"] == ""  # the title next to it says it all
    assert document.find("time")["datetime"] == "2026-09-12"
    if view_mode != "tile":
        assert "Tradiční jarmark na náměstí." in html

    # A plain page works as well; without a teaser its search description is used.
    page.teaser = ""
    page.search_description = "Jarmark s řemeslníky."
    html = render_to_string("blocks/view_modes/card.html", {"item": page, "request": request})
    assert "Jarmark s řemeslníky." in html
    assert "<time" not in html


def test_site_root_is_found_in_the_language_of_the_page(town_a, home_a, pages_a):
    english = Locale.objects.get(language_code="en")
    english_home = home_a.get_translation(english)
    english_page = pages_a[0].copy_for_translation(english)
    english_page.save_revision().publish()
    assert localized_site_root(pages_a[0]).pk == home_a.pk
    assert localized_site_root(english_page).pk == english_home.pk
    assert localized_site_root(english_home).pk == english_home.pk


def test_node_list_needs_pages_or_a_source():
    from django.core.exceptions import ValidationError

    from radnice.blocks.blocks import NodeListBlock

    block = NodeListBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"mode": "selected", "pages": [], "view_mode": "card"}))
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"mode": "latest", "source": "", "view_mode": "card"}))
    # A draft may be saved before anything is chosen.
    block.clean_deferred(block.to_python({"mode": "selected", "pages": [], "view_mode": "card"}))
