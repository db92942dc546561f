"""Data of the budget viewer: code lists, a town's fiscal years, budget, ledger and invoices.

Amounts are stored as whole hellers (1/100 Kč) in 64-bit integers, so sums are exact on
SQLite and PostgreSQL alike. The raw tables (``BudgetLine``, ``Actual``, ``Invoice``) are
written only by the importers; public views read the ``*Summary`` tables, which the importers
rebuild for the year after every import (see ``modules.budget.summaries``).

The classification code lists are national (the Ministry of Finance's "rozpočtová skladba"),
shared by every municipality and read-only; everything else belongs to one municipality.

The models live in submodules by concern (``classification``, ``records``, ``summaries``,
``imports``, ``page``); this package re-exports them, so ``modules.budget.models.X`` keeps
working (the initial migration names ``modules.budget.models.import_file_storage``).
"""

from .classification import (
    CodeListEntry,
    InvoiceKind,
    Item,
    ItemGroup,
    Kind,
    Paragraph,
    ParagraphGroup,
    kind_of_item,
)
from .imports import ImportFormat, ImportJob, ImportMode, ImportStatus, import_file_storage
from .page import EXPORT, YEAR, BudgetPage
from .records import (
    Actual,
    BudgetLine,
    Counterparty,
    Event,
    FiscalYear,
    Invoice,
    OrganisationalUnit,
    event_search_text,
    fast_delete,
    municipality_fk,
)
from .summaries import CounterpartySummary, EventSummary, LineSummary, MonthSummary

__all__ = [
    "EXPORT",
    "YEAR",
    "Actual",
    "BudgetLine",
    "BudgetPage",
    "CodeListEntry",
    "Counterparty",
    "CounterpartySummary",
    "Event",
    "EventSummary",
    "FiscalYear",
    "ImportFormat",
    "ImportJob",
    "ImportMode",
    "ImportStatus",
    "Invoice",
    "InvoiceKind",
    "Item",
    "ItemGroup",
    "Kind",
    "LineSummary",
    "MonthSummary",
    "OrganisationalUnit",
    "Paragraph",
    "ParagraphGroup",
    "event_search_text",
    "fast_delete",
    "import_file_storage",
    "kind_of_item",
    "municipality_fk",
]
