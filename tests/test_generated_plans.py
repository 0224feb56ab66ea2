"""Generated plans (hypothesis): every core function runs, or raises MissingPart.

Plans have 1-8 pillars, 3-15 year horizons, 0-30 projects, unknown cells and optional parts
present or not (goal, revenue figures, printed totals, the organisation cost table,
organisations, facts, governance, segments and technologies). Space, talent and monitoring
are not generated (their parts need their own assumptions per pillar); the CLI tests in
``test_plan_generality.py`` cover their refusals.

Where the core reads funding sources and growth dimensions as plan data, plans get 1-4 of
each (dimensions building on each other); before that, the bundled plan's four sources and
three dimensions.

Invariants: the pillars add up to the total; the source-by-year matrix (plus what cannot be
tied to a year) adds up to the known coverage; the known costs per year add up; with full
realisation every growth dimension reaches its target jobs in the target year.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clusterplan.model.backcast import backcast
from clusterplan.model.finance import cash_needs, funding_status
from clusterplan.model.growth import trajectory
from clusterplan.model.impact import impact
from clusterplan.model.uncertainty import simulate
from clusterplan.plan.findings import plan_findings
from clusterplan.plan.parts import MissingPart, goal_target, missing, readiness
from clusterplan.plan.schema import EmploymentScenario, Finance, Plan
from clusterplan.plan.validate import cross_check, model_problems
from clusterplan.report.overview import render_overview
from clusterplan.report.tables import plan_tables, render_tables_text, tables_data

BUNDLED_ASSUMPTIONS = (
    Path(__file__).resolve().parents[1] / "src" / "clusterplan" / "plans" / "lifeport-2026"
) / "assumptions"

PLAN_DATA = "sources" in Finance.model_fields and "builds_on" in EmploymentScenario.model_fields
"""True once funding sources and growth dimensions are plan data (the 'schema' work)."""

OLD_SOURCES = ("private", "subsidies", "national", "regional")
OLD_DIMENSIONS = ("organic", "accelerated", "leap")


def _a(aid: str, value: Any, unit: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": aid,
        "label_nl": aid,
        "label_en": aid,
        "value": value,
        "unit": unit,
        "rationale": "Generated test plan.",
        **extra,
    }


def _bundled(name: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((BUNDLED_ASSUMPTIONS / name).read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


ECOSYSTEM = _bundled("ecosystem.yaml")
IMPACT_SCALARS = [a for a in _bundled("impact.yaml") if not isinstance(a["value"], dict)]

maybe_unknown = st.one_of(st.none(), st.integers(0, 40).map(float))
"""A printed amount: unknown (null) or a number."""


def _coverage_of(
    draw: st.DrawFn, costs: dict[int, float | None], sources: list[str]
) -> dict[str, float | None]:
    """Coverage per source, unknown or a share of the known cost (never more than it)."""
    known = sum(v for v in costs.values() if v is not None)
    each = int(known // len(sources))
    return {s: draw(st.one_of(st.none(), st.integers(0, each).map(float))) for s in sources}


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    """A raw plan (the contents of its YAML files) that validates."""
    n_pillars = draw(st.integers(1, 8))
    pillars = [f"p{i}" for i in range(n_pillars)]
    start = draw(st.integers(2020, 2035))
    length = draw(st.integers(3, 15))
    end = start + length - 1
    cost_years = list(range(start, end))  # spending ends a year before the target year
    if PLAN_DATA:
        sources = [f"s{i}" for i in range(draw(st.integers(1, 4)))]
        dims = [f"d{i}" for i in range(draw(st.integers(1, 4)))]
    else:
        sources, dims = list(OLD_SOURCES), list(OLD_DIMENSIONS)
    market = draw(st.sampled_from([1.2, 1.5, 1.8, 2.5]))
    fab = pillars[0]
    # A pillar may start from nothing (its elasticity is then a number, not calibrated).
    base = {
        p: draw(st.integers(10, 5000) if p == fab else st.sampled_from([0, 10, 400, 5000]))
        for p in pillars
    }
    first = {}
    for p in pillars:
        # Before facilities are optional, the first pillar holds the facility at risk: its
        # growth is bounded by a headroom, so it grows less than the market.
        bounded = not PLAN_DATA and p == fab
        factor = draw(st.sampled_from([1.0, 1.1] if bounded else [1.0, 1.1, 1.2, market]))
        first[p] = round(base[p] * factor)
    # Projects: a dimension that builds on another (or 'enabling'), yearly costs, coverage.
    growing = dims[1:]
    n_projects = draw(st.integers(0, 30))
    projects, split = [], {}
    for i in range(n_projects):
        dim = draw(st.sampled_from([*growing, "enabling"]))
        costs = {y: draw(st.one_of(st.none(), st.integers(0, 30).map(float))) for y in cost_years}
        if dim != "enabling" and sum(v for v in costs.values() if v) <= 0:
            costs[cost_years[0]] = 1.0  # a project with jobs needs known spending for its ramp
        coverage = _coverage_of(draw, costs, sources)
        pid = f"x{i}"
        projects.append(
            {
                "id": pid,
                "name_nl": pid,
                "name_en": pid,
                "source": "generated",
                "dimension": dim,
                "pillars": pillars[:1],
                "costs_meur": costs,
                "coverage_meur": coverage,
            }
        )
        if dim != "enabling":
            jobs = {p: draw(st.integers(0, 200)) for p in pillars}
            split[pid] = {"row": dim, "jobs": jobs}
    rows = {dims[0]: first}
    for before, dim in zip(dims, dims[1:], strict=False):
        rows[dim] = {
            p: rows[before][p] + sum(s["jobs"][p] for s in split.values() if s["row"] == dim)
            for p in pillars
        }
    revenue = draw(st.booleans())
    # Without revenue figures a plan gives productivity growth a number; "calibrate" then
    # makes every growth function refuse with MissingPart (and check says so).
    productivity = "calibrate" if revenue or draw(st.booleans()) else 0.01
    scenarios = {}
    for i, dim in enumerate(dims):
        row: dict[str, Any] = {
            "source": "generated",
            "name_nl": dim,
            "name_en": dim,
            "includes_nl": dim,
            "jobs": rows[dim],
        }
        if PLAN_DATA and i:
            row["builds_on"] = dims[i - 1]
        if not PLAN_DATA:
            row["fab_continues"] = True
        if revenue:
            row["printed_revenue_growth_pct"] = 20.0 + 10 * i
        if draw(st.booleans()):
            row["printed_total"] = sum(rows[dim].values())
        scenarios[dim] = row
    employment: dict[str, Any] = {
        "source": "generated",
        "base_year": start,
        "target_year": end,
        "base": base,
        "scenarios": scenarios,
        "market_growth_factor": market,
    }
    if draw(st.booleans()):
        employment["goal"] = {
            "source": "generated",
            "year": draw(st.integers(start + 1, end)),
            "factor": draw(st.sampled_from([1.1, 1.5, 2.0])),
        }
    finance: dict[str, Any] = {
        "source": "generated",
        "cost_years": cost_years,
        "projects": projects,
    }
    if PLAN_DATA:
        finance["sources"] = [{"id": s, "name_nl": s, "name_en": s} for s in sources]
    if draw(st.booleans()):
        finance["organisation"] = [
            {
                "id": "office",
                "name_nl": "office",
                "name_en": "office",
                "source": "generated",
                "costs_meur": {y: 1.0 for y in cost_years},
                "coverage_meur": _coverage_of(draw, {y: 1.0 for y in cost_years}, sources),
            }
        ]
    if draw(st.booleans()):
        finance["projects_printed_totals"] = {
            "source": "generated",
            "costs_meur": {y: draw(maybe_unknown) for y in cost_years},
            "total_meur": None,
            "coverage_meur": {s: None for s in sources},
        }
    taxonomy: dict[str, Any] = {
        "source": "generated",
        "pillars": [{"id": p, "name_nl": p, "name_en": p} for p in pillars],
    }
    if draw(st.booleans()):
        taxonomy["segments"] = [{"id": "seg", "name_nl": "seg", "name_en": "seg"}]
        taxonomy["technologies"] = [{"id": "tec", "name_nl": "tec", "name_en": "tec"}]
    growth = [
        _a(
            "growth.market-growth-factor",
            market,
            "factor",
            low=1.1,
            high=3.0,
            distribution="triangular",
        ),
        _a("growth.market-path", "constant-rate", "shape"),
        _a("growth.extension.until-year", end + 3, "year"),
        _a(
            "growth.extension.market-growth-rate",
            0.03,
            "1/year",
            low=0.0,
            high=0.06,
            distribution="uniform",
        ),
        _a("growth.market.pull", False, "switch"),
        _a("growth.project.lag-years", 1, "years"),
        _a("growth.project.job-split", split, "jobs"),
        _a("growth.productivity-growth", productivity, "1/year"),
        _a("growth.backcast.pillar-split", dims[-1], "growth dimension"),
        _a("growth.backcast.delivered-dimension", dims[min(1, len(dims) - 1)], "growth dimension"),
    ]
    for p in pillars:
        bounded = not PLAN_DATA and p == fab  # the facility's pillar: elasticity 1, a bound
        value = "calibrate" if not bounded and first[p] != base[p] else 1.0 if bounded else 0.0
        growth.append(
            _a(f"growth.elasticity.{p}", value, "ratio", low=0.0, high=2.5, distribution="uniform")
        )
    for pid in split:
        growth.append(
            _a(
                f"growth.project.realisation.{pid}",
                1.0,
                "fraction",
                low=0.5,
                high=1.1,
                distribution="triangular",
            )
        )
        growth.append(
            _a(
                f"growth.project.delay-years.{pid}",
                0,
                "years",
                low=-1,
                high=2,
                distribution="triangular",
            )
        )
    if not PLAN_DATA:
        growth += [
            _a("growth.fab.pillar", fab, "pillar"),
            _a("growth.fab.jobs", round(base[fab] / 2), "jobs"),
            _a(
                "growth.fab.capacity-headroom",
                "calibrate",
                "fraction",
                low=0.0,
                high=0.2,
                distribution="uniform",
            ),
            _a("growth.fab.closure-year", None, "year"),
            _a("growth.fab.p-continues", 0.7, "probability", distribution="bernoulli"),
            _a(
                "growth.fab.closure-year-range",
                start + 1,
                "year",
                low=start + 1,
                high=end,
                distribution="uniform",
            ),
            _a("growth.fab.rampdown-years", 1, "years"),
            _a("growth.fab.knock-on", {}, "fraction"),
        ]
    impact_assumptions = [
        _a("impact.revenue-per-fte", {p: 0.2 for p in pillars}, "M EUR per FTE"),
        _a("impact.value-added-share", {p: 0.4 for p in pillars}, "share"),
        _a("impact.type1-multiplier", {p: 1.5 for p in pillars}, "ratio"),
        _a("impact.type2-multiplier", {p: 1.8 for p in pillars}, "ratio"),
        *IMPACT_SCALARS,
    ]
    finance_assumptions = [
        _a("finance.public-sources", sources[1:], "sources"),
        _a("finance.precedence", [], "years"),
    ]
    raw: dict[str, Any] = {
        "meta": {
            "id": "generated",
            "title": "Generated plan",
            "cluster": "Generated cluster",
            "region": "Generated region",
            "published": str(start),
            "horizon_start": start,
            "horizon_end": end,
            "language": "en",
            "document": "generated",
            "source": "generated",
        },
        "taxonomy": taxonomy,
        "employment": employment,
        "finance": finance,
        "assumptions": [*growth, *impact_assumptions, *finance_assumptions, *ECOSYSTEM],
    }
    if draw(st.booleans()):
        raw["governance"] = {
            "source": "generated",
            "steering_group": [{"name": "Chair", "role_nl": "voorzitter", "chair": True}],
            "programme_partners": [],
            "director_from": start,
            "extra_fte": 1,
            "extra_fte_period": [start, end],
            "lsi_founded": start,
            "lsi_chairs_every_years": 2,
            "lsi_chairs_count": 1,
            "long_term_structure_decision_nl": "later",
        }
    if draw(st.booleans()):
        raw["organisations"] = [
            {"id": "org", "name": "Org", "kind": "other", "source": "generated"}
        ]
    if draw(st.booleans()):
        raw["facts"] = [
            {
                "id": "fact",
                "label_nl": "f",
                "label_en": "f",
                "value": 1,
                "unit": "jobs",
                "source": "generated",
            }
        ]
    return raw


def _expect_part(plan: Plan, exc: MissingPart, allowed: tuple[str, ...]) -> None:
    """A MissingPart is fine when the part is one the function may need and the plan lacks it."""
    assert exc.part in allowed, exc
    assert exc.part in missing(plan, allowed), exc


def _run(plan: Plan, allowed: tuple[str, ...], call: Any) -> Any:
    try:
        return call()
    except MissingPart as exc:
        _expect_part(plan, exc, allowed)
        return None


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(raw=plans())
def test_every_core_function_runs_on_generated_plans(raw: dict[str, Any]) -> None:
    plan = Plan.model_validate(raw)
    assert cross_check(plan) == []
    assert model_problems(plan) == []
    readiness(plan)
    for finding in plan_findings(plan):
        assert finding.text("nl") and finding.text("en")
    tables_data(plan)
    plan_tables(plan)
    render_tables_text(plan)
    render_overview(plan)
    fin = plan.finance
    years = fin.cost_years

    needs = cash_needs(plan)
    funding_status(plan, needs)
    lines = [*fin.projects, *fin.organisation]
    for k, year in enumerate(needs.years):
        known = sum(line.costs_meur.get(year) or 0.0 for line in lines)
        assert needs.year_totals()[k] == pytest.approx(known, abs=1e-6)
    for s_index, source in enumerate(needs.sources):
        covered = sum(_coverage(line, source) or 0.0 for line in lines)
        spread = needs.by_source()[s_index].sum() + needs.unscheduled_meur[:, s_index].sum()
        assert spread == pytest.approx(covered, abs=1e-6), source
    assert years == sorted(years)

    growth_parts = ("revenue_growth",)
    emp = plan.employment
    for dim, row in emp.scenarios.items():
        path = _run(plan, growth_parts, lambda d=dim: trajectory(plan, d))
        if path is None:
            continue
        np.testing.assert_allclose(path.jobs.sum(axis=0), path.total)
        assert path.jobs[:, 0] == pytest.approx([emp.base[p] for p in path.pillars])
        column = path.years.index(emp.target_year)
        target = [row.jobs[p] for p in path.pillars]
        assert path.jobs[:, column] == pytest.approx(target, rel=1e-6, abs=1e-6), dim
    last = list(emp.scenarios)[-1]
    _run(plan, growth_parts, lambda: impact(plan, last))
    ensemble = _run(plan, growth_parts, lambda: simulate(plan, 16, 1, dimension=last))
    if ensemble is not None:  # without a goal: the last dimension's target (reference_goal)
        assert ensemble.reached.shape == (16,)
        assert ensemble.goal_year == goal_target(plan).year
    _run(plan, growth_parts, lambda: backcast(plan))


def _coverage(line: Any, source: str) -> float | None:
    """A line's coverage by a source (a mapping once sources are plan data, a model before)."""
    cov = line.coverage_meur
    value = cov.get(source) if isinstance(cov, dict) else cov.as_dict().get(source)
    return None if value is None else float(value)
