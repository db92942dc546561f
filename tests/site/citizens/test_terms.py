"""The sign-up consent links the town's terms page (slug "podminky-uctu"), only the town's."""

from radnice.citizens.terms import TERMS_SLUG
from tests.factories import StandardPageFactory, site_path

from .test_accounts import ALFA, BETA


def terms_of(town, title):
    return StandardPageFactory(parent=town.site.root_page, title=title, slug=TERMS_SLUG)


def test_the_consent_links_the_towns_terms(client, town_a, town_b):
    page_a = terms_of(town_a, "Podmínky účtu v Alfě")
    terms_of(town_b, "Podmínky účtu v Betě")
    html = client.get("/ucet/signup/", HTTP_HOST=ALFA).content.decode()
    assert (
        f'Podmínky najdete na stránce <a href="{site_path(page_a)}">Podmínky účtu v Alfě</a>.'
        in html
    )
    assert 'aria-describedby="id_terms_helptext"' in html
    assert "v Betě" not in html


def test_without_a_terms_page_the_consent_has_no_link(client, town_a, town_b):
    terms_of(town_b, "Podmínky účtu v Betě")
    html = client.get("/ucet/signup/", HTTP_HOST=ALFA).content.decode()
    assert "Podmínky najdete" not in html
    assert "Souhlasím s podmínkami používání účtu" in html
    assert "v Betě" not in html


def test_a_draft_terms_page_is_not_linked(client, town_a):
    page = terms_of(town_a, "Podmínky účtu v Alfě")
    page.unpublish()
    html = client.get("/ucet/signup/", HTTP_HOST=ALFA).content.decode()
    assert "Podmínky najdete" not in html
    assert BETA not in html
