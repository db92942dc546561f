"""Importers of accounting data: Cityvizor CSV, the events code list and GINIS KXX.

``import_file`` is the one entry point (the management command, the budget's importer of the
platform's import framework and the demo use it). A file is imported in one transaction
(``radnice.core.imports.import_atomically``): every bad row is reported with its line,
column, value and a Czech explanation, and if there is any, nothing is saved.
"""

from django.utils import timezone

from radnice.core.imports import import_atomically

from ..models import FiscalYear, ImportFormat
from ..summaries import rebuild_summaries
from .base import BudgetImportReport, ImportRefused, RowError
from .cityvizor import CityvizorParser
from .events import import_events
from .kxx import KxxParser
from .writer import RecordWriter

__all__ = ["BudgetImportReport", "ImportRefused", "RowError", "import_file", "write_file"]


def import_file(
    municipality,
    binary,
    *,
    format,
    year=None,
    mode="replace",
    invoices_in_ledger=False,
    check_ico=True,
    progress=None,
):
    """Import one file (a binary file object) and return a ``BudgetImportReport``.

    ``progress(rows, bytes_read, bytes_total)`` is called every few thousand rows.
    """
    return import_atomically(
        lambda report: write_file(
            municipality,
            binary,
            report,
            format=format,
            year=year,
            mode=mode,
            invoices_in_ledger=invoices_in_ledger,
            check_ico=check_ico,
            progress=progress,
        ),
        BudgetImportReport(),
    )


def write_file(
    municipality,
    binary,
    report,
    *,
    format,
    year=None,
    mode="replace",
    invoices_in_ledger=False,
    check_ico=True,
    progress=None,
):
    """Read and save one file into ``report``, inside the caller's transaction."""
    if mode not in ("replace", "append"):
        raise ValueError(f"unknown mode {mode!r}")
    if format == ImportFormat.EVENTS:
        import_events(municipality, binary, mode, report, progress)
    else:
        _import_ledger_or_budget(
            municipality,
            binary,
            report,
            format=format,
            year=year,
            mode=mode,
            invoices_in_ledger=invoices_in_ledger,
            check_ico=check_ico,
            progress=progress,
        )


def _import_ledger_or_budget(
    municipality, binary, report, *, format, year, mode, invoices_in_ledger, check_ico, progress
):
    if not year:
        raise ValueError("a year is required for ledger and budget files")
    if format == ImportFormat.KXX:
        parser = KxxParser(
            binary, year, ico=municipality.ico if check_ico else None, progress=progress
        )
    elif format == ImportFormat.CITYVIZOR:
        parser = CityvizorParser(
            binary, year, invoices_in_ledger=invoices_in_ledger, progress=progress
        )
    else:
        raise ValueError(f"unknown format {format!r}")

    fiscal_year, _created = FiscalYear.objects.get_or_create(municipality=municipality, year=year)
    writer = RecordWriter(fiscal_year, mode)
    latest_date = None
    for entry in parser:
        if isinstance(entry, RowError):
            report.add_error(entry)
        elif report.ok:  # after the first error, only look for more errors
            writer.add(entry)
            if (
                entry.dataset == "actual"
                and entry.date
                and (latest_date is None or entry.date > latest_date)
            ):
                latest_date = entry.date
    report.rows_read = parser.rows_read
    report.lines_ignored = parser.lines_ignored
    if not report.ok:
        return
    writer.finish()
    report.records_imported = writer.imported
    report.duplicates_skipped = writer.duplicates
    report.datasets = writer.datasets

    valid_as_of = getattr(parser, "valid_as_of", None) or latest_date
    newer = valid_as_of and (
        mode == "replace" or not fiscal_year.valid_as_of or valid_as_of > fiscal_year.valid_as_of
    )
    if "actual" in writer.datasets and newer:
        fiscal_year.valid_as_of = valid_as_of
    if "budget" in writer.datasets and mode == "replace":
        fiscal_year.has_approved_budget = bool(getattr(parser, "has_approved_budget", False))
    elif getattr(parser, "has_approved_budget", False):
        fiscal_year.has_approved_budget = True
    fiscal_year.imported_at = timezone.now()
    fiscal_year.save()
    report.valid_as_of = fiscal_year.valid_as_of
    rebuild_summaries(fiscal_year)
