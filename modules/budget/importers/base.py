"""What the budget's importers share: normalised records, parsing of values, privacy.

Errors, reports and the reading of files (encodings, streaming) are the platform's import
framework (``radnice.core.imports``); they are re-exported here for the parsers.
"""

import datetime
import hashlib
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from municipalities.validators import is_valid_ico
from radnice.core.imports.reading import (  # noqa: F401 - re-exported for the parsers
    ImportRefused,
    ImportReport,
    RowError,
    detect_encoding,
    file_size,
    open_text,
)

from ..models import kind_of_item

BUDGET = "budget"
ACTUAL = "actual"


@dataclass(slots=True)
class InvoiceData:
    kind: str  # InvoiceKind value
    number: str
    counterparty_id: str  # as found in the file: IČO, birth number, nothing...
    counterparty_name: str
    description: str


@dataclass(slots=True)
class Record:
    """One normalised row: a budget line or a ledger line (optionally also an invoice)."""

    line: int
    dataset: str  # BUDGET or ACTUAL
    paragraph: int
    item: int
    kind: int
    unit: int  # 0 = none
    event: int  # 0 = none
    date: datetime.date | None
    amount: int  # hellers: the actual amount, or the amended budget amount
    fingerprint: int
    approved: int = 0  # hellers, budget lines only
    document: str = ""
    invoice: InvoiceData | None = None
    #: False when an invoice row only repeats a ledger line that is in the file as well
    counts_as_actual: bool = True


@dataclass
class BudgetImportReport(ImportReport):
    """The platform's report, plus what a budget import says about the year."""

    lines_ignored: int = 0
    datasets: set = field(default_factory=set)
    valid_as_of: datetime.date | None = None

    def summary(self):
        if not self.ok:
            return self.refused_summary()
        return _(
            "Přečteno řádků: %(read)s, uloženo záznamů: %(imported)s, "
            "přeskočeno již nahraných: %(skipped)s, technických řádků bez rozpočtové "
            "skladby: %(ignored)s."
        ) % {
            "read": self.rows_read,
            "imported": self.records_imported,
            "skipped": self.duplicates_skipped,
            "ignored": self.lines_ignored,
        }


def fingerprint(*parts):
    """A signed 64-bit hash of a row's content, used to recognise rows imported before."""
    digest = hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


# --- values -------------------------------------------------------------------------------


class ValueProblem(ValueError):
    """A value that cannot be used; the message is a Czech explanation for the report."""


AMOUNT_PATTERN = re.compile(r"^[+-]?\d+(?:[.,]\d{1,2})?$")


def parse_amount(text):
    """``1 234,50``, ``1234.5``, ``-12``, ``1.234,50`` → hellers. More than 2 decimals: error."""
    value = (text or "").strip().replace("\u00a0", "").replace(" ", "").replace("'", "")
    if not value:
        raise ValueProblem(_("Chybí částka."))
    if "," in value and "." in value:
        # The separator that comes last is the decimal one; the other separates thousands.
        thousands = "." if value.rfind(",") > value.rfind(".") else ","
        value = value.replace(thousands, "")
    if not AMOUNT_PATTERN.match(value):
        raise ValueProblem(
            _("Částka není číslo s nejvýše dvěma desetinnými místy (např. 1234,50 nebo 1234.50).")
        )
    value = value.replace(",", ".")
    negative = value.startswith("-")
    value = value.lstrip("+-")
    crowns, _dot, decimals = value.partition(".")
    hellers = int(crowns) * 100 + int((decimals + "00")[:2])
    return -hellers if negative else hellers


DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
DATE_CZECH = re.compile(r"^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})(?:\s.*)?$")


def parse_date(text):
    """``2023-01-31`` or ``31.1.2023`` (a time after the date is ignored)."""
    value = (text or "").strip()
    match = DATE_ISO.match(value)
    if match:
        year, month, day = (int(part) for part in match.groups())
    else:
        match = DATE_CZECH.match(value)
        if not match:
            raise ValueProblem(_("Datum není ve tvaru RRRR-MM-DD ani DD.MM.RRRR."))
        day, month, year = (int(part) for part in match.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError as error:
        raise ValueProblem(_("Takové datum neexistuje.")) from error


def parse_code(text, digits, label):
    """A classification code of at most ``digits`` digits (leading zeros optional)."""
    value = (text or "").strip()
    if not value:
        return 0
    if not value.isdigit() or len(value) > digits:
        raise ValueProblem(
            _("%(label)s musí být číslo o nejvýše %(digits)s číslicích.")
            % {"label": label, "digits": digits}
        )
    return int(value)


def parse_item(text):
    value = (text or "").strip()
    if not value.isdigit() or len(value) != 4 or kind_of_item(int(value)) is None:
        raise ValueProblem(
            _(
                "Položka musí být čtyřmístné číslo 1000–8999 (příjmy pod 5000, výdaje "
                "5000–7999, financování 8000–8999)."
            )
        )
    return int(value)


# --- counterparties and privacy -------------------------------------------------------------

DATE_LIKE = re.compile(r"^\d{1,2}\.\s*\d{1,2}\.\s*\d{2,4}$|^\d{4}-\d{1,2}-\d{1,2}$")


def _is_plausible_date(year, month, day):
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def looks_like_birth_date_or_number(digits):
    """True for a birth number (rodné číslo) or a date of birth written as digits."""
    if len(digits) in (9, 10):
        return True
    if len(digits) == 6:
        yy, mm, dd = int(digits[:2]), int(digits[2:4]), int(digits[4:])
        if mm > 50:  # women's birth numbers add 50 to the month
            mm -= 50
        elif mm > 20:  # since 2004 also +20 / +70
            mm -= 20
        return _is_plausible_date(2000 + yy, mm, dd) or _is_plausible_date(
            2000, int(digits[2:4]), int(digits[:2])
        )
    if len(digits) == 8:
        as_ymd = 1900 <= int(digits[:4]) <= 2099 and _is_plausible_date(
            int(digits[:4]), int(digits[4:6]), int(digits[6:])
        )
        as_dmy = 1900 <= int(digits[4:]) <= 2099 and _is_plausible_date(
            int(digits[4:]), int(digits[2:4]), int(digits[:2])
        )
        return as_ymd or as_dmy
    return False


def company_ico(identifier):
    """The IČO in ``identifier``, or None for a private person (no valid IČO).

    A missing identifier, a birth number, a date of birth or anything that is not a valid
    IČO means a private person, whose name must not be published.
    """
    value = (identifier or "").strip()
    if not value or DATE_LIKE.match(value):
        return None
    digits = re.sub(r"[\s/.\-]", "", value).upper()
    if digits.startswith("CZ"):  # a DIČ: CZ + IČO, or CZ + birth number
        digits = digits[2:]
    if not digits.isdigit() or len(digits) > 10:
        return None
    if looks_like_birth_date_or_number(digits):
        return None
    digits = digits.zfill(8)
    return digits if is_valid_ico(digits) else None


ACADEMIC_TITLES = {"ing", "mgr", "judr", "mudr", "mvdr", "rndr", "phdr", "phd", "doc", "prof",
                   "dis", "csc", "arch", "bca", "mba"}  # fmt: skip


def redact_name(text, name):
    """``text`` without the words of a private person's ``name`` (whole words, any case or
    diacritics): an invoice description such as "Pronájem sálu – Jan Novák" must not publish
    the name that the counterparty column hides."""
    from ..text import fold

    words = [
        word
        for word in (part.strip(".") for part in re.split(r"[\s,;]+", fold(name or "")))
        if len(word) >= 3 and word not in ACADEMIC_TITLES
    ]
    if not words or not text:
        return text
    folded = fold(text)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(word) for word in words) + r")\b")
    if len(folded) != len(text):  # a rare character that folds to two: no position mapping
        return pattern.sub("…", folded)
    parts, position = [], 0
    for match in pattern.finditer(folded):
        parts.append(text[position : match.start()])
        parts.append("…")
        position = match.end()
    parts.append(text[position:])
    return "".join(parts)
