"""The public views of a budget page; ``BudgetPage`` routes each URL to one of these.

Each view builds its tables (``tables.Table``) and charts, then either renders the page or,
for ``…/csv/<table>/`` and ``…/json/<table>/``, downloads one table. The views read only the
summary tables and paginated invoice lists, never aggregate the raw ledger.
"""

from urllib.parse import quote

from django.http import Http404, QueryDict
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from municipalities.hosts import absolute_url
from radnice.core.listing import paginate

from . import queries
from .charts import bar_chart
from .classification import item_name, paragraph_group_name, paragraph_name
from .models import InvoiceKind, Kind
from .tables import DATE, MONEY, NUMBER, PERCENT, Column, Table, export_csv, export_json

PER_PAGE = 50
ARES_URL = "https://ares.gov.cz/ekonomicke-subjekty?ico={ico}"
MONTH_NAMES = [
    "",
    gettext_lazy("leden"),
    gettext_lazy("únor"),
    gettext_lazy("březen"),
    gettext_lazy("duben"),
    gettext_lazy("květen"),
    gettext_lazy("červen"),
    gettext_lazy("červenec"),
    gettext_lazy("srpen"),
    gettext_lazy("září"),
    gettext_lazy("říjen"),
    gettext_lazy("listopad"),
    gettext_lazy("prosinec"),
]
BUDGET_SERIES = [
    ("amended", gettext_lazy("upravený rozpočet"), "bar--budget"),
    ("actual", gettext_lazy("skutečnost"), "bar--actual"),
]


def month_name(month):
    return str(MONTH_NAMES[month]) if 1 <= month <= 12 else str(month)


def ares_url(ico):
    return ARES_URL.format(ico=ico)


def budget_columns(with_approved=True):
    columns = []
    if with_approved:
        columns.append(Column("schvaleny_rozpocet", _("Schválený rozpočet"), MONEY))
    columns += [
        Column("upraveny_rozpocet", _("Upravený rozpočet"), MONEY),
        Column("skutecnost", _("Skutečnost"), MONEY),
        Column("plneni_procent", _("Plnění (%)"), PERCENT),
    ]
    return columns


def budget_values(row):
    return {
        "schvaleny_rozpocet": row.get("approved"),
        "upraveny_rozpocet": row.get("amended"),
        "skutecnost": row.get("actual"),
        "plneni_procent": row.get("share"),
    }


class BudgetView:
    """Context of one public view: its page, year, tables and charts."""

    def __init__(self, page, request, route, template, title, year=None, **route_kwargs):
        self.page = page
        self.request = request
        self.route = route
        self.template = template
        self.title = title
        self.year = year
        self.route_kwargs = route_kwargs
        self.tables = []
        self.charts = []
        self.context = {}
        self.base_url = page.get_url(request)

    @property
    def municipality(self):
        return self.request.municipality

    def url(self, route, **kwargs):
        return self.base_url + self.page.reverse_subpage(route, kwargs=kwargs)

    def add_table(self, table):
        kwargs = {**self.route_kwargs}
        if self.year is not None:
            kwargs["year"] = self.year.year
        table.downloads = {
            fmt: self.url(self.route, fmt=fmt, table=table.slug, **kwargs)
            for fmt in ("csv", "json")
        }
        self.tables.append(table)
        return table

    def respond(self, fmt=None, table=None):
        if fmt:
            return self.export(fmt, table)
        context = self.page.get_context(self.request)
        context.update(
            {
                "view": self,
                "view_title": self.title,
                "fiscal_year": self.year,
                "tables": self.tables,
                "charts": self.charts,
                "years": self.year_links(),
                "nav": self.navigation(),
                "overview_url": self.url("overview", year=self.year.year) if self.year else "",
                **self.context,
            }
        )
        return TemplateResponse(self.request, self.template, context)

    def export(self, fmt, slug):
        table = next((t for t in self.tables if t.slug == slug), None)
        if table is None:
            raise Http404
        year = self.year.year if self.year else "vse"
        filename = f"rozpocet-{self.municipality.ico}-{year}-{slug}"
        if fmt == "csv":
            return export_csv(table, f"{filename}.csv")
        metadata = {
            "obec": {"nazev": self.municipality.name, "ico": self.municipality.ico},
            "rok": self.year.year if self.year else None,
            "data_platna_k": self.year.valid_as_of if self.year else None,
            "zdroj": absolute_url(self.request, self.url(self.route, **self.link_kwargs())),
        }
        return export_json(table, metadata, f"{filename}.json")

    def link_kwargs(self):
        kwargs = dict(self.route_kwargs)
        if self.year is not None:
            kwargs["year"] = self.year.year
        return kwargs

    def year_links(self):
        """The same view in other years (only for views that belong to a year)."""
        if self.year is None:
            return []
        links = []
        for fiscal_year in queries.fiscal_years(self.municipality):
            kwargs = {**self.route_kwargs, "year": fiscal_year.year}
            try:
                url = self.url(self.route, **kwargs)
            except NoReverseMatch:
                continue
            links.append(
                {"year": fiscal_year.year, "url": url, "current": fiscal_year == self.year}
            )
        return links

    def navigation(self):
        year = self.year.year if self.year else None
        if year is None:
            latest = queries.fiscal_years(self.municipality)
            year = latest[0].year if latest else None
        items = []
        if year:
            items += [
                (_("Přehled"), self.url("overview", year=year), "overview"),
                (_("Faktury podle měsíců"), self.url("months", year=year), "months"),
                (_("Dodavatelé"), self.url("suppliers", year=year), "suppliers"),
            ]
        items += [
            (_("Srovnání let"), self.url("comparison"), "comparison"),
            (_("Hledat"), self.url("search"), "search"),
        ]
        return [
            {"label": label, "url": url, "current": route == self.route}
            for label, url, route in items
        ]


def require_year(request, year):
    fiscal_year = queries.fiscal_year(request.municipality, int(year))
    if fiscal_year is None:
        raise Http404
    return fiscal_year


def invoice_table(view, slug, caption, rows, *, show_supplier=True, show_event=True):
    columns = [
        Column("datum", _("Datum"), DATE),
        Column("druh", _("Druh")),
    ]
    if show_supplier:
        columns += [Column("protistrana", _("Dodavatel / odběratel")), Column("ico", _("IČO"))]
    columns += [Column("popis", _("Popis")), Column("castka", _("Částka"), MONEY)]
    columns += [Column("paragraf", _("Paragraf")), Column("polozka", _("Položka"))]
    if show_event:
        columns.append(Column("akce", _("Akce")))
    table_rows = []
    for invoice in rows:
        counterparty = invoice.counterparty
        year = invoice.date.year
        row = {
            "datum": invoice.date,
            "druh": invoice.get_kind_display(),
            "protistrana": counterparty.display_name,
            "ico": counterparty.ico,
            "popis": invoice.description,
            "castka": invoice.amount,
            "paragraf": invoice.paragraph,
            "polozka": invoice.item,
            "akce": invoice.event.display_name if invoice.event_id else "",
        }
        if counterparty.ico:
            row["ico_url"] = ares_url(counterparty.ico)
            row["protistrana_url"] = view.url("supplier", year=year, ico=counterparty.ico)
        row["paragraf_url"] = view.url("paragraph", year=year, paragraph=invoice.paragraph)
        if invoice.event_id:
            row["akce_url"] = view.url("event_year", year=year, code=invoice.event.code)
        table_rows.append(row)
    return view.add_table(Table(slug, caption, columns, table_rows))


def _invoice_rows_for(view, fmt, queryset):
    """All rows for a download, one page of them for the HTML view."""
    if fmt:
        return queryset
    pagination = paginate(queryset, view.request.GET, PER_PAGE)
    view.context["pagination"] = pagination
    return pagination.object_list


# --- views -------------------------------------------------------------------------------


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
                Column("nazev", _("Akce")),
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
