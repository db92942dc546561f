"""The module registry: a module's admin menu switched per municipality, its teaser blocks."""

from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.urls import reverse
from wagtail import blocks

from municipalities import registry
from municipalities.registry import Module, is_enabled
from radnice.blocks.blocks import BodyField, BodyStreamBlock
from radnice.home.models import HomePage
from radnice.pages.models import LandingPage, StandardPage


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


# --- teaser blocks ------------------------------------------------------------------------------


class TeaserBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False)

    class Meta:
        label = "zkušební upoutávka"


@pytest.fixture
def modules_with_blocks(monkeypatch):
    """Two modules registered out of alphabetical order, one block by class, one by path."""
    monkeypatch.setattr(registry, "_modules", {})
    registry.register_module(
        Module(
            name="zeta",
            label="Zeta",
            icon="cog",
            app_label="people",
            blocks={"zeta_teaser": f"{__name__}.TeaserBlock"},
        )
    )
    registry.register_module(
        Module(
            name="alfa",
            label="Alfa",
            icon="cog",
            app_label="people",
            blocks={"alfa_teaser": TeaserBlock, "alfa_second": TeaserBlock},
        )
    )


def test_registry_offers_every_modules_blocks_in_a_stable_order(modules_with_blocks):
    offered = registry.module_blocks()
    assert [name for name, _block in offered] == ["alfa_teaser", "alfa_second", "zeta_teaser"]
    assert all(isinstance(block, TeaserBlock) for _name, block in offered)
    assert [str(block.meta.group) for _name, block in offered] == ["Alfa", "Alfa", "Zeta"]
    # fresh instances: each stream block names and owns its children
    assert offered[0][1] is not registry.module_blocks()[0][1]


def test_page_body_offers_the_registered_blocks(modules_with_blocks):
    offered = BodyStreamBlock().child_blocks
    assert list(offered)[-3:] == ["alfa_teaser", "alfa_second", "zeta_teaser"]
    assert "rich_text" in offered


def test_budget_module_declares_its_teasers():
    names = [name for name, _block in registry.module_blocks()]
    assert {"budget_summary", "budget_top_suppliers", "budget_project_spending"} <= set(names)


def test_two_modules_cannot_declare_the_same_block_name(modules_with_blocks):
    clash = Module(
        name="beta",
        label="Beta",
        icon="cog",
        app_label="people",
        blocks={"zeta_teaser": TeaserBlock},
    )
    with pytest.raises(ImproperlyConfigured, match="zeta_teaser"):
        registry.register_module(clash)


def test_a_block_must_be_a_block_class(monkeypatch):
    monkeypatch.setattr(registry, "_modules", {})
    registry.register_module(
        Module(name="x", label="X", icon="cog", app_label="people", blocks={"x": "json.dumps"})
    )
    with pytest.raises(ImproperlyConfigured, match="block class"):
        registry.module_blocks()


def test_blocks_are_refused_before_every_app_is_ready(monkeypatch):
    """A body built while Django starts would silently miss the modules registered later."""
    monkeypatch.setattr(django_apps, "ready", False)
    with pytest.raises(ImproperlyConfigured, match="StreamField"):
        BodyStreamBlock()


def test_page_fields_build_their_body_on_first_use():
    for model in [HomePage, StandardPage, LandingPage]:
        assert model._meta.get_field("body").block_types_arg is BodyStreamBlock, model


def test_system_check_flags_a_module_app_that_declares_nothing(monkeypatch):
    undeclared = SimpleNamespace(name="modules.nedeklarovany", declaration=None)
    monkeypatch.setattr(django_apps, "get_app_configs", lambda: [undeclared])
    errors = registry.check_module_apps()
    assert [error.id for error in errors] == ["radnice_modules.E001"]


def test_system_check_accepts_the_installed_modules():
    assert registry.check_module_apps() == []


DEMO_CALLS = []


def record_demo(municipality, **params):
    DEMO_CALLS.append((municipality.ico, params))


def test_a_module_demo_runs_through_the_registry_only_where_the_module_is_on(monkeypatch):
    monkeypatch.setattr(registry, "_modules", {})
    DEMO_CALLS.clear()
    for name in ("zeta", "alfa", "bez_dema"):
        registry.register_module(
            Module(
                name=name,
                label=name,
                icon="cog",
                app_label="people",
                demo="" if name == "bez_dema" else f"{__name__}.record_demo",
            )
        )
    town = SimpleNamespace(ico="00000001", enabled_modules=["zeta", "alfa", "bez_dema"])
    registry.run_module_demos(town, {"zeta": {"kind": "kxx"}})
    assert DEMO_CALLS == [("00000001", {}), ("00000001", {"kind": "kxx"})]
    DEMO_CALLS.clear()
    registry.run_module_demos(SimpleNamespace(ico="00000002", enabled_modules=["alfa"]))
    assert DEMO_CALLS == [("00000002", {})]


def test_budget_module_declares_its_demo():
    demo = registry.get_module("budget").demo
    assert demo == "modules.budget.demo.build_demo"


def test_module_blocks_never_reach_the_core_migrations(modules_with_blocks, monkeypatch):
    """A module that adds a block changes nothing in the page apps' migrations: the body
    field records only the platform's own blocks (``BodyField.deconstruct``)."""
    body = BodyField(BodyStreamBlock, blank=True)
    assert {"alfa_teaser", "zeta_teaser"} <= set(body.stream_block.child_blocks)
    with_modules = body.deconstruct()
    monkeypatch.setattr(registry, "_modules", {})
    without_modules = BodyField(BodyStreamBlock, blank=True).deconstruct()
    assert with_modules == without_modules
    assert with_modules[1] == "wagtail.fields.StreamField"


def test_the_page_bodies_record_no_module_block():
    budget_blocks = {"budget_summary", "budget_top_suppliers", "budget_project_spending"}
    for model in [HomePage, StandardPage, LandingPage]:
        field = model._meta.get_field("body")
        assert budget_blocks <= set(field.stream_block.child_blocks), model
        recorded = {name for name, _index in field.deconstruct()[2][0]}
        assert "rich_text" in recorded
        assert not recorded & budget_blocks, model
