"""The scenario inputs are declared once: every interface and the use case follow the
declaration, defaults come from the plan, and an added input is usable at once."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from clusterplan.app import inputs, scenarios
from clusterplan.cli import app
from clusterplan.model.growth import growth_assumptions, trajectory
from clusterplan.plan import bounds
from clusterplan.plan.schema import Plan

HEADROOM = inputs.InputKind(
    key="fab_capacity_headroom",
    label=inputs.Text("Groeiruimte van de fab", "Headroom of the fab"),
    bound=bounds.SHARE,
    target="fab_capacity_headroom",
)


@pytest.fixture
def with_headroom(monkeypatch: pytest.MonkeyPatch) -> None:
    """The declaration with one more input (the one edit that adds an input)."""
    monkeypatch.setattr(inputs, "SCENARIO_INPUTS", (*inputs.SCENARIO_INPUTS, HEADROOM))


def test_defaults_are_the_plans_growth_assumptions(plan: Plan) -> None:
    a = growth_assumptions(plan)
    values = inputs.defaults(plan)
    assert values["market_growth_factor"] == a.market_growth_factor
    assert values["fab_closure_year"] == a.fab_closure_year
    for pid in a.project_ids:
        assert values[f"realisation__{pid}"] == a.realisation[pid]
        assert values[f"delay__{pid}"] == a.delay_years[pid]


def test_every_input_has_both_labels_and_a_range_or_choices(plan: Plan) -> None:
    for spec in inputs.scenario_inputs(plan):
        assert spec.label("nl") and spec.label("en")
        if spec.choices is None:
            assert spec.low is not None and spec.high is not None and spec.low < spec.high
            assert spec.problem(spec.default) is None or not spec.required
        else:
            assert spec.default in spec.choices


def test_the_fab_closure_year_is_limited_to_the_horizon(plan: Plan) -> None:
    spec = next(i for i in inputs.scenario_inputs(plan) if i.name == "fab_closure_year")
    assert (spec.low, spec.high) == (plan.employment.base_year, plan.employment.target_year)
    with pytest.raises(inputs.InputError) as err:
        inputs.check(plan, {"fab_closure_year": plan.employment.target_year + 1})
    assert err.value.code == "input.invalid"
    assert err.value.params["name"] == "fab_closure_year"
    assert "fab_closure_year: moet tussen" in err.value.text("nl")


def test_an_unknown_input_is_refused_with_its_name(plan: Plan) -> None:
    with pytest.raises(inputs.InputError) as err:
        inputs.check(plan, {"realisation__nowhere": 0.5})
    assert err.value.code == "input.unknown"
    assert "realisation__nowhere" in str(err.value)
    assert (
        err.value.text("nl") == "realisation__nowhere is geen invoer van de scenario's van dit plan"
    )


def test_the_allowed_delay_is_one_range_in_every_interface(plan: Plan) -> None:
    spec = next(i for i in inputs.scenario_inputs(plan) if i.name == "delay__acp")
    assert (spec.low, spec.high) == (bounds.DELAY_YEARS.low, bounds.DELAY_YEARS.high)
    refused = CliRunner().invoke(app, ["scenarios", "--delay", f"acp={spec.high + 1:g}"])
    assert refused.exit_code == 2 and "between 0 and 10 years" in refused.stderr
    ok = CliRunner().invoke(app, ["scenarios", "--json", "--delay", f"acp={spec.high:g}"])
    assert ok.exit_code == 0, ok.output


def test_a_scenario_adds_acquisition_and_overrides_to_the_core_trajectory(plan: Plan) -> None:
    outcome = scenarios.scenario(
        plan, {"dimension": "organic", "delay__acp": 2, "acquisition_jobs": 400}
    )
    a = growth_assumptions(plan, delay_years={"acp": 2.0})
    plain = trajectory(plan, "organic", a)
    assert outcome.total[0] == pytest.approx(plain.total[0])
    assert outcome.total[-1] == pytest.approx(plain.total[-1] + 400)
    assert outcome.goal_jobs == plan.employment.goal.factor * sum(plan.employment.base.values())
    assert outcome.band is None


def test_a_scenario_with_samples_has_a_band_around_its_trajectory(plan: Plan) -> None:
    outcome = scenarios.scenario(plan, {}, samples=200, seed=3)
    assert outcome.band is not None and outcome.band.n == 200
    assert 0.0 <= outcome.band.p_goal <= 1.0
    assert (outcome.band.percentiles[5] <= outcome.band.percentiles[95] + 1e-6).all()


@pytest.mark.usefixtures("with_headroom")
def test_an_added_input_reaches_the_use_case_and_the_command_line(plan: Plan) -> None:
    spec = next(i for i in inputs.scenario_inputs(plan) if i.name == "fab_capacity_headroom")
    assert spec.default == growth_assumptions(plan).fab_capacity_headroom
    assert (spec.low, spec.high) == (0.0, 1.0)
    plain = scenarios.scenario(plan, {})
    wider = scenarios.scenario(plan, {"fab_capacity_headroom": 0.15})
    assert wider.total[-1] > plain.total[-1]
    listed = CliRunner().invoke(app, ["inputs", "--json"])
    assert "fab_capacity_headroom" in [row["name"] for row in json.loads(listed.stdout)]
    run = CliRunner().invoke(app, ["scenarios", "--json", "--set", "fab_capacity_headroom=0.15"])
    assert run.exit_code == 0, run.output
    total = json.loads(run.stdout)["scenarios"]["leap"]["total"][-1]
    assert total == pytest.approx(float(wider.total[-1]))
    refused = CliRunner().invoke(app, ["scenarios", "--set", "fab_capacity_headroom=2"])
    assert refused.exit_code == 2 and "--set fab_capacity_headroom" in refused.stderr


def test_every_declared_input_has_a_bound_of_its_assumptions_kind() -> None:
    """An input that sets a whole-number growth assumption (years, counts) must be declared
    with a whole-number bound, or a value like 2.5 would reach the engine as a float."""
    import dataclasses

    from clusterplan.model.growth import GrowthAssumptions

    kinds = {f.name: str(f.type) for f in dataclasses.fields(GrowthAssumptions)}
    checked = 0
    for kind in inputs.SCENARIO_INPUTS:
        annotation = kinds.get(kind.target)
        if annotation is None or kind.bound is None or kind.per_project:
            continue
        whole = annotation.replace(" ", "") in ("int", "int|None")
        assert kind.bound.integer == whole, (kind.key, annotation)
        checked += 1
    assert checked >= 2  # the market factor and the closure year at least


def test_acquisition_jobs_count_at_the_goal_year_when_it_comes_before_the_target_year() -> None:
    """P(goal) adds the acquisition jobs of the goal year (linear from the base year), not
    those of the last year: with the goal two years before the target year, the same seed
    gives the share of samples whose jobs in the goal year plus that year's acquisition
    reach the goal."""
    from clusterplan.model import uncertainty
    from clusterplan.plan.load import load_plan

    plan = load_plan()
    assert plan.employment.goal is not None
    year = plan.employment.target_year - 2
    goal = plan.employment.goal.model_copy(update={"year": year})
    early = plan.model_copy(
        update={"employment": plan.employment.model_copy(update={"goal": goal})}
    )
    jobs = 3000.0
    outcome = scenarios.scenario(early, {"acquisition_jobs": jobs}, samples=2000, seed=3)
    assert outcome.band is not None
    a = growth_assumptions(early)
    dimension = inputs.defaults(early)[inputs.DIMENSION]
    ens = uncertainty.simulate(
        early,
        2000,
        3,
        dimension=dimension,
        assumptions=a,
        keep_jobs=False,
        keep_inputs=False,
        goal_year=year,
        goal_jobs=goal.jobs_for(sum(early.employment.base.values())),
    )
    share = (year - a.base_year) / (a.target_year - a.base_year)
    at_goal = ens.total_by_year[ens.years.index(year)] + jobs * share
    target = goal.jobs_for(sum(early.employment.base.values()))
    assert outcome.band.p_goal == pytest.approx(float((at_goal >= target).mean()))
    at_last = ens.total_by_year[ens.years.index(year)] + jobs
    assert float((at_last >= target).mean()) != pytest.approx(outcome.band.p_goal)
