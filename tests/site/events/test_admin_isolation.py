"""An editor of town A must not list, open, edit or choose town B's event types."""

import datetime

import pytest
from django.urls import reverse

from radnice.events.models import EventType

from ...admin_urls import single_object_url_names
from .factories import EventPageFactory, EventTypeFactory, timed

pytestmark = pytest.mark.django_db

MARKER = "quokka"


@pytest.fixture
def type_a(town_a):
    return EventTypeFactory(municipality=town_a, name="Divadlo Alfy", slug="divadlo")


@pytest.fixture
def type_b(town_b):
    return EventTypeFactory(municipality=town_b, name=f"Tajný {MARKER}", slug="tajny")


def admin_get(client, url, **params):
    return client.get(url, params, HTTP_HOST="alfa.test")


def assert_hidden(response):
    assert MARKER not in response.content.decode().lower()


def test_editor_lists_only_own_event_types(client_a, type_a, type_b):
    response = admin_get(client_a, reverse("wagtailsnippets_events_eventtype:list"))
    assert response.status_code == 200
    assert "Divadlo Alfy" in response.content.decode()
    assert_hidden(response)
    assert_hidden(admin_get(client_a, reverse("wagtailsnippets_events_eventtype:list"), q="Tajný"))


@pytest.mark.parametrize("action", single_object_url_names("wagtailsnippets_events_eventtype"))
def test_guessed_ids_of_other_towns_types_answer_404(client_a, type_a, type_b, action):
    url = reverse(f"wagtailsnippets_events_eventtype:{action}", args=[type_b.pk])
    assert admin_get(client_a, url).status_code == 404


@pytest.mark.parametrize("action", ["edit", "delete", "history", "usage", "copy"])
def test_own_types_open_in_every_view(client_a, type_a, action):
    own = reverse(f"wagtailsnippets_events_eventtype:{action}", args=[type_a.pk])
    assert admin_get(client_a, own).status_code == 200


def test_editor_cannot_post_to_other_towns_type(client_a, type_b):
    url = reverse("wagtailsnippets_events_eventtype:edit", args=[type_b.pk])
    response = client_a.post(url, {"name": "Přepsáno", "slug": "prepsano"}, HTTP_HOST="alfa.test")
    assert response.status_code == 404
    type_b.refresh_from_db()
    assert type_b.name == f"Tajný {MARKER}"


def test_editor_cannot_create_type_for_other_town(client_a, town_a, town_b):
    response = client_a.post(
        reverse("wagtailsnippets_events_eventtype:add"),
        {"municipality": town_b.pk, "name": "Vetřelec", "slug": "vetrelec"},
        HTTP_HOST="alfa.test",
    )
    assert response.status_code == 200  # the form again, with an error
    assert not EventType.objects.filter(name="Vetřelec").exists()
    client_a.post(
        reverse("wagtailsnippets_events_eventtype:add"),
        {"municipality": town_a.pk, "name": "Přednášky", "slug": ""},
        HTTP_HOST="alfa.test",
    )
    assert EventType.objects.get(name="Přednášky").municipality == town_a


def test_chooser_offers_only_own_types(client_a, type_a, type_b):
    choose = admin_get(client_a, reverse("wagtailsnippetchoosers_events_eventtype:choose"))
    assert choose.status_code == 200
    assert "Divadlo Alfy" in choose.content.decode()
    assert_hidden(choose)
    results = admin_get(
        client_a, reverse("wagtailsnippetchoosers_events_eventtype:choose_results"), q="Tajný"
    )
    assert_hidden(results)
    chosen = reverse("wagtailsnippetchoosers_events_eventtype:chosen", args=[type_b.pk])
    assert admin_get(client_a, chosen).status_code == 404


def test_event_page_form_offers_only_own_types(client_a, index_a, type_a, type_b):
    add = reverse("wagtailadmin_pages:add", args=["events", "eventpage", index_a.pk])
    response = admin_get(client_a, add)
    assert response.status_code == 200
    assert "Divadlo Alfy" in response.content.decode()
    assert_hidden(response)
    event = EventPageFactory(parent=index_a, dates=[timed(datetime.date(2026, 11, 5), 9)])
    edit = admin_get(client_a, reverse("wagtailadmin_pages:edit", args=[event.pk]))
    assert edit.status_code == 200
    assert "Divadlo Alfy" in edit.content.decode()
    assert_hidden(edit)


def test_event_form_accepts_only_own_types(editor_a, index_a, type_a, type_b):
    from radnice.events.models import EventPage

    form_class = EventPage.get_edit_handler().get_form_class()
    form = form_class(parent_page=index_a, for_user=editor_a)
    assert list(form.fields["types"].queryset) == [type_a]
