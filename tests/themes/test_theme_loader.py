"""The active theme's templates come first, the default theme's second, per municipality."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string

import themes
from themes import available_themes
from themes.loader import activate_theme, active_theme, deactivate_theme

from ..factories import StandardPageFactory

SAMPLE_THEME = SimpleNamespace(
    path=str(Path(__file__).parent / "sample_theme"), theme_label="Zkušební", label="sample"
)


@pytest.fixture
def sample_theme(monkeypatch):
    """A theme that overrides one template, installed beside the real ones for this test."""
    installed = themes.theme_configs()
    monkeypatch.setattr(themes, "theme_configs", lambda: {**installed, "zkusebni": SAMPLE_THEME})


def test_default_theme_is_available():
    assert "default" in {theme.name for theme in available_themes()}


def test_theme_is_active_only_inside_its_block():
    token = activate_theme("zkusebni")
    assert active_theme() == "zkusebni"
    deactivate_theme(token)
    assert active_theme() == "default"


@pytest.mark.django_db
def test_theme_overrides_only_what_it_changes(sample_theme, client, town_a, town_b):
    assert "zkusebni" in {theme.name for theme in available_themes()}
    town_a.theme = "zkusebni"
    town_a.save()
    for town in (town_a, town_b):
        page = StandardPageFactory(parent=town.site.root_page, title="Odpady", slug="odpady")
        page.save_revision().publish()

    themed = client.get("/odpady/", HTTP_HOST="alfa.test").content.decode()
    assert 'class="sample-theme-title"' in themed
    assert 'class="skip-link"' in themed  # base.html still comes from the default theme

    plain = client.get("/odpady/", HTTP_HOST="beta.test").content.decode()
    assert 'class="sample-theme-title"' not in plain


def test_other_themes_are_invisible_to_plain_template_lookups(sample_theme):
    html = render_to_string("pages/standard_page.html", {"page": None})
    assert "sample-theme-title" not in html
