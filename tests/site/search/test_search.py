"""/hledat/: the current municipality's content, found without diacritics, highlighted."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from radnice.core.collation import fold
from radnice.search.text import excerpt, highlight
from tests.factories import StandardPageFactory

ROOT = Path(__file__).resolve().parents[3]


def publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def resolution_a(town_a):
    return publish(
        StandardPageFactory(
            parent=town_a.site.root_page,
            title="Usnesení zastupitelstva č. 5/2026",
            teaser="Řádné zasedání zastupitelstva obce schválilo rozpočet.",
            slug="usneseni-5-2026",
        )
    )


@pytest.fixture
def resolution_b(town_b):
    return publish(
        StandardPageFactory(
            parent=town_b.site.root_page,
            title="Usnesení rady města Beta",
            teaser="Rada města Beta.",
            slug="usneseni-beta",
        )
    )


def link_from_published_page(town, *documents):
    """Documents are public (and found) once something published links to them."""
    links = "".join(
        f'<p><a linktype="document" id="{document.pk}">Příloha</a></p>' for document in documents
    )
    return publish(
        StandardPageFactory(
            parent=town.site.root_page,
            title="Přílohy",
            slug=f"prilohy-{documents[0].pk}",
            body__0__rich_text__value=links,
        )
    )


def search(client, host, **params):
    return client.get("/hledat/", params, HTTP_HOST=host)


def test_fold_keeps_length_and_strips_diacritics():
    assert fold("Usnesení ŘÍJEN Ůčet") == "usneseni rijen ucet"
    assert len(fold("Žluťoučký kůň")) == len("Žluťoučký kůň")


def test_highlight_marks_matches_regardless_of_diacritics_and_escapes_html():
    html = highlight("Usnesení <b>rady</b>", "usneseni")
    assert html == "<mark>Usnesení</mark> &lt;b&gt;rady&lt;/b&gt;"
    assert highlight("Rozpočet obce", "ROZPOCET obce") == "<mark>Rozpočet</mark> <mark>obce</mark>"


def test_excerpt_centres_on_the_first_match():
    text = "slovo " * 100 + "Usnesení" + " slovo" * 100
    snippet = excerpt(text, "usneseni", length=80)
    assert "Usnesení" in snippet and snippet.startswith("…") and snippet.endswith("…")


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["usneseni", "Usnesení", "USNESENI", "radne zasedani"])
def test_search_is_case_and_diacritics_insensitive(client, resolution_a, query):
    response = search(client, "alfa.test", q=query)
    assert response.status_code == 200
    assert "Usnesení zastupitelstva č. 5/2026" in response.content.decode().replace(
        "<mark>", ""
    ).replace("</mark>", "")


@pytest.mark.django_db
def test_search_shows_only_the_current_municipality(client, resolution_a, resolution_b):
    body = search(client, "alfa.test", q="usneseni").content.decode()
    assert "zastupitelstva" in body
    assert "Beta" not in body.replace("Město Beta", "")
    body_b = search(client, "beta.test", q="usneseni").content.decode()
    assert "rady města Beta" in body_b
    assert "zastupitelstva č. 5" not in body_b


@pytest.mark.django_db
def test_matches_are_highlighted(client, resolution_a):
    body = search(client, "alfa.test", q="usneseni").content.decode()
    assert "<mark>Usnesení</mark> zastupitelstva" in body


@pytest.mark.django_db
def test_documents_of_the_municipality_are_found_by_title(client, town_a, town_b):
    Document = get_document_model()
    own = Document.objects.create(
        title="Příloha k usnesení – rozpočet 2026",
        file=ContentFile(b"%PDF-1.4", name="rozpocet.pdf"),
        collection=town_a.collection,
    )
    other = Document.objects.create(
        title="Příloha k usnesení Bety",
        file=ContentFile(b"%PDF-1.4", name="beta.pdf"),
        collection=town_b.collection,
    )
    link_from_published_page(town_a, own)
    link_from_published_page(town_b, other)
    body = search(client, "alfa.test", q="priloha usneseni").content.decode()
    assert "rozpočet 2026" in body
    assert "Bety" not in body


@pytest.mark.django_db
def test_documents_nothing_published_links_to_are_not_found(client, town_a):
    """As at /documents/ (radnice.core.documents): an upload linked from nothing published,
    or only from a draft, is not public, so search does not show its title either."""
    Document = get_document_model()
    linked = Document.objects.create(
        title="Příloha k usnesení – veřejná",
        file=ContentFile(b"%PDF-1.4", name="verejna.pdf"),
        collection=town_a.collection,
    )
    Document.objects.create(
        title="Příloha k usnesení – nahraná",
        file=ContentFile(b"%PDF-1.4", name="nahrana.pdf"),
        collection=town_a.collection,
    )
    in_draft = Document.objects.create(
        title="Příloha k usnesení – v konceptu",
        file=ContentFile(b"%PDF-1.4", name="koncept.pdf"),
        collection=town_a.collection,
    )
    link_from_published_page(town_a, linked)
    draft = StandardPageFactory(
        parent=town_a.site.root_page,
        title="Koncept",
        slug="koncept",
        live=False,
        body__0__rich_text__value=f'<p><a linktype="document" id="{in_draft.pk}">x</a></p>',
    )
    draft.save_revision()
    body = search(client, "alfa.test", q="priloha usneseni").content.decode()
    assert "veřejná" in body
    assert "nahraná" not in body
    assert "v konceptu" not in body


@pytest.mark.django_db
def test_facets_by_content_type_with_counts_and_filtering(client, town_a, resolution_a):
    attachment = get_document_model().objects.create(
        title="Usnesení – příloha",
        file=ContentFile(b"%PDF-1.4", name="priloha.pdf"),
        collection=town_a.collection,
    )
    link_from_published_page(town_a, attachment)
    response = search(client, "alfa.test", q="usneseni")
    facets = {option.value: option.count for option in response.context["facets"]}
    assert facets == {"standardpage": 1, "dokumenty": 1}
    filtered = search(client, "alfa.test", q="usneseni", typ="dokumenty")
    assert filtered.context["total"] == 1
    assert "příloha" in filtered.content.decode()


@pytest.mark.django_db
def test_results_are_paginated(client, town_a):
    for number in range(25):
        publish(
            StandardPageFactory(
                parent=town_a.site.root_page,
                title=f"Veřejná vyhláška {number}",
                slug=f"vyhlaska-{number}",
            )
        )
    first = search(client, "alfa.test", q="vyhlaska")
    assert first.context["total"] == 25
    assert len(first.context["results"]) == 20
    second = search(client, "alfa.test", q="vyhlaska", strana=2)
    assert len(second.context["results"]) == 5
    assert 'href="?q=vyhlaska&amp;strana=1" rel="prev"' in second.content.decode()


@pytest.mark.django_db
def test_old_query_words_redirect_permanently_to_the_czech_ones(client, town_a):
    response = search(client, "alfa.test", q="vyhlaska", page=2)
    assert response.status_code == 301
    assert response["Location"] == "/hledat/?q=vyhlaska&strana=2"


@pytest.mark.django_db
@pytest.mark.django_db
@pytest.mark.parametrize("query", ['"usnesení"', '"usnesení zastupitelstva"', 'usnesení"'])
def test_quotes_around_words_are_ignored(client, resolution_a, query):
    response = search(client, "alfa.test", q=query)
    assert response.status_code == 200
    assert "Nalezen 1 výsledek" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("query", ['"', "'\"`", '""'])
def test_a_query_of_quotes_finds_nothing(client, resolution_a, query):
    response = search(client, "alfa.test", q=query)
    assert response.status_code == 200
    assert "Usnesení zastupitelstva" not in response.content.decode()


def test_empty_query_shows_the_form_only(client, town_a):
    response = search(client, "alfa.test")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()
    assert response.context["results"] is None


def test_elasticsearch_backend_folds_diacritics_without_a_server():
    code = (
        "import json;"
        "from wagtail.search.backends import get_search_backend;"
        "b = get_search_backend('default');"
        "print(json.dumps({'class': type(b).__module__,"
        " 'analysis': b.settings['settings']['analysis']['analyzer']}))"
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    env.update({"DEBUG": "1", "ELASTICSEARCH_URL": "http://127.0.0.1:9", "RADNICE_TESTING": "0"})
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    config = json.loads(result.stdout.strip().splitlines()[-1])
    assert config["class"].endswith("elasticsearch8")
    for analyzer in ("default", "default_search"):
        assert "asciifolding" in config["analysis"][analyzer]["filter"]
        assert "lowercase" in config["analysis"][analyzer]["filter"]


@pytest.mark.django_db
def test_withheld_board_attachments_are_not_found(client, town_a):
    from datetime import timedelta

    from django.utils import timezone

    from tests.site.board.factories import (
        NoticeAttachmentFactory,
        OfficialBoardIndexPageFactory,
        OfficialNoticePageFactory,
    )

    board = OfficialBoardIndexPageFactory(parent=town_a.site.root_page)
    today = timezone.localdate()
    for title, personal in [("Rozhodnutí o přestupku", True), ("Rozhodnutí o dotaci", False)]:
        notice = OfficialNoticePageFactory(
            parent=board,
            date_posted=today - timedelta(days=40),
            date_taken_down=today - timedelta(days=20),
            contains_personal_data=personal,
        )
        NoticeAttachmentFactory(
            notice=notice, document__title=title, document__collection=town_a.collection
        )
    body = search(client, "alfa.test", q="rozhodnuti").content.decode()
    assert "o dotaci" in body
    assert "přestupku" not in body


@pytest.mark.django_db
def test_results_page_query_count_does_not_grow_with_results(client, town_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(n):
        for number in range(n):
            publish(
                StandardPageFactory(
                    parent=town_a.site.root_page,
                    title=f"Oznámení o uzavírce {n}-{number}",
                    slug=f"uzavirka-{n}-{number}",
                )
            )
        search(client, "alfa.test", q=f"uzavirce {n}")  # warm the site and session caches
        with CaptureQueriesContext(connection) as queries:
            response = search(client, "alfa.test", q=f"uzavirce {n}")
        assert response.context["total"] == n
        return len(queries)

    assert count(2) == count(15)
