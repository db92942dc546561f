"""The one listing mechanism (radnice.core.listing): old query words, pagination, the
pagination component every listing renders."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.http import QueryDict
from django.test import RequestFactory
from django.utils import timezone

from radnice.core.listing import czech_query, legacy_query_redirect, paginate
from tests.site.board.factories import OfficialBoardIndexPageFactory, OfficialNoticePageFactory
from tests.site.events.factories import EventIndexPageFactory, EventPageFactory, timed

# --- old query words -----------------------------------------------------------------------


def test_old_words_become_czech_in_their_order_and_other_parameters_stay():
    query = czech_query(QueryDict("tag=a&x=1&year=2025&page=3&type=b&type=c&q=%C5%A1"))
    assert query.urlencode() == "stitek=a&x=1&rok=2025&strana=3&typ=b&typ=c&q=%C5%A1"


def test_a_query_with_czech_words_only_needs_no_redirect():
    assert czech_query(QueryDict("typ=a&strana=2&items=1")) is None
    assert czech_query(QueryDict("")) is None


def test_the_czech_word_wins_over_the_old_one_given_beside_it():
    assert czech_query(QueryDict("page=9&strana=2&type=x")).urlencode() == "strana=2&typ=x"


def test_redirect_is_permanent_keeps_the_path_and_stays_on_the_site():
    factory = RequestFactory()
    response = legacy_query_redirect(factory.get("/uredni-deska/archiv/?type=vyhlasky&page=2"))
    assert response.status_code == 301
    assert response["Location"] == "/uredni-deska/archiv/?typ=vyhlasky&strana=2"
    # Wagtail serves "//uredni-deska/" as "/uredni-deska/"; "//…" would leave the site.
    request = factory.get("/uredni-deska/?page=2")
    request.path = "//uredni-deska/"
    response = legacy_query_redirect(request)
    assert response["Location"] == "/uredni-deska/?strana=2"
    assert legacy_query_redirect(factory.get("/aktuality/?typ=x")) is None
    assert legacy_query_redirect(factory.post("/aktuality/?page=2")) is None


# --- pagination ----------------------------------------------------------------------------


def test_pagination_elides_the_page_range_and_keeps_the_other_parameters():
    pagination = paginate(list(range(200)), QueryDict("typ=a&strana=6"), 10)
    assert list(pagination.object_list) == list(range(50, 60))
    assert [link.number for link in pagination.links] == [1, None, 4, 5, 6, 7, 8, None, 20]
    assert [link.url for link in pagination.links if link.current] == ["?typ=a&strana=6"]
    assert pagination.previous_url == "?typ=a&strana=5"
    assert pagination.next_url == "?typ=a&strana=7"


@pytest.mark.parametrize(
    ("number", "expected"), [("abc", 1), ("", 1), ("0", 3), ("-1", 3), ("9" * 20, 3), ("2", 2)]
)
def test_a_page_number_that_is_no_page_gives_the_first_or_the_last_page(number, expected):
    pagination = paginate(list(range(25)), QueryDict(f"strana={number}"), 10)
    assert pagination.page.number == expected


def test_one_page_has_no_links():
    pagination = paginate([1, 2], QueryDict(""), 10)
    assert pagination.links == [] and pagination.previous_url == pagination.next_url == ""


# --- one component for every listing ---------------------------------------------------------


@pytest.mark.django_db
def test_board_and_events_render_the_same_pagination_markup(client, town_a, monkeypatch):
    monkeypatch.setattr("radnice.board.listing.PER_PAGE", 1)
    monkeypatch.setattr("radnice.events.views.PER_PAGE", 1)
    today = timezone.localdate()
    board = OfficialBoardIndexPageFactory(parent=town_a.site.root_page, slug="deska")
    board.save_revision().publish()
    events = EventIndexPageFactory(parent=town_a.site.root_page, slug="akce")
    events.save_revision().publish()
    for number in range(3):
        OfficialNoticePageFactory(
            parent=board, title=f"Oznámení {number}", date_posted=today, date_taken_down=None
        )
        EventPageFactory(
            parent=events,
            title=f"Akce {number}",
            dates=[timed(today + datetime.timedelta(days=5 + number), 10)],
        )

    def pagination(path):
        response = client.get(path, HTTP_HOST="alfa.test")
        assert response.status_code == 200
        return BeautifulSoup(response.content, "html.parser").find("nav", class_="pagination")

    board_nav = pagination("/deska/?strana=2")
    events_nav = pagination("/akce/?strana=2")
    assert board_nav is not None
    assert str(board_nav) == str(events_nav)
    assert board_nav["aria-label"] == "Stránkování"
    assert board_nav.find("a", rel="prev")["href"] == "?strana=1"
    assert board_nav.find("a", rel="next")["href"] == "?strana=3"
    assert board_nav.find("a", attrs={"aria-current": "page"}).get_text() == "2"
