"""Admin integration of tenancy: the municipality viewset and the scope on Wagtail's own views."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from .models import Municipality
from .permissions import MunicipalityObjectPermissionPolicy
from .scope import scope_pages

register_permission_policy(
    Municipality, MunicipalityObjectPermissionPolicy(Municipality), exact_class=True
)


class MunicipalityViewSet(ModelViewSet):
    """Operators list and edit every municipality; a municipal administrator only their own."""

    model = Municipality
    icon = "site"
    menu_label = _("Obce")
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["name", "kind", "ico", "hostname"]
    list_filter = ["kind"]
    search_fields = ["name", "ico"]
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_queryset(self, request):
        return Municipality.objects.for_user(request.user).select_related("site")


municipality_viewset = MunicipalityViewSet("municipalities")


@hooks.register("register_admin_viewset")
def register_municipality_viewset():
    return municipality_viewset


@hooks.register("construct_page_chooser_queryset")
def scope_page_chooser(pages, request):
    return scope_pages(pages, request.user)


@hooks.register("construct_explorer_page_queryset")
def scope_explorer(parent_page, pages, request):
    return scope_pages(pages, request.user)
