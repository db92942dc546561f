"""The module registry switches a module's admin menu per municipality."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from municipalities import registry
from municipalities.registry import Module, is_enabled


@pytest.fixture
def fake_module(monkeypatch):
    """A module that owns the "Osoby" menu item, registered only for this test."""
    monkeypatch.setattr(registry, "_modules", {})
    module = Module(
        name="zkusebni",
        label="Zkušební modul",
        icon="cog",
        app_label="people",
        menu_item_names=["osoby"],
    )
    registry._modules[module.name] = module
    return module


def admin_menu(client):
    """The sidebar's menu, which Wagtail renders as JSON props."""
    response = client.get(reverse("wagtailadmin_home"), HTTP_HOST="alfa.test")
    return response.content.decode()


PEOPLE_MENU = '"url": "/admin/snippets/people/person/"'


@pytest.mark.django_db
def test_menu_of_a_switched_off_module_is_hidden(client_a, town_a, fake_module):
    assert PEOPLE_MENU not in admin_menu(client_a)
    town_a.enabled_modules = ["zkusebni"]
    town_a.save()
    assert PEOPLE_MENU in admin_menu(client_a)


@pytest.mark.django_db
def test_enabled_modules_must_be_registered(town_a, fake_module):
    town_a.enabled_modules = ["zkusebni"]
    town_a.full_clean()
    assert is_enabled(town_a, "zkusebni")
    town_a.enabled_modules = ["neexistuje"]
    with pytest.raises(ValidationError, match="Neznámé moduly: neexistuje"):
        town_a.full_clean()


def test_is_enabled_without_municipality():
    assert not is_enabled(None, "zkusebni")
