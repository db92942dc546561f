"""The admin pages of an importer: the listing, the upload form, the progress page and report.

Every view reaches runs and municipalities only through ``municipalities.scope``: a run of
another town answers 404, and the upload form offers only the user's own towns that have the
importer's module switched on. The importer's model's ``view`` and ``add`` permissions guard
the pages (Wagtail's admin turns a refusal into a redirect to the dashboard).
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from municipalities.models import Municipality
from municipalities.registry import get_module, is_enabled
from municipalities.scope import scope, user_municipalities
from radnice.core.background import run_after_commit

from .models import ImportStatus
from .tasks import read_progress, run_import

REFRESH_SECONDS = 3


def enabled_municipalities(user, importer):
    towns = user_municipalities(user)
    if importer.module is None:
        return towns
    return towns.filter(pk__in=[town.pk for town in towns if is_enabled(town, importer.module)])


class ImportForm(forms.Form):
    """The upload form: town, format, file, and the importer's ``options_form`` fields."""

    municipality = forms.ModelChoiceField(queryset=Municipality.objects.none(), label=_("Obec"))
    format = forms.ChoiceField(label=_("Formát"), widget=forms.RadioSelect)
    file = forms.FileField(label=_("Soubor"))

    def __init__(self, *args, user, importer, **kwargs):
        super().__init__(*args, **kwargs)
        self.importer = importer
        towns = enabled_municipalities(user, importer)
        self.fields["municipality"].queryset = towns
        if towns.count() == 1:
            self.fields["municipality"].initial = towns.first().pk
            self.fields["municipality"].empty_label = None
        self.fields["format"].choices = list(importer.formats)
        if len(importer.formats) == 1:  # nothing to choose
            self.fields["format"].widget = forms.HiddenInput()
            self.fields["format"].initial = importer.formats[0][0]
            self.fields["format"].required = False

    def clean_format(self):
        return self.cleaned_data.get("format") or self.importer.formats[0][0]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.importer.max_upload_bytes:
            raise forms.ValidationError(
                _("Soubor je větší než %(megabytes)s MB.")
                % {"megabytes": self.importer.max_upload_bytes // (1024 * 1024)}
            )
        if upload.size == 0:
            raise forms.ValidationError(_("Soubor je prázdný."))
        return upload

    def option_values(self):
        if self.importer.options_form is None:
            return {}
        return {name: self.cleaned_data[name] for name in self.importer.options_form.base_fields}


def upload_form_class(importer):
    bases = (ImportForm,) + ((importer.options_form,) if importer.options_form else ())
    attrs = {"field_order": importer.field_order} if importer.field_order else {}
    return type("ImportUploadForm", bases, attrs)


def option_rows(importer, run, names):
    """[(label, value shown)] of the run's options ``names``."""
    if importer.options_form is None:
        return []
    rows = []
    for name in names:
        field = importer.options_form.base_fields[name]
        value = run.options.get(name)
        if isinstance(value, bool):
            shown = gettext("ano") if value else gettext("ne")
        elif getattr(field, "choices", None):
            shown = dict(field.choices).get(value, value)
        else:
            shown = "" if value is None else value
        rows.append((field.label, shown))
    return rows


class ImportViews:
    """The views of one importer (``ImportViewSet`` routes to them)."""

    def __init__(self, importer):
        self.importer = importer

    def url(self, name, *args):
        return reverse(f"{self.importer.url_namespace}:{name}", args=args)

    def require(self, request, action):
        if not self.importer.has_permission(request.user, action):
            raise PermissionDenied

    def runs(self, request):
        return scope(self.importer.runs(), request.user).select_related("municipality")

    def index(self, request):
        self.require(request, "view")
        page_obj = Paginator(self.runs(request), 30).get_page(request.GET.get("p"))
        for run in page_obj.object_list:
            run.listed_options = option_rows(self.importer, run, self.importer.listed_options)
        return TemplateResponse(
            request,
            "imports/admin/index.html",
            {
                "importer": self.importer,
                "page_obj": page_obj,
                "listed_labels": [
                    self.importer.options_form.base_fields[name].label
                    for name in self.importer.listed_options
                ],
                "add_url": self.url("add")
                if self.importer.has_permission(request.user, "add")
                else "",
                "header_icon": "table",
            },
        )

    def add(self, request):
        self.require(request, "add")
        form_class = upload_form_class(self.importer)
        if request.method == "POST":
            form = form_class(
                request.POST, request.FILES, user=request.user, importer=self.importer
            )
            if form.is_valid():
                upload = form.cleaned_data["file"]
                run = self.importer.model(
                    municipality=form.cleaned_data["municipality"],
                    importer=self.importer.name,
                    format=form.cleaned_data["format"],
                    options=form.option_values(),
                    original_name=upload.name[:255],
                    created_by=request.user,
                )
                run.file = upload
                run.save()
                run_after_commit(run_import, run.pk)
                report_upload(request, run)
                return redirect(self.url("detail", run.pk))
            messages.error(
                request, _("Soubor nebyl nahrán: opravte vyznačené chyby a vyberte ho znovu.")
            )
        else:
            form = form_class(
                user=request.user, importer=self.importer, initial=self.importer.initial()
            )
        module = get_module(self.importer.module) if self.importer.module else None
        return TemplateResponse(
            request,
            "imports/admin/form.html",
            {
                "importer": self.importer,
                "form": form,
                "module_label": module.label if module else "",
                "index_url": self.url("index"),
                "header_icon": "upload",
            },
        )

    def detail(self, request, run_id):
        self.require(request, "view")
        run = get_object_or_404(self.runs(request), pk=run_id)
        progress = None if run.is_finished else read_progress(run.pk)
        link = (
            self.importer.result_link(request, run)
            if run.status == ImportStatus.SUCCEEDED
            else None
        )
        return TemplateResponse(
            request,
            "imports/admin/detail.html",
            {
                "importer": self.importer,
                "run": run,
                "options": option_rows(self.importer, run, self.importer.shown_options),
                "show_format": len(self.importer.formats) > 1,
                "progress": progress,
                "result_link": link,
                "refresh_seconds": None if run.is_finished else REFRESH_SECONDS,
                "index_url": self.url("index"),
                "header_icon": "table",
            },
        )


def report_upload(request, run):
    """Say what happened to the upload: in tests the task has already run (eagerly, in this
    request); otherwise a worker or a background thread has it and the run waits or runs."""
    run.refresh_from_db(fields=["status"])
    if run.status == ImportStatus.SUCCEEDED:
        messages.success(request, _("Soubor byl nahrán a data jsou importována."))
    elif run.status == ImportStatus.FAILED:
        messages.error(request, _("Soubor byl odmítnut, nic nebylo uloženo. Chyby jsou níže."))
    else:
        messages.success(request, _("Soubor byl nahrán a import zařazen do fronty."))


class ImportMenuItem(MenuItem):
    importer = None

    def is_shown(self, request):
        return self.importer.has_permission(request.user, "view")


class ImportViewSet(ViewSet):
    """The admin pages of one importer: ``ImportViewSet(importer)``, registered by the module
    (on its own or in its ``ViewSetGroup``). URL names: ``<importer.name>_import:index``,
    ``:add`` and ``:detail`` (with ``run_id``)."""

    def __init__(self, importer, **kwargs):
        kwargs.setdefault("url_prefix", importer.url_prefix)
        kwargs.setdefault("icon", importer.icon)
        kwargs.setdefault("menu_label", importer.menu_label)
        super().__init__(importer.url_namespace, **kwargs)
        self.importer = importer
        self.views = ImportViews(importer)

    @property
    def menu_item_class(self):
        return type("ImportMenuItem", (ImportMenuItem,), {"importer": self.importer})

    def get_urlpatterns(self):
        return [
            path("", self.views.index, name="index"),
            path("novy/", self.views.add, name="add"),
            path("<int:run_id>/", self.views.detail, name="detail"),
        ]

    @property
    def menu_url(self):
        return reverse(f"{self.name}:index")
