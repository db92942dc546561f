import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Collection, GroupPagePermission, Page, Site

from modules.payments.models import PaymentSettings, PriceTier, Product
from municipalities.demo.towns import (
    DEMO_PASSWORD,
    OPERATOR_PASSWORD_ENV,
    ensure_operator,
    staff_password,
)
from municipalities.models import ModuleRoleAssignment, Municipality, MunicipalityRole
from radnice.citizens.models import Level, Verification
from radnice.citizens.verification import level_of

from ..factories import next_ico


def create(**overrides):
    options = {
        "name": "Obec Gama",
        "kind": "obec",
        "ico": "00991236",
        "hostname": "gama.test",
        "admin_email": "spravce@gama.test",
        "admin_password": "tajne-heslo-1",
    }
    options.update(overrides)
    args = [f"--{key.replace('_', '-')}={value}" for key, value in options.items()]
    call_command("create_municipality", *args)


@pytest.mark.django_db
def test_create_municipality_builds_site_tree_collection_and_groups():
    create()
    municipality = Municipality.objects.get(ico="00991236")
    site = municipality.site
    assert (site.hostname, site.port) == ("gama.test", 80)
    assert site.root_page.title == "Obec Gama"
    assert sorted(p.locale.language_code for p in municipality.root_pages) == ["cs", "en"]
    assert municipality.collection.name == "Obec Gama"
    roles = set(municipality.group_links.values_list("role", flat=True))
    assert roles == set(MunicipalityRole.values)
    editors = municipality.group_for(MunicipalityRole.EDITOR)
    granted_pages = set(
        GroupPagePermission.objects.filter(group=editors).values_list("page_id", flat=True)
    )
    assert granted_pages == {p.pk for p in municipality.root_pages}
    admin = municipality.group_for(MunicipalityRole.ADMINISTRATOR).user_set.get()
    assert admin.email == "spravce@gama.test"
    assert admin.check_password("tajne-heslo-1")


@pytest.mark.django_db
def test_create_municipality_is_idempotent():
    towns_before = Municipality.objects.count()  # the session's towns (tests/conftest.py)
    create()
    counts = (Site.objects.count(), Page.objects.count(), Collection.objects.count())
    create()
    assert (Site.objects.count(), Page.objects.count(), Collection.objects.count()) == counts
    assert Municipality.objects.count() == towns_before + 1


@pytest.mark.django_db
def test_duplicate_hostname_is_refused():
    create()
    with pytest.raises(CommandError, match="gama.test:80 už patří jinému webu"):
        create(name="Obec Delta", ico=next_ico())


@pytest.mark.django_db
def test_invalid_ico_is_refused_and_nothing_is_created():
    # Only the tree root and the session's towns (tests/conftest.py) are there before.
    counts = (Site.objects.count(), Page.objects.count(), Municipality.objects.count())
    with pytest.raises(CommandError, match="kontrolní číslici"):
        create(ico="00991237")
    assert not Site.objects.filter(hostname="gama.test").exists()
    assert (Site.objects.count(), Page.objects.count(), Municipality.objects.count()) == counts


@pytest.mark.django_db
def test_same_ico_on_other_hostname_is_refused():
    create()
    with pytest.raises(CommandError, match="IČO 00991236 už existuje"):
        create(hostname="jina.test")


@pytest.mark.django_db
def test_load_demo_builds_three_towns_and_is_repeatable(capsys):
    session_towns = list(Municipality.objects.values_list("pk", flat=True))  # tests/conftest.py
    call_command("load_demo", verbosity=0)
    # The operator's random password is printed once, when the account is created.
    printed = dict(re.findall(r"Nový účet (\S+), heslo: (\S+)", capsys.readouterr().out))
    assert get_user_model().objects.get(username="operator").check_password(printed["operator"])
    assert DEMO_PASSWORD not in printed.values()  # DEBUG is off in tests
    names = sorted(
        Municipality.objects.exclude(pk__in=session_towns).values_list("name", "site__hostname")
    )
    assert names == [
        ("Horní Dolní", "hornidolni.localhost"),
        ("Lhota pod Lesem", "lhota.localhost"),
        ("Praha 99", "praha99.localhost"),
    ]
    demo_models = (Site, Page, Collection, Municipality, Product, PriceTier, PaymentSettings)
    snapshot = {model.__name__: model.objects.count() for model in demo_models}
    # Lhota has the payment shop on: the town hall's and the school's catalogues.
    lhota_products = Product.objects.filter(municipality__name="Lhota pod Lesem")
    assert set(lhota_products.values_list("organisation__name", flat=True)) == {
        "Obecní úřad Lhota pod Lesem",
        "Základní škola a mateřská škola Lhota pod Lesem",
    }
    # ... and the town's editor manages the school's (README's table of demo accounts)
    assert ModuleRoleAssignment.objects.filter(
        user__username="editor@lhota.localhost",
        module="payments",
        role="spravce_organizace",
        organisation__name="Základní škola a mateřská škola Lhota pod Lesem",
    ).exists()
    # One person per town confirmed by the office (the shared demo citizen), by its admin.
    office = Verification.objects.filter(method=Verification.Method.OFFICE)
    assert sorted(office.values_list("profile__municipality__name", "profile__user__email")) == [
        (name, "jana.novakova@example.cz") for name, _host in names
    ]
    for verification in office.select_related("profile__user", "verified_by"):
        assert level_of(verification.profile.user) == Level.OFFICE
        assert verification.verified_by.email.startswith("spravce@")
    latest_revision = Page.objects.order_by("-latest_revision_created_at").first()
    call_command("load_demo", verbosity=0)
    assert "heslo" not in capsys.readouterr().out
    assert snapshot == {model.__name__: model.objects.count() for model in demo_models}
    assert office.count() == 3
    assert (
        Page.objects.order_by("-latest_revision_created_at").first().latest_revision_created_at
        == latest_revision.latest_revision_created_at
    )


@pytest.mark.django_db
def test_demo_operator_gets_a_random_password_once(monkeypatch):
    monkeypatch.delenv(OPERATOR_PASSWORD_ENV, raising=False)
    operator, password = ensure_operator()
    assert operator.is_superuser
    assert len(password) == 20
    assert password != DEMO_PASSWORD
    assert operator.check_password(password)
    assert ensure_operator() == (None, "")


@pytest.mark.django_db
def test_demo_operator_takes_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv(OPERATOR_PASSWORD_ENV, "moje-heslo-operatora")
    operator, printed = ensure_operator()
    assert printed == ""
    assert operator.check_password("moje-heslo-operatora")


@pytest.mark.django_db
def test_demo_operator_with_the_published_password_is_refused_without_debug(monkeypatch, settings):
    settings.DEBUG = False
    monkeypatch.setenv(OPERATOR_PASSWORD_ENV, DEMO_PASSWORD)
    with pytest.raises(CommandError, match=f"{OPERATOR_PASSWORD_ENV}: zveřejněné heslo"):
        call_command("load_demo", verbosity=0)
    assert not get_user_model().objects.filter(username="operator").exists()


def test_demo_town_staff_get_the_published_password_only_with_debug(settings):
    settings.DEBUG = True
    assert staff_password() == DEMO_PASSWORD
    settings.DEBUG = False
    assert staff_password() is None


@pytest.mark.django_db
def test_grant_municipal_permissions_restores_a_removed_grant(town_a):
    editors = town_a.group_for(MunicipalityRole.EDITOR)
    GroupPagePermission.objects.filter(group=editors).delete()
    call_command("grant_municipal_permissions", verbosity=0)
    granted = set(
        GroupPagePermission.objects.filter(group=editors).values_list("page_id", flat=True)
    )
    assert granted == {p.pk for p in town_a.root_pages}
