"""Roles below the town: the town's organisations, module roles per organisation or record."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from municipalities import registry
from municipalities.models import ModuleRoleAssignment, MunicipalityRole, TownOrganisation
from municipalities.permissions import MunicipalityPermissionPolicy
from municipalities.references import REFUSED
from municipalities.scope import organisations_for, scope_for_model, scope_records

from ..factories import make_member
from .trial_module import MODULE, TrialShopItem

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def trial_module(monkeypatch):
    monkeypatch.setattr(registry, "_modules", {**registry._modules, MODULE.name: MODULE})
    # The test model's content type is made inside each test's rolled-back transaction, so
    # a cached one would name a row that no longer exists.
    ContentType.objects.clear_cache()


@pytest.fixture
def school_a(town_a):
    return TownOrganisation.objects.create(
        municipality=town_a, name="ZŠ Alfa", kind="skola", ico="00064581"
    )


@pytest.fixture
def club_a(town_a):
    return TownOrganisation.objects.create(municipality=town_a, name="TJ Alfa", kind="spolek")


@pytest.fixture
def club_b(town_b):
    return TownOrganisation.objects.create(municipality=town_b, name="Spolek kvokka", kind="spolek")


@pytest.fixture
def items(town_a, town_b, school_a, club_a, club_b):
    return {
        "school": TrialShopItem.objects.create(
            municipality=town_a, organisation=school_a, title="Obědy"
        ),
        "club": TrialShopItem.objects.create(
            municipality=town_a, organisation=club_a, title="Kurz"
        ),
        "town": TrialShopItem.objects.create(municipality=town_a, title="Poplatek za psa"),
        "b": TrialShopItem.objects.create(municipality=town_b, organisation=club_b, title="Beta"),
    }


@pytest.fixture
def school_manager(town_a, school_a):
    user = make_member(town_a, MunicipalityRole.EDITOR, email="reditelka@zs-alfa.cz")
    ModuleRoleAssignment.objects.create(
        municipality=town_a,
        user=user,
        module=MODULE.name,
        role="spravce_organizace",
        organisation=school_a,
    )
    return user


def titles(queryset):
    return sorted(queryset.values_list("title", flat=True))


def grant_group(town, role):
    """The town's group of ``role`` gets the module's model permissions (role_permissions)."""
    content_type = ContentType.objects.get_for_model(TrialShopItem)
    for action in ("view", "change"):
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type, codename=f"{action}_trialshopitem", defaults={"name": action}
        )
        town.group_for(role).permissions.add(permission)


# --- the scope -------------------------------------------------------------------------------


def test_an_organisation_role_sees_only_that_organisations_records(school_manager, items):
    assert titles(
        scope_records(
            TrialShopItem.objects.all(), school_manager, organisation_field="organisation"
        )
    ) == ["Obědy"]


def test_the_role_grants_the_declared_permissions(school_manager, editor_a):
    assert school_manager.has_perm("municipalities.view_trialshopitem")
    assert school_manager.has_perm("municipalities.change_trialshopitem")
    assert not school_manager.has_perm("municipalities.delete_trialshopitem")
    assert not editor_a.has_perm("municipalities.view_trialshopitem")


def test_the_towns_administrators_see_all_of_the_towns_records(town_a, admin_a, items):
    grant_group(town_a, MunicipalityRole.ADMINISTRATOR)
    queryset = scope_records(
        TrialShopItem.objects.all(), admin_a, organisation_field="organisation"
    )
    assert titles(queryset) == ["Kurz", "Obědy", "Poplatek za psa"]


def test_another_town_sees_none(town_b, editor_b, items):
    grant_group(town_b, MunicipalityRole.EDITOR)  # town B's staff, with the permission
    queryset = scope_records(
        TrialShopItem.objects.all(), editor_b, organisation_field="organisation"
    )
    assert titles(queryset) == ["Beta"]


def test_a_role_of_another_towns_organisation_reaches_nothing(town_a, town_b, club_b, items):
    # Forged in the database: an assignment in town A naming town B's organisation.
    user = make_member(town_a, MunicipalityRole.EDITOR, email="podvod@alfa.cz")
    ModuleRoleAssignment.objects.create(
        municipality=town_a,
        user=user,
        module=MODULE.name,
        role="spravce_organizace",
        organisation=club_b,
    )
    assert (
        titles(scope_records(TrialShopItem.objects.all(), user, organisation_field="organisation"))
        == []
    )


def test_a_record_role_sees_only_its_record(town_a, items):
    user = make_member(town_a, MunicipalityRole.EDITOR, email="hodnotitel@alfa.cz")
    ModuleRoleAssignment.objects.create(
        municipality=town_a,
        user=user,
        module=MODULE.name,
        role="hodnotitel",
        record_type=ContentType.objects.get_for_model(TrialShopItem),
        record_id=str(items["club"].pk),
    )
    assert titles(
        scope_records(TrialShopItem.objects.all(), user, organisation_field="organisation")
    ) == ["Kurz"]
    assert user.has_perm("municipalities.view_trialshopitem")
    assert not user.has_perm("municipalities.change_trialshopitem")


def test_leaving_the_towns_staff_takes_the_role_away(town_a, school_manager, items):
    school_manager.groups.clear()
    fresh = type(school_manager).objects.get(pk=school_manager.pk)
    assert not fresh.has_perm("municipalities.view_trialshopitem")
    assert (
        titles(scope_records(TrialShopItem.objects.all(), fresh, organisation_field="organisation"))
        == []
    )


def test_the_permission_policy_and_references_use_the_same_scope(
    monkeypatch, school_manager, items
):
    from wagtail.permissions import policy_registry

    policy = MunicipalityPermissionPolicy(TrialShopItem, organisation_field="organisation")
    assert titles(policy.instances_user_has_any_permission_for(school_manager, ["change"])) == [
        "Obědy"
    ]
    assert policy.user_has_permission_for_instance(school_manager, "change", items["school"])
    assert not policy.user_has_permission_for_instance(school_manager, "change", items["club"])
    monkeypatch.setattr(policy_registry, "get_by_type", lambda model, fallback=True: policy)
    allowed = scope_for_model(TrialShopItem, items["school"].municipality, school_manager)
    assert titles(allowed) == ["Obědy"]


# --- the admin -----------------------------------------------------------------------------------


def url(viewset, name, *args):
    return reverse(f"{viewset}:{name}", args=args)


def test_an_administrator_manages_the_towns_organisations(client, admin_a, town_a):
    client.force_login(admin_a)
    data = {
        "municipality": town_a.pk,
        "name": "MŠ Sluníčko",
        "kind": "materska_skola",
        "ico": "12345678",
    }
    response = client.post(url("town_organisations", "add"), data, HTTP_HOST="alfa.test")
    assert response.status_code == 200
    assert response.context["form"].errors["ico"] == [
        "IČO „12345678“ nemá platnou kontrolní číslici (poslední číslice má být 9)."
    ]
    data["ico"] = "12345679"
    assert (
        client.post(url("town_organisations", "add"), data, HTTP_HOST="alfa.test").status_code
        == 302
    )
    assert TownOrganisation.objects.get(name="MŠ Sluníčko").municipality == town_a


def test_an_administrator_assigns_a_role_to_the_towns_staff(client, admin_a, town_a, school_a):
    staff = make_member(town_a, MunicipalityRole.EDITOR, email="ucetni@alfa.cz")
    client.force_login(admin_a)
    data = {
        "municipality": town_a.pk,
        "user": staff.pk,
        "role_key": f"{MODULE.name}:spravce_organizace",
        "organisation": school_a.pk,
        "record": "",
    }
    response = client.post(url("module_roles", "add"), data, HTTP_HOST="alfa.test")
    assert response.status_code == 302
    assignment = ModuleRoleAssignment.objects.get(user=staff)
    assert (assignment.module, assignment.role, assignment.organisation) == (
        MODULE.name,
        "spravce_organizace",
        school_a,
    )
    assert assignment.role_label == "Správce organizace"


def test_an_organisation_role_needs_an_organisation(client, admin_a, town_a):
    client.force_login(admin_a)
    data = {
        "municipality": town_a.pk,
        "user": admin_a.pk,
        "role_key": f"{MODULE.name}:spravce_organizace",
        "organisation": "",
        "record": "",
    }
    response = client.post(url("module_roles", "add"), data, HTTP_HOST="alfa.test")
    assert response.status_code == 200
    assert response.context["form"].errors["organisation"] == [
        "Vyberte organizaci obce, pro kterou role platí."
    ]


def test_a_record_role_is_assigned_for_the_towns_record_only(client, admin_a, town_a, items):
    client.force_login(admin_a)
    data = {
        "municipality": town_a.pk,
        "user": admin_a.pk,
        "role_key": f"{MODULE.name}:hodnotitel",
        "organisation": "",
        "record": str(items["b"].pk),
    }
    response = client.post(url("module_roles", "add"), data, HTTP_HOST="alfa.test")
    assert response.status_code == 200
    assert response.context["form"].errors["record"] == [str(REFUSED)]
    assert "Beta" not in response.content.decode()
    data["record"] = str(items["club"].pk)
    assert client.post(url("module_roles", "add"), data, HTTP_HOST="alfa.test").status_code == 302
    assert ModuleRoleAssignment.objects.get(role="hodnotitel").record == items["club"]


def test_another_towns_user_or_organisation_is_refused(client, admin_a, town_a, club_b, editor_b):
    client.force_login(admin_a)
    data = {
        "municipality": town_a.pk,
        "user": editor_b.pk,
        "role_key": f"{MODULE.name}:spravce_organizace",
        "organisation": club_b.pk,
        "record": "",
    }
    response = client.post(url("module_roles", "add"), data, HTTP_HOST="alfa.test")
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["user"] == [str(REFUSED)]
    assert errors["organisation"] == [str(REFUSED)]
    html = response.content.decode()
    assert "kvokka" not in html.lower()
    assert not ModuleRoleAssignment.objects.exists()


def test_the_user_choice_offers_only_the_towns_staff(client, admin_a, town_a, editor_b):
    staff = make_member(town_a, MunicipalityRole.EDITOR, email="ucetni@alfa.cz")
    client.force_login(admin_a)
    response = client.get(url("module_roles", "add"), HTTP_HOST="alfa.test")
    assert response.status_code == 200
    offered = set(response.context["form"].fields["user"].queryset)
    assert staff in offered and admin_a in offered
    assert editor_b not in offered


@pytest.mark.parametrize("viewset", ["town_organisations", "module_roles"])
def test_another_towns_administrator_cannot_list_open_edit_or_delete(
    client, town_a, town_b, school_a, school_manager, viewset
):
    record = school_a if viewset == "town_organisations" else ModuleRoleAssignment.objects.get()
    client.force_login(make_member(town_b, MunicipalityRole.ADMINISTRATOR))
    listing = client.get(url(viewset, "index"), HTTP_HOST="beta.test")
    assert listing.status_code == 200
    assert f"/{record.pk}/" not in listing.content.decode()
    assert "ZŠ Alfa" not in listing.content.decode()
    for name in ("edit", "delete"):
        target = url(viewset, name, record.pk)
        assert client.get(target, HTTP_HOST="beta.test").status_code == 404, name
        assert client.post(target, {}, HTTP_HOST="beta.test").status_code == 404, name
    assert type(record).objects.filter(pk=record.pk).exists()


def test_another_towns_administrator_cannot_choose_the_towns_organisation(client, town_b, school_a):
    client.force_login(make_member(town_b, MunicipalityRole.ADMINISTRATOR))
    staff_b = make_member(town_b, MunicipalityRole.EDITOR, email="b@beta.cz")
    data = {
        "municipality": town_b.pk,
        "user": staff_b.pk,
        "role_key": f"{MODULE.name}:spravce_organizace",
        "organisation": school_a.pk,
        "record": "",
    }
    response = client.post(url("module_roles", "add"), data, HTTP_HOST="beta.test")
    assert response.status_code == 200
    assert response.context["form"].errors["organisation"] == [str(REFUSED)]
    assert "ZŠ Alfa" not in response.content.decode()


def test_an_editor_may_not_manage_organisations_or_roles(client, editor_a, school_a):
    client.force_login(editor_a)
    for viewset in ("town_organisations", "module_roles"):
        assert client.get(url(viewset, "index"), HTTP_HOST="alfa.test").status_code == 302
    target = url("town_organisations", "edit", school_a.pk)
    assert client.get(target, HTTP_HOST="alfa.test").status_code == 302


def test_a_viewset_with_an_organisation_field_scopes_its_listing_and_object_urls(
    rf, town_a, admin_a, editor_b, school_manager, items
):
    from municipalities.viewsets import MunicipalityModelViewSet

    viewset = MunicipalityModelViewSet(
        "trial_shop_items", model=TrialShopItem, organisation_field="organisation"
    )
    grant_group(town_a, MunicipalityRole.ADMINISTRATOR)

    def listed(user):
        request = rf.get("/admin/")
        request.user = user
        via_listing = titles(viewset.scope_queryset(TrialShopItem.objects.all(), request))
        assert titles(viewset.get_scoped_queryset(request)) == via_listing
        return via_listing

    assert listed(school_manager) == ["Obědy"]
    assert listed(admin_a) == ["Kurz", "Obědy", "Poplatek za psa"]
    assert listed(editor_b) == []


def test_a_role_per_record_must_name_its_model():
    from django.core.exceptions import ImproperlyConfigured

    from municipalities.registry import ModuleRole, RoleScope

    with pytest.raises(ImproperlyConfigured, match="record_model"):
        ModuleRole("hodnotitel", "Hodnotitel", scope=RoleScope.RECORD)
    with pytest.raises(ImproperlyConfigured, match="unknown scope"):
        ModuleRole("x", "X", scope="obec")


def test_an_assignment_for_another_towns_organisation_does_not_validate(town_a, club_b, admin_a):
    from django.core.exceptions import ValidationError

    assignment = ModuleRoleAssignment(
        municipality=town_a,
        user=admin_a,
        module=MODULE.name,
        role="spravce_organizace",
        organisation=club_b,
    )
    with pytest.raises(ValidationError) as refused:
        assignment.full_clean()
    assert refused.value.message_dict["organisation"] == ["Organizace patří jiné obci."]


def test_the_policy_names_who_may_act_on_a_record(town_a, admin_a, editor_a, school_manager, items):
    grant_group(town_a, MunicipalityRole.ADMINISTRATOR)
    policy = MunicipalityPermissionPolicy(TrialShopItem, organisation_field="organisation")
    school_users = set(policy.users_with_any_permission_for_instance(["change"], items["school"]))
    club_users = set(policy.users_with_any_permission_for_instance(["change"], items["club"]))
    assert school_manager in school_users and admin_a in school_users
    assert school_manager not in club_users and admin_a in club_users
    assert editor_a not in school_users


def test_records_are_filed_only_under_organisations_the_user_manages(
    town_a, admin_a, editor_b, school_manager, school_a, club_a, club_b
):
    """``organisations_for``: what an organisation record's form offers (OrganisationRecordForm)."""
    grant_group(town_a, MunicipalityRole.ADMINISTRATOR)
    assert list(organisations_for(school_manager, TrialShopItem)) == [school_a]
    assert set(organisations_for(admin_a, TrialShopItem)) == {school_a, club_a}
    assert not organisations_for(editor_b, TrialShopItem).exists()
    assert not organisations_for(school_manager, TrialShopItem, municipality=club_b.municipality)
