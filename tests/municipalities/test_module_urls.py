"""Stable module URLs outside pages (municipalities.module_urls), exercised with a module
registered for these tests only (tests/municipalities/trial_module_urls.py)."""

import importlib

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import Client
from django.urls import NoReverseMatch, clear_url_caches, set_urlconf
from wagtail.models import Page

from municipalities import registry
from municipalities.module_urls import module_path, module_url
from radnice.pages.models import StandardPage
from tests.factories import PersonFactory

from .trial_module_urls import MODULE_NAME

pytestmark = pytest.mark.django_db


def reload_urlconf():
    importlib.reload(importlib.import_module(settings.ROOT_URLCONF))
    clear_url_caches()
    set_urlconf(None)


@pytest.fixture
def trial_module():
    """The module, registered and mounted for one test; the real URLconf again after it."""
    module = registry.Module(
        name=MODULE_NAME,
        label="Zkušební modul",
        icon="cog",
        app_label="municipalities",
        urls="tests.municipalities.trial_module_urls",
    )
    saved = dict(registry._modules)
    registry._modules[MODULE_NAME] = module
    reload_urlconf()
    yield module
    registry._modules.clear()
    registry._modules.update(saved)
    reload_urlconf()


def switch(town, on):
    town.enabled_modules = [MODULE_NAME] if on else []
    town.save()


@pytest.fixture
def record_a(town_a):
    return PersonFactory(municipality=town_a, last_name="Nováková")


def test_the_url_resolves_on_the_towns_host(client, trial_module, town_a, record_a):
    switch(town_a, on=True)
    path = module_path(MODULE_NAME, "record", record_a.pk)
    assert path == f"/moduly/{MODULE_NAME}/zaznam/{record_a.pk}/"
    response = client.get(path, HTTP_HOST="alfa.test")
    assert response.status_code == 200
    assert response.content.decode().splitlines()[0] == "Nováková"
    # and in English, under the language's prefix
    response = client.get(f"/en{path}", HTTP_HOST="alfa.test")
    assert response.status_code == 200


def test_a_module_switched_off_answers_404_except_its_callbacks(
    client, trial_module, town_a, record_a
):
    switch(town_a, on=False)
    record = module_path(MODULE_NAME, "record", record_a.pk)
    notification = module_path(MODULE_NAME, "notification")
    assert client.get(record, HTTP_HOST="alfa.test").status_code == 404
    response = client.post(notification, HTTP_HOST="alfa.test")
    assert response.status_code == 200
    assert response.content.decode() == "přijato pro Obec Alfa"
    # the callback keeps its own rules (POST only) and reaches the view's CSRF exemption
    assert client.get(notification, HTTP_HOST="alfa.test").status_code == 405
    switch(town_a, on=True)
    assert client.get(record, HTTP_HOST="alfa.test").status_code == 200


def test_the_callback_needs_no_csrf_token(trial_module, town_a):
    client = Client(enforce_csrf_checks=True)
    response = client.post(module_path(MODULE_NAME, "notification"), HTTP_HOST="alfa.test")
    assert response.status_code == 200


def test_the_url_stays_when_an_editor_moves_a_page(client, trial_module, town_a, record_a):
    switch(town_a, on=True)
    root = Page.objects.get(pk=town_a.site.root_page_id)
    section = root.add_child(instance=StandardPage(title="Služby", slug="sluzby"))
    payments = root.add_child(instance=StandardPage(title="Platby", slug="platby"))
    before = module_url(town_a, MODULE_NAME, "record", record_a.pk)
    page_before = payments.get_url()
    payments.move(section, pos="last-child")
    payments.refresh_from_db()
    assert payments.get_url() != page_before  # the page moved...
    assert module_url(town_a, MODULE_NAME, "record", record_a.pk) == before  # ...the URL not
    assert before == f"http://alfa.test/moduly/{MODULE_NAME}/zaznam/{record_a.pk}/"
    assert (
        client.get(before.removeprefix("http://alfa.test"), HTTP_HOST="alfa.test").status_code
        == 200
    )


def test_the_absolute_url_is_on_the_registered_hostname_whatever_the_host_header(
    client, settings, trial_module, town_a, record_a
):
    switch(town_a, on=True)
    settings.USE_X_FORWARDED_HOST = True
    response = client.get(
        module_path(MODULE_NAME, "record", record_a.pk),
        HTTP_HOST="alfa.test:6666",
        HTTP_X_FORWARDED_HOST="alfa.test:6666",
    )
    assert response.status_code == 200
    link = response.content.decode().splitlines()[1]
    assert link == f"http://alfa.test/moduly/{MODULE_NAME}/zaznam/{record_a.pk}/"
    settings.RADNICE_HTTPS = True
    assert module_url(town_a, MODULE_NAME, "record", record_a.pk).startswith("https://alfa.test/")


def test_another_towns_host_does_not_serve_the_first_towns_record(
    client, trial_module, town_a, town_b, record_a
):
    switch(town_a, on=True)
    switch(town_b, on=True)
    record_b = PersonFactory(municipality=town_b, last_name="Dvořák")
    path_a = module_path(MODULE_NAME, "record", record_a.pk)
    assert client.get(path_a, HTTP_HOST="beta.test").status_code == 404
    response = client.get(module_path(MODULE_NAME, "record", record_b.pk), HTTP_HOST="beta.test")
    assert response.status_code == 200
    assert response.content.decode().splitlines() == [
        "Dvořák",
        f"http://beta.test/moduly/{MODULE_NAME}/zaznam/{record_b.pk}/",
    ]


def test_a_module_is_mounted_only_with_its_urls_and_unknown_names_fail(client, trial_module):
    assert client.get("/moduly/budget/", HTTP_HOST="alfa.test").status_code == 404
    with pytest.raises(ValueError, match="budget"):
        module_url(None, "budget", "index")
    with pytest.raises(NoReverseMatch):
        module_path(MODULE_NAME, "no-such-view")


def test_templates_of_e_mails_build_the_link_with_a_tag(trial_module, town_a, record_a):
    rendered = Template(
        '{% load module_url_tags %}{% module_url municipality "zkusebni" "record" pk %}'
    ).render(Context({"municipality": town_a, "pk": record_a.pk}))
    assert rendered == f"http://alfa.test/moduly/{MODULE_NAME}/zaznam/{record_a.pk}/"
