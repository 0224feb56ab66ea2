"""Test settings: like production (DEBUG off) but with a fixed key, plain HTTP and fast hashing.

The rest is the development settings (plain HTTP, static files straight from the app
directories, no collectstatic needed for tests): the defaults set here come first."""

import os

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "ci-only-insecure-key-" + "y" * 40)
os.environ.setdefault("CLUSTERWEB_ENSEMBLE_SAMPLES", "500")
os.environ.setdefault("CLUSTERWEB_SOBOL_BASE", "32")
os.environ.setdefault("CLUSTERWEB_DISCOVERY_SAMPLES", "1000")
os.environ.setdefault("CLUSTERWEB_DEMAND_SAMPLES", "500")

from clusterweb.conf.dev import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
