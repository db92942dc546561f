"""The board works in English too (wagtail-localize): translated under /en/."""

import datetime

import pytest
from django.http import QueryDict
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from radnice.board.listing import board_listing
from radnice.board.opendata import board_document
from tests.ofn import BOARD_SCHEMA, ofn_errors

from .factories import NoticeTypeFactory, OfficialNoticePageFactory

pytestmark = pytest.mark.django_db


def test_notice_translates_and_keeps_numbers_and_types(client, board_a, town_a, today, rf):
    decrees = NoticeTypeFactory(municipality=town_a, name="Vyhlášky")
    notice = OfficialNoticePageFactory(
        parent=board_a,
        title="Veřejná vyhláška",
        date_posted=today,
        date_taken_down=today + datetime.timedelta(days=15),
        reference_number="OÚ/1/2026",
        notice_types=[decrees],
    )
    source, _created = TranslationSource.get_or_create_from_instance(notice)
    segments = {segment.string.data for segment in source.stringsegment_set.all()}
    assert "Veřejná vyhláška" in segments
    assert "OÚ/1/2026" not in segments  # reference numbers are not translated

    english = Locale.objects.get(language_code="en")
    board_en = board_a.copy_for_translation(english)
    board_en.save_revision().publish()
    notice_en = notice.copy_for_translation(english)
    notice_en.title = "Public notice"
    notice_en.save_revision().publish()
    notice_en.refresh_from_db()
    assert notice_en.reference_number == "OÚ/1/2026"
    assert list(notice_en.notice_types.all()) == [decrees]

    assert [s.title for s in board_listing(board_en, QueryDict())["notices"]] == ["Public notice"]
    response = client.get("/en/uredni-deska/", HTTP_HOST="alfa.test")
    assert response.status_code == 200
    assert "Public notice" in response.content.decode()
    document = board_document(board_en, rf.get("/", HTTP_HOST="alfa.test"))
    assert ofn_errors(BOARD_SCHEMA, document) == []
    assert document["informace"][0]["název"] == {"en": "Public notice"}
