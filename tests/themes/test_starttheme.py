"""`manage.py starttheme` scaffolds a theme that works at once."""

from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command

import themes

from ..factories import StandardPageFactory


def test_starttheme_creates_app_template_and_stylesheet(tmp_path):
    call_command("starttheme", "modry", "--label", "Modrý", "--directory", str(tmp_path))
    theme = tmp_path / "modry"
    assert 'theme_label = _("Modrý")' in (theme / "apps.py").read_text()
    assert "themes/modry/theme.css" in (theme / "templates" / "base.html").read_text()
    assert (theme / "static" / "themes" / "modry" / "theme.css").exists()


@pytest.mark.parametrize("name", ["Modry", "1modry", "mo-dry", "class", "x"])
def test_starttheme_refuses_invalid_names(tmp_path, name):
    with pytest.raises(CommandError, match="Neplatný název"):
        call_command("starttheme", name, "--directory", str(tmp_path))


def test_starttheme_never_overwrites(tmp_path):
    call_command("starttheme", "modry", "--directory", str(tmp_path))
    with pytest.raises(CommandError, match="už existuje"):
        call_command("starttheme", "modry", "--directory", str(tmp_path))


@pytest.mark.django_db
def test_scaffolded_theme_renders_every_page_with_its_stylesheet(
    tmp_path, monkeypatch, client, town_a
):
    call_command("starttheme", "modry", "--directory", str(tmp_path))
    installed = themes.theme_configs()
    config = SimpleNamespace(path=str(tmp_path / "modry"), theme_label="Modrý", label="m")
    monkeypatch.setattr(themes, "theme_configs", lambda: {**installed, "modry": config})
    town_a.theme = "modry"
    town_a.save()
    StandardPageFactory(parent=town_a.site.root_page, slug="odpady").save_revision().publish()
    for url in ("/", "/odpady/"):
        html = client.get(url, HTTP_HOST="alfa.test").content.decode()
        assert "themes/modry/theme.css" in html
        assert "themes/default/base.css" in html
        # After the default stylesheets, before the town's branding (which must win).
        theme_css = html.index("themes/modry/theme.css")
        assert html.index("themes/default/base.css") < theme_css < html.index("<style nonce=")
