"""Guard for admin URLs that carry object ids: another municipality's ids answer 404.

Wagtail's page explorer, page actions, image and document views, settings and
wagtail-localize's translation views take object ids from the URL. Some of them check only
model-level permissions, or show the object (its title at least) before checking anything;
the explorer renders any page below the user's "explorable root", which for a town with
translated trees is the tree root itself. Rather than patch each view, this middleware
resolves the ids a URL carries (in its path, or in ``?id=`` for the choosers' "chosen
multiple" views) and refuses the request unless every object is in the
user's scope. Superusers (the platform operator) pass unchecked.
"""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from .scope import (
    is_platform_operator,
    page_in_user_scope,
    scope,
    scope_by_collection,
    user_collection_paths,
)

# Menu item names and URL names of reports that count or list every site's pages; they
# cannot be narrowed to one municipality without rewriting them, so only operators see them.
OPERATOR_ONLY_REPORTS = {"page-types-usage"}
OPERATOR_ONLY_URL_NAMES = {
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_reports:page_types_usage_results",
}

PAGE_KWARGS = {"page_id", "parent_page_id", "destination_id", "page_to_move_id", "page_pk"}
# URL namespaces whose ``pk`` (or other kwarg) names an object of a known kind.
PK_KINDS = {
    "wagtailadmin_api": "page",
    "wagtailimages_chooser": "image",
    "wagtaildocs_chooser": "document",
    "wagtailsettings": "site",
}
# Views that take the ids of the objects they show from the query string (``?id=1&id=2``);
# bulk actions do too, but their objects are filtered in ``wagtail_scoping``.
QUERY_ID_KINDS = {
    "wagtailadmin_choose_page_chosen_multiple": "page",
    "wagtailimages_chooser:chosen_multiple": "image",
    "wagtaildocs_chooser:chosen_multiple": "document",
}
KWARG_KINDS = {
    "image_id": "image",
    "doc_id": "document",
    "document_id": "document",
    "translation_id": "translation",
    "translation_source_id": "translation_source",
}


def _page_allowed(user, page_id):
    page = Page.objects.filter(pk=page_id).only("path", "depth").first()
    if page is None:
        return True  # let the view answer its own 404
    return page.depth == 1 or page_in_user_scope(user, page)


def _collection_member_allowed(user, model, pk):
    if not model.objects.filter(pk=pk).exists():
        return True
    return scope_by_collection(model.objects.filter(pk=pk), user).exists()


def _site_allowed(user, pk):
    from .models import Municipality

    if not Site.objects.filter(pk=pk).exists():
        return True
    return scope(Municipality.objects.filter(site_id=pk), user, "pk").exists()


def _translation_object(kind, pk):
    from wagtail_localize.models import Translation, TranslationSource

    if kind == "translation":
        translation = Translation.objects.filter(pk=pk).select_related("source").first()
        source = translation.source if translation else None
    else:
        source = TranslationSource.objects.filter(pk=pk).first()
    if source is None:
        return None
    try:
        return source.get_source_instance()
    except Exception:  # a source whose object is gone
        return None


def object_in_user_scope(user, instance):
    """Whether an object of any kind (page, image, municipal record...) is in the user's scope."""
    if instance is None:
        return True
    if isinstance(instance, Page):
        return page_in_user_scope(user, instance)
    collection = getattr(instance, "collection", None)
    if collection is not None and hasattr(instance, "file"):
        return any(collection.path.startswith(p) for p in user_collection_paths(user))
    from wagtail.permissions import policy_registry

    from .permissions import MunicipalityPermissionPolicy

    policy = policy_registry.get_by_type(type(instance), fallback=False)
    if isinstance(policy, MunicipalityPermissionPolicy):
        return scope(
            type(instance).objects.filter(pk=instance.pk), user, policy.municipality_field
        ).exists()
    return True


def _model_instance_allowed(user, app_label, model_name, pk):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return True
    instance = model._default_manager.filter(pk=pk).first()
    return object_in_user_scope(user, instance)


def request_is_in_scope(user, namespace, kwargs, query_kind=None, query_ids=()):
    checks = [(query_kind, value) for value in query_ids if query_kind and value.isdigit()]
    for name, value in kwargs.items():
        if name in PAGE_KWARGS:
            checks.append(("page", value))
        elif name in KWARG_KINDS:
            checks.append((KWARG_KINDS[name], value))
        elif name == "pk" and namespace in PK_KINDS:
            checks.append((PK_KINDS[namespace], value))
    if {"app_label", "model_name", "pk"} <= kwargs.keys() and namespace != "wagtailsettings":
        checks.append(("model", (kwargs["app_label"], kwargs["model_name"], kwargs["pk"])))

    for kind, value in checks:
        if kind == "page" and not _page_allowed(user, value):
            return False
        if kind == "image" and not _collection_member_allowed(user, get_image_model(), value):
            return False
        if kind == "document" and not _collection_member_allowed(user, get_document_model(), value):
            return False
        if kind == "site" and not _site_allowed(user, value):
            return False
        if kind in ("translation", "translation_source") and not object_in_user_scope(
            user, _translation_object(kind, value)
        ):
            return False
        if kind == "model" and not _model_instance_allowed(user, *value):
            return False
    return True


class AdminScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        user = getattr(request, "user", None)
        if match is None or user is None or not user.is_authenticated:
            return None
        if is_platform_operator(user) or not request.path_info.startswith("/admin/"):
            return None
        if match.view_name in OPERATOR_ONLY_URL_NAMES:
            raise PermissionDenied
        query_kind = QUERY_ID_KINDS.get(match.view_name)
        if not view_kwargs and not query_kind:
            return None
        namespace = match.namespaces[0] if match.namespaces else match.url_name
        query_ids = request.GET.getlist("id") if query_kind else ()
        if not request_is_in_scope(user, namespace, view_kwargs, query_kind, query_ids):
            raise Http404
        return None
