"""Cityvizor CSV: ``;``-separated rows of budget (ROZ), invoices (KDF/KOF) and other actuals.

The header is matched case-insensitively and in any order against the aliases Cityvizor
accepts; the file may be UTF-8 (with or without BOM) or windows-1250, amounts may use a decimal
comma or dot, dates may be ``2023-01-31`` or ``31.1.2023``.
"""

import csv

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import InvoiceKind, Kind, kind_of_item
from .base import (
    ACTUAL,
    BUDGET,
    ImportRefused,
    InvoiceData,
    Record,
    RowError,
    ValueProblem,
    detect_encoding,
    file_size,
    fingerprint,
    open_text,
    parse_amount,
    parse_code,
    parse_date,
    parse_item,
)

COLUMN_ALIASES = {
    "type": ["type", "recordType", "MODUL", "DOKLAD_AGENDA"],
    "paragraph": ["paragraph", "PARAGRAF"],
    "item": ["item", "POLOZKA"],
    "event": ["event", "eventId", "AKCE", "ORG"],
    "unit": ["unit", "ORJ"],
    "amount": ["amount", "CASTKA"],
    "date": ["date", "DATUM", "DOKLAD_DATUM"],
    "counterpartyId": ["counterpartyId", "SUBJEKT_IC"],
    "counterpartyName": ["counterpartyName", "SUBJEKT_NAZEV"],
    "description": ["description", "POZNAMKA"],
}
REQUIRED_COLUMNS = ["paragraph", "item", "amount"]
ALIAS_TO_COLUMN = {
    alias.lower(): column for column, aliases in COLUMN_ALIASES.items() for alias in aliases
}

BUDGET_TYPE = "ROZ"
INVOICE_TYPES = {"KDF": InvoiceKind.RECEIVED, "KOF": InvoiceKind.ISSUED}
PROGRESS_EVERY = 5000
PARAGRAPH_LABEL = gettext_lazy("Paragraf")
UNIT_LABEL = gettext_lazy("ORJ")
EVENT_LABEL = gettext_lazy("Akce (ORG)")


def map_header(header):
    """{column name: index} for a header row; unknown columns are ignored."""
    positions = {}
    for index, raw in enumerate(header):
        name = raw.strip().lstrip("\ufeff").strip('"').strip()
        column = ALIAS_TO_COLUMN.get(name.lower())
        if column is None:
            continue
        if column in positions:
            raise ImportRefused(
                _("Sloupce „%(first)s“ a „%(second)s“ znamenají totéž (%(column)s).")
                % {"first": header[positions[column]], "second": raw, "column": column},
                line=1,
                column=raw,
            )
        positions[column] = index
    missing = [column for column in REQUIRED_COLUMNS if column not in positions]
    if missing:
        raise ImportRefused(
            _(
                "V záhlaví chybí povinné sloupce: %(missing)s. Záhlaví má mít sloupce "
                "type;paragraph;item;event;unit;amount;date;counterpartyId;"
                "counterpartyName;description (nebo jejich české názvy, např. PARAGRAF, "
                "POLOZKA, CASTKA), oddělené středníkem."
            )
            % {"missing": ", ".join(missing)},
            line=1,
            value=";".join(header)[:200],
        )
    return positions


def sniff_delimiter(first_line):
    if first_line.count(";") == 0 and first_line.count(",") > 0:
        raise ImportRefused(
            _("Sloupce musí být odděleny středníkem (;), soubor používá čárky."),
            line=1,
            value=first_line[:200],
        )


class CityvizorParser:
    """Yields ``Record`` and ``RowError`` objects for a Cityvizor data CSV."""

    def __init__(self, binary, year, invoices_in_ledger=False, progress=None):
        self.binary = binary
        self.year = year
        self.invoices_in_ledger = invoices_in_ledger
        self.progress = progress
        self.rows_read = 0
        self.lines_ignored = 0
        self.encoding = None

    def __iter__(self):
        self.encoding = detect_encoding(self.binary)
        total = file_size(self.binary)
        text, counter = open_text(self.binary, self.encoding)
        first_line = text.readline()
        sniff_delimiter(first_line)
        header = next(csv.reader([first_line], delimiter=";"), [])
        positions = map_header(header)
        reader = csv.reader(text, delimiter=";")
        for row in reader:
            line = reader.line_num + 1  # the header was line 1
            if not any(cell.strip() for cell in row):
                continue
            self.rows_read += 1
            if self.progress and self.rows_read % PROGRESS_EVERY == 0:
                self.progress(self.rows_read, counter.bytes_read, total)
            yield from self.parse_row(line, row, positions)
        if self.progress:
            self.progress(self.rows_read, total, total)

    def parse_row(self, line, row, positions):
        width = len(row)
        values = dict.fromkeys(COLUMN_ALIASES, "")
        for column, index in positions.items():
            if index < width:
                values[column] = row[index].strip()
        cell = values.__getitem__
        errors = []

        def parsed(column, parse, *args):
            try:
                return parse(values[column], *args)
            except ValueProblem as problem:
                errors.append(RowError(line, column, values[column], str(problem)))
                return None

        record_type = cell("type").upper()
        paragraph = parsed("paragraph", parse_code, 4, PARAGRAPH_LABEL)
        item = parsed("item", parse_item)
        unit = parsed("unit", parse_code, 10, UNIT_LABEL)
        event = parsed("event", parse_code, 15, EVENT_LABEL)
        amount = parsed("amount", parse_amount)
        invoice_kind = INVOICE_TYPES.get(record_type)
        date = None
        if record_type != BUDGET_TYPE and (cell("date") or invoice_kind):
            date = parsed("date", parse_date)
            if date is not None and date.year != self.year:
                errors.append(
                    RowError(
                        line,
                        "date",
                        cell("date"),
                        _("Datum nepatří do importovaného roku %(year)s.") % {"year": self.year},
                    )
                )
        kind = kind_of_item(item) if item is not None else None
        if kind == Kind.EXPENDITURE and paragraph == 0:
            errors.append(
                RowError(
                    line,
                    "paragraph",
                    cell("paragraph"),
                    _("Výdaj musí mít paragraf (odvětvové třídění), 0 je jen pro příjmy."),
                )
            )
        if errors:
            yield from errors
            return

        content = (
            record_type,
            paragraph,
            item,
            unit,
            event,
            amount,
            date,
            cell("counterpartyId"),
            cell("counterpartyName"),
            cell("description"),
        )
        if record_type == BUDGET_TYPE:
            yield Record(
                line=line,
                dataset=BUDGET,
                paragraph=paragraph,
                item=item,
                kind=kind,
                unit=unit,
                event=event,
                date=None,
                amount=amount,
                fingerprint=fingerprint(*content),
            )
            return
        invoice = None
        if invoice_kind:
            invoice = InvoiceData(
                kind=invoice_kind,
                number="",
                counterparty_id=cell("counterpartyId"),
                counterparty_name=cell("counterpartyName"),
                description=cell("description")[:255],
            )
        yield Record(
            line=line,
            dataset=ACTUAL,
            paragraph=paragraph,
            item=item,
            kind=kind,
            unit=unit,
            event=event,
            date=date,
            amount=amount,
            fingerprint=fingerprint(*content),
            document=record_type[:40],
            invoice=invoice,
            counts_as_actual=not (invoice and self.invoices_in_ledger),
        )
