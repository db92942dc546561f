"""The budget viewer's page; its views are routes of the page (see ``modules.budget.views``)."""

from urllib.parse import urlencode

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from municipalities.registry import ModulePageMixin
from municipalities.scope import municipality_of_page
from radnice.core.listing import CzechQueryWordsMixin

from .classification import Kind
from .records import FiscalYear, Invoice
from .summaries import EventSummary, LineSummary

#: every view also downloads each of its tables: ``…/csv/<table>/`` and ``…/json/<table>/``
EXPORT = r"(?:(?P<fmt>csv|json)/(?P<table>[a-z0-9-]+)/)?$"
YEAR = r"^(?P<year>\d{4})/"


def _views():
    from .. import views

    return views


class BudgetPage(ModulePageMixin, CzechQueryWordsMixin, RoutablePageMixin, Page):
    """The budget viewer, placed anywhere in a town's tree; its views are routes of the page."""

    module_name = "budget"

    intro = RichTextField(_("úvodní text"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = []

    class Meta:
        verbose_name = _("rozpočet obce")
        verbose_name_plural = _("rozpočty obcí")

    def sample_routes(self):
        """The views page_samples checks and measures (see radnice.core.page_samples)."""
        municipality = municipality_of_page(self)
        fiscal_year = FiscalYear.objects.filter(municipality=municipality).order_by("-year").first()
        if fiscal_year is None:
            return [("budget", _("Rozpočet"), "")]
        year = fiscal_year.year
        expenditure = LineSummary.objects.filter(
            fiscal_year=fiscal_year, kind=Kind.EXPENDITURE
        ).order_by("-actual", "paragraph")
        paragraph = expenditure.values_list("paragraph", flat=True).first()
        group = expenditure.values_list("paragraph_group", flat=True).first()
        event = (
            EventSummary.objects.filter(fiscal_year=fiscal_year)
            .order_by("event__code")
            .values_list("event__code", flat=True)
            .first()
        )
        month = (
            Invoice.objects.filter(fiscal_year=fiscal_year)
            .order_by("month")
            .values_list("month", flat=True)
            .first()
        )
        supplier = (
            Invoice.objects.filter(fiscal_year=fiscal_year, counterparty__is_private=False)
            .order_by("counterparty__name")
            .values_list("counterparty__name", flat=True)
            .first()
        )
        routes = [("budget", _("Rozpočet – přehled"), "")]
        if group is not None:
            routes.append(("budget_sector", _("Rozpočet – odvětví"), f"{year}/odvetvi/{group}/"))
        if paragraph is not None:
            routes.append(
                ("budget_paragraph", _("Rozpočet – paragraf"), f"{year}/paragraf/{paragraph}/")
            )
        if event is not None:
            routes.append(("budget_event", _("Rozpočet – akce"), f"akce/{event}/"))
        routes.append(("budget_months", _("Rozpočet – faktury po měsících"), f"{year}/faktury/"))
        if month is not None:
            routes.append(
                ("budget_invoices", _("Rozpočet – faktury měsíce"), f"{year}/faktury/{month}/")
            )
        routes += [
            ("budget_suppliers", _("Rozpočet – dodavatelé"), f"{year}/dodavatele/"),
            ("budget_comparison", _("Rozpočet – srovnání let"), "srovnani/"),
        ]
        if supplier:
            word = supplier.split()[0]
            query = urlencode({"q": word})
            routes.append(("budget_search", _("Rozpočet – hledání"), f"hledat/?{query}"))
        return routes

    @re_path(r"^$", name="index")
    def index_route(self, request, *args, **kwargs):
        years = FiscalYear.objects.filter(municipality=request.municipality).order_by("-year")
        latest = years.values_list("year", flat=True).first()
        if latest is None:
            return _views().no_data(self, request)
        return _views().overview(self, request, latest)

    @re_path(YEAR + EXPORT, name="overview")
    def overview_route(self, request, year, fmt=None, table=None):
        return _views().overview(self, request, year, fmt, table)

    @re_path(YEAR + r"odvetvi/(?P<group>\d{1,2})/" + EXPORT, name="sector")
    def sector_route(self, request, year, group, fmt=None, table=None):
        return _views().sector(self, request, year, group, fmt, table)

    @re_path(YEAR + r"paragraf/(?P<paragraph>\d{1,4})/" + EXPORT, name="paragraph")
    def paragraph_route(self, request, year, paragraph, fmt=None, table=None):
        return _views().paragraph(self, request, year, paragraph, fmt, table)

    @re_path(YEAR + r"akce/(?P<code>\d{1,15})/" + EXPORT, name="event_year")
    def event_year_route(self, request, year, code, fmt=None, table=None):
        return _views().event_year(self, request, year, code, fmt, table)

    @re_path(r"^akce/(?P<code>\d{1,15})/" + EXPORT, name="event")
    def event_route(self, request, code, fmt=None, table=None):
        return _views().event_detail(self, request, code, fmt, table)

    @re_path(YEAR + r"faktury/" + EXPORT, name="months")
    def months_route(self, request, year, fmt=None, table=None):
        return _views().months(self, request, year, fmt, table)

    @re_path(YEAR + r"faktury/(?P<month>\d{1,2})/" + EXPORT, name="month")
    def month_route(self, request, year, month, fmt=None, table=None):
        return _views().month(self, request, year, month, fmt, table)

    @re_path(YEAR + r"dodavatele/" + EXPORT, name="suppliers")
    def suppliers_route(self, request, year, fmt=None, table=None):
        return _views().suppliers(self, request, year, fmt, table)

    @re_path(YEAR + r"dodavatele/(?P<ico>\d{8})/" + EXPORT, name="supplier")
    def supplier_route(self, request, year, ico, fmt=None, table=None):
        return _views().supplier(self, request, year, ico, fmt, table)

    @re_path(r"^srovnani/" + EXPORT, name="comparison")
    def comparison_route(self, request, fmt=None, table=None):
        return _views().comparison(self, request, fmt, table)

    @re_path(r"^hledat/" + EXPORT, name="search")
    def search_route(self, request, fmt=None, table=None):
        return _views().search(self, request, fmt, table)
