"""The board listing: current vs. archive, newest first, 20 per page, facets with counts."""

import datetime

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from radnice.board.listing import PER_PAGE, board_listing
from radnice.board.queries import latest

from .factories import NoticeAttachmentFactory, NoticeTypeFactory, OfficialNoticePageFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 10)


def listing(board, query="", archive=False, on_day=DAY):
    return board_listing(board, QueryDict(query), archive=archive, on_day=on_day)


def titles(result):
    return [summary.title for summary in result["notices"]]


def counts(options):
    return {option.label: option.count for option in options}


def notice(board, title, posted, taken_down=None, **kwargs):
    return OfficialNoticePageFactory(
        parent=board, title=title, date_posted=posted, date_taken_down=taken_down, **kwargs
    )


# --- current and archive -------------------------------------------------------------------


def test_current_and_archive_split_on_the_take_down_date(board_a):
    notice(board_a, "Bez data sejmutí", DAY - datetime.timedelta(days=100))
    notice(board_a, "Sejmutí dnes", DAY - datetime.timedelta(days=15), DAY)
    notice(board_a, "Sejmutí zítra", DAY - datetime.timedelta(days=14), DAY + datetime.timedelta(1))
    notice(board_a, "Sejmuto včera", DAY - datetime.timedelta(days=16), DAY - datetime.timedelta(1))

    assert set(titles(listing(board_a))) == {"Bez data sejmutí", "Sejmutí dnes", "Sejmutí zítra"}
    assert titles(listing(board_a, archive=True)) == ["Sejmuto včera"]
    # The next day, the notice taken down "today" is in the archive.
    next_day = listing(board_a, archive=True, on_day=DAY + datetime.timedelta(1))
    assert titles(next_day) == ["Sejmutí dnes", "Sejmuto včera"]


def test_newest_first_by_date_posted_then_by_id(board_a):
    notice(board_a, "Starší", datetime.date(2026, 1, 5))
    notice(board_a, "Novější A", datetime.date(2026, 2, 5))
    notice(board_a, "Novější B", datetime.date(2026, 2, 5))
    assert titles(listing(board_a)) == ["Novější B", "Novější A", "Starší"]


def test_only_live_notices_of_this_board(board_a, board_b, town_a):
    notice(board_a, "Naše", DAY)
    notice(board_b, "Cizí obce", DAY)
    draft = notice(board_a, "Koncept", DAY)
    draft.unpublish()
    assert titles(listing(board_a)) == ["Naše"]
    assert titles(listing(board_b)) == ["Cizí obce"]


def test_twenty_notices_per_page(board_a):
    for number in range(45):
        notice(board_a, f"Oznámení {number:02d}", DAY - datetime.timedelta(days=number))
    first = listing(board_a)
    assert first["paginator"].count == 45
    assert len(first["notices"]) == PER_PAGE == 20
    assert titles(first)[0] == "Oznámení 00"
    third = listing(board_a, "strana=3")
    assert titles(third) == [f"Oznámení {number}" for number in range(40, 45)]
    links = third["pagination"]
    assert links.previous_url == "?strana=2" and links.next_url == ""
    assert [link.number for link in links.links] == [1, 2, 3]
    assert listing(board_a, "strana=999")["page_obj"].number == 3


# --- facets and filters ------------------------------------------------------------------


@pytest.fixture
def archive_with_types(board_a, town_a):
    decrees = NoticeTypeFactory(municipality=town_a, name="Vyhlášky")
    building = NoticeTypeFactory(municipality=town_a, name="Stavební řízení")
    council = NoticeTypeFactory(municipality=town_a, name="Usnesení zastupitelstva")
    gone = DAY - datetime.timedelta(days=1)
    notice(board_a, "Vyhláška 2024", datetime.date(2024, 5, 1), gone, notice_types=[decrees])
    notice(board_a, "Stavba 2024", datetime.date(2024, 6, 1), gone, notice_types=[building])
    notice(
        board_a,
        "Vyhláška o stavbě 2025",
        datetime.date(2025, 3, 1),
        gone,
        notice_types=[decrees, building],
    )
    notice(board_a, "Usnesení 2025", datetime.date(2025, 4, 1), gone, notice_types=[council])
    notice(board_a, "Bez typu 2025", datetime.date(2025, 9, 1), gone)
    notice(board_a, "Aktuální vyhláška", DAY, notice_types=[decrees])
    return {"decrees": decrees, "building": building, "council": council}


def test_archive_facets_count_types_and_years(board_a, archive_with_types):
    result = listing(board_a, archive=True)
    assert counts(result["facets"]["typ"]) == {
        "Stavební řízení": 2,
        "Usnesení zastupitelstva": 1,
        "Vyhlášky": 2,
    }
    assert [option.label for option in result["facets"]["typ"]] == [
        "Stavební řízení",
        "Usnesení zastupitelstva",
        "Vyhlášky",
    ]
    assert counts(result["facets"]["rok"]) == {"2025": 3, "2024": 2}
    assert "mesic" not in result["facets"]


def test_type_and_year_in_the_archive_give_exactly_those_notices(board_a, archive_with_types):
    result = listing(board_a, "typ=vyhlasky&rok=2025", archive=True)
    assert titles(result) == ["Vyhláška o stavbě 2025"]
    # Each facet counts with the other facet applied.
    assert counts(result["facets"]["typ"]) == {
        "Stavební řízení": 1,
        "Usnesení zastupitelstva": 1,
        "Vyhlášky": 1,
    }
    assert counts(result["facets"]["rok"]) == {"2025": 1, "2024": 1}
    selected = [option for option in result["facets"]["typ"] if option.selected]
    assert [option.label for option in selected] == ["Vyhlášky"]
    assert selected[0].url == "?rok=2025"  # clicking it again removes the filter
    building = next(o for o in result["facets"]["typ"] if o.label == "Stavební řízení")
    assert building.url == "?typ=stavebni-rizeni&rok=2025"


def test_month_facet_on_current_notices(board_a, town_a):
    notice(board_a, "Březen A", datetime.date(2026, 3, 2))
    notice(board_a, "Březen B", datetime.date(2026, 3, 9))
    notice(board_a, "Únor", datetime.date(2026, 2, 20))
    result = listing(board_a)
    assert counts(result["facets"]["mesic"]) == {"březen 2026": 2, "únor 2026": 1}
    assert [o.value for o in result["facets"]["mesic"]] == ["2026-03", "2026-02"]
    assert "rok" not in result["facets"]
    assert titles(listing(board_a, "mesic=2026-02")) == ["Únor"]
    assert titles(listing(board_a, "mesic=2026-13")) == []


def test_text_search_in_title_teaser_and_reference_number(board_a):
    notice(board_a, "Veřejná vyhláška – územní plán", DAY, reference_number="MULH/123/2026")
    notice(board_a, "Rozpočtové opatření č. 3", DAY, teaser="Změna rozpočtu obce.")
    notice(board_a, "Oznámení o volbách", DAY)
    assert titles(listing(board_a, "q=územní")) == ["Veřejná vyhláška – územní plán"]
    assert titles(listing(board_a, "q=mulh/123")) == ["Veřejná vyhláška – územní plán"]
    assert titles(listing(board_a, "q=rozpočtu")) == ["Rozpočtové opatření č. 3"]
    result = listing(board_a, "q=volb")
    assert counts(result["facets"]["mesic"]) == {"březen 2026": 1}
    assert result["active_filters"][0]["remove_url"] == "?"


def test_unknown_type_or_year_matches_nothing(board_a, town_a):
    notice(board_a, "Něco", DAY - datetime.timedelta(10), DAY - datetime.timedelta(1))
    assert titles(listing(board_a, "typ=neexistuje", archive=True)) == []
    assert titles(listing(board_a, "rok=dvacet", archive=True)) == []


# --- guard on the number of queries -------------------------------------------------------


def test_listing_query_count_does_not_grow_with_notices(client, board_a, town_a, today):
    decrees = NoticeTypeFactory(municipality=town_a, name="Vyhlášky")

    def add(count, start):
        for number in range(start, start + count):
            item = notice(
                board_a, f"Oznámení {number}", today - datetime.timedelta(days=number % 300)
            )
            item.notice_types.add(decrees)
            item.save()
            NoticeAttachmentFactory(notice=item, document__collection=town_a.collection)

    def measure(shown):
        client.get(board_a.url, HTTP_HOST="alfa.test")  # warm Wagtail's caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(board_a.url, {"typ": "vyhlasky"}, HTTP_HOST="alfa.test")
        assert response.status_code == 200
        assert len(response.context["notices"]) == shown
        return len(queries)

    # Three notices on one page, then a full page of twenty out of twenty-five on two pages:
    # neither the notices shown nor those beyond the page may cost a query each.
    add(3, 0)
    with_three = measure(3)
    add(22, 3)
    with_twenty_five = measure(PER_PAGE)
    assert with_twenty_five == with_three


# --- the home page's block -----------------------------------------------------------------


def test_latest_returns_newest_current_notices_under_a_site_root(board_a, board_b, town_a, today):
    notice(board_a, "Starší", today - datetime.timedelta(days=3))
    notice(board_a, "Nejnovější", today)
    notice(board_a, "Sejmuté", today - datetime.timedelta(days=30), today - datetime.timedelta(1))
    notice(board_b, "Cizí", today)
    found = latest(town_a.site.root_page, limit=5)
    assert [n.title for n in found] == ["Nejnovější", "Starší"]
    assert [n.title for n in latest(town_a.site.root_page, limit=1)] == ["Nejnovější"]
