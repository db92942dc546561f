"""StreamField teasers of the budget: a year's summary, top suppliers, one project's spending.

The module declares them in the registry (apps.py), so every page body offers them. They read
the summaries of the municipality whose site renders them, never another's, and render
nothing where the municipality has the budget module switched off. They are offered to every
town all the same: block definitions belong to the field, not to a town, and a town that
switches the module off must still be able to save its pages, so there the blocks just stay
silent (their description in the admin says so).
"""

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from municipalities.registry import is_enabled
from municipalities.scope import municipality_of_page

from . import queries
from .models import InvoiceKind, Kind
from .tables import MONEY, TEXT, Column, Table


def municipality_of(context):
    """The town whose figures a block shows (``municipality_of_page``: the page's own, else
    the request's); None where the town has the module off."""
    context = context or {}
    municipality = municipality_of_page(context.get("page"), context.get("request"))
    return municipality if is_enabled(municipality, "budget") else None


def chosen_year(municipality, year):
    if year:
        return queries.fiscal_year(municipality, year)
    years = queries.fiscal_years(municipality)
    return years[0] if years else None


def amounts_table(slug, caption, first_column, rows):
    """A teaser's table: the first column, then the amended budget and the actual spending."""
    columns = [
        first_column,
        Column("amended", _("Upravený rozpočet"), MONEY),
        Column("actual", _("Skutečnost"), MONEY),
    ]
    return Table(slug=slug, caption=caption, columns=columns, rows=rows, caption_hidden=True)


def budget_page_url(value, context, municipality, route=None, **kwargs):
    page = queries.budget_page_of(municipality, value.get("budget_page"))
    if not page:
        return ""
    url = page.get_url(request=(context or {}).get("request"))
    if route and url:
        url += page.reverse_subpage(route, kwargs=kwargs)
    return url


class BudgetBlock(blocks.StructBlock):
    """Common fields and context of the budget teasers; subclasses add their data in
    ``fill`` and say in ``notice`` why they show nothing (to the editor, in preview only)."""

    heading = blocks.CharBlock(label=_("Nadpis"), required=False)
    year = blocks.IntegerBlock(
        label=_("Rok"), required=False, help_text=_("Prázdné = nejnovější rok s daty.")
    )
    budget_page = blocks.PageChooserBlock(
        label=_("Stránka rozpočtu"),
        page_type="budget.BudgetPage",
        required=False,
        help_text=_("Kam vede odkaz na podrobnosti. Prázdné = stránka rozpočtu této obce."),
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        municipality = municipality_of(parent_context)
        context["municipality"] = municipality
        context["fiscal_year"] = (
            chosen_year(municipality, value.get("year")) if municipality else None
        )
        if municipality:
            self.fill(context, value, parent_context)
        request = (parent_context or {}).get("request")
        context["preview_notice"] = (
            self.notice(context, value) if getattr(request, "is_preview", False) else ""
        )
        return context

    def fill(self, context, value, parent_context):
        """Add what the template shows (only called where the module is on)."""

    def notice(self, context, value):
        """Why the block renders nothing, or "" when it renders something."""
        if not context["municipality"]:
            return _("Na webu se nezobrazí: obec nemá zapnutý modul Rozpočet.")
        if not context["fiscal_year"]:
            if value.get("year"):
                return _("Na webu se nezobrazí: rok %(year)s nemá nahraná rozpočtová data.") % {
                    "year": value.get("year")
                }
            return _("Na webu se nezobrazí: obec zatím nemá nahraná rozpočtová data.")
        return ""


class BudgetSummaryBlock(BudgetBlock):
    """Income, expenditure, financing: amended budget and actual of one year."""

    def fill(self, context, value, parent_context):
        fiscal_year = context["fiscal_year"]
        if fiscal_year:
            totals = queries.kind_totals(fiscal_year)
            context["table"] = amounts_table(
                f"souhrn-{fiscal_year.year}",
                _("Rozpočet a skutečnost %(year)s") % {"year": fiscal_year.year},
                Column("label", _("Druh"), TEXT),
                [
                    {"label": capfirst(Kind(kind).label), **values}
                    for kind, values in totals.items()
                ],
            )
            context["more_url"] = budget_page_url(
                value, parent_context, fiscal_year.municipality, "overview", year=fiscal_year.year
            )

    class Meta:
        template = "budget/blocks/summary.html"
        icon = "table"
        label = _("rozpočet – souhrn roku")
        description = _(
            "Příjmy, výdaje a financování roku. Zobrazí se jen na webu obce se zapnutým "
            "modulem Rozpočet."
        )


class TopSuppliersBlock(BudgetBlock):
    count = blocks.IntegerBlock(label=_("Počet dodavatelů"), default=5, min_value=1, max_value=20)

    def fill(self, context, value, parent_context):
        fiscal_year = context["fiscal_year"]
        if fiscal_year:
            ranking = queries.counterparty_ranking(fiscal_year, InvoiceKind.RECEIVED)
            context["suppliers"] = list(ranking[: value.get("count") or 5])
            context["more_url"] = budget_page_url(
                value, parent_context, fiscal_year.municipality, "suppliers", year=fiscal_year.year
            )

    def notice(self, context, value):
        if context["fiscal_year"] and not context.get("suppliers"):
            return _("Na webu se nezobrazí: rok %(year)s nemá žádné přijaté faktury.") % {
                "year": context["fiscal_year"].year
            }
        return super().notice(context, value)

    class Meta:
        template = "budget/blocks/top_suppliers.html"
        icon = "list-ol"
        label = _("rozpočet – největší dodavatelé")
        description = _(
            "Dodavatelé s nejvyššími fakturami za rok. Zobrazí se jen na webu obce se "
            "zapnutým modulem Rozpočet."
        )


class ProjectSpendingBlock(BudgetBlock):
    event_code = blocks.IntegerBlock(
        label=_("Kód akce (ORG)"),
        help_text=_("Číslo akce z účetnictví, viz Rozpočet → Akce a projekty."),
    )

    def fill(self, context, value, parent_context):
        municipality = context["municipality"]
        event = queries.event_by_code(municipality, value.get("event_code"))
        context["event"] = event
        if event:
            history = queries.event_history(event)
            context["table"] = amounts_table(
                f"akce-{event.code}",
                _("Výdaje akce %(name)s podle let") % {"name": event.display_name},
                Column("year", _("Rok"), TEXT),
                [row for row in history if row["kind"] == Kind.EXPENDITURE],
            )
            context["more_url"] = budget_page_url(
                value, parent_context, municipality, "event", code=event.code
            )

    def notice(self, context, value):
        if not context["municipality"]:
            return super().notice(context, value)
        if not context.get("event"):
            return _("Na webu se nezobrazí: akce s kódem %(code)s v rozpočtu obce není.") % {
                "code": value.get("event_code")
            }
        return ""

    class Meta:
        template = "budget/blocks/project_spending.html"
        icon = "doc-full"
        label = _("rozpočet – čerpání akce")
        description = _(
            "Rozpočet a čerpání jedné akce či projektu po letech. Zobrazí se jen na webu obce "
            "se zapnutým modulem Rozpočet."
        )
