from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from municipalities.viewsets import MunicipalitySnippetViewSet

from .models import Alert


class AlertViewSet(MunicipalitySnippetViewSet):
    model = Alert
    icon = "warning"
    menu_label = _("Upozornění")
    menu_order = 350
    add_to_admin_menu = True
    list_display = ["title", "level", "starts_at", "ends_at"]
    list_filter = ["level"]
    # Alert is indexed: the admin search uses its index (search_fields on the model).
    inspect_view_enabled = False


register_snippet(AlertViewSet)
