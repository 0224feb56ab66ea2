"""The server side of ``bench_web``: a fresh SQLite site with the bundled plan, served by
waitress on 127.0.0.1, with a ``Server-Timing`` header giving the time spent in Django.

Run by ``bench_web`` as ``python -m benchmarks.web_server PORT VAR_DIR THREADS``; prints
``READY <session cookie>`` once it listens. Not a production entry point.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from typing import Any

SETTINGS = "benchmarks.web_server_settings"
BENCH_USER = "bench-viewer"


class ServerTimingMiddleware:
    """Adds ``Server-Timing: app;dur=<ms>`` measured around the rest of the stack."""

    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed_ms = (time.perf_counter() - started) * 1000.0
        response["Server-Timing"] = f"app;dur={elapsed_ms:.2f}"
        return response


def ping(request: Any) -> Any:
    """The peer: a plain Django view through the same middleware stack."""
    from django.http import HttpResponse

    return HttpResponse("ok", content_type="text/plain")


def prepare(role: str) -> str:
    """Migrate, load the plan, collect static files, and log a user of ``role`` in."""
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command

    from clusterweb.accounts.constants import Role
    from clusterweb.accounts.services import create_user, ensure_groups
    from clusterweb.planning.services import ensure_plan_loaded

    call_command("migrate", interactive=False, verbosity=0)
    ensure_groups()
    ensure_plan_loaded()
    call_command("collectstatic", interactive=False, verbosity=0)
    user = get_user_model().objects.filter(username=BENCH_USER).first()
    if user is None:
        user = create_user(BENCH_USER, "bench-only-password-" + "z" * 20, Role(role))
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return str(session.session_key)


def main() -> None:
    from clusterplan.cli.web_cmds import default_threads

    port, var_dir, threads = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    threads = threads or default_threads()
    os.environ["CLUSTERWEB_VAR_DIR"] = var_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS
    session_key = prepare(os.environ.get("BENCH_ROLE", "editor"))
    from waitress import serve

    from clusterweb.wsgi import application

    logging.getLogger("waitress.queue").setLevel(logging.ERROR)  # queueing is the point
    print(f"READY {session_key}", flush=True)
    serve(application, host="127.0.0.1", port=port, threads=threads, ident="bench", _quiet=True)


if __name__ == "__main__":
    main()
