"""Admin views of the import: upload a file, watch its progress, read its report.

Every view reaches jobs and municipalities only through ``municipalities.scope``: a job of
another town answers 404, and the upload form offers only the user's own towns that have
the budget module switched on.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from municipalities.registry import is_enabled
from municipalities.scope import scope, user_municipalities
from radnice.core.background import run_after_commit

from .models import ImportFormat, ImportJob, ImportMode, ImportStatus
from .queries import budget_page_of
from .tasks import read_progress, run_import

MAX_UPLOAD_BYTES = 500 * 1024 * 1024
REFRESH_SECONDS = 3


def enabled_municipalities(user):
    towns = user_municipalities(user)
    return towns.filter(pk__in=[town.pk for town in towns if is_enabled(town, "budget")])


class ImportForm(forms.ModelForm):
    class Meta:
        model = ImportJob
        fields = ["municipality", "year", "format", "mode", "invoices_in_ledger", "file"]
        widgets = {"format": forms.RadioSelect, "mode": forms.RadioSelect}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        towns = enabled_municipalities(user)
        self.fields["municipality"].queryset = towns
        if towns.count() == 1:
            self.fields["municipality"].initial = towns.first().pk
            self.fields["municipality"].empty_label = None
        self.fields["year"].help_text = _(
            "Rok, jehož data soubor obsahuje. U číselníku akcí se rok nepoužívá."
        )
        self.fields["year"].widget.attrs.update({"min": 2000, "max": 2100})
        # Radio buttons need no "---------" choice: the format is required.
        self.fields["format"].choices = ImportFormat.choices

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 2000 <= year <= 2100:
            raise forms.ValidationError(_("Zadejte rok mezi 2000 a 2100."))
        return year

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Soubor je větší než 500 MB."))
        if upload.size == 0:
            raise forms.ValidationError(_("Soubor je prázdný."))
        return upload


def _require(request, permission):
    if not request.user.has_perm(f"budget.{permission}_importjob"):
        raise PermissionDenied


def import_index(request):
    _require(request, "view")
    jobs = scope(ImportJob.objects.all(), request.user).select_related("municipality")
    page_obj = Paginator(jobs, 30).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "budget/admin/import_index.html",
        {
            "page_obj": page_obj,
            "can_add": request.user.has_perm("budget.add_importjob"),
            "header_icon": "table",
        },
    )


def import_add(request):
    _require(request, "add")
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            job = form.save(commit=False)
            job.created_by = request.user
            job.original_name = form.cleaned_data["file"].name[:255]
            job.save()
            run_after_commit(run_import, job.pk)
            report_upload(request, job)
            return redirect("budget_import:detail", job_id=job.pk)
        messages.error(
            request, _("Soubor nebyl nahrán: opravte vyznačené chyby a vyberte ho znovu.")
        )
    else:
        form = ImportForm(
            user=request.user,
            initial={
                "mode": ImportMode.REPLACE,
                "format": ImportFormat.KXX,
                "year": timezone.localdate().year,
            },
        )
    return TemplateResponse(
        request, "budget/admin/import_form.html", {"form": form, "header_icon": "upload"}
    )


def report_upload(request, job):
    """Say what happened to the upload: in tests the task has already run (eagerly, in this
    request); otherwise a worker or a background thread has it and the job waits or runs."""
    job.refresh_from_db(fields=["status"])
    if job.status == ImportStatus.SUCCEEDED:
        messages.success(request, _("Soubor byl nahrán a data jsou importována."))
    elif job.status == ImportStatus.FAILED:
        messages.error(request, _("Soubor byl odmítnut, nic nebylo uloženo. Chyby jsou níže."))
    else:
        messages.success(request, _("Soubor byl nahrán a import zařazen do fronty."))


def import_detail(request, job_id):
    _require(request, "view")
    job = get_object_or_404(
        scope(ImportJob.objects.select_related("municipality"), request.user), pk=job_id
    )
    progress = None if job.is_finished else read_progress(job.pk)
    return TemplateResponse(
        request,
        "budget/admin/import_detail.html",
        {
            "job": job,
            "progress": progress,
            "public_url": public_url(request, job),
            "refresh_seconds": None if job.is_finished else REFRESH_SECONDS,
            "header_icon": "table",
        },
    )


def public_url(request, job):
    """Where the editor sees the imported year on the town's site, once the import succeeded."""
    if job.status != ImportStatus.SUCCEEDED or job.format == ImportFormat.EVENTS:
        return ""
    page = budget_page_of(job.municipality)
    if page is None:
        return ""
    url = page.get_url(request=request)
    return url + page.reverse_subpage("overview", kwargs={"year": job.year}) if url else ""


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("budget.view_importjob")


class ImportViewSet(ViewSet):
    name = "budget_import"
    url_prefix = "rozpocet/importy"
    icon = "upload"
    menu_label = _("Import dat")
    menu_item_class = ImportMenuItem

    def get_urlpatterns(self):
        return [
            path("", import_index, name="index"),
            path("novy/", import_add, name="add"),
            path("<int:job_id>/", import_detail, name="detail"),
        ]

    @property
    def menu_url(self):
        return reverse("budget_import:index")
