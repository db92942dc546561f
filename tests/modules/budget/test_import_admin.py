"""Uploading accounting files in the admin, watching the import and reading its report."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from modules.budget.models import Actual, Event, FiscalYear, ImportJob, ImportStatus
from radnice.core.imports.tasks import progress_key, run_import

from .conftest import SAMPLE_ROWS, csv_bytes, enable_budget, import_bytes

pytestmark = pytest.mark.django_db

HOST = {"HTTP_HOST": "alfa.test"}


def upload(client, municipality, content, name="data.csv", format="cityvizor", **extra):
    data = {
        "municipality": municipality.pk,
        "year": 2023,
        "format": format,
        "mode": "replace",
        "file": SimpleUploadedFile(name, content),
        **extra,
    }
    return client.post(reverse("budget_import:add"), data, **HOST)


@pytest.fixture
def uploaded_job(client_a, budget_town_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client_a, budget_town_a, csv_bytes(*SAMPLE_ROWS))
    assert response.status_code == 302
    return ImportJob.objects.get()


def flash_messages(client, url):
    response = client.get(url, **HOST)
    messages = [str(message).strip() for message in response.context["messages"]]
    return messages, response.content.decode()


def test_editor_uploads_a_file_and_the_import_runs(uploaded_job, client_a, editor_a):
    job = uploaded_job
    assert job.status == ImportStatus.SUCCEEDED
    assert job.created_by == editor_a
    assert job.imported_rows == len(SAMPLE_ROWS)
    assert job.original_name == "data.csv"
    assert Actual.objects.filter(municipality=job.municipality).count() == 7
    page = client_a.get(reverse("budget_import:detail", args=[job.pk]), **HOST).content.decode()
    assert "Import byl úspěšně dokončen." in page
    assert "Přečteno řádků: 11" in page
    assert 'http-equiv="refresh"' not in page
    log = ModelLogEntry.objects.get(action="budget.import")
    assert log.user == editor_a


@pytest.mark.django_db(transaction=True)
def test_without_a_worker_the_upload_reports_the_finished_import(
    client_a, budget_town_a, budget_page_a
):
    """Celery without a broker runs the task inside the upload request (eager): the message
    must not say the file waits in a queue, and the report links to the imported year.

    (A transactional test: outside a test's transaction ``on_commit`` runs at once, as in
    a real request.)"""
    response = upload(client_a, budget_town_a, csv_bytes(*SAMPLE_ROWS))
    messages, page = flash_messages(client_a, response.url)
    assert messages == ["Soubor byl nahrán a data jsou importována."]
    assert "Import byl úspěšně dokončen." in page
    assert 'href="/rozpocet/2023/"' in page and "Zobrazit rozpočet 2023 na webu obce" in page


@pytest.mark.django_db(transaction=True)
def test_without_a_broker_the_import_runs_after_the_response_in_a_thread(
    client_a, budget_town_a, budget_page_a, settings, monkeypatch
):
    """Outside tests, an installation without a broker imports in a thread of the web
    process: the upload request only stores the file and answers, the import follows."""
    import threading

    from radnice.core import background

    settings.RADNICE_BACKGROUND_THREADS = True
    assert settings.CELERY_TASK_ALWAYS_EAGER
    release = threading.Event()
    started_in = []
    original = background._run_in_thread

    def held(task, args):
        started_in.append(threading.current_thread())
        release.wait(10)
        original(task, args)

    monkeypatch.setattr(background, "_run_in_thread", held)
    response = upload(client_a, budget_town_a, csv_bytes(*SAMPLE_ROWS))
    assert response.status_code == 302
    job = ImportJob.objects.get()
    # The response is back while the import has not started yet.
    assert job.status == ImportStatus.QUEUED
    messages, page = flash_messages(client_a, response.url)
    assert messages == ["Soubor byl nahrán a import zařazen do fronty."]
    assert 'http-equiv="refresh"' in page
    release.set()
    for thread in background.started_threads:
        thread.join(30)
    assert started_in and started_in[0] is not threading.main_thread()
    job.refresh_from_db()
    assert job.status == ImportStatus.SUCCEEDED
    assert Actual.objects.filter(municipality=budget_town_a).count() == 7


def test_upload_form_needs_no_empty_format_choice_and_proposes_this_year(client_a, budget_town_a):
    response = client_a.get(reverse("budget_import:add"), **HOST)
    form = response.context["form"]
    assert [value for value, _label in form.fields["format"].choices] == [
        "kxx",
        "cityvizor",
        "events",
    ]
    assert "---------" not in response.content.decode()
    assert form["year"].value() == timezone.localdate().year


def test_an_incomplete_form_says_so_and_keeps_what_was_entered(client_a, budget_town_a):
    response = client_a.post(
        reverse("budget_import:add"),
        {"municipality": budget_town_a.pk, "year": 2023, "format": "cityvizor", "mode": "replace"},
        **HOST,
    )
    assert response.status_code == 200
    assert [str(message).strip() for message in response.context["messages"]] == [
        "Soubor nebyl nahrán: opravte vyznačené chyby a vyberte ho znovu."
    ]
    assert response.context["form"].errors["file"] == ["Toto pole je povinné."]
    assert response.context["form"]["year"].value() == "2023"
    assert not ImportJob.objects.exists()


def test_the_uploaded_file_is_not_under_media_root(uploaded_job, settings):
    assert not str(uploaded_job.file.path).startswith(str(settings.MEDIA_ROOT))


def test_a_bad_file_shows_every_error_and_saves_nothing(
    client_a, budget_town_a, django_capture_on_commit_callbacks
):
    assert import_bytes(budget_town_a, csv_bytes(*SAMPLE_ROWS)).ok
    before = sorted(Actual.objects.values_list("paragraph", "item", "amount"))
    content = csv_bytes(
        "UCT;6171;5169;;;1200,50;2023-01-31;;;Služby leden",  # a good row before the bad ones
        "UCT;6171;5169;;;x;2023-01-31;;;",
        "UCT;6171;51;;;1;2023-01-31;;;",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client_a, budget_town_a, content)  # "replace" the year: refused
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.FAILED
    assert job.error_count == 2
    assert [error["line"] for error in job.errors] == [3, 4]
    page = client_a.get(response.url, **HOST).content.decode()
    assert "Soubor byl odmítnut, nic nebylo uloženo. Chybných řádků: 2." in page
    rows = [
        [cell.get_text(strip=True) for cell in row.find_all("td")]
        for row in BeautifulSoup(page, "html.parser").select("table.listing tbody tr")
    ]
    assert [row[:3] for row in rows] == [["3", "amount", "x"], ["4", "item", "51"]]
    assert rows[0][3].startswith("Částka není číslo")
    assert rows[1][3].startswith("Položka musí být čtyřmístné číslo")
    assert sorted(Actual.objects.values_list("paragraph", "item", "amount")) == before
    assert FiscalYear.objects.get(municipality=budget_town_a).year == 2023


def test_progress_page_refreshes_itself_while_the_job_waits(
    client_a, budget_town_a, editor_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        upload(client_a, budget_town_a, csv_bytes(*SAMPLE_ROWS))
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.QUEUED
    url = reverse("budget_import:detail", args=[job.pk])
    page = client_a.get(url, **HOST).content.decode()
    assert '<meta http-equiv="refresh" content="3">' in page
    assert "čeká na zpracování" in page

    cache.set(
        progress_key(job.pk), {"rows": 1200, "bytes_read": 50, "bytes_total": 100, "percent": 50}
    )
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)
    page = client_a.get(url, **HOST).content.decode()
    assert "Zpracováno 1200 řádků (50 % souboru)" in page
    cache.delete(progress_key(job.pk))


def test_task_is_safe_to_run_twice(uploaded_job):
    count = Actual.objects.count()
    assert run_import(uploaded_job.pk) == "skipped"
    assert Actual.objects.count() == count


def test_upload_form_is_listed_and_offered(client_a, budget_town_a, uploaded_job):
    listing = client_a.get(reverse("budget_import:index"), **HOST).content.decode()
    assert "data.csv" in listing
    form = client_a.get(reverse("budget_import:add"), **HOST).content.decode()
    assert budget_town_a.name in form


def test_town_without_the_module_cannot_import(client_a, town_a):
    response = upload(client_a, town_a, csv_bytes(*SAMPLE_ROWS))
    assert response.status_code == 200  # the form again, with an error
    assert not ImportJob.objects.exists()


def test_users_without_permission_are_refused(client, budget_town_a, django_user_model):
    user = django_user_model.objects.create_user("nikdo", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(reverse("budget_import:index"), **HOST).status_code == 302
    assert client.get(reverse("budget_import:add"), **HOST).status_code == 302


class TestIsolation:
    """An editor of town B can neither list, open nor import into town A's budget."""

    @pytest.fixture
    def client_b(self, client, editor_b, budget_town_b):
        client.force_login(editor_b)
        return client

    def test_cannot_list_or_open_the_import_of_another_town(self, uploaded_job, client_b):
        listing = client_b.get(reverse("budget_import:index"), HTTP_HOST="beta.test")
        assert "data.csv" not in listing.content.decode()
        detail = client_b.get(
            reverse("budget_import:detail", args=[uploaded_job.pk]), HTTP_HOST="beta.test"
        )
        assert detail.status_code == 404

    def test_cannot_import_into_another_town(self, client_b, budget_town_a):
        response = client_b.post(
            reverse("budget_import:add"),
            {
                "municipality": budget_town_a.pk,
                "year": 2023,
                "format": "cityvizor",
                "mode": "replace",
                "file": SimpleUploadedFile("x.csv", csv_bytes(*SAMPLE_ROWS)),
            },
            HTTP_HOST="beta.test",
        )
        assert response.status_code == 200
        assert not ImportJob.objects.exists()
        assert not FiscalYear.objects.filter(municipality=budget_town_a).exists()

    def test_years_and_events_of_another_town_answer_404(self, client_b, budget_town_a):
        assert import_bytes(budget_town_a, csv_bytes(*SAMPLE_ROWS)).ok
        year = FiscalYear.objects.get(municipality=budget_town_a)
        event = Event.objects.get(municipality=budget_town_a, code=101)
        for url in [
            reverse("budget_years:edit", args=[year.pk]),
            reverse("budget_years:delete", args=[year.pk]),
            reverse("budget_events:edit", args=[event.pk]),
        ]:
            assert client_b.get(url, HTTP_HOST="beta.test").status_code == 404, url
        for url in [reverse("budget_years:index"), reverse("budget_events:index")]:
            page = client_b.get(url, HTTP_HOST="beta.test").content.decode()
            assert budget_town_a.name not in page, url
        response = client_b.post(
            reverse("budget_years:delete", args=[year.pk]), HTTP_HOST="beta.test"
        )
        assert response.status_code == 404
        assert FiscalYear.objects.filter(pk=year.pk).exists()

    def test_own_records_are_editable(self, client_a, budget_town_a):
        assert import_bytes(budget_town_a, csv_bytes(*SAMPLE_ROWS)).ok
        event = Event.objects.get(municipality=budget_town_a, code=101)
        url = reverse("budget_events:edit", args=[event.pk])
        assert client_a.get(url, **HOST).status_code == 200
        response = client_a.post(
            url, {"name": "Oprava silnice", "description": "Nový povrch"}, **HOST
        )
        assert response.status_code == 302
        event.refresh_from_db()
        assert event.name == "Oprava silnice"
        assert "oprava silnice" in event.search_text
        assert event.municipality == budget_town_a


def test_deleting_a_year_removes_its_data(client, admin_a, budget_town_a):
    assert import_bytes(budget_town_a, csv_bytes(*SAMPLE_ROWS)).ok
    year = FiscalYear.objects.get(municipality=budget_town_a)
    client.force_login(admin_a)
    response = client.post(reverse("budget_years:delete", args=[year.pk]), **HOST)
    assert response.status_code == 302
    assert not FiscalYear.objects.exists()
    assert not Actual.objects.exists()


def test_module_must_be_on_to_see_the_upload_form(client_a, town_a):
    page = client_a.get(reverse("budget_import:add"), **HOST).content.decode()
    assert "nemá zapnutý modul Rozpočet" in page
    enable_budget(town_a)
    page = client_a.get(reverse("budget_import:add"), **HOST).content.decode()
    assert "nemá zapnutý modul" not in page
