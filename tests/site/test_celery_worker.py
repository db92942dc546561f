"""Wagtail's background jobs go through django-tasks to Celery and a real worker runs them.

The unit tests check ``radnice.core.tasks_backend.CeleryBackend`` and
``radnice.core.tasks.run_django_task`` without a broker. The ``worker`` test publishes a page
through the admin in this process, with a Redis broker configured, and proves that a separate
``celery -A radnice worker`` process - sharing the test database - updates the search index
and the reference index, which this process only queued.

Redis comes from ``RADNICE_TEST_REDIS_URL`` (default ``redis://127.0.0.1:6379/15``; the
database is flushed). Without a reachable Redis the worker test is skipped, except in CI
(``CI=true``), where it fails.
"""

import base64
import json
import os
import random
import string
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote, urlencode

import kombu.pools
import pytest
import redis
from django.conf import settings
from django.db import connection, transaction
from django.test import override_settings
from django.urls import reverse
from django_tasks import task, task_backends
from django_tasks.backends.immediate import ImmediateBackend
from wagtail.models import Page, ReferenceIndex
from wagtail.search.backends import get_search_backend
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from municipalities.models import MunicipalityRole
from radnice.blocks.blocks import rich_text_stream
from radnice.celery import app as celery_app
from radnice.core import tasks as core_tasks
from radnice.core.tasks import run_django_task
from radnice.core.tasks_backend import CeleryBackend, coalesced_jobs
from radnice.pages.models import StandardPage
from tests.factories import make_member, make_municipality, restore_migration_data

CELERY_TASKS = {"default": {"BACKEND": "radnice.core.tasks_backend.CeleryBackend"}}
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"
WORKER_START_TIMEOUT = float(os.environ.get("RADNICE_TEST_WORKER_START_TIMEOUT", "60"))
WORKER_EFFECT_TIMEOUT = float(os.environ.get("RADNICE_TEST_WORKER_TIMEOUT", "30"))
SEARCH_TASK = "modelsearch.tasks.insert_or_update_object_task"
REFERENCE_TASK = "wagtail.tasks.update_reference_index_task"


@task()
def add_numbers(a, b):
    """A django-task for the unit tests (module level, as django-tasks requires)."""
    return a + b


# --- unit tests: no broker ------------------------------------------------------------------


class RecordingCeleryTask:
    """Stands in for ``run_django_task`` and records what would be sent to the broker."""

    def __init__(self):
        self.sent = []

    def apply_async(self, args=None, kwargs=None, **options):
        self.sent.append({"args": args, "kwargs": kwargs, **options})


@pytest.fixture
def recorded_dispatches(monkeypatch):
    recorder = RecordingCeleryTask()
    monkeypatch.setattr(core_tasks, "run_django_task", recorder)
    with override_settings(TASKS=CELERY_TASKS):
        yield recorder.sent


def test_the_django_tasks_backend_follows_the_tasks_setting():
    # django-tasks caches its backends but rebuilds them when TASKS changes.
    with override_settings(TASKS=IMMEDIATE_TASKS):
        assert isinstance(add_numbers.get_backend(), ImmediateBackend)
        with override_settings(TASKS=CELERY_TASKS):
            assert isinstance(task_backends["default"], CeleryBackend)
            assert isinstance(add_numbers.get_backend(), CeleryBackend)
        assert isinstance(add_numbers.get_backend(), ImmediateBackend)


def test_celery_backend_dispatches_only_when_the_transaction_commits(
    db, recorded_dispatches, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            result = add_numbers.enqueue(2, b=3)
            assert recorded_dispatches == [], "dispatched before the transaction committed"
        assert recorded_dispatches == [], "dispatched before the outer transaction committed"

    assert len(callbacks) == 1
    assert recorded_dispatches == [
        {
            "args": ("tests.site.test_celery_worker.add_numbers", [2], {"b": 3}),
            "kwargs": None,
            "task_id": result.id,
            "queue": None,
        }
    ]
    # What goes over the wire must survive Celery's JSON serializer.
    assert json.loads(json.dumps(recorded_dispatches[0]["args"])) == [
        "tests.site.test_celery_worker.add_numbers",
        [2],
        {"b": 3},
    ]
    assert result.backend == "default"
    assert result.status == "READY"


def test_celery_backend_does_not_dispatch_when_the_transaction_rolls_back(
    db, recorded_dispatches, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        add_numbers.enqueue(1, 1)
        transaction.set_rollback(True)

    assert callbacks == []
    assert recorded_dispatches == []


def test_celery_backend_sends_other_django_task_queues_to_the_same_celery_queue(
    db, recorded_dispatches, django_capture_on_commit_callbacks
):
    tasks_with_queue = {"default": {**CELERY_TASKS["default"], "QUEUES": ["default", "search"]}}
    with (
        override_settings(TASKS=tasks_with_queue),
        django_capture_on_commit_callbacks(execute=True),
    ):
        add_numbers.using(queue_name="search").enqueue(1, 2)

    assert [sent["queue"] for sent in recorded_dispatches] == ["search"]


def test_run_django_task_runs_a_django_task_by_module_path():
    assert run_django_task.name == "radnice.run_django_task"
    assert run_django_task("tests.site.test_celery_worker.add_numbers", [20], {"b": 22}) == 42
    # The same through Celery's own (eager) execution path.
    outcome = run_django_task.apply(
        args=("tests.site.test_celery_worker.add_numbers", [1], {"b": 2})
    )
    assert outcome.successful()
    assert outcome.get() == 3


def test_coalesced_jobs_queue_each_distinct_job_once_at_the_end(
    db, recorded_dispatches, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with coalesced_jobs():
            add_numbers.enqueue(1, 2)
            add_numbers.enqueue(5, b=5)
            add_numbers.enqueue(1, 2)  # queued again: runs once, after (5, b=5)
            assert not isinstance(task_backends["default"], CeleryBackend)
            assert recorded_dispatches == []
        assert isinstance(task_backends["default"], CeleryBackend)
    assert [sent["args"][1:] for sent in recorded_dispatches] == [([5], {"b": 5}), ([1, 2], {})]


def test_coalesced_jobs_leave_out_index_jobs_of_records_deleted_meanwhile(
    db, town_a, recorded_dispatches, django_capture_on_commit_callbacks
):
    from wagtail.tasks import update_reference_index_task

    home = town_a.site.root_page.specific
    with django_capture_on_commit_callbacks(execute=True), coalesced_jobs():
        kept = home.add_child(instance=StandardPage(title="Zůstane", slug="zustane"))
        gone = home.add_child(instance=StandardPage(title="Zmizí", slug="zmizi"))
        gone_pk = gone.pk
        update_reference_index_task.enqueue("pages", "standardpage", kept.pk)
        update_reference_index_task.enqueue("pages", "standardpage", gone_pk)
        gone.delete()
    sent = [
        tuple(dispatch["args"][1])
        for dispatch in recorded_dispatches
        if dispatch["args"][0] == REFERENCE_TASK
    ]
    assert ("pages", "standardpage", kept.pk) in sent
    assert ("pages", "standardpage", gone_pk) not in sent


def test_coalesced_jobs_drop_the_jobs_of_a_failed_block(db, recorded_dispatches):
    with pytest.raises(ZeroDivisionError), coalesced_jobs():
        add_numbers.enqueue(1, 2)
        1 / 0  # noqa: B018
    assert isinstance(task_backends["default"], CeleryBackend)
    assert recorded_dispatches == []


def test_coalesced_jobs_leave_the_indexes_as_job_by_job_would(db, town_a):
    """A page saved and published several times in the block is found by the search and
    recorded in the reference index once the block ends, as without the block."""
    home = town_a.site.root_page.specific
    with override_settings(TASKS=IMMEDIATE_TASKS), coalesced_jobs() as holding:
        page = home.add_child(
            instance=StandardPage(
                title="Hromadné stavění xqzvjpw",
                slug="hromadne",
                live=False,
                body=rich_text_stream(f'<p><a linktype="page" id="{home.pk}">Úvod</a></p>'),
            )
        )
        page.save_revision().publish()
        page.title = "Hromadně postavená stránka xqzvjpw"
        page.save_revision().publish()
        held = len(holding.jobs)
        assert not get_search_backend().search("xqzvjpw", StandardPage)
    assert held == 2  # one search-index and one reference-index job of the page
    found = get_search_backend().search("xqzvjpw", StandardPage)
    assert [result.title for result in found] == ["Hromadně postavená stránka xqzvjpw"]
    assert ReferenceIndex.get_references_for_object(page).filter(to_object_id=str(home.pk)).exists()


# --- worker test: Redis + a separate `celery worker` process ---------------------------------


@pytest.fixture
def redis_broker():
    """A reachable, empty Redis database for the broker; skipped (or failed in CI) without it."""
    url = os.environ.get("RADNICE_TEST_REDIS_URL") or DEFAULT_REDIS_URL
    client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=10)
    try:
        client.ping()
    except redis.RedisError as error:
        client.close()
        message = (
            f"Redis is not reachable at {url} ({error}); the Celery worker test needs it "
            "(set RADNICE_TEST_REDIS_URL to a Redis database the tests may flush)."
        )
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    client.flushdb()
    yield url, client
    client.flushdb()
    client.close()


@pytest.fixture
def wagtail_base_data(transactional_db):
    """Rows created by migrations, which an earlier transactional test's flush removed."""
    restore_migration_data()


def database_url_for_worker():
    """A DATABASE_URL for the test database this process is using right now."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        name = str(db["NAME"])
        if name == ":memory:" or "mode=memory" in name:
            pytest.skip("the Celery worker test needs a file-backed SQLite test database")
        return "sqlite:///" + str(Path(name).resolve())
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.fail(f"the Celery worker test does not know how to share {db['ENGINE']}")
    credentials = quote(db.get("USER") or "", safe="")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = quote(db.get("HOST") or "", safe="")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    netloc = f"{credentials}@{host}{port}" if credentials else f"{host}{port}"
    options = {
        key: value
        for key, value in (db.get("OPTIONS") or {}).items()
        if isinstance(value, str | int) and not isinstance(value, bool)
    }
    query = f"?{urlencode(options)}" if options else ""
    return f"postgres://{netloc}/{quote(db['NAME'], safe='')}{query}"


class CeleryWorker:
    """A ``celery -A radnice worker`` subprocess consuming one queue, logging to a file."""

    def __init__(self, broker_url, queue, log_path):
        self.broker_url = broker_url
        self.queue = queue
        self.hostname = f"{queue}@localhost"
        self.log_path = log_path
        self.process = None
        self._log_file = None

    def start(self):
        venv_bin = Path(sys.executable).parent
        celery = venv_bin / "celery"
        command = [str(celery)] if celery.exists() else [sys.executable, "-m", "celery"]
        command += [
            "-A",
            "radnice",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-Q",
            self.queue,
            "-n",
            self.hostname,
        ]
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "radnice.settings",
            "RADNICE_TESTING": "1",
            "DATABASE_URL": database_url_for_worker(),
            "CELERY_BROKER_URL": self.broker_url,
            "PYTHONUNBUFFERED": "1",
        }
        for name in ("CELERY_BROKER_READ_URL", "CELERY_BROKER_WRITE_URL"):
            env.pop(name, None)
        self._log_file = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )

    def log(self):
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def fail(self, message):
        pytest.fail(f"{message}\n--- celery worker output ---\n{self.log()}", pytrace=False)

    def check_running(self):
        if self.process.poll() is not None:
            self.fail(f"the Celery worker exited with code {self.process.returncode}")

    def wait_until(self, condition, timeout, what):
        """Poll ``condition`` (bounded) while the worker is alive; fail with its log."""
        deadline = time.monotonic() + timeout
        delay = 0.05
        while not condition():
            self.check_running()
            if time.monotonic() >= deadline:
                self.fail(f"timed out after {timeout:g} s waiting for {what}")
            time.sleep(delay)
            delay = min(delay * 2, 0.5)

    def wait_until_ready(self, timeout):
        self.wait_until(
            lambda: f"{self.hostname} ready." in self.log(),
            timeout,
            "the Celery worker to become ready",
        )

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()  # warm shutdown
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        if self._log_file is not None:
            self._log_file.close()


@pytest.fixture
def celery_worker(transactional_db, redis_broker, tmp_path, monkeypatch):
    """This process sends Celery tasks to Redis; yields a worker (not started) for that queue.

    Depends on ``transactional_db`` so that the worker is stopped before the test database is
    flushed; the worker's output is printed (shown with ``-rP``) and included in failures.
    """
    broker_url, _client = redis_broker
    queue = f"radnice-test-{uuid.uuid4().hex[:12]}"
    # Celery prefers the environment variables to its configuration.
    monkeypatch.setenv("CELERY_BROKER_URL", broker_url)
    monkeypatch.delenv("CELERY_BROKER_READ_URL", raising=False)
    monkeypatch.delenv("CELERY_BROKER_WRITE_URL", raising=False)
    worker = CeleryWorker(broker_url, queue, tmp_path / "celery-worker.log")

    def forget_broker_connections():
        # The broker connection pools are created lazily for the broker configured then.
        # kombu keeps them in a registry keyed by connection, so close them there as well.
        celery_app._pool = None
        celery_app.amqp._producer_pool = None
        kombu.pools.reset()

    # The Celery app reads the Django settings live (config_from_object), and the django-tasks
    # backends are rebuilt when TASKS changes (django_tasks.signals.clear_tasks_handlers).
    overrides = override_settings(
        TASKS=CELERY_TASKS,
        CELERY_BROKER_URL=broker_url,
        CELERY_TASK_ALWAYS_EAGER=False,
        CELERY_TASK_DEFAULT_QUEUE=queue,
    )
    forget_broker_connections()
    overrides.enable()
    try:
        assert not celery_app.conf.task_always_eager
        assert celery_app.conf.broker_url == broker_url
        assert isinstance(task_backends["default"], CeleryBackend)
        yield worker
    finally:
        try:
            worker.stop()
        finally:
            overrides.disable()
            forget_broker_connections()
            print(f"--- celery worker output ---\n{worker.log()}")


def queued_django_tasks(client, queue):
    """The (module path, args) of the django-tasks waiting in a Celery queue in Redis."""
    queued = []
    for raw in client.lrange(queue, 0, -1):
        message = json.loads(raw)
        assert message["headers"]["task"] == "radnice.run_django_task"
        assert message["properties"]["body_encoding"] == "base64"
        (module_path, args, _kwargs), _options, _embed = json.loads(
            base64.b64decode(message["body"])
        )
        queued.append((module_path, args))
    return queued


def unique_word():
    return "zvonice" + "".join(random.choices(string.ascii_lowercase, k=12))


def search_finds(page, word):
    return page.pk in {result.pk for result in Page.objects.live().search(word)}


def search_uses_an_index():
    """The database fallback backend searches the tables directly, without an index."""
    from modelsearch.backends.database.fallback import DatabaseSearchBackend

    return not isinstance(get_search_backend(), DatabaseSearchBackend)


@pytest.fixture
def town_and_administrator(wagtail_base_data):
    """A new town and its administrator (who may publish), made before Celery is switched on."""
    town = make_municipality("Obec Zvonice", "zvonice.test")
    return town, make_member(town, MunicipalityRole.ADMINISTRATOR)


@pytest.mark.worker
def test_worker_indexes_a_page_published_in_the_admin(
    redis_broker, town_and_administrator, celery_worker, client
):
    # Fixture order matters: the town is made before celery_worker routes tasks to Redis.
    _broker_url, redis_client = redis_broker
    town, administrator = town_and_administrator
    home = town.site.root_page
    word = unique_word()
    assert isinstance(add_numbers.get_backend(), CeleryBackend)
    assert redis_client.llen(celery_worker.queue) == 0

    client.force_login(administrator)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("pages", "standardpage", home.pk)),
        nested_form_data(
            {
                "title": "Zvonice na návsi",
                "slug": "zvonice",
                "teaser": f"Opravená zvonice {word}.",
                "body": streamfield(
                    [
                        (
                            "rich_text",
                            rich_text(
                                f'<p>Zvonice {word} stojí kousek od <a linktype="page" '
                                f'id="{home.pk}">úvodní stránky</a>.</p>'
                            ),
                        )
                    ]
                ),
                "persons": inline_formset([]),
                "related_links": inline_formset([]),
                "action-publish": "action-publish",
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = StandardPage.objects.get(slug="zvonice")
    assert page.live

    # The request only queued the work: nothing in this process updated the indexes ...
    assert not ReferenceIndex.get_references_for_object(page).exists()
    if search_uses_an_index():
        assert not search_finds(page, word)
    # ... and the jobs are waiting in Redis for a worker.
    queued = queued_django_tasks(redis_client, celery_worker.queue)
    page_args = ["pages", "standardpage", str(page.pk)]
    assert (SEARCH_TASK, page_args) in queued, queued
    assert (REFERENCE_TASK, page_args) in queued, queued

    celery_worker.start()
    celery_worker.wait_until_ready(WORKER_START_TIMEOUT)
    celery_worker.wait_until(
        lambda: search_finds(page, word),
        WORKER_EFFECT_TIMEOUT,
        f"a search for {word!r} to find the published page",
    )
    celery_worker.wait_until(
        lambda: ReferenceIndex.get_references_to(home).filter(object_id=str(page.pk)).exists(),
        WORKER_EFFECT_TIMEOUT,
        "the reference index to record the page's link to the home page",
    )
    celery_worker.wait_until(
        lambda: redis_client.llen(celery_worker.queue) == 0,
        WORKER_EFFECT_TIMEOUT,
        "the worker to take every queued job",
    )
    log = celery_worker.log()
    assert "radnice.run_django_task" in log
    assert "Traceback" not in log, log
