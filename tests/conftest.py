import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.management import call_command
from django.db import connections
from wagtail.models import Page

from municipalities.models import MunicipalityRole
from municipalities.roles import grant_role_permissions

from .factories import (
    SESSION_TOWNS,
    PersonFactory,
    StandardPageFactory,
    make_member,
    restore_migration_data,
    session_town,
)


def pytest_configure(config):
    """Keep the test database between local runs (``--reuse-db``) when it has a stable name
    (radnice.settings gives it one outside CI and ``RADNICE_TEST_DB_NAME``). Migrations
    added since the last run are applied; ``--create-db`` builds it afresh."""
    from django.conf import settings

    if getattr(settings, "RADNICE_TEST_DB_REUSABLE", False):
        config.option.reuse_db = True


def _is_transactional(request):
    marker = request.node.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    return "transactional_db" in request.fixturenames or "live_server" in request.fixturenames


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker):
    """pytest-django's test database, with the towns of ``town_a`` and ``town_b`` built once
    for the whole session (provisioning a town takes a good part of a second)."""
    settings = connections["default"].settings_dict
    if settings["NAME"] != settings["TEST"]["NAME"]:
        return  # no selected test uses the database, so pytest-django did not create it
    with django_db_blocker.unblock():
        if request.config.getvalue("reuse_db") and Page.get_first_root_node() is None:
            # The last run ended with a flush (transactional tests do), which took away what
            # data migrations insert (e.g. the budget classification): build it afresh.
            connections.close_all()
            connections["default"].creation.create_test_db(
                verbosity=0, autoclobber=True, keepdb=False, serialize=False
            )
        create_test_only_tables()
        for key in SESSION_TOWNS:
            town = session_town(key)
            if request.config.getvalue("reuse_db"):
                # Kept from an earlier run: grant what roles gained since (new permissions).
                for link in town.group_links.select_related("group"):
                    grant_role_permissions(town, link.group, link.role)


def create_test_only_tables():
    """Tables of the models that tests define (e.g. tests/site/citizens/citizen_module.py), which
    have no migration. Collecting the tests imports them in every worker, so Django cascades
    into them (deleting a town) wherever they exist in code: make them in every database."""
    from django.apps import apps

    existing = set(connections["default"].introspection.table_names())
    missing = [
        model
        for model in apps.get_models()
        if model.__module__.startswith("tests.") and model._meta.db_table not in existing
    ]
    if missing:
        with connections["default"].schema_editor() as editor:
            for model in missing:
                editor.create_model(model)


@pytest.fixture(autouse=True)
def _migration_data_after_flush(request):
    """Every transactional test starts with the rows migrations insert (root page, locales...),
    whichever transactional test ran before it and flushed them, and without the session's
    towns (the first transactional test of a session empties the database: such tests
    always did start from an empty one)."""
    if _is_transactional(request):
        request.getfixturevalue("transactional_db")
        from municipalities.models import Municipality

        if Municipality.objects.exists():
            call_command("flush", interactive=False, verbosity=0)
        restore_migration_data()


@pytest.fixture(autouse=True)
def _empty_local_caches():
    """Each test starts with empty in-memory caches: the session's towns outlive every test,
    so Wagtail's site root paths and the town hosts cached while a test changed a town (or
    added one) would otherwise outlive its rollback. A shared cache (Redis) is left alone."""
    for backend in caches.all(initialized_only=True):
        if isinstance(backend, LocMemCache):
            backend.clear()


@pytest.fixture
def files_in_tmp(settings, tmp_path):
    """Uploads of this test go to temporary folders: renditions (MEDIA_ROOT) and the originals
    in the private default storage, so file names never collide with an earlier test's."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": tmp_path / "private"}},
    }


@pytest.fixture
def town_a(db):
    """Obec Alfa on alfa.test, built once per session (see ``django_db_setup``), read afresh."""
    return session_town("town_a")


@pytest.fixture
def town_b(db):
    """Město Beta on beta.test, built once per session (see ``django_db_setup``), read afresh."""
    return session_town("town_b")


@pytest.fixture
def editor_a(town_a):
    return make_member(town_a, MunicipalityRole.EDITOR)


@pytest.fixture
def admin_a(town_a):
    return make_member(town_a, MunicipalityRole.ADMINISTRATOR)


@pytest.fixture
def editor_b(town_b):
    return make_member(town_b, MunicipalityRole.EDITOR)


@pytest.fixture
def page_a(town_a):
    return StandardPageFactory(parent=town_a.site.root_page, title="Stránka Alfy")


@pytest.fixture
def page_b(town_b):
    return StandardPageFactory(parent=town_b.site.root_page, title="Tajná stránka Bety")


@pytest.fixture
def person_b(town_b):
    return PersonFactory(municipality=town_b, first_name="Bedřich", last_name="Betovský")


@pytest.fixture
def client_a(client, editor_a):
    client.force_login(editor_a)
    return client


def pytest_xdist_make_scheduler(config, log):
    """With ``-n``, each theme's browser walk runs whole on one worker (tests/xdist_blocks.py)."""
    if config.getvalue("dist") != "load":
        return None
    from .xdist_blocks import make_scheduler

    return make_scheduler(config, log)
