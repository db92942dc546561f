"""Read side of the budget viewer: small functions over the summary tables.

Every function takes a fiscal year (found through the request's municipality) or the
municipality itself, so no query can reach another town's data. Amounts are hellers.
"""

from collections import defaultdict

from django.db.models import Sum

from municipalities.scope import for_municipality, pages_of

from . import search_index
from .classification import item_group_name, paragraph_group_name, paragraph_name
from .models import (
    BudgetPage,
    Counterparty,
    CounterpartySummary,
    Event,
    EventSummary,
    FiscalYear,
    Invoice,
    Kind,
    LineSummary,
    MonthSummary,
)
from .money import percent
from .text import search_terms

AMOUNTS = ("approved", "amended", "actual")


def _sums(queryset, *group_by):
    return queryset.values(*group_by).annotate(
        approved=Sum("approved"), amended=Sum("amended"), actual=Sum("actual")
    )


def with_share(row):
    row["share"] = percent(row.get("actual") or 0, row.get("amended") or 0)
    return row


def fiscal_years(municipality):
    return list(for_municipality(FiscalYear.objects.all(), municipality).order_by("-year"))


def fiscal_year(municipality, year):
    return for_municipality(FiscalYear.objects.all(), municipality).filter(year=year).first()


def budget_page_of(municipality, chosen=None):
    """The chosen budget page if it is in the town's tree, else the town's first live one.

    Wagtail's page chooser offers every town's pages, so a page of another town is ignored.
    """
    pages = pages_of(municipality).live().type(BudgetPage)
    if chosen:
        own = pages.filter(pk=chosen.pk).first()
        if own:
            return own.specific
    first = pages.order_by("path").first()
    return first.specific if first else None


# --- overview ---------------------------------------------------------------------------


def kind_totals(fiscal_year):
    """{Kind: {approved, amended, actual, share}} with zeros for missing kinds."""
    totals = {kind: {"approved": 0, "amended": 0, "actual": 0} for kind in Kind}
    for row in _sums(LineSummary.objects.filter(fiscal_year=fiscal_year), "kind"):
        totals[Kind(row["kind"])].update({key: row[key] or 0 for key in AMOUNTS})
    for values in totals.values():
        with_share(values)
    return totals


def balance(totals):
    """Income minus expenditure (saldo); financing covers it."""
    income, expenditure = totals[Kind.INCOME], totals[Kind.EXPENDITURE]
    return {key: income[key] - expenditure[key] for key in AMOUNTS}


def sectors(fiscal_year, kind=Kind.EXPENDITURE):
    rows = _sums(
        LineSummary.objects.filter(fiscal_year=fiscal_year, kind=kind), "paragraph_group"
    ).order_by("paragraph_group")
    return [
        with_share(
            {
                **row,
                "code": row["paragraph_group"],
                "name": paragraph_group_name(row["paragraph_group"]),
            }
        )
        for row in rows
    ]


def income_item_groups(fiscal_year):
    groups = defaultdict(lambda: dict.fromkeys(AMOUNTS, 0))
    rows = _sums(LineSummary.objects.filter(fiscal_year=fiscal_year, kind=Kind.INCOME), "item")
    for row in rows:
        for key in AMOUNTS:
            groups[row["item"] // 100][key] += row[key] or 0
    return [
        with_share({"code": code, "name": item_group_name(code), **values})
        for code, values in sorted(groups.items())
    ]


# --- drill-down -------------------------------------------------------------------------


def sector_paragraphs(fiscal_year, group):
    rows = _sums(
        LineSummary.objects.filter(fiscal_year=fiscal_year, paragraph_group=group),
        "paragraph",
        "kind",
    ).order_by("kind", "paragraph")
    return [
        with_share({**row, "code": row["paragraph"], "name": paragraph_name(row["paragraph"])})
        for row in rows
    ]


def paragraph_items(fiscal_year, paragraph):
    rows = (
        LineSummary.objects.filter(fiscal_year=fiscal_year, paragraph=paragraph)
        .order_by("kind", "item")
        .values("item", "kind", *AMOUNTS)
    )
    return [with_share(dict(row)) for row in rows]


def paragraph_events(fiscal_year, paragraph):
    rows = (
        _sums(
            EventSummary.objects.filter(fiscal_year=fiscal_year, paragraph=paragraph),
            "event_id",
            "event__code",
            "event__name",
            "kind",
        )
        .annotate(invoice_count=Sum("invoice_count"))
        .order_by("-actual")
    )
    return [with_share(dict(row)) for row in rows]


def event_by_code(municipality, code):
    return for_municipality(Event.objects.all(), municipality).filter(code=code).first()


def event_history(event):
    """Per year and kind: the event's budget and actual, oldest year first."""
    rows = _sums(EventSummary.objects.filter(event=event), "fiscal_year__year", "kind").annotate(
        invoice_count=Sum("invoice_count")
    )
    return [
        with_share({**row, "year": row["fiscal_year__year"]})
        for row in rows.order_by("fiscal_year__year", "kind")
    ]


def event_paragraphs(fiscal_year, event):
    rows = (
        EventSummary.objects.filter(fiscal_year=fiscal_year, event=event)
        .order_by("kind", "paragraph")
        .values("paragraph", "kind", "invoice_count", *AMOUNTS)
    )
    return [with_share({**row, "name": paragraph_name(row["paragraph"])}) for row in rows]


# --- invoices and suppliers -------------------------------------------------------------


def invoices(fiscal_year):
    return (
        Invoice.objects.filter(fiscal_year=fiscal_year)
        .select_related("counterparty", "event")
        .order_by("date", "id")
    )


def month_rows(fiscal_year):
    return list(MonthSummary.objects.filter(fiscal_year=fiscal_year).order_by("month"))


def counterparty_ranking(fiscal_year, kind):
    return (
        CounterpartySummary.objects.filter(fiscal_year=fiscal_year, kind=kind)
        .select_related("counterparty")
        .order_by("-amount", "counterparty_id")
    )


def counterparty_by_ico(municipality, ico):
    return (
        for_municipality(Counterparty.objects.all(), municipality)
        .filter(ico=ico, is_private=False)
        .first()
    )


# --- comparison of years ----------------------------------------------------------------


def years_comparison(municipality):
    """[{year, kind, approved, amended, actual}] for every year of the municipality."""
    rows = _sums(
        for_municipality(LineSummary.objects.all(), municipality), "fiscal_year__year", "kind"
    ).order_by("fiscal_year__year", "kind")
    return [with_share({**row, "year": row["fiscal_year__year"]}) for row in rows]


# --- search -----------------------------------------------------------------------------

SEARCH_LIMIT = 50


def search(municipality, text):
    """Invoices, events and suppliers whose text contains every word (diacritics ignored)."""
    terms = search_terms(text)
    if not terms:
        return {"terms": [], "invoices": [], "events": [], "counterparties": []}
    counterparties = list(
        for_municipality(Counterparty.objects.all(), municipality)
        .filter(search_index.contains_all(terms), is_private=False)
        .order_by("name")[:SEARCH_LIMIT]
    )
    events = list(
        for_municipality(Event.objects.all(), municipality)
        .filter(search_index.contains_all(terms))
        .order_by("code")[:SEARCH_LIMIT]
    )
    found = list(
        for_municipality(Invoice.objects.all(), municipality)
        .filter(search_index.invoice_filter(terms))
        .select_related("counterparty", "event", "fiscal_year")
        .order_by("-date", "-id")[: SEARCH_LIMIT + 1]
    )
    return {
        "terms": terms,
        "invoices": found[:SEARCH_LIMIT],
        "more_invoices": len(found) > SEARCH_LIMIT,
        "events": events,
        "counterparties": counterparties,
    }
