"""The content page types: where each may be created, how each renders, and how an editor
creates a standard page with components in the admin.
"""

import re

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from radnice.home.models import HomePage
from radnice.pages.models import (
    AccessibilityStatementPage,
    LandingPage,
    StandardPage,
    StandardPageRelatedLink,
)
from radnice.pages.queries import accessibility_statement_for
from tests.factories import PersonFactory, StandardPageFactory, make_member
from tests.site.blocks.factories import ImageFactory

from .factories import AccessibilityStatementPageFactory, LandingPageFactory

pytestmark = pytest.mark.django_db


def get(client, town, path):
    response = client.get(path, HTTP_HOST=town.site.hostname)
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser").find("main")


def heading_levels(main):
    return [int(h.name[1]) for h in main.find_all(re.compile(r"^h[1-6]$"))]


def assert_headings_in_order(main):
    levels = heading_levels(main)
    assert levels[0] == 1 and levels.count(1) == 1, levels
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels


# --- where pages may be created ---------------------------------------------------------------


@pytest.fixture
def home(town_a):
    return town_a.site.root_page.specific


def test_standard_page_lives_under_home_landing_and_standard_pages(home):
    landing = LandingPageFactory(parent=home)
    standard = StandardPageFactory(parent=home)
    statement = AccessibilityStatementPageFactory(parent=home)
    assert StandardPage.can_create_at(home)
    assert StandardPage.can_create_at(landing)
    assert StandardPage.can_create_at(standard)
    assert not StandardPage.can_create_at(statement)
    assert not StandardPage.can_create_at(Page.get_first_root_node())


def test_standard_page_holds_standard_pages_but_no_landing_page_statement_or_home(home):
    allowed = set(StandardPage.allowed_subpage_models())
    assert StandardPage in allowed
    assert not allowed & {LandingPage, AccessibilityStatementPage, HomePage}


def test_landing_page_lives_under_home_and_other_landing_pages(home):
    landing = LandingPageFactory(parent=home)
    assert LandingPage.can_create_at(home)
    assert LandingPage.can_create_at(landing)
    assert not LandingPage.can_create_at(StandardPageFactory(parent=home))
    assert not LandingPage.can_create_at(Page.get_first_root_node())


def test_accessibility_statement_is_one_per_home_page_and_has_no_subpages(home):
    assert AccessibilityStatementPage.can_create_at(home)
    assert not AccessibilityStatementPage.can_create_at(LandingPageFactory(parent=home))
    assert not AccessibilityStatementPage.can_create_at(StandardPageFactory(parent=home))
    statement = AccessibilityStatementPageFactory(parent=home)
    assert not AccessibilityStatementPage.can_create_at(home)
    assert AccessibilityStatementPage.allowed_subpage_models() == []
    assert not StandardPage.can_create_at(statement)


def test_home_page_is_only_a_root_of_the_tree(home):
    assert HomePage.can_create_at(Page.get_first_root_node())
    assert not HomePage.can_create_at(home)
    assert not HomePage.can_create_at(LandingPageFactory(parent=home))


# --- standard page -------------------------------------------------------------------------


def test_standard_page_shows_teaser_main_image_components_people_and_links(
    client, town_a, town_b, home
):
    target = StandardPageFactory(parent=home, title="Odpady", slug="odpady")
    page = StandardPageFactory(
        parent=home,
        title="Obecní úřad",
        slug="obecni-urad",
        teaser="Úřední hodiny, kontakty a podatelna.",
        main_image=ImageFactory(title="Budova úřadu"),
        main_image_caption="Budova obecního úřadu",
        body__0__rich_text__value="<p>Úřední hodiny: pondělí a středa.</p>",
        body__1="info_panel",
    )
    ours = PersonFactory(municipality=town_a, first_name="Petra", last_name="Svobodová")
    theirs = PersonFactory(municipality=town_b, first_name="Bedřich", last_name="Betovský")
    page.persons.create(person=ours)
    page.persons.create(person=theirs)
    StandardPageRelatedLink.objects.create(page=page, link_page=target)
    StandardPageRelatedLink.objects.create(
        page=page, link_url="https://www.mvcr.cz/", title="Ministerstvo vnitra"
    )
    page.save_revision().publish()

    main = get(client, town_a, "/obecni-urad/")
    assert main.find("h1").text == "Obecní úřad"
    assert main.find(class_="lead").text == "Úřední hodiny, kontakty a podatelna."
    figure = main.find("figure", class_="main-image")
    assert figure.find("img")["alt"] == "Budova úřadu"
    assert figure.find("figcaption").text == "Budova obecního úřadu"
    assert "Úřední hodiny: pondělí a středa." in main.text
    assert main.find(class_="info-panel")
    people = main.find("section", class_="page-persons")
    assert people.find("h2").text == "Kontakty"
    assert "Petra Svobodová" in people.text
    # A person of another town never shows, however it got onto the page.
    assert "Betovský" not in main.text
    links = main.select("section.page-related li a")
    assert [(a.text, a["href"]) for a in links] == [
        ("Odpady", "/odpady/"),
        ("Ministerstvo vnitra", "https://www.mvcr.cz/"),
    ]
    assert_headings_in_order(main)


def test_related_link_needs_a_page_or_an_address_with_text(home):
    with pytest.raises(ValidationError):
        StandardPageRelatedLink(page=StandardPageFactory(parent=home)).clean()
    with pytest.raises(ValidationError):
        StandardPageRelatedLink(link_url="https://www.mvcr.cz/").clean()
    StandardPageRelatedLink(link_url="https://www.mvcr.cz/", title="MV ČR").clean()


def test_editor_creates_a_standard_page_with_components_in_the_admin(client, town_a, home):
    publisher = make_member(town_a, role="moderator")
    client.force_login(publisher)
    url = reverse("wagtailadmin_pages:add", args=("pages", "standardpage", home.pk))
    assert client.get(url, HTTP_HOST="alfa.test").status_code == 200
    response = client.post(
        url,
        nested_form_data(
            {
                "title": "Svoz odpadu",
                "slug": "svoz-odpadu",
                "teaser": "Kdy se vyváží popelnice.",
                "body": streamfield(
                    [
                        ("rich_text", rich_text("<p>Svoz je každé sudé úterý.</p>")),
                        (
                            "info_panel",
                            {
                                "level": "warning",
                                "heading": "Změna o svátcích",
                                "text": rich_text("<p>O Vánocích se sváží ve středu.</p>"),
                            },
                        ),
                    ]
                ),
                "persons": inline_formset([]),
                "related_links": inline_formset(
                    [{"link_page": "", "link_url": "https://www.mzp.cz/", "title": "MŽP"}]
                ),
                "action-publish": "action-publish",
            }
        ),
        HTTP_HOST="alfa.test",
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = StandardPage.objects.get(slug="svoz-odpadu")
    assert page.live
    assert [block.block_type for block in page.body] == ["rich_text", "info_panel"]
    assert page.body[1].value["heading"] == "Změna o svátcích"
    assert page.related_links.get().locale == page.locale

    main = get(client, town_a, "/svoz-odpadu/")
    assert "Svoz je každé sudé úterý." in main.text
    assert "Upozornění: Změna o svátcích" in " ".join(main.text.split())


# --- landing page --------------------------------------------------------------------------


def test_landing_page_shows_hero_components_and_its_live_subpages_as_tiles(client, town_a, home):
    landing = LandingPageFactory(
        parent=home,
        title="Život v obci",
        slug="zivot-v-obci",
        hero_image=ImageFactory(title="Náves"),
        body__0__rich_text__value="<p>Vítejte v rozcestníku.</p>",
    )
    StandardPageFactory(
        parent=landing, title="Spolky", slug="spolky", main_image=ImageFactory(title="Hasiči")
    )
    StandardPageFactory(parent=landing, title="Poplatky", slug="poplatky")
    StandardPageFactory(parent=landing, title="Rozpracováno", slug="koncept", live=False)
    landing.save_revision().publish()

    main = get(client, town_a, "/zivot-v-obci/")
    assert main.find("h1").text == "Život v obci"
    assert main.find(class_="lead").text.strip() == (
        "Spolky, poplatky, odpady a vše, co se hodí vědět."
    )
    assert main.find("img", class_="hero__image")["alt"] == ""
    assert "Vítejte v rozcestníku." in main.text
    section = main.find("section", class_="landing-children")
    assert section.find("h2").text == "V sekci Život v obci"
    tiles = section.select("article.tile")
    assert [(t.find("a").text, t.find("a")["href"]) for t in tiles] == [
        ("Spolky", "/zivot-v-obci/spolky/"),
        ("Poplatky", "/zivot-v-obci/poplatky/"),
    ]
    assert tiles[0].find("img")
    assert_headings_in_order(main)


# --- accessibility statement ---------------------------------------------------------------


def statement_with_issues(home, **kwargs):
    return AccessibilityStatementPageFactory(
        parent=home,
        non_accessible_content=[
            (
                "item",
                {
                    "reason": "out_of_scope",
                    "title": "Záznamy zastupitelstva z roku 2019 nemají titulky.",
                    "description": None,
                    "alternative": "Zápisy jsou zveřejněny jako text.",
                },
            ),
            (
                "item",
                {
                    "reason": "non_compliance",
                    "title": "Skenované dokumenty PDF nemají textovou vrstvu.",
                    "description": None,
                    "alternative": "",
                },
            ),
        ],
        **kwargs,
    )


def test_accessibility_statement_has_the_parts_the_law_asks_for(client, town_a, home):
    town_a.email, town_a.phone = "podatelna@alfa.test", "+420 321 654 987"
    town_a.save()
    statement_with_issues(home, compliance="partial")

    main = get(client, town_a, "/prohlaseni-o-pristupnosti/")
    text = " ".join(main.text.split())
    assert main.find("h1").text == "Prohlášení o přístupnosti"
    assert [h.text for h in main.find_all("h2")] == [
        "Stav souladu",
        "Nepřístupný obsah",
        "Vypracování tohoto prohlášení",
        "Zpětná vazba a kontaktní údaje",
        "Postupy pro prosazování práva",
    ]
    assert "se zavazuje zpřístupnit své internetové stránky v souladu se zákonem č. 99/2019" in text
    assert "vztahuje na internetové stránky alfa.test" in text
    assert "jsou částečně v souladu se zákonem č. 99/2019 Sb." in text
    # Reasons in the order of the law, each with its items.
    assert [h.text for h in main.find_all("h3")] == [
        "Nesoulad s právními předpisy",
        "Obsah mimo rozsah platných právních předpisů",
    ]
    assert "Přístupná alternativa: Zápisy jsou zveřejněny jako text." in text
    assert "vypracováno dne 15. 1. 2026" in text
    assert "přezkoumáno dne 30. 6. 2026" in text
    assert "Posouzení souladu: vlastní posouzení." in text
    # Without own contacts the statement gives the municipality's.
    assert main.find("a", href="mailto:podatelna@alfa.test")
    assert main.find("a", href="tel:+420321654987")
    assert "Ministerstvo vnitra, odbor eGovernmentu" in text
    assert_headings_in_order(main)


@pytest.mark.parametrize(
    ("compliance", "words"),
    [("full", "jsou plně v souladu"), ("none", "nejsou v souladu")],
)
def test_accessibility_statement_states_its_compliance(client, town_a, home, compliance, words):
    AccessibilityStatementPageFactory(
        parent=home,
        compliance=compliance,
        method="third_party",
        assessor="Přístupný web, z. ú.",
        feedback_email="pristupnost@alfa.test",
    )
    main = get(client, town_a, "/prohlaseni-o-pristupnosti/")
    text = " ".join(main.text.split())
    assert words in text
    assert "Nepřístupný obsah" not in text
    assert "posouzení třetí stranou (Přístupný web, z. ú.)" in text
    assert main.find("a", href="mailto:pristupnost@alfa.test")


def test_review_cannot_predate_the_statement(home):
    import datetime

    statement = AccessibilityStatementPage(
        title="Prohlášení",
        prepared_on=datetime.date(2026, 1, 15),
        reviewed_on=datetime.date(2025, 12, 31),
    )
    with pytest.raises(ValidationError):
        statement.clean()


def test_each_town_finds_its_own_accessibility_statement(town_a, town_b, home, page_a, page_b):
    statement = AccessibilityStatementPageFactory(parent=home)
    assert accessibility_statement_for(page_a).pk == statement.pk
    assert accessibility_statement_for(home).pk == statement.pk
    assert accessibility_statement_for(page_b) is None


@pytest.mark.parametrize(
    "model_name", ["standardpage", "landingpage", "accessibilitystatementpage"]
)
def test_editor_opens_the_form_of_every_content_page_type(client, town_a, home, model_name):
    client.force_login(make_member(town_a))
    url = reverse("wagtailadmin_pages:add", args=("pages", model_name, home.pk))
    response = client.get(url, HTTP_HOST="alfa.test")
    assert response.status_code == 200


def test_editor_opens_the_home_page_form_with_its_top_tasks(client, town_a, home):
    client.force_login(make_member(town_a))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[home.pk]), HTTP_HOST="alfa.test")
    assert response.status_code == 200
    assert 'name="top_tasks-MAX_NUM_FORMS" value="8"' in response.content.decode()


def footer_statement_link(response):
    footer = BeautifulSoup(response.content.decode(), "html.parser").find("footer")
    return footer.find("a", href="/prohlaseni-o-pristupnosti/")


@pytest.mark.parametrize("path", ["/hledat/?q=obec", "/tato-stranka-neexistuje/"])
def test_views_without_a_page_link_the_accessibility_statement_too(client, town_a, home, path):
    AccessibilityStatementPageFactory(parent=home)
    response = client.get(path, HTTP_HOST=town_a.site.hostname)
    assert footer_statement_link(response) is not None


def test_missing_page_answers_404_in_czech_inside_the_site_frame(client, town_a, home):
    response = client.get("/tato-stranka-neexistuje/", HTTP_HOST=town_a.site.hostname)
    assert response.status_code == 404
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.find("html")["lang"] == "cs"
    assert soup.find("main").find("h1").text == "Stránka nenalezena"
    assert soup.find("a", class_="skip-link")["href"] == "#main"
    assert town_a.name in soup.find("footer").text
    search = soup.find("main").find("form", role="search")
    assert search["action"] == "/hledat/"
    assert search.find("label", attrs={"for": "not-found-q"})
    assert soup.find("main").find("a", href="/")


def test_missing_page_of_no_town_answers_plain_404(client, town_a, settings):
    settings.RADNICE_EXTRA_HOSTS = ["health.internal"]  # e.g. a load balancer's health check
    response = client.get("/nic/", HTTP_HOST="health.internal")
    assert response.status_code == 404
    assert response.content.decode() == "Stránka nenalezena."


def test_missing_admin_page_of_no_town_answers_plain_404(client, town_a, settings):
    settings.RADNICE_EXTRA_HOSTS = ["health.internal"]
    client.force_login(make_member(town_a))
    response = client.get("/admin/nic/", HTTP_HOST="health.internal")
    assert response.status_code == 404
