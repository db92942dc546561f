"""Documents are served only by the application, per town, and only once something published
links to them; the web server's media folder holds nothing but image renditions."""

import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.images import ImageFile
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.views.static import serve as serve_static
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from radnice.board.tasks import archive_taken_down_notices
from tests.factories import StandardPageFactory
from tests.site.board.factories import (
    DocumentFactory,
    NoticeAttachmentFactory,
    OfficialBoardIndexPageFactory,
    OfficialNoticePageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def board_a(town_a):
    board = OfficialBoardIndexPageFactory(parent=town_a.site.root_page)
    board.save_revision().publish()
    return board


def attach(notice, town):
    document = NoticeAttachmentFactory(notice=notice, document__collection=town.collection).document
    notice.save_revision().publish()  # as the admin saves a notice with its attachments
    return document


def fetch(client, document, host="alfa.test"):
    return client.get(document.url, HTTP_HOST=host)


def in_web_server_folder(relative_name):
    """What a web server exposing MEDIA_ROOT at MEDIA_URL answers (the DEBUG route's view)."""
    request = RequestFactory().get(settings.MEDIA_URL + relative_name)
    try:
        return serve_static(request, relative_name, document_root=settings.MEDIA_ROOT).status_code
    except Http404:
        return 404


def test_document_nothing_links_to_is_not_public(client, town_a):
    document = DocumentFactory(collection=town_a.collection)
    assert fetch(client, document).status_code == 404


def test_editor_of_the_town_gets_a_document_nothing_links_to_yet(client_a, town_a):
    document = DocumentFactory(collection=town_a.collection)
    assert fetch(client_a, document).status_code == 200


def test_document_attached_to_a_live_notice_is_public(client, town_a, board_a):
    document = attach(OfficialNoticePageFactory(parent=board_a), town_a)
    response = fetch(client, document)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_document_linked_only_from_a_password_protected_page_is_served_only_past_the_password(
    client, town_a
):
    """A page behind a password publishes its documents only to those who gave the password."""
    from wagtail.models import PageViewRestriction

    document = DocumentFactory(collection=town_a.collection)
    page = StandardPageFactory(
        parent=town_a.site.root_page,
        slug="zastupitele",
        body__0__rich_text__value=f'<p><a linktype="document" id="{document.pk}">PDF</a></p>',
    )
    page.save_revision().publish()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="tajne-heslo"
    )
    assert fetch(client, document).status_code == 404
    form = client.get(page.url, HTTP_HOST="alfa.test")
    assert form.status_code == 200
    response = client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk]),
        {"password": "tajne-heslo", "return_url": page.url},
        HTTP_HOST="alfa.test",
    )
    assert response.status_code == 302
    assert fetch(client, document).status_code == 200


def test_document_linked_from_a_live_pages_rich_text_is_public(client, town_a):
    document = DocumentFactory(collection=town_a.collection)
    page = StandardPageFactory(
        parent=town_a.site.root_page,
        body__0__rich_text__value=f'<p><a linktype="document" id="{document.pk}">PDF</a></p>',
    )
    page.save_revision().publish()
    assert fetch(client, document).status_code == 200


def test_document_linked_only_from_an_unpublished_page_is_not_public(client, town_a, board_a):
    notice = OfficialNoticePageFactory(parent=board_a)
    document = attach(notice, town_a)
    notice.unpublish()
    assert fetch(client, document).status_code == 404


def test_document_is_not_served_on_another_towns_host(client, town_a, town_b, board_a):
    document = attach(OfficialNoticePageFactory(parent=board_a), town_a)
    assert fetch(client, document, host="beta.test").status_code == 404


def test_taken_down_personal_data_attachment_is_reachable_neither_by_app_nor_media(
    client, town_a, board_a
):
    today = datetime.date.today()
    notice = OfficialNoticePageFactory(
        parent=board_a,
        date_posted=today - datetime.timedelta(days=20),
        date_taken_down=today - datetime.timedelta(days=1),
        contains_personal_data=True,
    )
    document = attach(notice, town_a)
    archive_taken_down_notices()
    assert fetch(client, document).status_code == 404
    assert in_web_server_folder(document.file.name) == 404
    assert not Path(document.file.path).is_relative_to(settings.MEDIA_ROOT)


def test_original_files_are_outside_the_web_servers_folder_and_renditions_inside(town_a):
    document = DocumentFactory(collection=town_a.collection)
    buffer = io.BytesIO()
    PillowImage.new("RGB", (40, 30), "red").save(buffer, "JPEG")
    image = get_image_model().objects.create(
        title="Náves",
        collection=town_a.collection,
        file=ImageFile(buffer, name="naves.jpg"),
    )
    rendition = image.get_rendition("width-20")
    for original in (document.file, image.file):
        assert not Path(original.path).is_relative_to(settings.MEDIA_ROOT)
        assert in_web_server_folder(original.name) == 404
    assert Path(rendition.file.path).is_relative_to(settings.MEDIA_ROOT)
    assert rendition.url.startswith(settings.MEDIA_URL)
    assert in_web_server_folder(rendition.url.removeprefix(settings.MEDIA_URL)) == 200
