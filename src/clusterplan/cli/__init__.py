"""The ``clusterplan`` command line (Typer). Each area registers its commands here."""

from __future__ import annotations

import sys

from clusterplan.cli import (
    demand_cmds,  # noqa: F401  (registers commands)
    ecosystem_cmds,  # noqa: F401  (registers commands)
    events_cmds,  # noqa: F401  (registers commands)
    finance_cmds,  # noqa: F401  (registers commands)
    growth_cmds,  # noqa: F401  (registers commands)
    impact_cmds,  # noqa: F401  (registers commands)
    monitor_cmds,  # noqa: F401  (registers commands)
    plan_cmds,  # noqa: F401  (registers commands)
    report_cmds,  # noqa: F401  (registers commands)
    web_cmds,  # noqa: F401  (registers commands)
)
from clusterplan.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the console script: bad input ends in one line, never a traceback.

    Commands report what they can foresee themselves (``fail``); this is the net under
    them for what the operating system refuses (a file that cannot be read or written,
    memory that runs out). It is only here, not in ``app``, so tests that invoke ``app``
    still see every unexpected exception.
    """
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted\n")
        sys.exit(130)
    except MemoryError:
        sys.stderr.write("error: out of memory: the input or the requested size is too large\n")
        sys.exit(1)
    except RecursionError:
        sys.stderr.write("error: the input is nested too deeply\n")
        sys.exit(1)
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        sys.stderr.write(f"error: {where}{exc.strerror or exc}\n")
        sys.exit(1)
