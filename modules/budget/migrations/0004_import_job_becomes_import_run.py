"""The budget's import jobs become runs of the platform's import framework (core.ImportRun).

Every job is copied with its id (so audit log entries and links stay valid), its year, mode
and "invoices in ledger" go to ``options``, and its uploaded file moves to the framework's
storage: a file that is already there (the default set-up: both live in PRIVATE_MEDIA_ROOT)
is only renamed, any other is copied; the old copy is left for the operator to delete.
``ImportJob`` then becomes a proxy of ``ImportRun``: its permissions and content type stay.
"""

from django.core.files import File
from django.core.management.color import no_style
from django.db import migrations

OLD_PREFIX = "budget-imports/"
NEW_PREFIX = "imports/budget/"
COPIED = ["status", "processed_rows", "imported_rows", "skipped_rows", "error_count", "errors",
          "message", "original_name", "started_at", "finished_at"]  # fmt: skip


def _same_file(storage_a, name_a, storage_b, name_b):
    try:
        return storage_a.path(name_a) == storage_b.path(name_b)
    except NotImplementedError:  # not on a file system
        return False


def _move(name, source, target, prefixes):
    """The name of the file ``name`` of ``source`` in ``target``, copied there if needed."""
    old_prefix, new_prefix = prefixes
    if not name or not source.exists(name):
        return name  # lost before: the report stays readable
    renamed = old_prefix + name if old_prefix else name.removeprefix(OLD_PREFIX)
    if _same_file(source, name, target, renamed):
        return renamed
    with source.open(name, "rb") as content:
        return target.save(new_prefix + name.removeprefix(NEW_PREFIX), File(content))


def _reset_sequence(schema_editor, model):
    with schema_editor.connection.cursor() as cursor:
        for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), [model]):
            cursor.execute(sql)


def _storages():
    from modules.budget.models import import_file_storage
    from radnice.core.imports.models import import_storage

    return import_file_storage(), import_storage()


def forwards(apps, schema_editor):
    ImportJob = apps.get_model("budget", "ImportJob")
    ImportRun = apps.get_model("core", "ImportRun")
    db = schema_editor.connection.alias
    old_storage, new_storage = _storages()
    jobs = list(ImportJob.objects.using(db).order_by("pk"))
    runs = [
        ImportRun(
            pk=job.pk,
            municipality_id=job.municipality_id,
            importer="budget",
            format=job.format,
            options={
                "year": job.year,
                "mode": job.mode,
                "invoices_in_ledger": job.invoices_in_ledger,
            },
            file=_move(job.file.name, old_storage, new_storage, (OLD_PREFIX, NEW_PREFIX)),
            created_by_id=job.created_by_id,
            **{name: getattr(job, name) for name in COPIED},
        )
        for job in jobs
    ]
    ImportRun.objects.using(db).bulk_create(runs, batch_size=500)
    for job in jobs:  # bulk_create stamps auto_now_add fields with the present
        ImportRun.objects.using(db).filter(pk=job.pk).update(created_at=job.created_at)
    _reset_sequence(schema_editor, ImportRun)


def backwards(apps, schema_editor):
    ImportJob = apps.get_model("budget", "ImportJob")
    ImportRun = apps.get_model("core", "ImportRun")
    db = schema_editor.connection.alias
    old_storage, new_storage = _storages()
    runs = list(ImportRun.objects.using(db).filter(importer="budget").order_by("pk"))
    jobs = [
        ImportJob(
            pk=run.pk,
            municipality_id=run.municipality_id,
            year=run.options.get("year") or 0,
            format=run.format,
            mode=run.options.get("mode", "replace"),
            invoices_in_ledger=bool(run.options.get("invoices_in_ledger")),
            file=_move(run.file.name, new_storage, old_storage, ("", "")),
            created_by_id=run.created_by_id,
            **{name: getattr(run, name) for name in COPIED},
        )
        for run in runs
    ]
    ImportJob.objects.using(db).bulk_create(jobs, batch_size=500)
    for run in runs:
        ImportJob.objects.using(db).filter(pk=run.pk).update(created_at=run.created_at)
    ImportRun.objects.using(db).filter(importer="budget").delete()
    _reset_sequence(schema_editor, ImportJob)


class Migration(migrations.Migration):
    dependencies = [
        ("budget", "0003_invoice_search_index"),
        ("core", "0003_import_run"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="ImportJob"),
        migrations.CreateModel(
            name="ImportJob",
            fields=[],
            options={
                "verbose_name": "import rozpočtových dat",
                "verbose_name_plural": "importy rozpočtových dat",
                "proxy": True,
                "indexes": [],
                "constraints": [],
            },
            bases=("core.importrun",),
        ),
    ]
