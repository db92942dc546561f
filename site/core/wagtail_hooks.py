"""Core admin hooks: the town taxonomies' menu, two-factor log-in, document serving.

The admin of every town taxonomy: one menu "Číselníky" with a scoped listing per taxonomy.

Each concrete subclass of ``radnice.core.taxonomy.Taxonomy`` (notice types, event types,
news types...) gets a ``TaxonomyViewSet`` here, so a new taxonomy needs no admin code.
"""

from django.apps import apps
from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from municipalities.viewsets import MunicipalitySnippetViewSet
from radnice.core.collation import czech_sort_key

from .documents import document_is_published, user_may_edit_document
from .taxonomy import Taxonomy
from .two_factor import two_factor_view


class TaxonomyViewSet(MunicipalitySnippetViewSet):
    """The base of a taxonomy's admin; its menu label is the model's plural name."""

    icon = "tag"
    list_display = ["name", "slug"]
    inspect_view_enabled = False


def taxonomy_models():
    """Every concrete taxonomy, in Czech order of its plural name (the menu's order)."""
    models = [model for model in apps.get_models() if issubclass(model, Taxonomy)]
    return sorted(models, key=lambda model: czech_sort_key(str(model._meta.verbose_name_plural)))


def taxonomy_viewsets():
    return tuple(
        type(f"{model.__name__}ViewSet", (TaxonomyViewSet,), {"model": model})
        for model in taxonomy_models()
    )


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    items = taxonomy_viewsets()
    menu_icon = "tag"
    menu_label = _("Číselníky")
    menu_name = "ciselniky"
    menu_order = 310


register_snippet(TaxonomyViewSetGroup)

# --- two-factor log-in for staff ---------------------------------------------------------


@hooks.register("register_admin_urls")
def register_two_factor_url():
    return [path("dvoufazove-overeni/", two_factor_view, name="radnice_two_factor")]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("radnice_two_factor"),
        "label": _("Dvoufázové ověření"),
        "help_text": _("Přihlašování s kódem z aplikace v telefonu (TOTP)."),
    }


# --- document serving: only what something published links to (radnice.core.documents) ---


@hooks.register("before_serve_document")
def serve_only_documents_something_published_links_to(document, request):
    if user_may_edit_document(request, document) or document_is_published(document, request):
        return None
    raise Http404


@hooks.register("register_log_actions")
def register_core_log_actions(actions):
    actions.register_action(
        "radnice.second_factor_reset",
        _("Zrušení dvoufázového ověření"),
        _("Dvoufázové ověření zrušeno (ztracené zařízení)"),
    )
