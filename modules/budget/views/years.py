"""A year's budget: no data yet, the overview, a sector (paragraph group) and a paragraph."""

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .. import queries
from ..charts import bar_chart
from ..classification import item_name, paragraph_group_name, paragraph_name
from ..models import Kind
from ..tables import NUMBER, Column, Table
from .base import BUDGET_SERIES, BudgetView, budget_columns, budget_values, require_year


def no_data(page, request):
    view = BudgetView(page, request, "index", "budget/no_data.html", page.title)
    return view.respond()


def overview(page, request, year, fmt=None, table=None):
    fiscal_year = require_year(request, year)
    view = BudgetView(
        page,
        request,
        "overview",
        "budget/overview.html",
        _("Rozpočet %(year)s") % {"year": fiscal_year.year},
        year=fiscal_year,
    )
    totals = queries.kind_totals(fiscal_year)
    balance = queries.balance(totals)
    with_approved = fiscal_year.has_approved_budget
    summary_rows = [
        {"ukazatel": Kind(kind).label.capitalize(), **budget_values(values)}
        for kind, values in totals.items()
    ]
    summary_rows.append(
        {"ukazatel": _("Saldo příjmů a výdajů"), **budget_values({**balance, "share": None})}
    )
    view.add_table(
        Table(
            "souhrn",
            _("Příjmy, výdaje a financování %(year)s") % {"year": fiscal_year.year},
            [Column("ukazatel", _("Ukazatel")), *budget_columns(with_approved)],
            summary_rows,
            note=_(
                "Financování (třída 8: úvěry, změna stavu účtů) není příjmem ani výdajem; "
                "kryje saldo příjmů a výdajů."
            ),
        )
    )
    expenditure = queries.sectors(fiscal_year, Kind.EXPENDITURE)
    for row in expenditure:
        row["url"] = view.url("sector", year=fiscal_year.year, group=row["code"])
    view.add_table(
        Table(
            "vydaje-odvetvi",
            _("Výdaje podle odvětví"),
            [
                Column("oddil", _("Oddíl")),
                Column("nazev", _("Odvětví")),
                *budget_columns(with_approved),
            ],
            [
                {
                    "oddil": f"{row['code']:02d}",
                    "nazev": row["name"],
                    "nazev_url": row["url"],
                    **budget_values(row),
                }
                for row in expenditure
            ],
        )
    )
    view.charts.append(
        bar_chart(
            "vydaje-odvetvi",
            _("Výdaje podle odvětví: rozpočet a skutečnost"),
            _(
                "Pruhy porovnávají upravený rozpočet a skutečné výdaje v každém odvětví; "
                "přesná čísla jsou v tabulce vedle grafu."
            ),
            [{"label": r["name"], "url": r["url"], **r} for r in expenditure],
            BUDGET_SERIES,
        )
    )
    income = queries.income_item_groups(fiscal_year)
    view.add_table(
        Table(
            "prijmy-druhy",
            _("Příjmy podle druhu"),
            [
                Column("seskupeni", _("Seskupení položek")),
                Column("nazev", _("Druh příjmů")),
                *budget_columns(with_approved),
            ],
            [
                {"seskupeni": f"{row['code']:02d}", "nazev": row["name"], **budget_values(row)}
                for row in income
            ],
        )
    )
    income_by_sector = queries.sectors(fiscal_year, Kind.INCOME)
    view.add_table(
        Table(
            "prijmy-odvetvi",
            _("Příjmy podle odvětví"),
            [
                Column("oddil", _("Oddíl")),
                Column("nazev", _("Odvětví")),
                *budget_columns(with_approved),
            ],
            [
                {
                    "oddil": f"{row['code']:02d}",
                    "nazev": row["name"],
                    "nazev_url": view.url("sector", year=fiscal_year.year, group=row["code"]),
                    **budget_values(row),
                }
                for row in income_by_sector
            ],
        )
    )
    view.context.update(
        {
            "tiles": [
                {"label": Kind(kind).label, "kind": Kind(kind).name.lower(), **values}
                for kind, values in totals.items()
            ],
            "balance": balance,
        }
    )
    return view.respond(fmt, table)


def sector(page, request, year, group, fmt=None, table=None):
    fiscal_year = require_year(request, year)
    group = int(group)
    rows = queries.sector_paragraphs(fiscal_year, group)
    if not rows:
        raise Http404
    name = paragraph_group_name(group)
    view = BudgetView(
        page,
        request,
        "sector",
        "budget/sector.html",
        f"{group:02d} {name}",
        year=fiscal_year,
        group=group,
    )
    with_approved = fiscal_year.has_approved_budget
    for kind in (Kind.EXPENDITURE, Kind.INCOME, Kind.FINANCING):
        kind_rows = [row for row in rows if row["kind"] == kind]
        if not kind_rows:
            continue
        for row in kind_rows:
            row["url"] = view.url("paragraph", year=fiscal_year.year, paragraph=row["code"])
        view.add_table(
            Table(
                f"paragrafy-{Kind(kind).name.lower()}",
                _("%(kind)s podle paragrafů") % {"kind": Kind(kind).label.capitalize()},
                [
                    Column("paragraf", _("Paragraf")),
                    Column("nazev", _("Název")),
                    *budget_columns(with_approved),
                ],
                [
                    {
                        "paragraf": row["code"],
                        "nazev": row["name"],
                        "nazev_url": row["url"],
                        **budget_values(row),
                    }
                    for row in kind_rows
                ],
            )
        )
        if kind == Kind.EXPENDITURE:
            view.charts.append(
                bar_chart(
                    "paragrafy",
                    _("Výdaje odvětví podle paragrafů"),
                    _("Upravený rozpočet a skutečnost každého paragrafu odvětví."),
                    [{"label": f"{r['code']} {r['name']}", **r} for r in kind_rows],
                    BUDGET_SERIES,
                )
            )
    view.context["group"] = group
    return view.respond(fmt, table)


def paragraph(page, request, year, paragraph, fmt=None, table=None):
    fiscal_year = require_year(request, year)
    code = int(paragraph)
    items = queries.paragraph_items(fiscal_year, code)
    if not items:
        raise Http404
    view = BudgetView(
        page,
        request,
        "paragraph",
        "budget/paragraph.html",
        f"{code} {paragraph_name(code)}",
        year=fiscal_year,
        paragraph=code,
    )
    with_approved = fiscal_year.has_approved_budget
    view.add_table(
        Table(
            "polozky",
            _("Položky paragrafu"),
            [
                Column("polozka", _("Položka")),
                Column("nazev", _("Název")),
                Column("druh", _("Druh")),
                *budget_columns(with_approved),
            ],
            [
                {
                    "polozka": row["item"],
                    "nazev": item_name(row["item"]),
                    "druh": Kind(row["kind"]).label,
                    **budget_values(row),
                }
                for row in items
            ],
        )
    )
    events = queries.paragraph_events(fiscal_year, code)
    view.add_table(
        Table(
            "akce",
            _("Akce a projekty paragrafu"),
            [
                Column("kod_akce", _("Kód akce")),
                Column("nazev", pgettext("rozpočet", "Akce")),
                Column("druh", _("Druh")),
                *budget_columns(with_approved),
                Column("pocet_faktur", _("Faktur"), NUMBER),
            ],
            [
                {
                    "kod_akce": row["event__code"],
                    "nazev": row["event__name"]
                    or _("Akce %(code)s") % {"code": row["event__code"]},
                    "nazev_url": view.url(
                        "event_year", year=fiscal_year.year, code=row["event__code"]
                    ),
                    "druh": Kind(row["kind"]).label,
                    "pocet_faktur": row["invoice_count"],
                    **budget_values(row),
                }
                for row in events
            ],
        )
    )
    group = code // 100
    view.context.update(
        {
            "group": group,
            "group_name": paragraph_group_name(group),
            "group_url": view.url("sector", year=fiscal_year.year, group=group),
        }
    )
    return view.respond(fmt, table)
