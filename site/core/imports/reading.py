"""Reading an uploaded file: errors that say where, encodings, streaming with progress.

Everything here is independent of what a file contains; an importer (see ``registry``) parses
the text that ``open_text`` gives it and reports each bad row as a ``RowError``.
"""

import codecs
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

#: every bad row is counted; this many are listed in the report
MAX_LISTED_ERRORS = 1000


class ImportRefused(Exception):
    """The whole file is refused (an unreadable header, a wrong year...): nothing is saved."""

    def __init__(self, message, line=0, column="", value=""):
        super().__init__(message)
        self.error = RowError(line, column, value, message)


@dataclass(frozen=True)
class RowError:
    """What is wrong (``message``, in Czech) and where: line (1-based), column, value."""

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


@dataclass
class ImportReport:
    """What an import did. A module may subclass it to count more and say more (``summary``)."""

    rows_read: int = 0
    records_imported: int = 0
    duplicates_skipped: int = 0
    error_count: int = 0
    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return self.error_count == 0

    def add_error(self, error):
        self.error_count += 1
        if len(self.errors) < MAX_LISTED_ERRORS:
            self.errors.append(error)

    def refused_summary(self):
        text = _("Soubor byl odmítnut, nic nebylo uloženo. Chybných řádků: %(count)s.") % {
            "count": self.error_count
        }
        if self.error_count > len(self.errors):
            text += " " + _("Vypsáno je prvních %(listed)s.") % {"listed": len(self.errors)}
        return text

    def summary(self):
        if not self.ok:
            return self.refused_summary()
        return _(
            "Přečteno řádků: %(read)s, uloženo záznamů: %(imported)s, "
            "přeskočeno již nahraných: %(skipped)s."
        ) % {
            "read": self.rows_read,
            "imported": self.records_imported,
            "skipped": self.duplicates_skipped,
        }


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


def numbered_lines(binary, encoding, progress=None, every=5000):
    """(line number, text without its line break) of every line of ``binary``, streamed.

    ``progress(rows, bytes_read, bytes_total)`` is called every ``every`` lines.
    """
    total = file_size(binary)
    text, counter = open_text(binary, encoding)
    number = 0
    for number, line in enumerate(text, start=1):
        if progress and number % every == 0:
            progress(number, counter.bytes_read, total)
        yield number, line.rstrip("\r\n")
    if progress:
        progress(number, counter.bytes_read, total)


def fixed_width_problem(line, text, width, kind):
    """A ``RowError`` if ``text`` (a line without its break) is not ``width`` characters long.

    The column is where the line should end but does not (a short line), or where it goes on
    past the end (a long one); ``kind`` names the format in the message ("GPC").
    """
    if len(text) == width:
        return None
    return RowError(
        line,
        str(min(len(text), width) + 1),
        text[width:][:40] if len(text) > width else "",
        _("Řádek má délku %(length)s, řádek formátu %(kind)s má mít přesně %(width)s znaků.")
        % {"length": len(text), "kind": kind, "width": width},
    )
