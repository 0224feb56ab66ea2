"""``clusterplan serve``: the web platform on the embedded default (SQLite, bundled plan)."""

from __future__ import annotations

import os

import typer

from clusterplan.cli.app import app

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD_ENV = "CLUSTERPLAN_ADMIN_PASSWORD"


def prepare_site() -> str | None:
    """Migrate, load the bundled plan when the database is empty, create the first admin.

    Returns the generated admin password when one was generated (to be printed once).
    """
    import django
    from django.core.management import call_command

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterweb.conf.local")
    django.setup()
    from clusterplan.plan.load import bundled_plan
    from clusterweb.accounts.services import ensure_first_admin, ensure_groups
    from clusterweb.planning.services import add_missing_assumptions, ensure_plan_loaded

    call_command("migrate", interactive=False, verbosity=0)
    ensure_groups()
    if ensure_plan_loaded():
        typer.echo("loaded the bundled Lifeport plan into the database")
    else:
        added = add_missing_assumptions(bundled_plan())
        if added:
            typer.echo(f"added {len(added)} new assumption(s) from the bundled plan")
    generated = ensure_first_admin(ADMIN_USERNAME, os.environ.get(ADMIN_PASSWORD_ENV))
    call_command("collectstatic", interactive=False, verbosity=0)
    return generated


def default_threads() -> int:
    """One worker thread per CPU core (at least two, so a slow request never blocks all)."""
    return max(2, os.cpu_count() or 2)


@app.command()
def serve(
    port: int = typer.Option(8000, "--port", help="Port on 127.0.0.1."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    threads: int = typer.Option(
        0,
        "--threads",
        help="Worker threads (0: one per CPU core; recomputes are CPU-bound, so more threads "
        "than cores only make each request wait on the others).",
        min=0,
    ),
) -> None:
    """Start the web platform (creates the database and the first admin when needed)."""
    from django.conf import settings

    generated = prepare_site()
    typer.echo(f"database: {settings.DATABASES['default']['NAME']}")
    if generated:
        typer.echo(
            f"created the first admin: user '{ADMIN_USERNAME}', password '{generated}' "
            f"(shown once; set {ADMIN_PASSWORD_ENV} to choose it)"
        )
    from waitress import serve as waitress_serve

    threads = threads or default_threads()

    from clusterweb.wsgi import application

    typer.echo(f"serving on http://{host}:{port}/ (Ctrl+C stops)")
    waitress_serve(application, host=host, port=port, threads=threads, ident="clusterweb")
