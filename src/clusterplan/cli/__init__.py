"""The ``clusterplan`` command line (Typer). Each area registers its commands here."""

from __future__ import annotations

from clusterplan.cli import (
    demand_cmds,  # noqa: F401  (registers commands)
    ecosystem_cmds,  # noqa: F401  (registers commands)
    events_cmds,  # noqa: F401  (registers commands)
    finance_cmds,  # noqa: F401  (registers commands)
    growth_cmds,  # noqa: F401  (registers commands)
    monitor_cmds,  # noqa: F401  (registers commands)
    plan_cmds,  # noqa: F401  (registers commands)
    web_cmds,  # noqa: F401  (registers commands)
)
from clusterplan.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the console script."""
    app()
