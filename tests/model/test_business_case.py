"""Project business cases: they replace the job-split assumption for their project only."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from pydantic import ValidationError

from clusterplan.model.growth import (
    GrowthError,
    backing,
    growth_assumptions,
    project_jobs,
    trajectory,
)
from clusterplan.plan.schema import BusinessCase, Plan

DIMENSIONS = ("organic", "accelerated", "leap")
"""The bundled plan's growth dimensions, in its order."""


def _case(**extra: Any) -> BusinessCase:
    data: dict[str, Any] = {
        "jobs": {
            2027: {"structural": 20, "temporary": 80},
            2029: {"structural": 120, "temporary": 40},
            2031: {"structural": 300},
        },
        "floor_area_m2": {"production": 6000, "office": 800},
        "energy_mw": 4.5,
        "talent": {"mbo": 150, "hbo": 100, "wo": 50},
        "milestones": [{"date": "2028-06-30", "name": "Line qualified", "kpi": "yield > 90%"}],
        "sources": ["Business case v1 of the project owner"],
    }
    data.update(extra)
    return BusinessCase.model_validate(data)


def _with_case(plan: Plan, project_id: str, case: BusinessCase) -> Plan:
    projects = [
        p.model_copy(update={"business_case": case}) if p.id == project_id else p
        for p in plan.finance.projects
    ]
    finance = plan.finance.model_copy(update={"projects": projects})
    return plan.model_copy(update={"finance": finance})


def test_a_business_case_changes_only_its_own_projects_contribution(plan: Plan) -> None:
    changed = _with_case(plan, "acp", _case())
    before = project_jobs(plan)
    after = project_jobs(changed)
    for pid in before:
        if pid != "acp":
            np.testing.assert_array_equal(after[pid], before[pid], err_msg=pid)
    assert not np.allclose(after["acp"], before["acp"])
    for dim in DIMENSIONS:
        old = trajectory(plan, dim)
        new = trajectory(changed, dim)
        np.testing.assert_array_equal(new.components["organic"], old.components["organic"])
    # structural jobs per year, spread as the split spreads ACP (200 P&T, 50 equipment)
    a = growth_assumptions(changed)
    years = a.years()
    acp = after["acp"].sum(axis=0)
    wanted = {2026: 0, 2027: 20, 2028: 70, 2029: 120, 2030: 210, 2031: 300, 2034: 300}
    for year, jobs in wanted.items():
        assert acp[years.index(year)] == pytest.approx(jobs), year
    k = a.pillars.index("packaging_test")
    assert after["acp"][k, -1] == pytest.approx(300 * 200 / 250)


def test_temporary_jobs_are_not_counted_as_growth(plan: Plan) -> None:
    busy = _case(
        jobs={
            2027: {"structural": 20, "temporary": 5000},
            2029: {"structural": 120},
            2031: {"structural": 300},
        }
    )
    quiet = _case()
    a = project_jobs(_with_case(plan, "acp", busy))["acp"]
    b = project_jobs(_with_case(plan, "acp", quiet))["acp"]
    np.testing.assert_array_equal(a, b)


def test_backing_splits_each_increment_into_backed_assumed_and_organic(plan: Plan) -> None:
    plain = backing(plan)
    for row in plain.values():
        assert row["business_cases"] == 0.0
        total = row["business_cases"] + row["assumed_split"] + row["organic"]
        assert total == pytest.approx(row["increment"])
    changed = backing(_with_case(plan, "acp", _case()))
    assert changed["organic"]["business_cases"] == 0.0  # ACP is not in the organic row
    for dim in ("accelerated", "leap"):
        assert changed[dim]["business_cases"] == pytest.approx(300)
        assert "acp" in changed[dim]["projects_with_business_case"]
        assert "acp" not in changed[dim]["projects_assumed"]
        assert changed[dim]["assumed_split"] == pytest.approx(plain[dim]["assumed_split"] - 250)
        assert changed[dim]["organic"] == pytest.approx(plain[dim]["organic"])


def test_a_business_case_of_a_project_without_split_jobs_uses_its_pillars(
    plan: Plan,
) -> None:
    changed = _with_case(plan, "fab-300mm", _case())
    a = growth_assumptions(changed)
    own = [p for p in plan.project("fab-300mm").pillars if p in a.pillars]
    assert own
    spec = a.projects["fab-300mm"]
    assert spec.backed
    assert set(spec.jobs) == set(own)
    assert sum(spec.jobs.values()) == pytest.approx(300)


def test_a_business_case_with_an_unknown_pillar_is_refused_by_name(plan: Plan) -> None:
    bad = _case(pillar_shares={"space_travel": 1.0})
    with pytest.raises(GrowthError, match=r"project 'acp', business_case\.pillar_shares"):
        growth_assumptions(_with_case(plan, "acp", bad))


def test_pillar_shares_must_add_up_to_one() -> None:
    with pytest.raises(ValidationError, match="add up to 1"):
        _case(pillar_shares={"design": 0.5, "equipment": 0.4})


def test_a_business_case_needs_a_source() -> None:
    with pytest.raises(ValidationError):
        _case(sources=[])


def test_a_business_cases_floor_area_replaces_the_per_job_space_of_its_jobs(
    plan: Plan,
) -> None:
    from clusterplan.model.demand import scenario_space

    plain = scenario_space(plan, "leap")
    big = _case(floor_area_m2={"production": 50_000})
    small = _case(floor_area_m2={"production": 1_000})
    with_big = scenario_space(_with_case(plan, "acp", big), "leap")
    with_small = scenario_space(_with_case(plan, "acp", small), "leap")
    k = list(plain.functions).index("production")
    lab = list(plain.functions).index("lab")
    big_total = float(with_big.expansion_m2[k].sum())
    small_total = float(with_small.expansion_m2[k].sum())
    # the stated area is demanded as its jobs arrive (300 jobs by 2031, all of it)
    assert big_total - small_total == pytest.approx(49_000, rel=1e-9)
    # the case's jobs no longer get per-job lab space
    assert float(with_big.expansion_m2[lab].sum()) == pytest.approx(
        float(with_small.expansion_m2[lab].sum())
    )
    assert float(with_small.expansion_m2[lab].sum()) != pytest.approx(
        float(plain.expansion_m2[lab].sum())
    )


def test_a_business_cases_talent_need_sets_the_level_mix_of_its_new_jobs(plan: Plan) -> None:
    from clusterplan.model.demand import scenario_talent

    only_mbo = _case(talent={"mbo": 10})
    only_wo = _case(talent={"wo": 10})
    a = scenario_talent(_with_case(plan, "acp", only_mbo), "leap")
    b = scenario_talent(_with_case(plan, "acp", only_wo), "leap")
    levels = list(a.levels)
    mbo, wo = levels.index("mbo"), levels.index("wo")
    # the same 300 structural jobs, hired at MBO in one case and at WO in the other
    assert float(a.expansion[mbo].sum() - b.expansion[mbo].sum()) == pytest.approx(300)
    assert float(b.expansion[wo].sum() - a.expansion[wo].sum()) == pytest.approx(300)
    np.testing.assert_allclose(a.expansion.sum(axis=0), b.expansion.sum(axis=0))


def test_a_what_if_change_moves_a_business_case_as_it_moves_spending(plan: Plan) -> None:
    from clusterplan.model.changes import ProjectChange

    changed = _with_case(plan, "acp", _case())
    a = growth_assumptions(changed)
    years = a.years()
    plain = project_jobs(changed, a)["acp"].sum(axis=0)
    later = project_jobs(changed, a, {"acp": ProjectChange(shift_years=1)})["acp"].sum(axis=0)
    half = project_jobs(changed, a, {"acp": ProjectChange(scale=0.5)})["acp"].sum(axis=0)
    i = years.index(2029)
    assert later[i + 1] == pytest.approx(plain[i])
    np.testing.assert_allclose(half, plain / 2)
