"""GINIS / Gordic KXX: the most common export of Czech municipal accounting.

A windows-1250 text of typed lines:

- ``5/@`` file header: IČO of the accounting unit;
- ``6/@`` section header: IČO, month, document type (00 ledger of the month, 01 opening
  balances, 02 approved budget, 03 budget changes, others: commitments and the like), year;
- ``G/@`` balance line, fixed width: day(2) document(9) ``000`` SU(3) AU(4) KAP(2)
  ODPA(6, the paragraph in its last four digits) POL(4) ZJ(3) UZ(9) ORJ(10) ORG(13)
  MD(18)+sign D(18)+sign, amounts in hellers, sign ``' '`` or ``'-'``;
- ``G/$`` a line's text; ``G/#`` document metadata, ``*KEY-value;`` pairs: IC, DIC, DICT
  (counterparty name), EVK-KDF-… / EVK-KOF-… (received / issued invoice), EVKT (description).

Lines of one document share the document number; they are read together, so an invoice's
metadata applies to every balance line of its document. Only balance lines with a budget item
(1000–8999) count; the rest are technical accounting lines. Expenditure = D − MD for items
5000–7999, otherwise (income, financing) MD − D.
"""

import calendar
import datetime
import re

from django.utils.translation import gettext as _

from ..models import InvoiceKind, Kind, kind_of_item
from .base import (
    ACTUAL,
    BUDGET,
    ImportRefused,
    InvoiceData,
    Record,
    RowError,
    detect_encoding,
    file_size,
    fingerprint,
    open_text,
)

LEDGER = "00"
OPENING_BALANCES = "01"
APPROVED_BUDGET = "02"
BUDGET_CHANGE = "03"

SECTION_PATTERN = re.compile(r"^6/@(\d{12,})\s+(\d)\s+(\d{4})\s*$")
META_ITEM_PATTERN = re.compile(r"\*([A-Z]+)-([^;]*)(?:;|$)")
BALANCE_LENGTH = 3 + 106

# (name, start, end) in a G/@ line, after the "G/@" prefix
BALANCE_FIELDS = [
    ("den", 0, 2),
    ("doklad", 2, 11),
    ("SU", 14, 17),
    ("AU", 17, 21),
    ("KAP", 21, 23),
    ("ODPA", 23, 29),
    ("POL", 29, 33),
    ("ZJ", 33, 36),
    ("UZ", 36, 45),
    ("ORJ", 45, 55),
    ("ORG", 55, 68),
    ("MD", 68, 86),
    ("D", 87, 105),
]
NUMERIC_FIELDS = [f for f in BALANCE_FIELDS if f[0] != "doklad"]
PROGRESS_EVERY = 5000


def first_line_of(text):
    """KXX texts write line breaks as a literal backslash-n; keep the first line only."""
    return re.split(r"\\n|\n", text or "", maxsplit=1)[0].strip()


class Document:
    __slots__ = ("number", "balances", "meta", "evk", "comments")

    def __init__(self, number):
        self.number = number
        self.balances = []  # (line number, parsed fields, raw line)
        self.meta = {}
        self.evk = {}
        self.comments = []


class KxxParser:
    """Yields ``Record`` and ``RowError`` objects for a KXX ledger or budget file."""

    def __init__(self, binary, year, ico=None, progress=None):
        self.binary = binary
        self.year = year
        self.ico = ico
        self.progress = progress
        self.rows_read = 0
        self.lines_ignored = 0
        self.ledger_months = set()
        self.has_approved_budget = False
        self.section = None  # (month, document type)
        self.document = None

    @property
    def valid_as_of(self):
        if not self.ledger_months:
            return None
        month = max(self.ledger_months)
        return datetime.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def __iter__(self):
        encoding = detect_encoding(self.binary, kind="KXX")
        total = file_size(self.binary)
        text, counter = open_text(self.binary, encoding)
        for number, raw in enumerate(text, start=1):
            line = raw.rstrip("\r\n")
            if not line.strip():
                continue
            self.rows_read += 1
            if self.progress and self.rows_read % PROGRESS_EVERY == 0:
                self.progress(self.rows_read, counter.bytes_read, total)
            yield from self.parse_line(number, line)
        yield from self.flush_document()
        if self.progress:
            self.progress(self.rows_read, total, total)
        if self.rows_read == 0:
            raise ImportRefused(_("Soubor je prázdný."), line=1)

    def parse_line(self, number, line):
        prefix = line[:3]
        if prefix == "G/@":
            yield from self.parse_balance(number, line)
        elif prefix in ("G/#", "G/$"):
            self.parse_text(number, line)
        elif prefix == "6/@":
            yield from self.flush_document()
            yield from self.parse_section(number, line)
        elif prefix == "5/@":
            yield from self.flush_document()
            yield from self.parse_file_header(number, line)
        else:
            yield RowError(
                number,
                _("typ věty"),
                line[:20],
                _("Neznámý typ řádku; KXX má jen řádky 5/@, 6/@, G/@, G/$ a G/#."),
            )

    def check_ico(self, number, ico):
        if self.ico and ico != self.ico:
            yield RowError(
                number,
                _("IČO"),
                ico,
                _("Soubor patří jiné účetní jednotce (IČO %(file)s, obec má IČO %(town)s).")
                % {"file": ico, "town": self.ico},
            )

    def parse_file_header(self, number, line):
        ico = line[3:11]
        if not ico.isdigit():
            yield RowError(number, _("IČO"), ico, _("Hlavička souboru (5/@) nemá IČO."))
            return
        yield from self.check_ico(number, ico)

    def parse_section(self, number, line):
        match = SECTION_PATTERN.match(line)
        if not match:
            self.section = None
            yield RowError(
                number,
                _("hlavička oddílu"),
                line[:40],
                _("Hlavička oddílu (6/@) nemá tvar IČO, měsíc, druh dokladu a rok."),
            )
            return
        digits, _input, year = match.groups()
        month, document_type = int(digits[-4:-2]), digits[-2:]
        self.section = (month, document_type)
        yield from self.check_ico(number, digits[:8])
        if int(year) != self.year:
            yield RowError(
                number,
                _("rok"),
                year,
                _("Soubor obsahuje data roku %(file)s, import je do roku %(year)s.")
                % {"file": year, "year": self.year},
            )
        if not 1 <= month <= 12:
            yield RowError(number, _("měsíc"), digits[-4:-2], _("Měsíc musí být 01 až 12."))
        if document_type == APPROVED_BUDGET:
            self.has_approved_budget = True

    def parse_balance(self, number, line):
        if self.section is None:
            yield RowError(
                number, _("typ věty"), line[:20], _("Řádek G/@ předchází hlavičce oddílu 6/@.")
            )
            return
        body = line[3:]
        if len(line) < BALANCE_LENGTH:
            yield RowError(
                number,
                _("délka"),
                str(len(line)),
                _("Řádek G/@ je kratší než %(length)s znaků.") % {"length": BALANCE_LENGTH},
            )
            return
        fields = {name: body[start:end] for name, start, end in BALANCE_FIELDS}
        bad = [name for name, _start, _end in NUMERIC_FIELDS if not fields[name].isdigit()]
        signs = {"MD": body[86], "D": body[105]}
        sign_label = _("znaménko")
        bad += [f"{name} ({sign_label})" for name, sign in signs.items() if sign not in " -"]
        if bad:
            for name in bad:
                column = name.split(" ")[0]
                yield RowError(
                    number,
                    name,
                    fields.get(column, signs.get(column, "")),
                    _("Pole musí obsahovat jen číslice (znaménko jen mezeru nebo -)."),
                )
            return
        document_number = fields["doklad"]
        if self.document is None or self.document.number != document_number:
            yield from self.flush_document()
            self.document = Document(document_number)
        self.document.balances.append((number, fields, signs, body))

    def parse_text(self, number, line):
        document_number = line[7:16]
        if self.document is None or self.document.number != document_number:
            # Text of a document without balance lines: nothing to attach it to.
            return
        if line[2] == "$":
            return
        text = line[16:]
        items = META_ITEM_PATTERN.findall(text)
        if not items:
            self.document.comments.append(text)
            return
        for key, value in items:
            if key == "EVK":
                sub_key, _dash, sub_value = value.partition("-")
                self.document.evk[sub_key] = sub_value
            else:
                self.document.meta[key] = value

    def flush_document(self):
        document, self.document = self.document, None
        if document is None or self.section is None:
            return
        month, document_type = self.section
        invoice = self.invoice_of(document) if document_type == LEDGER else None
        for index, (number, fields, signs, body) in enumerate(document.balances):
            item = int(fields["POL"])
            kind = kind_of_item(item)
            if kind is None or document_type not in (LEDGER, APPROVED_BUDGET, BUDGET_CHANGE):
                self.lines_ignored += 1
                continue
            debit = int(fields["MD"]) * (-1 if signs["MD"] == "-" else 1)
            credit = int(fields["D"]) * (-1 if signs["D"] == "-" else 1)
            amount = credit - debit if kind == Kind.EXPENDITURE else debit - credit
            common = {
                "line": number,
                "paragraph": int(fields["ODPA"][-4:]),
                "item": item,
                "kind": kind,
                "unit": int(fields["ORJ"]),
                "event": int(fields["ORG"]),
                "fingerprint": fingerprint(month, document_type, document.number, index, body),
                "document": document.number.strip(),
            }
            try:
                date = datetime.date(self.year, month, int(fields["den"]))
            except ValueError:
                date = None
            if document_type == LEDGER:
                if date is None:
                    yield RowError(
                        number,
                        _("den"),
                        fields["den"],
                        _("Den %(day)s v měsíci %(month)s neexistuje.")
                        % {"day": fields["den"], "month": month},
                    )
                    continue
                self.ledger_months.add(month)
                yield Record(dataset=ACTUAL, date=date, amount=amount, invoice=invoice, **common)
            else:
                approved = amount if document_type == APPROVED_BUDGET else 0
                yield Record(dataset=BUDGET, date=date, amount=amount, approved=approved, **common)

    @staticmethod
    def invoice_of(document):
        for marker, kind in (("KDF", InvoiceKind.RECEIVED), ("KOF", InvoiceKind.ISSUED)):
            if marker in document.evk:
                description = first_line_of(document.meta.get("EVKT", ""))
                if not description and document.comments:
                    description = first_line_of(document.comments[0])
                name = re.sub(r"\s*\\n\s*", ", ", document.meta.get("DICT", "")).strip()
                return InvoiceData(
                    kind=kind,
                    number=document.evk[marker][:40],
                    counterparty_id=document.meta.get("IC", ""),
                    counterparty_name=name,
                    description=description[:255],
                )
        return None
