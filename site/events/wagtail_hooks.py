"""Admin of events: the per-municipality event types, and their permissions per role."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from municipalities.models import MunicipalityRole
from municipalities.roles import register_scoped_model_permissions
from municipalities.viewsets import MunicipalitySnippetViewSet

from .models import EventType


class EventTypeViewSet(MunicipalitySnippetViewSet):
    model = EventType
    icon = "tag"
    menu_label = _("Typy akcí")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "slug"]


register_snippet(EventTypeViewSet)

for role in MunicipalityRole:
    register_scoped_model_permissions(
        role, "events", "eventtype", ["add", "change", "delete", "view"]
    )
