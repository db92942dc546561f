"""Admin form of places (every choice of people and places is limited to their town by
``MunicipalityScopedForm``, see ``municipalities.references``)."""

from django.utils.translation import gettext as _

from municipalities.forms import MunicipalityScopedForm

from .hours import format_interval, overlapping_intervals


class PlaceForm(MunicipalityScopedForm):
    """Refuses weekly intervals of one day that overlap (8–12 and 11–14)."""

    def is_valid(self):
        valid = super().is_valid()
        formset = self.formsets.get("opening_hours")
        if formset is None:
            return valid
        formset.is_valid()  # cleans every row, even when another formset failed first
        forms_by_day = {}
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or not data.get("opens") or not data.get("closes"):
                continue
            forms_by_day.setdefault(data.get("weekday"), []).append(form)
        for forms in forms_by_day.values():
            intervals = [(f.cleaned_data["opens"], f.cleaned_data["closes"]) for f in forms]
            for first, second in overlapping_intervals(intervals):
                forms[second].add_error(
                    "opens",
                    _("Interval se překrývá s intervalem %(other)s téhož dne.")
                    % {"other": format_interval(*intervals[first])},
                )
                valid = False
        return valid
