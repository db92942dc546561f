"""Module settings and secrets: encrypted at rest, never shown back, scoped to the town."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from municipalities import encryption, registry
from municipalities.encryption import DecryptionError, check_encryption_keys
from municipalities.models import ModuleSettings, MunicipalityRole

from ..factories import make_member
from .trial_module import MODULE, TrialShopItem

pytestmark = pytest.mark.django_db

SECRET = "sk_live_kvokka_4711"


@pytest.fixture(autouse=True)
def trial_module(monkeypatch):
    monkeypatch.setattr(registry, "_modules", {**registry._modules, MODULE.name: MODULE})


def raw_column(table, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def admin_get(client, url):
    return client.get(url, HTTP_HOST="alfa.test")


def settings_url(name, *args):
    return reverse(f"module_settings:{name}", args=args)


@pytest.fixture
def settings_a(town_a):
    return ModuleSettings.objects.create(
        municipality=town_a,
        module=MODULE.name,
        values={"merchant": "100200"},
        secrets={"api_key": SECRET},
    )


# --- at rest ---------------------------------------------------------------------------------


def test_a_records_secret_is_not_stored_in_plain_text(town_a):
    item = TrialShopItem.objects.create(municipality=town_a, title="Vstupenky", gateway_key=SECRET)
    stored = raw_column(TrialShopItem._meta.db_table, "gateway_key", item.pk)
    assert SECRET not in stored
    assert Fernet(encryption.DEVELOPMENT_KEY.encode()).decrypt(stored.encode()).decode() == SECRET
    assert TrialShopItem.objects.get(pk=item.pk).gateway_key == SECRET


def test_an_empty_secret_is_stored_empty(town_a):
    item = TrialShopItem.objects.create(municipality=town_a, title="Bez klíče")
    assert raw_column(TrialShopItem._meta.db_table, "gateway_key", item.pk) == ""
    assert TrialShopItem.objects.get(pk=item.pk).gateway_key == ""


def test_module_settings_secrets_are_not_stored_in_plain_text(settings_a):
    stored = raw_column(ModuleSettings._meta.db_table, "secrets", settings_a.pk)
    assert SECRET not in stored and "api_key" not in stored
    found = ModuleSettings.objects.for_module(settings_a.municipality, MODULE.name)
    assert found.pk == settings_a.pk
    assert found.get("api_key") == SECRET
    assert found.get("merchant") == "100200"
    assert found.get("webhook_secret") is None
    with pytest.raises(KeyError):
        found.get("undeclared")


def test_settings_of_a_town_without_any_are_empty_and_unsaved(town_b):
    found = ModuleSettings.objects.for_module(town_b, MODULE.name)
    assert found.pk is None
    assert found.get("api_key") is None


# --- keys and rotation -------------------------------------------------------------------------


def test_rotation_reencrypts_with_the_first_key(settings, town_a):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.RADNICE_ENCRYPTION_KEYS = [old]
    item = TrialShopItem.objects.create(municipality=town_a, title="Stará", gateway_key=SECRET)
    before = raw_column(TrialShopItem._meta.db_table, "gateway_key", item.pk)
    module_settings = ModuleSettings.objects.create(
        municipality=town_a, module=MODULE.name, secrets={"api_key": SECRET}
    )

    settings.RADNICE_ENCRYPTION_KEYS = [new, old]  # a new key first: both decrypt
    assert TrialShopItem.objects.get(pk=item.pk).gateway_key == SECRET
    call_command("rotate_encryption_keys", verbosity=0)
    after = raw_column(TrialShopItem._meta.db_table, "gateway_key", item.pk)
    assert after != before
    assert Fernet(new.encode()).decrypt(after.encode()).decode() == SECRET

    stored_settings = raw_column(ModuleSettings._meta.db_table, "secrets", module_settings.pk)
    assert SECRET in Fernet(new.encode()).decrypt(stored_settings.encode()).decode()

    settings.RADNICE_ENCRYPTION_KEYS = [new]  # the old key dropped
    assert TrialShopItem.objects.get(pk=item.pk).gateway_key == SECRET
    assert ModuleSettings.objects.get(pk=module_settings.pk).get("api_key") == SECRET
    settings.RADNICE_ENCRYPTION_KEYS = [old]  # a value the keys cannot read is an error
    with pytest.raises(DecryptionError):
        TrialShopItem.objects.get(pk=item.pk)


def test_production_without_a_key_is_refused(settings):
    settings.DEBUG, settings.TESTING, settings.RADNICE_ENCRYPTION_KEYS = False, False, []
    assert [error.id for error in check_encryption_keys()] == ["radnice_secrets.E001"]
    with pytest.raises(ImproperlyConfigured):
        encryption.encrypt("x")


def test_development_without_a_key_warns_and_uses_the_public_key(settings):
    settings.DEBUG, settings.TESTING, settings.RADNICE_ENCRYPTION_KEYS = True, False, []
    assert [error.id for error in check_encryption_keys()] == ["radnice_secrets.W001"]
    assert encryption.configured_keys() == [encryption.DEVELOPMENT_KEY]


def test_a_malformed_key_fails_the_check(settings):
    settings.RADNICE_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), "kratky-klic"]
    errors = check_encryption_keys()
    assert [error.id for error in errors] == ["radnice_secrets.E002"]
    assert "Key number 2" in errors[0].msg


def test_a_configured_key_passes_the_check(settings):
    settings.DEBUG, settings.TESTING = False, False
    settings.RADNICE_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    assert check_encryption_keys() == []


# --- the admin: never shown back, blank keeps, the box clears -------------------------------------


def form_data(**overrides):
    return {
        "setting_merchant": "100200",
        "setting_api_key": "",
        "setting_webhook_secret": "",
        **overrides,
    }


def test_the_edit_page_never_contains_the_secret(client, admin_a, settings_a):
    client.force_login(admin_a)
    response = admin_get(client, settings_url("edit", settings_a.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert SECRET not in html
    assert encryption.STORED not in html
    assert "Hodnota je uložena." in html
    assert 'name="setting_api_key-clear"' in html
    assert 'name="setting_webhook_secret-clear"' not in html  # nothing stored: nothing to clear
    assert 'value="100200"' in html


def test_blank_keeps_the_stored_secret(client, admin_a, settings_a):
    client.force_login(admin_a)
    response = client.post(
        settings_url("edit", settings_a.pk),
        form_data(setting_merchant="300400"),
        HTTP_HOST="alfa.test",
    )
    assert response.status_code == 302
    settings_a.refresh_from_db()
    assert settings_a.get("api_key") == SECRET
    assert settings_a.get("merchant") == "300400"


def test_a_new_value_replaces_and_the_box_clears(client, admin_a, settings_a):
    client.force_login(admin_a)
    url = settings_url("edit", settings_a.pk)
    data = form_data(setting_api_key="sk_new", setting_webhook_secret="whsec")
    assert client.post(url, data, HTTP_HOST="alfa.test").status_code == 302
    settings_a.refresh_from_db()
    assert (settings_a.get("api_key"), settings_a.get("webhook_secret")) == ("sk_new", "whsec")

    data = form_data(**{"setting_webhook_secret-clear": "1"})
    assert client.post(url, data, HTTP_HOST="alfa.test").status_code == 302
    settings_a.refresh_from_db()
    assert settings_a.get("api_key") == "sk_new"
    assert settings_a.get("webhook_secret") is None
    assert not settings_a.has_secret("webhook_secret")


def test_clearing_a_required_secret_is_refused_in_czech(client, admin_a, settings_a):
    client.force_login(admin_a)
    data = form_data(**{"setting_api_key-clear": "1"})
    response = client.post(settings_url("edit", settings_a.pk), data, HTTP_HOST="alfa.test")
    assert response.status_code == 200
    assert response.context["form"].errors["setting_api_key"] == ["Tento tajný údaj je povinný."]
    settings_a.refresh_from_db()
    assert settings_a.get("api_key") == SECRET


def test_a_redisplayed_form_does_not_echo_a_typed_secret(client, admin_a, settings_a):
    client.force_login(admin_a)
    data = form_data(setting_merchant="", setting_api_key="sk_typed_kvokka")
    response = client.post(settings_url("edit", settings_a.pk), data, HTTP_HOST="alfa.test")
    assert response.status_code == 200
    assert "setting_merchant" in response.context["form"].errors
    html = response.content.decode()
    assert "sk_typed_kvokka" not in html and SECRET not in html
    settings_a.refresh_from_db()
    assert settings_a.get("api_key") == SECRET


def test_typing_a_value_and_ticking_clear_is_refused(client, admin_a, settings_a):
    client.force_login(admin_a)
    data = form_data(**{"setting_api_key": "sk_x", "setting_api_key-clear": "1"})
    response = client.post(settings_url("edit", settings_a.pk), data, HTTP_HOST="alfa.test")
    assert response.status_code == 200
    assert response.context["form"].errors["setting_api_key"] == [
        "Zadejte novou hodnotu, nebo zaškrtněte smazání uložené hodnoty, ne obojí."
    ]


def test_an_administrator_adds_settings_for_their_town(client, admin_a, town_a):
    client.force_login(admin_a)
    data = {"municipality": town_a.pk, "module": MODULE.name, **form_data(setting_api_key="sk_1")}
    response = client.post(settings_url("add"), data, HTTP_HOST="alfa.test")
    assert response.status_code == 302
    found = ModuleSettings.objects.get(municipality=town_a, module=MODULE.name)
    assert found.get("api_key") == "sk_1"
    assert SECRET not in raw_column(ModuleSettings._meta.db_table, "secrets", found.pk)


def test_a_records_secret_field_in_a_model_form_keeps_and_clears(town_a):
    from django.forms import modelform_factory

    item = TrialShopItem.objects.create(municipality=town_a, title="Kurz", gateway_key=SECRET)
    form_class = modelform_factory(TrialShopItem, fields=["title", "gateway_key"])
    form = form_class(instance=item)
    assert SECRET not in form.as_p()
    assert form_class({"title": "Kurz 2"}, instance=item).save().gateway_key == SECRET
    item.refresh_from_db()
    assert (item.title, item.gateway_key) == ("Kurz 2", SECRET)
    form_class({"title": "Kurz", "gateway_key-clear": "on"}, instance=item).save()
    item.refresh_from_db()
    assert item.gateway_key == ""


# --- isolation -----------------------------------------------------------------------------------


def test_another_towns_administrator_cannot_list_open_edit_or_delete(client, town_b, settings_a):
    client.force_login(make_member(town_b, MunicipalityRole.ADMINISTRATOR))
    listing = client.get(settings_url("index"), HTTP_HOST="beta.test")
    assert listing.status_code == 200
    assert f"/{settings_a.pk}/" not in listing.content.decode()
    for name in ("edit", "delete"):
        url = settings_url(name, settings_a.pk)
        assert client.get(url, HTTP_HOST="beta.test").status_code == 404, name
        assert client.post(url, form_data(), HTTP_HOST="beta.test").status_code == 404, name
    settings_a.refresh_from_db()
    assert settings_a.get("api_key") == SECRET


def test_another_towns_administrator_cannot_add_settings_for_the_town(client, town_a, town_b):
    client.force_login(make_member(town_b, MunicipalityRole.ADMINISTRATOR))
    data = {"municipality": town_a.pk, "module": MODULE.name, **form_data(setting_api_key="x")}
    response = client.post(settings_url("add"), data, HTTP_HOST="beta.test")
    assert response.status_code == 200
    assert "municipality" in response.context["form"].errors
    assert not ModuleSettings.objects.filter(municipality=town_a).exists()


def test_an_editor_may_not_open_the_towns_settings(client, editor_a, settings_a):
    client.force_login(editor_a)
    assert admin_get(client, settings_url("edit", settings_a.pk)).status_code == 302
    assert admin_get(client, settings_url("index")).status_code == 302


def test_a_secret_on_a_model_copied_as_json_fails_the_check(monkeypatch):
    from wagtail.models import RevisionMixin

    from municipalities.encryption import check_secrets_stay_out_of_serialised_copies

    assert check_secrets_stay_out_of_serialised_copies() == []

    class Revisioned(RevisionMixin):
        class Meta:
            abstract = True
            app_label = "municipalities"

    field = TrialShopItem._meta.get_field("gateway_key")
    monkeypatch.setattr(encryption, "encrypted_fields", lambda: [(Revisioned, field)])
    errors = check_secrets_stay_out_of_serialised_copies()
    assert [error.id for error in errors] == ["radnice_secrets.E003"]


def test_a_module_declaring_a_setting_twice_is_refused():
    from django.core.exceptions import ImproperlyConfigured

    from municipalities.registry import Module, ModuleSetting

    with pytest.raises(ImproperlyConfigured, match="api_key"):
        Module(
            name="dvakrat",
            label="Dvakrát",
            icon="cog",
            app_label="municipalities",
            settings=[ModuleSetting("api_key", "A", secret=True), ModuleSetting("api_key", "B")],
        )
