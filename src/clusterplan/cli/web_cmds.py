"""``clusterplan serve``: the web platform on the embedded default (SQLite, the chosen plan)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import typer

from clusterplan.cli.app import PlanCommand, PlanOption, app, fail, get_plan
from clusterplan.i18n import gettext as _
from clusterplan.plan.schema import Plan

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD_ENV = "CLUSTERPLAN_ADMIN_PASSWORD"


def prepare_site(plan_dir: Path | None = None) -> str | None:
    """Migrate, load the plan when the database is empty, create the first admin.

    The plan is the one in ``plan_dir`` (default: the bundled plan); see
    :func:`ensure_site_plan`. Returns the generated admin password when one was generated
    (to be printed once).
    """
    plan = get_plan(plan_dir)
    import django
    from django.core.management import call_command

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterweb.conf.local")
    django.setup()
    from clusterweb.accounts.services import ensure_first_admin, ensure_groups

    call_command("migrate", interactive=False, verbosity=0)
    ensure_groups()
    ensure_site_plan(plan, plan_dir)
    generated = ensure_first_admin(ADMIN_USERNAME, os.environ.get(ADMIN_PASSWORD_ENV))
    call_command("collectstatic", interactive=False, verbosity=0)
    return generated


def ensure_site_plan(plan: Plan, plan_dir: Path | None) -> None:
    """Store ``plan`` when the database holds none (with its education supply file from
    ``plan_dir``); when it holds the same plan, add the plan's assumptions the database
    lacks (edits are kept). When it holds another plan, that plan is served as it is
    without ``plan_dir`` (``--plan``), and with it this exits with one line. Nothing of
    one plan is ever added to another."""
    from clusterplan.errors import ClusterplanError
    from clusterweb.planning.revisions import store_plan

    try:
        stored = store_plan(plan, plan_dir)
    except ClusterplanError as exc:  # the plan's education supply file is refused
        fail(exc)
    if stored.outcome != "other":
        typer.echo(stored.summary())
    elif plan_dir is not None:
        fail(
            _(
                "the database holds the plan '{stored}', not '{plan}': serve it with its own "
                "--plan, choose another database (CLUSTERWEB_VAR_DIR or DATABASE_URL), or "
                "replace it with 'manage.py load_plan DIR --replace'"
            ).format(stored=stored.stored, plan=plan.meta.id)
        )
    else:
        typer.echo(
            _("serving the plan '{plan}' that the database holds").format(plan=stored.stored)
        )


def _stop_serving(signum: int, frame: object) -> None:
    """SIGTERM: leave the server's loop the way Ctrl+C does (its worker is stopped too)."""
    raise KeyboardInterrupt


def worker_command(*extra: str, interval: float = 1) -> list[str]:
    """The command of Django's background task worker (``db_worker``) in this Python: no
    reloader, no start-up delay, the queue polled every ``interval`` seconds; ``extra``
    arguments after those."""
    return [
        sys.executable,
        "-m",
        "django",
        "db_worker",
        "--no-reload",
        "--no-startup-delay",
        "--interval",
        format(interval, "g"),
        *extra,
    ]


class TaskWorker:
    """The background task worker (``django-admin db_worker``) as a managed subprocess.

    Started with the server and stopped with it; restarted when it exits on its own (a
    task it was running is then marked failed by the heartbeat sweep and can be retried).
    """

    RESTART_DELAY_SECONDS = 2.0

    def __init__(self, command: list[str] | None = None) -> None:
        self.command = command or worker_command("--verbosity", "0")
        self.process: subprocess.Popen[bytes] | None = None
        self.stopping = threading.Event()
        self.lock = threading.Lock()  # no start after stop() has begun
        self.watcher: threading.Thread | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(self.command, env=dict(os.environ))
        self.watcher = threading.Thread(target=self._watch, name="task-worker", daemon=True)
        self.watcher.start()

    def _watch(self) -> None:
        while not self.stopping.is_set():
            process = self.process
            if process is None:
                return
            code = process.wait()
            if self.stopping.wait(self.RESTART_DELAY_SECONDS):
                return
            with self.lock:
                if self.stopping.is_set():
                    return
                typer.echo(
                    _("the task worker exited ({code}); starting it again").format(code=code),
                    err=True,
                )
                self.process = subprocess.Popen(self.command, env=dict(os.environ))

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the worker to stop (it finishes nothing half: an interrupted task is retried)."""
        with self.lock:
            self.stopping.set()
            process = self.process
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def default_threads() -> int:
    """One worker thread per CPU core (at least two, so a slow request never blocks all)."""
    return max(2, os.cpu_count() or 2)


@app.command(cls=PlanCommand)
def serve(
    plan_dir: PlanOption = None,
    port: int = typer.Option(8000, "--port", help="Port on 127.0.0.1.", min=1, max=65535),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    threads: int = typer.Option(
        0,
        "--threads",
        help="Worker threads (0: one per CPU core; recomputes are CPU-bound, so more threads "
        "than cores only make each request wait on the others).",
        min=0,
    ),
    worker: bool = typer.Option(
        True,
        "--worker/--no-worker",
        help="Start the background task worker with the server (--no-worker when separate "
        "workers run 'manage.py db_worker').",
    ),
) -> None:
    """Start the web platform (creates the database and the first admin when needed)."""
    from django.conf import settings

    generated = prepare_site(plan_dir)
    typer.echo(_("database: {name}").format(name=settings.DATABASES["default"]["NAME"]))
    if generated:
        typer.echo(
            _(
                "created the first admin: user '{user}', password '{password}' (shown once; "
                "set {variable} to choose it)"
            ).format(user=ADMIN_USERNAME, password=generated, variable=ADMIN_PASSWORD_ENV)
        )
    from waitress import serve as waitress_serve

    threads = threads or default_threads()

    from clusterweb.wsgi import application

    task_worker = TaskWorker() if worker else None
    # A service manager stops the server with SIGTERM, whose default ends the process at
    # once: the worker would be left running. Stop as Ctrl+C does, through the finally. The
    # handler is in place before the worker starts: a SIGTERM that comes while it starts
    # (a service manager may stop the server at any moment) stops it too.
    signal.signal(signal.SIGTERM, _stop_serving)
    try:
        if task_worker is not None:
            task_worker.start()
            typer.echo(_("started the background task worker"))
        typer.echo(_("serving on {url} (Ctrl+C stops)").format(url=f"http://{host}:{port}/"))
        waitress_serve(application, host=host, port=port, threads=threads, ident="clusterweb")
    finally:
        if task_worker is not None:
            task_worker.stop()
