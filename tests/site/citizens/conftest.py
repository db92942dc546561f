"""Fixtures of the citizens' tests: accounts, organisations, a module with a citizen side."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection

from municipalities import registry
from municipalities.validators import ico_check_digit
from radnice.citizens.accounts import ensure_citizen
from radnice.citizens.models import Membership, Organisation, Role

PASSWORD = "Zelena-lavicka-42"
ALFA = "alfa.test"
BETA = "beta.test"
BACKEND = "radnice.citizens.auth.CitizenBackend"


def valid_ico(first_seven):
    return first_seven + str(ico_check_digit(first_seven))


def make_citizen(town, email, password=PASSWORD):
    return ensure_citizen(town, email, password)[0]


def log_in(client, user):
    client.force_login(user, backend=BACKEND)
    return client


def make_organisation(town, name="Spolek přátel Alfy", ico=None, administrator=None, **kwargs):
    organisation = Organisation.objects.create(
        municipality=town,
        name=name,
        ico=ico or valid_ico("2557089"),
        address=kwargs.pop("address", "Návesní 1, 123 45 Alfa"),
        representative=kwargs.pop("representative", "Jana Nováková"),
        **kwargs,
    )
    if administrator is not None:
        Membership.objects.create(
            organisation=organisation, user=administrator, role=Role.ADMINISTRATOR
        )
    return organisation


@pytest.fixture(autouse=True)
def _outbox(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cache.clear()
    mail.outbox.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def _citizen_module_tables(django_db_setup, django_db_blocker):
    """The test module's tables, made once (kept in a reused test database)."""
    from .citizen_module import MODELS

    with django_db_blocker.unblock():
        existing = set(connection.introspection.table_names())
        with connection.schema_editor() as editor:
            for model in MODELS:
                if model._meta.db_table not in existing:
                    editor.create_model(model)


@pytest.fixture
def citizen_module(monkeypatch, _citizen_module_tables, db):
    """The test module registered (alone) for this test; on in no town yet."""
    from .citizen_module import MODULE

    monkeypatch.setattr(registry, "_modules", {MODULE.name: MODULE})
    return MODULE


def switch_on(town, module_name):
    town.enabled_modules = [*(town.enabled_modules or []), module_name]
    town.save(update_fields=["enabled_modules"])
