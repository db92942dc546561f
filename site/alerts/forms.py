"""Admin form of an alert: pages only of the chosen town, and at least one when not site-wide."""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from municipalities.forms import MunicipalityScopedForm
from municipalities.scope import municipality_tree_paths, scope_pages
from radnice.news.forms import restrict_choices


class AlertForm(MunicipalityScopedForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        formset = self.formsets.get("page_targets")
        if formset is not None and for_user is not None:
            pages = scope_pages(Page.objects.all(), for_user)
            for form in formset.forms:
                restrict_choices(form.fields["page"], pages)

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
        targets = self._chosen_targets()
        site_wide = self.cleaned_data.get("show_everywhere", True)
        if (
            "show_everywhere" in self.fields
            and not site_wide
            and not targets
            and "show_everywhere" not in self.errors
        ):
            self.add_error(
                "show_everywhere",
                _("Vyberte alespoň jednu stránku, nebo zobrazte upozornění na celém webu."),
            )
            valid = False
        municipality = self.cleaned_data.get("municipality") or getattr(
            self.instance, "municipality", None
        )
        if municipality is not None:
            paths = municipality_tree_paths(municipality)
            for form in targets:
                page = form.cleaned_data["page"]
                if not any(page.path.startswith(path) for path in paths):
                    form.add_error("page", _("Stránka nepatří k webu zvolené obce."))
                    valid = False
        return valid
