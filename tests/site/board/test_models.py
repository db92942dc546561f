"""The board's page types: where they may live, what a notice validates, how it is written."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page

from radnice.board.formatting import czech_date, file_format, file_size, posting_period
from radnice.board.models import NoticeType, OfficialBoardIndexPage, OfficialNoticePage
from radnice.home.models import HomePage

from .factories import NoticeTypeFactory, OfficialNoticePageFactory

pytestmark = pytest.mark.django_db


def test_board_lives_under_the_home_page_or_a_standard_page():
    assert OfficialBoardIndexPage.parent_page_types == ["home.HomePage", "pages.StandardPage"]
    assert OfficialBoardIndexPage.can_create_at(HomePage())
    assert not OfficialBoardIndexPage.can_create_at(OfficialBoardIndexPage())
    assert not OfficialBoardIndexPage.can_create_at(OfficialNoticePage())
    assert not OfficialBoardIndexPage.can_create_at(Page())


def test_notice_lives_only_on_a_board():
    assert OfficialNoticePage.allowed_parent_page_models() == [OfficialBoardIndexPage]
    assert OfficialBoardIndexPage.allowed_subpage_models() == [OfficialNoticePage]
    assert OfficialNoticePage.allowed_subpage_models() == []


def test_date_posted_defaults_to_today(today):
    assert OfficialNoticePage().date_posted == today


def test_take_down_before_posting_is_refused_in_czech():
    notice = OfficialNoticePage(
        title="Vyhláška",
        slug="vyhlaska",
        date_posted=datetime.date(2026, 2, 1),
        date_taken_down=datetime.date(2026, 1, 31),
    )
    with pytest.raises(ValidationError) as error:
        notice.clean()
    assert error.value.message_dict["date_taken_down"] == [
        "Datum sejmutí nesmí být dřív než datum vystavení."
    ]


def test_take_down_on_the_posting_day_is_allowed():
    day = datetime.date(2026, 2, 1)
    OfficialNoticePage(title="X", slug="x", date_posted=day, date_taken_down=day).clean()


def test_take_down_help_text_names_the_fifteen_day_minimum():
    help_text = str(OfficialNoticePage._meta.get_field("date_taken_down").help_text)
    assert "15 dní" in help_text and "§ 25" in help_text


def test_posting_period_is_written_the_czech_way():
    posted = datetime.date(2026, 2, 1)
    assert czech_date(posted) == "1. 2. 2026"
    assert (
        posting_period(posted, datetime.date(2026, 2, 16))
        == "Vyvěšeno od 1. 2. 2026 do 16. 2. 2026"
    )
    assert posting_period(posted, None) == "Vyvěšeno od 1. 2. 2026 do odvolání"


def test_file_sizes_and_formats():
    assert file_size(512) == "512 B"
    assert file_size(12_595) == "12,3 kB"
    assert file_size(1_572_864) == "1,5 MB"
    assert file_size(None) == ""
    assert file_format("vyhlaska-c-1.pdf") == "PDF"
    assert file_format("README") == ""


def test_notice_type_gets_a_unique_slug_within_its_town(town_a, town_b):
    first = NoticeTypeFactory(municipality=town_a, name="Veřejné vyhlášky")
    second = NoticeTypeFactory(municipality=town_a, name="Veřejné vyhlášky")
    other_town = NoticeTypeFactory(municipality=town_b, name="Veřejné vyhlášky")
    assert first.slug == "verejne-vyhlasky"
    assert second.slug == "verejne-vyhlasky-2"
    assert other_town.slug == "verejne-vyhlasky"
    assert NoticeType.objects.count() == 3


def test_archived_at_survives_publishing_an_older_revision(board_a):
    notice = OfficialNoticePageFactory(parent=board_a)
    revision = notice.save_revision()
    archived_at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    OfficialNoticePage.objects.filter(pk=notice.pk).update(archived_at=archived_at)
    notice.refresh_from_db()
    notice.get_latest_revision_as_object()  # what the admin's edit view loads
    revision.refresh_from_db()
    revision.publish()
    notice.refresh_from_db()
    assert notice.archived_at == archived_at
