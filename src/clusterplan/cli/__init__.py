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
from clusterplan.cli.localised import language_of_args
from clusterplan.errors import localise
from clusterplan.i18n import gettext
from clusterplan.io.export import system_reason

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the console script: bad input ends in one line, never a traceback.

    Commands report what they can foresee themselves (``fail``); this is the net under
    them for what the operating system refuses (a file that cannot be read or written,
    memory that runs out). It is only here, not in ``app``, so tests that invoke ``app``
    still see every unexpected exception.
    """
    lang = language_of_args(sys.argv[1:])

    def _say(text: str) -> None:
        sys.stderr.write(f"{gettext('error', lang)}: {text}\n")

    try:
        app()
    except KeyboardInterrupt:
        _say(gettext("interrupted", lang))
        sys.exit(130)
    except MemoryError:
        _say(gettext("out of memory: the input or the requested size is too large", lang))
        sys.exit(1)
    except RecursionError:
        _say(gettext("the input is nested too deeply", lang))
        sys.exit(1)
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        _say(f"{where}{localise(system_reason(exc), lang)}")
        sys.exit(1)
