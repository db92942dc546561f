"""An event (project, "akce"): one year of it and its whole history."""

from django.http import Http404
from django.utils.translation import gettext as _

from .. import queries
from ..charts import bar_chart
from ..models import Kind
from ..tables import NUMBER, Column, Table
from .base import (
    BUDGET_SERIES,
    BudgetView,
    _invoice_rows_for,
    budget_columns,
    budget_values,
    invoice_table,
    require_year,
)


def event_year(page, request, year, code, fmt=None, table=None):
    fiscal_year = require_year(request, year)
    event = queries.event_by_code(request.municipality, int(code))
    if event is None:
        raise Http404
    view = BudgetView(
        page,
        request,
        "event_year",
        "budget/event_year.html",
        f"{event.display_name} ({fiscal_year.year})",
        year=fiscal_year,
        code=event.code,
    )
    with_approved = fiscal_year.has_approved_budget
    paragraphs = queries.event_paragraphs(fiscal_year, event)
    view.add_table(
        Table(
            "paragrafy",
            _("Rozpočet a čerpání akce podle paragrafů"),
            [
                Column("paragraf", _("Paragraf")),
                Column("nazev", _("Název")),
                Column("druh", _("Druh")),
                *budget_columns(with_approved),
            ],
            [
                {
                    "paragraf": row["paragraph"],
                    "nazev": row["name"],
                    "nazev_url": view.url(
                        "paragraph", year=fiscal_year.year, paragraph=row["paragraph"]
                    ),
                    "druh": Kind(row["kind"]).label,
                    **budget_values(row),
                }
                for row in paragraphs
            ],
        )
    )
    invoices = queries.invoices(fiscal_year).filter(event=event)
    rows = _invoice_rows_for(view, fmt, invoices)
    invoice_table(view, "faktury", _("Faktury akce"), rows, show_event=False)
    view.context.update({"event": event, "history_url": view.url("event", code=event.code)})
    return view.respond(fmt, table)


def event_detail(page, request, code, fmt=None, table=None):
    event = queries.event_by_code(request.municipality, int(code))
    if event is None:
        raise Http404
    view = BudgetView(
        page, request, "event", "budget/event.html", event.display_name, code=event.code
    )
    history = queries.event_history(event)
    view.add_table(
        Table(
            "historie",
            _("Akce v jednotlivých letech"),
            [
                Column("rok", _("Rok")),
                Column("druh", _("Druh")),
                *budget_columns(True),
                Column("pocet_faktur", _("Faktur"), NUMBER),
            ],
            [
                {
                    "rok": row["year"],
                    "rok_url": view.url("event_year", year=row["year"], code=event.code),
                    "druh": Kind(row["kind"]).label,
                    "pocet_faktur": row["invoice_count"],
                    **budget_values(row),
                }
                for row in history
            ],
        )
    )
    expenditure = [row for row in history if row["kind"] == Kind.EXPENDITURE]
    if expenditure:
        view.charts.append(
            bar_chart(
                "historie",
                _("Výdaje akce v jednotlivých letech"),
                _("Upravený rozpočet a skutečné výdaje akce v každém roce."),
                [{"label": str(row["year"]), **row} for row in expenditure],
                BUDGET_SERIES,
            )
        )
    view.context["event"] = event
    return view.respond(fmt, table)
