"""What editors may upload: documents and images are checked by their content, not their name.

Images: Wagtail's own field opens every upload with Willow and refuses a file whose content is
not an image of the format its extension names (an HTML page renamed ``.jpg``);
``WAGTAILIMAGES_EXTENSIONS`` leaves out SVG (a script can hide in it) and
``WAGTAILIMAGES_MAX_UPLOAD_SIZE`` limits the size. Documents: Wagtail checks only the
extension, so ``DocumentForm`` (``WAGTAILDOCS_DOCUMENT_FORM_BASE``) also reads the first bytes
and refuses a file whose content is not what its extension says, HTML or SVG, and programs,
and applies ``RADNICE_DOCUMENT_MAX_UPLOAD_SIZE``. Every document upload (single, multiple, the
chooser's, replacing a file) goes through this form.
"""

import codecs
import os
import re
import zipfile

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

HEAD_SIZE = 1 << 16

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PROGRAM_SIGNATURES = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")
MARKUP = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*<(?:!doctype\s+html|html|head|body|script|svg|iframe|\?xml)",
    re.IGNORECASE,
)

#: extension: what the content must be, as the message names it
KINDS = {
    "pdf": _("dokument PDF"),
    "doc": _("dokument Word (DOC)"),
    "xls": _("tabulka Excel (XLS)"),
    "docx": _("dokument Word (DOCX)"),
    "xlsx": _("tabulka Excel (XLSX)"),
    "odt": _("textový dokument OpenDocument (ODT)"),
    "ods": _("tabulka OpenDocument (ODS)"),
    "zip": _("archiv ZIP"),
    "csv": _("text CSV"),
    "txt": _("prostý text"),
}
OPENDOCUMENT_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
OFFICE_OPEN_XML_FOLDERS = {"docx": "word/", "xlsx": "xl/"}


def _zip_names(upload):
    """The member names of a ZIP archive, or None when ``upload`` is not one."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            return archive.namelist()
    except zipfile.BadZipFile:
        return None
    finally:
        upload.seek(0)


def _is_office_open_xml(upload, folder):
    names = _zip_names(upload) or []
    return "[Content_Types].xml" in names and any(name.startswith(folder) for name in names)


def _is_opendocument(upload, mimetype):
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            return archive.read("mimetype").strip() == mimetype
    except (zipfile.BadZipFile, KeyError):
        return False
    finally:
        upload.seek(0)


def _is_text(head):
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "cp1250"):
        try:  # the head of a longer file may end inside a character
            codecs.getincrementaldecoder(encoding)().decode(head, final=len(head) < HEAD_SIZE)
        except UnicodeDecodeError:
            continue
        return True
    return False


def content_matches(extension, upload, head):
    if extension == "pdf":
        return b"%PDF-" in head[:1024]
    if extension in ("doc", "xls"):
        return head.startswith(OLE2)
    if extension in OFFICE_OPEN_XML_FOLDERS:
        return _is_office_open_xml(upload, OFFICE_OPEN_XML_FOLDERS[extension])
    if extension in OPENDOCUMENT_TYPES:
        return _is_opendocument(upload, OPENDOCUMENT_TYPES[extension])
    if extension == "zip":
        return _zip_names(upload) is not None
    if extension in ("csv", "txt"):
        return _is_text(head)
    return True  # an extension added to WAGTAILDOCS_EXTENSIONS without a check here


def document_upload_error(upload):
    """A Czech message saying why ``upload`` may not become a document, or None."""
    limit = settings.RADNICE_DOCUMENT_MAX_UPLOAD_SIZE
    if limit and upload.size > limit:
        return _("Soubor je větší než %(limit)s.") % {"limit": filesizeformat(limit)}
    upload.seek(0)
    head = upload.read(HEAD_SIZE)
    upload.seek(0)
    if head.startswith(PROGRAM_SIGNATURES) and b"\x00" in head[:4096]:
        return _("Soubor je spustitelný program; takové soubory nelze nahrát.")
    if MARKUP.match(head):
        return _("Soubor je stránka HTML nebo obrázek SVG; takové soubory nelze nahrát.")
    extension = os.path.splitext(upload.name)[1].lower().lstrip(".")
    if not content_matches(extension, upload, head):
        return _("Obsah souboru neodpovídá příponě .%(extension)s: není to %(kind)s.") % {
            "extension": extension,
            "kind": KINDS.get(extension, extension),
        }
    return None


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form, checking what the uploaded file really is."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            error = document_upload_error(upload)
            if error:
                raise forms.ValidationError(error, code="invalid_document_content")
        return upload
