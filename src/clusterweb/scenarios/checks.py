"""Start-up checks: the web's ensemble sizes stay within the declared bounds.

A sample count or memory limit set through the environment is checked when the server
starts (``manage.py check``, ``clusterplan serve``), so a typo such as an extra three zeros
is a one-line error there instead of a worker that grows until the kernel stops it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

from clusterplan.plan.bounds import ensemble_problem

SAMPLE_SETTINGS = (
    "CLUSTERWEB_ENSEMBLE_SAMPLES",
    "CLUSTERWEB_DISCOVERY_SAMPLES",
    "CLUSTERWEB_DEMAND_SAMPLES",
    "CLUSTERWEB_SOBOL_BASE",
)
YEARS_ESTIMATE = 50
"""Years per sample assumed by the start-up check (a horizon with its extension fits);
the exact figure is checked again, before allocating, when an ensemble runs."""


@register()
def ensemble_sizes(app_configs: Any, **kwargs: Any) -> list[Error]:
    """Every sample setting is at least 1, at most bounds.MAX_SAMPLES, and fits the limit."""
    errors = []
    limit = int(getattr(settings, "CLUSTERWEB_ENSEMBLE_MAX_BYTES", 2 * 1024**3))
    for name in SAMPLE_SETTINGS:
        n = int(getattr(settings, name, 1))
        problem = ensemble_problem(max(n, 1), 0, YEARS_ESTIMATE, max_bytes=limit)
        if problem is not None:
            errors.append(Error(f"{name}={n}: {problem}", id="clusterweb.E101"))
    return errors
