"""Scope for the parts of Wagtail's admin that offer no hook of their own.

Wagtail lists other sites' names, users and log entries in a few places that take their
querysets from class attributes or manager methods rather than from a hook:

- the page explorer and search filters "Site", "Owner" and "Edited by";
- the "User" filter of the site history report;
- the "Locked by" filter of the locked pages report and "Requested by" of the workflow report;
- log entries behind "Site history" and every history view (``viewable_by_user``);
- the admin API's image and document endpoints.

``install()`` (called from ``MunicipalitiesConfig.ready``) replaces exactly those querysets
with ones that pass through the municipality scope. Each replacement is a small function
here, so a Wagtail upgrade that renames something fails loudly in the isolation tests.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from .scope import (
    is_platform_operator,
    scope,
    scope_by_collection,
    scope_pages,
    user_municipalities,
)


def users_of_user_municipalities(user):
    """Users a municipal editor may see in filters: members of their municipalities' groups."""
    User = get_user_model()
    if is_platform_operator(user):
        return User.objects.all()
    return User.objects.filter(
        Q(pk=user.pk) | Q(groups__municipality_link__municipality__in=user_municipalities(user))
    ).distinct()


def _scoped_users(base_queryset_function):
    def queryset(request):
        users = base_queryset_function(request)
        if is_platform_operator(request.user):
            return users
        return users.filter(pk__in=users_of_user_municipalities(request.user).values("pk"))

    return queryset


def _scoped_sites(request):
    from wagtail.models import Site

    return (
        Site.objects.filter(municipality__in=user_municipalities(request.user)).order_by(
            "site_name"
        )
        if not is_platform_operator(request.user)
        else Site.objects.all()
    )


def _patch_page_filters():
    from wagtail.admin.views.pages import listing

    filters = listing.PageFilterSet.base_filters
    filters["site"].queryset = _scoped_sites
    for name in ("owner", "edited_by"):
        filters[name].queryset = _scoped_users(filters[name].queryset)
    for subclass in (listing.GenericPageFilterSet,):
        for name in ("site", "owner", "edited_by"):
            subclass.base_filters[name].queryset = filters[name].queryset


def _patch_report_filters():
    from wagtail.admin.views.reports import locked_pages, workflows

    locked_by = locked_pages.LockedPagesReportFilterSet.base_filters["locked_by"]
    locked_by.queryset = _scoped_users(lambda request: locked_pages.get_users_for_filter())
    requested_by = workflows.WorkflowReportFilterSet.base_filters["requested_by"]
    requested_by.queryset = _scoped_users(workflows.get_requested_by_queryset)


def _patch_site_history_users():
    from wagtail.admin.views.reports import audit_logging

    def get_users_queryset(filterset):
        # Users behind the log entries this user may view (which are scoped below).
        return audit_logging.get_users_for_filter(filterset.request.user)

    audit_logging.SiteHistoryReportFilterSet.get_users_queryset = get_users_queryset


def _scoped_model_log_entries(queryset, user):
    """Keep log entries of scoped models only when their object is in the user's scope."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.permissions import policy_registry

    from .permissions import MunicipalityPermissionPolicy

    condition = Q()
    for content_type_id in set(queryset.values_list("content_type_id", flat=True).distinct()):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            condition |= Q(content_type_id=content_type_id)
            continue
        policy = policy_registry.get_by_type(model, fallback=False)
        if isinstance(policy, MunicipalityPermissionPolicy):
            ids = scope(model._default_manager.all(), user, policy.municipality_field)
        elif any(f.name == "collection" for f in model._meta.get_fields()) and hasattr(
            model, "file"
        ):
            ids = scope_by_collection(model._default_manager.all(), user)
        else:
            condition |= Q(content_type_id=content_type_id)
            continue
        object_ids = [str(pk) for pk in ids.values_list("pk", flat=True)]
        condition |= Q(content_type_id=content_type_id, object_id__in=object_ids)
    return queryset.filter(condition) if condition else queryset.none()


def _patch_log_entries():
    from wagtail.models import PageLogEntry
    from wagtail.models.audit_log import ModelLogEntry

    page_manager_class = type(PageLogEntry.objects)
    original_page = page_manager_class.viewable_by_user

    def page_viewable_by_user(self, user):
        entries = original_page(self, user)
        if is_platform_operator(user):
            return entries
        # Entries of deleted pages cannot be placed in a municipality: operators only.
        return scope_pages(entries, user, prefix="page__")

    page_manager_class.viewable_by_user = page_viewable_by_user

    model_manager_class = type(ModelLogEntry.objects)
    original_model = model_manager_class.viewable_by_user

    def model_viewable_by_user(self, user):
        entries = original_model(self, user)
        if is_platform_operator(user):
            return entries
        return _scoped_model_log_entries(entries, user)

    model_manager_class.viewable_by_user = model_viewable_by_user


def install():
    _patch_page_filters()
    _patch_report_filters()
    _patch_log_entries()
    _patch_site_history_users()
