"""Demo content of the official board: a board at /uredni-deska/ with notices of three years.

``build_demo(municipality)`` is idempotent: the board is found by its slug, notice types by
their slug and notices by theirs (which do not depend on the day the demo is built), so a
second run changes nothing. The content is generated from the town's kind (obec, město,
městská část) with a random generator seeded by the town's IČO, so every town gets its own,
always the same, board. Its texts and templates are in municipalities/demo/data/shared/board.yaml.
"""

import datetime
import hashlib
import os
import random
import tempfile
from dataclasses import dataclass
from pathlib import Path

import fpdf
from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model

from municipalities.demo import data
from municipalities.demo.builders import ensure_type
from radnice.core.pdf import TownDocument, document_fonts
from radnice.people.models import Person

from .archiving import archive_notices
from .models import (
    NoticeAttachment,
    NoticeResponsiblePerson,
    NoticeType,
    OfficialBoardIndexPage,
    OfficialNoticePage,
)
from .queries import today

#: the board's page, counts, notice types, words and templates of every kind of town
BOARD = data.shared("board")
NOTICE_COUNTS = BOARD["notice_counts"]
CURRENT_NOTICES = BOARD["current_notices"]
KINDS = tuple(NOTICE_COUNTS)


@dataclass(frozen=True)
class Template:
    key: str
    type_slug: str
    title: str
    teaser: str
    agenda: str = ""
    department: str = ""
    personal: bool = False
    days: int = 15  # how long the notice hangs
    approved: bool = False  # has an approval date (resolutions, budgets)
    attachments: tuple = ("{title}",)


def notice_types(kind):
    """[{slug, name}] of the kind's notice types: those of every kind, then its own."""
    return [*BOARD["types"]["all"], *BOARD["types"][kind]]


def templates(kind):
    return [
        Template(
            **{
                name: value for name, value in fields.items() if name not in ("type", "attachments")
            },
            type_slug=fields["type"],
            attachments=tuple(fields.get("attachments", Template.attachments)),
        )
        for fields in [*BOARD["templates"]["all"], *BOARD["templates"][kind]]
    ]


def _kind(municipality):
    return municipality.kind if municipality.kind in KINDS else "mesto"


def ensure_board(municipality):
    home = municipality.site.root_page.specific
    fields = BOARD["board"]
    board = OfficialBoardIndexPage.objects.child_of(home).filter(slug=fields["slug"]).first()
    if board is None:
        board = OfficialBoardIndexPage(**fields)
        home.add_child(instance=board)
        board.save_revision().publish()
    return board


def ensure_notice_types(municipality):
    return {
        fields["slug"]: ensure_type(NoticeType, municipality, **fields)
        for fields in notice_types(_kind(municipality))
    }


def _posting_dates(rng, count, on_day):
    """(year, date posted) for ``count`` notices over three years, oldest first.

    The year is that of the notice's batch (it names the notice's slug); the newest few are
    moved to the last two weeks so that they hang now.
    """
    years = [on_day.year - 2, on_day.year - 1, on_day.year]
    per_year = [count * 35 // 100, count * 35 // 100]
    per_year.append(count - sum(per_year))
    dates = []
    for year, how_many in zip(years, per_year, strict=True):
        if year == on_day.year:
            first, last = datetime.date(year, 1, 1), on_day
        else:
            first, last = datetime.date(year, 1, 5), datetime.date(year, 12, 20)
        span = (last - first).days
        offsets = sorted(rng.randint(0, span) for _ in range(how_many))
        posted = [first + datetime.timedelta(days=offset) for offset in offsets]
        dates += [(year, day) for day in posted]
    for index in range(len(dates) - CURRENT_NOTICES, len(dates)):
        dates[index] = (dates[index][0], on_day - datetime.timedelta(days=rng.randint(0, 12)))
    return dates


def _attachment_pdf(municipality, title, paragraphs, created):
    """The PDF of a demo attachment.

    Writing one takes a tenth of a second and a town has about ninety, the same ones each
    time the town is built (the tests build the demo towns several times a run), so each is
    kept in the system's temporary directory under a digest of everything that makes it:
    the fpdf2 version, the town's name and arms, the font files, the texts and the date.
    """
    arms = municipality.coat_of_arms
    fonts = sorted(
        {
            path
            for family in document_fonts(municipality).values()
            for path in (family.regular, family.bold)
        }
    )
    makings = (
        fpdf.__version__,
        municipality.name,
        arms.file_hash if arms else None,
        [(str(path), os.stat(path).st_size, os.stat(path).st_mtime_ns) for path in fonts],
        title,
        paragraphs,
        created.isoformat(),
    )
    digest = hashlib.sha256(repr(makings).encode()).hexdigest()
    kept = Path(tempfile.gettempdir()) / "radnice-demo-pdfs" / f"{digest}.pdf"
    if kept.exists():
        return kept.read_bytes()
    pdf = TownDocument(municipality, title, language="cs", created=created)
    for paragraph in paragraphs:
        pdf.paragraph(paragraph)
    content = pdf.render()
    kept.parent.mkdir(parents=True, exist_ok=True)
    partial = kept.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(content)
    os.replace(partial, kept)  # a second process may write the same file meanwhile
    return content


def _document(municipality, title, filename, paragraphs, created):
    Document = get_document_model()
    content = _attachment_pdf(municipality, title, paragraphs, created)
    document = Document(
        title=title,
        collection=municipality.collection,
        file=ContentFile(content, name=filename),
        file_size=len(content),
        file_hash=hashlib.sha1(content, usedforsecurity=False).hexdigest(),
    )
    document.save()
    return document


def build_demo(municipality, on_day=None):
    """Build (or complete) the town's board; returns the board page."""
    on_day = on_day or today()
    kind = _kind(municipality)
    words = BOARD["words"][kind]
    # Two generators: the dates depend on the day the demo is built, the content must not.
    date_rng = random.Random(f"board-dates-{municipality.ico}-{on_day.year}")
    rng = random.Random(f"board-content-{municipality.ico}-{on_day.year}")
    board = ensure_board(municipality)
    types = ensure_notice_types(municipality)
    people = list(Person.objects.filter(municipality=municipality).order_by("pk"))
    existing = set(OfficialNoticePage.objects.child_of(board).values_list("slug", flat=True))
    kind_templates = templates(kind)
    numbers = {}

    dates = _posting_dates(date_rng, NOTICE_COUNTS[kind], on_day)
    for index, (year, date_posted) in enumerate(dates):
        template = kind_templates[rng.randrange(len(kind_templates))]
        numbers[template.key, year] = numbers.get((template.key, year), 0) + 1
        place = rng.choice(words["places"])
        values = {
            "n": numbers[template.key, year],
            "year": year,
            "next_year": year + 1,
            "prev_year": year - 1,
            "name": municipality.name,
            "town": municipality.name,
            "of_town": words["of_town"].format(name=municipality.name),
            "hall": words["hall"],
            "office": words["office"],
            "office_short": words["office_short"],
            "finance": words["finance"],
            "property": words["property"],
            "section": words["section"],
            "place": place,
            "cadastre": rng.choice(words["cadastres"]),
            "street": rng.choice(words["streets"]),
            "number": rng.randint(1, 120),
            "parcel": f"{rng.randint(12, 980)}/{rng.randint(1, 12)}",
            "area": rng.choice([18, 24, 36, 52, 85, 120, 240]),
            "amount": f"{rng.choice([25, 40, 60, 85, 120]) * 1000:,}".replace(",", "\u00a0"),
            "initials": f"{rng.choice('JPMKLTVZ')}. {rng.choice('NDSHKPČŘ')}.",
            "posted": f"{date_posted.day}. {date_posted.month}. {date_posted.year}",
        }
        sequence = index + 1
        slug = f"{year}-{sequence:03d}-{template.key}"
        # Randomness is drawn for every notice, found or not, so that the sequence never shifts.
        person_index = rng.randrange(max(len(people), 1))
        attachment_count = rng.choice([1, 1, 2])
        until_revoked = rng.random() < 0.15 and year == on_day.year
        if slug in existing:
            continue
        person = people[person_index] if people else None
        days = None if until_revoked else template.days
        title = template.title.format(**values)
        teaser = template.teaser.format(**values)
        department = template.department.format(**values)
        with transaction.atomic():
            notice = OfficialNoticePage(
                title=title,
                slug=slug,
                teaser=teaser,
                body=(
                    f"<p>{teaser}</p><p>Do písemnosti lze nahlédnout v úředních hodinách; "
                    f"kontaktní osobou je odpovědný pracovník uvedený níže.</p>"
                ),
                date_posted=date_posted,
                date_taken_down=(
                    date_posted + datetime.timedelta(days=days) if days is not None else None
                ),
                reference_number=f"{words['prefix']}/{sequence:04d}/{year}",
                file_mark=f"S-{words['prefix']}/{numbers[template.key, year]:03d}/{year}",
                agenda=template.agenda,
                department=department,
                approval_date=(
                    date_posted - datetime.timedelta(days=3 + sequence % 7)
                    if template.approved
                    else None
                ),
                contains_personal_data=template.personal,
            )
            notice.notice_types = [types[template.type_slug]]
            attachment_titles = [t.format(title=title) for t in template.attachments]
            if len(attachment_titles) == 1 and attachment_count == 2:
                attachment_titles.append("Příloha – odůvodnění")
            notice.attachments = [
                NoticeAttachment(
                    document=_document(
                        municipality,
                        attachment_title,
                        f"{slug}-{position}.pdf",
                        [title, teaser, f"{municipality.name}, {values['posted']}"],
                        datetime.datetime.combine(
                            date_posted, datetime.time(8), tzinfo=datetime.UTC
                        ),
                    ),
                    title="" if attachment_title == title else attachment_title,
                    sort_order=position,
                )
                for position, attachment_title in enumerate(attachment_titles[:2])
            ]
            if person is not None:
                notice.responsible_persons = [NoticeResponsiblePerson(person=person)]
            board.add_child(instance=notice)
            notice.save_revision().publish()

    archive_notices(OfficialNoticePage.objects.child_of(board), on_day)
    return board
