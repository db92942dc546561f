"""Browser tests: Playwright (sync API) drives Debian's Chromium against the live server.

- Chromium is never downloaded: the tests use ``/usr/bin/chromium``. Without it they are
  skipped, except in CI (``CI=true``), where they fail.
- Every test in this folder gets the ``browser`` marker (``-m "not browser"`` leaves them out).
- pytest-django's ``live_server`` runs in a thread of this process, so the data the tests
  create must be committed: the fixtures here use ``transactional_db``.
- Sites get hostnames under ``.test`` (mapped to 127.0.0.1 inside Chromium with
  ``--host-resolver-rules``) and the live server's port, so Wagtail resolves every request
  to the right municipality and ``SiteHostValidationMiddleware`` lets it through.
"""

import dataclasses
import os
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections

from municipalities.demo.builders import build_demo_town
from municipalities.demo.towns import LHOTA
from municipalities.models import MunicipalityRole
from radnice.core import page_weight
from radnice.core.page_samples import sample_pages
from tests.factories import make_member, make_municipality, restore_migration_data

BROWSER_TESTS_DIR = Path(__file__).resolve().parent
CHROMIUM = Path(page_weight.CHROMIUM)
CHROMIUM_ARGS = [
    *page_weight.CHROMIUM_ARGS,
    # Hostnames of the test sites resolve to the live server, nothing else leaves the machine.
    "--host-resolver-rules=MAP *.test 127.0.0.1",
]
NOT_INSTALLED = "Chromium není nainstalován: apt-get install chromium"
PASSWORD = "heslo-123"
# Playwright waits (expect, wait_for_*) give up after this many milliseconds.
TIMEOUT_MS = 15_000


def is_browser_test(item):
    return item.path.is_relative_to(BROWSER_TESTS_DIR)


def require_chromium():
    if CHROMIUM.exists():
        return str(CHROMIUM)
    if os.environ.get("CI") == "true":
        pytest.fail(
            f"{NOT_INSTALLED} (v CI jsou testy v prohlížeči povinné, {CHROMIUM} chybí)",
            pytrace=False,
        )
    pytest.skip(NOT_INSTALLED)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark every test in tests/browser/ with ``browser`` (before ``-m`` selects tests)."""
    for item in items:
        if is_browser_test(item):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Without Chromium, skip (in CI fail) before fixtures build the database and live server."""
    if is_browser_test(item):
        require_chromium()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, so fixtures can tell whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def chromium_executable():
    return require_chromium()


# --- data: committed, so that the live server thread sees it --------------------------------


@pytest.fixture
def browser_sites(transactional_db, live_server):
    restore_migration_data()
    return {"port": live_server.thread.port}


@pytest.fixture
def live_town_a(browser_sites):
    return make_municipality("Obec Alfa", "alfa.test", port=browser_sites["port"])


@pytest.fixture
def live_town_b(browser_sites):
    return make_municipality("Město Beta", "beta.test", kind="mesto", port=browser_sites["port"])


@pytest.fixture
def live_publisher_a(live_town_a):
    """A member of town A who may publish pages (in the "Schvalovatelé" group).

    Members of "Editoři" may only save drafts and submit them for moderation.
    """
    return make_member(
        live_town_a, MunicipalityRole.MODERATOR, email="schvalovatel@alfa.test", password=PASSWORD
    )


# --- a whole town, built once per test module -----------------------------------------------

SHOWCASE_HOSTNAME = "lhota.test"


@dataclasses.dataclass
class Showcase:
    municipality: object
    samples: list  # radnice.core.page_samples.SamplePage, one per public page type and view

    def url(self, path="/"):
        return site_url(self.municipality, path)

    def sample(self, key):
        return next(sample for sample in self.samples if sample.key == key)

    def use_theme(self, name):
        self.municipality.theme = name
        self.municipality.save(update_fields=["theme"])


@pytest.fixture(scope="session")
def test_database(django_db_setup, django_db_blocker):
    """The test database, also when no selected test asks for ``db`` and its relatives.

    pytest-django creates it only for tests that use ``db``, ``transactional_db``,
    ``live_server`` or the ``django_db`` mark; ``showcase`` uses none of them (see there),
    so when only such tests run, the database is created (and dropped) here.
    """
    from django.test.utils import setup_databases, teardown_databases

    settings = connections["default"].settings_dict
    if settings["NAME"] == settings["TEST"]["NAME"]:
        yield
        return
    with django_db_blocker.unblock():
        created = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    yield
    with django_db_blocker.unblock():
        teardown_databases(created, verbosity=0)


@pytest.fixture(scope="module")
def showcase(test_database, django_db_blocker):
    """The demo town Lhota pod Lesem on ``lhota.test``: every page type, the budget module
    with data imported from a generated Cityvizor file, menus, alerts.

    Building it takes seconds, so it is built once for all tests of a module and the database
    is emptied after them. It has its own live server: a test that uses pytest-django's
    ``live_server`` gets ``transactional_db``, whose flush after each test would remove the
    town. For the same reason tests using it take the browser from ``module_browser``.
    """
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():  # for this thread and the server's, until the end
        server = LiveServer("localhost")
        try:
            restore_migration_data()
            town = dataclasses.replace(
                LHOTA, hostname=SHOWCASE_HOSTNAME, editor_username=f"editor@{SHOWCASE_HOSTNAME}"
            )
            municipality = build_demo_town(town, server.thread.port)
            show_subpages_in_menus(municipality)
            yield Showcase(municipality, sample_pages(municipality))
        finally:
            server.stop()
            connections.close_all()
            call_command("flush", interactive=False, verbosity=0)
            connections.close_all()


def show_subpages_in_menus(municipality):
    """The subpages of signposts (landing pages) in the menu too, so that themes with
    submenus render one."""
    from wagtail.models import Page

    from radnice.pages.models import LandingPage

    home = municipality.site.root_page
    for section in home.get_children().live().in_menu().type(LandingPage):
        Page.objects.child_of(section).live().update(show_in_menus=True)


def add_sample_cookies(context, showcase, sample):
    """The cookies a sample page needs first: a citizen's session (radnice.citizens.samples)."""
    if sample.cookies:
        context.add_cookies(
            [
                {"name": name, "value": value, "url": showcase.url("/")}  # path "/"
                for name, value in sample.cookies
            ]
        )


def site_url(municipality, path="/"):
    site = municipality.site
    return f"http://{site.hostname}:{site.port}{path}"


def log_in(page, municipality, user):
    page.goto(site_url(municipality, "/admin/login/"))
    page.get_by_label("Uživatelské jméno").fill(user.username)
    page.locator("input[name='password']").fill(PASSWORD)
    page.get_by_role("button", name="Přihlásit se").click()
    page.wait_for_url(site_url(municipality, "/admin/"))


# --- the browser ------------------------------------------------------------------------------


@pytest.fixture
def browser(chromium_executable, transactional_db, live_server, monkeypatch):
    """A headless Chromium for one test, closed before the database is flushed.

    While Playwright's sync API is started, an asyncio loop counts as running in this thread.
    Django then takes the thread for async code, which has two effects, both handled here:

    - its guard against the ORM in async code would refuse every query, so it is turned off
      for the test (``DJANGO_ALLOW_ASYNC_UNSAFE``): the ORM is still used synchronously;
    - database connections are kept per context instead of per thread, so queries made while
      the browser runs use a second connection, which is closed here before Playwright stops
      (left open, PostgreSQL refuses to drop the test database at the end of the run).

    For the same reason Playwright does not live for the whole session: the running loop
    would break later tests that use ``async_to_sync``.
    """
    with launched_chromium(chromium_executable, monkeypatch) as chromium:
        yield chromium


@pytest.fixture(scope="module")
def module_browser(chromium_executable, showcase):
    """Like ``browser``, but one Chromium for all tests of a module that use ``showcase``.

    It depends on ``showcase`` so that it stops (and closes its database connections)
    before the town's data is flushed.
    """
    with (
        pytest.MonkeyPatch.context() as monkeypatch,
        launched_chromium(chromium_executable, monkeypatch) as chromium,
    ):
        yield chromium


@contextmanager
def launched_chromium(executable, monkeypatch):
    """Playwright's headless Chromium, and Django made to put up with its event loop."""
    from playwright.sync_api import expect, sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()
            connections.close_all()


@pytest.fixture
def browser_page(browser, request, tmp_path):
    """A fresh browser tab (own cookies) in Czech.

    When the test fails, a screenshot and the HTML of the tab are saved and their paths printed.
    """
    context = browser.new_context(locale="cs-CZ", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        yield page
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            save_page(page, tmp_path / "failure")
    finally:
        context.close()


def save_page(page, stem):
    try:
        page.screenshot(path=f"{stem}.png", full_page=True)
        Path(f"{stem}.html").write_text(page.content(), encoding="utf-8")
    except Exception as error:  # the tab may be gone; the test's own error matters more
        print(f"Stav prohlížeče se nepodařilo uložit: {error}")
    else:
        print(f"Prohlížeč při selhání ({page.url}): {stem}.png, {stem}.html")
