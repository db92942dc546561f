"""The budget module's admin menu (the module itself is declared in apps.py).

"Rozpočet" in the admin groups the import, the fiscal years, the events (projects) and the
organisational units. Every viewset is scoped to the user's municipalities.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.viewsets.base import ViewSetGroup

from municipalities.forms import MunicipalityScopedForm
from municipalities.viewsets import MunicipalityModelViewSet
from radnice.core.imports.views import ImportViewSet

from .apps import MENU_NAME
from .imports import budget_importer
from .models import Event, FiscalYear, OrganisationalUnit


class FiscalYearViewSet(MunicipalityModelViewSet):
    """Years come from imports; editors set the "data valid as of" date or delete a year."""

    model = FiscalYear
    icon = "date"
    menu_label = _("Rozpočtové roky")
    list_display = ["year", "municipality", "valid_as_of", "imported_at"]
    list_filter = ["year"]
    inspect_view_enabled = False
    copy_view_enabled = False
    edit_handler = ObjectList([FieldPanel("valid_as_of")])


class CodedRecordViewSet(MunicipalityModelViewSet):
    """Events and units: created with their code; afterwards only the texts can change,
    because the accounting refers to them by code and municipality."""

    inspect_view_enabled = False
    copy_view_enabled = False
    search_fields = ["name", "code"]
    create_panels = []
    edit_panels = []

    def get_edit_handler(self):
        return ObjectList(self.edit_panels, base_form_class=MunicipalityScopedForm).bind_to_model(
            self.model
        )

    def get_add_view_kwargs(self, **kwargs):
        panel = ObjectList(self.create_panels, base_form_class=MunicipalityScopedForm)
        panel = panel.bind_to_model(self.model)
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)


class EventViewSet(CodedRecordViewSet):
    model = Event
    icon = "calendar-alt"
    menu_label = _("Akce a projekty")
    list_display = ["code", "name", "municipality"]
    search_fields = ["name", "description"]
    create_panels = [
        FieldPanel("municipality"),
        FieldRowPanel([FieldPanel("code"), FieldPanel("name")]),
        FieldPanel("description"),
    ]
    edit_panels = [FieldPanel("name"), FieldPanel("description")]


class OrganisationalUnitViewSet(CodedRecordViewSet):
    model = OrganisationalUnit
    icon = "group"
    menu_label = _("Organizační jednotky")
    list_display = ["code", "name", "municipality"]
    search_fields = ["name"]
    create_panels = [
        FieldPanel("municipality"),
        FieldRowPanel([FieldPanel("code"), FieldPanel("name")]),
    ]
    edit_panels = [FieldPanel("name")]


class BudgetViewSetGroup(ViewSetGroup):
    menu_label = _("Rozpočet")
    menu_icon = "table"
    menu_name = MENU_NAME
    menu_order = 400
    items = (
        ImportViewSet(budget_importer),
        FiscalYearViewSet("budget_years", url_prefix="rozpocet/roky"),
        EventViewSet("budget_events", url_prefix="rozpocet/akce"),
        OrganisationalUnitViewSet("budget_units", url_prefix="rozpocet/jednotky"),
    )


@hooks.register("register_admin_viewset")
def register_budget_viewsets():
    return BudgetViewSetGroup()


@hooks.register("register_log_actions")
def register_budget_log_actions(actions):
    actions.register_action(
        "budget.import", _("Import rozpočtových dat"), _("Nahrána rozpočtová data")
    )
