"""Uploads are checked by what the file is, not by its name: a page renamed .pdf or .jpg, an SVG
or a program is refused with a Czech message, and the size limits apply."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from radnice.core.uploads import document_upload_error

pytestmark = pytest.mark.django_db

HOST = {"HTTP_HOST": "alfa.test"}
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 100


MARKUP_REFUSED = "Soubor je stránka HTML nebo obrázek SVG; takové soubory nelze nahrát."
PROGRAM_REFUSED = "Soubor je spustitelný program; takové soubory nelze nahrát."


def mismatch(extension, kind):
    return f"Obsah souboru neodpovídá příponě .{extension}: není to {kind}."


def zipped(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = zipped({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
ODS = zipped({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>"})


def jpeg_bytes():
    buffer = io.BytesIO()
    PillowImage.new("RGB", (20, 20), "blue").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("vyhlaska.pdf", PDF),
        ("smlouva.docx", DOCX),
        ("rozpocet.ods", ODS),
        ("prilohy.zip", zipped({"a.pdf": PDF})),
        ("seznam.csv", "název;částka\nOprava;-1234,50\n".encode()),
        ("seznam-1250.csv", "název;částka\nŘeka;1\n".encode("cp1250")),
        ("stary.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100),
    ],
)
def test_documents_whose_content_matches_their_extension_are_accepted(name, content):
    assert document_upload_error(SimpleUploadedFile(name, content)) is None


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("vyhlaska.pdf", HTML, MARKUP_REFUSED),
        ("vyhlaska.pdf", SVG, MARKUP_REFUSED),
        ("poznamka.txt", b"  \n<svg onload=alert(1)>", MARKUP_REFUSED),
        ("vyhlaska.pdf", PROGRAM, PROGRAM_REFUSED),
        ("seznam.csv", PROGRAM, PROGRAM_REFUSED),
        ("vyhlaska.pdf", DOCX, mismatch("pdf", "dokument PDF")),
        ("smlouva.docx", zipped({"a.txt": "x"}), mismatch("docx", "dokument Word (DOCX)")),
        ("rozpocet.ods", DOCX, mismatch("ods", "tabulka OpenDocument (ODS)")),
        ("prilohy.zip", PDF, mismatch("zip", "archiv ZIP")),
        ("seznam.csv", b"a;b\n\x00\x01\x02", mismatch("csv", "text CSV")),
        ("stary.doc", PDF, mismatch("doc", "dokument Word (DOC)")),
    ],
)
def test_documents_are_refused_by_their_content(name, content, message):
    assert document_upload_error(SimpleUploadedFile(name, content)) == message


def test_documents_larger_than_the_limit_are_refused(settings):
    settings.RADNICE_DOCUMENT_MAX_UPLOAD_SIZE = 1024
    upload = SimpleUploadedFile("velky.pdf", PDF + b"0" * 1024)
    assert document_upload_error(upload) == "Soubor je větší než 1,0\xa0KB."


def add(client, town, kind, name, content):
    """Upload through the admin's add view of ``kind`` ("wagtaildocs" or "wagtailimages")."""
    data = {"title": "Příloha", "file": SimpleUploadedFile(name, content)}
    data["collection"] = town.collection.pk
    return client.post(reverse(f"{kind}:add"), data, **HOST)


def test_editor_cannot_upload_a_page_renamed_pdf(client_a, town_a):
    response = add(client_a, town_a, "wagtaildocs", "vyhlaska.pdf", HTML)
    assert response.status_code == 200
    assert "Soubor je stránka HTML nebo obrázek SVG" in response.content.decode()
    assert not get_document_model().objects.exists()


def test_editor_uploads_a_real_pdf(client_a, town_a):
    response = add(client_a, town_a, "wagtaildocs", "vyhlaska.pdf", PDF)
    assert response.status_code == 302
    assert get_document_model().objects.get().collection == town_a.collection


def test_multiple_upload_checks_content_too(client_a, town_a):
    response = client_a.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("vyhlaska.pdf", HTML), "collection": town_a.collection.pk},
        **HOST,
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert "Soubor je stránka HTML nebo obrázek SVG" in response.json()["error_message"]
    assert not get_document_model().objects.exists()


def test_editor_cannot_upload_an_svg_image(client_a, town_a):
    response = add(client_a, town_a, "wagtailimages", "znak.svg", SVG)
    assert response.status_code == 200
    assert "Nepodporovaný formát obrázku" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_editor_cannot_upload_a_page_renamed_jpg(client_a, town_a):
    response = add(client_a, town_a, "wagtailimages", "foto.jpg", HTML)
    assert response.status_code == 200
    assert "Přípona neodpovídá formátu souboru" in response.content.decode()
    assert not get_image_model().objects.exists()


def test_images_larger_than_the_limit_are_refused(client_a, town_a, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    response = add(client_a, town_a, "wagtailimages", "foto.jpg", jpeg_bytes())
    assert response.status_code == 200
    assert not get_image_model().objects.exists()


def test_editor_uploads_a_real_jpeg(client_a, town_a):
    response = add(client_a, town_a, "wagtailimages", "foto.jpg", jpeg_bytes())
    assert response.status_code == 302
    assert get_image_model().objects.get().collection == town_a.collection
