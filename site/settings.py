"""Settings for every environment, driven by environment variables with safe defaults.

Without any variable set, Radnice runs on SQLite with eager Celery and a local-memory cache,
which is what the demo and the default test run use. Production sets at least ``SECRET_KEY``,
``DEBUG=0`` and ``DATABASE_URL``; see the README for the full table.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", default=False)
TESTING = env_bool("RADNICE_TESTING", default="pytest" in sys.modules)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG and not TESTING and not env_bool("RADNICE_INSECURE_DEFAULTS"):
        raise ImproperlyConfigured(
            "SECRET_KEY must be set in production (or set DEBUG=1 for local development)."
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

# Hosts are checked against the registered Wagtail sites by
# municipalities.middleware.SiteHostValidationMiddleware; ALLOWED_HOSTS only adds
# extra names (for example a load balancer's health-check host).
ALLOWED_HOSTS = ["*"]
RADNICE_EXTRA_HOSTS = env_list("RADNICE_EXTRA_HOSTS", "localhost,127.0.0.1,[::1]")
if TESTING:
    RADNICE_EXTRA_HOSTS.append("testserver")

# Every folder in themes/ with an apps.py is a theme app: an agency drops a theme in and it
# can be chosen per municipality (docs/themes.md). The default theme comes first.
THEME_APPS = sorted(
    (
        f"themes.{path.name}"
        for path in (BASE_DIR / "themes").iterdir()
        if (path / "apps.py").exists()
    ),
    key=lambda app: (app != "themes.default", app),
)

INSTALLED_APPS = [
    "municipalities",
    "radnice.core",
    "radnice.home",
    "radnice.pages",
    "radnice.people",
    "radnice.blocks",
    "radnice.board",
    "radnice.news",
    "radnice.events",
    "radnice.alerts",
    "radnice.navigation",
    "radnice.seo",
    "radnice.search",
    "radnice.opendata",
    "modules.budget",
    *THEME_APPS,
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "municipalities.middleware.SiteHostValidationMiddleware",
    "radnice.core.middleware.MalformedAddressMiddleware",  # NUL bytes, overlong queries: 400
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "municipalities.middleware.CurrentMunicipalityMiddleware",
    "municipalities.admin_guard.AdminScopeMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "radnice.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": False,
        "OPTIONS": {
            # The active theme first, then the default theme and the apps (themes/loader.py).
            "loaders": [
                "themes.loader.ThemeLoader",
                (
                    "django.template.loaders.cached.Loader",
                    ["themes.loader.NonThemeAppDirectoriesLoader"],
                )
                if not DEBUG
                else "themes.loader.NonThemeAppDirectoriesLoader",
            ],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "municipalities.context_processors.municipality",
                "themes.colour_scheme.colour_scheme",
            ],
        },
    },
]

WSGI_APPLICATION = "radnice.wsgi.application"

# Database: SQLite file by default, anything dj-database-url understands otherwise.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
if TESTING:
    # One test database per test process, so parallel runs never share one; on SQLite a
    # file, so that a separate Celery worker process can open the same database.
    _test_db = os.environ.get("RADNICE_TEST_DB_NAME") or f"test_radnice_{os.getpid()}"
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        (BASE_DIR / "var").mkdir(exist_ok=True)
        _test_db = str(BASE_DIR / "var" / f"{_test_db}.sqlite3")
    DATABASES["default"].setdefault("TEST", {})["NAME"] = _test_db

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Czech first, English second.
LANGUAGE_CODE = "cs"
TIME_ZONE = "Europe/Prague"
USE_I18N = True
USE_TZ = True
LANGUAGES = [("cs", "Čeština"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# wagtail-localize: "Translate this page" only creates a draft translation. By default it would
# publish it at once when the source page is live, even for editors without publish permission.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
LOCALE_PATHS = [BASE_DIR / "locale"]

# Static and media files.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "var" / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
if DEBUG or TESTING:
    # WhiteNoise warns on every request when STATIC_ROOT is missing (before collectstatic).
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG and not TESTING
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Cache: local memory by default, Redis when REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "radnice",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: eager (in-process) unless a broker is configured.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND") or None
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    # Times are Europe/Prague (CELERY_TIMEZONE).
    "board-archive-taken-down-notices": {
        "task": "radnice.board.tasks.archive_taken_down_notices",
        "schedule": crontab(hour=0, minute=5),
    },
    "events-extend-occurrences": {
        "task": "radnice.events.extend_event_occurrences",
        "schedule": crontab(hour=3, minute=15),
    },
}

# Wagtail queues its own jobs (search index, reference index, file deletion) through
# django-tasks. They run in-process unless a broker is configured; then they go to the
# same Celery workers as everything else (see radnice.core.tasks_backend).
TASKS = {
    "default": {
        "BACKEND": (
            "radnice.core.tasks_backend.CeleryBackend"
            if CELERY_BROKER_URL
            else "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Search: Wagtail's database backend by default, Elasticsearch when configured. Both ignore
# diacritics and case: SQLite's FTS5 folds by itself, PostgreSQL uses the "radnice" text
# search configuration (unaccent, see radnice.search migrations), Elasticsearch an
# ASCII-folding default analyzer.
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch8",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX_PREFIX": os.environ.get("ELASTICSEARCH_INDEX", "radnice") + "_",
            "TIMEOUT": 10,
            "INDEX_SETTINGS": {
                "settings": {
                    "analysis": {
                        "analyzer": {
                            "default": {
                                "type": "custom",
                                "tokenizer": "standard",
                                "filter": ["lowercase", "asciifolding"],
                            },
                            "default_search": {
                                "type": "custom",
                                "tokenizer": "standard",
                                "filter": ["lowercase", "asciifolding"],
                            },
                        }
                    }
                }
            },
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "radnice"

# E-mail: console in development, SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "radnice@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail.
WAGTAIL_SITE_NAME = "Radnice"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "csv", "txt", "zip"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Draftail that reads a malformed posted value as empty text instead of failing (500).
WAGTAILADMIN_RICH_TEXT_EDITORS = {"default": {"WIDGET": "radnice.core.rich_text.RichTextArea"}}
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "avif", "webp": "webp"}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_DATE_FORMAT = "%d.%m.%Y"
WAGTAIL_DATETIME_FORMAT = "%d.%m.%Y %H:%M"

LOGIN_URL = "wagtailadmin_login"

# Security: strict in production; every check of `check --deploy` is answered.
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG and not TESTING)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail sets SAMEORIGIN on its own preview views
if env_bool("BEHIND_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
