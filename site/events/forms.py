"""Admin form of event pages: event types only of the page's own municipality."""

from wagtail.admin.forms import WagtailAdminPageForm


class EventPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("types")
        if field is None:
            return
        from .models import EventType
        from .queries import municipality_for_page

        page = self.instance if self.instance.pk else self.parent_page
        municipality = municipality_for_page(page)
        field.queryset = (
            EventType.objects.filter(municipality=municipality)
            if municipality
            else EventType.objects.none()
        )
