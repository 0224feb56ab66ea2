"""The ``clusterplan`` command line (Typer). Each area registers its commands here."""

from __future__ import annotations

from clusterplan.cli import demand_cmds, finance_cmds, growth_cmds, plan_cmds  # noqa: F401
from clusterplan.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the console script."""
    app()
