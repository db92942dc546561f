"""Which town a page belongs to: its own tree decides, the request only when there is no page."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from wagtail.models import Locale

from municipalities.scope import municipality_of_page
from radnice.board.feeds import BoardRssFeed
from radnice.news.feeds import NewsRssFeed
from radnice.pages.models import StandardPage
from radnice.people.models import DirectoryPage

from ..factories import PersonFactory, SuperuserFactory
from ..site.board.factories import OfficialBoardIndexPageFactory
from ..site.news.factories import NewsIndexPageFactory
from ..site.people.factories import DirectoryPageFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Known hosts and site root paths live in the cache.
    cache.clear()
    yield
    cache.clear()


def request_on(municipality, path="/"):
    """A request that came through ``municipality``'s hostname, by an operator."""
    request = RequestFactory().get(path, HTTP_HOST=municipality.site.hostname)
    request.municipality = municipality
    request.user = SuperuserFactory()
    return request


def test_a_page_belongs_to_its_own_town_whatever_host_asks(page_a, town_a, town_b):
    assert municipality_of_page(page_a, request_on(town_b)) == town_a


def test_a_page_of_the_translated_tree_belongs_to_the_same_town(page_a, town_a, town_b):
    english = page_a.copy_for_translation(Locale.objects.get(language_code="en"))
    assert municipality_of_page(english, request_on(town_b)) == town_a


def test_without_a_page_the_requests_town_answers(town_b):
    assert municipality_of_page(None, request_on(town_b)) == town_b
    assert municipality_of_page(StandardPage(title="Nová"), request_on(town_b)) == town_b
    assert municipality_of_page(None) is None


def test_the_town_is_remembered_on_the_page_instance(page_a, town_a, django_assert_num_queries):
    municipality_of_page(page_a)
    with django_assert_num_queries(0):
        assert municipality_of_page(page_a) == town_a


def test_operator_previewing_a_page_from_another_towns_host_sees_the_pages_town(
    town_a, town_b, person_b
):
    PersonFactory(municipality=town_a, first_name="Alena", last_name="Alfová")
    directory = DirectoryPageFactory(parent=town_a.site.root_page)
    page = DirectoryPage.objects.get(pk=directory.pk)  # as a request loads it
    html = page.serve_preview(request_on(town_b), "").render().content.decode()
    assert "Alfová" in html
    assert "Betovský" not in html


def test_the_board_feed_and_the_news_feed_name_the_same_town(town_a, town_b):
    board = OfficialBoardIndexPageFactory(parent=town_a.site.root_page)
    news = NewsIndexPageFactory(parent=town_a.site.root_page)
    board_rss = BoardRssFeed(board)(request_on(town_b)).content.decode()
    news_rss = NewsRssFeed(news)(request_on(town_b)).content.decode()
    assert f"<title>{board.title} – {town_a.name}</title>" in board_rss
    assert f"<title>{news.title} – {town_a.name}</title>" in news_rss
    assert town_b.name not in board_rss + news_rss
