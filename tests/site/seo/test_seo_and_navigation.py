"""Sitemap, robots.txt, head tags, breadcrumbs and footer menus, per municipality."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Locale

from radnice.navigation.models import FooterLink, FooterMenuSettings
from radnice.seo.jsonld import jsonld_script
from tests.factories import StandardPageFactory

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def about_a(town_a):
    return publish(
        StandardPageFactory(
            parent=town_a.site.root_page,
            title="O obci",
            slug="o-obci",
            teaser="Historie a současnost obce Alfa.",
        )
    )


@pytest.fixture
def history_a(about_a):
    return publish(StandardPageFactory(parent=about_a, title="Historie", slug="historie"))


@pytest.mark.django_db
def test_sitemap_lists_every_language_of_the_town_only(client, town_a, about_a, page_b):
    english = about_a.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title, english.slug = "About", "about"
    publish(english)
    response = client.get("/sitemap.xml", HTTP_HOST="alfa.test")
    assert response.status_code == 200
    urls = {
        node.text for node in ET.fromstring(response.content).findall("sm:url/sm:loc", SITEMAP_NS)
    }
    assert "http://alfa.test/o-obci/" in urls
    assert "http://alfa.test/en/about/" in urls
    assert not any("beta" in url for url in urls)


@pytest.mark.django_db
def test_robots_txt_points_to_the_sites_sitemap(client, town_a):
    response = client.get("/robots.txt", HTTP_HOST="alfa.test")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://alfa.test/sitemap.xml" in body


@pytest.mark.django_db
def test_head_has_canonical_hreflang_and_social_cards(client, about_a):
    english = about_a.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title, english.slug = "About", "about"
    publish(english)
    html = client.get("/o-obci/", HTTP_HOST="alfa.test").content.decode()
    assert '<link rel="canonical" href="http://alfa.test/o-obci/">' in html
    assert '<link rel="alternate" hreflang="cs" href="http://alfa.test/o-obci/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://alfa.test/en/about/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="http://alfa.test/o-obci/">' in html
    assert '<meta property="og:title" content="O obci">' in html
    assert 'content="Historie a současnost obce Alfa."' in html
    assert '<meta name="twitter:card" content="summary">' in html


@pytest.mark.django_db
def test_municipality_is_described_as_government_organization(client, town_a, about_a):
    html = client.get("/o-obci/", HTTP_HOST="alfa.test").content.decode()
    payload = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    document = json.loads(payload.group(1))
    assert document["@type"] == "GovernmentOrganization"
    assert document["name"] == town_a.name
    assert document["identifier"]["value"] == town_a.ico


HOSTILE = "Náves 1 <!--<script> </script><script>alert(1)</script> & spol."


def test_jsonld_script_escapes_what_would_end_or_comment_out_the_script():
    html = jsonld_script({"name": HOSTILE})
    assert html == (
        '<script type="application/ld+json">{"name": "Náves 1 \\u003C!--\\u003Cscript\\u003E '
        "\\u003C/script\\u003E\\u003Cscript\\u003Ealert(1)\\u003C/script\\u003E \\u0026 spol."
        '"}</script>'
    )
    assert json.loads(html.removeprefix('<script type="application/ld+json">')[:-9]) == {
        "name": HOSTILE
    }


@pytest.mark.django_db
def test_hostile_address_cannot_swallow_the_page(client, town_a, about_a):
    town_a.street = HOSTILE
    town_a.postcode = "12345"
    town_a.city = "Alfa"
    town_a.save()
    html = client.get("/o-obci/", HTTP_HOST="alfa.test").content.decode()
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    [document] = [json.loads(s) for s in scripts if "GovernmentOrganization" in s]
    assert document["address"]["streetAddress"] == HOSTILE
    assert "<!--<script>" not in html
    assert "alert(1)</script>" not in html
    assert "<h1>O obci</h1>" in html  # the rest of the page is still there


@pytest.mark.django_db
def test_breadcrumbs_lead_from_home_to_the_current_page(client, town_a, history_a):
    html = client.get("/o-obci/historie/", HTTP_HOST="alfa.test").content.decode()
    nav = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    assert nav.index(town_a.name) < nav.index("O obci") < nav.index("Historie")
    assert '<span aria-current="page">Historie</span>' in nav
    home_html = client.get("/", HTTP_HOST="alfa.test").content.decode()
    assert 'class="breadcrumbs"' not in home_html


@pytest.mark.django_db
def test_footer_menu_is_per_site(client, town_a, town_b, about_a):
    menu = FooterMenuSettings.for_site(town_a.site)
    menu.heading = "Rychlé odkazy"
    menu.links = [
        FooterLink(title="O obci", page=about_a),
        FooterLink(title="Portál občana", url="https://portal.example.cz/"),
    ]
    menu.save()
    html = client.get("/", HTTP_HOST="alfa.test").content.decode()
    assert "Rychlé odkazy" in html
    assert 'href="/o-obci/"' in html and "https://portal.example.cz/" in html
    assert "Portál občana" not in client.get("/", HTTP_HOST="beta.test").content.decode()


def test_footer_link_needs_exactly_one_target():
    with pytest.raises(ValidationError, match="právě jedno"):
        FooterLink(title="Nic").clean()


@pytest.mark.django_db
def test_footer_menu_settings_are_edited_only_for_own_site(client, admin_a, town_a, town_b):
    client.force_login(admin_a)
    own = reverse("wagtailsettings:edit", args=["navigation", "footermenusettings", town_a.site.pk])
    other = reverse(
        "wagtailsettings:edit", args=["navigation", "footermenusettings", town_b.site.pk]
    )
    assert client.get(own, HTTP_HOST="alfa.test").status_code == 200
    assert client.get(other, HTTP_HOST="alfa.test").status_code == 404
