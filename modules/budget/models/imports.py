"""Uploaded accounting files and the jobs that import them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .records import municipality_fk


def import_file_storage():
    """Uploaded accounting files hold private persons' names: never under MEDIA_ROOT."""
    from django.core.files.storage import FileSystemStorage, InvalidStorageError, storages

    try:
        return storages["budget_imports"]
    except InvalidStorageError:
        location = getattr(settings, "BUDGET_IMPORT_ROOT", None) or (
            settings.PRIVATE_MEDIA_ROOT / "budget-imports"
        )
        return FileSystemStorage(location=location)


class ImportFormat(models.TextChoices):
    KXX = "kxx", _("GINIS / Gordic KXX (účetnictví nebo rozpočet)")
    CITYVIZOR = "cityvizor", _("Cityvizor CSV (data)")
    EVENTS = "events", _("Číselník akcí (CSV srcId;name;description)")


class ImportMode(models.TextChoices):
    REPLACE = "replace", _("Nahradit data roku")
    APPEND = "append", _("Přidat (přeskočit již nahrané řádky)")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("čeká ve frontě")
    RUNNING = "running", _("probíhá")
    SUCCEEDED = "succeeded", _("dokončen")
    FAILED = "failed", _("odmítnut")


class ImportJob(models.Model):
    municipality = municipality_fk("budget_imports")
    year = models.PositiveSmallIntegerField(_("rok"))
    format = models.CharField(_("formát"), max_length=16, choices=ImportFormat.choices)
    mode = models.CharField(
        _("režim"), max_length=16, choices=ImportMode.choices, default=ImportMode.REPLACE
    )
    invoices_in_ledger = models.BooleanField(
        _("faktury jsou i mezi účetními řádky"),
        default=False,
        help_text=_(
            "Jen pro Cityvizor CSV: zaškrtněte, pokud soubor obsahuje celý účetní deník "
            "a řádky KDF/KOF jen opakují faktury z něj. Faktury se pak do čerpání "
            "nezapočítají podruhé."
        ),
    )
    file = models.FileField(_("soubor"), storage=import_file_storage, upload_to="%Y/%m/")
    original_name = models.CharField(_("název souboru"), max_length=255, blank=True)
    status = models.CharField(
        _("stav"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    processed_rows = models.PositiveIntegerField(_("zpracováno řádků"), default=0)
    imported_rows = models.PositiveIntegerField(_("nahráno záznamů"), default=0)
    skipped_rows = models.PositiveIntegerField(_("přeskočeno řádků"), default=0)
    error_count = models.PositiveIntegerField(_("počet chyb"), default=0)
    errors = models.JSONField(_("chyby"), default=list, blank=True)
    message = models.TextField(_("výsledek"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(_("nahráno"), auto_now_add=True)
    started_at = models.DateTimeField(_("zahájeno"), null=True, blank=True)
    finished_at = models.DateTimeField(_("dokončeno"), null=True, blank=True)

    class Meta:
        verbose_name = _("import rozpočtových dat")
        verbose_name_plural = _("importy rozpočtových dat")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_format_display()} {self.year} ({self.original_name})"

    @property
    def is_finished(self):
        return self.status in (ImportStatus.SUCCEEDED, ImportStatus.FAILED)
