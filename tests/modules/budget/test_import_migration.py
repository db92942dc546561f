"""budget 0004: the budget's import jobs become runs of the platform's import framework, with
their ids, dates, options, files, permissions and audit log; going back restores them."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from wagtail.models import ModelLogEntry

from modules.budget.models import ImportJob, ImportStatus
from radnice.core.imports.models import ImportRun
from tests.factories import make_municipality

BEFORE = [("budget", "0003_invoice_search_index")]
AFTER = [("budget", "0004_import_job_becomes_import_run")]
UPLOADED = datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.UTC)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    graph = MigrationExecutor(connection).loader.graph
    return [node for app in ("budget", "core") for node in graph.leaf_nodes(app)]


@pytest.fixture
def storages(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": tmp_path / "private"}},
    }
    return tmp_path


def old_job(old_apps, town, user_id, name, **fields):
    OldImportJob = old_apps.get_model("budget", "ImportJob")
    job = OldImportJob.objects.create(
        municipality_id=town.pk,
        year=2023,
        format="cityvizor",
        mode="append",
        invoices_in_ledger=True,
        file=name,
        original_name="data.csv",
        status=ImportStatus.SUCCEEDED,
        processed_rows=11,
        imported_rows=10,
        skipped_rows=1,
        message="Přečteno řádků: 11",
        created_by_id=user_id,
        finished_at=UPLOADED,
        **fields,
    )
    OldImportJob.objects.filter(pk=job.pk).update(created_at=UPLOADED)
    return job


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("old_root", ["default", "elsewhere"])
def test_jobs_become_runs_with_their_ids_files_and_history(
    storages, settings, django_user_model, old_root
):
    town = make_municipality("Obec Migrace", "migrace.test")
    user = django_user_model.objects.create_user("ucetni", password="x")
    if old_root == "elsewhere":  # an installation that had set BUDGET_IMPORT_ROOT
        settings.BUDGET_IMPORT_ROOT = storages / "elsewhere"
        old_storage = FileSystemStorage(location=storages / "elsewhere")
    else:
        old_storage = FileSystemStorage(location=storages / "private" / "budget-imports")
    old_storage.save("2024/05/data.csv", ContentFile(b"type;paragraph\n"))
    try:
        old_apps = migrate(BEFORE)
        job = old_job(old_apps, town, user.pk, "2024/05/data.csv")
        failed = old_job(
            old_apps,
            town,
            None,
            "2024/05/gone.csv",
            error_count=1,
            errors=[{"line": 3, "column": "amount", "value": "x", "message": "Částka"}],
        )
        group = Group.objects.create(name="Účetní")
        view = Permission.objects.get(content_type__app_label="budget", codename="view_importjob")
        group.permissions.add(view)
        content_type = ContentType.objects.get(app_label="budget", model="importjob")
        ModelLogEntry.objects.create(
            content_type=content_type,
            object_id=str(job.pk),
            label="data.csv",
            action="budget.import",
            timestamp=timezone.now(),
            user=user,
        )
        migrate(AFTER)
    finally:
        migrate(latest())

    run = ImportJob.objects.get(pk=job.pk)
    assert (run.importer, run.format, run.options) == (
        "budget",
        "cityvizor",
        {"year": 2023, "mode": "append", "invoices_in_ledger": True},
    )
    assert (run.year, run.mode, run.invoices_in_ledger) == (2023, "append", True)
    assert (run.created_at, run.finished_at, run.created_by) == (UPLOADED, UPLOADED, user)
    assert (run.processed_rows, run.imported_rows, run.skipped_rows) == (11, 10, 1)
    expected_name = (
        "budget-imports/2024/05/data.csv"
        if old_root == "default"
        else "imports/budget/2024/05/data.csv"
    )
    assert run.file.name == expected_name
    with run.file.open("rb") as content:
        assert content.read() == b"type;paragraph\n"
    gone = ImportJob.objects.get(pk=failed.pk)
    assert gone.errors == [{"line": 3, "column": "amount", "value": "x", "message": "Částka"}]
    assert gone.file.name == "2024/05/gone.csv"  # lost before: kept as it was
    # Permissions of the budget's groups and the audit log still name the budget's jobs.
    assert group.permissions.filter(codename="view_importjob").exists()
    assert Permission.objects.filter(content_type=content_type, codename="add_importjob").exists()
    assert ModelLogEntry.objects.get(action="budget.import").object_id == str(run.pk)
    assert ContentType.objects.get_for_model(run, for_concrete_model=False) == content_type
    # New runs take ids after the copied ones (PostgreSQL's sequence was moved on).
    new = ImportRun.objects.create(
        municipality=town, importer="budget", format="kxx", file=ContentFile(b"x", name="n.kxx")
    )
    assert new.pk > failed.pk


@pytest.mark.django_db(transaction=True)
def test_going_back_restores_the_jobs(storages, django_user_model):
    town = make_municipality("Obec Migrace", "migrace.test")
    run = ImportJob.objects.create(
        municipality=town,
        format="kxx",
        options={"year": 2022, "mode": "replace", "invoices_in_ledger": False},
        file=ContentFile(b"5/@", name="ucetnictvi.kxx"),
        original_name="ucetnictvi.kxx",
        status=ImportStatus.SUCCEEDED,
    )
    other = ImportRun.objects.create(
        municipality=town, importer="bank", format="gpc", file=ContentFile(b"0", name="v.gpc")
    )
    try:
        old_apps = migrate([*BEFORE, ("core", "0003_import_run")])
        job = old_apps.get_model("budget", "ImportJob").objects.get(pk=run.pk)
        assert (job.year, job.format, job.mode, job.invoices_in_ledger) == (
            2022,
            "kxx",
            "replace",
            False,
        )
        assert job.created_at == run.created_at
        assert job.file.name == run.file.name.removeprefix("imports/budget/")
        with job.file.open("rb") as content:
            assert content.read() == b"5/@"
        runs = old_apps.get_model("core", "ImportRun").objects
        assert list(runs.values_list("pk", flat=True)) == [other.pk]
    finally:
        migrate(latest())
    assert ImportJob.objects.get(pk=run.pk).year == 2022
