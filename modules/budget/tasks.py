"""Celery task of the budget module: run one uploaded import.

The task is safe to run twice (a broker may redeliver it): it first claims the job with a
conditional update, so a job that is running or finished is left alone. A job left
"running" by a worker that died is claimed again after ``STALE_AFTER``.
"""

import logging
from datetime import timedelta

from celery import shared_task
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .importers import import_file
from .models import ImportJob, ImportStatus

logger = logging.getLogger(__name__)

STALE_AFTER = timedelta(hours=2)
PROGRESS_TTL = 6 * 3600


def progress_key(job_id):
    return f"budget-import-progress:{job_id}"


def read_progress(job_id):
    """{"rows", "bytes_read", "bytes_total", "percent"} while a job runs, or None.

    Progress lives in the cache, not the database: the import holds its database
    transaction open until the end, and on SQLite no other connection may write meanwhile.
    """
    return cache.get(progress_key(job_id))


def claim(job_id):
    stale = timezone.now() - STALE_AFTER
    return ImportJob.objects.filter(
        Q(status=ImportStatus.QUEUED) | Q(status=ImportStatus.RUNNING, started_at__lt=stale),
        pk=job_id,
    ).update(status=ImportStatus.RUNNING, started_at=timezone.now())


@shared_task(name="budget.run_import", acks_late=True)
def run_import(job_id):
    if not claim(job_id):
        return "skipped"
    job = ImportJob.objects.select_related("municipality", "created_by").get(pk=job_id)

    def progress(rows, bytes_read, bytes_total):
        cache.set(
            progress_key(job_id),
            {
                "rows": rows,
                "bytes_read": bytes_read,
                "bytes_total": bytes_total,
                "percent": round(100 * bytes_read / bytes_total) if bytes_total else 0,
            },
            PROGRESS_TTL,
        )

    try:
        with job.file.open("rb") as binary:
            report = import_file(
                job.municipality,
                binary,
                format=job.format,
                year=job.year,
                mode=job.mode,
                invoices_in_ledger=job.invoices_in_ledger,
                progress=progress,
            )
    except Exception:
        logger.exception("Budget import %s failed", job_id)
        job.status = ImportStatus.FAILED
        job.message = _("Import selhal kvůli chybě serveru; nic nebylo uloženo.")
        job.finished_at = timezone.now()
        job.save()
        cache.delete(progress_key(job_id))
        return "failed"

    job.status = ImportStatus.SUCCEEDED if report.ok else ImportStatus.FAILED
    job.processed_rows = report.rows_read
    job.imported_rows = report.records_imported
    job.skipped_rows = report.duplicates_skipped
    job.error_count = report.error_count
    job.errors = [error.as_dict() for error in report.errors]
    job.message = report.summary()
    job.finished_at = timezone.now()
    job.save()
    cache.delete(progress_key(job_id))
    if report.ok:
        log(
            instance=job,
            action="budget.import",
            user=job.created_by,
            data={"year": job.year, "format": job.format, "records": report.records_imported},
        )
    return job.status
