"""Settings for every environment, driven by environment variables with safe defaults.

Without any variable set, Radnice runs on SQLite with eager Celery and a local-memory cache,
which is what the demo and the default test run use. Production sets at least ``SECRET_KEY``,
``DEBUG=0`` and ``DATABASE_URL``; see the README for the full table.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF, UNSAFE_EVAL, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy

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

# Fernet keys for secrets stored in the database (municipalities.encryption): the first
# encrypts, all decrypt. Required in production (system check radnice_secrets.E001); DEBUG and
# tests fall back to a public development key.
RADNICE_ENCRYPTION_KEYS = env_list("RADNICE_ENCRYPTION_KEYS")

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
    "radnice.notifications",
    "radnice.citizens",
    "modules.budget",
    "modules.payments",
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
    # Wagtail's users without citizens' accounts (they are under "Občané", radnice.citizens).
    "radnice.citizens.apps.WagtailUsersConfig",
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
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    # Outermost, so that static files and error pages get the headers too (radnice.core.security).
    "radnice.core.security.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "radnice.core.security.ContentSecurityPolicyMiddleware",
    "radnice.core.security.MethodGuardMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "municipalities.middleware.SiteHostValidationMiddleware",
    "radnice.core.middleware.MalformedAddressMiddleware",  # NUL bytes, overlong queries: 400
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A citizen exists only on their own town's host, never in the admin (radnice.citizens).
    "radnice.citizens.auth.CitizenTownMiddleware",
    "radnice.core.security.AnonymousPostLimitMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "radnice.core.two_factor.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "municipalities.middleware.CurrentMunicipalityMiddleware",
    "municipalities.admin_guard.AdminScopeMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last: it turns django-axes' lock-out into the login page with a message.
    "axes.middleware.AxesMiddleware",
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
# SQLite: write-ahead log, so readers never wait for a writer (a budget import holds its
# write transaction for as long as the file takes); writers take the lock when they begin
# (IMMEDIATE), so two never deadlock upgrading a read lock, and wait up to 20 s for it.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    "timeout": 20,
    "transaction_mode": "IMMEDIATE",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)


def _test_database_name():
    """The test database's name, and whether it stays the same from one run to the next.

    - ``RADNICE_TEST_DB_NAME`` names it (kept as it is: the caller makes sure that no two
      runs at a time share it).
    - In CI (``CI=true``) each test process has its own, created afresh.
    - Otherwise a checkout has one stable database (per xdist worker: pytest-django adds
      ``_gw0``... to the name), which tests/conftest.py keeps between runs (``--reuse-db``).
      A run holds a lock on it (a file under var/) for as long as it lives; a second run
      started meanwhile in the same checkout gets its own database, as in CI.
    """
    if os.environ.get("RADNICE_TEST_DB_NAME"):
        return os.environ["RADNICE_TEST_DB_NAME"], False
    per_process = f"test_radnice_{os.getpid()}"
    if os.environ.get("CI") == "true":
        return per_process, False
    import fcntl
    import hashlib

    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    (BASE_DIR / "var").mkdir(exist_ok=True)
    lock = open(BASE_DIR / "var" / f"test_radnice{worker and '_'}{worker}.lock", "w")  # noqa: SIM115
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        lock.close()
        return per_process, False
    _TEST_DATABASE_LOCKS.append(lock)  # held until the process ends
    checkout = hashlib.sha1(str(BASE_DIR).encode()).hexdigest()[:8]
    return f"test_radnice_{checkout}", True


_TEST_DATABASE_LOCKS = []

if TESTING:
    # Never a database of another run: per process, or per checkout under a lock (above); on
    # SQLite a file, so that a separate Celery worker process can open the same database.
    _test_db, RADNICE_TEST_DB_REUSABLE = _test_database_name()
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        (BASE_DIR / "var").mkdir(exist_ok=True)
        _test_db = str(BASE_DIR / "var" / f"{_test_db}.sqlite3")
    DATABASES["default"].setdefault("TEST", {})["NAME"] = _test_db
    # PBKDF2 costs a third of a second per password on purpose; tests create hundreds of
    # users, so they hash with MD5 (as bakerydemo's test settings do). Never in production.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "radnice.core.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Czech first, English second.
LANGUAGE_CODE = "cs"
TIME_ZONE = "Europe/Prague"
USE_I18N = True
USE_TZ = True
# The names read in the interface's language ("Angličtina" in Czech, "Czech" in English); the
# admin's own language choice lists each language by its own name.
LANGUAGES = [("cs", gettext_lazy("Čeština")), ("en", gettext_lazy("Angličtina"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("cs", "Čeština"), ("en", "English")]
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
# Uploads live in two places. PRIVATE_MEDIA_ROOT (never exposed by a web server) holds what
# editors upload: documents (served only by the application, with its per-town and
# publication rules: radnice.core.documents) and original images (full size, with their
# EXIF metadata such as GPS). MEDIA_ROOT, served at MEDIA_URL, holds only image renditions,
# which are re-encoded without metadata: the one folder the web server exposes.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/_private/"},
    },
    "public": {"BACKEND": "django.core.files.storage.FileSystemStorage"},  # MEDIA_ROOT
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
# Without a broker, long jobs (budget imports) run in a thread of the web process after the
# response instead of inside the request (radnice.core.background); tests keep them in-request.
RADNICE_BACKGROUND_THREADS = env_bool("RADNICE_BACKGROUND_THREADS", default=not TESTING)
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
    "citizens-purge-unverified-signups": {
        "task": "radnice.citizens.tasks.purge_unverified_signups",
        "schedule": crontab(hour=2, minute=40),
    },
    # The outbox's purge (radnice.notifications): sent and failed messages after
    # RADNICE_OUTBOX_KEEP_DAYS; the entry keeps the name it had when it purged citizens' keys.
    "citizens-forget-sent-mail": {
        "task": "radnice.notifications.tasks.purge_outbox",
        "schedule": crontab(hour=2, minute=50),
    },
    "notifications-requeue-lost-messages": {
        "task": "radnice.notifications.tasks.requeue_lost_messages",
        "schedule": crontab(minute="*/5"),
    },
    "citizens-purge-retained-records": {
        "task": "radnice.citizens.tasks.purge_retained_records",
        "schedule": crontab(hour=3, minute=45),
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
# Every e-mail, Django's and Wagtail's own too, goes through the outbox
# (radnice.notifications.backend), which delivers through RADNICE_OUTBOX_DELIVERY_BACKEND.
EMAIL_BACKEND = "radnice.notifications.backend.OutboxEmailBackend"
if EMAIL_HOST:
    RADNICE_OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
else:
    RADNICE_OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "radnice@localhost")
# The outbox (radnice.notifications): domains besides DEFAULT_FROM_EMAIL's whose SPF/DKIM let
# the platform send as a town's own address (comma-separated); how many attempts a message
# gets; after how many days a sent message's addresses and contents are emptied, and after how
# many its row (and so its key: a message with the same key is sent once meanwhile) goes.
RADNICE_MAIL_SENDER_DOMAINS = [
    domain.strip()
    for domain in os.environ.get("RADNICE_MAIL_SENDER_DOMAINS", "").split(",")
    if domain.strip()
]
RADNICE_OUTBOX_MAX_ATTEMPTS = int(os.environ.get("RADNICE_OUTBOX_MAX_ATTEMPTS", "5"))
RADNICE_OUTBOX_CONTENT_DAYS = int(os.environ.get("RADNICE_OUTBOX_CONTENT_DAYS", "30"))
RADNICE_OUTBOX_KEEP_DAYS = int(os.environ.get("RADNICE_OUTBOX_KEEP_DAYS", "365"))
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail.
WAGTAIL_SITE_NAME = "Radnice"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "csv", "txt", "zip"]
# Uploads are checked by content, not by name (radnice.core.uploads); no SVG images.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "radnice.core.uploads.DocumentForm"
RADNICE_DOCUMENT_MAX_UPLOAD_SIZE = int(os.environ.get("DOCUMENT_MAX_UPLOAD_MB", "50")) << 20
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(os.environ.get("IMAGE_MAX_UPLOAD_MB", "20")) << 20
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # never a redirect to the storage: see STORAGES
WAGTAILIMAGES_RENDITION_STORAGE = "public"
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Draftail that reads a malformed posted value as empty text instead of failing (500).
WAGTAILADMIN_RICH_TEXT_EDITORS = {"default": {"WIDGET": "radnice.core.rich_text.RichTextArea"}}
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "avif", "webp": "webp"}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_DATE_FORMAT = "%d.%m.%Y"
WAGTAIL_DATETIME_FORMAT = "%d.%m.%Y %H:%M"

# Staff log in at /admin/login/ (Wagtail); LOGIN_URL is the citizens' log-in (allauth), where
# views needing a logged-in citizen send visitors.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "citizens:my_office"  # a citizen lands on Můj úřad

# Security: strict in production; every check of `check --deploy` is answered.
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG and not TESTING)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
# Preloading a town's domain into browsers is the domain owner's decision, not the platform's.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail sets SAMEORIGIN on its own preview views
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY")
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Absolute URLs (feeds, sitemap, open data, canonical links) are built from the registered
# Wagtail site, never from the request's Host header; on HTTPS when TLS is in front
# (municipalities.hosts.absolute_url).
RADNICE_HTTPS = BEHIND_TLS_PROXY or SECURE_SSL_REDIRECT
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
RADNICE_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
)
# Content-Security-Policy (radnice.core.security): the public site loads nothing from other
# hosts and runs no inline code without the request's nonce; the players of the video block
# are the only frames, loaded when a visitor clicks.
RADNICE_VIDEO_PLAYER_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": RADNICE_VIDEO_PLAYER_ORIGINS,
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Wagtail's admin needs inline scripts and styles, and its accessibility checker (axe)
# compiles templates at run time; previews are framed by the admin itself.
RADNICE_ADMIN_CSP = {
    "default-src": [SELF],
    "script-src": [SELF, UNSAFE_INLINE, UNSAFE_EVAL],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-src": [SELF, "https:"],
    "media-src": [SELF, "blob:"],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # avatars would be requests to a third party

# Request sizes: visitors who are not logged in post small forms only (colour mode, alert
# banners); staff keep Django's limits, and files are streamed to disk, not held in memory.
RADNICE_ANONYMOUS_POST_MAX_SIZE = int(os.environ.get("RADNICE_ANONYMOUS_POST_MAX_SIZE", "65536"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 2621440  # form fields other than files, for everyone (2.5 MB)

# Admin log-in throttling (django-axes): after RADNICE_LOGIN_FAILURE_LIMIT wrong passwords for
# one username from one address, log-in is refused for RADNICE_LOGIN_COOLOFF_MINUTES.
# Citizens log in by e-mail on their own town's host (radnice.citizens.auth), throttled by
# allauth's ACCOUNT_RATE_LIMITS instead of axes (AXES_WHITELIST_CALLABLE).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "radnice.citizens.auth.CitizenBackend",
    # permissions of module roles below the town (municipalities.roles)
    "municipalities.roles.ModuleRoleBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("RADNICE_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("RADNICE_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "radnice.core.login.lockout_response"
AXES_CLIENT_IP_CALLABLE = "radnice.core.login.client_ip"
AXES_VERBOSE = False
AXES_WHITELIST_CALLABLE = "radnice.citizens.auth.axes_ignores"
WAGTAILADMIN_USER_LOGIN_FORM = "radnice.core.login.LoginForm"
# A second factor (TOTP, radnice.core.two_factor): who must use it before the admin opens.
RADNICE_REQUIRE_2FA = os.environ.get("RADNICE_REQUIRE_2FA", "off").strip().lower()
if RADNICE_REQUIRE_2FA not in {"off", "administrators", "all"}:
    raise ImproperlyConfigured("RADNICE_REQUIRE_2FA must be off, administrators or all.")
OTP_TOTP_ISSUER = "Radnice"

# Citizens' accounts (django-allauth, radnice.citizens, docs/citizens.md): one account per
# e-mail address and town, so allauth's global uniqueness is off and the town's is enforced by
# radnice.citizens.forms; log-in by e-mail, which must be verified first.
ACCOUNT_ADAPTER = "radnice.citizens.adapter.CitizenAccountAdapter"
ACCOUNT_FORMS = {
    "signup": "radnice.citizens.forms.SignupForm",
    "add_email": "radnice.citizens.forms.AddEmailForm",
    "reset_password": "radnice.citizens.forms.ResetPasswordForm",
    "reset_password_from_key": "radnice.citizens.forms.ResetPasswordKeyForm",
}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_USER_DISPLAY = "radnice.citizens.accounts.display_name"
# A citizen is told by e-mail when the password, an address or the second factor changes.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""  # the adapter puts the town's name there
ACCOUNT_RATE_LIMITS = {
    # Failed log-ins: per address, and per e-mail (5 in 5 minutes) whatever the address.
    "login_failed": "10/m/ip,5/300s/key",
    "signup": "20/m/ip,100/h/ip",
    "reset_password": "20/m/ip,5/m/key",
}
# A citizen may add a second factor (allauth.mfa): an authenticator app (TOTP) and the recovery
# codes that come with it; no security keys. Staff keep django-otp in the admin (above): the two
# never meet (radnice.citizens.auth).
MFA_ADAPTER = "radnice.citizens.mfa.CitizenMFAAdapter"
MFA_FORMS = {
    "activate_totp": "radnice.citizens.mfa.ActivateTOTPForm",
    "authenticate": "radnice.citizens.mfa.AuthenticateForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
RADNICE_CITIZEN_TERMS_VERSION = os.environ.get("RADNICE_CITIZEN_TERMS_VERSION", "1")
# Sign-ups never confirmed are deleted after so many days (a daily beat task).
RADNICE_CITIZEN_UNVERIFIED_DAYS = int(os.environ.get("RADNICE_CITIZEN_UNVERIFIED_DAYS", "7"))

# Verified identity of citizens through one OpenID Connect identity provider of the
# installation (NIA, BankID...; radnice.citizens.oidc). Not a log-in method: a logged-in citizen
# proves who they are. Off while RADNICE_OIDC_ISSUER is empty.
# Fio banka's API for the payment shop's bank statements (modules/payments/fio.py); the tests
# point it at a fake server on 127.0.0.1.
RADNICE_FIO_API_URL = os.environ.get("RADNICE_FIO_API_URL", "https://fioapi.fio.cz/v1/rest/")
RADNICE_FIO_TIMEOUT = float(os.environ.get("RADNICE_FIO_TIMEOUT", "30"))

RADNICE_OIDC = {
    "ISSUER": os.environ.get("RADNICE_OIDC_ISSUER", "").strip().rstrip("/"),
    "CLIENT_ID": os.environ.get("RADNICE_OIDC_CLIENT_ID", ""),
    "CLIENT_SECRET": os.environ.get("RADNICE_OIDC_CLIENT_SECRET", ""),
    "NAME": os.environ.get("RADNICE_OIDC_NAME", "") or "NIA",
    "SCOPES": os.environ.get("RADNICE_OIDC_SCOPES", "") or "openid profile address",
    "TIMEOUT": int(os.environ.get("RADNICE_OIDC_TIMEOUT", "10")),
}

# /.well-known/security.txt (RFC 9116) of every site: the operator's contact for reports.
RADNICE_SECURITY_CONTACT = env_list("RADNICE_SECURITY_CONTACT")
RADNICE_SECURITY_POLICY = os.environ.get("RADNICE_SECURITY_POLICY", "")
RADNICE_SECURITY_TXT_DAYS = int(os.environ.get("RADNICE_SECURITY_TXT_DAYS", "180"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
