"""The demand use case: the core's space and talent balances of one dimension."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from clusterplan.app import demand
from clusterplan.model.demand import scenario_space
from clusterplan.model.growth import growth_assumptions
from clusterplan.model.talent_plan import target_probability
from clusterplan.model.talent_supply import plan_supply_path, read_supply
from clusterplan.model.uncertainty import BAND_LABELS, BAND_PERCENTILES
from clusterplan.plan.load import BUNDLED_PLAN_DIR, load_plan
from clusterplan.plan.parts import MissingPart
from clusterplan.plan.schema import Plan


def test_demand_is_the_cores_space_balance_up_to_the_extension_limit(plan: Plan) -> None:
    outcome = demand.demand(plan, "organic")
    limit = growth_assumptions(plan).extension_until_year
    assert outcome.until == limit
    expected = scenario_space(plan, "organic", limit)
    assert np.array_equal(outcome.space.total_demand_m2, expected.total_demand_m2)
    assert outcome.talent is not None
    assert outcome.shortfall_probability is None


def test_a_plan_without_talent_gives_space_only_and_samples_give_a_probability(
    plan: Plan,
) -> None:
    bare = plan.model_copy(update={"talent": None})
    outcome = demand.demand(bare, "leap", plan.employment.target_year, samples=50, seed=1)
    assert outcome.talent is None
    assert outcome.until == plan.employment.target_year
    assert outcome.shortfall_probability is not None
    assert ((outcome.shortfall_probability >= 0) & (outcome.shortfall_probability <= 1)).all()


def test_samples_give_bands_of_the_demand_and_the_shortfall_from_the_same_draws(
    plan: Plan,
) -> None:
    outcome = demand.demand(plan, "leap", samples=400, seed=11)
    again = demand.demand(plan, "leap", samples=400, seed=11)
    bands, probability = outcome.space_bands, outcome.shortfall_probability
    assert bands is not None and again.space_bands is not None and probability is not None
    for what in ("demand_so_far", "shortfall_so_far"):
        values = getattr(bands, what)
        assert values.shape == (3, len(outcome.space.years))
        np.testing.assert_array_equal(values, getattr(again.space_bands, what))  # the seed
        assert (values >= 0).all()
        low, middle, high = values
        assert (low <= middle).all() and (middle <= high).all()
        assert (high > low).any()  # two-sided: the draws differ
    demand_low, demand_high = bands.ends("demand_so_far")
    assert (np.diff(demand_low) >= 0).all() and (np.diff(demand_high) >= 0).all()
    # The probability and the shortfall band come from the same draws: where every draw
    # is short the band's low end is above 0, where none is its high end is 0.
    short_low, short_high = bands.ends("shortfall_so_far")
    assert (short_low[probability == 1] > 0).all()
    assert (short_high[probability == 0] == 0).all()
    assert (probability == 1).any()
    other = demand.demand(plan, "leap", samples=400, seed=12).space_bands
    assert other is not None and not np.array_equal(other.demand_so_far, bands.demand_so_far)


def test_without_samples_there_are_no_bands(plan: Plan) -> None:
    assert demand.demand(plan, "organic", plan.employment.target_year).space_bands is None


def test_samples_give_bands_of_the_hires_per_level_from_the_same_growth_paths(
    plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    from clusterplan.model import demand as model_demand
    from clusterplan.model.talent import sample_talent_assumptions, talent_balance

    runs: list[int] = []
    simulate = model_demand.simulate

    def counted(*args: Any, **kwargs: Any) -> Any:
        runs.append(1)
        return simulate(*args, **kwargs)

    monkeypatch.setattr(model_demand, "simulate", counted)
    outcome = demand.demand(plan, "leap", samples=400, seed=11)
    assert len(runs) == 1  # one sampling run for space and talent
    bands, talent = outcome.talent_bands, outcome.talent
    assert bands is not None and talent is not None
    # The sampled talent paths, computed here: the ensemble's growth paths (as the space
    # bands use them) with the talent parameters of its talent stream.
    drawn = model_demand.ensemble_jobs(plan, "leap", outcome.until, 400, 11, "both")
    assert drawn.parameter_streams is not None
    rates = sample_talent_assumptions(
        plan, 400, np.random.default_rng(drawn.parameter_streams["talent"])
    )
    paths = talent_balance(drawn.jobs, drawn.years, rates)
    assert paths.need.shape == (400, len(talent.levels), len(talent.years))
    np.testing.assert_allclose(bands.need, np.percentile(paths.need, BAND_PERCENTILES, axis=0))
    np.testing.assert_allclose(bands.gap, np.percentile(paths.gap, BAND_PERCENTILES, axis=0))
    assert bands.levels == talent.levels
    # Two-sided: every level's band is ordered around its middle and has width in every
    # demand year (all after the base year).
    for level in talent.levels:
        low, high = bands.ends("need", level)
        middle = bands.by_label("need", level)[BAND_LABELS[1]]
        assert (low <= middle).all() and (middle <= high).all()
        assert (low < high).all(), level
    # Space alone draws the space model's parameters from the same stream as space with
    # talent: the same seed gives the same space ensemble.
    alone = demand.demand(plan, "leap", samples=400, seed=11, models=("space",))
    assert alone.talent is None and alone.talent_bands is None
    assert outcome.space_bands is not None and alone.space_bands is not None
    np.testing.assert_array_equal(
        outcome.space_bands.demand_so_far, alone.space_bands.demand_so_far
    )
    np.testing.assert_array_equal(outcome.shortfall_probability, alone.shortfall_probability)


def test_without_samples_or_a_talent_section_there_are_no_talent_bands(plan: Plan) -> None:
    assert demand.demand(plan, "organic", plan.employment.target_year).talent_bands is None
    bare = plan.model_copy(update={"talent": None})
    outcome = demand.demand(bare, "leap", plan.employment.target_year, samples=50, seed=1)
    assert outcome.talent_bands is None and outcome.space_bands is not None


def test_the_talent_programme_has_odds_only_with_samples_and_the_same_seed_gives_the_same(
    plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The use case the command line (``talent --targets``) and the talent page share."""
    assert plan.talent is not None
    path = plan_supply_path(BUNDLED_PLAN_DIR, plan.talent.supply_file)
    assert path is not None
    supply = read_supply(path)
    plain = demand.talent_programme(plan, supply, supply_label="x")
    assert plain.odds is None and plain.supply_label == "x"
    assert plain.result.targets.in_force  # targets derived from the back-cast
    first = demand.talent_programme(plan, supply, samples=60, seed=9)
    again = demand.talent_programme(plan, supply, samples=60, seed=9)
    assert first.odds is not None and first.odds.samples == 60
    known = [p for row in first.odds.probability.values() for p in row.values() if p is not None]
    assert known and all(0 <= p <= 1 for p in known)
    assert first.odds == again.odds
    # The odds are the model's for the samples and seed given (the bundled plan's targets
    # are far above its supply, so every seed gives 0: the call itself is checked).
    calls: list[tuple[int, Any]] = []

    def counted(plan: Plan, result: Any, n: int, rng: Any = None) -> Any:
        calls.append((n, rng))
        return target_probability(plan, result, n, rng)

    monkeypatch.setattr(demand, "target_probability", counted)
    assert demand.talent_programme(plan, supply, samples=60, seed=9).odds == first.odds
    assert calls == [(60, 9)]


def test_the_ensemble_data_is_the_command_lines_parts_and_none_without_one(plan: Plan) -> None:
    """One form of a demand ensemble (the API's ``ensemble``, ``space/talent --json``'s):
    its space part, its talent part only where the plan has one, nothing without samples."""
    from clusterplan.report.demand import (
        demand_ensemble_data,
        space_ensemble_data,
        talent_ensemble_data,
    )

    year = plan.employment.target_year
    assert demand_ensemble_data(demand.demand(plan, "leap", year), "en") is None
    both = demand.demand(plan, "leap", year, samples=60, seed=2)
    data = demand_ensemble_data(both, "en")
    assert data == {
        "space": space_ensemble_data(both, "en"),
        "talent": talent_ensemble_data(both, "en"),
    }
    assert list(data["space"]["cumulative_demand_m2"]) == list(BAND_LABELS)
    bare = plan.model_copy(update={"talent": None})
    space_only = demand_ensemble_data(demand.demand(bare, "leap", year, samples=60, seed=2), "en")
    assert space_only is not None and space_only["talent"] is None
    assert space_only["space"]["samples"] == 60


def test_a_plan_without_space_runs_the_talent_model_alone_with_its_ensemble(
    plan: Plan, plan_copy: Path
) -> None:
    """The models a plan has a part for are the ones the web and the API run: without a
    space part, talent alone (its ensemble too); without either part, the first part
    missing is named."""
    from clusterplan.report.demand import demand_ensemble_data, talent_ensemble_data

    assert demand.plan_models(plan) == ("space", "talent")
    (plan_copy / "space.yaml").unlink()
    no_space = load_plan(plan_copy)
    models = demand.plan_models(no_space)
    assert models == ("talent",)
    year = plan.employment.target_year
    outcome = demand.demand(no_space, "leap", year, samples=60, seed=2, models=models)
    assert outcome.space is None and outcome.space_bands is None
    assert outcome.shortfall_probability is None
    assert outcome.talent is not None and outcome.talent_bands is not None
    alone = demand.demand(plan, "leap", year, samples=60, seed=2, models=("talent",))
    assert alone.talent is not None
    np.testing.assert_array_equal(outcome.talent.need, alone.talent.need)
    data = demand_ensemble_data(outcome, "en")
    assert data == {"space": None, "talent": talent_ensemble_data(outcome, "en")}
    assert data["talent"]["samples"] == 60
    neither = no_space.model_copy(update={"talent": None})
    with pytest.raises(MissingPart) as refused:
        demand.plan_models(neither)
    assert refused.value.params == {"part": "space", "where": "space.yaml"}


def test_the_last_year_lies_between_the_target_year_and_the_extension_limit(plan: Plan) -> None:
    """One range for every interface (the command line's ``--until`` checks it too)."""
    from clusterplan.errors import localise

    bound = demand.until_bound(plan)
    limit = growth_assumptions(plan).extension_until_year
    assert (bound.low, bound.high) == (plan.employment.target_year, limit)
    assert demand.last_year(plan) == limit
    assert demand.last_year(plan, plan.employment.target_year) == plan.employment.target_year
    for year in (plan.employment.target_year - 1, limit + 1):
        with pytest.raises(ValueError) as refused:
            demand.last_year(plan, year)
        reason = refused.value.args[0]
        words = f"tussen {plan.employment.target_year} en {limit}"
        assert words in localise(reason, "nl") and localise(reason, "nl").startswith("until")
