"""PDF documents of a town: Czech text in the theme's fonts, built with fpdf2.

One way for every module to write a PDF (a receipt, a decision, a board attachment)::

    from radnice.core.pdf import Column, TownDocument, pdf_response

    document = TownDocument(municipality, _("Potvrzení o platbě"), language="cs")
    document.paragraph(_("Děkujeme za platbu."))
    document.key_values([(_("Variabilní symbol"), "2026000123"), (_("Částka"), "1 234,50 Kč")])
    columns = [Column(_("Položka")), Column(_("Cena"), numeric=True)]
    document.table(columns, [["Poplatek za psa", "500,00 Kč"]])
    document.image(qr_png_bytes, width=40, alt=_("QR Platba"))
    return pdf_response(document.render(), "potvrzeni.pdf")

Every page has the town's header (coat of arms and name) and a footer with the page number
("Strana 1 z 2"). The fonts are TrueType files the themes ship (``themes.theme_pdf_fonts``):
the body in the town's branding font when the platform ships it (as on the web), else in the
theme's; headings in the theme's heading family. They are embedded as subsets, so the text
is searchable and copyable with its diacritics. The document's metadata carry the title, the
town as author and the language. With the same ``created`` time the bytes are the same.

Callers format the values (Czech money ``1 234,50 Kč``: the money helpers); this module
only lays them out.
"""

import io
import logging
from dataclasses import dataclass

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import Align, TableBordersLayout, XPos, YPos
from fpdf.fonts import FontFace

from themes import pdf_font_families, theme_pdf_fonts

logger = logging.getLogger(__name__)

BODY_SIZE = 10.5
HEADER_HEIGHT = 14  # mm: the coat of arms and the town's name
LINE_HEIGHT = 5.5  # mm, for body text
TEXT_COLOUR = (20, 24, 31)
MUTED_COLOUR = (80, 88, 100)
RULE_COLOUR = (170, 176, 186)


@dataclass(frozen=True)
class Column:
    """A table column: its heading, whether it holds numbers (right-aligned), its share of
    the width (relative to the other columns)."""

    label: str
    numeric: bool = False
    width: float = 1


def document_fonts(municipality):
    """{"body": PdfFontFamily, "heading": PdfFontFamily} for the town's documents."""
    fonts = theme_pdf_fonts(getattr(municipality, "theme", None))
    town_font = pdf_font_families().get(getattr(municipality, "font", ""))
    if town_font is not None:
        heading_follows_body = fonts["heading"] == fonts["body"]
        fonts["body"] = town_font
        if heading_follows_body:
            fonts["heading"] = town_font
    return fonts


class _TownPDF(FPDF):
    """fpdf2's document with the town's header and a numbered footer on every page."""

    def __init__(self, town_name, arms_png, footer_text):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.town_name = town_name
        self.arms_png = arms_png
        self.footer_text = footer_text  # "Strana {page} z {nb}" in the document's language
        self.heading_family = "heading"
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(auto=True, margin=20)
        self.alias_nb_pages()

    def header(self):
        top = self.t_margin - 8
        left = self.l_margin
        if self.arms_png:
            self.image(io.BytesIO(self.arms_png), x=left, y=top, h=HEADER_HEIGHT - 2, alt_text="")
            left += HEADER_HEIGHT
        self.set_xy(left, top)
        self.set_font(self.heading_family, "B", 13)
        self.set_text_color(*TEXT_COLOUR)
        self.cell(0, HEADER_HEIGHT - 2, self.town_name, align=Align.L)
        self.set_draw_color(*RULE_COLOUR)
        rule = top + HEADER_HEIGHT
        self.line(self.l_margin, rule, self.w - self.r_margin, rule)
        self.set_xy(self.l_margin, rule + 6)

    def footer(self):
        self.set_y(-14)
        self.set_font("body", "", 8.5)
        self.set_text_color(*MUTED_COLOUR)
        self.cell(0, 5, self.town_name, align=Align.L)
        self.set_x(self.l_margin)
        # "{nb}" is fpdf2's alias, replaced by the page count when the document is written.
        self.cell(0, 5, self.footer_text.replace("{page}", str(self.page_no())), align=Align.R)


class TownDocument:
    """An A4 document in the name of ``municipality``: header, title, then what is added.

    ``language`` ("cs" or "en", default the active one) sets the document's language in its
    metadata and of the words the platform writes (page numbers). ``created`` (default now)
    is the creation date in the metadata.
    """

    def __init__(self, municipality, title, *, language=None, subject="", created=None):
        self.municipality = municipality
        self.title = title
        self.language = language or translation.get_language() or "cs"
        with translation.override(self.language):
            footer_text = _("Strana %(page)s z %(pages)s") % {"page": "{page}", "pages": "{nb}"}
        self.pdf = _TownPDF(municipality.name, _coat_of_arms_png(municipality), footer_text)
        fonts = document_fonts(municipality)
        self.fonts = fonts
        self.pdf.add_font("body", "", str(fonts["body"].regular))
        self.pdf.add_font("body", "B", str(fonts["body"].bold))
        if fonts["heading"] == fonts["body"]:
            # One font file is parsed and embedded once, not once per role.
            self.pdf.heading_family = "body"
        else:
            self.pdf.add_font("heading", "B", str(fonts["heading"].bold))
        self.pdf.set_title(title)
        self.pdf.set_author(municipality.name)
        if subject:
            self.pdf.set_subject(subject)
        self.pdf.set_creator("Radnice")
        self.pdf.set_lang(self.language)
        self.pdf.set_creation_date(created or timezone.now())
        self.pdf.add_page()
        self.pdf.set_font(self.pdf.heading_family, "B", 17)
        self.pdf.set_text_color(*TEXT_COLOUR)
        self._write(title, LINE_HEIGHT * 1.5)
        self.pdf.ln(3)

    def _write(self, text, height=LINE_HEIGHT, align=Align.L):
        self.pdf.multi_cell(
            0, height, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT, markdown=False
        )

    def heading(self, text):
        self.pdf.ln(3)
        self.pdf.set_font(self.pdf.heading_family, "B", 13)
        self._write(text, LINE_HEIGHT * 1.25)
        self.pdf.ln(1)

    def paragraph(self, text):
        self.pdf.set_font("body", "", BODY_SIZE)
        self._write(text)
        self.pdf.ln(2)

    def key_values(self, rows):
        """Label–value pairs, the labels in bold (a receipt's "Variabilní symbol: 123")."""
        self.pdf.set_font("body", "", BODY_SIZE)
        with self.pdf.table(
            col_widths=(2, 3),
            borders_layout=TableBordersLayout.NONE,
            first_row_as_headings=False,
            text_align=(Align.L, Align.L),
            line_height=LINE_HEIGHT,
            padding=(0.8, 2, 0.8, 0),
        ) as table:
            for label, value in rows:
                row = table.row()
                row.cell(str(label), style=FontFace(family="body", emphasis="BOLD"))
                row.cell(str(value))
        self.pdf.ln(3)

    def table(self, columns, rows, footer=None):
        """A table with a heading row; numeric columns right-aligned. ``rows`` (and the
        optional ``footer``, a total row in bold) are lists of texts, one per column."""
        self.pdf.set_font("body", "", BODY_SIZE - 0.5)
        self.pdf.set_draw_color(*RULE_COLOUR)
        aligns = tuple(Align.R if column.numeric else Align.L for column in columns)
        with self.pdf.table(
            col_widths=tuple(column.width for column in columns),
            text_align=aligns,
            borders_layout=TableBordersLayout.HORIZONTAL_LINES,
            headings_style=FontFace(family="body", emphasis="BOLD"),
            line_height=LINE_HEIGHT,
            padding=(1, 1.5),
            repeat_headings=1,
        ) as table:
            heading = table.row()
            for column in columns:
                heading.cell(str(column.label))
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(str(value))
            if footer:
                row = table.row()
                for value in footer:
                    row.cell(str(value), style=FontFace(family="body", emphasis="BOLD"))
        self.pdf.ln(3)

    def image(self, png, *, width=40, alt=""):
        """A PNG (bytes) ``width`` mm wide, with ``alt`` as its alternative text."""
        self.pdf.image(io.BytesIO(png), w=width, alt_text=alt)
        self.pdf.ln(3)

    def render(self):
        """The document's bytes."""
        return bytes(self.pdf.output())


def _coat_of_arms_png(municipality):
    """The town's coat of arms as a small PNG, or None (no arms, or its file is missing)."""
    arms = getattr(municipality, "coat_of_arms", None)
    if arms is None:
        return None
    try:
        rendition = arms.get_rendition("height-160|format-png")
        with rendition.file.open("rb") as handle:
            return handle.read()
    except (OSError, ValueError):
        logger.warning("The coat of arms of %s cannot be read for a PDF.", municipality.pk)
        return None


def pdf_response(content, filename, *, attachment=False):
    """An HTTP response with a PDF: shown in the browser, or downloaded with ``attachment``."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
    response["X-Robots-Tag"] = "noindex"
    return response
