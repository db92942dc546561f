"""The platform's import framework (radnice.core.imports) with a second consumer besides the
budget: a test-only importer of GPC-like bank statements (``statement_importer``)."""

import threading
import time

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections
from django.urls import reverse

from radnice.core.imports import register_importer
from radnice.core.imports import tasks as import_tasks
from radnice.core.imports.models import ImportRun, ImportStatus
from radnice.core.imports.tasks import run_import
from tests.factories import make_municipality

from .statement_importer import (
    TrialStatementImporter,
    TrialStatementLine,
    header,
    statement,
    transaction,
    trial_importer,
)

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.site.core.statement_urls")]

HOST = {"HTTP_HOST": "alfa.test"}
THREE = [
    transaction(1, 150000, name="Jan Dvořák"),
    transaction(2, 2550, name="Žaneta Šťastná", vs="2023002"),
    transaction(3, 99, name="Obec Beta", code="1", vs=""),
]


def stored(town):
    return sorted(
        TrialStatementLine.objects.filter(municipality=town).values_list(
            "transaction", "amount", "variable_symbol", "name"
        )
    )


def run_file(town, content, name="vypis.gpc"):
    run = ImportRun.objects.create(
        municipality=town,
        importer=trial_importer.name,
        format="gpc",
        file=ContentFile(content, name=name),
        original_name=name,
    )
    assert run.file.name.startswith("imports/trial_statement/")
    run_import(run.pk)
    run.refresh_from_db()
    return run


def grant(user, *actions):
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="core", codename__in=[f"{a}_importrun" for a in actions]
        )
    )


@pytest.fixture
def importing_editor_a(editor_a):
    grant(editor_a, "view", "add")
    return editor_a


@pytest.fixture
def client_a(client, importing_editor_a):
    client.force_login(importing_editor_a)
    return client


EXPECTED = [
    ("0000000000001", 150000, "2023001", "Jan Dvořák"),
    ("0000000000002", 2550, "2023002", "Žaneta Šťastná"),
    ("0000000000003", -99, "", "Obec Beta"),
]


@pytest.mark.parametrize("encoding", ["cp1250", "utf-8", "utf-8-sig"])
def test_a_statement_is_imported_in_any_of_the_encodings(town_a, encoding):
    run = run_file(town_a, statement(*THREE, encoding=encoding))
    assert run.status == ImportStatus.SUCCEEDED
    assert (run.processed_rows, run.imported_rows, run.skipped_rows, run.error_count) == (
        4,
        3,
        0,
        0,
    )
    assert run.message == ("Přečteno řádků: 4, uloženo záznamů: 3, přeskočeno již nahraných: 0.")
    assert stored(town_a) == EXPECTED
    assert run.started_at <= run.finished_at


def test_a_broken_line_is_refused_with_its_line_and_column_in_czech(town_a):
    short = transaction(4, 100)[:-1]
    bad_amount = transaction(5, 100).replace("000000000100", "0000000001O0")
    long = transaction(6, 100) + "XY"
    run = run_file(town_a, statement(THREE[0], short, bad_amount, long))
    assert run.status == ImportStatus.FAILED
    assert run.errors == [
        {
            "line": 3,
            "column": "128",
            "value": "",
            "message": "Řádek má délku 127, řádek formátu GPC má mít přesně 128 znaků.",
        },
        {
            "line": 4,
            "column": "49",
            "value": "0000000001O0",
            "message": "Částka musí být 12 číslic (v haléřích).",
        },
        {
            "line": 5,
            "column": "129",
            "value": "XY",
            "message": "Řádek má délku 130, řádek formátu GPC má mít přesně 128 znaků.",
        },
    ]
    assert run.message == "Soubor byl odmítnut, nic nebylo uloženo. Chybných řádků: 3."
    assert (run.imported_rows, run.skipped_rows, run.error_count) == (0, 0, 3)
    # Line 2 was good and written before line 3 was read: the transaction took it back.
    assert stored(town_a) == []


def test_a_file_in_neither_encoding_is_refused_with_the_byte_and_where(town_a):
    content = bytearray(statement(*THREE))
    second_line = content.index(b"\r\n") + 2
    content[second_line + 98] = 0x98  # column 99 (the name): no character in windows-1250
    run = run_file(town_a, bytes(content))
    assert run.status == ImportStatus.FAILED
    assert [(error["line"], error["message"]) for error in run.errors] == [
        (
            2,
            "Soubor není v kódování UTF-8 ani windows-1250: neplatný bajt 0x98 na řádku 2, "
            "sloupci 99.",
        )
    ]
    assert stored(town_a) == []


def test_a_utf16_file_is_refused_as_binary_data(town_a):
    run = run_file(town_a, statement(*THREE, encoding="utf-16"))
    assert [error["message"] for error in run.errors] == [
        "Soubor není text ve formátu GPC (obsahuje binární data)."
    ]


def test_a_refused_file_leaves_the_earlier_import_as_it_was(town_a, town_b):
    assert run_file(town_a, statement(*THREE)).status == ImportStatus.SUCCEEDED
    assert run_file(town_b, statement(THREE[0])).status == ImportStatus.SUCCEEDED
    refused = run_file(
        town_a,
        statement(transaction(7, 700), transaction(8, 800, code="9"), transaction(7, 700)),
    )
    assert [(e["line"], e["column"], e["message"]) for e in refused.errors] == [
        (3, "61", "Kód účtování musí být 1 (odchozí) nebo 2 (příchozí)."),
        (4, "36", "Transakce je ve výpisu podruhé."),
    ]
    assert stored(town_a) == EXPECTED
    assert len(stored(town_b)) == 1


def test_a_server_error_midway_saves_nothing_and_says_so(town_a, monkeypatch):
    created = []
    original = TrialStatementLine.objects.create

    def create_then_fail(**kwargs):
        if created:
            raise RuntimeError("disk full")
        created.append(original(**kwargs))

    monkeypatch.setattr(TrialStatementLine.objects, "create", create_then_fail)
    run = run_file(town_a, statement(*THREE))
    assert created  # one line was written before the failure...
    assert run.status == ImportStatus.FAILED
    assert run.message == "Import selhal kvůli chybě serveru; nic nebylo uloženo."
    assert stored(town_a) == []  # ...and rolled back


def test_the_same_statement_imported_twice_adds_nothing(town_a):
    first = run_file(town_a, statement(*THREE))
    second = run_file(town_a, statement(*THREE))
    assert (second.status, second.imported_rows, second.skipped_rows) == (
        ImportStatus.SUCCEEDED,
        0,
        3,
    )
    assert second.message == "Přečteno řádků: 4, uloženo záznamů: 0, přeskočeno již nahraných: 3."
    assert stored(town_a) == EXPECTED
    # The task itself runs a run once, however often a broker delivers it.
    assert run_import(first.pk) == "skipped"
    assert stored(town_a) == EXPECTED


@pytest.mark.django_db(transaction=True)
def test_two_uploads_of_one_statement_racing_import_it_once(monkeypatch):
    """Two workers run two uploads of the same statement at the same time: the second waits
    for the first to commit, then skips what it saved (without that, on PostgreSQL, both would
    find nothing stored and the second would fail on the unique transaction id)."""
    town = make_municipality("Obec Závod", "zavod.test")
    runs = [
        ImportRun.objects.create(
            municipality=town,
            importer=trial_importer.name,
            format="gpc",
            file=ContentFile(statement(*THREE), name="vypis.gpc"),
        )
        for _ in range(2)
    ]
    original = TrialStatementLine.objects.create

    def slow_create(**kwargs):  # leaves the other worker time to start meanwhile
        time.sleep(0.2)
        return original(**kwargs)

    monkeypatch.setattr(TrialStatementLine.objects, "create", slow_create)
    results = []

    def work(run_id):
        try:
            results.append(run_import(run_id))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(run.pk,)) for run in runs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert results == [ImportStatus.SUCCEEDED, ImportStatus.SUCCEEDED]
    counts = sorted(
        ImportRun.objects.filter(pk__in=[run.pk for run in runs]).values_list(
            "imported_rows", "skipped_rows"
        )
    )
    assert counts == [(0, 3), (3, 0)]
    assert stored(town) == EXPECTED


def test_progress_is_reported_while_the_file_is_read(town_a, monkeypatch):
    reported = []

    class RecordingCache:
        def set(self, key, value, timeout):
            reported.append((key, value))

        def delete(self, key):
            pass

    monkeypatch.setattr(import_tasks, "cache", RecordingCache())
    content = statement(*THREE)
    run = run_file(town_a, content)
    assert {key for key, _value in reported} == {f"import-progress:{run.pk}"}
    assert [value["rows"] for _key, value in reported] == [2, 4, 4]
    assert reported[-1][1] == {
        "rows": 4,
        "bytes_read": len(content),
        "bytes_total": len(content),
        "percent": 100,
    }


def test_a_run_of_an_importer_that_is_gone_fails_in_czech(town_a):
    run = ImportRun.objects.create(
        municipality=town_a,
        importer="odstraneny",
        format="x",
        file=ContentFile(header().encode(), name="x.gpc"),
    )
    assert run_import(run.pk) == "failed"
    run.refresh_from_db()
    assert run.message == "Tento druh importu není k dispozici; nic nebylo uloženo."


def test_an_importer_name_is_registered_once():
    assert register_importer(trial_importer) is trial_importer
    with pytest.raises(ImproperlyConfigured):
        register_importer(TrialStatementImporter())


# --- the admin pages ------------------------------------------------------------------------


def upload(client, town, content, host=HOST):
    """As the form posts it: the only format is a hidden field, which may also be left out."""
    return client.post(
        reverse("trial_statement_import:add"),
        {"municipality": town.pk, "file": SimpleUploadedFile("v.gpc", content)},
        **host,
    )


def test_upload_progress_and_report_pages(
    client_a, town_a, importing_editor_a, django_capture_on_commit_callbacks
):
    form = client_a.get(reverse("trial_statement_import:add"), **HOST)
    assert form.status_code == 200
    assert form.context["form"]["format"].value() == "gpc"
    assert 'type="radio"' not in form.content.decode()  # one format: nothing to choose
    with django_capture_on_commit_callbacks(execute=False):
        response = upload(client_a, town_a, statement(*THREE))
    assert response.status_code == 302
    run = ImportRun.objects.get(importer="trial_statement")
    assert (run.status, run.created_by, run.original_name, run.format) == (
        ImportStatus.QUEUED,
        importing_editor_a,
        "v.gpc",
        "gpc",
    )
    assert response.url == reverse("trial_statement_import:detail", args=[run.pk])
    waiting = client_a.get(response.url, **HOST)
    assert waiting.status_code == 200
    assert '<meta http-equiv="refresh" content="3">' in waiting.content.decode()
    assert "Import čeká na zpracování." in waiting.content.decode()

    assert run_import(run.pk) == ImportStatus.SUCCEEDED
    done = client_a.get(response.url, **HOST).content.decode()
    assert 'http-equiv="refresh"' not in done
    assert "Import byl úspěšně dokončen." in done
    assert "Import výpisů (zkušební)" in done
    listing = client_a.get(reverse("trial_statement_import:index"), **HOST)
    assert listing.status_code == 200
    assert "v.gpc" in listing.content.decode()


def test_report_lists_every_error_with_line_column_and_value(
    client_a, town_a, django_capture_on_commit_callbacks
):
    broken = transaction(5, 100, date="311323")
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client_a, town_a, statement(THREE[0], broken))
    page = client_a.get(response.url, **HOST).content.decode()
    assert "Soubor byl odmítnut, nic nebylo uloženo. Chybných řádků: 1." in page
    rows = [
        [cell.get_text(strip=True) for cell in row.find_all("td")]
        for row in BeautifulSoup(page, "html.parser").select("table.listing tbody tr")
    ]
    assert rows == [["3", "92", "311323", "Datum musí být ve tvaru DDMMRR."]]
    assert stored(town_a) == []


def test_an_empty_upload_is_refused_by_the_form(client_a, town_a):
    response = upload(client_a, town_a, b"")
    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["Odeslaný soubor je prázdný."]
    assert not ImportRun.objects.exists()


def test_users_without_the_permissions_are_refused(client, editor_a):
    client.force_login(editor_a)  # an editor of the town, without the importer's permissions
    assert client.get(reverse("trial_statement_import:index"), **HOST).status_code == 302
    assert client.get(reverse("trial_statement_import:add"), **HOST).status_code == 302
    grant(editor_a, "view")
    assert client.get(reverse("trial_statement_import:index"), **HOST).status_code == 200
    assert client.get(reverse("trial_statement_import:add"), **HOST).status_code == 302


class TestIsolation:
    """An editor of town B, with the same permissions, cannot list, open or import into
    town A's runs, whatever id they guess; nor does one importer show another's runs."""

    @pytest.fixture
    def client_b(self, client, editor_b):
        grant(editor_b, "view", "add")
        client.force_login(editor_b)
        return client

    @pytest.fixture
    def run_a(self, town_a):
        return run_file(town_a, statement(*THREE), name="alfa-vypis.gpc")

    def test_cannot_list_or_open_a_run_of_another_town(self, client_b, run_a):
        listing = client_b.get(reverse("trial_statement_import:index"), HTTP_HOST="beta.test")
        assert listing.status_code == 200
        assert "alfa-vypis.gpc" not in listing.content.decode()
        for run_id in (run_a.pk, run_a.pk + 1, 999999):
            detail = client_b.get(
                reverse("trial_statement_import:detail", args=[run_id]), HTTP_HOST="beta.test"
            )
            assert detail.status_code == 404

    def test_cannot_import_into_another_town(self, client_b, town_a):
        response = upload(client_b, town_a, statement(*THREE), host={"HTTP_HOST": "beta.test"})
        assert response.status_code == 200
        assert list(response.context["form"].errors) == ["municipality"]
        assert town_a.name not in response.content.decode()
        assert not ImportRun.objects.exists()
        assert stored(town_a) == []

    def test_own_runs_open(self, client_a, run_a):
        detail = client_a.get(reverse("trial_statement_import:detail", args=[run_a.pk]), **HOST)
        assert detail.status_code == 200
        assert "alfa-vypis.gpc" in detail.content.decode()

    def test_runs_of_another_importer_stay_in_their_own_pages(self, client_a, town_a):
        other = ImportRun.objects.create(
            municipality=town_a,
            importer="budget",
            format="kxx",
            options={"year": 2023},
            file=ContentFile(b"x", name="ucetnictvi.kxx"),
            original_name="ucetnictvi.kxx",
        )
        listing = client_a.get(reverse("trial_statement_import:index"), **HOST)
        assert "ucetnictvi.kxx" not in listing.content.decode()
        detail = client_a.get(reverse("trial_statement_import:detail", args=[other.pk]), **HOST)
        assert detail.status_code == 404
