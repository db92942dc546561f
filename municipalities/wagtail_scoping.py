"""Scope for the parts of Wagtail's admin that offer no hook of their own.

Wagtail lists other sites' names, users and log entries in a few places that take their
querysets from class attributes or manager methods rather than from a hook:

- the page explorer and search filters "Site", "Owner" and "Edited by";
- the "User" filter of the site history report;
- the "Locked by" filter of the locked pages report and "Requested by" of the workflow report;
- log entries behind "Site history" and every history view (``viewable_by_user``);
- the admin API's image and document endpoints;
- the objects of bulk actions (``?id=`` and ``?id=all``), whose confirmation pages list even
  the objects the user may not act on;
- tags: the tag autocomplete and the "popular tags" filters of images and documents list
  every tag in the database, i.e. other towns' tags too.

``install()`` (called from ``MunicipalitiesConfig.ready``) replaces exactly those querysets
with ones that pass through the municipality scope. Each replacement is a small function
here, so a Wagtail upgrade that renames something fails loudly in the isolation tests.
"""

from django.apps import apps
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


def instances_in_user_scope(model, user):
    """The instances of ``model`` in the user's scope; None for a model no municipality owns."""
    from wagtail.models import Page
    from wagtail.permissions import policy_registry

    from .permissions import MunicipalityPermissionPolicy

    instances = model._default_manager.all()
    if issubclass(model, Page):
        return scope_pages(instances, user)
    policy = policy_registry.get_by_type(model, fallback=False)
    if isinstance(policy, MunicipalityPermissionPolicy):
        return scope(instances, user, policy.municipality_field)
    if any(f.name == "collection" for f in model._meta.get_fields()) and hasattr(model, "file"):
        return scope_by_collection(instances, user)
    return None


def _scoped_model_log_entries(queryset, user):
    """Keep log entries of scoped models only when their object is in the user's scope."""
    from django.contrib.contenttypes.models import ContentType

    condition = Q()
    for content_type_id in set(queryset.values_list("content_type_id", flat=True).distinct()):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        ids = None if model is None else instances_in_user_scope(model, user)
        if ids is None:
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


def _patch_bulk_actions():
    """Bulk actions act on, and list, only objects in the user's scope.

    Wagtail lists the objects a user may not act on as well ("items with no access"), with
    their titles, and ``?id=all`` means every object of the model.
    """
    from wagtail.admin.views.bulk_action import BulkAction

    from .admin_guard import object_in_user_scope

    original = BulkAction.get_actionable_objects

    def get_actionable_objects(self):
        objects, extra = original(self)
        user = self.request.user
        if is_platform_operator(user):
            return objects, extra
        in_scope = [obj for obj in objects if object_in_user_scope(user, obj)]
        extra["items_with_no_access"] = [
            obj for obj in extra["items_with_no_access"] if object_in_user_scope(user, obj)
        ]
        return in_scope, extra

    BulkAction.get_actionable_objects = get_actionable_objects


# --- tags ----------------------------------------------------------------------------------


def _tag_through_models(tag_model):
    from taggit.models import ItemBase

    return [
        model
        for model in apps.get_models()
        if issubclass(model, ItemBase) and model._meta.get_field("tag").related_model is tag_model
    ]


def _tagged_items_in_scope(through, user):
    """The rows of a tag through model whose tagged object is in the user's scope."""
    from django.contrib.contenttypes.models import ContentType

    field_names = {f.name for f in through._meta.get_fields()}
    if "content_type" not in field_names:
        tagged_model = through._meta.get_field("content_object").related_model
        instances = instances_in_user_scope(tagged_model, user)
        if instances is None:
            return through.objects.none()
        return through.objects.filter(content_object__in=instances.values("pk"))
    condition = Q(pk__in=[])
    for content_type_id in through.objects.values_list("content_type_id", flat=True).distinct():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        instances = None if model is None else instances_in_user_scope(model, user)
        if instances is not None:
            condition |= Q(content_type_id=content_type_id, object_id__in=instances.values("pk"))
    return through.objects.filter(condition)


def tags_in_user_scope(user, tag_model=None):
    """Tags used by objects in the user's scope (operators: every tag)."""
    from taggit.models import Tag

    tag_model = tag_model or Tag
    if is_platform_operator(user):
        return tag_model.objects.all()
    condition = Q(pk__in=[])
    for through in _tag_through_models(tag_model):
        condition |= Q(pk__in=_tagged_items_in_scope(through, user).values("tag_id"))
    return tag_model.objects.filter(condition)


def popular_tags_for_user(model, user, count=10):
    """``popular_tags_for_model`` counting only the objects in the user's scope."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Count
    from taggit.models import Tag
    from wagtail.admin.models import popular_tags_for_model

    if is_platform_operator(user):
        return popular_tags_for_model(model, count)
    instances = instances_in_user_scope(model, user)
    if instances is None:
        return Tag.objects.none()
    return (
        Tag.objects.filter(
            taggit_taggeditem_items__content_type=ContentType.objects.get_for_model(model),
            taggit_taggeditem_items__object_id__in=instances.values("pk"),
        )
        .annotate(item_count=Count("taggit_taggeditem_items"))
        .order_by("-item_count")[:count]
    )


def scoped_tag_autocomplete(request, app_name=None, model_name=None):
    """Wagtail's tag autocomplete, suggesting only tags used in the user's scope."""
    from django.contrib.contenttypes.models import ContentType
    from django.http import Http404, JsonResponse
    from taggit.models import Tag, TagBase
    from wagtail.admin.views.tags import TAGS_AUTOCOMPLETE_LIMIT

    tag_model = Tag
    if app_name and model_name:
        try:
            content_type = ContentType.objects.get_by_natural_key(app_name, model_name)
        except ContentType.DoesNotExist as error:
            raise Http404 from error
        tag_model = content_type.model_class()
        if tag_model is None or not issubclass(tag_model, TagBase):
            raise Http404
    term = request.GET.get("term", "")
    if not term:
        return JsonResponse([], safe=False)
    names = (
        tags_in_user_scope(request.user, tag_model)
        .filter(name__istartswith=term)
        .order_by("name")
        .values_list("name", flat=True)[:TAGS_AUTOCOMPLETE_LIMIT]
    )
    return JsonResponse(list(names), safe=False)


def _patch_tags():
    from wagtail.admin import filters
    from wagtail.admin.views import tags
    from wagtail.images.views import chooser

    # wagtail.admin.urls reads ``tags.autocomplete`` when the URLconf is first imported,
    # which is after the apps are ready.
    tags.autocomplete = scoped_tag_autocomplete

    original_init = filters.BaseMediaFilterSet.__init__

    def media_filterset_init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        if "tag" not in self.filters or is_platform_operator(self.request.user):
            return
        popular = popular_tags_for_user(self._meta.model, self.request.user)
        if popular:
            self.filters["tag"].extra["choices"] = [(tag.name, tag.name) for tag in popular]
        else:
            del self.filters["tag"]

    filters.BaseMediaFilterSet.__init__ = media_filterset_init

    original_context = chooser.ImageChooseViewMixin.get_context_data

    def image_chooser_context(self, **kwargs):
        context = original_context(self, **kwargs)
        context["popular_tags"] = popular_tags_for_user(self.model, self.request.user)
        return context

    chooser.ImageChooseViewMixin.get_context_data = image_chooser_context


def install():
    _patch_page_filters()
    _patch_report_filters()
    _patch_log_entries()
    _patch_site_history_users()
    _patch_bulk_actions()
    _patch_tags()
