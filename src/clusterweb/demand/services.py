"""Space and talent: demand against supply per year, from the core's demand models.

Jobs per pillar and year come from the growth engine (a growth dimension, default
assumptions); ``clusterplan.model.space.space_balance`` and
``clusterplan.model.talent.talent_balance`` compute demand, supply and shortfalls.
This module only arranges their results as tables and charts.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import numpy as np
from django.conf import settings
from django.utils.translation import gettext as _

from clusterplan.plan.schema import Plan
from clusterweb.demand.constants import EducationLevel, SpaceFunction, label
from clusterweb.presentation import Cell, Table, bar_spec, chart, line_spec, num, table

CORE_MODULES = ("clusterplan.model.space", "clusterplan.model.talent", "clusterplan.model.growth")


def core_module() -> ModuleType | None:
    """The space model, or None when the core's demand models are not installed."""
    try:
        for name in CORE_MODULES:
            importlib.import_module(name)
        return importlib.import_module(CORE_MODULES[0])
    except ImportError:
        return None


def _cell(value: float, digits: int = 0) -> Cell:
    return "?" if value is None or np.isnan(value) else num(float(value), digits)


@dataclass(frozen=True)
class Demand:
    """Space and talent results for one growth dimension.

    ``shortfall_probability`` is the share of an ensemble (growth and space parameters
    sampled, ``clusterplan.model.demand``) with a shortfall so far, per demand year; None
    when the core has no ensemble for demand.
    """

    dimension: str
    until: int
    space: Any
    talent: Any
    shortfall_probability: Any = None
    samples: int = 0


_CACHE: dict[tuple[int, str, int], tuple[Plan, Demand]] = {}


def demand(plan: Plan, dimension: str = "leap", until: int | None = None) -> Demand:
    """Run the core's space and talent models on the growth engine's jobs."""
    from clusterplan.model import growth, space, talent

    a = growth.growth_assumptions(plan)
    end = min(until or a.extension_until_year, a.extension_until_year)
    key = (id(plan), dimension, end)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is plan:  # same object, not a reused id
        return hit[1]
    traj = growth.trajectory(plan, dimension, a, until=end)
    space_a = space.space_assumptions(plan)
    own = space.business_case_space(plan, traj, space_a.functions)
    space_result = space.space_balance(traj.jobs, traj.years, space_a, own)
    highlight = [*plan.talent.interim_years, plan.talent.goal_year]
    talent_a = talent.talent_assumptions(plan)
    talent_result = talent.talent_balance(
        traj.jobs,
        traj.years,
        talent_a,
        highlight_years=highlight,
        own=talent.business_case_talent(plan, traj, talent_a.levels),
    )
    probability = None
    samples = settings.CLUSTERWEB_DEMAND_SAMPLES
    try:
        ensemble = importlib.import_module("clusterplan.model.demand")
    except ImportError:
        ensemble = None
    if ensemble is not None and samples > 0:
        drawn = ensemble.scenario_space_ensemble(
            plan, dimension, end, samples, settings.CLUSTERWEB_SEED
        )
        probability = drawn.shortfall_probability()
    result = Demand(dimension, end, space_result, talent_result, probability, samples)
    if len(_CACHE) > 16:
        _CACHE.clear()  # a plain dict: clear and set are atomic under the GIL
    _CACHE[key] = (plan, result)
    return result


def space_table(result: Demand, download_view: str | None) -> Table:
    """Space per year: demand, new supply, cumulative, and the cumulative shortfall."""
    s = result.space
    demand_m2 = s.total_demand_m2
    supply_m2 = s.total_supply_m2
    shortfall = s.total_shortfall_m2
    probability = result.shortfall_probability
    rows = [
        [
            str(year),
            _cell(demand_m2[i]),
            _cell(supply_m2[i]),
            _cell(demand_m2[: i + 1].sum()),
            _cell(supply_m2[: i + 1].sum()),
            _cell(shortfall[i]),
            *([] if probability is None else [_cell(100 * probability[i])]),
        ]
        for i, year in enumerate(s.years)
    ]
    columns = [
        _("Year"),
        _("Demand"),
        _("New supply"),
        _("Demand so far"),
        _("Supply so far"),
        _("Shortfall so far"),
    ]
    if probability is not None:
        columns.append(_("Probability of a shortfall (%%, %(n)s samples)") % {"n": result.samples})
    return table(
        _("Space per year (m², computed by the space model)"),
        columns,
        rows,
        slug="space-per-year",
        download_view=download_view,
    )


def space_chart(result: Demand, download_view: str | None) -> dict[str, Any]:
    """Cumulative demand against cumulative supply, with the shortfall."""
    s = result.space
    tab = space_table(result, download_view)
    spec = line_spec(
        s.years,
        {
            _("Demand so far"): [float(v) for v in np.cumsum(s.total_demand_m2)],
            _("Supply so far"): [float(v) for v in np.cumsum(s.total_supply_m2)],
            _("Shortfall so far"): [float(v) for v in s.total_shortfall_m2],
        },
        unit="m²",
    )
    return chart("space", _("Space: demand against supply"), spec, tab)


def space_functions_table(result: Demand, download_view: str | None) -> Table:
    """Per function, over the whole period: demand, dedicated supply, shortfall at the end."""
    s = result.space
    rows = []
    for f, function in enumerate(s.functions):
        rows.append(
            [
                label(SpaceFunction, function),
                _cell(s.demand_m2[f].sum()),
                _cell(s.supply_m2[f].sum()),
                _cell(s.shortfall_m2[f, -1]),
            ]
        )
    rows.append([_("Usable for any function"), "", _cell(s.flexible_supply_m2.sum()), ""])
    return table(
        _("Space per function, %(first)s-%(last)s (m²)")
        % {"first": s.years[0], "last": s.years[-1]},
        [_("Function"), _("Demand"), _("Supply"), _("Shortfall at the end")],
        rows,
        slug="space-per-function",
        download_view=download_view,
    )


def talent_table(result: Demand, download_view: str | None) -> Table:
    """Hires needed, supply and gap per education level and year."""
    t = result.talent
    columns = [_("Year")]
    for level in t.levels:
        name = label(EducationLevel, level)
        columns += [
            _("%(level)s: need") % {"level": name},
            _("%(level)s: supply") % {"level": name},
            _("%(level)s: gap") % {"level": name},
        ]
    rows = []
    for i, year in enumerate(t.years):
        row: list[Cell] = [str(year)]
        for k in range(len(t.levels)):
            row += [_cell(t.need[k, i]), _cell(t.supply[k, i]), _cell(t.gap[k, i])]
        rows.append(row)
    return table(
        _("Talent per year: hires needed against the region's supply ('?': unknown)"),
        columns,
        rows,
        slug="talent-per-year",
        download_view=download_view,
    )


def talent_chart(result: Demand, download_view: str | None) -> dict[str, Any]:
    """Hires needed per level per year as stacked bars."""
    t = result.talent
    tab = talent_table(result, download_view)
    series = {
        label(EducationLevel, level): [round(float(v)) for v in t.need[k]]
        for k, level in enumerate(t.levels)
    }
    return chart(
        "talent",
        _("Hires needed per year by education level"),
        bar_spec([str(y) for y in t.years], series, stacked=True, unit=_("people")),
        tab,
    )


def headlines(result: Demand) -> list[dict[str, Any]]:
    """First shortfall year, the space shortfall at the end, the talent gap per year."""
    s, t = result.space, result.talent
    first = int(s.first_shortfall_year())
    gap = t.gap[:, -1]
    known = gap[~np.isnan(gap)]
    out = [
        {
            "label": _("First year with a space shortfall"),
            "value": "—" if first < 0 else str(first),
            "provenance": _("computed by the space model"),
        },
        {
            "label": _("Space shortfall in %(year)s") % {"year": s.years[-1]},
            "value": round(float(s.total_shortfall_m2[-1])),
            "unit": "m²",
            "provenance": _("computed by the space model"),
        },
        {
            "label": _("Hires short in %(year)s (levels with known supply)")
            % {"year": t.years[-1]},
            "value": round(float(known.sum())) if known.size else "?",
            "unit": _("people"),
            "provenance": _("computed by the talent model"),
        },
    ]
    if result.shortfall_probability is not None:
        out.insert(
            2,
            {
                "label": _("Probability of a space shortfall in %(year)s") % {"year": s.years[-1]},
                "value": round(100 * float(result.shortfall_probability[-1])),
                "unit": "%",
                "provenance": _("computed: %(n)s samples of the growth and space assumptions")
                % {"n": result.samples},
            },
        )
    return out


def demand_tables(result: Demand, download_view: str | None) -> dict[str, Table]:
    """Every table of the page by slug."""
    return {
        "space-per-year": space_table(result, download_view),
        "space-per-function": space_functions_table(result, download_view),
        "talent-per-year": talent_table(result, download_view),
    }
