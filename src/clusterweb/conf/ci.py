"""Test settings: like production (DEBUG off) but with a fixed key, plain HTTP and fast hashing."""

import os

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "ci-only-insecure-key-" + "y" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("HTTPS", "0")
os.environ.setdefault(
    "STATICFILES_BACKEND", "django.contrib.staticfiles.storage.StaticFilesStorage"
)
os.environ.setdefault("CLUSTERWEB_ENSEMBLE_SAMPLES", "500")
os.environ.setdefault("CLUSTERWEB_SOBOL_BASE", "32")
os.environ.setdefault("CLUSTERWEB_DISCOVERY_SAMPLES", "1000")
os.environ.setdefault("CLUSTERWEB_DEMAND_SAMPLES", "500")

from clusterweb.conf.base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Static files straight from the app directories (no collectstatic needed for tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
