"""Sobol indices (SALib) and scenario discovery (PRIM)."""

from __future__ import annotations

import importlib.util
import json
import math
from typing import Any

import pytest

from clusterplan.model import sensitivity
from clusterplan.model.growth import GrowthError
from clusterplan.model.sensitivity import (
    Discovery,
    PrimBox,
    SobolIndices,
    SobolResult,
    discover,
    discovery_json,
    sobol_indices,
    sobol_json,
)
from clusterplan.plan.schema import Plan


def test_sobol_indices_are_deterministic_and_well_formed(plan: Plan) -> None:
    a = sobol_indices(plan, 64, 3, dimension="organic")
    b = sobol_indices(plan, 64, 3, dimension="organic")
    assert a.jobs.first == b.jobs.first
    assert a.n_evaluations == 64 * (len(a.jobs.names) + 2)
    assert a.jobs.first is not None and a.jobs.total is not None
    assert len(a.jobs.first) == len(a.jobs.names)
    data = sobol_json(a)
    assert set(data["jobs"]["indices"]["market__telecom_data"]) == {
        "S1",
        "S1_conf",
        "ST",
        "ST_conf",
    }


def test_market_and_fab_dominate_organic_jobs_and_the_closure_year_does_not_matter(
    plan: Plan,
) -> None:
    # Organic 2034 jobs: a closure (probability 0.3) removes ~1,300 jobs (sd ~600); of the
    # markets, telecom and data has the widest path and the largest exposure (equipment,
    # design), so it comes next; an elasticity moves one pillar. Any closure year up to
    # 2034 has fully happened by 2034, so it cannot matter.
    result = sobol_indices(plan, 512, 1, dimension="organic")
    top_two = [name for name, _, _ in result.jobs.ranked()[:2]]
    assert top_two == ["fab_continues", "market__telecom_data"]
    total = dict(zip(result.jobs.names, result.jobs.total or [], strict=True))
    assert abs(total["fab_closure_year"]) < 0.01


def test_a_goal_that_is_always_reached_has_no_indices(plan: Plan) -> None:
    result = sobol_indices(plan, 16, 1, goal_jobs=1.0)
    assert result.goal_reached.first is None
    assert result.goal_reached.variance == 0.0


@pytest.mark.parametrize("goal_jobs", [0.0, -5.0])
def test_sobol_refuses_a_goal_that_is_not_positive(plan: Plan, goal_jobs: float) -> None:
    """The goal rule of every ensemble (``ensemble_goal``); Sobol used to run against it."""
    with pytest.raises(GrowthError) as caught:
        sobol_indices(plan, 16, 1, goal_jobs=goal_jobs)
    assert caught.value.code == "growth.goal_not_positive"


def test_sobol_needs_a_power_of_two(plan: Plan) -> None:
    with pytest.raises(GrowthError):
        sobol_indices(plan, 100, 1)


def test_prim_boxes_report_coverage_and_density(plan: Plan) -> None:
    # With upside as well as downside in the inputs the plan's own goal fails in only ~6%
    # of the samples; a stricter goal gives PRIM enough failures to box.
    result = discover(plan, 4000, 2, threshold=0.6, goal_jobs=12_000)
    assert 0 < result.failure_rate < 1
    assert result.boxes, "a box should reach density 0.6"
    box = result.boxes[0]
    assert 0 < box.coverage <= 1 and box.density >= 0.6
    for name, (lo, hi) in box.limits.items():
        full_lo, full_hi = result.input_ranges[name]
        assert full_lo <= lo <= hi <= full_hi
    data = discovery_json(result)
    assert {"coverage", "density", "limits"} <= set(data["boxes"][0])


def test_no_boxes_when_the_goal_never_fails(plan: Plan) -> None:
    result = discover(plan, 500, 2, goal_jobs=1.0)
    assert result.failure_rate == 0 and result.boxes == []


@pytest.mark.parametrize(
    ("analysis", "absent", "call"),
    [
        ("sobol", "SALib", lambda plan: sobol_indices(plan, 16, 0)),
        ("discover", "ema_workbench", lambda plan: discover(plan, 200, 0)),
        ("discover", "pandas", lambda plan: discover(plan, 200, 0)),
    ],
)
def test_without_the_analysis_extra_each_analysis_names_what_to_install(
    plan: Plan, monkeypatch: pytest.MonkeyPatch, analysis: str, absent: str, call: Any
) -> None:
    """The web server is installed without the ``analysis`` extra: the analyses then raise
    a GrowthError naming the package and the extra, not an ImportError deep inside."""
    real = importlib.util.find_spec
    monkeypatch.setattr(
        sensitivity.importlib.util,
        "find_spec",
        lambda name, *a: None if name == absent else real(name, *a),
    )
    assert sensitivity.missing_packages(analysis) == [absent]
    assert absent in sensitivity.missing_packages()
    with pytest.raises(GrowthError, match=rf"{absent} not installed.*clusterplan\[analysis\]"):
        call(plan)


def test_with_the_analysis_extra_nothing_is_missing() -> None:
    assert sensitivity.missing_packages() == []


def _stored(data: dict[str, object]) -> object:
    """``data`` as a JSON column keeps it: NaN written as null (PostgreSQL's jsonb has none)."""
    return json.loads(json.dumps(data).replace("NaN", "null"))


def test_a_sobol_result_reads_back_from_its_json_form() -> None:
    names = ["market__automotive", "fab_continues"]
    jobs = SobolIndices(
        "jobs_2034", names, [0.1, math.nan], [0.01, 0.02], [0.2, 0.6], [0.0, 0.1], 4.5
    )
    constant = SobolIndices("goal_reached", names, None, None, None, None, 0.0)
    result = SobolResult(16, 64, 3, 11200.0, 2034, jobs, constant)
    back = sensitivity.sobol_from_json(_stored(sobol_json(result)))  # type: ignore[arg-type]
    assert back.goal_reached == constant
    assert back.jobs.names == names and back.jobs.first is not None
    assert back.jobs.first[0] == 0.1 and math.isnan(back.jobs.first[1])  # null is NaN again
    assert (back.jobs.total, back.jobs.total_conf, back.jobs.variance) == (
        [0.2, 0.6],
        [0.0, 0.1],
        4.5,
    )
    assert (back.n_base, back.n_evaluations, back.seed, back.goal_jobs, back.goal_year) == (
        16,
        64,
        3,
        11200.0,
        2034,
    )


def test_a_discovery_reads_back_from_its_json_form() -> None:
    box = PrimBox({"fab_continues": (0.0, 0.0), "elasticity": (0.5, 0.9)}, 0.5, 0.9, 0.05)
    trajectory = [{"coverage": 1.0, "density": 0.1, "mass": 1.0, "restricted": 0.0}]
    ranges = {"fab_continues": (0.0, 1.0), "elasticity": (0.2, 1.4)}
    result = Discovery(100, 2, 12000.0, 2034, 0.1, [box], trajectory, ranges)
    data: Any = _stored(discovery_json(result))
    assert sensitivity.discovery_from_json(data) == result
    # a JSON column may give the keys back in another order (PostgreSQL's jsonb does):
    # the inputs come back in theirs
    data["input_ranges"] = dict(reversed(data["input_ranges"].items()))
    data["boxes"][0]["limits"] = dict(reversed(data["boxes"][0]["limits"].items()))
    back = sensitivity.discovery_from_json(data)
    assert list(back.input_ranges) == list(back.boxes[0].limits) == list(ranges)
