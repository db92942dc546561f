"""Alerts in the admin: scoped to the editor's town; editors prepare drafts, moderators publish;
the form explains mistakes in Czech and accepts only pages of the alert's own town."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from municipalities.models import MunicipalityRole
from radnice.alerts.models import Alert

from ...admin_urls import single_object_url_names
from ...factories import StandardPageFactory, make_member
from .factories import AlertFactory

pytestmark = pytest.mark.django_db

MARKER = "quokka"


def admin_get(client, url, **params):
    return client.get(url, params, HTTP_HOST="alfa.test")


def admin_post(client, url, data):
    return client.post(url, data, HTTP_HOST="alfa.test")


def assert_hidden(response):
    assert MARKER not in response.content.decode().lower()


@pytest.fixture
def alert_a(town_a):
    return AlertFactory(municipality=town_a, title="Svoz odpadu Alfy")


@pytest.fixture
def alert_b(town_b):
    return AlertFactory(municipality=town_b, title=f"Uzavírka {MARKER}")


@pytest.fixture
def moderator_client(client, town_a):
    client.force_login(make_member(town_a, MunicipalityRole.MODERATOR))
    return client


def form_data(town, **fields):
    data = {
        "municipality": town.pk,
        "title": "Uzavírka Masarykova náměstí",
        "level": "warning",
        "message": rich_text("<p>Od 1. do 15. 12.</p>"),
        "link_url": "",
        "link_label": "",
        "starts_at": "01.12.2026 08:00",
        "ends_at": "15.12.2026 18:00",
        "dismissal": "7",
        "show_everywhere": "on",
        "page_targets": inline_formset([]),
    }
    data.update(fields)
    return nested_form_data({k: v for k, v in data.items() if v is not None})


ADD_URL = "wagtailsnippets_alerts_alert:add"


# --- isolation ----------------------------------------------------------------------------


def test_listing_shows_only_own_towns_alerts(client_a, alert_a, alert_b):
    response = admin_get(client_a, reverse("wagtailsnippets_alerts_alert:list"))
    assert response.status_code == 200
    assert "Svoz odpadu Alfy" in response.content.decode()
    assert_hidden(response)


@pytest.mark.parametrize("action", single_object_url_names("wagtailsnippets_alerts_alert"))
def test_guessed_ids_of_other_towns_alerts_answer_404(client_a, alert_b, action):
    alert_b.save_revision().publish()
    url = reverse(f"wagtailsnippets_alerts_alert:{action}", args=[alert_b.pk])
    assert admin_get(client_a, url).status_code == 404


def test_alert_views_taking_one_id_are_found():
    expected = {"edit", "delete", "history", "usage", "copy", "unpublish"}
    assert expected <= set(single_object_url_names("wagtailsnippets_alerts_alert"))


def test_revision_views_of_other_towns_alerts_answer_404(client_a, alert_b):
    first = alert_b.save_revision()
    first.publish()
    second = alert_b.save_revision()
    urls = [
        reverse("wagtailsnippets_alerts_alert:revisions_revert", args=[alert_b.pk, first.pk]),
        reverse("wagtailsnippets_alerts_alert:revisions_unschedule", args=[alert_b.pk, first.pk]),
        reverse(
            "wagtailsnippets_alerts_alert:revisions_compare",
            kwargs={"pk": alert_b.pk, "revision_id_a": first.pk, "revision_id_b": second.pk},
        ),
    ]
    for url in urls:
        assert admin_get(client_a, url).status_code == 404, url


def test_own_alert_opens_for_editing(client_a, alert_a):
    url = reverse("wagtailsnippets_alerts_alert:edit", args=[alert_a.pk])
    response = admin_get(client_a, url)
    assert response.status_code == 200
    assert "Svoz odpadu Alfy" in response.content.decode()


def test_chooser_offers_only_own_alerts(client_a, alert_a, alert_b):
    response = admin_get(client_a, reverse("wagtailsnippetchoosers_alerts_alert:choose"))
    assert response.status_code == 200
    assert "Svoz odpadu Alfy" in response.content.decode()
    assert_hidden(response)
    chosen = reverse("wagtailsnippetchoosers_alerts_alert:chosen", args=[alert_b.pk])
    assert admin_get(client_a, chosen).status_code == 404


def test_cannot_create_an_alert_for_another_town(client_a, town_b):
    response = admin_post(client_a, reverse(ADD_URL), form_data(town_b))
    assert response.status_code == 200
    assert not Alert.objects.exists()


# --- drafts and publishing ----------------------------------------------------------------


def test_editor_saves_a_draft_and_cannot_publish(client_a, town_a):
    response = admin_post(client_a, reverse(ADD_URL), form_data(town_a))
    assert response.status_code == 302
    alert = Alert.objects.get()
    assert not alert.live
    published = admin_post(
        client_a,
        reverse("wagtailsnippets_alerts_alert:edit", args=[alert.pk]),
        {**form_data(town_a), "action-publish": "publish"},
    )
    assert published.status_code == 302  # saved as a draft: publishing is not offered
    alert.refresh_from_db()
    assert not alert.live


def test_moderator_publishes(moderator_client, town_a):
    response = admin_post(
        moderator_client, reverse(ADD_URL), {**form_data(town_a), "action-publish": "publish"}
    )
    assert response.status_code == 302
    alert = Alert.objects.get()
    assert alert.live
    assert alert.level == "warning" and alert.dismissal == "7"


# --- validation in Czech ------------------------------------------------------------------


def test_end_before_start_is_refused_in_czech(client_a, town_a):
    data = form_data(town_a, starts_at="15.12.2026 08:00", ends_at="01.12.2026 08:00")
    response = admin_post(client_a, reverse(ADD_URL), data)
    assert response.status_code == 200
    assert "Konec zobrazení musí být později než jeho začátek." in response.content.decode()
    assert not Alert.objects.exists()


def test_alert_for_chosen_pages_needs_a_page(client_a, town_a):
    data = form_data(town_a, show_everywhere=None)
    response = admin_post(client_a, reverse(ADD_URL), data)
    assert response.status_code == 200
    assert (
        "Vyberte alespoň jednu stránku, nebo zobrazte upozornění na celém webu."
        in response.content.decode()
    )
    assert not Alert.objects.exists()


def test_alert_on_own_page(client_a, town_a, page_a):
    data = form_data(
        town_a,
        show_everywhere=None,
        page_targets=inline_formset([{"page": page_a.pk, "include_subpages": "on"}]),
    )
    response = admin_post(client_a, reverse(ADD_URL), data)
    assert response.status_code == 302
    alert = Alert.objects.get()
    revision = alert.get_latest_revision_as_object()
    assert [(t.page_id, t.include_subpages) for t in revision.page_targets.all()] == [
        (page_a.pk, True)
    ]


def test_page_of_another_town_is_refused(client_a, town_a, town_b):
    page_b = StandardPageFactory(parent=town_b.site.root_page, title=f"Stránka {MARKER}")
    data = form_data(
        town_a, show_everywhere=None, page_targets=inline_formset([{"page": page_b.pk}])
    )
    response = admin_post(client_a, reverse(ADD_URL), data)
    assert response.status_code == 200
    assert not Alert.objects.exists()
    assert_hidden(response)


def test_operator_cannot_target_a_page_of_another_town_either(client, town_a, town_b):
    from ...factories import SuperuserFactory

    client.force_login(SuperuserFactory())
    page_b = StandardPageFactory(parent=town_b.site.root_page, title="Stránka Bety")
    data = form_data(
        town_a, show_everywhere=None, page_targets=inline_formset([{"page": page_b.pk}])
    )
    response = admin_post(client, reverse(ADD_URL), data)
    assert response.status_code == 200
    assert "Vybraný záznam neexistuje nebo patří jiné obci." in response.content.decode()


# --- the admin search -----------------------------------------------------------------------


@pytest.mark.parametrize("role", list(MunicipalityRole))
def test_staff_of_every_role_searches_own_towns_alerts(client, alert_a, alert_b, role):
    AlertFactory(municipality=alert_b.municipality, title=f"Svoz {MARKER}")
    client.force_login(make_member(alert_a.municipality, role))
    response = admin_get(client, reverse("wagtailsnippets_alerts_alert:list"), q="Svoz")
    assert response.status_code == 200
    assert "Svoz odpadu Alfy" in response.content.decode()
    assert_hidden(response)
