"""Building blocks of OFN JSON-LD documents (https://ofn.gov.cz)."""

import csv
import json

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


def csv_response(filename, header, rows):
    """CSV in UTF-8 with BOM (so spreadsheet programs detect the encoding) and `;`."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(header)
    writer.writerows(rows)
    return response
