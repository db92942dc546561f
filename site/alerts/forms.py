"""Admin form of an alert: at least one page when the alert is not shown site-wide.

The pages on offer, and the only ones accepted, are those of the alert's town
(``municipalities.references``, through ``MunicipalityScopedForm``).
"""

from django.utils.translation import gettext_lazy as _

from municipalities.forms import MunicipalityScopedForm


class AlertForm(MunicipalityScopedForm):
    def _chosen_targets(self):
        formset = self.formsets.get("page_targets")
        if formset is None:
            return []
        return [
            form
            for form in formset.forms
            if getattr(form, "cleaned_data", None)
            and form.cleaned_data.get("page")
            and not form.cleaned_data.get("DELETE")
        ]

    def is_valid(self):
        valid = super().is_valid()
        site_wide = self.cleaned_data.get("show_everywhere", True)
        if (
            "show_everywhere" in self.fields
            and not site_wide
            and not self._chosen_targets()
            and "show_everywhere" not in self.errors
        ):
            self.add_error(
                "show_everywhere",
                _("Vyberte alespoň jednu stránku, nebo zobrazte upozornění na celém webu."),
            )
            valid = False
        return valid
