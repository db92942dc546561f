"""The daily archiving task, and attachments with personal data after the take-down date."""

import datetime

import pytest
from django.http import QueryDict
from wagtail.models import PageLogEntry

from municipalities.models import MunicipalityRole
from radnice.board.listing import board_listing, notice_detail_context
from radnice.board.models import OfficialNoticePage
from radnice.board.tasks import archive_taken_down_notices

from ...factories import make_member
from .factories import NoticeAttachmentFactory, OfficialNoticePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def taken_down(board_a, town_a, today):
    """Two notices taken down yesterday (one with personal data) and one still current."""
    yesterday = today - datetime.timedelta(days=1)
    personal = OfficialNoticePageFactory(
        parent=board_a,
        title="Oznámení o uložení písemnosti – Jan Novák",
        date_posted=today - datetime.timedelta(days=20),
        date_taken_down=yesterday,
        contains_personal_data=True,
    )
    personal_attachment = NoticeAttachmentFactory(
        notice=personal, document__collection=town_a.collection
    )
    plain = OfficialNoticePageFactory(
        parent=board_a,
        title="Rozpočtové opatření č. 2",
        date_posted=today - datetime.timedelta(days=20),
        date_taken_down=yesterday,
    )
    plain_attachment = NoticeAttachmentFactory(notice=plain, document__collection=town_a.collection)
    current = OfficialNoticePageFactory(
        parent=board_a,
        title="Výběrové řízení na referenta",
        date_posted=today,
        date_taken_down=today + datetime.timedelta(days=15),
        contains_personal_data=True,
    )
    current_attachment = NoticeAttachmentFactory(
        notice=current, document__collection=town_a.collection
    )
    return {
        "personal": personal,
        "personal_document": personal_attachment.document,
        "plain": plain,
        "plain_document": plain_attachment.document,
        "current": current,
        "current_document": current_attachment.document,
    }


def fetch(client, document):
    return client.get(document.url, HTTP_HOST="alfa.test")


def test_task_marks_taken_down_notices_once(taken_down, today):
    result = archive_taken_down_notices.delay().get()
    assert result == {"archived": 2, "restored": 0}
    archived = OfficialNoticePage.objects.filter(archived_at__isnull=False)
    assert set(archived.values_list("title", flat=True)) == {
        "Oznámení o uložení písemnosti – Jan Novák",
        "Rozpočtové opatření č. 2",
    }
    stamps = dict(archived.values_list("pk", "archived_at"))

    assert archive_taken_down_notices.delay().get() == {"archived": 0, "restored": 0}
    assert dict(archived.values_list("pk", "archived_at")) == stamps
    assert PageLogEntry.objects.filter(action="board.archive").count() == 2


def test_task_accepts_the_day_as_an_iso_date(taken_down, today):
    day_before = (today - datetime.timedelta(days=1)).isoformat()
    assert archive_taken_down_notices(day_before) == {"archived": 0, "restored": 0}


def test_extended_notice_comes_back_from_the_archive(taken_down, today):
    archive_taken_down_notices()
    plain = OfficialNoticePage.objects.get(pk=taken_down["plain"].pk)  # as the admin loads it
    assert plain.archived_at is not None
    plain.date_taken_down = today + datetime.timedelta(days=10)
    plain.save_revision().publish()
    assert archive_taken_down_notices() == {"archived": 0, "restored": 1}
    plain.refresh_from_db()
    assert plain.archived_at is None


def test_archiving_does_not_unpublish(client, taken_down):
    archive_taken_down_notices()
    response = client.get(taken_down["personal"].url, HTTP_HOST="alfa.test")
    assert response.status_code == 200


def test_attachments_with_personal_data_are_withheld_from_the_public(client, taken_down):
    assert fetch(client, taken_down["personal_document"]).status_code == 404
    archive_taken_down_notices()
    assert fetch(client, taken_down["personal_document"]).status_code == 404
    # Other attachments are served as before.
    assert fetch(client, taken_down["plain_document"]).status_code == 200
    assert fetch(client, taken_down["current_document"]).status_code == 200


def test_withheld_attachments_stay_available_in_the_admin(client, taken_down, town_a, town_b):
    archive_taken_down_notices()
    client.force_login(make_member(town_a, MunicipalityRole.EDITOR))
    assert fetch(client, taken_down["personal_document"]).status_code == 200
    document = taken_down["personal_document"]
    admin_url = f"/admin/documents/edit/{document.pk}/"
    assert client.get(admin_url, HTTP_HOST="alfa.test").status_code == 200
    # An editor of another town is the public here.
    client.force_login(make_member(town_b, MunicipalityRole.EDITOR))
    assert fetch(client, document).status_code == 404


def test_listing_and_notice_no_longer_link_withheld_attachments(client, board_a, taken_down, today):
    archive_taken_down_notices()
    archive = board_listing(board_a, QueryDict(), archive=True, on_day=today)
    by_title = {summary.title: summary for summary in archive["notices"]}
    personal = by_title["Oznámení o uložení písemnosti – Jan Novák"]
    assert personal.attachments == [] and personal.attachments_withheld
    assert len(by_title["Rozpočtové opatření č. 2"].attachments) == 1

    html = client.get(board_a.url + "archiv/", HTTP_HOST="alfa.test").content.decode()
    assert taken_down["personal_document"].url not in html
    assert taken_down["plain_document"].url in html
    assert "po sejmutí již nejsou zveřejněny" in html

    context = notice_detail_context(taken_down["personal"], None, on_day=today)
    assert context["attachments"] == [] and context["attachments_withheld"]
    html = client.get(taken_down["personal"].url, HTTP_HOST="alfa.test").content.decode()
    assert taken_down["personal_document"].url not in html
