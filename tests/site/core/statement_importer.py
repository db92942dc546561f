"""A second consumer of the import framework, for tests only: bank statement lines in a
fixed-width windows-1250 file of 128-character lines, like GPC (ABO).

Lines: ``074`` a statement header (read, not stored), ``075`` a transaction:

    1–3 "075", 4–19 account, 20–35 counter-account, 36–48 transaction id,
    49–60 amount in hellers, 61 code (1 debit, 2 credit), 62–71 variable symbol,
    72–91 (not read), 92–97 date DDMMYY, 98–117 counterparty name, 118–128 (not read)

Each transaction is written as soon as it is read, so that only the framework's one
transaction keeps a refused file from leaving anything behind. A transaction id that is
already stored is skipped (a statement imported twice adds nothing).

The model belongs to the ``core`` app label but has no migration: its table is made with the
test database (tests/conftest.py, ``create_test_only_tables``); the admin pages are in
``statement_urls``.
"""

import datetime

from django.db import models

from municipalities.models import Municipality
from radnice.core.imports import (
    Importer,
    ImportRefused,
    RowError,
    detect_encoding,
    fixed_width_problem,
    numbered_lines,
    register_importer,
)

WIDTH = 128
# (column name, first column, last column), 1-based as in the bank's specification
FIELDS = {
    "amount": (49, 60),
    "code": (61, 61),
    "transaction": (36, 48),
    "variable_symbol": (62, 71),
    "date": (92, 97),
    "name": (98, 117),
}


class TrialStatementLine(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="+")
    transaction = models.CharField(max_length=13)
    amount = models.BigIntegerField()  # hellers, negative for a debit
    variable_symbol = models.CharField(max_length=10, blank=True)
    date = models.DateField()
    name = models.CharField(max_length=20, blank=True)

    class Meta:
        app_label = "core"
        db_table = "core_test_trialstatementline"
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "transaction"], name="core_test_statement_once"
            )
        ]

    def __str__(self):
        return self.transaction


def cut(text, name):
    first, last = FIELDS[name]
    return text[first - 1 : last]


def problem(line, name, text, message):
    return RowError(line, str(FIELDS[name][0]), cut(text, name).strip(), message)


def parse(line, text):
    """A dict of one ``075`` line, or a ``RowError``."""
    amount = cut(text, "amount")
    if not amount.isdigit():
        return problem(line, "amount", text, "Částka musí být 12 číslic (v haléřích).")
    code = cut(text, "code")
    if code not in ("1", "2"):
        return problem(line, "code", text, "Kód účtování musí být 1 (odchozí) nebo 2 (příchozí).")
    try:
        date = datetime.datetime.strptime(cut(text, "date"), "%d%m%y").date()
    except ValueError:
        return problem(line, "date", text, "Datum musí být ve tvaru DDMMRR.")
    return {
        "transaction": cut(text, "transaction").strip(),
        "amount": int(amount) * (-1 if code == "1" else 1),
        "variable_symbol": cut(text, "variable_symbol").strip().lstrip("0"),
        "date": date,
        "name": cut(text, "name").strip(),
    }


class TrialStatementImporter(Importer):
    name = "trial_statement"
    label = "Import výpisů (zkušební)"
    upload_title = "Nahrát výpis"
    url_prefix = "zkusebni-vypisy"
    formats = [("gpc", "GPC (ABO)")]

    def write(self, run, binary, report, progress):
        encoding = detect_encoding(binary, "GPC")
        known = set(
            TrialStatementLine.objects.filter(municipality=run.municipality).values_list(
                "transaction", flat=True
            )
        )
        seen = set()
        for line, text in numbered_lines(binary, encoding, progress, every=2):
            if not text:
                continue
            error = fixed_width_problem(line, text, WIDTH, "GPC")
            if error is None and text[:3] not in ("074", "075"):
                error = RowError(line, "1", text[:3], "Řádek musí začínat 074 nebo 075.")
            if error is not None:
                report.add_error(error)
                continue
            if line == 1 and text[:3] != "074":
                raise ImportRefused("Výpis musí začínat hlavičkou 074.", line=1)
            report.rows_read += 1
            if text[:3] == "074":
                continue
            record = parse(line, text)
            if isinstance(record, RowError):
                report.add_error(record)
                continue
            if record["transaction"] in seen:
                report.add_error(
                    problem(line, "transaction", text, "Transakce je ve výpisu podruhé.")
                )
                continue
            seen.add(record["transaction"])
            if record["transaction"] in known:
                report.duplicates_skipped += 1
                continue
            TrialStatementLine.objects.create(municipality=run.municipality, **record)
            report.records_imported += 1


trial_importer = register_importer(TrialStatementImporter())


def header():
    return "074" + "0000000123456789" + "Obec Alfa".ljust(20) + " " * 89


def transaction(number, amount, name="Jan Dvořák", code="2", date="150123", vs="2023001"):
    text = (
        "075"
        + "0000000123456789"
        + "0000000987654321"
        + str(number).rjust(13, "0")
        + str(amount).rjust(12, "0")
        + code
        + vs.rjust(10, "0")
        + " " * 20
        + date
        + name.ljust(20)[:20]
        + "0"
        + "0203"
        + "150123"
    )
    assert len(text) == WIDTH, len(text)
    return text


def statement(*lines, encoding="cp1250", newline="\r\n"):
    return (newline.join([header(), *lines]) + newline).encode(encoding)
