"""Base settings: every value comes from the environment, with a production-safe default.

``DEBUG`` is off, cookies are secure, HSTS is on and a secret key is required unless a
development settings module (``dev``/``ci``) supplied one through the environment.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from clusterplan.i18n import LANGUAGES as CORE_LANGUAGES
from clusterplan.plan.bounds import (
    DEFAULT_DISCOVERY_SAMPLES,
    DEFAULT_SAMPLES,
    DEFAULT_SEED,
    DEFAULT_SOBOL_BASE,
    ENSEMBLE_MAX_BYTES,
)
from clusterweb.conf.env import LOG_LEVELS, env_bool, env_choice, env_int, env_list

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = Path(os.environ.get("CLUSTERWEB_BASE_DIR", Path.cwd())).resolve()
VAR_DIR = Path(os.environ.get("CLUSTERWEB_VAR_DIR", BASE_DIR / "var")).resolve()


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY in the environment (at least 50 random characters).")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "clusterweb",
    "clusterweb.accounts",
    "clusterweb.history",
    "clusterweb.planning",
    "clusterweb.dashboard",
    "clusterweb.finance",
    "clusterweb.scenarios",
    "clusterweb.backcast",
    "clusterweb.impact",
    "clusterweb.demand",
    "clusterweb.ecosystem",
    "clusterweb.acquisition",
    "clusterweb.events",
    "django_tasks",
    "django_tasks_db",
    "clusterweb.tasks",
    "clusterweb.startups",
    "clusterweb.monitoring",
    "ninja",  # the API docs page's JS/CSS from ninja's static files, no CDN
    "clusterweb.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "clusterweb.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "clusterweb.middleware.PrivateCacheMiddleware",  # after WhiteNoise: static files stay cacheable
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "clusterweb.middleware.MissingPartMiddleware",
    "clusterweb.middleware.ApiRefusalMiddleware",
]

ROOT_URLCONF = "clusterweb.urls"
WSGI_APPLICATION = "clusterweb.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "clusterweb.accounts.context_processors.roles",
                "clusterweb.dashboard.context_processors.site_plan",
            ],
        },
    },
]

if "DATABASE_URL" not in os.environ:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'clusterplan.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60, minimum=0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves several users at once. WAL lets readers go on while one
    # writer commits (a long import no longer answers others with "database is locked");
    # IMMEDIATE takes the write lock when a transaction begins, so two writers queue for
    # it (up to the busy timeout) instead of failing on a read-to-write upgrade.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": float(os.environ.get("SQLITE_BUSY_TIMEOUT_SECONDS", "30")),
        }
    )
if os.environ.get("DATABASE_TEST_NAME"):
    # Separate test databases for runs that share one PostgreSQL server.
    DATABASES["default"]["TEST"] = {"NAME": os.environ["DATABASE_TEST_NAME"]}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rendered page parts, keyed by plan revision and language (per process).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "clusterweb",
        "OPTIONS": {"MAX_ENTRIES": 500},
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard:index"
LOGOUT_REDIRECT_URL = "dashboard:public"

# Login lockout (clusterweb.accounts.services), counted over a sliding window; both the
# admin site and the app log in through it. Rationale: docs/web-platform.md, "Logging in":
# - per account: 5 failures in 15 minutes. A person who mistypes rarely needs more than 3;
#   5 per 15 minutes caps a password guesser at 480 guesses a day per account. A successful
#   login to that account clears its count; a success on another account never does.
# - per address: 50 failures in 15 minutes, ten times the account limit, because a company
#   proxy or NAT puts a whole office behind one address: its honest users never reach it, a
#   guesser spraying many accounts from one address does. Successes never clear it.
# Attempts refused while locked are not counted, so a lock ends one window after the failures.
LOGIN_LOCKOUT_ACCOUNT_FAILURES = env_int("LOGIN_LOCKOUT_ACCOUNT_FAILURES", 5, minimum=1)
LOGIN_LOCKOUT_ADDRESS_FAILURES = env_int("LOGIN_LOCKOUT_ADDRESS_FAILURES", 50, minimum=1)
LOGIN_LOCKOUT_WINDOW_SECONDS = env_int("LOGIN_LOCKOUT_WINDOW_SECONDS", 15 * 60, minimum=0)

LANGUAGE_CODE = "nl"
# The core's languages (the CLI's --lang, the reports), each with its name in the page's
# language; a language the core adds without a name here stops the settings from loading.
LANGUAGE_NAMES = {"nl": _("Dutch"), "en": _("English")}
LANGUAGES = [(code, LANGUAGE_NAMES[code]) for code in CORE_LANGUAGES]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["clusterweb.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [PACKAGE_DIR / "static"] if (PACKAGE_DIR / "static").is_dir() else []
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": os.environ.get(
            "STATICFILES_BACKEND", "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Security: safe defaults; a plain-HTTP local run (``clusterplan serve``) turns them off.
HTTPS = env_bool("HTTPS", True)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600 if HTTPS else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_HTTPS_PROXY", False) else None
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600, minimum=60)
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"

# Content Security Policy, sent by clusterweb.middleware.SecurityHeadersMiddleware.
# No 'unsafe-eval' and no inline scripts. ECharts sets element styles from script, which
# some browsers count as inline style, so styles allow 'unsafe-inline' (scripts never do).
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"

# One console logger (the process manager keeps the output); LOG_LEVEL is read strictly.
# Views log unexpected errors with ``logger.exception``; clusterweb.errors logs, at INFO, an
# error without a code that reached a user (a core site still to be given a code).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_choice("LOG_LEVEL", "WARNING", LOG_LEVELS)},
}

# Monte Carlo ensemble size for dashboard and scenario pages.
# The command line's defaults (clusterplan.plan.bounds): the same numbers as `clusterplan simulate`.
CLUSTERWEB_ENSEMBLE_SAMPLES = env_int("CLUSTERWEB_ENSEMBLE_SAMPLES", DEFAULT_SAMPLES, minimum=1)
CLUSTERWEB_SEED = env_int("CLUSTERWEB_SEED", DEFAULT_SEED, minimum=0)
# Sensitivity (Sobol base samples) and scenario discovery (PRIM samples), a background task
# started on the sensitivity page: the command line's defaults (clusterplan.plan.bounds, with
# their rationale), so the page gives what `clusterplan sensitivity` and `discover` print. The
# page names the sizes and seed it used; each setting is checked against SOBOL_BASE or SAMPLES.
CLUSTERWEB_SOBOL_BASE = env_int("CLUSTERWEB_SOBOL_BASE", DEFAULT_SOBOL_BASE, minimum=1)
CLUSTERWEB_DISCOVERY_SAMPLES = env_int(
    "CLUSTERWEB_DISCOVERY_SAMPLES", DEFAULT_DISCOVERY_SAMPLES, minimum=1
)
# Ensemble size of the space shortfall probability (growth and space parameters sampled).
CLUSTERWEB_DEMAND_SAMPLES = env_int("CLUSTERWEB_DEMAND_SAMPLES", 2000, minimum=1)

# Background tasks (clusterweb.tasks): django-tasks with its database backend, so the
# embedded default (SQLite) needs no extra server and production uses its PostgreSQL.
# `clusterplan serve` starts one worker itself; production runs `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("CLUSTERWEB_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# A running task writes a heartbeat this often; one silent for the stale time is taken as
# killed (worker gone), marked failed and offered for retry. The stale time must exceed
# the heartbeat interval several times over (a busy database may delay one beat).
CLUSTERWEB_TASK_HEARTBEAT_SECONDS = env_int("CLUSTERWEB_TASK_HEARTBEAT_SECONDS", 5, minimum=1)
CLUSTERWEB_TASK_STALE_SECONDS = env_int("CLUSTERWEB_TASK_STALE_SECONDS", 60, minimum=1)
# Ensembles of more samples than this run as a background task, not in the request
# (about 1 s of one core per 50,000 samples of the growth model); the largest one allowed.
CLUSTERWEB_ENSEMBLE_TASK_THRESHOLD = env_int("CLUSTERWEB_ENSEMBLE_TASK_THRESHOLD", 50000, minimum=1)
CLUSTERWEB_ENSEMBLE_MAX_SAMPLES = env_int("CLUSTERWEB_ENSEMBLE_MAX_SAMPLES", 1000000, minimum=1)
# An organisation import of more rows than this is committed by the background worker (its
# page shows progress) instead of in the request: a few thousand rows commit in about a
# second, so the request thread is never held for long.
CLUSTERWEB_IMPORT_TASK_THRESHOLD = env_int("CLUSTERWEB_IMPORT_TASK_THRESHOLD", 2000, minimum=0)
# Upper bound on one ensemble's arrays in a web process; the rationale of the default is
# clusterplan.plan.bounds.ENSEMBLE_MAX_BYTES. Each *_SAMPLES above is checked against it
# and against bounds.MAX_SAMPLES when the server starts (scenarios/checks.py).
CLUSTERWEB_ENSEMBLE_MAX_BYTES = env_int(
    "CLUSTERWEB_ENSEMBLE_MAX_BYTES", ENSEMBLE_MAX_BYTES, minimum=1
)
