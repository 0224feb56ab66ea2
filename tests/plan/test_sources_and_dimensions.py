"""Funding sources and growth dimensions are the plan's data: any ids, any number, each
checked with a clear error; the engines run on whatever the plan names."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from clusterplan.model.backcast import backcast
from clusterplan.model.finance import cash_needs, funding_status
from clusterplan.model.growth import GrowthError, growth_assumptions, scenarios, trajectory
from clusterplan.model.uncertainty import simulate
from clusterplan.plan.schema import Plan
from tests.plan.editing import edit, line_of, problems

# --------------------------------------------------------------------------- bad input


def test_it_names_the_line_and_the_source_of_an_unknown_coverage_source(plan_copy: Path) -> None:
    path = plan_copy / "finance.yaml"
    edit(
        path,
        "coverage_meur: {private: 50, subsidies: 50, national: 35, regional: 15}",
        "coverage_meur: {private: 50, subsidies: 50, national: 35, regionaal: 15}",
    )
    (problem,) = problems(plan_copy)
    assert str(path) in problem
    assert "projects[0] 'acp'" in problem
    assert "unknown source(s) regionaal" in problem
    assert "private, subsidies, national, regional" in problem


def test_it_refuses_a_coverage_that_leaves_out_a_source(plan_copy: Path) -> None:
    edit(
        plan_copy / "finance.yaml",
        "coverage_meur: {private: 50, subsidies: 50, national: 35, regional: 15}",
        "coverage_meur: {private: 50, subsidies: 50, national: 35}",
    )
    (problem,) = problems(plan_copy)
    assert "'acp': coverage_meur lacks source(s) regional" in problem


def test_it_refuses_a_commitment_to_a_source_the_plan_does_not_name(plan_copy: Path) -> None:
    edit(
        plan_copy / "finance.yaml",
        "commitments: []",
        "commitments:\n  - {line: acp, source: eu, amount_meur: 1, status: planned,"
        " provenance: {source: test}}",
    )
    (problem,) = problems(plan_copy)
    assert "commitments[0] (acp): unknown source 'eu'" in problem


def test_it_names_the_line_of_an_unknown_growth_dimension(plan_copy: Path) -> None:
    path = plan_copy / "finance.yaml"
    edit(path, "dimension: accelerated", "dimension: sideways")
    (problem,) = problems(plan_copy)
    line = line_of(path, "dimension: sideways")
    assert problem.startswith(f"{path}:{line}: projects[0].dimension: unknown growth dimension")
    assert "organic, accelerated, leap, enabling" in problem


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        ("builds_on: organic", "builds_on: organics", "unknown growth dimension 'organics'"),
        ("builds_on: organic", "builds_on: leap", "a circle"),
    ],
)
def test_it_refuses_a_dimension_that_builds_on_nothing_known(
    plan_copy: Path, old: str, new: str, reason: str
) -> None:
    edit(plan_copy / "employment.yaml", old, new)
    found = problems(plan_copy)
    assert any(reason in p for p in found), found


# --------------------------------------------------------------------------- other plans


def _dump(plan: Plan) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(plan.model_dump_json())
    return data


def _renamed(plan: Plan, names: dict[str, str]) -> Plan:
    """The plan with its growth dimensions renamed (everywhere they are referred to)."""
    text = json.dumps(_dump(plan))
    for old, new in names.items():
        text = text.replace(f'"{old}"', f'"{new}"')
    return Plan.model_validate(json.loads(text))


def test_renamed_dimensions_give_the_same_numbers(plan: Plan) -> None:
    names = {"organic": "base-path", "accelerated": "step-1", "leap": "step-2"}
    other = _renamed(plan, names)
    assert other.employment.dimension_ids == list(names.values())
    before, after = scenarios(plan), scenarios(other)
    for old, new in names.items():
        np.testing.assert_array_equal(before[old].jobs, after[new].jobs)
    assert backcast(other).delivered_dimension == "step-1"


def _small_plan(plan: Plan) -> Plan:
    """One growth dimension with another id, two funding sources with other ids, no
    facility at risk, no market factor, no job split: a plan unlike the bundled one."""
    data = _dump(plan)
    emp = data["employment"]
    only = emp["scenarios"]["organic"]
    emp["scenarios"] = {"market": {**only, "builds_on": None}}
    emp["market_growth_factor"] = None
    fin = data["finance"]
    fin["sources"] = [
        {"id": "own", "name_nl": "Eigen", "name_en": "Own"},
        {"id": "grants", "name_nl": "Subsidie", "name_en": "Grants"},
    ]

    def two(coverage: dict[str, float | None]) -> dict[str, float | None]:
        private = coverage["private"]
        rest = [v for k, v in coverage.items() if k != "private"]
        public = None if any(v is None for v in rest) else sum(v for v in rest if v is not None)
        return {"own": private, "grants": public}

    for line in [*fin["projects"], *fin["organisation"]]:
        line["coverage_meur"] = two(line["coverage_meur"])
    for name in ("projects_printed_totals", "organisation_printed_totals"):
        fin[name]["coverage_meur"] = two(fin[name]["coverage_meur"])
    for project in fin["projects"]:
        project["dimension"] = "enabling"
    for c in fin.get("commitments") or []:
        c["source"] = "own" if c["source"] == "private" else "grants"
    for inst in fin["instruments"]:
        inst["source_category"] = "own" if inst["source_category"] == "private" else "grants"
    dropped = (
        "growth.fab.",
        "growth.project.job-split",
        "growth.project.realisation.",
        "growth.project.delay-years.",
        "growth.backcast.",
        "finance.public-sources",
    )
    data["assumptions"] = [
        a for a in data["assumptions"] if not any(a["id"].startswith(d) for d in dropped)
    ]
    markets = next(a for a in data["assumptions"] if a["id"] == "growth.market.pull")
    markets["value"] = False
    if data.get("monitoring"):
        data["monitoring"]["dimension"] = "market"
    return Plan.model_validate(data)


def test_a_plan_with_one_dimension_and_two_sources_runs(plan: Plan) -> None:
    small = _small_plan(plan)
    a = growth_assumptions(small)
    assert a.fab_pillar is None and not a.projects
    traj = trajectory(small)
    assert traj.dimension == "market"
    target = small.employment.scenarios["market"].jobs
    assert any(k.startswith("elasticity__") for k in a.calibrated)
    for k, pillar in enumerate(traj.pillars):  # calibration hits the dimension's targets
        if a.calibrated.get(f"elasticity__{pillar}") is not None:
            assert traj.jobs[k, -1] == pytest.approx(target[pillar])
    ens = simulate(small, 64, 1)
    assert ens.dimension == "market" and ens.jobs is not None
    needs = cash_needs(small)
    assert needs.sources == ("own", "grants")
    for i, line_id in enumerate(needs.line_ids):
        line = next(
            x for x in [*small.finance.projects, *small.finance.organisation] if x.id == line_id
        )
        for s, source in enumerate(needs.sources):
            given = line.coverage_meur.get(source)
            if given is not None:  # the source-by-year matrix adds up to the coverage
                assert needs.coverage_meur[i, s].sum() == pytest.approx(given)
    assert funding_status(small, needs).sources == ("own", "grants")
    cast = backcast(small)
    assert cast.delivered_dimension == "market"
    with pytest.raises(GrowthError, match="unknown dimension 'leap'"):
        trajectory(small, "leap")


def test_a_dimension_without_builds_on_adds_to_the_first(plan: Plan) -> None:
    from clusterplan.model.growth import dimension_chains, figure6_increments

    data = _dump(plan)
    scen = data["employment"]["scenarios"]
    scen["leap"]["builds_on"] = None  # a branch: on the market path, not on 'accelerated'
    branched = Plan.model_validate(data)
    assert dimension_chains(branched) == {
        "organic": ("organic",),
        "accelerated": ("organic", "accelerated"),
        "leap": ("organic", "leap"),
    }
    organic, leap = scen["organic"]["jobs"], scen["leap"]["jobs"]
    assert figure6_increments(branched)["leap"] == {
        p: float(leap[p] - organic[p]) for p in branched.pillar_ids
    }
    # the bundled job split puts ACP and CoLabFab in 'accelerated' only: the branch misses them
    with pytest.raises(GrowthError, match="does not add up"):
        growth_assumptions(branched)


def test_the_first_dimension_builds_on_no_other(plan: Plan) -> None:
    data = _dump(plan)
    data["employment"]["scenarios"]["organic"]["builds_on"] = "leap"
    with pytest.raises(ValueError, match="the first growth dimension"):
        Plan.model_validate(data)
