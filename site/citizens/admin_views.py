"""Citizens' organisations in the admin: the town's staff list and inspect them, read-only.

The organisation's own správci keep its data (Můj úřad → Organizace); staff see which
organisations of their town exist, with their members. Nobody changes them here, the
operator neither: the read-only permission policy refuses adding, editing and deleting.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permissions import register_permission_policy

from municipalities.forms import MunicipalityScopedForm
from municipalities.permissions import MunicipalityPermissionPolicy
from municipalities.viewsets import MunicipalityModelViewSet

from .models import Organisation

READ_ONLY_ACTIONS = {"view"}


class ReadOnlyMunicipalityPolicy(MunicipalityPermissionPolicy):
    def user_has_permission(self, user, action):
        return action in READ_ONLY_ACTIONS and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action in READ_ONLY_ACTIONS]
        return super().users_with_any_permission(actions)


register_permission_policy(Organisation, ReadOnlyMunicipalityPolicy(Organisation), exact_class=True)


class OrganisationViewSet(MunicipalityModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organizace občanů")
    menu_name = "organizace-obcanu"
    add_to_admin_menu = True
    menu_order = 850
    list_display = ["name", "ico", "address", "municipality", "created_at"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "ico",
        "address",
        "data_box",
        "representative",
        "municipality",
    ]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("ico"),
            FieldPanel("address"),
            FieldPanel("data_box"),
            FieldPanel("representative"),
        ],
        base_form_class=MunicipalityScopedForm,
    )


organisation_viewset = OrganisationViewSet("citizen_organisations")
