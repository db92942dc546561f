"""What every view of the budget shares: the page frame (``BudgetView``), the year, pagination
and the invoice table."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from municipalities.hosts import absolute_url
from radnice.core.listing import paginate

from .. import queries
from ..tables import DATE, MONEY, PERCENT, Column, Table, export_csv, export_json

PER_PAGE = 50
ARES_URL = "https://ares.gov.cz/ekonomicke-subjekty?ico={ico}"
BUDGET_SERIES = [
    ("amended", gettext_lazy("upravený rozpočet"), "bar--budget"),
    ("actual", gettext_lazy("skutečnost"), "bar--actual"),
]


def month_name(month):
    return str(MONTHS[month]) if 1 <= month <= 12 else str(month)


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
        columns.append(Column("akce", pgettext("rozpočet", "Akce")))
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
