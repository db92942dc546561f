"""Settings come from the environment; production settings pass Django's deploy checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]


def readme_production_variables():
    """The ``NAME=value`` lines of the README's "Production" block: what it calls required."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("### Production", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    return dict(line.split("=", 1) for line in block.splitlines() if "=" in line)


PRODUCTION_ENV = {
    "DEBUG": "0",
    "RADNICE_TESTING": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "RADNICE_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
}


def run_manage(*args, env):
    service_variables = ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "ELASTICSEARCH_URL")
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("RADNICE_", "DJANGO_")) and k not in service_variables
    }
    clean.pop("DEBUG", None)
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_passes_with_production_variables(tmp_path):
    env = {**PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_deploy_check_passes_with_exactly_the_variables_the_readme_requires(tmp_path):
    required = readme_production_variables()
    assert set(required) == {
        "SECRET_KEY",
        "RADNICE_ENCRYPTION_KEYS",
        "DATABASE_URL",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
    }
    env = {
        **required,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "RADNICE_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key(tmp_path):
    env = {**PRODUCTION_ENV, "SECRET_KEY": "", "DATABASE_URL": f"sqlite:///{tmp_path / 'x'}"}
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_database_cache_broker_and_search_come_from_the_environment(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE']);"
        "print(s.CACHES['default']['BACKEND']);"
        "print(s.CELERY_BROKER_URL, s.CELERY_TASK_ALWAYS_EAGER);"
        "print(s.TASKS['default']['BACKEND']);"
        "print(s.WAGTAILSEARCH_BACKENDS['default']['BACKEND'])"
    )
    env = {
        **PRODUCTION_ENV,
        "DATABASE_URL": "postgres://radnice@db.example:5432/radnice",
        "REDIS_URL": "redis://cache.example:6379/0",
        "ELASTICSEARCH_URL": "http://search.example:9200",
    }
    result = run_manage("shell", "-v", "0", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:5] == [
        "django.db.backends.postgresql",
        "django_redis.cache.RedisCache",
        "redis://cache.example:6379/0 False",
        "radnice.core.tasks_backend.CeleryBackend",
        "wagtail.search.backends.elasticsearch8",
    ]


def test_defaults_need_no_services(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE']);"
        "print(s.CACHES['default']['BACKEND']);"
        "print(s.CELERY_TASK_ALWAYS_EAGER);"
        "print(s.WAGTAILSEARCH_BACKENDS['default']['BACKEND'])"
    )
    result = run_manage("shell", "-v", "0", "-c", code, env={"DEBUG": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[:4] == [
        "django.db.backends.sqlite3",
        "django.core.cache.backends.locmem.LocMemCache",
        "True",
        "wagtail.search.backends.database",
    ]


@pytest.mark.django_db
def test_unknown_host_is_refused(client, town_a):
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400
    assert client.get("/", HTTP_HOST=town_a.site.hostname).status_code == 200


@pytest.mark.django_db
def test_new_site_hostname_is_accepted_at_once(client, town_a):
    from tests.factories import make_municipality

    client.get("/", HTTP_HOST=town_a.site.hostname)  # fills the cache of known hosts
    town = make_municipality("Obec Nová", "nova.test")
    assert client.get("/", HTTP_HOST=town.site.hostname).status_code == 200


@pytest.mark.django_db
@override_settings(RADNICE_EXTRA_HOSTS=["health.internal"])
def test_extra_hosts_are_accepted(client, town_a):
    # Accepted (not 400 Bad Request); no municipality answers on a health-check host.
    assert client.get("/", HTTP_HOST="health.internal").status_code == 404
