"""Teaser blocks of the budget, for StreamFields of any page of the town."""

import pytest
from django.test import RequestFactory

from modules.budget.blocks import BudgetSummaryBlock, ProjectSpendingBlock, TopSuppliersBlock
from modules.budget.models import Event

from .conftest import SAMPLE_ROWS, csv_bytes, import_bytes

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
    assert f"271{NBSP}234,50{NBSP}Kč" in html
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
