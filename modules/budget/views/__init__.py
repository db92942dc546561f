"""The public views of a budget page; ``BudgetPage`` routes each URL to one of these.

Each view builds its tables (``tables.Table``) and charts, then either renders the page or,
for ``…/csv/<table>/`` and ``…/json/<table>/``, downloads one table. The views read only the
summary tables and paginated invoice lists, never aggregate the raw ledger.

The views live in submodules by subject (``years``, ``events``, ``invoices``, ``search``) over
what they share (``base``: the page frame, pagination, the invoice table); this package
re-exports them, so ``modules.budget.views.X`` keeps working.
"""

from .base import (
    ARES_URL,
    BUDGET_SERIES,
    PER_PAGE,
    BudgetView,
    ares_url,
    budget_columns,
    budget_values,
    invoice_table,
    month_name,
    require_year,
)
from .events import event_detail, event_year
from .invoices import month, months, supplier, suppliers
from .search import comparison, search
from .years import no_data, overview, paragraph, sector

__all__ = [
    "ARES_URL",
    "BUDGET_SERIES",
    "PER_PAGE",
    "BudgetView",
    "ares_url",
    "budget_columns",
    "budget_values",
    "comparison",
    "event_detail",
    "event_year",
    "invoice_table",
    "month",
    "month_name",
    "months",
    "no_data",
    "overview",
    "paragraph",
    "require_year",
    "search",
    "sector",
    "supplier",
    "suppliers",
]
