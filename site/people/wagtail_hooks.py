"""Admin for people, departments and places: one "Kontakty" menu, every view scoped."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from municipalities.viewsets import MunicipalitySnippetViewSet

from .models import Department, Person, Place


class PersonViewSet(MunicipalitySnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("Osoby")
    list_display = ["full_name", "position", "department", "email", "phone"]
    # Person is indexed: the admin search uses its index (search_fields on the model), which
    # on SQLite's full-text table cannot be restricted to named fields.


class DepartmentViewSet(MunicipalitySnippetViewSet):
    model = Department
    icon = "group"
    menu_label = _("Odbory a oddělení")
    list_display = ["name", "order"]
    search_fields = ["name"]
    ordering = ["order", "name"]


class PlaceViewSet(MunicipalitySnippetViewSet):
    model = Place
    icon = "site"
    menu_label = _("Místa")
    list_display = ["name", "address", "phone"]
    search_fields = ["name", "street", "city"]


class ContactsViewSetGroup(SnippetViewSetGroup):
    items = (PersonViewSet, DepartmentViewSet, PlaceViewSet)
    menu_icon = "group"
    menu_label = _("Kontakty")
    # The name the people menu item had before it became this group: hooks that hide menu
    # items by name (municipalities.registry) keep working.
    menu_name = "osoby"
    menu_order = 300


register_snippet(ContactsViewSetGroup)
