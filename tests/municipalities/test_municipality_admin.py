"""The municipality viewset: operators onboard and edit towns, administrators edit their own."""

import pytest
from django.urls import reverse
from wagtail.models import Site

from municipalities.models import Municipality, MunicipalityRole

from ..factories import SuperuserFactory


def form_data(**overrides):
    data = {
        "name": "Obec Zeta",
        "kind": "obec",
        "ico": "00991236",
        "hostname": "zeta.test",
        "port": "80",
        "theme": "default",
        "languages": ["cs", "en"],
        "administrator_email": "starosta@zeta.test",
    }
    data.update(overrides)
    return data


@pytest.fixture
def operator_client(client, town_a):
    client.force_login(SuperuserFactory())
    return client


@pytest.mark.django_db
def test_operator_onboards_a_municipality_in_the_admin(operator_client):
    response = operator_client.post(
        reverse("municipalities:add"), form_data(), HTTP_HOST="alfa.test"
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    town = Municipality.objects.get(ico="00991236")
    assert town.site.hostname == "zeta.test"
    assert sorted(p.locale.language_code for p in town.root_pages) == ["cs", "en"]
    admin = town.group_for(MunicipalityRole.ADMINISTRATOR).user_set.get()
    assert admin.email == "starosta@zeta.test"


@pytest.mark.django_db
def test_onboarding_form_reports_czech_errors_and_keeps_input(operator_client):
    response = operator_client.post(
        reverse("municipalities:add"),
        form_data(ico="00991237", hostname="alfa.test"),
        HTTP_HOST="alfa.test",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "nemá platnou kontrolní číslici" in body
    assert "už patří jinému webu" in body
    assert 'value="Obec Zeta"' in body
    assert not Site.objects.filter(hostname="zeta.test").exists()


@pytest.mark.django_db
def test_municipal_administrator_cannot_onboard(client, admin_a):
    client.force_login(admin_a)
    response = client.post(reverse("municipalities:add"), form_data(), HTTP_HOST="alfa.test")
    assert response.status_code == 302  # Wagtail's permission-denied redirect
    assert not Municipality.objects.filter(ico="00991236").exists()


@pytest.mark.django_db
def test_municipal_administrator_edits_own_contacts(client, admin_a, town_a):
    client.force_login(admin_a)
    data = {
        "name": town_a.name,
        "kind": town_a.kind,
        "ico": town_a.ico,
        "street": "Náves 12",
        "postcode": "123 45",
        "city": "Alfa",
        "email": "podatelna@alfa.test",
        "phone": "+420 123 456 789",
        "data_box": "abc2def",
        "theme": "default",
        "font": "system",
        "languages": ["en"],
    }
    response = client.post(
        reverse("municipalities:edit", args=[town_a.pk]), data, HTTP_HOST="alfa.test"
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    town_a.refresh_from_db()
    assert (town_a.street, town_a.data_box) == ("Náves 12", "abc2def")
    assert town_a.languages == ["cs", "en"]


@pytest.mark.django_db
def test_edit_form_rejects_bad_data_box_in_czech(client, admin_a, town_a):
    client.force_login(admin_a)
    data = {
        "name": town_a.name,
        "kind": town_a.kind,
        "ico": town_a.ico,
        "data_box": "ABC",
        "theme": "default",
        "font": "system",
        "languages": ["cs"],
    }
    response = client.post(
        reverse("municipalities:edit", args=[town_a.pk]), data, HTTP_HOST="alfa.test"
    )
    assert response.status_code == 200
    assert "ID datové schránky má 7 znaků" in response.content.decode()


@pytest.mark.django_db
def test_editor_cannot_open_municipality_settings(client_a, town_a):
    response = client_a.get(reverse("municipalities:edit", args=[town_a.pk]), HTTP_HOST="alfa.test")
    assert response.status_code == 302  # Wagtail's permission-denied redirect


# --- identity and modules are the operator's ----------------------------------------------


def edit_data(town, **overrides):
    data = {
        "name": town.name,
        "kind": town.kind,
        "ico": town.ico,
        "street": "Náves 12",
        "theme": "default",
        "font": "system",
        "languages": ["cs"],
        "enabled_modules": town.enabled_modules,
    }
    data.update(overrides)
    return data


IDENTITY_CHANGES = {
    "name": "Obec Podvržená",
    "kind": "mesto",
    "ico": "00991236",
    "enabled_modules": ["budget"],
}


@pytest.mark.django_db
def test_municipal_administrator_sees_identity_and_modules_read_only(client, admin_a, town_a):
    client.force_login(admin_a)
    response = client.get(reverse("municipalities:edit", args=[town_a.pk]), HTTP_HOST="alfa.test")
    assert response.status_code == 200
    form = response.context["form"]
    assert [name for name in IDENTITY_CHANGES if form.fields[name].disabled] == list(
        IDENTITY_CHANGES
    )
    assert not form.fields["street"].disabled
    assert "Tento údaj mění jen provozovatel platformy." in response.content.decode()


@pytest.mark.django_db
def test_municipal_administrator_cannot_change_identity_or_modules_by_post(client, admin_a, town_a):
    client.force_login(admin_a)
    before = {name: getattr(town_a, name) for name in IDENTITY_CHANGES}
    response = client.post(
        reverse("municipalities:edit", args=[town_a.pk]),
        edit_data(town_a, **IDENTITY_CHANGES),
        HTTP_HOST="alfa.test",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    town_a.refresh_from_db()
    assert {name: getattr(town_a, name) for name in IDENTITY_CHANGES} == before
    assert town_a.street == "Náves 12"


@pytest.mark.django_db
def test_operator_changes_identity_and_modules(operator_client, town_a):
    response = operator_client.post(
        reverse("municipalities:edit", args=[town_a.pk]),
        edit_data(town_a, **IDENTITY_CHANGES),
        HTTP_HOST="alfa.test",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    town_a.refresh_from_db()
    assert {name: getattr(town_a, name) for name in IDENTITY_CHANGES} == IDENTITY_CHANGES
