"""Start-up checks: the web's ensemble sizes stay within the declared bounds.

A sample count or memory limit set through the environment is checked when the server
starts (``manage.py check``, ``clusterplan serve``), so a typo such as an extra three zeros
is a one-line error there instead of a worker that grows until the kernel stops it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.checks import Error, register

from clusterplan.errors import Coded
from clusterplan.model.sensitivity import base_sample_problem
from clusterplan.plan.bounds import DEMAND_SAMPLES, SAMPLES, ensemble_problem

SAMPLE_SETTINGS: dict[str, Callable[[int], Coded | None]] = {
    "CLUSTERWEB_ENSEMBLE_SAMPLES": SAMPLES.problem,
    "CLUSTERWEB_DISCOVERY_SAMPLES": SAMPLES.problem,
    "CLUSTERWEB_DEMAND_SAMPLES": DEMAND_SAMPLES.problem,
    "CLUSTERWEB_SOBOL_BASE": base_sample_problem,
}
"""Each sample setting and the core's rule for what it sets: the command line refuses the
same sizes (``--n``, ``--samples``, ``--n-base``)."""
YEARS_ESTIMATE = 50
"""Years per sample assumed by the start-up check (a horizon with its extension fits);
the exact figure is checked again, before allocating, when an ensemble runs."""


@register()
def ensemble_sizes(app_configs: Any, **kwargs: Any) -> list[Error]:
    """Every sample setting lies in its declared range (the Sobol base is a power of 2 in
    ``SOBOL_BASE``) and fits the memory limit."""
    errors = []
    limit = int(settings.CLUSTERWEB_ENSEMBLE_MAX_BYTES)
    for name, declared in SAMPLE_SETTINGS.items():
        n = int(getattr(settings, name))
        problem = declared(n) or ensemble_problem(max(n, 1), 0, YEARS_ESTIMATE, max_bytes=limit)
        if problem is not None:
            errors.append(Error(f"{name}={n}: {problem}", id="clusterweb.E101"))
    return errors
