"""Start-up checks: the web's ensemble sizes stay within the declared bounds.

A sample count or memory limit set through the environment is checked when the server
starts (``manage.py check``, ``clusterplan serve``), so a typo such as an extra three zeros
is a one-line error there instead of a worker that grows until the kernel stops it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

from clusterplan.errors import Coded
from clusterplan.model.sensitivity import base_sample_problem
from clusterplan.plan.bounds import DEMAND_SAMPLES, SAMPLES, Bound, ensemble_problem

SAMPLE_SETTINGS: dict[str, Bound] = {
    "CLUSTERWEB_ENSEMBLE_SAMPLES": SAMPLES,
    "CLUSTERWEB_DISCOVERY_SAMPLES": SAMPLES,
    "CLUSTERWEB_DEMAND_SAMPLES": DEMAND_SAMPLES,
}
"""Each sample setting and the declared range of what it sets: the command line refuses
the same sizes (``--n``, ``--samples``)."""
YEARS_ESTIMATE = 50
"""Years per sample assumed by the start-up check (a horizon with its extension fits);
the exact figure is checked again, before allocating, when an ensemble runs."""


def _problem(name: str, n: int, limit: int) -> Coded | None:
    declared = base_sample_problem(n) if name == "CLUSTERWEB_SOBOL_BASE" else None
    if name in SAMPLE_SETTINGS:
        declared = SAMPLE_SETTINGS[name].problem(n)
    return declared or ensemble_problem(max(n, 1), 0, YEARS_ESTIMATE, max_bytes=limit)


@register()
def ensemble_sizes(app_configs: Any, **kwargs: Any) -> list[Error]:
    """Every sample setting lies in its declared range (the Sobol base is a power of 2 in
    ``SOBOL_BASE``) and fits the memory limit."""
    errors = []
    limit = int(getattr(settings, "CLUSTERWEB_ENSEMBLE_MAX_BYTES", 2 * 1024**3))
    for name in (*SAMPLE_SETTINGS, "CLUSTERWEB_SOBOL_BASE"):
        n = int(getattr(settings, name, 1))
        problem = _problem(name, n, limit)
        if problem is not None:
            errors.append(Error(f"{name}={n}: {problem}", id="clusterweb.E101"))
    return errors
