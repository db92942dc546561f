"""The Celery task that runs one uploaded import (``imports.run``).

The task is safe to run twice (a broker may redeliver it): it first claims the run with a
conditional update, so a run that is running or finished is left alone. A run left
"running" by a worker that died is claimed again after ``STALE_AFTER``.
"""

import logging
import zlib
from datetime import timedelta

from celery import shared_task
from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .models import ImportRun, ImportStatus
from .registry import get_importer
from .running import import_atomically

logger = logging.getLogger(__name__)

STALE_AFTER = timedelta(hours=2)
PROGRESS_TTL = 6 * 3600


def progress_key(run_id):
    return f"import-progress:{run_id}"


def read_progress(run_id):
    """{"rows", "bytes_read", "bytes_total", "percent"} while a run runs, or None.

    Progress lives in the cache, not the database: the import holds its database
    transaction open until the end, and on SQLite no other connection may write meanwhile.
    """
    return cache.get(progress_key(run_id))


def claim(run_id):
    stale = timezone.now() - STALE_AFTER
    return ImportRun.objects.filter(
        Q(status=ImportStatus.QUEUED) | Q(status=ImportStatus.RUNNING, started_at__lt=stale),
        pk=run_id,
    ).update(status=ImportStatus.RUNNING, started_at=timezone.now())


def wait_for_other_runs(run):
    """Inside the run's transaction: wait until no other run of the same importer for the same
    town is writing, so that two uploads of one file, racing, import it once (the second sees
    what the first saved). SQLite lets one transaction write at a time anyway; PostgreSQL takes
    a transaction-level advisory lock."""
    if connection.vendor == "postgresql":
        key = zlib.crc32(f"{run.importer}:{run.municipality_id}".encode())
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [0x1A0, key - (1 << 31)])


def _fail(run, message):
    run.status = ImportStatus.FAILED
    run.message = message
    run.finished_at = timezone.now()
    run.save()
    cache.delete(progress_key(run.pk))
    return "failed"


@shared_task(name="imports.run", acks_late=True)
def run_import(run_id):
    if not claim(run_id):
        return "skipped"
    run = ImportRun.objects.get(pk=run_id)
    importer = get_importer(run.importer)
    if importer is None:
        logger.error("Import %s: no importer %r is registered", run_id, run.importer)
        return _fail(run, _("Tento druh importu není k dispozici; nic nebylo uloženo."))
    # The importer's own model (a module's proxy): its audit log entries and properties.
    run = importer.model._default_manager.select_related("municipality", "created_by").get(
        pk=run_id
    )

    def progress(rows, bytes_read, bytes_total):
        cache.set(
            progress_key(run_id),
            {
                "rows": rows,
                "bytes_read": bytes_read,
                "bytes_total": bytes_total,
                "percent": round(100 * bytes_read / bytes_total) if bytes_total else 0,
            },
            PROGRESS_TTL,
        )

    report = importer.new_report()
    try:
        with run.file.open("rb") as binary:

            def write(report):
                wait_for_other_runs(run)
                importer.write(run, binary, report, progress)

            import_atomically(write, report)
    except Exception:
        logger.exception("Import %s (%s) failed", run_id, run.importer)
        return _fail(run, _("Import selhal kvůli chybě serveru; nic nebylo uloženo."))

    run.status = ImportStatus.SUCCEEDED if report.ok else ImportStatus.FAILED
    run.processed_rows = report.rows_read
    run.imported_rows = report.records_imported
    run.skipped_rows = report.duplicates_skipped
    run.error_count = report.error_count
    run.errors = [error.as_dict() for error in report.errors]
    run.message = report.summary()
    run.finished_at = timezone.now()
    run.save()
    cache.delete(progress_key(run_id))
    if report.ok and importer.log_action:
        log(
            instance=run,
            action=importer.log_action,
            user=run.created_by,
            data=importer.log_data(run, report),
        )
    return run.status
