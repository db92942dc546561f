"""Admin forms for municipal records."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.models import Site

from .encryption import KEEP, STORED
from .models import language_choices, theme_choices
from .references import REFUSED, MunicipalReferencesFormMixin
from .registry import (
    RoleScope,
    get_module,
    get_module_role,
    get_modules,
    module_choices,
    module_role_choices,
)
from .scope import is_platform_operator, organisations_for, user_municipality_ids


class MunicipalityScopedForm(MunicipalReferencesFormMixin, WagtailAdminModelForm):
    """The base of every admin form that is not a page's (snippets, site settings, module
    records, the municipality): offers only the user's municipalities, preselected when
    there is just one, and accepts only record ids of the record's own town
    (``municipalities.references``)."""


class OrganisationRecordForm(MunicipalityScopedForm):
    """A record of an organisation of the town (``organisation_field`` on its viewset,
    docs/modules.md section 7): the organisation choice offers only those the user may file
    the model's records under (``scope.organisations_for``), so a "Správce organizace" cannot
    move a record to an organisation they do not manage; another one is refused with the
    references' message."""

    organisation_field = "organisation"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get(self.organisation_field)
        user = getattr(self, "for_user", None)
        if field is not None and user is not None:
            field.queryset = organisations_for(user, self._meta.model)
            field.error_messages = {**field.error_messages, "invalid_choice": REFUSED}


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


# --- module settings, town organisations, module roles ----------------------------------------


class ModuleSettingsForm(MunicipalityScopedForm):
    """A town's settings of one module: a field per ``ModuleSetting`` the module declares.

    The town and the module are chosen when the settings are added and fixed afterwards; the
    declared fields (``declared_setting_names``) appear once the module is known. Secrets use
    ``SecretFormField``: never shown back, blank keeps, the checkbox clears.
    """

    module = forms.ChoiceField(label=_("Modul"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].choices = [
            (module.name, module.label) for module in get_modules() if module.settings
        ]
        if self.instance.pk:
            for name in ("municipality", "module"):
                if name in self.fields:
                    self.fields[name].disabled = True
        self.declared_setting_names = []
        module = get_module(self._chosen_module())
        for setting in module.settings if module else []:
            name = f"setting_{setting.name}"
            self.fields[name] = setting.form_field()
            if setting.secret:
                self.initial[name] = STORED if self.instance.has_secret(setting.name) else ""
            else:
                self.initial[name] = (self.instance.values or {}).get(setting.name)
            self.declared_setting_names.append(name)

    def _chosen_module(self):
        if self.instance.pk or not self.is_bound:
            return self.instance.module
        return self.data.get(self.add_prefix("module"), "")

    def clean(self):
        cleaned = super().clean()
        module = get_module(cleaned.get("module") or self.instance.module)
        for setting in module.settings if module else []:
            name = f"setting_{setting.name}"
            value = cleaned.get(name)
            missing = value == "" or (value is KEEP and not self.instance.has_secret(setting.name))
            if setting.secret and setting.required and missing:
                self.add_error(name, _("Tento tajný údaj je povinný."))
        return cleaned

    def save(self, commit=True):
        instance = super().save(commit=False)
        module = get_module(instance.module)
        values, secrets = dict(instance.values or {}), dict(instance.secrets or {})
        for setting in module.settings if module else []:
            value = self.cleaned_data.get(f"setting_{setting.name}")
            if not setting.secret:
                values[setting.name] = value
            elif value is KEEP:
                continue
            elif value:
                secrets[setting.name] = value
            else:
                secrets.pop(setting.name, None)
        instance.values, instance.secrets = values, secrets
        if commit:
            instance.save()
        return instance


class TownOrganisationForm(MunicipalityScopedForm):
    """An organisation of the town (municipalities.models.TownOrganisation)."""


class ModuleRoleAssignmentForm(MunicipalityScopedForm):
    """A module role for a member of the town's staff, for an organisation or a record.

    Only the town's staff (members of its groups) can be chosen; another town's user, like
    another town's organisation or record, is refused with the references' message.
    """

    role_key = forms.ChoiceField(label=_("Role"))
    record = forms.CharField(
        label=_("Záznam"),
        required=False,
        help_text=_("Číslo (ID) záznamu, pro který role platí, když se role přiděluje k záznamu."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role_key"].choices = module_role_choices()
        if self.instance.pk:
            self.initial["role_key"] = f"{self.instance.module}:{self.instance.role}"
            self.initial["record"] = self.instance.record_id
        if "user" in self.fields:
            field = self.fields["user"]
            field.queryset = staff_of(
                self.reference_municipality(), getattr(self, "for_user", None)
            )
            field.error_messages = {**field.error_messages, "invalid_choice": REFUSED}

    def clean(self):
        cleaned = super().clean()
        module, role = get_module_role(*(cleaned.get("role_key") or ":").split(":", 1))
        if role is None:
            if "role_key" not in self.errors:
                self.add_error("role_key", _("Neznámá role."))
            return cleaned
        self.instance.module, self.instance.role = module.name, role.name
        organisation, record = cleaned.get("organisation"), (cleaned.get("record") or "").strip()
        if role.scope == RoleScope.ORGANISATION:
            if record:
                self.add_error("record", _("Tato role se přiděluje organizaci obce, ne záznamu."))
            elif organisation is None and "organisation" not in self.errors:
                self.add_error("organisation", _("Vyberte organizaci obce, pro kterou role platí."))
            self.instance.record_type, self.instance.record_id = None, ""
            return cleaned
        if organisation is not None:
            self.add_error("organisation", _("Tato role se přiděluje záznamu, ne organizaci."))
        elif not record:
            self.add_error("record", _("Zadejte číslo záznamu, pro který role platí."))
        else:
            model = role.get_record_model()
            if not self.reference_scope.allows(model, record):
                self.add_error("record", REFUSED)
            else:
                self.instance.record_type = ContentType.objects.get_for_model(model)
                self.instance.record_id = record
        return cleaned


def staff_of(municipality, user=None):
    """Users who are staff of ``municipality`` (members of its groups), as far as ``user``
    reaches them; without a town, the staff of the user's towns."""
    User = get_user_model()
    if municipality is not None:
        towns = [municipality.pk]
        if user is not None and not is_platform_operator(user):
            towns = [pk for pk in towns if pk in user_municipality_ids(user)]
    else:
        towns = list(user_municipality_ids(user)) if user is not None else []
    return User.objects.filter(groups__municipality_link__municipality__in=towns).distinct()
