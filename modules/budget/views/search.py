"""The comparison of years and the search across the budget."""

from urllib.parse import quote

from django.utils.translation import gettext as _

from .. import queries
from ..charts import bar_chart
from ..models import Kind
from ..tables import Column, Table
from .base import BUDGET_SERIES, BudgetView, ares_url, budget_columns, budget_values, invoice_table


def comparison(page, request, fmt=None, table=None):
    view = BudgetView(page, request, "comparison", "budget/comparison.html", _("Srovnání let"))
    rows = queries.years_comparison(request.municipality)
    view.add_table(
        Table(
            "roky",
            _("Příjmy, výdaje a financování v jednotlivých letech"),
            [Column("rok", _("Rok")), Column("druh", _("Druh")), *budget_columns(True)],
            [
                {
                    "rok": row["year"],
                    "rok_url": view.url("overview", year=row["year"]),
                    "druh": Kind(row["kind"]).label,
                    **budget_values(row),
                }
                for row in rows
            ],
        )
    )
    for kind, chart_id in ((Kind.EXPENDITURE, "vydaje"), (Kind.INCOME, "prijmy")):
        kind_rows = [row for row in rows if row["kind"] == kind]
        if kind_rows:
            view.charts.append(
                bar_chart(
                    f"roky-{chart_id}",
                    _("%(kind)s v jednotlivých letech") % {"kind": Kind(kind).label.capitalize()},
                    _("Upravený rozpočet a skutečnost v každém roce."),
                    [{"label": str(row["year"]), **row} for row in kind_rows],
                    BUDGET_SERIES,
                )
            )
    return view.respond(fmt, table)


def search(page, request, fmt=None, table=None):
    view = BudgetView(page, request, "search", "budget/search.html", _("Hledat v rozpočtu"))
    query = request.GET.get("q", "").strip()[:200]
    results = queries.search(request.municipality, query)
    view.context.update({"query": query, "results": results})
    if results["terms"]:
        view.add_table(
            Table(
                "dodavatele",
                _("Dodavatelé a odběratelé"),
                [Column("nazev", _("Název")), Column("ico", _("IČO"))],
                [
                    {
                        "nazev": counterparty.display_name,
                        "ico": counterparty.ico,
                        "ico_url": ares_url(counterparty.ico),
                    }
                    for counterparty in results["counterparties"]
                ],
            )
        )
        view.add_table(
            Table(
                "akce",
                _("Akce a projekty"),
                [
                    Column("kod_akce", _("Kód")),
                    Column("nazev", _("Název")),
                    Column("popis", _("Popis")),
                ],
                [
                    {
                        "kod_akce": event.code,
                        "nazev": event.display_name,
                        "nazev_url": view.url("event", code=event.code),
                        "popis": event.description,
                    }
                    for event in results["events"]
                ],
            )
        )
        invoice_table(view, "faktury", _("Faktury"), results["invoices"])
    for exported in view.tables:
        for fmt_name in list(exported.downloads):
            exported.downloads[fmt_name] += f"?q={quote(query)}" if query else ""
    return view.respond(fmt, table)
