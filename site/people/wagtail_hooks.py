from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from municipalities.viewsets import MunicipalitySnippetViewSet

from .models import Person


class PersonViewSet(MunicipalitySnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("Osoby")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["full_name", "position", "email", "phone"]
    search_fields = ["first_name", "last_name", "position"]


register_snippet(PersonViewSet)
