"""Tables of the public views: one definition renders as HTML and downloads as CSV and JSON.

The HTML is the theme's data table (``includes/data_table.html``, see docs/modules.md), which
reads ``caption``, ``columns``, ``body_html`` and ``footer_cells`` of a ``Table``.

A row is a dict of raw values (amounts in hellers); columns say how to show each value.
A column may link its text to a URL that the row carries under ``<key>_url``.
"""

from dataclasses import dataclass, field

from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from radnice.core.money import format_money, to_decimal
from radnice.opendata.responses import csv_response, json_response

TEXT = "text"
MONEY = "money"
NUMBER = "number"
PERCENT = "percent"
DATE = "date"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    type: str = TEXT

    @property
    def is_numeric(self):
        return self.type in (MONEY, NUMBER, PERCENT)


@dataclass
class Cell:
    text: str
    url: str = ""
    numeric: bool = False
    external: bool = False


@dataclass
class Table:
    slug: str
    caption: str
    columns: list
    rows: list
    #: URLs of the CSV and JSON download of this table (set by the view)
    downloads: dict = field(default_factory=dict)
    note: str = ""
    #: the caption only for screen readers (a teaser whose heading already says it)
    caption_hidden: bool = False
    #: an optional total row (a dict like the rows), shown in ``<tfoot>``
    total: dict | None = None

    def cells(self, row):
        return [self.cell(column, row) for column in self.columns]

    def cell(self, column, row):
        value = row.get(column.key)
        if column.type == MONEY:
            text = format_money(value) if value is not None else "–"
        elif column.type == PERCENT:
            text = "–" if value is None else f"{value:.1f}".replace(".", ",") + "\u00a0%"
        elif column.type == DATE:
            text = "" if value is None else date_format(value, "j. n. Y")
        elif column.type == NUMBER:
            text = "" if value is None else f"{value:,}".replace(",", "\u00a0")
        else:
            text = "" if value is None else str(value)
        url = row.get(f"{column.key}_url", "")
        return Cell(
            text=text,
            url=url,
            numeric=column.is_numeric,
            external=url.startswith("http"),
        )

    @property
    def html_rows(self):
        return [self.cells(row) for row in self.rows]

    @property
    def footer_cells(self):
        return self.cells(self.total) if self.total else []

    def body_html(self):
        """The ``<tbody>`` rows, built in Python: big tables (hundreds of rows) would cost
        more than the rest of the page if every cell went through template tags."""
        ares_hint = escape(gettext(" (v registru ARES, otevře se v novém okně)"))
        parts = []
        for row in self.rows:
            parts.append("<tr>")
            for index, cell in enumerate(self.cells(row)):
                tag = "th" if index == 0 else "td"
                scope = ' scope="row"' if index == 0 else ""
                css = ' class="num"' if cell.numeric else ""
                text = escape(cell.text)
                if cell.url:
                    if cell.external:
                        text = (
                            f'<a href="{escape(cell.url)}" rel="noopener" target="_blank">{text}'
                            f'<span class="visually-hidden">{ares_hint}</span></a>'
                        )
                    else:
                        text = f'<a href="{escape(cell.url)}">{text}</a>'
                parts.append(f"<{tag}{scope}{css}>{text}</{tag}>")
            parts.append("</tr>")
        return mark_safe("".join(parts))  # every value above is escaped

    # --- exports --------------------------------------------------------------------------

    def export_value(self, column, value):
        if value is None:
            return None
        if column.type == MONEY:
            return to_decimal(value)
        return value

    def export_rows(self):
        for row in self.rows:
            yield {
                column.key: self.export_value(column, row.get(column.key))
                for column in self.columns
            }


def export_csv(table, filename):
    header = [column.key for column in table.columns]
    rows = ([row[key] for key in header] for row in table.export_rows())
    return csv_response(filename, header, rows)


def export_json(table, metadata, filename=None):
    document = {
        **metadata,
        "tabulka": table.caption,
        "sloupce": [{"klic": column.key, "nazev": column.label} for column in table.columns],
        "data": list(table.export_rows()),
    }
    return json_response(document, filename)
