"""The default theme's page frame: header tools, navigation with submenus, colour modes, footer,
self-hosted fonts."""

import datetime
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from municipalities.branding import FONT_STACKS
from radnice.core.models import SocialMediaSettings
from radnice.people.models import Place, PlaceHoursException, PlaceOpeningHours
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

STATIC = Path(settings.BASE_DIR) / "themes" / "default" / "static" / "themes" / "default"


def get_soup(client, path="/", host="alfa.test", **extra):
    response = client.get(path, HTTP_HOST=host, **extra)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content.decode(), "html.parser")


def section(parent, title, slug, in_menu=True, live=True):
    page = StandardPageFactory(parent=parent, title=title, slug=slug, show_in_menus=in_menu)
    if live:
        page.save_revision().publish()
    else:
        page.unpublish()
    return page


# ---- landmarks, header tools ----


def test_page_has_skip_link_first_and_one_of_each_landmark(client, town_a):
    soup = get_soup(client)
    first_link = soup.body.find("a")
    assert first_link["class"] == ["skip-link"] and first_link["href"] == "#main"
    assert len(soup.find_all("main")) == 1 and soup.main["id"] == "main"
    assert soup.find("header", class_="site-header") and soup.find("footer", class_="site-footer")
    assert soup.find("nav", attrs={"aria-label": "Hlavní navigace"}) is None  # no menu pages yet


def test_header_search_goes_to_the_site_search_and_is_labelled(client, town_a):
    soup = get_soup(client)
    form = soup.find("form", class_="header-search")
    assert form["action"] == "/hledat/" and form["role"] == "search"
    field = form.find("input", attrs={"name": "q"})
    assert soup.find("label", attrs={"for": field["id"]}).text == "Hledat na webu"


def test_no_render_blocking_script_and_no_third_party_assets(client, town_a):
    soup = get_soup(client)
    for script in soup.find_all("script"):
        assert script.get("type") == "application/ld+json" or script.has_attr("defer"), script
    for tag in soup.find_all(["link", "script", "img"]):
        url = tag.get("href") or tag.get("src") or ""
        if tag.name == "link" and tag.get("rel") in (["canonical"], ["alternate"]):
            continue
        assert not re.match(r"(https?:)?//", url) or "alfa.test" in url, url


# ---- navigation ----


def test_main_menu_has_submenus_of_live_in_menu_children(client, town_a):
    home = town_a.site.root_page
    life = section(home, "Život v obci", "zivot")
    section(life, "Spolky", "spolky")
    section(life, "Poplatky", "poplatky")
    section(life, "Skrytá", "skryta", in_menu=False)
    section(life, "Rozpracovaná", "rozpracovana", live=False)
    section(home, "Kontakty", "kontakty")
    section(home, "Mimo menu", "mimo", in_menu=False)

    soup = get_soup(client, "/zivot/spolky/")
    nav = soup.find("nav", attrs={"aria-label": "Hlavní navigace"})
    top = [a.text for a in nav.select(".main-menu > li > a")]
    assert top == ["Život v obci", "Kontakty"]
    parent = nav.select_one(".main-menu__item--parent")
    toggle = parent.find("button")
    submenu = parent.find("ul", class_="submenu")
    assert toggle["aria-expanded"] == "false" and toggle["aria-controls"] == submenu["id"]
    assert toggle.has_attr("hidden")  # shown by site.js; without it the submenu opens on focus
    assert [a.text for a in submenu.find_all("a")] == ["Spolky", "Poplatky"]
    assert submenu.find("a", string="Spolky")["aria-current"] == "page"
    assert "is-active" in parent["class"]  # the section of the current page


def test_main_menu_costs_the_same_queries_for_few_and_many_sections(client, town_a):
    home = town_a.site.root_page

    def add_sections(start, count):
        for n in range(start, start + count):
            parent = section(home, f"Sekce {n}", f"sekce-{n}")
            for m in range(3):
                section(parent, f"Podstránka {n}.{m}", f"pod-{m}")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            get_soup(client)
        return len(captured)

    add_sections(0, 2)
    get_soup(client)  # warm the site caches
    few = queries()
    add_sections(2, 6)
    soup = get_soup(client)
    assert len(soup.select(".submenu a")) == 8 * 3
    assert queries() == few


def test_language_switch_links_the_translation_with_hreflang(client, town_a):
    english = Locale.objects.get_or_create(language_code="en")[0]
    page = section(town_a.site.root_page, "Odpady", "odpady")
    translation = page.copy_for_translation(english, copy_parents=True)
    translation.save_revision().publish()
    translation.get_parent().specific.save_revision().publish()

    soup = get_soup(client, "/odpady/")
    switch = soup.find("nav", class_="language-switch")
    link = switch.find("a")
    assert link["hreflang"] == "en" and link["lang"] == "en" and link.text == "English"
    assert link["href"].endswith("/en/odpady/")
    assert switch.find(attrs={"aria-current": "true"}).text == "Česky"
    # The same alternates as the head's hreflang links.
    head = {tag["hreflang"]: tag["href"] for tag in soup.head.find_all("link", hreflang=True)}
    assert head["en"] == link["href"]


def test_language_switch_is_left_out_without_translations(client, town_a):
    section(town_a.site.root_page, "Odpady", "odpady")
    assert get_soup(client, "/odpady/").find("nav", class_="language-switch") is None


# ---- colour mode ----


def test_without_a_choice_the_page_follows_the_device(client, town_a):
    soup = get_soup(client)
    assert not soup.html.has_attr("data-color-scheme")
    assert soup.find("meta", attrs={"name": "color-scheme"})["content"] == "light dark"
    pressed = soup.select('.scheme-switch button[aria-pressed="true"]')
    assert [button["value"] for button in pressed] == ["auto"]


def test_choosing_dark_sets_a_cookie_and_renders_dark_server_side(client, town_a):
    response = client.post(
        "/_vzhled/", {"scheme": "dark", "next": "/odpady/?q=1"}, HTTP_HOST="alfa.test"
    )
    assert response.status_code == 303 and response["Location"] == "/odpady/?q=1"
    cookie = response.cookies["color_scheme"]
    assert cookie.value == "dark" and cookie["httponly"] and cookie["samesite"] == "Lax"
    soup = get_soup(client)
    assert soup.html["data-color-scheme"] == "dark"  # in the first byte: no flash
    assert soup.find("meta", attrs={"name": "color-scheme"})["content"] == "dark"
    pressed = soup.select('.scheme-switch button[aria-pressed="true"]')
    assert [button["value"] for button in pressed] == ["dark"]


def test_choosing_auto_forgets_the_choice(client, town_a):
    client.post("/_vzhled/", {"scheme": "light", "next": "/"}, HTTP_HOST="alfa.test")
    assert get_soup(client).html["data-color-scheme"] == "light"
    response = client.post("/_vzhled/", {"scheme": "auto", "next": "/"}, HTTP_HOST="alfa.test")
    assert response.cookies["color_scheme"]["max-age"] == 0
    assert not get_soup(client).html.has_attr("data-color-scheme")


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "", "ftp:x"])
def test_colour_mode_switch_redirects_only_within_the_site(client, town_a, next_url):
    response = client.post("/_vzhled/", {"scheme": "dark", "next": next_url}, HTTP_HOST="alfa.test")
    assert response["Location"] == "/"


def test_invalid_cookie_value_is_ignored(client, town_a):
    client.cookies["color_scheme"] = '"><script>'
    assert not get_soup(client).html.has_attr("data-color-scheme")


def test_colour_mode_switch_refuses_get(client, town_a):
    assert client.get("/_vzhled/", HTTP_HOST="alfa.test").status_code == 405


def test_stylesheet_has_dark_values_for_device_preference_and_for_the_choice():
    css = (STATIC / "base.css").read_text()
    device = "@media screen and (prefers-color-scheme: dark) {\n  :root:not("
    assert device + '[data-color-scheme="light"])' in css
    assert '@media screen {\n  :root[data-color-scheme="dark"]' in css  # print stays light
    assert "--color-link: var(--color-primary-text-dark)" in css


# ---- footer ----


def test_footer_shows_contacts_todays_office_hours_and_social_links(client, town_a):
    town_a.street, town_a.postcode, town_a.city = "Náves 1", "285 01", "Alfa"
    town_a.phone, town_a.email, town_a.data_box = "+420 321 654 987", "podatelna@alfa.cz", "ab12cd3"
    town_a.save()
    today = timezone.localdate()
    office = Place.objects.create(municipality=town_a, name="Obecní úřad", is_office=True)
    library = Place.objects.create(municipality=town_a, name="Knihovna")
    for place, opens in ((office, 8), (library, 14)):
        PlaceOpeningHours.objects.create(
            place=place,
            weekday=today.weekday(),
            opens=datetime.time(opens),
            closes=datetime.time(opens + 3),
        )
    social = SocialMediaSettings.for_site(town_a.site)
    social.facebook = "https://www.facebook.com/obecalfa"
    social.save()

    footer = get_soup(client).find("footer")
    text = " ".join(footer.get_text(" ").split())
    assert "Náves 1 285 01 Alfa" in text
    assert "Datová schránka ab12cd3" in text and f"IČO {town_a.ico}" in text
    assert footer.find("a", href="tel:+420321654987")
    assert footer.find("a", href="mailto:podatelna@alfa.cz")
    hours = footer.find("section", class_="office-hours")
    assert "8:00–11:00" in hours.text and "14:00" not in hours.text
    assert footer.find("nav", class_="social-links").find("a")["href"].endswith("/obecalfa")


def test_footer_shows_an_exception_to_the_office_hours(client, town_a):
    office = Place.objects.create(municipality=town_a, name="Obecní úřad", is_office=True)
    PlaceHoursException.objects.create(
        place=office, date=timezone.localdate(), closed=True, note="Státní svátek"
    )
    hours = get_soup(client).find("section", class_="office-hours")
    assert "zavřeno" in hours.text and "Státní svátek" in hours.text


def test_footer_never_shows_another_towns_office(client, town_a, town_b):
    Place.objects.create(municipality=town_b, name="Městský úřad Beta", is_office=True)
    assert get_soup(client).find("section", class_="office-hours") is None


# ---- fonts ----


def test_every_offered_font_is_shipped_with_czech_subsets_and_licence():
    css = (STATIC / "fonts" / "fonts.css").read_text()
    faces = re.findall(r"@font-face \{[^}]*\}", css)
    assert faces and all("font-display: swap" in f and "unicode-range" in f for f in faces)
    for key, stack in FONT_STACKS.items():
        family = stack.split(",")[0].strip('"')
        if key in ("system", "serif"):
            continue
        assert f'font-family: "{family}"' in css, key
        for face in faces:
            if f'"{family}"' in face:
                path = re.search(r'url\("([^"]+)"\)', face).group(1)
                assert (STATIC / "fonts" / path).is_file(), path
        folder = STATIC / "fonts" / re.search(r'url\("([^/]+)/', css.split(family)[1]).group(1)
        assert (folder / "LICENSE.txt").read_text().count("SIL Open Font License") >= 1
    # latin-ext carries the Czech letters (ř, ů, ě, ...).
    assert "U+0100-02BA" in css


def test_theme_stylesheets_load_nothing_from_other_hosts():
    for css in Path(settings.BASE_DIR, "themes").rglob("*.css"):
        assert not re.search(r"url\(\s*[\"']?(https?:)?//", css.read_text()), css
        assert "@import url(http" not in css.read_text()


def test_print_hides_the_page_tools_and_writes_out_link_targets():
    css = (STATIC / "base.css").read_text()
    print_rules = css[css.index("@media print") :]
    hidden = print_rules.split("{ display: none !important; }")[0]
    for selector in (".header-tools", ".site-nav", ".site-alert__dismiss", ".footer-menu"):
        assert selector in hidden, selector
    assert 'content: " (" attr(href) ")"' in print_rules
    assert "--color-bg: #fff; --color-text: #000;" in print_rules
