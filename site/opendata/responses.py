"""The one export response of the platform: CSV, JSON, JSON-LD and iCalendar downloads.

Every open-data download (the board, news, events, contacts and their vCards, the budget's
tables, any module's)
and every feed answers with the same headers, set here:

- ``Content-Type`` with ``charset=utf-8``;
- ``Content-Disposition`` naming the file (``attachment`` for CSV and vCard, ``inline``
  otherwise, so a browser shows JSON and a calendar application subscribes);
- ``Access-Control-Allow-Origin: *``: open data is meant to be read by other sites' scripts
  (the national catalogue's harvester, a newspaper's widget); nothing here depends on cookies;
- ``X-Robots-Tag: noindex``: search engines index the pages, not their data files.

CSV cells pass through :func:`spreadsheet_cell` (no formula runs in a spreadsheet program).
"""

import csv
import json
from decimal import Decimal

from django.http import HttpResponse

#: A cell starting with one of these is a formula (or becomes one) in a spreadsheet program.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "jsonld": "application/ld+json; charset=utf-8",
    "ics": "text/calendar; charset=utf-8",
    "vcf": "text/vcard; charset=utf-8",
}

#: Formats a browser saves rather than shows.
DOWNLOADS = {"csv", "vcf"}


def export_headers(response, filename=None, *, attachment=False):
    """Give ``response`` the headers every export and feed of the platform has."""
    if filename:
        disposition = "attachment" if attachment else "inline"
        response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    response["X-Robots-Tag"] = "noindex"
    return response


def export_response(body, format, filename=None):
    """``body`` (text or bytes) as a download of ``format`` (a key of ``CONTENT_TYPES``)."""
    response = HttpResponse(body, content_type=CONTENT_TYPES[format])
    return export_headers(response, filename, attachment=format in DOWNLOADS)


def _json_default(value):
    if isinstance(value, Decimal):
        return float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def json_response(document, filename=None):
    body = json.dumps(document, ensure_ascii=False, indent=1, default=_json_default)
    return export_response(body, "json", filename)


def jsonld_response(document, filename=None):
    body = json.dumps(document, ensure_ascii=False, indent=2, default=_json_default)
    return export_response(body, "jsonld", filename)


def spreadsheet_cell(value):
    """``value`` as a CSV cell that no spreadsheet program runs as a formula (CSV injection).

    Text beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
    ``'``, as OWASP recommends, so ``=HYPERLINK(…)`` in a title stays text. Numbers (int,
    float, Decimal) are written as they are, so a negative amount ``-1234.50`` stays a number:
    exports pass numeric columns as numbers, never as preformatted text.
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_response(filename, header, rows):
    """CSV in UTF-8 with BOM (so spreadsheet programs detect the encoding) and `;`.

    Every CSV download of the platform goes through here: each cell through ``spreadsheet_cell``.
    """
    response = export_response("\ufeff", "csv", filename)
    writer = csv.writer(response, delimiter=";")
    writer.writerow([spreadsheet_cell(cell) for cell in header])
    writer.writerows([spreadsheet_cell(cell) for cell in row] for row in rows)
    return response


def escape_wagtail_admin_exports():
    """Make the admin's own CSV exports (Wagtail's reports and listings: page titles, users,
    log entries...) pass every cell through :func:`spreadsheet_cell` too.

    Wagtail turns formulas into text in its XLSX exports but writes CSV cells as they are, so
    an editor's page titled ``=HYPERLINK(…)`` would run in a colleague's spreadsheet. Called
    once from ``OpendataConfig.ready``.
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "_radnice_escaped", False):
        return
    original = SpreadsheetExportMixin.write_csv_row

    def write_csv_row(self, writer, row_dict):
        row = {
            name: spreadsheet_cell(self.preprocess_field_value(name, value, self.FORMAT_CSV))
            for name, value in row_dict.items()
        }
        return writer.writerow(row)

    write_csv_row.__wrapped__ = original
    SpreadsheetExportMixin.write_csv_row = write_csv_row
    SpreadsheetExportMixin._radnice_escaped = True
