"""Admin form of event pages: event types only of the page's own municipality, and the
main image's alt text."""

from municipalities.forms import MunicipalityScopedPageForm
from radnice.core.main_image import MainImageAltTextFormMixin


class EventPageForm(MainImageAltTextFormMixin, MunicipalityScopedPageForm):
    """Event types and directory places only of the page's own municipality."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from municipalities.scope import municipality_of_page
        from radnice.people.models import Place

        from .models import EventType

        page = self.instance if self.instance.pk else self.parent_page
        municipality = municipality_of_page(page)
        for name, model in (("types", EventType), ("place", Place)):
            field = self.fields.get(name)
            if field is not None:
                field.queryset = (
                    model.objects.filter(municipality=municipality)
                    if municipality
                    else model.objects.none()
                )
