"""Sensitivity (Sobol) and scenario discovery (PRIM) from ``clusterplan.model.sensitivity``.

Both take seconds, so the page computes them only on request and keeps the result per
plan (in this process) until the plan changes.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from clusterplan.plan.schema import Plan
from clusterweb.planning import tables
from clusterweb.presentation import Table, num, table

_CACHE: dict[int, tuple[Plan, Any, Any]] = {}


def available() -> bool:
    """True when the core has the sensitivity module."""
    try:
        importlib.import_module("clusterplan.model.sensitivity")
    except ImportError:
        return False
    return True


def cached(plan: Plan) -> tuple[Any, Any] | None:
    """The results for this plan when already computed."""
    hit = _CACHE.get(id(plan))
    if hit is not None and hit[0] is plan:
        return hit[1], hit[2]
    return None


def compute(plan: Plan) -> tuple[Any, Any]:
    """Sobol indices and PRIM boxes (leap dimension, the plan's goal)."""
    hit = cached(plan)
    if hit is not None:
        return hit
    sensitivity = importlib.import_module("clusterplan.model.sensitivity")
    sobol = sensitivity.sobol_indices(
        plan, settings.CLUSTERWEB_SOBOL_BASE, settings.CLUSTERWEB_SEED
    )
    discovery = sensitivity.discover(
        plan, settings.CLUSTERWEB_DISCOVERY_SAMPLES, settings.CLUSTERWEB_SEED
    )
    _CACHE.clear()
    _CACHE[id(plan)] = (plan, sobol, discovery)
    return sobol, discovery


def input_label(plan: Plan, name: str) -> str:
    """A readable name for an uncertain input of the growth model."""
    kind, _sep, key = name.partition(".")
    project = None
    if key:
        try:
            project = tables.name_of(plan.project(key))
        except KeyError:
            project = None
    pillars = {p.id: tables.name_of(p) for p in plan.taxonomy.pillars}
    if kind == "realisation":
        return _("Realisation: %(project)s") % {"project": project or key}
    if kind == "delay_years":
        return _("Delay (years): %(project)s") % {"project": project or key}
    if kind == "elasticity":
        return _("Elasticity to the market: %(pillar)s") % {"pillar": pillars.get(key, key)}
    labels = {
        "market_growth_factor": _("Market growth factor to the target year"),
        "fab_continues": _("The wafer fab continues (1) or closes (0)"),
        "fab_closure_year": _("Fab closure year"),
        "fab_capacity_headroom": _("Fab capacity headroom"),
    }
    return str(labels.get(name, name))


def sobol_table(plan: Plan, sobol: Any) -> Table:
    """First- and total-order indices of jobs in the goal year and of reaching the goal."""
    goal = {name: (s1, st) for name, s1, st in sobol.goal_reached.ranked()}
    rows = []
    for name, s1, st in sobol.jobs.ranked():
        g = goal.get(name)
        rows.append(
            [
                input_label(plan, name),
                num(s1, 3),
                num(st, 3),
                "—" if g is None else num(g[0], 3),
                "—" if g is None else num(g[1], 3),
            ]
        )
    return table(
        _("Sensitivity: Sobol indices (%(n)s model runs)") % {"n": sobol.n_evaluations},
        [
            _("Uncertain input"),
            _("Jobs %(year)s: first order") % {"year": sobol.goal_year},
            _("Jobs %(year)s: total order") % {"year": sobol.goal_year},
            _("Goal reached: first order"),
            _("Goal reached: total order"),
        ],
        rows,
        slug="sobol",
    )


def discovery_tables(plan: Plan, discovery: Any) -> list[Table]:
    """One table per PRIM box: the input ranges where the goal tends to fail."""
    out = []
    for i, box in enumerate(discovery.boxes, start=1):
        rows = []
        for name, (lower, upper) in box.limits.items():
            low, high = discovery.input_ranges.get(name, (None, None))
            rows.append(
                [
                    input_label(plan, name),
                    num(lower, 2),
                    num(upper, 2),
                    "—" if low is None else f"{num(low, 2)} – {num(high, 2)}",
                ]
            )
        out.append(
            table(
                _(
                    "Box %(n)s: %(coverage)s%% of the failures, %(density)s%% of the runs in "
                    "it fail, %(mass)s%% of all runs"
                )
                % {
                    "n": i,
                    "coverage": num(100 * box.coverage, 0),
                    "density": num(100 * box.density, 0),
                    "mass": num(100 * box.mass, 0),
                },
                [_("Uncertain input"), _("From"), _("To"), _("Sampled range")],
                rows,
                numeric=[False, True, True, False],
                slug=f"prim-box-{i}",
            )
        )
    return out
