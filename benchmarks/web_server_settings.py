"""Settings for the web benchmark: the production base (DEBUG off, manifest static files),
plain HTTP on 127.0.0.1, a ``Server-Timing`` middleware and a ``/_bench/ping`` peer view."""

import os
import secrets

os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("HTTPS", "0")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("CLUSTERWEB_ENSEMBLE_SAMPLES", "10000")

from clusterweb.conf.base import *  # noqa: E402,F403
from clusterweb.conf.base import MIDDLEWARE, VAR_DIR  # noqa: E402

MIDDLEWARE = ["benchmarks.web_server.ServerTimingMiddleware", *MIDDLEWARE]
ROOT_URLCONF = "benchmarks.web_server_urls"
STATIC_ROOT = VAR_DIR / "static"
