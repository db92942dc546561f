"""The staff side of citizens' accounts in the admin ("Občané"), scoped like every record.

- "Účty občanů" (``CitizenProfileViewSet``): the listing of the town's accounts (e-mail, since
  when, level of verification, blocked), the detail of an account (consent, proofs of identity,
  blocking, the account's audit entries) and its actions: confirming the identity ("ověřeno
  úřadem"), revoking a proof, blocking and unblocking. Each action is a POST with a CSRF
  token, checked against the role's permission and the user's towns, and written to the audit
  (radnice.citizens.verification).
- "Auditní záznamy" (``AuditEntryViewSet``): what the town's staff did with its citizens'
  accounts, read only.

Both are ``MunicipalityModelViewSet``s: every URL carrying an id answers 404 unless the
account (entry) is in one of the user's towns. Neither shows a password (hash), a second
factor's secret or an identity provider's token or subject: the views name the fields they
show, and no form of the model is ever built.
"""

import django_filters
from django import forms
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import ModelAdminURLFinder, NullAdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import policy_registry

from municipalities.scope import scope
from municipalities.viewsets import MunicipalityModelViewSet

from .models import AuditEntry, CitizenProfile, Level, Organisation, Verification
from .verification import block, confirm_by_office, revoke, unblock, with_levels

MENU_NAME = "obcane"


def czech_time(value):
    return date_format(localtime(value), "j. n. Y H:i") if value else ""


def level_label(profile):
    return Level(profile.citizen_level).label


def blocked_label(profile):
    return czech_time(profile.blocked_at) if profile.blocked_at else _("ne")


# --- the listing --------------------------------------------------------------------------


class CitizenProfileFilterSet(WagtailFilterSet):
    level = django_filters.ChoiceFilter(
        label=_("Úroveň ověření"),
        field_name="citizen_level",
        choices=Level.choices,
        empty_label=_("všechny úrovně"),
    )
    blocked = django_filters.ChoiceFilter(
        label=_("Zablokování"),
        choices=[("ano", _("jen zablokované")), ("ne", _("jen nezablokované"))],
        empty_label=_("všechny účty"),
        method="filter_blocked",
    )

    class Meta:
        model = CitizenProfile
        fields = []

    def filter_blocked(self, queryset, name, value):
        return queryset.filter(blocked_at__isnull=(value != "ano"))


class CitizenProfileIndexView(IndexView):
    any_permission_required = ["view"]
    default_ordering = "-created_at"
    page_title = _("Účty občanů")

    @cached_property
    def no_results_message(self):
        if self.is_searching or self.is_filtering:
            return _("Hledání ani filtrům neodpovídá žádný účet.")
        return _("Zatím tu nejsou žádné účty občanů.")

    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("user", "municipality")
        return with_levels(queryset)

    def search_queryset(self, queryset):
        """By e-mail, or by the name a proof of identity holds; every word must match."""
        if not self.is_searching:
            return queryset
        for word in self.search_query.split():
            names = Verification.objects.filter(
                Q(given_name__icontains=word) | Q(family_name__icontains=word)
            )
            queryset = queryset.filter(
                Q(user__email__icontains=word) | Q(pk__in=names.values("profile_id"))
            )
        return queryset

    @cached_property
    def columns(self):
        columns = [
            self._get_title_column_class(TitleColumn)(
                "email",
                label=_("E-mail"),
                accessor="user.email",
                get_url=self.get_inspect_url,
                sort_key="user__email",
            ),
            Column("municipality", label=_("Obec")),
            Column(
                "created_at",
                label=_("Založeno"),
                accessor=lambda profile: czech_time(profile.created_at),
                sort_key="created_at",
            ),
            Column("citizen_level", label=_("Úroveň ověření"), accessor=level_label),
            Column("blocked_at", label=_("Zablokováno"), accessor=blocked_label),
        ]
        return columns


class CitizenInspectView(InspectView):
    any_permission_required = ["view"]
    template_name = "citizens/admin/inspect.html"
    page_title = _("Účet občana")
    action_url_names = {}

    def get_object(self, queryset=None):
        profiles = scope(
            CitizenProfile.objects.select_related("user", "municipality"), self.request.user
        )
        return get_object_or_404(with_levels(profiles), pk=self.pk)

    def get_page_subtitle(self):
        return self.object.user.email

    def get_fields(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        profile = self.object
        user = self.request.user
        policy = self.permission_policy
        may_confirm = policy.user_has_permission_for_instance(user, "confirm", profile)
        may_block = policy.user_has_permission_for_instance(user, "block", profile)
        context.update(
            profile=profile,
            level=Level(profile.citizen_level).label,
            verifications=list(profile.verifications.select_related("verified_by")),
            audit_entries=profile.audit_entries.all(),
            may_confirm=may_confirm,
            may_block=may_block,
            urls={
                name: reverse(url_name, args=[profile.pk])
                for name, url_name in self.action_url_names.items()
                if name != "revoke"
            },
        )
        revoke_url_name = self.action_url_names["revoke"]
        for verification in context["verifications"]:
            verification.revoke_url = reverse(revoke_url_name, args=[profile.pk, verification.pk])
        return context


# --- the actions -----------------------------------------------------------------------------


class ConfirmIdentityForm(forms.Form):
    given_name = forms.CharField(label=_("Jméno"), max_length=150)
    family_name = forms.CharField(label=_("Příjmení"), max_length=150)
    birth_date = forms.DateField(
        label=_("Datum narození"),
        help_text=_("Například 24. 12. 1980."),
        input_formats=["%d. %m. %Y", "%d.%m.%Y", "%Y-%m-%d"],
        error_messages={"invalid": _("Zadejte datum narození ve tvaru 24. 12. 1980.")},
    )
    address = forms.CharField(
        label=_("Adresa trvalého pobytu"), widget=forms.Textarea(attrs={"rows": 3})
    )
    note = forms.CharField(
        label=_("Poznámka"),
        required=False,
        help_text=_("Čím se občan prokázal (např. občanský průkaz). Číslo dokladu nezapisujte."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in ("given_name", "family_name", "address"):
            self.fields[field].error_messages["required"] = _("Vyplňte prosím toto pole.")
        self.fields["birth_date"].error_messages["required"] = _("Zadejte datum narození.")

    def clean_birth_date(self):
        from django.utils import timezone

        value = self.cleaned_data["birth_date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Datum narození nemůže být v budoucnosti."))
        if value.year < 1900:
            raise forms.ValidationError(_("Zkontrolujte prosím rok narození."))
        return value


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Důvod"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Uveďte prosím důvod.")},
    )


class NoteForm(forms.Form):
    reason = forms.CharField(
        label=_("Poznámka"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AccountActionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """A form about one account; POST does the action (``act``) and returns to the account."""

    model = CitizenProfile
    template_name = "citizens/admin/action.html"
    header_icon = "user"
    index_url_name = None
    inspect_url_name = None
    submit_label = ""
    intro = ""
    success_message = ""
    button_class = "button"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        profiles = scope(CitizenProfile.objects.select_related("user"), request.user)
        self.object = get_object_or_404(profiles, pk=kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_permission_for_instance(self.permission_required, self.object):
            raise PermissionDenied
        if not self.applies():  # blocking a blocked account...: back to the account
            return redirect(self.get_success_url())
        return super().dispatch(request, *args, **kwargs)

    def applies(self):
        return True

    def get_page_subtitle(self):
        return self.object.user.email

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": _("Účty občanů")},
            {"url": self.get_success_url(), "label": self.object.user.email},
            {"url": "", "label": self.page_title},
        ]

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=[self.object.pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            submit_label=self.submit_label,
            intro=self.intro,
            button_class=self.button_class,
            cancel_url=self.get_success_url(),
        )
        return context

    def form_valid(self, form):
        self.act(form.cleaned_data)
        messages.success(self.request, self.success_message % {"email": self.object.user.email})
        return redirect(self.get_success_url())

    def form_invalid(self, form):
        messages.error(self.request, _("Opravte prosím vyznačené chyby."))
        return super().form_invalid(form)


class ConfirmIdentityView(AccountActionView):
    permission_required = "confirm"
    form_class = ConfirmIdentityForm
    page_title = _("Potvrdit totožnost")
    submit_label = _("Potvrdit totožnost")
    intro = _(
        "Potvrďte totožnost jen člověku, kterého jste viděli osobně a který se prokázal "
        "platným dokladem totožnosti. Účet tím získá úroveň „ověřeno úřadem“."
    )
    success_message = _("Totožnost občana %(email)s je potvrzena (ověřeno úřadem).")

    def act(self, data):
        confirm_by_office(self.object, self.request.user, **data)


class RevokeVerificationView(AccountActionView):
    permission_required = "confirm"
    form_class = NoteForm
    page_title = _("Zrušit ověření")
    submit_label = _("Zrušit ověření")
    button_class = "button no"
    success_message = _("Ověření totožnosti občana %(email)s je zrušeno.")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.verification = get_object_or_404(
            self.object.verifications.filter(revoked_at__isnull=True), pk=kwargs["verification_id"]
        )

    @property
    def intro(self):
        return _("Ověření „%(method)s“ ze dne %(date)s přestane platit.") % {
            "method": self.verification.get_method_display(),
            "date": date_format(localtime(self.verification.verified_at), "j. n. Y"),
        }

    def act(self, data):
        revoke(self.verification, self.request.user, data["reason"])


class BlockView(AccountActionView):
    permission_required = "block"
    form_class = ReasonForm
    page_title = _("Zablokovat účet")
    submit_label = _("Zablokovat účet")
    button_class = "button no"
    intro = _(
        "Zablokovaný účet se nepřihlásí a jeho přihlášení skončí. Důvod uvidí jen "
        "pracovníci úřadu a zůstane v auditním záznamu."
    )
    success_message = _("Účet %(email)s je zablokován.")

    def applies(self):
        return self.object.blocked_at is None

    def act(self, data):
        block(self.object, self.request.user, data["reason"])


class UnblockView(AccountActionView):
    permission_required = "block"
    form_class = NoteForm
    page_title = _("Odblokovat účet")
    submit_label = _("Odblokovat účet")
    intro = _("Občan se k účtu bude moci znovu přihlásit.")
    success_message = _("Účet %(email)s je odblokován.")

    def applies(self):
        return self.object.blocked_at is not None

    def act(self, data):
        unblock(self.object, self.request.user, data["reason"])


# --- the viewsets ----------------------------------------------------------------------------


class ReadOnlyModelViewSet(ModelViewSet):
    """A listing and a detail page; no add, edit, delete, copy, history or usage views, so
    no form of the model is ever built. ``extra_views`` add URLs taking the object's ``pk``."""

    inspect_view_enabled = True
    copy_view_enabled = False
    edit_view_enabled = False  # municipalities.references.admin_forms: no form to check
    add_to_reference_index = False
    extra_views = {}  # name: (route after the pk, view class)

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("add", "edit", "delete", "history", "usage"):
            view_kwargs[f"{name}_url_name"] = None
        return view_kwargs

    @property
    def url_finder_class(self):
        if not self.inspect_view_enabled:
            return NullAdminURLFinder
        inspect_url_name = self.get_url_name("inspect")

        class URLFinder(ModelAdminURLFinder):
            edit_url_name = inspect_url_name

            def get_edit_url(self, instance):
                policy = policy_registry.get(instance)
                if self.user and not policy.user_has_permission_for_instance(
                    self.user, "view", instance
                ):
                    return None
                return self.construct_edit_url(instance)

        return URLFinder

    def get_urlpatterns(self):
        conv = self.pk_path_converter
        patterns = [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]
        if self.inspect_view_enabled:
            patterns.append(path(f"<{conv}:pk>/", self.inspect_view, name="inspect"))
        for name, (route, view_class) in self.extra_views.items():
            view = self.construct_view(
                view_class,
                index_url_name=self.get_url_name("index"),
                inspect_url_name=self.get_url_name("inspect"),
            )
            patterns.append(path(f"<{conv}:pk>/{route}", view, name=name))
        return patterns


class CitizenProfileViewSet(MunicipalityModelViewSet, ReadOnlyModelViewSet):
    model = CitizenProfile
    icon = "user"
    menu_label = _("Účty občanů")
    index_view_class = CitizenProfileIndexView
    inspect_view_class = CitizenInspectView
    filterset_class = CitizenProfileFilterSet
    search_fields = ["user__email"]
    extra_views = {
        "confirm": ("potvrdit/", ConfirmIdentityView),
        "revoke": ("zrusit-overeni/<int:verification_id>/", RevokeVerificationView),
        "block": ("zablokovat/", BlockView),
        "unblock": ("odblokovat/", UnblockView),
    }

    def get_inspect_view_kwargs(self, **kwargs):
        names = {name: self.get_url_name(name) for name in self.extra_views}
        return super().get_inspect_view_kwargs(action_url_names=names, **kwargs)


class AuditEntryIndexView(IndexView):
    any_permission_required = ["view"]
    page_title = _("Auditní záznamy")
    default_ordering = "-created_at"
    profile_inspect_url_name = None

    @cached_property
    def no_results_message(self):
        if self.is_searching or self.is_filtering:
            return _("Hledání ani filtrům neodpovídá žádný záznam.")
        return _("Pracovníci úřadu s účty občanů zatím nic neprovedli.")

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("municipality")

    def profile_url(self, entry):
        if entry.profile_id is None:
            return None
        return reverse(self.profile_inspect_url_name, args=[entry.profile_id])

    @cached_property
    def columns(self):
        return [
            Column(
                "created_at",
                label=_("Čas"),
                accessor=lambda entry: czech_time(entry.created_at),
                sort_key="created_at",
            ),
            Column("action", label=_("Úkon"), accessor="get_action_display"),
            TitleColumn("citizen_label", label=_("Občan"), get_url=self.profile_url, sort_key=None),
            Column("actor_label", label=_("Provedl(a)")),
            Column("detail", label=_("Podrobnosti")),
            Column("municipality", label=_("Obec")),
        ]


class AuditEntryViewSet(MunicipalityModelViewSet, ReadOnlyModelViewSet):
    model = AuditEntry
    icon = "history"
    menu_label = _("Auditní záznamy")
    index_view_class = AuditEntryIndexView
    inspect_view_enabled = False  # the listing shows everything an entry holds
    list_filter = ["action"]
    search_fields = ["citizen_label", "actor_label"]

    def get_permissions_to_register(self):
        return super().get_permissions_to_register() | Permission.objects.filter(
            content_type__app_label="citizens", codename="view_auditentry"
        )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            profile_inspect_url_name="citizen_accounts:inspect", **kwargs
        )


class OrganisationViewSet(MunicipalityModelViewSet, ReadOnlyModelViewSet):
    """The town's citizens' organisations, read-only: their správci keep them (Můj úřad)."""

    model = Organisation
    icon = "group"
    menu_label = _("Organizace občanů")
    list_display = ["name", "ico", "address", "municipality", "created_at"]
    search_fields = ["name", "ico"]
    inspect_view_fields = ["name", "ico", "address", "data_box", "representative", "municipality"]


class CitizensViewSetGroup(ViewSetGroup):
    menu_label = _("Občané")
    menu_icon = "group"
    menu_name = MENU_NAME
    menu_order = 320
    items = (
        CitizenProfileViewSet("citizen_accounts", url_prefix="obcane/ucty"),
        OrganisationViewSet("citizen_organisations", url_prefix="obcane/organizace"),
        AuditEntryViewSet("citizen_audit", url_prefix="obcane/audit"),
    )
