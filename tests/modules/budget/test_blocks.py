"""Teaser blocks of the budget, for StreamFields of any page of the town."""

import json

import pytest
from django.test import RequestFactory

from modules.budget.blocks import BudgetSummaryBlock, ProjectSpendingBlock, TopSuppliersBlock
from modules.budget.models import Event
from municipalities.models import Municipality
from radnice.blocks.blocks import BodyStreamBlock
from radnice.pages.models import StandardPage

from .conftest import (
    SAMPLE_EXPENDITURE_ACTUAL,
    SAMPLE_ROWS,
    add_budget_page,
    csv_bytes,
    import_bytes,
)

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


@pytest.fixture
def context(budget_town_a, budget_page_a):
    assert import_bytes(budget_town_a, csv_bytes(*SAMPLE_ROWS)).ok
    request = RequestFactory().get("/", HTTP_HOST="alfa.test")
    request.municipality = budget_town_a
    return {"request": request, "page": budget_town_a.site.root_page.specific}


def render(block, context, **value):
    return block.render(block.to_python({"budget_page": None, **value}), context=context)


def test_budget_summary(context, budget_page_a):
    block = BudgetSummaryBlock()
    html = render(block, context, budget_page=budget_page_a.pk)
    assert "Rozpočet 2023" in html
    assert SAMPLE_EXPENDITURE_ACTUAL in html
    assert 'href="/rozpocet/2023/"' in html


def test_top_suppliers(context):
    html = render(TopSuppliersBlock(), context, count=1)
    assert "Silnice Podlesí s.r.o." in html
    assert "Odpady Kutnohorsko" not in html


def test_project_spending(context):
    Event.objects.filter(code=101).update(name="Oprava silnice")
    html = render(ProjectSpendingBlock(), context, event_code=101)
    assert "Oprava silnice" in html and "2023" in html


def test_blocks_render_nothing_where_the_module_is_off(context, budget_town_a):
    budget_town_a.enabled_modules = []
    budget_town_a.save()
    assert render(BudgetSummaryBlock(), context).strip() == ""
    assert render(TopSuppliersBlock(), context).strip() == ""


# --- the blocks in a page body ----------------------------------------------------------------

BETA_ROWS = ["ROZ;0;1111;;;900000;;;;Daň z příjmů", "UCT;0;1111;;;654321;2023-01-31;;;Daň leden"]
ALFA_FIGURE = SAMPLE_EXPENDITURE_ACTUAL
BETA_FIGURE = f"654{NBSP}321,00{NBSP}Kč"


def page_with_summary(municipality, slug="hospodareni", **value):
    """A standard page of the town whose body holds a budget summary block."""
    home = municipality.site.root_page.specific
    block = {"type": "budget_summary", "value": {"heading": "", "year": None, **value}}
    page = StandardPage(title="Hospodaření obce", slug=slug, body=json.dumps([block]))
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def main_of(client, page, host):
    response = client.get(page.url, HTTP_HOST=host)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def both_towns_imported(budget_town_a, budget_town_b):
    assert import_bytes(budget_town_a, csv_bytes(*SAMPLE_ROWS)).ok
    assert import_bytes(budget_town_b, csv_bytes(*BETA_ROWS)).ok


def test_the_body_of_every_page_offers_the_budget_blocks():
    offered = BodyStreamBlock().child_blocks
    assert isinstance(offered["budget_summary"], BudgetSummaryBlock)
    assert isinstance(offered["budget_top_suppliers"], TopSuppliersBlock)
    assert isinstance(offered["budget_project_spending"], ProjectSpendingBlock)
    assert str(offered["budget_summary"].meta.group) == "Rozpočet"


def test_page_shows_the_figures_of_its_own_town_and_links_its_budget_page(
    client, both_towns_imported, budget_town_a, budget_page_a
):
    html = main_of(client, page_with_summary(budget_town_a), "alfa.test")
    assert "Rozpočet 2023" in html
    assert ALFA_FIGURE in html
    assert BETA_FIGURE not in html
    assert 'href="/rozpocet/2023/"' in html  # the town's budget page, found without choosing


def test_page_of_another_town_shows_only_that_towns_figures(
    client, both_towns_imported, budget_town_b
):
    html = main_of(client, page_with_summary(budget_town_b), "beta.test")
    assert BETA_FIGURE in html
    assert ALFA_FIGURE not in html


def test_a_chosen_budget_page_of_another_town_is_not_linked(
    client, both_towns_imported, budget_town_a, budget_town_b
):
    page_of_b = add_budget_page(budget_town_b)
    html = main_of(client, page_with_summary(budget_town_a, budget_page=page_of_b.pk), "alfa.test")
    assert ALFA_FIGURE in html
    assert "beta.test" not in html
    assert "Celý rozpočet" not in html  # town A has no budget page of its own


def test_preview_from_another_towns_hostname_shows_the_pages_town(
    both_towns_imported, budget_town_a
):
    page = page_with_summary(budget_town_a)
    request = RequestFactory().get("/", HTTP_HOST="beta.test")
    request.municipality = Municipality.objects.get(site__hostname="beta.test")
    html = page.serve_preview(request, "").render().content.decode()
    assert ALFA_FIGURE in html and BETA_FIGURE not in html


def test_page_renders_no_budget_where_the_module_is_off(client, both_towns_imported, budget_town_a):
    page = page_with_summary(budget_town_a)
    budget_town_a.enabled_modules = []
    budget_town_a.save()
    html = main_of(client, page, "alfa.test")
    assert "Hospodaření obce" in html
    assert "Rozpočet 2023" not in html
    assert ALFA_FIGURE not in html and BETA_FIGURE not in html


def preview_of(page, host="alfa.test"):
    request = RequestFactory().get("/", HTTP_HOST=host)
    request.municipality = Municipality.objects.get(site__hostname=host)
    request.is_preview = True
    page = StandardPage.objects.get(pk=page.pk)  # as a request loads it
    return page.serve_preview(request, "").render().content.decode()


def test_preview_tells_the_editor_why_a_block_stays_empty(client, budget_town_a):
    page = page_with_summary(budget_town_a)
    assert "obec zatím nemá nahraná rozpočtová data" in preview_of(page)

    budget_town_a.enabled_modules = []
    budget_town_a.save()
    assert "obec nemá zapnutý modul Rozpočet" in preview_of(page)
    assert "Blok rozpočtu" not in main_of(client, page, "alfa.test")


def test_preview_names_a_missing_year_or_project(both_towns_imported, budget_town_a):
    assert "rok 2019 nemá nahraná rozpočtová data" in preview_of(
        page_with_summary(budget_town_a, year=2019)
    )
    home = budget_town_a.site.root_page.specific
    block = {"type": "budget_project_spending", "value": {"event_code": 999, "year": None}}
    page = StandardPage(title="Akce", slug="akce-999", body=json.dumps([block]))
    home.add_child(instance=page)
    assert "akce s kódem 999 v rozpočtu obce není" in preview_of(page)
