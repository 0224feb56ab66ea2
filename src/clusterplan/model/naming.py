"""The names of the growth model's inputs: one scheme for every interface and analysis.

A scenario's inputs (:mod:`clusterplan.app.inputs`) and the sampled inputs of Monte Carlo,
Sobol and PRIM (:mod:`clusterplan.model.uncertainty`) share these names, so a value set on
the scenario page, an index in a sensitivity table and a box edge found by PRIM name the same
thing the same way: a key (``market_growth_factor``) or, for an input per project, pillar or
market, ``<key>__<id>`` (``realisation__acp``, ``elasticity__equipment``).
"""

from __future__ import annotations

SEPARATOR = "__"
"""Between a key and the id of the project, pillar or market: ``realisation__acp``."""

REALISATION = "realisation"
"""Per project: the share of its planned jobs that is realised."""

DELAY = "delay"
"""Per project: its delay in years."""

ELASTICITY = "elasticity"
"""Per pillar: the elasticity of its jobs to the market."""

MARKET = "market"
"""Per application market: its growth to the target year."""


def input_name(key: str, item: str | None = None) -> str:
    """The name of an input: ``key``, or ``<key>__<item>`` for an input per item."""
    return key if item is None else f"{key}{SEPARATOR}{item}"


def split_name(name: str) -> tuple[str, str | None]:
    """The key and the item of an input's name (item None for an input of its own)."""
    key, sep, item = name.partition(SEPARATOR)
    return (key, item) if sep else (name, None)
