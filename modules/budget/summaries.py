"""Pre-aggregated tables of a fiscal year, and its invoice search index, rebuilt after imports.

Public views read only these (a few hundred or thousand rows per year), so no request ever
groups the raw ledger. Each raw table is grouped once, by every dimension any summary needs,
and the (much smaller) result is folded into the summaries in Python.
"""

from collections import defaultdict

from django.db.models import Count, Sum

from . import search_index
from .models import (
    Actual,
    BudgetLine,
    CounterpartySummary,
    EventSummary,
    Invoice,
    InvoiceKind,
    Kind,
    LineSummary,
    MonthSummary,
    fast_delete,
    kind_of_item,
)

SUMMARY_MODELS = (LineSummary, EventSummary, CounterpartySummary, MonthSummary)


def _zero():
    return {"approved": 0, "amended": 0, "actual": 0, "invoice_count": 0}


def rebuild_summaries(fiscal_year):
    for model in SUMMARY_MODELS:
        fast_delete(model.objects.filter(fiscal_year=fiscal_year))
    search_index.index_year(fiscal_year.pk)

    lines = defaultdict(_zero)  # (paragraph, item, kind)
    events = defaultdict(_zero)  # (event, paragraph, kind)
    months = defaultdict(lambda: defaultdict(int))  # month -> measure -> amount

    budget = (
        BudgetLine.objects.filter(fiscal_year=fiscal_year)
        .values_list("paragraph", "item", "kind", "event_id")
        .annotate(approved=Sum("approved"), amended=Sum("amended"))
        .order_by()
    )
    for paragraph, item, kind, event_id, approved, amended in budget.iterator(chunk_size=5000):
        for key, target in (
            ((paragraph, item, kind), lines),
            ((event_id, paragraph, kind), events),
        ):
            if target is events and event_id is None:
                continue
            target[key]["approved"] += approved
            target[key]["amended"] += amended

    actuals = (
        Actual.objects.filter(fiscal_year=fiscal_year)
        .values_list("paragraph", "item", "kind", "event_id", "month")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    measure_of_kind = {
        Kind.INCOME: "income",
        Kind.EXPENDITURE: "expenditure",
        Kind.FINANCING: "financing",
    }
    for paragraph, item, kind, event_id, month, total in actuals.iterator(chunk_size=5000):
        lines[(paragraph, item, kind)]["actual"] += total
        if event_id is not None:
            events[(event_id, paragraph, kind)]["actual"] += total
        if month:
            months[month][measure_of_kind[kind]] += total

    counterparties = defaultdict(lambda: [0, 0])  # (counterparty, kind) -> [count, amount]
    invoices = (
        Invoice.objects.filter(fiscal_year=fiscal_year)
        .values_list("counterparty_id", "kind", "month", "event_id", "paragraph", "item")
        .annotate(count=Count("id"), total=Sum("amount"))
        .order_by()
    )
    for row in invoices.iterator(chunk_size=5000):
        counterparty_id, invoice_kind, month, event_id, paragraph, item, count, total = row
        counterparties[(counterparty_id, invoice_kind)][0] += count
        counterparties[(counterparty_id, invoice_kind)][1] += total
        prefix = "received" if invoice_kind == InvoiceKind.RECEIVED else "issued"
        months[month][f"{prefix}_count"] += count
        months[month][f"{prefix}_amount"] += total
        if event_id is not None:
            events[(event_id, paragraph, kind_of_item(item))]["invoice_count"] += count

    common = (fiscal_year.municipality_id, fiscal_year.pk)
    insert(
        LineSummary,
        ["paragraph_group", "paragraph", "item", "kind", "approved", "amended", "actual"],
        (
            (
                *common,
                paragraph // 100,
                paragraph,
                item,
                kind,
                v["approved"],
                v["amended"],
                v["actual"],
            )
            for (paragraph, item, kind), v in lines.items()
        ),
    )
    insert(
        EventSummary,
        ["event_id", "paragraph", "kind", "approved", "amended", "actual", "invoice_count"],
        (
            (
                *common,
                event_id,
                paragraph,
                kind,
                v["approved"],
                v["amended"],
                v["actual"],
                v["invoice_count"],
            )  # fmt: skip
            for (event_id, paragraph, kind), v in events.items()
        ),
    )
    insert(
        CounterpartySummary,
        ["counterparty_id", "kind", "invoice_count", "amount"],
        (
            (*common, counterparty_id, invoice_kind, count, amount)
            for (counterparty_id, invoice_kind), (count, amount) in counterparties.items()
        ),
    )
    month_fields = ["income", "expenditure", "financing", "received_count", "received_amount",
                    "issued_count", "issued_amount"]  # fmt: skip
    insert(
        MonthSummary,
        ["month", *month_fields],
        (
            (*common, month, *(values.get(name, 0) for name in month_fields))
            for month, values in sorted(months.items())
        ),
    )


def insert(model, columns, rows):
    from .importers.writer import RowInserter

    rows = list(rows)
    if rows:
        RowInserter(model, ["municipality_id", "fiscal_year_id", *columns]).insert(rows)
