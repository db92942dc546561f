"""Admin integration of tenancy: the municipality viewset and the scope on Wagtail's own views."""

from collections import Counter

from django.contrib import messages
from django.db import router
from django.db.models import ProtectedError
from django.db.models.deletion import Collector
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.views.generic import DeleteView
from wagtail.permissions import register_permission_policy

from .admin_guard import OPERATOR_ONLY_REPORTS
from .forms import (
    ModuleRoleAssignmentForm,
    ModuleSettingsForm,
    MunicipalityCreateForm,
    MunicipalityForm,
    TownOrganisationForm,
)
from .models import ModuleRoleAssignment, ModuleSettings, Municipality, TownOrganisation
from .permissions import MunicipalityObjectPermissionPolicy
from .registry import get_modules
from .scope import is_platform_operator, scope_by_collection, scope_pages, user_municipalities
from .views import MunicipalityCreateView, MunicipalityEditView
from .viewsets import MunicipalityModelViewSet

register_permission_policy(
    Municipality, MunicipalityObjectPermissionPolicy(Municipality), exact_class=True
)


class MunicipalityViewSet(MunicipalityModelViewSet):
    """Operators list and edit every municipality; a municipal administrator only their own."""

    model = Municipality
    municipality_field = "pk"
    icon = "site"
    menu_label = _("Obce")
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["name", "kind", "ico", "site"]
    list_filter = ["kind"]
    search_fields = ["name", "ico"]
    inspect_view_enabled = False
    copy_view_enabled = False
    add_view_class = MunicipalityCreateView
    edit_view_class = MunicipalityEditView
    edit_handler = ObjectList(Municipality.panels, base_form_class=MunicipalityForm)

    create_panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldRowPanel([FieldPanel("kind"), FieldPanel("ico")])],
            heading=_("Identifikace"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("hostname"), FieldPanel("port")]), FieldPanel("theme")],
            heading=_("Web"),
        ),
        FieldPanel("languages"),
        FieldPanel("administrator_email"),
    ]

    def get_add_view_kwargs(self, **kwargs):
        panel = ObjectList(self.create_panels, base_form_class=MunicipalityCreateForm)
        panel = panel.bind_to_model(self.model)
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)


municipality_viewset = MunicipalityViewSet("municipalities")


@hooks.register("register_admin_viewset")
def register_municipality_viewset():
    return municipality_viewset


class DeclaredSettingsPanel(Panel):
    """The fields of the settings a module declares (``ModuleSettingsForm``)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "municipalities/panels/declared_settings.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            names = getattr(self.form, "declared_setting_names", [])
            context["fields"] = [self.form[name] for name in names]
            return context


class ModuleSettingsViewSet(MunicipalityModelViewSet):
    """ "Nastavení modulů": a town's settings and secrets of each module (town administrators)."""

    model = ModuleSettings
    icon = "cogs"
    menu_label = _("Nastavení modulů")
    add_to_settings_menu = True
    list_display = ["module_label", "municipality", "updated_at"]
    list_filter = ["municipality"]
    inspect_view_enabled = False
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("municipality"), FieldPanel("module")]),
            DeclaredSettingsPanel(heading=_("Nastavení")),
        ],
        base_form_class=ModuleSettingsForm,
    )


class TownOrganisationDeleteView(DeleteView):
    """Module records (a shop's products, later orders) keep their organisation (``PROTECT``):
    an organisation that still has them is not deleted, and the administrator is told why.
    Asked of the database itself (Django's deletion collector), before Wagtail's own check,
    which knows only what its reference index has indexed so far."""

    def form_valid(self, form):
        try:
            Collector(using=router.db_for_write(TownOrganisation)).collect([self.object])
        except ProtectedError as error:
            counts = Counter(str(record._meta.verbose_name) for record in error.protected_objects)
            records = ", ".join(f"{name} ({count})" for name, count in sorted(counts.items()))
            messages.error(
                self.request,
                _(
                    "Organizaci „%(organisation)s“ nelze smazat, patří k ní záznamy modulů: "
                    "%(records)s. Nejdříve je smažte, nebo je převeďte na jinou organizaci."
                )
                % {"organisation": self.object, "records": records},
            )
            return redirect(self.index_url_name)
        return super().form_valid(form)


class TownOrganisationViewSet(MunicipalityModelViewSet):
    """ "Organizace obce": the town hall, schools, clubs... that module records belong to."""

    model = TownOrganisation
    icon = "group"
    menu_label = _("Organizace obce")
    add_to_settings_menu = True
    list_display = ["name", "kind", "ico", "municipality"]
    list_filter = ["kind"]
    search_fields = ["name", "ico"]
    inspect_view_enabled = False
    copy_view_enabled = False
    edit_handler = ObjectList(TownOrganisation.panels, base_form_class=TownOrganisationForm)
    delete_view_class = TownOrganisationDeleteView


class ModuleRoleAssignmentViewSet(MunicipalityModelViewSet):
    """ "Role v modulech": module roles of the town's staff, per organisation or record."""

    model = ModuleRoleAssignment
    icon = "user"
    menu_label = _("Role v modulech")
    add_to_settings_menu = True
    list_display = ["role_label", "user", "organisation", "record_id", "municipality"]
    inspect_view_enabled = False
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("municipality"),
            FieldPanel("user"),
            FieldPanel("role_key"),
            FieldRowPanel([FieldPanel("organisation"), FieldPanel("record")]),
        ],
        base_form_class=ModuleRoleAssignmentForm,
    )


module_settings_viewset = ModuleSettingsViewSet("module_settings")
town_organisation_viewset = TownOrganisationViewSet("town_organisations")
module_role_viewset = ModuleRoleAssignmentViewSet("module_roles")


@hooks.register("register_admin_viewset")
def register_town_module_viewsets():
    return [module_settings_viewset, town_organisation_viewset, module_role_viewset]


@hooks.register("construct_page_chooser_queryset")
def scope_page_chooser(pages, request):
    return scope_pages(pages, request.user)


@hooks.register("construct_explorer_page_queryset")
def scope_explorer(parent_page, pages, request):
    return scope_pages(pages, request.user)


# --- the admin API's image and document endpoints -------------------------------------------


def _scoped_api_endpoint(base):
    class ScopedEndpoint(base):
        def get_queryset(self):
            return scope_by_collection(super().get_queryset(), self.request.user)

    ScopedEndpoint.__name__ = f"Scoped{base.__name__}"
    return ScopedEndpoint


@hooks.register("construct_admin_api", order=100)
def scope_admin_api(router):
    from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
    from wagtail.images.api.admin.views import ImagesAdminAPIViewSet

    router.register_endpoint("images", _scoped_api_endpoint(ImagesAdminAPIViewSet))
    router.register_endpoint("documents", _scoped_api_endpoint(DocumentsAdminAPIViewSet))


# --- modules: menu items of modules that none of the user's municipalities has switched on ---


@hooks.register("construct_main_menu")
def hide_switched_off_modules(request, menu_items):
    if is_platform_operator(request.user):
        return
    enabled = set()
    for municipality in user_municipalities(request.user):
        enabled.update(municipality.enabled_modules or [])
    hidden = {
        name
        for module in get_modules()
        if module.name not in enabled
        for name in module.menu_item_names
    }
    menu_items[:] = [item for item in menu_items if item.name not in hidden]


# --- reports that cannot be scoped: platform operators only ----------------------------------


@hooks.register("construct_reports_menu")
def hide_operator_reports(request, menu_items):
    if not is_platform_operator(request.user):
        menu_items[:] = [item for item in menu_items if item.name not in OPERATOR_ONLY_REPORTS]


# --- public document serving: a document answers only on its own municipality's site --------


@hooks.register("before_serve_document")
def serve_documents_only_on_their_own_site(document, request):
    municipality = getattr(request, "municipality", None)
    collection_paths = (
        [municipality.collection.path] if municipality and municipality.collection else []
    )
    if not any(document.collection.path.startswith(path) for path in collection_paths):
        raise Http404
