"""RSS and Atom feeds beneath the news index, and the OFN "Aktuality" open data."""

import json
from datetime import date

import feedparser
import pytest
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from radnice.news.opendata import ofn_news_item, ofn_news_list
from tests.ofn import ofn_errors

from .factories import NewsPageFactory, NewsTypeFactory

pytestmark = pytest.mark.django_db

ITEM_SCHEMA = "aktuality/2020-07-01/schémata/aktualita.json"
LIST_SCHEMA = "aktuality/2020-07-01/schémata/aktuality.json"


def get(client, url, host="alfa.test"):
    return client.get(url, HTTP_HOST=host)


@pytest.fixture
def published(town_a, news_a):
    image = get_image_model().objects.create(
        title="Knihovna", file=get_test_image_file(), collection=town_a.collection
    )
    culture = NewsTypeFactory(municipality=town_a, name="Kultura")
    older = NewsPageFactory(
        parent=news_a, slug="svoz", title="Svoz odpadu", date=date(2025, 4, 1), teaser=""
    )
    newer = NewsPageFactory(
        parent=news_a,
        slug="knihovna",
        title="Nová knihovna & čítárna",
        date=date(2025, 10, 6),
        teaser="Knihovna se stěhuje do přízemí úřadu.",
        news_type=culture,
        main_image=image,
        main_image_caption="Nová čítárna",
    )
    newer.tags.add("knihovna")
    for page in (older, newer):
        page.save_revision().publish()
    return {"older": older, "newer": newer}


# --- feeds ----------------------------------------------------------------------------------


def test_rss_feed_lists_news_newest_first_with_absolute_links(client, published, town_a):
    response = get(client, "/aktuality/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert feed.feed.title == f"Aktuality – {town_a.name}"
    assert feed.feed.link == "http://alfa.test/aktuality/"
    assert feed.feed.language == "cs"
    assert [entry.title for entry in feed.entries] == ["Nová knihovna & čítárna", "Svoz odpadu"]
    first = feed.entries[0]
    assert first.link == "http://alfa.test/aktuality/knihovna/"
    assert first.summary == "Knihovna se stěhuje do přízemí úřadu."
    assert first.published_parsed[:3] == (2025, 10, 5)  # midnight in Prague is 22:00 UTC
    assert {tag.term for tag in first.tags} == {"Kultura", "knihovna"}


def test_atom_feed(client, published):
    response = get(client, "/aktuality/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert feed.version == "atom10"
    assert [entry.link for entry in feed.entries] == [
        "http://alfa.test/aktuality/knihovna/",
        "http://alfa.test/aktuality/svoz/",
    ]
    assert feed.feed.subtitle == "Zprávy z obce."


def test_feeds_leave_out_drafts_and_other_towns(client, published, news_b):
    NewsPageFactory(parent=published["older"].get_parent(), slug="koncept", live=False)
    NewsPageFactory(parent=news_b, slug="beta", title="Zpráva Bety")
    titles = [e.title for e in feedparser.parse(get(client, "/aktuality/rss/").content).entries]
    assert titles == ["Nová knihovna & čítárna", "Svoz odpadu"]


def test_listing_head_links_feeds_and_open_data(client, published):
    head = get(client, "/aktuality/").content.decode().split("</head>")[0]
    assert 'type="application/rss+xml" href="/aktuality/rss/"' in head
    assert 'type="application/atom+xml" href="/aktuality/atom/"' in head
    assert 'type="application/ld+json" href="/aktuality/data.jsonld"' in head


# --- OFN open data --------------------------------------------------------------------------


def test_news_list_is_valid_ofn_aktuality(client, published, town_a):
    response = get(client, "/aktuality/data.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    document = json.loads(response.content)
    assert ofn_errors(LIST_SCHEMA, document) == []
    assert [item["název"]["cs"] for item in document] == ["Nová knihovna & čítárna", "Svoz odpadu"]
    newest = document[0]
    assert newest["@context"] == "https://ofn.gov.cz/aktuality/2020-07-01/kontexty/aktualita.jsonld"
    assert newest["typ"] == "Aktualita"
    assert newest["iri"] == "http://alfa.test/aktuality/knihovna/"
    assert newest["vytvořeno"] == {"typ": "Časový okamžik", "datum": "2025-10-06"}
    assert newest["popis"] == {"cs": "Knihovna se stěhuje do přízemí úřadu."}
    assert newest["oznamovatel"] == {
        "typ": "Osoba",
        "ičo": town_a.ico,
        "název": {"cs": town_a.name},
    }
    assert newest["příloha"][0]["url"].startswith("http://alfa.test/")
    assert newest["příloha"][0]["název"] == {"cs": "Nová čítárna"}
    assert "popis" not in document[1]  # no empty texts


def test_one_news_item_is_valid_ofn_aktualita(client, published):
    response = get(client, "/aktuality/knihovna/data.jsonld")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert ofn_errors(ITEM_SCHEMA, document) == []
    assert document["iri"] == "http://alfa.test/aktuality/knihovna/"
    assert "aktualizováno" in document


def test_ofn_builders_validate_directly(rf, published, news_a, town_a):
    request = rf.get("/", HTTP_HOST="alfa.test")
    request.municipality = town_a
    assert ofn_errors(LIST_SCHEMA, ofn_news_list(news_a, request)) == []
    assert ofn_errors(ITEM_SCHEMA, ofn_news_item(published["older"], request)) == []


def test_open_data_is_scoped_to_the_requesting_town(client, published, news_b):
    NewsPageFactory(parent=news_b, slug="beta", title="Zpráva Bety").save_revision().publish()
    beta = json.loads(get(client, "/aktuality/data.jsonld", host="beta.test").content)
    assert [item["název"]["cs"] for item in beta] == ["Zpráva Bety"]
    assert get(client, "/aktuality/beta/data.jsonld").status_code == 404


def test_data_file_only_where_a_page_offers_it(client, published):
    assert get(client, "/data.jsonld").status_code == 404  # the home page has none
    assert get(client, "/aktuality/rss/data.jsonld").status_code == 404
    assert get(client, "/aktuality/neexistuje/data.jsonld").status_code == 404
    assert get(client, "/aktuality/data.csv").status_code == 404


def test_private_news_index_does_not_publish_open_data(client, published, news_a):
    PageViewRestriction.objects.create(page=news_a, restriction_type=PageViewRestriction.LOGIN)
    response = get(client, "/aktuality/data.jsonld")
    assert response.status_code == 302
    assert "login" in response.url
