"""Admin form of a news page: types, persons and images only of the page's own town.

Wagtail's form fields accept (and its chooser widgets display) any record by id; the page's
town is the one whose tree holds its parent page, and every choice is narrowed to it.
"""

from wagtail.images import get_image_model

from municipalities.forms import MunicipalityScopedPageForm
from municipalities.scope import municipality_of_page
from radnice.core.main_image import MainImageAltTextFormMixin


def restrict_choices(field, queryset):
    """Accept only ``queryset``; a chooser widget re-displaying a refused id shows nothing."""
    field.queryset = queryset
    widget = field.widget
    if hasattr(widget, "get_instance"):
        original = widget.get_instance

        def get_instance(value):
            instance = original(value)
            if instance is not None and not queryset.filter(pk=instance.pk).exists():
                return None
            return instance

        widget.get_instance = get_instance


def images_of(municipality):
    images = get_image_model().objects.all()
    if municipality is None or municipality.collection is None:
        return images.none()
    return images.filter(collection__path__startswith=municipality.collection.path)


class NewsPageForm(MainImageAltTextFormMixin, MunicipalityScopedPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from radnice.people.models import Person

        from .models import NewsType

        page = self.parent_page if self.parent_page is not None else self.instance
        municipality = municipality_of_page(page)
        if "news_type" in self.fields:
            restrict_choices(
                self.fields["news_type"], NewsType.objects.filter(municipality=municipality)
            )
        if "main_image" in self.fields:
            restrict_choices(self.fields["main_image"], images_of(municipality))
        persons = Person.objects.filter(municipality=municipality)
        formset = self.formsets.get("related_persons")
        if formset is not None:
            for form in formset.forms:
                restrict_choices(form.fields["person"], persons)
