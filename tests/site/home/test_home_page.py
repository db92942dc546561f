"""The home page: hero with a search box, "Životní situace", the latest of the official board,
news and events (each hidden when its source is missing or empty), components and subpages.
"""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.admin.panels import InlinePanel
from wagtail.models import Locale
from wagtail.rich_text import RichText

from radnice.home.models import HomePage, HomePageTopTask
from radnice.home.sections import latest_sections
from tests.factories import StandardPageFactory
from tests.site.blocks.factories import ImageFactory
from tests.site.pages.factories import AccessibilityStatementPageFactory

pytestmark = pytest.mark.django_db

SECTION_HEADINGS = ["Úřední deska", "Aktuality", "Nadcházející akce"]


def main_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser").find("main")


@pytest.fixture
def home(town_a):
    return town_a.site.root_page.specific


@pytest.fixture
def sources_missing(register_source):
    for name in ("board", "news", "events"):
        register_source(name, "not_there")


@pytest.fixture
def sources_present(register_source):
    for name in ("board", "news"):
        register_source(name, "latest_standard_pages")
    register_source("events", "nothing")


def test_a_freshly_provisioned_home_page_renders_with_a_labelled_search_box(
    client, town_a, sources_missing
):
    home = town_a.site.root_page.specific
    assert isinstance(home, HomePage) and home.intro == "" and len(home.body) == 0
    main = main_of(client.get("/", HTTP_HOST="alfa.test"))
    assert main.find("h1").text == "Obec Alfa"
    form = main.find("form", attrs={"role": "search"})
    assert (form["method"], form["action"]) == ("get", "/hledat/")
    field = form.find("input", attrs={"name": "q"})
    assert field["type"] == "search"
    assert form.find("label", attrs={"for": field["id"]}).text == "Hledat na webu"
    assert form.find("button", attrs={"type": "submit"}).text == "Hledat"
    for heading in SECTION_HEADINGS + ["Životní situace", "Obsah webu"]:
        assert heading not in main.text


def test_english_home_page_searches_the_english_site(client, town_a, sources_missing):
    main = main_of(client.get("/en/", HTTP_HOST="alfa.test"))
    assert main.find("form", attrs={"role": "search"})["action"] == "/en/hledat/"


def test_hero_shows_the_intro_and_a_decorative_image(client, home, sources_missing):
    home.intro = "Vítejte v obci Alfa pod lesem."
    home.hero_image = ImageFactory(title="Panorama")
    home.save_revision().publish()
    main = main_of(client.get("/", HTTP_HOST="alfa.test"))
    assert main.find(class_="lead").text == "Vítejte v obci Alfa pod lesem."
    image = main.find("picture").find("img", class_="hero__image")
    assert image["alt"] == ""
    # The 3:1 hero crop (the 1200 × 800 photo allows 1200 × 400 at most), loaded first.
    assert (image["width"], image["height"]) == ("1200", "400")
    assert image["loading"] == "eager" and image["fetchpriority"] == "high"


def test_without_its_own_hero_the_home_page_shows_the_towns_branding_hero(
    client, home, town_a, sources_missing
):
    town_a.hero_image = ImageFactory(title="Letecký snímek obce")
    town_a.save()
    main = main_of(client.get("/", HTTP_HOST="alfa.test"))
    image = main.find("img", class_="hero__image")
    assert image["alt"] == "" and "fill-1440x480" in image["src"]


def test_top_tasks_link_to_pages_or_addresses_with_decorative_icons(client, home, sources_missing):
    waste = StandardPageFactory(parent=home, title="Odpady", slug="odpady")
    home.top_tasks.add(HomePageTopTask(link_page=waste, icon="waste"))
    home.top_tasks.add(
        HomePageTopTask(link_url="https://portal.gov.cz/", title="Občanský průkaz", icon="")
    )
    home.save_revision().publish()

    main = main_of(client.get("/", HTTP_HOST="alfa.test"))
    section = main.find("section", class_="home-top-tasks")
    assert section.find("h2").text == "Životní situace"
    links = section.select("ul.top-tasks a")
    assert [(a.text.strip(), a["href"]) for a in links] == [
        ("Odpady", "/odpady/"),
        ("Občanský průkaz", "https://portal.gov.cz/"),
    ]
    assert links[0].find("svg")["aria-hidden"] == "true"
    assert not links[1].find("svg")


def test_at_most_eight_top_tasks(client, home, sources_missing):
    panel = next(
        p
        for p in HomePage.content_panels
        if isinstance(p, InlinePanel) and p.relation_name == "top_tasks"
    )
    assert panel.max_num == 8
    for number in range(9):
        home.top_tasks.add(
            HomePageTopTask(link_url="https://portal.gov.cz/", title=f"Úkon {number}")
        )
    home.save_revision().publish()
    main = main_of(client.get("/", HTTP_HOST="alfa.test"))
    assert len(main.select("ul.top-tasks li")) == 8


def test_top_tasks_are_translatable_and_link_to_translated_pages(client, home, sources_missing):
    waste = StandardPageFactory(parent=home, title="Odpady", slug="odpady")
    home.top_tasks.add(HomePageTopTask(link_page=waste, title="Odpady a sběrný dvůr"))
    home.save_revision().publish()
    english = Locale.objects.get(language_code="en")
    english_waste = waste.copy_for_translation(english)
    english_waste.title, english_waste.slug = "Waste", "waste"
    english_waste.save_revision().publish()
    english_home = home.get_translation(english)
    english_home.top_tasks.add(
        HomePageTopTask(
            link_page=waste,
            title="Waste and recycling",
            translation_key=home.top_tasks.get().translation_key,
        )
    )
    english_home.save_revision().publish()

    main = main_of(client.get("/en/", HTTP_HOST="alfa.test"))
    link = main.select_one("ul.top-tasks a")
    assert (link.text.strip(), link["href"]) == ("Waste and recycling", "/en/waste/")
    assert HomePageTopTask.objects.get(page=english_home).locale == english


def test_latest_sections_show_each_available_source_of_the_own_town(
    client, town_b, home, sources_present
):
    StandardPageFactory(parent=home, title="Vyhláška o odpadech")
    StandardPageFactory(parent=town_b.site.root_page, title="Cizí oznámení")
    main = main_of(client.get("/", HTTP_HOST="alfa.test"))
    headings = [h.text for h in main.select("section.home-section > h2")]
    assert headings[:2] == ["Úřední deska", "Aktuality"]
    assert "Nadcházející akce" not in headings  # the source is there, but empty
    board = main.find("section", class_="home-board")
    assert [a.text for a in board.select("article.teaser h3 a")] == ["Vyhláška o odpadech"]
    news = main.find("section", class_="home-news")
    assert [a.text for a in news.select("article.card h3 a")] == ["Vyhláška o odpadech"]
    assert "Cizí oznámení" not in main.text


def test_sections_of_missing_sources_are_hidden(home, sources_missing):
    StandardPageFactory(parent=home, title="Vyhláška o odpadech")
    assert latest_sections(home) == []


def test_body_components_and_subpages_show_on_the_home_page(client, home, sources_missing):
    home.body = [("rich_text", RichText("<p>Ahoj</p>"))]
    home.save_revision().publish()
    StandardPageFactory(parent=home, title="Obecní úřad", slug="obecni-urad")
    StandardPageFactory(parent=home, title="Koncept", slug="koncept", live=False)
    AccessibilityStatementPageFactory(parent=home)

    main = main_of(client.get("/", HTTP_HOST="alfa.test"))
    assert main.select_one(".stream .rich-text").text == "Ahoj"
    children = main.find("section", class_="home-children")
    assert children.find("h2").text == "Obsah webu"
    # Drafts never show; the accessibility statement belongs to the footer, not to the tiles.
    assert [a.text for a in children.select("article.tile h3 a")] == ["Obecní úřad"]


def count_home_queries(client):
    client.get("/", HTTP_HOST="alfa.test")  # renditions are created on the first view
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/", HTTP_HOST="alfa.test")
    assert response.status_code == 200
    return len(queries)


def add_pages(home, count, start):
    for number in range(start, start + count):
        StandardPageFactory(
            parent=home,
            title=f"Zpráva {number}",
            slug=f"zprava-{number}",
            main_image=ImageFactory(title=f"Foto {number}"),
        )


def test_home_page_queries_do_not_grow_with_subpages_and_news(client, home, register_source):
    register_source("board", "latest_standard_pages")
    register_source("news", "latest_standard_pages")
    register_source("events", "nothing")
    add_pages(home, 2, 0)
    few = count_home_queries(client)
    add_pages(home, 6, 2)
    many = count_home_queries(client)
    main = main_of(client.get("/", HTTP_HOST="alfa.test"))
    assert len(main.select("section.home-children article.tile")) == 8
    assert len(main.select("section.home-news article.card")) == 3
    assert len(main.select("section.home-board article.teaser")) == 5
    # Every listed image is a <picture> of the view mode's crop (tiles square, cards 3:2).
    assert len(main.select("section.home-children article.tile picture source")) == 16
    tile = main.select_one("section.home-children article.tile picture img")
    assert tile["width"] == tile["height"]
    assert many == few, (few, many)
