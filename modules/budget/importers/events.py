"""The events (projects, "akce") code list: ``srcId;name;description``.

Events belong to the municipality, not to a year: importing the list names the events the
ledger refers to by their ORG code. ``replace`` overwrites names and descriptions of known
codes; ``append`` only adds codes that are not known yet.
"""

import csv

from django.utils.translation import gettext as _

from ..models import Event, event_search_text
from .base import (
    ImportRefused,
    RowError,
    ValueProblem,
    detect_encoding,
    file_size,
    open_text,
    parse_code,
)

COLUMN_ALIASES = {
    "id": ["srcId", "id", "eventId", "AKCE", "ORG"],
    "name": ["name", "eventName", "AKCE_NAZEV", "NAZEV"],
    "description": ["description", "POPIS", "POZNAMKA"],
}
ALIAS_TO_COLUMN = {
    alias.lower(): column for column, aliases in COLUMN_ALIASES.items() for alias in aliases
}


def read_events(binary, progress=None):
    """Yields (line, code, name, description) or ``RowError``."""
    encoding = detect_encoding(binary)
    total = file_size(binary)
    text, counter = open_text(binary, encoding)
    reader = csv.reader(text, delimiter=";")
    header = next(reader, [])
    positions = {}
    for index, raw in enumerate(header):
        column = ALIAS_TO_COLUMN.get(raw.strip().lstrip("\ufeff").lower())
        if column and column not in positions:
            positions[column] = index
    if "id" not in positions or "name" not in positions:
        raise ImportRefused(
            _("Číselník akcí musí mít záhlaví srcId;name;description (oddělené středníkem)."),
            line=1,
            value=";".join(header)[:200],
        )
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue

        def cell(column, row=row):
            index = positions.get(column)
            return row[index].strip() if index is not None and index < len(row) else ""

        try:
            code = parse_code(cell("id"), 15, _("Kód akce"))
        except ValueProblem as problem:
            yield RowError(line, "srcId", cell("id"), str(problem))
            continue
        if not code:
            yield RowError(line, "srcId", "", _("Chybí kód akce."))
            continue
        if progress and line % 1000 == 0:
            progress(line, counter.bytes_read, total)
        yield line, code, cell("name")[:255], cell("description")


def import_events(municipality, binary, mode, report, progress=None):
    existing = {event.code: event for event in Event.objects.filter(municipality=municipality)}
    seen, to_create, to_update = set(), [], []
    for entry in read_events(binary, progress):
        if isinstance(entry, RowError):
            report.add_error(entry)
            continue
        report.rows_read += 1
        line, code, name, description = entry
        if code in seen:
            report.add_error(
                RowError(line, "srcId", str(code), _("Kód akce je v souboru podruhé."))
            )
            continue
        seen.add(code)
        event = existing.get(code)
        if event is None:
            to_create.append(
                Event(
                    municipality=municipality,
                    code=code,
                    name=name,
                    description=description,
                    search_text=event_search_text(code, name, description),
                )
            )
        elif mode == "replace" and (event.name, event.description) != (name, description):
            event.name, event.description = name, description
            event.search_text = event_search_text(code, name, description)
            to_update.append(event)
        else:
            report.duplicates_skipped += 1
    if report.ok:
        Event.objects.bulk_create(to_create, batch_size=1000)
        Event.objects.bulk_update(
            to_update, ["name", "description", "search_text"], batch_size=1000
        )
        report.records_imported = len(to_create) + len(to_update)
