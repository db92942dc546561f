"""The notice's admin form: every choice it offers belongs to the notice's own municipality.

The snippet and document choosers are scoped already, but a form field accepts any id that is
posted; so the notice types, the attached documents and the responsible persons are limited
here to the municipality whose tree the notice is in.
"""

from municipalities.forms import MunicipalityScopedPageForm

from municipalities.scope import municipality_of_page


class OfficialNoticePageForm(MunicipalityScopedPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        anchor = self.instance if self.instance.pk else self.parent_page
        self.municipality = municipality_of_page(anchor)
        if self.municipality is None:
            return
        field = self.fields.get("notice_types")
        if field is not None:
            field.queryset = field.queryset.filter(municipality=self.municipality)
        self._limit_child_choices("attachments", "document", self._documents)
        self._limit_child_choices("responsible_persons", "person", self._persons)

    def _documents(self, queryset):
        collection = self.municipality.collection
        if collection is None:
            return queryset.none()
        return queryset.filter(collection__path__startswith=collection.path)

    def _persons(self, queryset):
        return queryset.filter(municipality=self.municipality)

    def _limit_child_choices(self, relation, field_name, limit):
        formset = self.formsets.get(relation)
        if formset is None:
            return
        for form in [*formset.forms, formset.empty_form]:
            field = form.fields.get(field_name)
            if field is not None:
                field.queryset = limit(field.queryset)
