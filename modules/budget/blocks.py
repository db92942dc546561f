"""StreamField teasers of the budget: a year's summary, top suppliers, one project's spending.

The blocks read the summaries of the municipality whose page renders them, and render nothing
where the municipality has the budget module switched off.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from municipalities.registry import is_enabled

from . import queries
from .models import InvoiceKind, Kind


def municipality_of(context):
    request = (context or {}).get("request")
    municipality = getattr(request, "municipality", None) if request else None
    if not municipality:
        page = (context or {}).get("page")
        site = page.get_site() if page is not None else None
        municipality = getattr(site, "municipality", None) if site else None
    return municipality if is_enabled(municipality, "budget") else None


def chosen_year(municipality, year):
    if year:
        return queries.fiscal_year(municipality, year)
    years = queries.fiscal_years(municipality)
    return years[0] if years else None


def budget_page_url(value, context, route=None, **kwargs):
    page = value.get("budget_page")
    if not page:
        return ""
    page = page.specific
    url = page.get_url(request=(context or {}).get("request"))
    if route and url:
        url += page.reverse_subpage(route, kwargs=kwargs)
    return url


class BudgetBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Nadpis"), required=False)
    year = blocks.IntegerBlock(
        label=_("Rok"), required=False, help_text=_("Prázdné = nejnovější rok s daty.")
    )
    budget_page = blocks.PageChooserBlock(
        label=_("Stránka rozpočtu"), page_type="budget.BudgetPage", required=False
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        municipality = municipality_of(parent_context)
        context["municipality"] = municipality
        context["fiscal_year"] = (
            chosen_year(municipality, value.get("year")) if municipality else None
        )
        return context


class BudgetSummaryBlock(BudgetBlock):
    """Income, expenditure, financing: amended budget and actual of one year."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        fiscal_year = context["fiscal_year"]
        if fiscal_year:
            totals = queries.kind_totals(fiscal_year)
            context["rows"] = [
                {"label": Kind(kind).label, **values} for kind, values in totals.items()
            ]
            context["more_url"] = budget_page_url(
                value, parent_context, "overview", year=fiscal_year.year
            )
        return context

    class Meta:
        template = "budget/blocks/summary.html"
        icon = "table"
        label = _("Rozpočet: souhrn roku")


class TopSuppliersBlock(BudgetBlock):
    count = blocks.IntegerBlock(label=_("Počet dodavatelů"), default=5, min_value=1, max_value=20)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        fiscal_year = context["fiscal_year"]
        if fiscal_year:
            ranking = queries.counterparty_ranking(fiscal_year, InvoiceKind.RECEIVED)
            context["suppliers"] = list(ranking[: value.get("count") or 5])
            context["more_url"] = budget_page_url(
                value, parent_context, "suppliers", year=fiscal_year.year
            )
        return context

    class Meta:
        template = "budget/blocks/top_suppliers.html"
        icon = "list-ol"
        label = _("Rozpočet: největší dodavatelé")


class ProjectSpendingBlock(BudgetBlock):
    event_code = blocks.IntegerBlock(
        label=_("Kód akce (ORG)"), help_text=_("Číslo akce z účetnictví, viz Rozpočet → Akce.")
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        municipality = context["municipality"]
        event = (
            queries.event_by_code(municipality, value.get("event_code")) if municipality else None
        )
        context["event"] = event
        if event:
            history = queries.event_history(event)
            context["history"] = [row for row in history if row["kind"] == Kind.EXPENDITURE]
            context["more_url"] = budget_page_url(value, parent_context, "event", code=event.code)
        return context

    class Meta:
        template = "budget/blocks/project_spending.html"
        icon = "doc-full"
        label = _("Rozpočet: čerpání akce")
