"""The data migration of ``body``: rich text of existing pages (and of their revisions) becomes
one "text" block of the component library, and going back restores the rich text.
"""

import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from wagtail.rich_text import RichText

from radnice.blocks.conversion import html_to_stream_data, stream_data_to_html
from radnice.home.models import HomePage
from radnice.pages.models import StandardPage
from tests.factories import StandardPageFactory, make_municipality, restore_migration_data

BEFORE = [("pages", "0001_initial"), ("home", "0002_remove_wagtail_welcome_page")]
HTML_FIELD_APPS = ("pages", "home")
HTML = "<p>Svoz odpadu je každé <b>sudé</b> úterý.</p><h2>Sběrné místo</h2><p>U hasičárny.</p>"


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def latest_migrations():
    """The newest migration of each app (later migrations must not undo the conversion)."""
    graph = MigrationExecutor(connection).loader.graph
    return [node for app in HTML_FIELD_APPS for node in graph.leaf_nodes(app)]


def column(table, name, pk, key="page_ptr_id"):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {name} FROM {table} WHERE {key} = %s", [pk])
        return cursor.fetchone()[0]


def revision_body(page):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT content FROM wagtailcore_revision WHERE id = %s", [page.latest_revision_id]
        )
        content = cursor.fetchone()[0]
    content = json.loads(content) if isinstance(content, str) else content
    return content["body"]


def test_conversion_keeps_html_in_one_text_block_and_back():
    data = html_to_stream_data(HTML, key="pages.standardpage:7")
    assert data == [{"type": "rich_text", "value": HTML, "id": data[0]["id"]}]
    assert data[0]["id"] == html_to_stream_data(HTML, key="pages.standardpage:7")[0]["id"]
    assert html_to_stream_data("") == []
    assert stream_data_to_html(data) == HTML
    mixed = [*data, {"type": "quote", "value": {"quote": "Citace"}, "id": "x"}, *data]
    assert stream_data_to_html(json.dumps(mixed)) == HTML + HTML


@pytest.mark.django_db(transaction=True)
def test_existing_rich_text_bodies_become_a_text_block_and_back():
    restore_migration_data()
    town = make_municipality("Obec Migrace", "migrace.test")
    home = town.site.root_page.specific
    home.body = [("rich_text", RichText("<p>Vítejte!</p>"))]
    home.save_revision().publish()
    page = StandardPageFactory(parent=home, title="Odpady", body__0__rich_text__value=HTML)
    page.save_revision().publish()
    empty = StandardPageFactory(parent=home, title="Prázdná")
    try:
        # Back to the rich-text field: the text block is the page's HTML again.
        migrate(BEFORE)
        assert column("pages_standardpage", "body", page.pk) == HTML
        assert column("pages_standardpage", "body", empty.pk) == ""
        assert column("home_homepage", "body", home.pk) == "<p>Vítejte!</p>"
        assert revision_body(page) == HTML

        # Forward again: each rich text becomes exactly one "text" block, revisions too.
        migrate(latest_migrations())
    finally:
        migrate(latest_migrations())

    page = StandardPage.objects.get(pk=page.pk)
    assert [(block.block_type, block.value.source) for block in page.body] == [("rich_text", HTML)]
    assert len(StandardPage.objects.get(pk=empty.pk).body) == 0
    home = HomePage.objects.get(pk=home.pk)
    assert [(block.block_type, block.value.source) for block in home.body] == [
        ("rich_text", "<p>Vítejte!</p>")
    ]
    revision = page.latest_revision.as_object()
    assert [(block.block_type, block.value.source) for block in revision.body] == [
        ("rich_text", HTML)
    ]
    # The page and its revision share the block's id.
    assert revision.body[0].id == page.body[0].id
    response = Client().get("/odpady/", HTTP_HOST="migrace.test")
    assert "U hasičárny." in response.content.decode()
