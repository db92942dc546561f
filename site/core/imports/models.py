"""One uploaded file and its import: who, which town, which kind, state, progress, report."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def import_storage():
    """Uploaded files hold private data (names of private persons, bank accounts): never
    under MEDIA_ROOT. ``STORAGES["imports"]`` if configured, else the default storage, which
    this project keeps in PRIVATE_MEDIA_ROOT."""
    from django.core.files.storage import InvalidStorageError, default_storage, storages

    try:
        return storages["imports"]
    except InvalidStorageError:
        return default_storage  # lazy: follows a change of STORAGES (tests)


def upload_path(run, filename):
    """``imports/<importer>/<year>/<month>/<file name>``."""
    return f"imports/{run.importer}/{timezone.now():%Y/%m}/{filename}"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("čeká ve frontě")
    RUNNING = "running", _("probíhá")
    SUCCEEDED = "succeeded", _("dokončen")
    FAILED = "failed", _("odmítnut")


class ImportRun(models.Model):
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        on_delete=models.CASCADE,
        related_name="import_runs",
        verbose_name=_("obec"),
    )
    #: the registered importer (``radnice.core.imports.registry``), e.g. "budget"
    importer = models.CharField(_("druh importu"), max_length=64, db_index=True)
    #: one of the importer's formats, e.g. "kxx"
    format = models.CharField(_("formát"), max_length=32)
    #: the importer's options as chosen in the upload form (year, mode...)
    options = models.JSONField(_("volby"), default=dict, blank=True)
    file = models.FileField(_("soubor"), storage=import_storage, upload_to=upload_path)
    original_name = models.CharField(_("název souboru"), max_length=255, blank=True)
    status = models.CharField(
        _("stav"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    processed_rows = models.PositiveIntegerField(_("zpracováno řádků"), default=0)
    imported_rows = models.PositiveIntegerField(_("nahráno záznamů"), default=0)
    skipped_rows = models.PositiveIntegerField(_("přeskočeno řádků"), default=0)
    error_count = models.PositiveIntegerField(_("počet chyb"), default=0)
    #: [{"line", "column", "value", "message"}], the message in Czech
    errors = models.JSONField(_("chyby"), default=list, blank=True)
    message = models.TextField(_("výsledek"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("nahrál(a)"),
    )
    created_at = models.DateTimeField(_("nahráno"), auto_now_add=True)
    started_at = models.DateTimeField(_("zahájeno"), null=True, blank=True)
    finished_at = models.DateTimeField(_("dokončeno"), null=True, blank=True)

    class Meta:
        verbose_name = _("import souboru")
        verbose_name_plural = _("importy souborů")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["municipality", "importer", "-created_at"])]

    def __str__(self):
        return f"{self.get_format_display()} ({self.original_name})"

    @property
    def is_finished(self):
        return self.status in (ImportStatus.SUCCEEDED, ImportStatus.FAILED)

    @property
    def importer_object(self):
        from .registry import get_importer

        return get_importer(self.importer)

    def get_format_display(self):
        importer = self.importer_object
        return importer.format_label(self.format) if importer else self.format
