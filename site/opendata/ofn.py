"""Building blocks of open data: OFN JSON-LD documents (https://ofn.gov.cz) and CSV downloads."""

import csv
import json
from decimal import Decimal

from django.http import HttpResponse


def time_instant(value=None):
    """An OFN "Časový okamžik": a date, a date-time, or unspecified when ``value`` is None."""
    if value is None:
        return {"typ": "Časový okamžik", "nespecifikovaný": True}
    if hasattr(value, "hour"):
        return {"typ": "Časový okamžik", "datum_a_čas": value.isoformat()}
    return {"typ": "Časový okamžik", "datum": value.isoformat()}


def multilingual(cs=None, **other_languages):
    """An OFN multilingual text; empty translations are left out."""
    texts = {"cs": cs, **other_languages}
    return {code: text for code, text in texts.items() if text}


def organisation(ico):
    return {"typ": "Osoba", "ičo": ico}


def jsonld_response(document):
    return HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/ld+json; charset=utf-8",
    )


#: A cell starting with one of these is a formula (or becomes one) in a spreadsheet program.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([spreadsheet_cell(cell) for cell in header])
    writer.writerows([spreadsheet_cell(cell) for cell in row] for row in rows)
    return response
