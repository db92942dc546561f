"""Admin viewsets whose every view is scoped to the user's municipalities.

Wagtail's snippet and model viewsets filter only their listing; edit, delete, inspect,
history, usage, revisions, lock and chooser views fetch by primary key (wagtail#10746).
``MunicipalityScopedViewSetMixin`` closes that in one place: every URL of the viewset that
carries an object id answers 404 unless the object is in the user's scope, and the listing,
the chooser and the form's municipality field use the same scope.
"""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.http import Http404
from django.urls.resolvers import URLPattern
from django.utils import translation
from django.utils.translation import gettext_lazy
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.views import chooser as snippet_chooser
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .permissions import MunicipalityPermissionPolicy
from .scope import scope, scope_records

OBJECT_URL_KWARGS = ("pk", "object_id")


def scoped_object_view(view, get_scoped_queryset):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        for kwarg in OBJECT_URL_KWARGS:
            if kwarg in kwargs:
                pk = unquote(str(kwargs[kwarg]))
                try:
                    exists = get_scoped_queryset(request).filter(pk=pk).exists()
                except (ValueError, TypeError):
                    exists = False
                if not exists:
                    raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def scoped_index_view_class(base, scope_queryset):
    def get_base_queryset(view):
        queryset = super(scoped, view).get_base_queryset()
        return scope_queryset(queryset, view.request)

    attributes = {"get_base_queryset": get_base_queryset, "_scoped": True}
    scoped = type(base.__name__, (base,), attributes)
    return scoped


class MunicipalityScopedViewSetMixin:
    municipality_field = "municipality"
    #: for records split below the town by module roles (``Module.roles``): the field naming
    #: the record's ``TownOrganisation``; with it (or ``role_scoped = True`` for roles given
    #: per record only) a user sees the town's records only where a town group of theirs has
    #: a permission on the model, elsewhere those of their organisations and records
    #: (``scope.scope_records``)
    organisation_field = None
    role_scoped = False

    def get_scoped_queryset(self, request):
        return self.scope_queryset(self.model._default_manager.all(), request)

    def scope_queryset(self, queryset, request):
        """``queryset`` narrowed as ``get_scoped_queryset`` narrows the model's records."""
        if self.role_scoped or self.organisation_field:
            return scope_records(
                queryset, request.user, self.municipality_field, self.organisation_field
            )
        return scope(queryset, request.user, self.municipality_field)

    def get_queryset(self, request):
        return self.get_scoped_queryset(request)

    def construct_view(self, view_class, **kwargs):
        """The listing: Wagtail's ModelViewSet has no queryset hook, so wrap its view class,
        whatever class the viewset names (a subclass setting ``index_view_class`` too).

        The filter names the municipality field itself (not ``pk__in``): the admin search
        of an indexed model accepts only filters on its ``index.FilterField``s.
        """
        if issubclass(view_class, IndexView) and not getattr(view_class, "_scoped", False):
            view_class = scoped_index_view_class(view_class, self.scope_queryset)
        return super().construct_view(view_class, **kwargs)

    def register_permissions(self):
        if not policy_registry.get_by_type(self.model, fallback=False):
            register_permission_policy(
                self.model,
                MunicipalityPermissionPolicy(
                    self.model,
                    municipality_field=self.municipality_field,
                    organisation_field=self.organisation_field,
                    role_scoped=self.role_scoped,
                ),
                exact_class=True,
            )
        super().register_permissions()

    def get_urlpatterns(self):
        patterns = []
        for pattern in super().get_urlpatterns():
            if isinstance(pattern, URLPattern) and any(
                f"<{kwarg}>" in str(pattern.pattern) or f":{kwarg}>" in str(pattern.pattern)
                for kwarg in OBJECT_URL_KWARGS
            ):
                pattern.callback = scoped_object_view(pattern.callback, self.get_scoped_queryset)
            patterns.append(pattern)
        return patterns


def _scoped_chooser_views(get_scoped_queryset):
    class ChooseView(snippet_chooser.ChooseView):
        def get_object_list(self):
            return get_scoped_queryset(self.request)

    class ChooseResultsView(snippet_chooser.ChooseResultsView):
        def get_object_list(self):
            return get_scoped_queryset(self.request)

    class ChosenView(snippet_chooser.SnippetChosenView):
        def get(self, request, pk):
            self._request = request
            return super().get(request, pk)

        def get_object(self, pk):
            return get_scoped_queryset(self._request).get(pk=pk)

    class ChosenMultipleView(snippet_chooser.SnippetChosenMultipleView):
        def get_objects(self, pks):
            return get_scoped_queryset(self.request).filter(pk__in=pks)

    return ChooseView, ChooseResultsView, ChosenView, ChosenMultipleView


class MunicipalitySnippetViewSet(MunicipalityScopedViewSetMixin, SnippetViewSet):
    """Base for every municipal snippet (people, places, alerts, module code lists...)."""

    @property
    def breadcrumbs_items(self):
        # Wagtail translates its labels ("Home", "Snippets") with gettext when the URLs are
        # built, so in the default language: an English admin would read "Domů". Its msgids,
        # translated for each request instead.
        with translation.override(None):
            items = super().breadcrumbs_items
        return [{**item, "label": gettext_lazy(str(item["label"]))} for item in items]

    @property
    def chooser_viewset(self):
        choose, results, chosen, chosen_multiple = _scoped_chooser_views(self.get_scoped_queryset)
        viewset_class = type(
            "MunicipalitySnippetChooserViewSet",
            (SnippetChooserViewSet,),
            {
                "choose_view_class": choose,
                "choose_results_view_class": results,
                "chosen_view_class": chosen,
                "chosen_multiple_view_class": chosen_multiple,
            },
        )
        return viewset_class(
            self.get_chooser_admin_url_namespace(),
            model=self.model,
            url_prefix=self.get_chooser_admin_base_path(),
            icon=self.icon,
            per_page=self.chooser_per_page,
        )


class MunicipalityModelViewSet(MunicipalityScopedViewSetMixin, ModelViewSet):
    """Base for module record viewsets that are not snippets."""
