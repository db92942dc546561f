"""The budget's imports: its formats and modes, and its runs of the platform's import framework.

An upload is a ``radnice.core.imports.models.ImportRun`` whose importer is "budget"
(``modules.budget.imports``); ``ImportJob`` is its proxy here, so that the budget's groups keep
their own permissions (``budget.add_importjob``, ``budget.view_importjob``) and its audit log
entries name the budget.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from radnice.core.imports.models import ImportRun, ImportStatus

__all__ = ["ImportFormat", "ImportJob", "ImportMode", "ImportStatus", "import_file_storage"]

BUDGET_IMPORTER = "budget"


def import_file_storage():
    """Where uploads were stored before the platform's import framework (migration 0004
    moves them): migration 0001 names this function, and 0004 reads the old files here."""
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


class BudgetImportManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(importer=BUDGET_IMPORTER)


class ImportJob(ImportRun):
    objects = BudgetImportManager()

    class Meta:
        proxy = True
        verbose_name = _("import rozpočtových dat")
        verbose_name_plural = _("importy rozpočtových dat")

    def save(self, *args, **kwargs):
        self.importer = BUDGET_IMPORTER
        super().save(*args, **kwargs)

    def __str__(self):
        return f"{self.get_format_display()} {self.year} ({self.original_name})"

    @property
    def year(self):
        return self.options.get("year")

    @property
    def mode(self):
        return self.options.get("mode", ImportMode.REPLACE)

    @property
    def invoices_in_ledger(self):
        return bool(self.options.get("invoices_in_ledger"))
