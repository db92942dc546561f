"""The second theme, "Náměstí": chosen in the admin, it restyles every page of its town and
nothing of another; the town's colours still apply on the next page load."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils.module_loading import import_string

from modules.budget.demo import build_demo as build_budget_demo
from municipalities.demo.builders import CONTENT_BUILDERS
from radnice.core.page_samples import sample_pages

pytestmark = pytest.mark.django_db

THEME_CSS = "themes/namesti/namesti.css"


def admin_form(municipality, **changes):
    """The municipality's edit form as the admin posts it, with ``changes``."""
    data = {
        "name": municipality.name,
        "kind": municipality.kind,
        "ico": municipality.ico,
        "street": municipality.street,
        "postcode": municipality.postcode,
        "city": municipality.city,
        "email": municipality.email,
        "phone": municipality.phone,
        "data_box": municipality.data_box,
        "theme": municipality.theme,
        "primary_color": municipality.primary_color,
        "secondary_color": municipality.secondary_color,
        "font": municipality.font,
        "languages": municipality.languages or ["cs"],
        "enabled_modules": municipality.enabled_modules or [],
    }
    data.update(changes)
    return data


def save_in_admin(client, municipality, **changes):
    response = client.post(
        reverse("municipalities:edit", args=[municipality.pk]),
        admin_form(municipality, **changes),
        HTTP_HOST=municipality.hostname,
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    municipality.refresh_from_db()
    listing = client.get(response.url, HTTP_HOST=municipality.hostname)
    # (Wagtail appends an "Upravit" button to the message.)
    assert [str(message).split("\n")[0] for message in listing.context["messages"]] == [
        f"Nastavení obce „{municipality.name}“ je uloženo; web obce je ukazuje od příštího "
        "načtení stránky."
    ]


@pytest.fixture
def demo_town(town_a):
    for path in CONTENT_BUILDERS:
        import_string(path)(town_a)
    build_budget_demo(town_a, "cityvizor")
    return town_a


def stylesheets(client, url, host):
    response = client.get(url, HTTP_HOST=host)
    assert response.status_code == 200, url
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return [link["href"] for link in soup.find_all("link", rel="stylesheet")], soup


def test_switching_the_theme_in_the_admin_restyles_every_page_of_the_town_only(
    client, demo_town, admin_a, town_b
):
    samples = [sample for sample in sample_pages(demo_town) if sample.status == 200]
    urls = [sample.path for sample in samples]
    # The demo has every page type the platform ships, the module's included.
    assert {
        "homepage",
        "standardpage",
        "landingpage",
        "accessibilitystatementpage",
        "board",
        "news",
        "events",
        "contacts",
        "budget",
    } <= {sample.key for sample in samples}
    for url in urls:
        assert not any(THEME_CSS in href for href in stylesheets(client, url, "alfa.test")[0])

    client.force_login(admin_a)
    save_in_admin(client, demo_town, theme="namesti")
    assert demo_town.theme == "namesti"
    client.logout()

    for url in urls:
        links, soup = stylesheets(client, url, "alfa.test")
        assert any(THEME_CSS in href for href in links), url
        # The theme builds on the default stylesheets; the page keeps its landmarks.
        assert any("themes/default/base.css" in href for href in links), url
        assert soup.find("div", class_="namesti-masthead"), url
        assert len(soup.find_all("main")) == 1, url
    home = stylesheets(client, "/", "alfa.test")[1]
    assert home.find("div", class_="namesti-hero")
    # Only the hero is Náměstí's own markup; the sections come from the default home page.
    assert home.find(class_="top-tasks") and home.find(class_="home-section")

    other_links, other = stylesheets(client, "/", "beta.test")
    assert not any(THEME_CSS in href for href in other_links)
    assert other.find("div", class_="namesti-masthead") is None


def test_changed_primary_colour_shows_on_the_next_page_load(client, admin_a, town_a):
    client.force_login(admin_a)
    save_in_admin(client, town_a, theme="namesti", primary_color="#0b5a3c")
    client.logout()
    html = client.get("/", HTTP_HOST="alfa.test").content.decode()
    assert "--color-primary: #0b5a3c;" in html
    # The branding comes after the theme's stylesheet, so it wins over the theme's default.
    assert html.index(THEME_CSS) < html.index("--color-primary: #0b5a3c;")

    client.force_login(admin_a)
    save_in_admin(client, town_a, primary_color="#6a1b9a")
    client.logout()
    html = client.get("/", HTTP_HOST="alfa.test").content.decode()
    assert "--color-primary: #6a1b9a;" in html and "#0b5a3c" not in html
