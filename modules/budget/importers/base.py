"""What every importer shares: normalised records, row errors, parsing of values, encodings."""

import codecs
import datetime
import hashlib
import io
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from municipalities.validators import is_valid_ico

from ..models import kind_of_item

#: every bad row is counted; this many are listed in the report
MAX_LISTED_ERRORS = 1000

BUDGET = "budget"
ACTUAL = "actual"


class ImportRefused(Exception):
    """The whole file is refused (an unreadable header, a wrong year...): nothing is saved."""

    def __init__(self, message, line=0, column="", value=""):
        super().__init__(message)
        self.error = RowError(line, column, value, message)


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    value: str
    message: str

    def as_dict(self):
        return {
            "line": self.line,
            "column": self.column,
            "value": self.value,
            "message": self.message,
        }

    def __str__(self):
        where = _("řádek %(line)s") % {"line": self.line}
        if self.column:
            where += ", " + _("sloupec %(column)s") % {"column": self.column}
        value = f" „{self.value}“" if self.value else ""
        return f"{where}{value}: {self.message}"


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
class ImportReport:
    rows_read: int = 0
    records_imported: int = 0
    duplicates_skipped: int = 0
    lines_ignored: int = 0
    error_count: int = 0
    errors: list = field(default_factory=list)
    datasets: set = field(default_factory=set)
    valid_as_of: datetime.date | None = None

    @property
    def ok(self):
        return self.error_count == 0

    def add_error(self, error):
        self.error_count += 1
        if len(self.errors) < MAX_LISTED_ERRORS:
            self.errors.append(error)

    def summary(self):
        if not self.ok:
            text = _("Soubor byl odmítnut, nic nebylo uloženo. Chybných řádků: %(count)s.") % {
                "count": self.error_count
            }
            if self.error_count > len(self.errors):
                text += " " + _("Vypsáno je prvních %(listed)s.") % {"listed": len(self.errors)}
            return text
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


# --- reading files ------------------------------------------------------------------------


#: how files that are not text begin, and what to call them in the message
NOT_TEXT_SIGNATURES = [
    (b"PK\x03\x04", gettext_lazy("archiv ZIP, např. tabulka XLSX nebo ODS")),
    (b"PK\x05\x06", gettext_lazy("archiv ZIP")),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", gettext_lazy("tabulka XLS nebo dokument DOC")),
    (b"%PDF", gettext_lazy("dokument PDF")),
    (b"\x1f\x8b", gettext_lazy("archiv GZIP")),
    (b"7z\xbc\xaf\x27\x1c", gettext_lazy("archiv 7-Zip")),
    (b"Rar!", gettext_lazy("archiv RAR")),
    (b"\x89PNG", gettext_lazy("obrázek PNG")),
    (b"\xff\xd8\xff", gettext_lazy("obrázek JPEG")),
    (b"MZ", gettext_lazy("spustitelný program")),
    (b"\x7fELF", gettext_lazy("spustitelný program")),
]


@dataclass(frozen=True)
class DecodingProblem:
    byte: int
    line: int
    column: int  # in characters, 1-based
    cut: bool  # the file ends inside a multi-byte character


def decoding_problem(binary, encoding, chunk_size=1 << 20):
    """Where ``encoding`` first fails to decode ``binary`` (a ``DecodingProblem``), or None."""
    binary.seek(0)
    decoder = codecs.getincrementaldecoder(encoding)()
    line, current = 1, b""  # current: the bytes of the current line read so far
    try:
        while True:
            chunk = binary.read(chunk_size)
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as error:
                pending = len(error.object) - len(chunk)
                combined = current + chunk
                index = len(current) - pending + error.start
                prefix = combined[:index]
                line_bytes = prefix[prefix.rfind(b"\n") + 1 :]
                return DecodingProblem(
                    byte=combined[index],
                    line=line + prefix.count(b"\n"),
                    column=len(line_bytes.decode(encoding, "replace")) + 1,
                    cut=not chunk,
                )
            if not chunk:
                return None
            line += chunk.count(b"\n")
            newline = chunk.rfind(b"\n")
            current = chunk[newline + 1 :] if newline >= 0 else current + chunk
    finally:
        binary.seek(0)


def detect_encoding(binary, kind="CSV"):
    """``utf-8-sig``, ``utf-8`` or ``cp1250`` (windows-1250), reading the whole file once.

    The file is rewound afterwards. UTF-8 is checked strictly over the whole file, since a
    windows-1250 file can look like UTF-8 for many lines before its first "ř". A file that is
    not text in ``kind`` (a ZIP, a PDF, binary data), is empty, ends inside a UTF-8 character
    or decodes as neither is refused (``ImportRefused``) with a Czech message saying where.
    """
    binary.seek(0)
    head = binary.read(1 << 16)
    binary.seek(0)
    for signature, what in NOT_TEXT_SIGNATURES:
        if head.startswith(signature):
            raise ImportRefused(
                _("Soubor není text ve formátu %(kind)s (vypadá jako %(what)s).")
                % {"kind": kind, "what": what},
                line=1,
            )
    if b"\x00" in head:
        raise ImportRefused(
            _("Soubor není text ve formátu %(kind)s (obsahuje binární data).") % {"kind": kind},
            line=1,
        )
    if not head.lstrip(codecs.BOM_UTF8).strip():
        raise ImportRefused(_("Soubor je prázdný."), line=1)
    encoding = "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"
    problem = decoding_problem(binary, encoding)
    if problem is None:
        return encoding
    if problem.cut:
        raise ImportRefused(
            _(
                "Soubor je useknutý: poslední znak na řádku %(line)s, sloupci %(column)s "
                "není celý znak v kódování UTF-8."
            )
            % {"line": problem.line, "column": problem.column},
            line=problem.line,
        )
    problem = decoding_problem(binary, "cp1250")
    if problem is None:
        return "cp1250"
    raise ImportRefused(
        _(
            "Soubor není v kódování UTF-8 ani windows-1250: neplatný bajt 0x%(byte)02X "
            "na řádku %(line)s, sloupci %(column)s."
        )
        % {"byte": problem.byte, "line": problem.line, "column": problem.column},
        line=problem.line,
    )


class CountingReader(io.RawIOBase):
    """Wraps a binary file and counts the bytes read, for progress reports."""

    def __init__(self, binary):
        self.binary = binary
        self.bytes_read = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.binary.read(len(buffer))
        buffer[: len(data)] = data
        self.bytes_read += len(data)
        return len(data)


def file_size(binary):
    position = binary.tell()
    binary.seek(0, io.SEEK_END)
    size = binary.tell()
    binary.seek(position)
    return size


def open_text(binary, encoding):
    """A text stream over ``binary`` that reports how many bytes have been read."""
    counter = CountingReader(binary)
    text = io.TextIOWrapper(
        io.BufferedReader(counter, buffer_size=1 << 16), encoding=encoding, newline=""
    )
    return text, counter
