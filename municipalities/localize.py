"""wagtail-localize's admin views, held to the municipality scope and to page permissions.

Editors may "Translate this page" (``submit_translation``), but three of wagtail-localize's
views check nothing beyond that permission: "Sync translated pages" can publish without
publish permission, the translations report lists every town's translations, and the snippet
API lists every town's snippets. These subclasses close those gaps; ``admin_urlpatterns``
mounts them at the same paths, before Wagtail's admin URLs, so they win.
"""

from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail_localize.views.report import TranslationsReportView
from wagtail_localize.views.snippets_api import SnippetViewSet
from wagtail_localize.views.update_translations import UpdateTranslationsView

from .scope import is_platform_operator, scope_pages


class ScopedUpdateTranslationsView(UpdateTranslationsView):
    def user_can_publish_translations(self):
        source = self.object.get_source_instance()
        if not isinstance(source, Page):
            return True
        user = self.request.user
        pages = [source, *source.get_translations()]
        return all(page.permissions_for_user(user).can_publish() for page in pages)

    def get_form(self):
        form = super().get_form()
        if not self.user_can_publish_translations():
            # A disabled field ignores the submitted value: the sync saves drafts only.
            form.fields["publish_translations"].disabled = True
        return form


class ScopedTranslationsReportView(TranslationsReportView):
    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if is_platform_operator(user):
            return queryset
        keys = scope_pages(Page.objects.all(), user).values("translation_key")
        return queryset.filter(source__object_id__in=keys).order_by("-created_at", "pk")


class ScopedSnippetViewSet(SnippetViewSet):
    def get_queryset(self):
        policy = policy_registry.get_by_type(self.get_model())
        return policy.instances_user_has_any_permission_for(
            self.request.user, ["add", "change", "delete", "view"]
        )


admin_urlpatterns = [
    path(
        "localize/update/<int:translation_source_id>/",
        require_admin_access(ScopedUpdateTranslationsView.as_view()),
    ),
    path(
        "localize/reports/translations/",
        require_admin_access(ScopedTranslationsReportView.as_view()),
    ),
    path(
        "localize/reports/translations/results/",
        require_admin_access(ScopedTranslationsReportView.as_view(results_only=True)),
    ),
    path(
        "localize/api/snippets/<slug:app_label>/<slug:model_name>/",
        require_admin_access(ScopedSnippetViewSet.as_view({"get": "list"})),
    ),
]
