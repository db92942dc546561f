"""The budget module plugs into the registry: switched on per town, invisible where it is off."""

import pytest
from django.urls import reverse

from modules.budget.models import BudgetPage
from municipalities.models import MunicipalityRole
from municipalities.registry import get_module

from .conftest import add_budget_page, enable_budget

BUDGET_MENU = '"name": "rozpocet"'


def add_page_url(parent):
    return reverse("wagtailadmin_pages:add", args=["budget", "budgetpage", parent.pk])


def admin_menu(client):
    return client.get(reverse("wagtailadmin_home"), HTTP_HOST="alfa.test").content.decode()


def test_module_is_declared_with_czech_label_and_permissions():
    module = get_module("budget")
    assert module is not None
    assert str(module.label) == "Rozpočet"
    assert module.menu_item_names == ["rozpocet"]
    models = {model for _app, model, _actions in module.permissions}
    assert {"importjob", "fiscalyear", "event", "organisationalunit"} <= models


@pytest.mark.django_db
def test_every_municipal_role_gets_the_budget_permissions(town_a):
    from tests.factories import make_member

    for role in MunicipalityRole:
        user = make_member(town_a, role, email=f"{role}-perm@example.cz")
        assert user.has_perm("budget.add_importjob"), role
        assert user.has_perm("budget.change_event"), role


@pytest.mark.django_db
class TestModuleSwitchedOff:
    def test_page_type_cannot_be_created(self, town_a):
        assert not BudgetPage.can_create_at(town_a.site.root_page.specific)

    def test_admin_add_view_refuses(self, client, admin_a, town_a):
        client.force_login(admin_a)
        response = client.get(add_page_url(town_a.site.root_page), HTTP_HOST="alfa.test")
        assert response.status_code == 302
        assert "budgetpage" not in response.url

    def test_existing_page_answers_404(self, client, town_a):
        enable_budget(town_a)
        add_budget_page(town_a)
        assert client.get("/rozpocet/", HTTP_HOST="alfa.test").status_code == 200
        town_a.enabled_modules = []
        town_a.save()
        assert client.get("/rozpocet/", HTTP_HOST="alfa.test").status_code == 404
        assert client.get("/rozpocet/2023/", HTTP_HOST="alfa.test").status_code == 404

    def test_admin_menu_is_hidden(self, client_a, town_a):
        assert BUDGET_MENU not in admin_menu(client_a)
        enable_budget(town_a)
        assert BUDGET_MENU in admin_menu(client_a)


@pytest.mark.django_db
class TestModuleSwitchedOn:
    def test_page_type_can_be_created_under_any_page_of_the_town(self, budget_town_a, page_a):
        assert BudgetPage.can_create_at(budget_town_a.site.root_page.specific)
        assert BudgetPage.can_create_at(page_a)

    def test_not_in_another_town_that_has_it_off(self, budget_town_a, town_b):
        assert not BudgetPage.can_create_at(town_b.site.root_page.specific)

    def test_admin_add_view_creates_the_page(self, client, admin_a, budget_town_a):
        client.force_login(admin_a)
        url = add_page_url(budget_town_a.site.root_page)
        assert client.get(url, HTTP_HOST="alfa.test").status_code == 200
        response = client.post(
            url,
            {"title": "Rozpočet", "slug": "rozpocet", "action-publish": "1"},
            HTTP_HOST="alfa.test",
        )
        assert response.status_code == 302
        assert BudgetPage.objects.filter(slug="rozpocet").exists()
        assert client.get("/rozpocet/", HTTP_HOST="alfa.test").status_code == 200

    def test_page_without_data_says_so(self, client, budget_page_a):
        response = client.get("/rozpocet/", HTTP_HOST="alfa.test")
        assert "zatím nezveřejnila žádná rozpočtová data" in response.content.decode()
