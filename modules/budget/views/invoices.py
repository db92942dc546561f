"""Invoices by month, one month's invoices, the suppliers' ranking and one supplier."""

from django.http import Http404, QueryDict
from django.utils.translation import gettext as _

from radnice.core.listing import paginate

from .. import queries
from ..charts import bar_chart
from ..models import InvoiceKind
from ..tables import MONEY, NUMBER, Column, Table
from .base import (
    PER_PAGE,
    BudgetView,
    _invoice_rows_for,
    ares_url,
    invoice_table,
    month_name,
    require_year,
)


def months(page, request, year, fmt=None, table=None):
    fiscal_year = require_year(request, year)
    view = BudgetView(
        page,
        request,
        "months",
        "budget/months.html",
        _("Faktury a čerpání podle měsíců %(year)s") % {"year": fiscal_year.year},
        year=fiscal_year,
    )
    rows = []
    for summary in queries.month_rows(fiscal_year):
        rows.append(
            {
                "mesic": summary.month,
                "nazev": month_name(summary.month),
                "nazev_url": view.url("month", year=fiscal_year.year, month=summary.month),
                "prijate_faktury_pocet": summary.received_count,
                "prijate_faktury_castka": summary.received_amount,
                "vydane_faktury_pocet": summary.issued_count,
                "vydane_faktury_castka": summary.issued_amount,
                "vydaje": summary.expenditure,
                "prijmy": summary.income,
            }
        )
    view.add_table(
        Table(
            "mesice",
            _("Měsíce"),
            [
                Column("mesic", _("Měsíc"), NUMBER),
                Column("nazev", _("Název")),
                Column("prijate_faktury_pocet", _("Přijaté faktury"), NUMBER),
                Column("prijate_faktury_castka", _("Částka přijatých faktur"), MONEY),
                Column("vydane_faktury_pocet", _("Vydané faktury"), NUMBER),
                Column("vydane_faktury_castka", _("Částka vydaných faktur"), MONEY),
                Column("vydaje", _("Výdaje"), MONEY),
                Column("prijmy", _("Příjmy"), MONEY),
            ],
            rows,
        )
    )
    view.charts.append(
        bar_chart(
            "mesice",
            _("Výdaje a přijaté faktury podle měsíců"),
            _("Skutečné výdaje a součet přijatých faktur v každém měsíci roku."),
            [{"label": row["nazev"], "url": row["nazev_url"], **row} for row in rows],
            [
                ("vydaje", _("výdaje"), "bar--actual"),
                ("prijate_faktury_castka", _("přijaté faktury"), "bar--invoices"),
            ],
        )
    )
    return view.respond(fmt, table)


def month(page, request, year, month, fmt=None, table=None):
    fiscal_year = require_year(request, year)
    number = int(month)
    if not 1 <= number <= 12:
        raise Http404
    view = BudgetView(
        page,
        request,
        "month",
        "budget/invoice_list.html",
        _("Faktury – %(month)s %(year)s") % {"month": month_name(number), "year": fiscal_year.year},
        year=fiscal_year,
        month=number,
    )
    invoices = queries.invoices(fiscal_year).filter(month=number)
    rows = _invoice_rows_for(view, fmt, invoices)
    invoice_table(view, "faktury", view.title, rows)
    view.context["back"] = (_("Faktury podle měsíců"), view.url("months", year=fiscal_year.year))
    return view.respond(fmt, table)


def suppliers(page, request, year, fmt=None, table=None):
    fiscal_year = require_year(request, year)
    view = BudgetView(
        page,
        request,
        "suppliers",
        "budget/suppliers.html",
        _("Dodavatelé %(year)s") % {"year": fiscal_year.year},
        year=fiscal_year,
    )
    for slug, caption, kind in (
        ("dodavatele", _("Dodavatelé (přijaté faktury)"), InvoiceKind.RECEIVED),
        ("odberatele", _("Odběratelé (vydané faktury)"), InvoiceKind.ISSUED),
    ):
        ranking = queries.counterparty_ranking(fiscal_year, kind)
        if fmt:
            summaries = ranking
        else:
            # One list is paginated (the received invoices), the other shows its first page.
            params = request.GET if kind == InvoiceKind.RECEIVED else QueryDict()
            pagination = paginate(ranking, params, PER_PAGE)
            if kind == InvoiceKind.RECEIVED:
                view.context["pagination"] = pagination
            summaries = pagination.object_list
        rows = []
        for summary in summaries:
            counterparty = summary.counterparty
            row = {
                "nazev": counterparty.display_name,
                "ico": counterparty.ico,
                "pocet_faktur": summary.invoice_count,
                "castka": summary.amount,
            }
            if counterparty.ico:
                row["nazev_url"] = view.url("supplier", year=fiscal_year.year, ico=counterparty.ico)
                row["ico_url"] = ares_url(counterparty.ico)
            rows.append(row)
        view.add_table(
            Table(
                slug,
                caption,
                [
                    Column("nazev", _("Název")),
                    Column("ico", _("IČO (odkaz do registru ARES)")),
                    Column("pocet_faktur", _("Počet faktur"), NUMBER),
                    Column("castka", _("Celkem"), MONEY),
                ],
                rows,
                note=_("Soukromé osoby jsou z ochrany osobních údajů sečteny do jednoho řádku."),
            )
        )
    return view.respond(fmt, table)


def supplier(page, request, year, ico, fmt=None, table=None):
    fiscal_year = require_year(request, year)
    counterparty = queries.counterparty_by_ico(request.municipality, ico)
    if counterparty is None:
        raise Http404
    view = BudgetView(
        page,
        request,
        "supplier",
        "budget/invoice_list.html",
        f"{counterparty.display_name} ({fiscal_year.year})",
        year=fiscal_year,
        ico=counterparty.ico,
    )
    invoices = queries.invoices(fiscal_year).filter(counterparty=counterparty)
    rows = _invoice_rows_for(view, fmt, invoices)
    invoice_table(view, "faktury", _("Faktury"), rows, show_supplier=False)
    view.context.update(
        {
            "counterparty": counterparty,
            "ares_url": ares_url(counterparty.ico),
            "back": (_("Dodavatelé"), view.url("suppliers", year=fiscal_year.year)),
        }
    )
    return view.respond(fmt, table)
