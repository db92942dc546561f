"""What each municipal role may do, and the one routine that grants it on a town's own objects.

Page permissions go on the municipality's root pages (every locale), image and document
permissions on its collection, site-settings permissions through ``GroupSitePermission`` for
its site only, and model permissions for scoped models (snippets, module records) whose
instances the municipality permission policy then restricts to the municipality.

The model permissions are declared by each app on its AppConfig (modules included), read
when a town's groups are granted, so nothing has to be imported first::

    class EventsConfig(AppConfig):
        name = "radnice.events"
        label = "events"
        # model name -> actions for every role, or {role: actions}
        role_permissions = {"eventtype": ["add", "change", "delete", "view"]}

``grant_role_permissions`` is used by ``create_municipality`` and by
``manage.py grant_municipal_permissions``.
"""

from django.apps import apps
from django.contrib.auth.models import Permission
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import GroupCollectionPermission, GroupPagePermission, GroupSitePermission

from .models import MunicipalityRole

PAGE_PERMISSIONS = {
    MunicipalityRole.EDITOR: ["add_page", "change_page", "lock_page", "view_page"],
    MunicipalityRole.MODERATOR: [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "view_page",
    ],
    MunicipalityRole.ADMINISTRATOR: [
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
        "view_page",
    ],
}

COLLECTION_PERMISSIONS = {
    role: [
        ("wagtailimages", "image", ["add", "change", "choose", "delete"]),
        ("wagtaildocs", "document", ["add", "change", "choose", "delete"]),
    ]
    for role in MunicipalityRole
}

# Site settings, granted per site.
SITE_SETTING_PERMISSIONS = {
    MunicipalityRole.EDITOR: [],
    MunicipalityRole.MODERATOR: [],
    MunicipalityRole.ADMINISTRATOR: [
        ("core", "socialmediasettings"),
        ("navigation", "footermenusettings"),
        ("notifications", "sendersettings"),
    ],
}

GLOBAL_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin"),
    # wagtail-localize's "Translate this page" and "Sync translated pages"; which pages, and
    # whether a sync may publish, is decided by municipalities.localize.
    ("wagtail_localize", "translation", "submit_translation"),
]


def declared_model_permissions(role):
    """[(app_label, model_name, actions)] that the installed apps declare for ``role``.

    Each app's ``AppConfig.role_permissions`` maps a model name of that app to the actions
    every role gets, or to ``{role: actions}`` when the roles differ.
    """
    role = MunicipalityRole(role)
    declared = []
    for config in apps.get_app_configs():
        for model_name, actions in (getattr(config, "role_permissions", None) or {}).items():
            if isinstance(actions, dict):
                unknown = set(actions) - set(MunicipalityRole.values)
                if unknown:
                    raise ImproperlyConfigured(
                        f"{config.name}: role_permissions[{model_name!r}] names unknown roles "
                        f"{sorted(unknown)}; the roles are {MunicipalityRole.values}."
                    )
                actions = actions.get(role.value, [])
            if actions:
                declared.append((config.label, model_name, list(actions)))
    return declared


class _Permissions:
    """Every permission, loaded in one query (a town's three groups ask for ~170)."""

    def __init__(self):
        self.by_key = {
            (permission.content_type.app_label, permission.codename): permission
            for permission in Permission.objects.select_related("content_type")
        }

    def __call__(self, app_label, codename):
        try:
            return self.by_key[(app_label, codename)]
        except KeyError:
            raise Permission.DoesNotExist(
                f"No permission {app_label}.{codename}: run migrate first."
            ) from None


def grant_role_permissions(municipality, group, role):
    """Idempotently give ``group`` exactly the permissions of ``role`` on ``municipality``."""
    _permission = _Permissions()
    page_permissions = [_permission("wagtailcore", c) for c in PAGE_PERMISSIONS[role]]
    for root in municipality.root_pages:
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)

    if municipality.collection_id:
        for app_label, model_name, actions in COLLECTION_PERMISSIONS[role]:
            for action in actions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=municipality.collection,
                    permission=_permission(app_label, f"{action}_{model_name}"),
                )

    model_permissions = [
        _permission(app_label, f"{action}_{model_name}")
        for app_label, model_name, actions in declared_model_permissions(role)
        for action in actions
    ]
    model_permissions += [
        _permission(app_label, codename) for app_label, _m, codename in GLOBAL_PERMISSIONS
    ]
    group.permissions.add(*model_permissions)

    for app_label, model_name in SITE_SETTING_PERMISSIONS[role]:
        GroupSitePermission.objects.get_or_create(
            group=group,
            site=municipality.site,
            permission=_permission(app_label, f"change_{model_name}"),
        )


# --- module roles below the town -------------------------------------------------------------


class ModuleRoleBackend:
    """Authentication backend that answers ``user.has_perm`` for module roles.

    A module role (``Module.roles``) assigned to a member of a town's staff
    (``ModuleRoleAssignment``) grants the model permissions it declares; which records they
    reach is the scope's business (``scope.scope_records``): only the organisation's or the
    record's. Only assignments in towns whose staff the user still is count. It authenticates
    nobody.
    """

    def authenticate(self, request, **credentials):
        return None

    def get_all_permissions(self, user_obj, obj=None):
        if obj is not None or not user_obj.is_active or user_obj.is_anonymous:
            return set()
        cached = getattr(user_obj, "_radnice_module_role_perms", None)
        if cached is None:
            cached = module_role_permissions(user_obj)
            user_obj._radnice_module_role_perms = cached
        return cached

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj)

    def has_module_perms(self, user_obj, app_label):
        return any(perm.startswith(f"{app_label}.") for perm in self.get_all_permissions(user_obj))


def module_role_permissions(user):
    """{"app_label.action_model"} that the user's module roles grant."""
    from .models import ModuleRoleAssignment
    from .registry import get_module_role
    from .scope import user_municipality_ids

    granted = set()
    assignments = (
        ModuleRoleAssignment.objects.filter(
            user=user, municipality_id__in=user_municipality_ids(user)
        )
        .exclude(organisation__isnull=True, record_type__isnull=True)
        .values_list("module", "role")
    )
    for module_name, role_name in set(assignments):
        module, role = get_module_role(module_name, role_name)
        if role is None:
            continue
        for model_name, actions in role.permissions.items():
            granted.update(f"{module.app_label}.{action}_{model_name}" for action in actions)
    return granted
