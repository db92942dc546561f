"""What a visitor sees: the board page, its archive and one notice."""

import datetime
import re

import pytest

from radnice.board.formatting import czech_date

from ...factories import PersonFactory, site_path
from .factories import (
    NoticeAttachmentFactory,
    NoticeResponsiblePersonFactory,
    NoticeTypeFactory,
    OfficialNoticePageFactory,
)

pytestmark = pytest.mark.django_db


def get(client, url, **params):
    return client.get(url, params, HTTP_HOST="alfa.test")


@pytest.fixture
def notices(board_a, town_a, today):
    decrees = NoticeTypeFactory(municipality=town_a, name="Vyhlášky")
    current = OfficialNoticePageFactory(
        parent=board_a,
        title="Veřejná vyhláška o místním poplatku",
        teaser="Obecně závazná vyhláška o místním poplatku ze psů.",
        date_posted=today - datetime.timedelta(days=3),
        date_taken_down=today + datetime.timedelta(days=12),
        reference_number="OÚ/12/2026",
        file_mark="SZ/3/2026",
        notice_types=[decrees],
    )
    NoticeAttachmentFactory(
        notice=current,
        title="Vyhláška č. 1/2026",
        document__collection=town_a.collection,
        document__file_name="vyhlaska-1-2026",
    )
    person = PersonFactory(
        municipality=town_a, first_name="Jana", last_name="Nováková", position="účetní"
    )
    NoticeResponsiblePersonFactory(notice=current, person=person)
    old = OfficialNoticePageFactory(
        parent=board_a,
        title="Pozvánka na zasedání zastupitelstva",
        date_posted=today - datetime.timedelta(days=40),
        date_taken_down=today - datetime.timedelta(days=20),
    )
    return {"current": current, "old": old, "decrees": decrees}


def test_board_page_lists_current_notices_with_their_period(client, board_a, notices, today):
    response = get(client, board_a.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Veřejná vyhláška o místním poplatku" in html
    assert "Pozvánka na zasedání zastupitelstva" not in html
    posted = czech_date(today - datetime.timedelta(days=3))
    taken_down = czech_date(today + datetime.timedelta(days=12))
    assert f"Vyvěšeno od {posted} do {taken_down}" in html
    assert "OÚ/12/2026" in html
    assert "Vyhláška č. 1/2026" in html and "PDF" in html
    assert re.search(r'<a href="\?typ=vyhlasky">Vyhlášky \(1\)</a>', html)
    assert 'aria-current="page"><strong>Aktuální</strong>' in html


def test_archive_is_a_sub_url_of_the_board(client, board_a, notices):
    response = get(client, board_a.url + "archiv/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pozvánka na zasedání zastupitelstva" in html
    assert "Veřejná vyhláška o místním poplatku" not in html
    assert "Rok vyvěšení" in html and "Měsíc vyvěšení" not in html


def test_filter_links_work_without_javascript(client, board_a, notices):
    response = get(client, board_a.url, typ="vyhlasky")
    html = response.content.decode()
    assert "Veřejná vyhláška o místním poplatku" in html
    assert '<a href="?" aria-current="true"><strong>Vyhlášky</strong> (1) – zrušit</a>' in html
    assert '<form method="get" role="search"' in html
    assert '<label for="board-q">' in html
    assert '<input type="hidden" name="typ" value="vyhlasky">' in html


def test_search_form_keeps_the_chosen_filters_only(client, board_a, notices):
    # "items" once replaced ``request.GET.items`` in the template and answered 500.
    response = get(client, board_a.url, typ="vyhlasky", items="1", strana="2", jine="x")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<input type="hidden" name="typ" value="vyhlasky">' in html
    assert 'type="hidden" name="items"' not in html
    assert 'type="hidden" name="jine"' not in html


@pytest.mark.parametrize("year", ["0", "-1", "99999999999999999999", "٢٠٢٣", "²", "2O24"])
def test_archive_with_a_malformed_year_shows_no_notices(client, board_a, notices, year):
    response = get(client, board_a.url + "archiv/", rok=year)
    assert response.status_code == 200
    assert "Pozvánka na zasedání zastupitelstva" not in response.content.decode()


def test_board_head_links_feeds_and_open_data(client, board_a, notices):
    html = get(client, board_a.url).content.decode()
    for kind, path in [
        ("application/rss+xml", "rss/"),
        ("application/atom+xml", "atom/"),
        ("application/ld+json", "data.jsonld"),
        ("text/csv", "data.csv"),
    ]:
        assert f'<link rel="alternate" type="{kind}" href="{site_path(board_a)}{path}"' in html


def test_notice_page_shows_period_numbers_types_attachments_and_persons(client, notices, today):
    response = get(client, notices["current"].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Veřejná vyhláška o místním poplatku</h1>" in html
    assert "Vyvěšeno od " + czech_date(today - datetime.timedelta(days=3)) in html
    assert "OÚ/12/2026" in html and "SZ/3/2026" in html
    assert "Vyhlášky" in html
    assert "vyhlaska-1-2026.pdf, PDF, " in html
    assert re.search(r"\d+ B\)", html)
    assert "Jana Nováková" in html and "účetní" in html
    assert "aktuální oznámení" in html


def test_notice_without_take_down_date_hangs_until_revoked(client, board_a, today):
    notice = OfficialNoticePageFactory(parent=board_a, title="Trvalé", date_posted=today)
    html = get(client, notice.url).content.decode()
    assert f"Vyvěšeno od {czech_date(today)} do odvolání" in html


def test_taken_down_notice_stays_published_in_the_archive(client, notices):
    response = get(client, notices["old"].url)
    assert response.status_code == 200
    assert "sejmuto, v archivu" in response.content.decode()


@pytest.mark.parametrize("subpath", ["", "archiv/"])
def test_old_query_words_redirect_permanently_to_the_czech_ones(client, board_a, subpath):
    url = site_path(board_a) + subpath
    response = get(client, url + "?type=vyhlasky&q=les&page=2")
    assert response.status_code == 301
    assert response["Location"] == url + "?typ=vyhlasky&q=les&strana=2"
