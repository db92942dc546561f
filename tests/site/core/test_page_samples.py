"""The sample pages of a town: one of every page type and view, each answering as expected."""

import dataclasses

import pytest

from municipalities.demo.builders import build_demo_town
from municipalities.demo.towns import LHOTA
from radnice.core.page_samples import sample_pages
from radnice.pages.models import StandardPage

pytestmark = pytest.mark.django_db

DEMO_KEYS = [
    "homepage",
    "contacts",
    "contacts_person",
    "contacts_place",
    "board",
    "board_archive",
    "board_filtered",
    "officialnoticepage",
    "news",
    "news_filtered",
    "newspage",
    "events",
    "events_calendar",
    "events_archive",
    "events_filtered",
    "eventpage",
    "landingpage",
    "standardpage",
    "accessibilitystatementpage",
    "budget",
    "budget_sector",
    "budget_paragraph",
    "budget_event",
    "budget_months",
    "budget_invoices",
    "budget_suppliers",
    "budget_comparison",
    "budget_search",
    "search",
    "search_empty",
    "account_login",
    "account_signup",
    "account_password_reset",
    "not_found",
    "citizen_my_office",
    "citizen_organisations",
    "citizen_organisation",
    "citizen_organisation_edit",
    "citizen_organisation_invite",
    "citizen_organisation_create",
    "citizen_delete_account",
]


def test_demo_town_has_a_sample_of_every_page_type_and_view(client):
    town = dataclasses.replace(LHOTA, hostname="lhota.test", editor_username="editor@lhota.test")
    demo_town = build_demo_town(town, 80)
    samples = sample_pages(demo_town)
    assert [sample.key for sample in samples] == DEMO_KEYS
    for sample in samples:
        client.cookies.load(dict(sample.cookies))  # the citizens' own pages: a session
        response = client.get(sample.path, HTTP_HOST="lhota.test")
        assert response.status_code == sample.status, sample
        assert response["Content-Type"].startswith("text/html"), sample
    # Filtered listings really filter; a search finds something or nothing, as labelled.
    by_key = {sample.key: sample for sample in samples}
    for listing in ("board", "news", "events"):
        assert "?" in by_key[f"{listing}_filtered"].path
    found = client.get(by_key["search"].path, HTTP_HOST="lhota.test").content.decode()
    empty = client.get(by_key["search_empty"].path, HTTP_HOST="lhota.test").content.decode()
    assert "Nalezeno 0 výsledků" not in found
    assert "Nalezeno 0 výsledků" in empty

    # Of several pages of a type, the one with the most components stands for the type.
    sample = by_key["standardpage"]
    pages = StandardPage.objects.live().descendant_of(demo_town.site.root_page)
    most = max(len(page.body.raw_data) for page in pages)
    chosen = next(page for page in pages if page.url_path.endswith(sample.path))
    assert len(chosen.body.raw_data) == most


def test_town_without_content_has_home_search_and_404(town_a):
    town = town_a
    assert [sample.key for sample in sample_pages(town)] == [
        "homepage",
        "search",
        "search_empty",
        "account_login",
        "account_signup",
        "account_password_reset",
        "not_found",
    ]
