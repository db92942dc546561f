"""News pages: where they may be created, what a visitor reads on them, schema.org markup."""

import json
import re
from datetime import date

import pytest
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

from radnice.home.models import HomePage
from radnice.news.models import NewsIndexPage, NewsPage, NewsPagePerson
from radnice.pages.models import LandingPage, StandardPage

from ...factories import PersonFactory
from .factories import NewsPageFactory, NewsTypeFactory

pytestmark = pytest.mark.django_db


def get(client, url, host="alfa.test"):
    return client.get(url, HTTP_HOST=host)


def jsonld_scripts(html):
    return [
        json.loads(match)
        for match in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


# --- where news live ----------------------------------------------------------------------


def test_news_index_goes_under_the_home_page_or_a_landing_page():
    assert NewsIndexPage in HomePage.allowed_subpage_models()
    assert NewsIndexPage in LandingPage.allowed_subpage_models()
    assert NewsIndexPage not in StandardPage.allowed_subpage_models()
    assert set(NewsIndexPage.allowed_parent_page_models()) == {HomePage, LandingPage}
    assert NewsIndexPage.allowed_subpage_models() == [NewsPage]


def test_news_page_goes_only_under_a_news_index():
    assert NewsPage.allowed_parent_page_models() == [NewsIndexPage]
    assert NewsPage not in HomePage.allowed_subpage_models()
    assert NewsPage not in StandardPage.allowed_subpage_models()
    assert NewsPage.allowed_subpage_models() == []


def test_news_date_defaults_to_today():
    assert NewsPage().date == timezone.localdate()


# --- a news page as the visitor sees it ---------------------------------------------------


@pytest.fixture
def article(town_a, news_a):
    image = get_image_model().objects.create(
        title="Náves v zimě", file=get_test_image_file(), collection=town_a.collection
    )
    news_type = NewsTypeFactory(municipality=town_a, name="Doprava")
    page = NewsPageFactory(
        parent=news_a,
        title="Uzavírka silnice do Vranova",
        slug="uzavirka",
        date=date(2026, 2, 1),
        news_type=news_type,
        teaser="Silnice bude tři týdny uzavřena.",
        main_image=image,
        main_image_caption="Silnice u rybníka",
        body=json.dumps(
            [
                {"type": "paragraph", "value": "<p>Objížďka vede přes Zálesí.</p>"},
                {
                    "type": "quote",
                    "value": {"quote": "Děkujeme za trpělivost.", "attribution": "starosta"},
                },
                {
                    "type": "image",
                    "value": {
                        "image": {"image": image.pk, "decorative": False, "alt_text": "Mapa"},
                        "caption": "Mapa objížďky",
                    },
                },
            ]
        ),
    )
    page.tags.add("uzavírka", "doprava")
    page.related_persons.add(
        NewsPagePerson(
            person=PersonFactory(
                municipality=town_a, first_name="Jan", last_name="Novák", position="starosta"
            )
        )
    )
    page.save_revision().publish()
    return page


def test_news_page_shows_its_content(client, article):
    response = get(client, "/aktuality/uzavirka/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Uzavírka silnice do Vranova</h1>" in html
    assert '<time datetime="2026-02-01">1. 2. 2026</time>' in html
    assert 'href="/aktuality/?typ=doprava">Doprava</a>' in html
    assert "Silnice bude tři týdny uzavřena." in html
    assert "<figcaption>Silnice u rybníka</figcaption>" in html
    assert "Objížďka vede přes Zálesí." in html
    assert "<blockquote><p>Děkujeme za trpělivost.</p></blockquote>" in html
    assert 'alt="Mapa"' in html and "Mapa objížďky" in html
    assert 'href="/aktuality/?stitek=uzav%C3%ADrka">uzavírka</a>' in html
    assert "Jan Novák</strong>, starosta" in html


def test_news_page_links_feeds_and_open_data_in_head(client, article):
    html = get(client, "/aktuality/uzavirka/").content.decode()
    head = html.split("</head>")[0]
    assert '<link rel="alternate" type="application/rss+xml" href="/aktuality/rss/"' in head
    assert '<link rel="alternate" type="application/atom+xml" href="/aktuality/atom/"' in head
    assert (
        '<link rel="alternate" type="application/ld+json" href="/aktuality/uzavirka/data.jsonld"'
        in head
    )


def test_news_page_describes_itself_as_schema_org_news_article(client, article, town_a):
    html = get(client, "/aktuality/uzavirka/").content.decode()
    head = html.split("</head>")[0]
    articles = [data for data in jsonld_scripts(head) if data.get("@type") == "NewsArticle"]
    assert len(articles) == 1
    data = articles[0]
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == "Uzavírka silnice do Vranova"
    assert data["datePublished"] == "2026-02-01"
    assert data["url"] == "http://alfa.test/aktuality/uzavirka/"
    assert data["description"] == "Silnice bude tři týdny uzavřena."
    assert data["articleSection"] == "Doprava"
    assert sorted(data["keywords"]) == ["doprava", "uzavírka"]
    assert data["image"][0].startswith("http://alfa.test/")
    assert data["publisher"]["name"] == town_a.name
    assert data["inLanguage"] == "cs"


def test_schema_org_markup_cannot_break_out_of_its_script(client, news_a):
    page = NewsPageFactory(parent=news_a, slug="xss", title="</script><script>alert(1)</script>")
    page.save_revision().publish()
    html = get(client, "/aktuality/xss/").content.decode()
    assert "</script><script>alert(1)" not in html
    data = [d for d in jsonld_scripts(html) if d.get("@type") == "NewsArticle"][0]
    assert data["headline"] == "</script><script>alert(1)</script>"


def test_draft_news_is_not_served(client, news_a):
    page = NewsPageFactory(parent=news_a, slug="koncept", live=False)
    page.save_revision()
    assert get(client, "/aktuality/koncept/").status_code == 404


def test_news_of_another_town_is_not_served_on_this_towns_host(client, news_a, news_b):
    NewsPageFactory(parent=news_b, slug="tajna").save_revision().publish()
    assert get(client, "/aktuality/tajna/", host="beta.test").status_code == 200
    assert get(client, "/aktuality/tajna/").status_code == 404


# --- translation ----------------------------------------------------------------------------


def test_news_can_be_translated_and_is_served_in_english(client, town_a, news_a):
    english = Locale.objects.get(language_code="en")
    page = NewsPageFactory(parent=news_a, slug="knihovna", title="Nová knihovna")
    page.tags.add("knihovna")
    page.save_revision().publish()
    index_en = news_a.copy_for_translation(english)
    index_en.save_revision().publish()
    page_en = page.copy_for_translation(english)
    page_en.title = "New library"
    page_en.save_revision().publish()

    response = get(client, "/en/aktuality/knihovna/")
    assert response.status_code == 200
    assert "<h1>New library</h1>" in response.content.decode()
    listing = get(client, "/en/aktuality/").content.decode()
    assert "New library" in listing and "Nová knihovna" not in listing


def test_wagtail_localize_translates_a_news_page_with_tags_persons_and_body(client, article):
    from wagtail_localize.models import Translation, TranslationSource

    english = Locale.objects.get(language_code="en")
    for instance in (article.get_parent(), article):
        source, _created = TranslationSource.get_or_create_from_instance(instance)
        Translation.objects.create(source=source, target_locale=english).save_target()
    page_en = article.get_translation(english)
    assert page_en.news_type == article.news_type
    assert [link.person for link in page_en.related_persons.all()] == [
        link.person for link in article.related_persons.all()
    ]
    for translated in (page_en.get_parent(), page_en):
        translated.get_latest_revision().publish()  # as a moderator would
    response = get(client, "/en/aktuality/uzavirka/")
    assert response.status_code == 200
    assert "Objížďka vede přes Zálesí." in response.content.decode()  # untranslated yet
