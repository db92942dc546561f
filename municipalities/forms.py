"""Admin forms for municipal records."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.models import Site

from .models import language_choices, theme_choices
from .references import MunicipalReferencesFormMixin
from .registry import module_choices
from .scope import is_platform_operator


class MunicipalityScopedForm(MunicipalReferencesFormMixin, WagtailAdminModelForm):
    """The base of every admin form that is not a page's (snippets, site settings, module
    records, the municipality): offers only the user's municipalities, preselected when
    there is just one, and accepts only record ids of the record's own town
    (``municipalities.references``)."""


class MunicipalityScopedPageForm(MunicipalReferencesFormMixin, WagtailAdminPageForm):
    """The base of every page's admin form: record ids only of the page's own town."""

    def reference_anchor(self):
        return self.instance if self.instance.pk else self.parent_page


class MunicipalityForm(MunicipalityScopedForm):
    """Edit form of a municipality: theme and languages as choices, not raw JSON."""

    theme = forms.ChoiceField(label=_("Vzhled (téma)"), choices=theme_choices)
    languages = forms.MultipleChoiceField(
        label=_("Jazyky webu"),
        choices=language_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Čeština je vždy výchozí; další jazyky mají svůj strom stránek pod /en/ ..."),
    )

    enabled_modules = forms.MultipleChoiceField(
        label=_("Zapnuté moduly"),
        choices=module_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Vypnutý modul nemá v administraci menu, nelze vytvořit jeho stránky a jeho "
            "stránky na webu neexistují."
        ),
    )

    # Who the town is (open data name it as the publisher) and which modules it runs are the
    # platform operator's to change; a town administrator sees them read-only, and a value
    # posted anyway is ignored (Django keeps a disabled field's initial value).
    operator_fields = ("name", "kind", "ico", "enabled_modules")

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if self.instance.pk and not (for_user and is_platform_operator(for_user)):
            for name in self.operator_fields:
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = _("Tento údaj mění jen provozovatel platformy.")

    def clean_languages(self):
        languages = self.cleaned_data["languages"]
        default = settings.LANGUAGE_CODE
        return [default, *[code for code in languages if code != default]]


class MunicipalityCreateForm(MunicipalityForm):
    """Onboarding in the admin: the same inputs as ``manage.py create_municipality``."""

    hostname = forms.CharField(
        label=_("Doména webu"), max_length=255, help_text=_("Např. www.lhota.cz")
    )
    port = forms.IntegerField(label=_("Port"), initial=80, min_value=1, max_value=65535)
    administrator_email = forms.EmailField(
        label=_("E-mail správce obce"),
        required=False,
        help_text=_("Správce si heslo nastaví odkazem „Zapomenuté heslo“ na přihlašovací stránce."),
    )

    def clean_hostname(self):
        hostname = self.cleaned_data["hostname"].strip().lower()
        if "/" in hostname or " " in hostname or ":" in hostname:
            raise forms.ValidationError(_("Zadejte jen doménu, bez http:// a bez cesty."))
        return hostname

    def clean(self):
        cleaned = super().clean()
        hostname, port = cleaned.get("hostname"), cleaned.get("port") or 80
        if hostname and Site.objects.filter(hostname=hostname, port=port).exists():
            self.add_error(
                "hostname",
                _("Adresa %(host)s už patří jinému webu.") % {"host": f"{hostname}:{port}"},
            )
        return cleaned
