"""Admin forms for municipal records."""

from wagtail.admin.forms import WagtailAdminModelForm

from .scope import user_municipalities


class MunicipalityScopedForm(WagtailAdminModelForm):
    """Offers only the user's municipalities, preselected when there is just one."""

    municipality_field = "municipality"

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        field = self.fields.get(self.municipality_field)
        if field is not None and for_user is not None:
            allowed = user_municipalities(for_user)
            field.queryset = allowed
            if not self.instance.pk and allowed.count() == 1:
                field.initial = allowed.first().pk
                field.empty_label = None
