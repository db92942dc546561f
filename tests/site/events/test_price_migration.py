"""events 0005: the admission moves from Decimal crowns to hellers, in the page, its revisions
and its translation source alike, and back."""

import datetime
import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone

from radnice.events.models import EventIndexPage, EventPage
from tests.factories import make_municipality, restore_migration_data

from .factories import EventPageFactory, timed

BEFORE = [("events", "0004_eventtype_taxonomy")]
AFTER = [("events", "0005_price_in_hellers")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def latest():
    graph = MigrationExecutor(connection).loader.graph
    return graph.leaf_nodes("events")


def price_column(page):
    with connection.cursor() as cursor:
        cursor.execute("SELECT price FROM events_eventpage WHERE page_ptr_id = %s", [page.pk])
        return cursor.fetchone()[0]


def revision_price(page):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT content FROM wagtailcore_revision WHERE id = %s", [page.latest_revision_id]
        )
        content = cursor.fetchone()[0]
    content = json.loads(content) if isinstance(content, str) else content
    return content["price"]


@pytest.mark.django_db(transaction=True)
def test_prices_in_crowns_become_hellers_and_back():
    restore_migration_data()
    town = make_municipality("Obec Vstupné", "vstupne.test")
    home = town.site.root_page.specific
    index = home.add_child(instance=EventIndexPage(title="Akce", slug="akce"))
    day = timezone.localdate() + datetime.timedelta(days=5)
    concert = EventPageFactory(
        parent=index, title="Koncert", slug="koncert", dates=[timed(day, 18)], price=123450
    )
    concert.save_revision().publish()
    free = EventPageFactory(parent=index, title="Výstava", slug="vystava", dates=[timed(day, 9)])
    free.save_revision().publish()
    try:
        migrate(BEFORE)
        assert str(price_column(concert)) in ("1234.50", "1234.5")
        assert price_column(free) is None
        assert revision_price(concert) == "1234.50"
        migrate(AFTER)
        assert price_column(concert) == 123450
        assert price_column(free) is None
        assert revision_price(concert) == 123450
    finally:
        migrate(latest())

    concert = EventPage.objects.get(pk=concert.pk)
    assert concert.price == 123450
    assert concert.latest_revision.as_object().price == 123450
    response = Client().get("/akce/koncert/", HTTP_HOST="vstupne.test")
    assert response.status_code == 200
    assert "1\u00a0234,50\u00a0Kč" in response.content.decode()
