"""Demo content: a realistic board for each demo town, built idempotently."""

import datetime
import io
import re

import pypdf
import pytest
from wagtail.documents import get_document_model
from wagtail.models import Revision

from radnice.board import demo
from radnice.board.models import NoticeAttachment, NoticeType, OfficialNoticePage
from radnice.board.queries import archived, board_notices, current
from radnice.core.pdf import TownDocument

from ...factories import PersonFactory, make_municipality, site_path

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "notices": OfficialNoticePage.objects.count(),
        "live": OfficialNoticePage.objects.live().count(),
        "types": NoticeType.objects.count(),
        "attachments": NoticeAttachment.objects.count(),
        "documents": get_document_model().objects.count(),
        "revisions": Revision.objects.count(),
        "archived_at": sorted(
            str(value) for value in OfficialNoticePage.objects.values_list("archived_at", flat=True)
        ),
    }


def test_build_demo_creates_a_realistic_board_and_a_second_run_changes_nothing(today):
    town = make_municipality("Lhota pod Lesem", "lhota.test", kind="obec")
    PersonFactory(municipality=town, first_name="Jan", last_name="Novák", position="starosta")
    PersonFactory(municipality=town, first_name="Petra", last_name="Svobodová", position="účetní")

    board = demo.build_demo(town)
    first = snapshot()
    assert demo.build_demo(town).pk == board.pk
    assert snapshot() == first

    assert site_path(board) == "/uredni-deska/"
    notices = OfficialNoticePage.objects.child_of(board)
    assert notices.count() >= 40
    assert {n.date_posted.year for n in notices} >= {today.year, today.year - 1, today.year - 2}
    live = board_notices(board)
    assert current(live, today).count() >= 5
    assert archived(live, today).count() > current(live, today).count()
    assert notices.filter(contains_personal_data=True).exists()
    assert NoticeType.objects.filter(municipality=town).count() >= 6
    assert len({t for n in notices for t in n.notice_types.all()}) >= 5
    for notice in notices:
        assert 1 <= notice.attachments.count() <= 2
        assert notice.responsible_persons.count() == 1
        assert notice.reference_number and notice.teaser
    # Taken-down notices are marked by the archiving step.
    assert not archived(notices, today).filter(archived_at__isnull=True).exists()
    attachment = NoticeAttachment.objects.filter(notice__in=notices).first()
    document = attachment.document
    assert document.collection == town.collection
    with document.open_file() as handle:
        content = handle.read()
    assert content.startswith(b"%PDF-")
    # The attachment speaks Czech with its diacritics, in the town's name.
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)
    assert text.startswith("Lhota pod Lesem\n")
    assert attachment.notice.title in text and any(ord(char) > 127 for char in text)


def test_each_kind_of_town_gets_its_own_notice_types(monkeypatch):
    monkeypatch.setattr(demo, "NOTICE_COUNTS", {"obec": 10, "mesto": 10, "mestska_cast": 10})
    town = make_municipality("Horní Dolní", "hornidolni.test", kind="mesto")
    district = make_municipality("Praha 99", "praha99.test", kind="mestska_cast")
    demo.build_demo(town)
    demo.build_demo(district)
    town_types = set(NoticeType.objects.filter(municipality=town).values_list("name", flat=True))
    district_types = set(
        NoticeType.objects.filter(municipality=district).values_list("name", flat=True)
    )
    assert "Stavební řízení – veřejné vyhlášky" in town_types
    assert "Rada městské části" in district_types
    assert "Rada městské části" not in town_types


def test_attachment_pdf_is_well_formed_and_keeps_czech_text():
    town = make_municipality("Lhota pod Lesem", "lhota.test", kind="obec")
    pdf = TownDocument(town, "Veřejná vyhláška (návrh)", created=datetime.datetime(2026, 1, 5))
    pdf.paragraph("Příliš žluťoučký kůň úpěl ďábelské ódy.")
    content = pdf.render()
    assert content.startswith(b"%PDF-1.4") and content.rstrip().endswith(b"%%EOF")
    text = pypdf.PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert "Veřejná vyhláška (návrh)" in text
    assert "Příliš žluťoučký kůň úpěl ďábelské ódy." in text
    startxref = int(re.search(rb"startxref\n(\d+)\n", content).group(1))
    assert content[startxref:].startswith(b"xref")
    offsets = re.findall(rb"(\d{10}) 00000 n ", content)
    for number, offset in enumerate(offsets, start=1):
        assert content[int(offset) :].startswith(b"%d 0 obj" % number)


def test_demo_attachments_are_written_once_per_content(monkeypatch, tmp_path):
    monkeypatch.setattr(demo.tempfile, "gettempdir", lambda: str(tmp_path))
    town = make_municipality("Lhota pod Lesem", "lhota.test", kind="obec")
    created = datetime.datetime(2026, 1, 5, 8, tzinfo=datetime.UTC)
    first = demo._attachment_pdf(town, "Veřejná vyhláška", ["Příliš žluťoučký kůň"], created)
    assert len(list((tmp_path / "radnice-demo-pdfs").glob("*.pdf"))) == 1

    def must_not_write(*args, **kwargs):
        raise AssertionError("the same attachment was written again")

    monkeypatch.setattr(demo, "TownDocument", must_not_write)
    assert demo._attachment_pdf(town, "Veřejná vyhláška", ["Příliš žluťoučký kůň"], created) == (
        first
    )
    # Another text, date or town is another document.
    for args in (
        (town, "Veřejná vyhláška", ["Úpěl ďábelské ódy"], created),
        (town, "Veřejná vyhláška", ["Příliš žluťoučký kůň"], created + datetime.timedelta(days=1)),
        (
            make_municipality("Horní Dolní", "hornidolni.test", kind="obec"),
            "Veřejná vyhláška",
            ["Příliš žluťoučký kůň"],
            created,
        ),
    ):
        with pytest.raises(AssertionError, match="written again"):
            demo._attachment_pdf(*args)
