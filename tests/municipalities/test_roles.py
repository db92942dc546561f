"""What each municipal role is granted: the snapshot taken before the grants were declared on
the app configs, so moving the declarations changed no one's permissions."""

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from wagtail.models import GroupCollectionPermission, GroupPagePermission, GroupSitePermission

from municipalities.models import MunicipalityRole
from municipalities.roles import declared_model_permissions

EDITING = ("add", "change", "delete", "view")


def codenames(app_label, model_name, actions=EDITING):
    return {f"{app_label}.{action}_{model_name}" for action in actions}


SHARED_MODEL_PERMISSIONS = (
    codenames("alerts", "alert")
    | codenames("board", "noticetype")
    | codenames("events", "eventtype")
    | codenames("news", "newstype")
    | codenames("people", "person")
    | codenames("people", "department")
    | codenames("people", "place")
    | codenames("budget", "importjob", ["add", "view"])
    | codenames("budget", "fiscalyear", ["change", "delete", "view"])
    | codenames("budget", "event", ["add", "change", "view"])
    | codenames("budget", "organisationalunit", ["add", "change", "view"])
    | {"wagtailadmin.access_admin", "wagtail_localize.submit_translation"}
)

MODEL_PERMISSIONS = {
    MunicipalityRole.EDITOR: SHARED_MODEL_PERMISSIONS,
    MunicipalityRole.MODERATOR: SHARED_MODEL_PERMISSIONS | {"alerts.publish_alert"},
    MunicipalityRole.ADMINISTRATOR: SHARED_MODEL_PERMISSIONS
    | {"alerts.publish_alert"}
    | codenames("municipalities", "municipality", ["change", "view"])
    # the town's organisations, its staff's module roles and its modules' settings and secrets
    | codenames("municipalities", "townorganisation", ["add", "change", "delete", "view"])
    | codenames("municipalities", "moduleroleassignment", ["add", "change", "delete", "view"])
    | codenames("municipalities", "modulesettings", ["add", "change", "delete", "view"])
    # the town's citizens' accounts and organisations (radnice.citizens.admin_views):
    # administrators only
    | codenames("citizens", "citizenprofile", ["view", "confirm", "block"])
    | codenames("citizens", "organisation", ["view"])
    | codenames("citizens", "auditentry", ["view"])
    # what the town sent (and resending a failed message) and its wording of messages
    # (radnice.notifications): administrators only
    | codenames("notifications", "outboxmessage", ["view", "resend"])
    | codenames("notifications", "messagetemplate", ["add", "change", "delete", "view"])
    # the payment shop's catalogue and the organisations' payment settings: administrators
    # (an organisation's správce reaches its own through the module role)
    | codenames("payments", "product", ["add", "change", "delete", "view"])
    | codenames("payments", "paymentsettings", ["add", "change", "delete", "view"]),
}

PAGE_PERMISSIONS = {
    MunicipalityRole.EDITOR: {"add_page", "change_page", "lock_page", "view_page"},
    MunicipalityRole.MODERATOR: {
        "add_page",
        "change_page",
        "lock_page",
        "publish_page",
        "unlock_page",
        "view_page",
    },
    MunicipalityRole.ADMINISTRATOR: {
        "add_page",
        "bulk_delete_page",
        "change_page",
        "lock_page",
        "publish_page",
        "unlock_page",
        "view_page",
    },
}

COLLECTION_PERMISSIONS = codenames(
    "wagtailimages", "image", ["add", "change", "choose", "delete"]
) | codenames("wagtaildocs", "document", ["add", "change", "choose", "delete"])

SITE_PERMISSIONS = {
    MunicipalityRole.EDITOR: set(),
    MunicipalityRole.MODERATOR: set(),
    MunicipalityRole.ADMINISTRATOR: {
        "core.change_socialmediasettings",
        "navigation.change_footermenusettings",
        "notifications.change_sendersettings",
    },
}


def qualified(permission):
    return f"{permission.content_type.app_label}.{permission.codename}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(MunicipalityRole))
def test_every_role_gets_exactly_its_snapshot_of_permissions(town_a, role):
    group = town_a.group_for(role)
    assert {qualified(p) for p in group.permissions.all()} == MODEL_PERMISSIONS[role]
    for root in town_a.root_pages:
        granted = GroupPagePermission.objects.filter(group=group, page=root)
        assert {g.permission.codename for g in granted} == PAGE_PERMISSIONS[role]
    granted = GroupCollectionPermission.objects.filter(group=group)
    assert {g.collection_id for g in granted} == {town_a.collection_id}
    assert {qualified(g.permission) for g in granted} == COLLECTION_PERMISSIONS
    granted = GroupSitePermission.objects.filter(group=group)
    assert {g.site_id for g in granted} <= {town_a.site_id}
    assert {qualified(g.permission) for g in granted} == SITE_PERMISSIONS[role]


@pytest.mark.django_db
def test_an_apps_new_role_permissions_declaration_is_granted_by_the_command(town_a, monkeypatch):
    taggit = apps.get_app_config("taggit")
    monkeypatch.setattr(taggit, "role_permissions", {"tag": {"moderator": ["view"]}}, raising=False)
    call_command("grant_municipal_permissions", verbosity=0)
    moderators = town_a.group_for(MunicipalityRole.MODERATOR)
    editors = town_a.group_for(MunicipalityRole.EDITOR)
    assert moderators.permissions.filter(
        content_type__app_label="taggit", codename="view_tag"
    ).exists()
    assert not editors.permissions.filter(content_type__app_label="taggit").exists()


def test_a_declaration_naming_an_unknown_role_stops_with_an_error(monkeypatch):
    people = apps.get_app_config("people")
    monkeypatch.setattr(people, "role_permissions", {"person": {"starosta": ["view"]}})
    with pytest.raises(ImproperlyConfigured, match="starosta"):
        declared_model_permissions(MunicipalityRole.EDITOR)
