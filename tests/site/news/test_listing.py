"""The news listing: newest first, filters by type, year and tag with counts, 12 per page."""

from datetime import date

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from radnice.news.queries import latest, live_news, news_listing

from .factories import NewsPageFactory, NewsTypeFactory

pytestmark = pytest.mark.django_db


def get(client, url, host="alfa.test"):
    return client.get(url, HTTP_HOST=host)


def params(query=""):
    return QueryDict(query)


def make_news(index, count, **fields):
    return [NewsPageFactory(parent=index, **fields) for _ in range(count)]


@pytest.fixture
def types_a(town_a):
    return {
        "doprava": NewsTypeFactory(municipality=town_a, name="Doprava", slug="doprava"),
        "odpady": NewsTypeFactory(municipality=town_a, name="Odpady", slug="odpady"),
        "cistota": NewsTypeFactory(municipality=town_a, name="Čistota", slug="cistota"),
    }


@pytest.fixture
def sample(news_a, types_a):
    """2025: 2 × doprava, 1 × odpady; 2026: 1 × doprava, 1 × without a type."""
    pages = {
        "old_traffic": NewsPageFactory(
            parent=news_a,
            title="Stará uzavírka",
            date=date(2025, 3, 1),
            news_type=types_a["doprava"],
        ),
        "traffic_2025": NewsPageFactory(
            parent=news_a,
            title="Nová objížďka",
            date=date(2025, 9, 1),
            news_type=types_a["doprava"],
        ),
        "waste": NewsPageFactory(
            parent=news_a, title="Svoz odpadu", date=date(2025, 5, 1), news_type=types_a["odpady"]
        ),
        "traffic_2026": NewsPageFactory(
            parent=news_a,
            title="Zimní údržba",
            date=date(2026, 1, 10),
            news_type=types_a["doprava"],
        ),
        "untyped": NewsPageFactory(parent=news_a, title="Vítání občánků", date=date(2026, 2, 1)),
    }
    pages["old_traffic"].tags.add("uzavírka", "silnice")
    pages["old_traffic"].save()
    pages["traffic_2026"].tags.add("uzavírka")
    pages["traffic_2026"].save()
    pages["waste"].tags.add("odpady")
    pages["waste"].save()
    return pages


def counts(options):
    return {option.value: option.count for option in options}


# --- what is listed -----------------------------------------------------------------------


def test_listing_shows_only_this_indexs_live_news_newest_first(news_a, news_b, sample):
    draft = NewsPageFactory(parent=news_a, title="Koncept", date=date(2026, 3, 1), live=False)
    NewsPageFactory(parent=news_b, title="Zpráva Bety", date=date(2026, 3, 1))
    listing = news_listing(news_a, params())
    titles = [item.title for item in listing.items]
    assert titles == [
        "Vítání občánků",
        "Zimní údržba",
        "Nová objížďka",
        "Svoz odpadu",
        "Stará uzavírka",
    ]
    assert draft.title not in titles
    assert listing.total == 5


def test_listing_page_renders_items_with_czech_dates(client, sample):
    html = get(client, "/aktuality/").content.decode()
    assert '<time datetime="2026-02-01">1. 2. 2026</time>' in html
    assert html.index("Vítání občánků") < html.index("Zimní údržba") < html.index("Stará uzavírka")
    assert "Počet aktualit: 5" in html


# --- facets and filters -------------------------------------------------------------------


def test_type_facet_counts_and_czech_order(sample):
    listing = news_listing(sample["waste"].get_parent().specific, params())
    assert [option.label for option in listing.types] == ["Doprava", "Odpady"]
    assert counts(listing.types) == {"doprava": 3, "odpady": 1}


def test_filter_by_type_narrows_items_and_year_counts(news_a, sample):
    listing = news_listing(news_a, params("typ=doprava"))
    assert {item.title for item in listing.items} == {
        "Stará uzavírka",
        "Nová objížďka",
        "Zimní údržba",
    }
    assert counts(listing.years) == {"2026": 1, "2025": 2}
    # The type facet still offers the other types, counted within the other filters.
    assert counts(listing.types) == {"doprava": 3, "odpady": 1}
    selected = [option for option in listing.types if option.selected]
    assert [option.value for option in selected] == ["doprava"]
    assert selected[0].url == "?"  # clicking it again removes the filter


def test_filter_by_year_narrows_items_and_type_counts(news_a, sample):
    listing = news_listing(news_a, params("rok=2025"))
    assert {item.title for item in listing.items} == {
        "Stará uzavírka",
        "Nová objížďka",
        "Svoz odpadu",
    }
    assert counts(listing.types) == {"doprava": 2, "odpady": 1}
    assert counts(listing.years) == {"2026": 2, "2025": 3}
    assert [option.value for option in listing.years] == ["2026", "2025"]


def test_type_and_year_together(news_a, sample):
    listing = news_listing(news_a, params("typ=doprava&rok=2026"))
    assert [item.title for item in listing.items] == ["Zimní údržba"]
    assert counts(listing.types) == {"doprava": 1}
    assert counts(listing.years) == {"2026": 1, "2025": 2}


def test_filter_by_tag_with_counts_only_from_this_index(news_a, news_b, town_b, sample):
    other = NewsPageFactory(parent=news_b, title="Uzavírka v Betě")
    other.tags.add("uzavírka", "jen-beta")
    other.save()
    listing = news_listing(news_a, params())
    assert counts(listing.tags) == {"odpady": 1, "silnice": 1, "uzavírka": 2}
    assert [option.label for option in listing.tags] == ["odpady", "silnice", "uzavírka"]
    filtered = news_listing(news_a, params("stitek=uzavírka"))
    assert {item.title for item in filtered.items} == {"Stará uzavírka", "Zimní údržba"}
    assert counts(filtered.types) == {"doprava": 2}


def test_unknown_or_malformed_filters_do_not_fail(client, news_a, sample):
    assert news_listing(news_a, params("rok=abc")).total == 5
    assert news_listing(news_a, params("rok=99999999")).total == 0
    assert news_listing(news_a, params("rok=2025.5")).total == 0
    listing = news_listing(news_a, params("typ=neexistuje"))
    assert listing.total == 0
    # The unknown value stays visible as selected, so the visitor can switch it off.
    assert [(o.value, o.count, o.selected) for o in listing.types if o.selected] == [
        ("neexistuje", 0, True)
    ]
    for query in ("rok=abc", "rok=99999999", "strana=abc", "strana=999"):
        assert get(client, f"/aktuality/?{query}").status_code == 200
    # A NUL byte is refused before any view runs (radnice.core.middleware), with a Czech 400.
    assert get(client, "/aktuality/?typ=%00").status_code == 400


def test_facets_are_plain_links_with_counts(client, sample):
    html = get(client, "/aktuality/?rok=2025").content.decode()
    assert '<a href="?rok=2025&amp;typ=doprava">Doprava (2)</a>' in html
    assert '<a href="?" aria-current="true"><strong>2025</strong> (3)' in html
    assert '<a href="?">Zrušit všechny filtry</a>' in html
    assert '<p class="active-filters">Vybrané filtry:' in html
    assert '<a href="?">2025 – zrušit</a>' in html
    assert "<script" not in html.split("</head>")[1].replace(
        '<script type="application/ld+json"', ""
    )


# --- pagination ---------------------------------------------------------------------------


def test_twelve_per_page_and_page_links_keep_filters(client, news_a, types_a):
    make_news(news_a, 14, news_type=types_a["odpady"], date=date(2025, 6, 1))
    make_news(news_a, 3, news_type=types_a["doprava"], date=date(2025, 6, 1))
    first = news_listing(news_a, params("typ=odpady"))
    assert len(first.items) == 12
    assert first.total == 14
    assert first.pagination.next_url == "?typ=odpady&strana=2"
    assert [link.number for link in first.pagination.links] == [1, 2]
    second = news_listing(news_a, params("typ=odpady&strana=2"))
    assert len(second.items) == 2
    assert second.pagination.previous_url == "?typ=odpady&strana=1"
    html = get(client, "/aktuality/?typ=odpady&strana=2").content.decode()
    assert 'href="?typ=odpady&amp;strana=1" rel="prev"' in html
    assert 'aria-current="page"><strong>2</strong>' in html


def test_listing_query_count_does_not_grow_with_the_number_of_news(client, town_a, news_a, types_a):
    image = get_image_model().objects.create(
        title="Foto", file=get_test_image_file(), collection=town_a.collection
    )

    def count_queries():
        get(client, "/aktuality/?strana=1")  # the first request makes the image renditions
        with CaptureQueriesContext(connection) as queries:
            response = get(client, "/aktuality/?strana=1")
        assert response.status_code == 200
        assert response.content.decode().count('class="news-item"') == 12
        return len(queries)

    for number in range(12):
        page = NewsPageFactory(
            parent=news_a, news_type=types_a["doprava"], date=date(2025, 1, 1), main_image=image
        )
        page.tags.add(f"stitek-{number}")
        page.save()
    with_12 = count_queries()
    # Twelve more on a second page, in two more types, five more years and twelve more tags:
    # neither the news beyond the page nor the facets' options may cost a query each.
    for number in range(12):
        page = NewsPageFactory(
            parent=news_a,
            news_type=types_a["odpady" if number % 2 else "cistota"],
            date=date(2024 - number % 5, 1, 1),
            main_image=image,
        )
        page.tags.add(f"jiny-{number}")
        page.save()
    with_24 = count_queries()
    assert with_12 == with_24


def test_listing_images_cost_the_same_queries_for_two_or_ten_news(client, town_a, news_a):
    """Each item has its own main image, shown as a lazy <picture>; renditions come in bulk."""

    def add_news(count):
        for number in range(count):
            NewsPageFactory(
                parent=news_a,
                main_image=get_image_model().objects.create(
                    title=f"Foto {number}",
                    file=get_test_image_file(),
                    collection=town_a.collection,
                ),
            )

    def count_queries(expected):
        get(client, "/aktuality/")  # the first request makes the image renditions
        with CaptureQueriesContext(connection) as queries:
            response = get(client, "/aktuality/")
        pictures = BeautifulSoup(response.content.decode(), "html.parser").select(
            "li.news-item picture"
        )
        assert len(pictures) == expected
        for picture in pictures:
            assert [source["type"] for source in picture.find_all("source")] == [
                "image/avif",
                "image/webp",
            ]
            img = picture.find("img")
            assert img["alt"] == "" and img["loading"] == "lazy"
            assert img.has_attr("width") and img.has_attr("height")
        return len(queries)

    add_news(2)
    with_2 = count_queries(2)
    add_news(8)
    assert count_queries(10) == with_2


# --- the newest news for other pages ------------------------------------------------------


def test_latest_returns_newest_live_news_of_one_site(town_a, news_a, news_b, sample):
    NewsPageFactory(parent=news_b, title="Novinka Bety", date=date(2030, 1, 1))
    NewsPageFactory(parent=news_a, title="Koncept", date=date(2030, 1, 1), live=False)
    assert [page.title for page in latest(town_a.site.root_page, 2)] == [
        "Vítání občánků",
        "Zimní údržba",
    ]
    assert list(latest(None)) == []


def test_live_news_excludes_private_news(news_a, sample):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=sample["waste"], restriction_type=PageViewRestriction.LOGIN
    )
    assert sample["waste"] not in list(live_news(news_a))


def test_old_query_words_redirect_permanently_to_the_czech_ones(client, news_a):
    response = get(client, "/aktuality/?tag=uzavirka&year=2025&x=1&page=2&type=doprava")
    assert response.status_code == 301
    assert response["Location"] == "/aktuality/?stitek=uzavirka&rok=2025&x=1&strana=2&typ=doprava"
    assert get(client, "/aktuality/?stitek=uzavirka&strana=2").status_code == 200
