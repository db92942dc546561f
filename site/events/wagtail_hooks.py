"""Admin of events: the per-municipality event types."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

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
