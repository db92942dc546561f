"""The one place that decides which municipal data a user or a request may reach.

Every admin listing, chooser, report and module viewset goes through these helpers:

- ``user_municipalities(user)``: the municipalities a user works for (superusers: all);
- ``scope(queryset, user, field="municipality")``: records of models with a FK to Municipality;
- ``scope_pages(queryset, user)``: pages inside the user's municipalities' trees, in every
  locale (translated trees are siblings under the root, so this is the descendants of every
  translation of each municipality's root page, not ``Page.objects.in_site``);
- ``scope_collections`` / ``scope_by_collection``: collections, images and documents;
- ``current_municipality(request)`` and ``for_municipality(queryset, municipality)`` for
  public views, which serve exactly one municipality: the request's site;
- ``municipality_of_page(page, request=None)``: the town a page belongs to, the one rule for
  every page, form, feed, export and block that asks;
- ``scope_for_model(model, municipality, user)``: the records of any model that a record of
  ``municipality`` may refer to when ``user`` edits it (None for models that belong to no
  town); ``municipality_of(instance)`` is the town a record belongs to. The admin forms
  check every posted id with them (``municipalities.references``).
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.models import Collection, Page, Site

from .models import Municipality


def user_municipalities(user):
    return Municipality.objects.for_user(user)


def user_municipality_ids(user):
    """Cached per user object: a request asks this many times."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_radnice_municipality_ids", None)
    if cached is None:
        cached = frozenset(user_municipalities(user).values_list("pk", flat=True))
        user._radnice_municipality_ids = cached
    return cached


def is_platform_operator(user):
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def scope(queryset, user, field="municipality"):
    """Restrict a queryset of municipal records to the user's municipalities."""
    if is_platform_operator(user):
        return queryset
    return queryset.filter(**{f"{field}__in": user_municipality_ids(user)})


def for_municipality(queryset, municipality, field="municipality"):
    """Restrict a queryset to one municipality (public views)."""
    if municipality is None:
        return queryset.none()
    return queryset.filter(**{field: municipality})


def user_can_access(user, municipality_id):
    return is_platform_operator(user) or municipality_id in user_municipality_ids(user)


# --- pages -------------------------------------------------------------------------------


def _tree_paths(municipalities):
    root_ids = list(municipalities.values_list("site__root_page_id", flat=True))
    keys = Page.objects.filter(pk__in=root_ids).values("translation_key")
    return list(Page.objects.filter(translation_key__in=keys).values_list("path", flat=True))


def municipality_tree_paths(municipality):
    return _tree_paths(Municipality.objects.filter(pk=municipality.pk))


def user_tree_paths(user):
    cached = getattr(user, "_radnice_tree_paths", None)
    if cached is None:
        cached = _tree_paths(user_municipalities(user))
        user._radnice_tree_paths = cached
    return cached


def paths_q(paths, prefix=""):
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{prefix}path__startswith": path}) for path in paths))


def scope_pages(queryset, user, prefix=""):
    """Pages (or objects reaching a page through ``prefix``) in the user's municipalities."""
    if is_platform_operator(user):
        return queryset
    return queryset.filter(paths_q(user_tree_paths(user), prefix))


def page_in_user_scope(user, page):
    if is_platform_operator(user):
        return True
    return any(page.path.startswith(path) for path in user_tree_paths(user))


def pages_of(municipality):
    return Page.objects.filter(paths_q(municipality_tree_paths(municipality)))


def municipality_of_page(page, request=None):
    """The municipality whose page tree (in any language) holds ``page``.

    The rule: the page's own tree decides, whatever site the request came through, so an
    operator previewing one town's page from another town's hostname sees the page's town,
    and a page's feeds, exports and forms all name the same town. The request's
    municipality answers only when there is no page (or it is not in the tree yet).

    Remembered on the page instance, as every block of a body asks again.
    """
    if page is None or not getattr(page, "path", None):
        return getattr(request, "municipality", None)
    if "_radnice_municipality" not in page.__dict__:
        page._radnice_municipality = _municipality_of_path(page.path)
    return page._radnice_municipality


def _municipality_of_path(path):
    # Translated trees are siblings under the tree root, so the page's ancestors (itself
    # included) are matched against every translation of each municipality's root page.
    steplen = Page.steplen
    ancestor_paths = [path[:length] for length in range(steplen, len(path) + 1, steplen)]
    keys = Page.objects.filter(path__in=ancestor_paths).values("translation_key")
    return (
        Municipality.objects.filter(site__root_page__translation_key__in=keys)
        .select_related("site", "collection")
        .first()
    )


# --- collections, images, documents -----------------------------------------------------


def user_collection_paths(user):
    cached = getattr(user, "_radnice_collection_paths", None)
    if cached is None:
        cached = list(
            Collection.objects.filter(municipality__in=user_municipalities(user)).values_list(
                "path", flat=True
            )
        )
        user._radnice_collection_paths = cached
    return cached


def scope_collections(queryset, user):
    if is_platform_operator(user):
        return queryset
    return queryset.filter(paths_q(user_collection_paths(user)))


def scope_by_collection(queryset, user):
    """Images, documents or anything else with a ``collection`` FK."""
    if is_platform_operator(user):
        return queryset
    return queryset.filter(paths_q(user_collection_paths(user), prefix="collection__"))


# --- requests ----------------------------------------------------------------------------


def current_municipality(request):
    site = Site.find_for_request(request)
    if site is None:
        return None
    return Municipality.objects.filter(site=site).select_related("site").first()


# --- any model: which records a town's record may refer to ------------------------------


def municipality_field_of(model):
    """The lookup from ``model`` to its Municipality ("municipality", "pk"...), or None."""
    from wagtail.permissions import policy_registry

    from .permissions import MunicipalityPermissionPolicy  # it imports this module

    if issubclass(model, Municipality):
        return "pk"
    policy = policy_registry.get_by_type(model, fallback=False)
    if isinstance(policy, MunicipalityPermissionPolicy):
        return policy.municipality_field
    for field in model._meta.concrete_fields:
        if field.is_relation and field.many_to_one and field.related_model is Municipality:
            return field.name
    return None


def _has_collection(model):
    field = next((f for f in model._meta.concrete_fields if f.name == "collection"), None)
    return field is not None and field.is_relation and issubclass(field.related_model, Collection)


def is_municipal_model(model):
    """Do the records of ``model`` belong to a town (pages, collections, images, documents,
    records with a municipality)?"""
    return (
        issubclass(model, (Page, Collection))
        or _has_collection(model)
        or municipality_field_of(model) is not None
    )


def scope_for_model(model, municipality=None, user=None):
    """Records of ``model`` that a record of ``municipality`` may refer to when ``user``
    edits it: the town's pages (every language), its collection's images and documents, its
    own records; within the user's scope. None when the model belongs to no town (locales,
    content types...). Without a municipality only the user's scope applies; without a user
    only the municipality's.
    """
    queryset = model._default_manager.all()
    if issubclass(model, Page):
        if municipality is not None:
            queryset = queryset.filter(paths_q(municipality_tree_paths(municipality)))
        return scope_pages(queryset, user) if user is not None else queryset
    if issubclass(model, Collection) or _has_collection(model):
        prefix = "" if issubclass(model, Collection) else "collection__"
        if municipality is not None:
            collection = municipality.collection
            paths = [collection.path] if collection is not None else []
            queryset = queryset.filter(paths_q(paths, prefix=prefix))
        if user is None:
            return queryset
        if prefix:
            return scope_by_collection(queryset, user)
        return scope_collections(queryset, user)
    field = municipality_field_of(model)
    if field is None:
        return None
    if municipality is not None:
        queryset = queryset.filter(**{field: municipality.pk})
    if user is None:
        return queryset
    policy = _municipality_policy(model)
    if policy is not None and policy.role_scoped:
        return policy.scope(queryset, user)
    return scope(queryset, user, field)


def _municipality_policy(model):
    from wagtail.permissions import policy_registry

    from .permissions import MunicipalityPermissionPolicy

    policy = policy_registry.get_by_type(model, fallback=False)
    return policy if isinstance(policy, MunicipalityPermissionPolicy) else None


def municipality_of(instance):
    """The municipality a record belongs to: a page's town, a site setting's town, the
    record's own municipality, the municipality itself; None when none can be told."""
    if instance is None:
        return None
    if isinstance(instance, Municipality):
        return instance if instance.pk else None
    if isinstance(instance, Page):
        return municipality_of_page(instance)
    site_id = getattr(instance, "site_id", None)
    if site_id is not None:
        return Municipality.objects.filter(site_id=site_id).first()
    field = municipality_field_of(type(instance))
    if field is None:
        return None
    value = instance
    for part in field.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value if isinstance(value, Municipality) else None


# --- roles below the town: records of organisations and single records ---------------------


def _roles_granting(model):
    """(module name, role name) of every declared module role with a permission on ``model``."""
    from .registry import get_modules

    model_name = model._meta.model_name
    return [
        (module.name, role.name)
        for module in get_modules()
        if module.app_label == model._meta.app_label
        for role in module.roles
        if role.permissions.get(model_name)
    ]


def user_role_assignments(user, model):
    """The user's module role assignments that give any permission on ``model``, in the towns
    whose staff the user still is (a membership removed takes the roles with it)."""
    from django.db.models import Q as _Q

    from .models import ModuleRoleAssignment

    roles = _roles_granting(model)
    if not roles or not user.is_authenticated or not user.is_active:
        return ModuleRoleAssignment.objects.none()
    condition = reduce(or_, (_Q(module=module, role=role) for module, role in roles))
    return ModuleRoleAssignment.objects.filter(
        condition, user=user, municipality_id__in=user_municipality_ids(user)
    )


def module_role_user_ids(instance, actions, organisation_field=None):
    """Ids of the users whose module roles give one of ``actions`` on ``instance`` (through
    its organisation or for the record itself), while they are staff of its town."""
    from django.contrib.contenttypes.models import ContentType

    from .models import ModuleRoleAssignment
    from .registry import get_modules

    model = type(instance)
    model_name = model._meta.model_name
    roles = [
        Q(module=module.name, role=role.name)
        for module in get_modules()
        if module.app_label == model._meta.app_label
        for role in module.roles
        if set(role.permissions.get(model_name, ())) & set(actions)
    ]
    town = municipality_of(instance)
    if not roles or town is None:
        return []
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    reaches = Q(record_type=content_type, record_id=str(instance.pk))
    organisation_id = (
        getattr(instance, f"{organisation_field}_id", None) if organisation_field else None
    )
    if organisation_id is not None:
        reaches |= Q(organisation_id=organisation_id)
    return list(
        ModuleRoleAssignment.objects.filter(
            reduce(or_, roles),
            reaches,
            municipality=town,
            user__groups__municipality_link__municipality=town,
        ).values_list("user_id", flat=True)
    )


def towns_with_model_permission(user, model):
    """Towns where one of the user's town groups holds a permission on ``model``: there the
    user works with every record (a town's administrators, say)."""
    from django.contrib.contenttypes.models import ContentType

    from .models import MunicipalityGroup

    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    return set(
        MunicipalityGroup.objects.filter(
            group__user=user, group__permissions__content_type=content_type
        ).values_list("municipality_id", flat=True)
    )


def scope_records(queryset, user, field="municipality", organisation_field=None):
    """Records of a module model whose work is split below the town (``Module.roles``).

    A user sees every record of the towns where their town group has a permission on the model
    (``role_permissions``: the town's administrators, say), and elsewhere in their towns only
    the records of the town organisations they hold a module role for (through
    ``organisation_field``) and the single records they hold a role for. Operators see all.
    """
    if is_platform_operator(user):
        return queryset
    if not user.is_authenticated:
        return queryset.none()
    from django.contrib.contenttypes.models import ContentType

    model = queryset.model
    towns = user_municipality_ids(user)
    condition = Q(**{f"{field}__in": towns_with_model_permission(user, model)})
    assignments = user_role_assignments(user, model)
    if organisation_field:
        organisations = assignments.filter(organisation__isnull=False).values("organisation_id")
        condition |= Q(**{f"{organisation_field}__in": organisations})
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    record_ids = list(
        assignments.filter(record_type=content_type).values_list("record_id", flat=True)
    )
    if record_ids:
        condition |= Q(pk__in=record_ids)
    # Whatever the roles say, never outside the user's towns.
    return queryset.filter(condition, **{f"{field}__in": towns})


def organisations_for(user, model, municipality=None):
    """The town organisations under which ``user`` may file records of ``model``: every
    organisation of the towns where their town group has a permission on the model, elsewhere
    only those they hold a module role for; never outside the user's towns. (The references
    accept any organisation of the record's town; a role holder must not move a record to an
    organisation they do not manage.)"""
    from .models import TownOrganisation

    queryset = TownOrganisation.objects.all()
    if municipality is not None:
        queryset = queryset.filter(municipality=municipality)
    if is_platform_operator(user):
        return queryset
    if not user.is_authenticated:
        return queryset.none()
    managed = user_role_assignments(user, model).filter(organisation__isnull=False)
    condition = Q(municipality__in=towns_with_model_permission(user, model)) | Q(
        pk__in=managed.values("organisation_id")
    )
    return queryset.filter(condition, municipality__in=user_municipality_ids(user))
