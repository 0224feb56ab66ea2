"""Space demand, supply and shortfall (clusterplan.model.space), on hand-made numbers."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from clusterplan.model.demand_data import DemandDataError
from clusterplan.model.space import (
    SpaceAssumptions,
    SpaceResult,
    SupplyLine,
    space_assumptions,
    space_balance,
    with_supply,
)
from clusterplan.plan.load import bundled_plan, load_plan
from clusterplan.plan.schema import SPACE_FUNCTIONS

YEARS = [2026, 2027, 2028, 2029, 2030]

# Two pillars. Pillar "a": 10 m2 production + 20 m2 office per job, all on campus.
# Pillar "b": 5 m2 lab per job, half on campus.
SIMPLE = SpaceAssumptions(
    pillars=("a", "b"),
    functions=SPACE_FUNCTIONS,
    m2_per_job=np.array([[10.0, 0.0, 0.0, 20.0], [0.0, 5.0, 0.0, 0.0]]),
    campus_share=np.array([1.0, 0.5]),
    absorption=np.zeros(4),
    replacement_rate=0.01,
    realised_before_m2=0.0,
    supply=(),
)
PRODUCTION, LAB, OTHER, OFFICE = range(4)


def _jobs(a: list[float], b: list[float]) -> np.ndarray:
    return np.array([a, b], dtype=float)


def test_zero_growth_needs_only_replacement_of_the_occupied_stock() -> None:
    result = space_balance(_jobs([100] * 5, [200] * 5), YEARS, SIMPLE)
    assert result.years == [2027, 2028, 2029, 2030]
    assert np.all(result.expansion_m2 == 0)
    # Stock: production 100*10 = 1000, lab 200*5*0.5 = 500, office 100*20 = 2000; 1% a year.
    for year in range(4):
        assert result.demand_m2[:, year] == pytest.approx([10.0, 5.0, 0.0, 20.0])
    np.testing.assert_allclose(result.demand_m2, result.replacement_m2)


def test_zero_growth_with_the_bundled_defaults_needs_only_replacement() -> None:
    plan = bundled_plan()
    a = space_assumptions(plan)
    base = np.array([float(plan.employment.base[p]) for p in a.pillars])
    jobs = np.repeat(base[:, None], 15, axis=1)
    result = space_balance(jobs, list(range(2026, 2041)), a)
    assert np.all(result.expansion_m2 == 0)
    assert np.all(result.replacement_m2 > 0)
    np.testing.assert_array_equal(result.demand_m2, result.replacement_m2)


def test_new_jobs_take_their_m2_per_job_on_campus() -> None:
    no_replacement = dataclasses.replace(SIMPLE, replacement_rate=0.0)
    result = space_balance(
        _jobs([100, 110, 110, 110, 110], [200, 200, 240, 240, 240]), YEARS, no_replacement
    )
    # 2027: +10 jobs in a -> 100 m2 production, 200 m2 office.
    assert result.demand_m2[:, 0] == pytest.approx([100.0, 0.0, 0.0, 200.0])
    # 2028: +40 jobs in b -> 40 * 5 * 0.5 = 100 m2 lab.
    assert result.demand_m2[:, 1] == pytest.approx([0.0, 100.0, 0.0, 0.0])


def test_replacement_grows_with_what_was_built() -> None:
    result = space_balance(_jobs([100, 200, 200, 200, 200], [0] * 5), YEARS, SIMPLE)
    # Stock before 2028: office 2000 + 100 new jobs * 20 = 4000 m2 -> 40 m2 replaced.
    assert result.replacement_m2[OFFICE, 1] == pytest.approx(40.0)
    assert result.replacement_m2[OFFICE, 0] == pytest.approx(20.0)


def test_absorbed_share_needs_no_new_space() -> None:
    absorbing = dataclasses.replace(
        SIMPLE, replacement_rate=0.0, absorption=np.array([0.0, 0.0, 0.0, 0.75])
    )
    result = space_balance(_jobs([100, 110, 110, 110, 110], [0] * 5), YEARS, absorbing)
    assert result.demand_m2[OFFICE, 0] == pytest.approx(50.0)
    assert result.demand_m2[PRODUCTION, 0] == pytest.approx(100.0)


def test_a_dip_in_jobs_does_not_demand_the_same_space_twice() -> None:
    no_replacement = dataclasses.replace(SIMPLE, replacement_rate=0.0)
    result = space_balance(_jobs([100, 120, 90, 120, 130], [0] * 5), YEARS, no_replacement)
    # Only the rise to 120 (2027) and from 120 to 130 (2030) need new space.
    assert result.demand_m2[PRODUCTION] == pytest.approx([200.0, 0.0, 0.0, 100.0])


def test_a_plot_counts_only_from_its_available_from_year() -> None:
    plot = SupplyLine("p1", "Plot", 1000.0, 2029, "production", "plan")
    a = with_supply(dataclasses.replace(SIMPLE, replacement_rate=0.0), plot)
    result = space_balance(_jobs([100, 150, 150, 150, 150], [0] * 5), YEARS, a)
    assert result.supply_m2[PRODUCTION].tolist() == [0.0, 0.0, 1000.0, 0.0]
    # 500 m2 production needed from 2027; short until the plot comes in 2029.
    assert result.shortfall_m2[PRODUCTION].tolist() == pytest.approx([500.0, 500.0, 0.0, 0.0])


def test_a_plot_after_the_last_year_does_not_count() -> None:
    plot = SupplyLine("late", "Late plot", 1000.0, 2031, None, "plan")
    a = with_supply(SIMPLE, plot)
    result = space_balance(_jobs([100, 150, 150, 150, 150], [0] * 5), YEARS, a)
    assert result.total_supply_m2.sum() == 0
    assert result.supply_total_m2 == 0


def test_a_dedicated_plot_does_not_serve_another_function() -> None:
    plot = SupplyLine("lab", "Lab building", 10_000.0, 2027, "lab", "plan")
    a = with_supply(dataclasses.replace(SIMPLE, replacement_rate=0.0), plot)
    result = space_balance(_jobs([100, 150, 150, 150, 150], [0] * 5), YEARS, a)
    assert result.shortfall_m2[PRODUCTION, 0] == pytest.approx(500.0)
    assert result.shortfall_m2[OFFICE, 0] == pytest.approx(1000.0)
    assert result.shortfall_m2[LAB, 0] == 0


def test_flexible_supply_is_shared_over_the_functions_in_proportion_to_their_excess() -> None:
    plot = SupplyLine("flex", "Plot", 750.0, 2027, None, "plan")
    a = with_supply(dataclasses.replace(SIMPLE, replacement_rate=0.0), plot)
    result = space_balance(_jobs([100, 150, 150, 150, 150], [0] * 5), YEARS, a)
    # Excess 500 production + 1000 office = 1500; 750 flexible leaves half of each.
    assert result.shortfall_m2[PRODUCTION, 0] == pytest.approx(250.0)
    assert result.shortfall_m2[OFFICE, 0] == pytest.approx(500.0)
    assert result.total_shortfall_m2[0] == pytest.approx(750.0)


def test_the_plots_run_out_in_the_year_demand_passes_their_total() -> None:
    plot = SupplyLine("flex", "Plot", 2500.0, 2027, None, "plan")
    a = with_supply(dataclasses.replace(SIMPLE, replacement_rate=0.0), plot)
    # +10 jobs of pillar a a year = 300 m2 a year: 1200 m2 by 2030, the plot lasts.
    result = space_balance(_jobs([100, 110, 120, 130, 140], [0] * 5), YEARS, a)
    assert int(result.plots_run_out_year()) == -1
    # +50 a year = 1500 m2 a year: past 2500 m2 in 2028.
    result = space_balance(_jobs([100, 150, 200, 250, 300], [0] * 5), YEARS, a)
    assert int(result.plots_run_out_year()) == 2028
    assert int(result.first_shortfall_year()) == 2028


def test_an_ensemble_gives_the_same_numbers_as_one_run_per_sample() -> None:
    rng = np.random.default_rng(5)
    jobs = 100 + rng.uniform(0, 50, size=(6, 2, 5)).cumsum(axis=-1)
    plot = SupplyLine("flex", "Plot", 3000.0, 2028, None, "assumption")
    a = with_supply(SIMPLE, plot)
    together = space_balance(jobs, YEARS, a)
    assert together.demand_m2.shape == (6, 4, 4)
    for i in range(6):
        alone = space_balance(jobs[i], YEARS, a)
        np.testing.assert_allclose(together.demand_m2[i], alone.demand_m2)
        np.testing.assert_allclose(together.shortfall_m2[i], alone.shortfall_m2)


def _one_of_four_grows() -> SpaceResult:
    """Four samples with a flexible plot of 1000 m2 from the first demand year: three keep
    their jobs, one grows by 1500 m2 a year (no replacement)."""
    plot = SupplyLine("flex", "Plot", 1000.0, 2027, None, "plan")
    a = with_supply(dataclasses.replace(SIMPLE, replacement_rate=0.0), plot)
    flat = _jobs([100] * 5, [0] * 5)
    growing = _jobs([100, 150, 200, 250, 300], [0] * 5)
    return space_balance(np.stack([flat, flat, flat, growing]), YEARS, a)


def test_the_shortfall_probability_is_the_share_of_samples_short() -> None:
    result = _one_of_four_grows()
    assert result.shortfall_probability().tolist() == [0.25, 0.25, 0.25, 0.25]


def test_the_bands_are_percentiles_of_the_demand_and_the_shortfall_so_far() -> None:
    bands = _one_of_four_grows().bands()
    assert bands.demand_so_far.shape == bands.shortfall_so_far.shape == (3, 4)
    # Of four samples, three need nothing: p5 and the median are 0, p95 is 95% of the way
    # from the third to the fourth (linear, as numpy's percentile and the ensemble's bands).
    low, high = bands.ends("demand_so_far")
    assert low.tolist() == [0.0] * 4
    assert high == pytest.approx([0.85 * 1500 * k for k in (1, 2, 3, 4)])
    low, high = bands.ends("shortfall_so_far")
    assert high == pytest.approx([0.85 * (1500 * k - 1000) for k in (1, 2, 3, 4)])
    assert list(bands.by_label("shortfall_so_far")) == ["p5", "p50", "p95"]


def test_one_run_is_a_band_of_no_width_at_its_own_values() -> None:
    result = space_balance(_jobs([100, 150, 200, 250, 300], [0] * 5), YEARS, SIMPLE)
    bands = result.bands()
    for values in bands.demand_so_far:
        np.testing.assert_allclose(values, result.cumulative_demand_m2.sum(axis=0))
    for values in bands.shortfall_so_far:
        np.testing.assert_allclose(values, result.total_shortfall_m2)


def test_it_rejects_jobs_of_the_wrong_shape() -> None:
    with pytest.raises(DemandDataError, match="shaped"):
        space_balance(np.zeros((3, 5)), YEARS, SIMPLE)


def test_it_rejects_negative_m2_per_job_in_code() -> None:
    with pytest.raises(DemandDataError, match="must not be negative"):
        dataclasses.replace(SIMPLE, m2_per_job=-SIMPLE.m2_per_job)


def test_plan_plots_without_a_year_take_the_assumed_year() -> None:
    a = space_assumptions(bundled_plan())
    by_id = {line.id: line for line in a.supply}
    assert by_id["entreekavel"].year_from == "assumption"
    assert by_id["entreekavel"].floor_area_m2 == 8000
    assert by_id["stationskavel"].floor_area_m2 == 30000
    assert by_id["entreekavel"].function is None


def test_a_year_in_the_plan_data_wins_over_the_assumption(plan_copy: Path) -> None:
    path = plan_copy / "space.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("available_from: null", "available_from: 2033", 1), "utf-8")
    a = space_assumptions(load_plan(plan_copy))
    entree = next(line for line in a.supply if line.id == "entreekavel")
    assert entree.available_from == 2033
    assert entree.year_from == "plan"


_PLAN = bundled_plan()
_DEFAULTS = space_assumptions(_PLAN)
_N_YEARS = 8


@settings(max_examples=60, deadline=None)
@given(
    base=arrays(np.float64, 5, elements=st.floats(0, 5000)),
    steps=arrays(np.float64, (5, _N_YEARS - 1), elements=st.floats(-300, 300)),
    extra=arrays(np.float64, (5, _N_YEARS - 1), elements=st.floats(0, 300)),
)
def test_more_jobs_never_need_less_space(
    base: np.ndarray, steps: np.ndarray, extra: np.ndarray
) -> None:
    years = list(range(2026, 2026 + _N_YEARS))
    fewer = np.maximum(base[:, None] + np.concatenate([np.zeros((5, 1)), steps.cumsum(1)], 1), 0)
    more = fewer + np.concatenate([np.zeros((5, 1)), extra.cumsum(1)], 1)
    low = space_balance(fewer, years, _DEFAULTS)
    high = space_balance(more, years, _DEFAULTS)
    assert np.all(high.demand_m2 >= low.demand_m2 - 1e-6)
    assert np.all(high.total_shortfall_m2 >= low.total_shortfall_m2 - 1e-6)


def _with_densities(plan_densities: dict[str, float], rate: float) -> SpaceAssumptions:
    mix = np.stack(
        [
            [float(_PLAN.assumption(f"space.function_mix.{p}").value[f]) for f in SPACE_FUNCTIONS]
            for p in _DEFAULTS.pillars
        ]
    )
    density = np.array([plan_densities[f] for f in SPACE_FUNCTIONS])
    return dataclasses.replace(_DEFAULTS, m2_per_job=mix * density[None, :], replacement_rate=rate)


def test_sampled_parameters_give_demand_between_the_all_low_and_all_high_runs() -> None:
    from clusterplan.model.space import sample_space_assumptions

    def bound(which: str, lowest: bool) -> float:
        value = getattr(_PLAN.assumption(which), "low" if lowest else "high")
        assert value is not None
        return float(value)

    years = list(range(2026, 2034))
    jobs = np.array([[1000 + 100 * t for t in range(8)]] * 5, dtype=float)
    sampled = space_balance(jobs, years, sample_space_assumptions(_PLAN, 300, rng=11))
    assert sampled.demand_m2.shape == (300, 4, 7)
    totals = sampled.cumulative_demand_m2[..., -1].sum(axis=-1)
    extremes = []
    for lowest in (True, False):
        densities = {f: bound(f"space.m2_per_job.{f}", lowest) for f in SPACE_FUNCTIONS}
        run = space_balance(
            jobs, years, _with_densities(densities, bound("space.replacement_rate", lowest))
        )
        extremes.append(float(run.cumulative_demand_m2[:, -1].sum()))
    assert extremes[0] <= totals.min() and totals.max() <= extremes[1]
    assert totals.std() > 0


def test_sampling_with_the_same_seed_gives_the_same_ensemble() -> None:
    from clusterplan.model.space import sample_space_assumptions

    first = sample_space_assumptions(_PLAN, 50, rng=3)
    second = sample_space_assumptions(_PLAN, 50, rng=3)
    np.testing.assert_array_equal(first.m2_per_job, second.m2_per_job)
    np.testing.assert_array_equal(first.replacement_rate, second.replacement_rate)


def test_sampled_parameters_pair_with_sampled_jobs() -> None:
    from clusterplan.model.space import sample_space_assumptions

    a = sample_space_assumptions(_PLAN, 4, rng=2)
    rng = np.random.default_rng(9)
    jobs = 1000 + rng.uniform(0, 200, size=(4, 5, 6)).cumsum(axis=-1)
    years = list(range(2026, 2032))
    together = space_balance(jobs, years, a)
    for i in range(4):
        one = dataclasses.replace(
            a, m2_per_job=a.m2_per_job[i], replacement_rate=float(np.asarray(a.replacement_rate)[i])
        )
        np.testing.assert_allclose(
            together.demand_m2[i], space_balance(jobs[i], years, one).demand_m2
        )


def test_a_further_building_in_the_plan_data_supplies_its_function_from_its_year(
    plan_copy: Path,
) -> None:
    path = plan_copy / "space.yaml"
    text = path.read_text(encoding="utf-8")
    building = (
        "  - id: lab-building\n    name: Labgebouw\n    area_m2: 5000\n"
        "    location: Noviotech Campus\n    available_from: 2031\n    function: lab\n"
        "    kind: building\n    assumption: a test building\n"
    )
    path.write_text(text.replace("demand:", building + "demand:", 1), "utf-8")
    plan = load_plan(plan_copy)
    a = dataclasses.replace(space_assumptions(plan), replacement_rate=0.0)
    line = next(s for s in a.supply if s.id == "lab-building")
    assert (line.function, line.available_from, line.floor_area_m2) == ("lab", 2031, 5000)
    jobs = np.repeat(np.array([[1000.0]] * 5), 8, axis=1)
    result = space_balance(jobs, list(range(2026, 2034)), a)
    lab = result.functions.index("lab")
    assert result.supply_m2[lab].tolist() == [0, 0, 0, 0, 5000, 0, 0]


def test_plots_count_at_the_floor_ratio_and_buildings_at_their_own_area(plan_copy: Path) -> None:
    path = plan_copy / "assumptions" / "space.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("id: space.plot_floor_ratio")
    value_at = text.index("value: 1.0", start)
    path.write_text(text[:value_at] + "value: 2.0" + text[value_at + 10 :], "utf-8")
    a = space_assumptions(load_plan(plan_copy))
    by_id = {line.id: line.floor_area_m2 for line in a.supply}
    assert by_id == {"entreekavel": 16_000, "stationskavel": 60_000}
