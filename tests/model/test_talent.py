"""Talent need, supply and gap by education level (clusterplan.model.talent)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from clusterplan.model.demand_data import DemandDataError
from clusterplan.model.talent import (
    SupplyProgramme,
    TalentAssumptions,
    talent_assumptions,
    talent_balance,
)
from clusterplan.plan.load import bundled_plan, load_plan
from clusterplan.plan.schema import EDUCATION_LEVELS

YEARS = [2026, 2027, 2028, 2029]
MBO, HBO, WO, OTHER = range(4)


def _programme(
    pid: str, level: str, graduates: float | None, share: float | None, from_year: int | None = None
) -> SupplyProgramme:
    return SupplyProgramme(pid, pid, level, "regular", graduates, share, from_year, "plan", "plan")


# One pillar, half MBO and half HBO; 2% retire and 3% leave a year.
SIMPLE = TalentAssumptions(
    pillars=("a",),
    levels=EDUCATION_LEVELS,
    retirement_rate=np.array([0.02]),
    turnover_rate=np.array([0.03]),
    level_mix=np.array([[0.5, 0.5, 0.0, 0.0]]),
    programmes=(
        _programme("roc", "mbo", 100, 0.2),
        _programme("han", "hbo", 50, 0.4),
        _programme("ru", "wo", None, 0.1),
    ),
)


def test_zero_growth_needs_only_replacement_hires() -> None:
    result = talent_balance(np.array([[1000.0] * 4]), YEARS, SIMPLE)
    assert np.all(result.expansion == 0)
    # 5% of 1000 jobs leave each year, half MBO, half HBO.
    assert result.need[MBO].tolist() == pytest.approx([25.0, 25.0, 25.0])
    assert result.need[HBO].tolist() == pytest.approx([25.0, 25.0, 25.0])
    assert result.need[WO].tolist() == [0.0, 0.0, 0.0]


def test_zero_growth_with_the_bundled_defaults_needs_only_replacement() -> None:
    plan = bundled_plan()
    a = talent_assumptions(plan)
    base = np.array([float(plan.employment.base[p]) for p in a.pillars])
    result = talent_balance(np.repeat(base[:, None], 9, axis=1), list(range(2026, 2035)), a)
    assert np.all(result.expansion == 0)
    np.testing.assert_array_equal(result.need, result.replacement)
    assert np.all(result.need.sum(axis=0) > 0)


def test_new_jobs_are_hired_on_top_of_replacement() -> None:
    result = talent_balance(np.array([[1000.0, 1200.0, 1200.0, 1100.0]]), YEARS, SIMPLE)
    # 2027: +200 jobs (100 MBO) plus 5% of 1000 (25 MBO).
    assert result.need[MBO, 0] == pytest.approx(125.0)
    # 2029: jobs fall; no expansion, replacement 5% of 1200 -> 30 MBO.
    assert result.expansion[MBO, 2] == 0
    assert result.need[MBO, 2] == pytest.approx(30.0)


def test_supply_is_graduates_times_join_share_and_unknown_stays_unknown() -> None:
    result = talent_balance(np.array([[1000.0] * 4]), YEARS, SIMPLE)
    assert result.supply[MBO].tolist() == [20.0, 20.0, 20.0]
    assert result.supply[HBO].tolist() == [20.0, 20.0, 20.0]
    assert np.isnan(result.supply[WO]).all()  # graduates unknown
    assert np.isnan(result.supply[OTHER]).all()  # no programme at all
    assert result.gap[MBO].tolist() == pytest.approx([5.0, 5.0, 5.0])
    assert np.isnan(result.gap[WO]).all()


def test_a_programme_counts_only_from_its_first_year() -> None:
    late = dataclasses.replace(
        SIMPLE, programmes=(*SIMPLE.programmes, _programme("llo", "mbo", 30, 1.0, 2028))
    )
    result = talent_balance(np.array([[1000.0] * 4]), YEARS, late)
    assert result.supply[MBO].tolist() == [20.0, 50.0, 50.0]


def test_interim_years_are_picked_out_and_the_base_year_has_no_hires() -> None:
    result = talent_balance(np.array([[1000.0] * 4]), YEARS, SIMPLE, highlight_years=(2026, 2028))
    assert result.at(2026) is None
    at_2028 = result.at(2028)
    assert at_2028 is not None
    assert at_2028["need"][MBO] == pytest.approx(25.0)


def test_ensemble_bands_are_ordered_percentiles_over_samples() -> None:
    jobs = np.stack(
        [np.array([[1000.0, 1000.0 + k, 1000.0 + 2 * k, 1000.0 + 3 * k]]) for k in range(101)]
    )
    result = talent_balance(jobs, YEARS, SIMPLE)
    bands = result.bands().need
    assert bands.shape == (3, 4, 3)
    # The need for MBO in 2027 is 25 + k/2 for k = 0..100: percentiles 5, 50, 95 are k = 5, 50, 95.
    assert bands[:, MBO, 0].tolist() == pytest.approx([27.5, 50.0, 72.5])


def test_bundled_programmes_without_numbers_use_the_assumed_defaults() -> None:
    a = talent_assumptions(bundled_plan())
    han = next(p for p in a.programmes if p.id == "han-engineering")
    assert han.graduates_from == "assumption"
    assert han.join_share_from == "assumption"
    assert han.level == "hbo"
    assert any(p.route == "llo" for p in a.programmes)


def test_a_figure_filled_in_by_the_programme_office_wins(plan_copy: Path) -> None:
    path = plan_copy / "talent.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("graduates_per_year: null", "graduates_per_year: 321", 1), "utf-8")
    a = talent_assumptions(load_plan(plan_copy))
    first = a.programmes[0]
    assert first.graduates_per_year == 321
    assert first.graduates_from == "plan"


def test_it_rejects_a_mix_that_does_not_add_up() -> None:
    with pytest.raises(DemandDataError, match="adding up to 1"):
        dataclasses.replace(SIMPLE, level_mix=np.array([[0.5, 0.6, 0.0, 0.0]]))


_DEFAULTS = talent_assumptions(bundled_plan())


@settings(max_examples=60, deadline=None)
@given(
    base=arrays(np.float64, 5, elements=st.floats(0, 5000)),
    steps=arrays(np.float64, (5, 6), elements=st.floats(-300, 300)),
    extra=arrays(np.float64, (5, 6), elements=st.floats(0, 300)),
)
def test_more_jobs_never_need_fewer_hires(
    base: np.ndarray, steps: np.ndarray, extra: np.ndarray
) -> None:
    years = list(range(2026, 2033))
    fewer = np.maximum(base[:, None] + np.concatenate([np.zeros((5, 1)), steps.cumsum(1)], 1), 0)
    more = fewer + np.concatenate([np.zeros((5, 1)), extra.cumsum(1)], 1)
    low = talent_balance(fewer, years, _DEFAULTS)
    high = talent_balance(more, years, _DEFAULTS)
    assert np.all(high.need >= low.need - 1e-6)


def test_sampled_rates_give_hires_between_the_lowest_and_highest_rates() -> None:
    from clusterplan.model.talent import sample_talent_assumptions

    plan = bundled_plan()
    years = list(range(2026, 2031))
    jobs = np.array([[1000.0] * 5] * 5)
    sampled = talent_balance(jobs, years, sample_talent_assumptions(plan, 200, rng=4))
    assert sampled.need.shape == (200, 4, 4)
    total = sampled.need.sum(axis=(-2, -1))
    low = sum(
        float(plan.assumption(f"talent.{r}_rate").low or 0) for r in ("retirement", "turnover")
    )
    high = sum(
        float(plan.assumption(f"talent.{r}_rate").high or 0) for r in ("retirement", "turnover")
    )
    # Zero growth: hires = rate x 5 pillars x 1000 jobs x 4 years.
    assert low * 20_000 - 1e-6 <= total.min() and total.max() <= high * 20_000 + 1e-6
    assert total.std() > 0
    bands = sampled.bands().need
    assert np.all(bands[0] <= bands[1]) and np.all(bands[1] <= bands[2])


def test_hires_short_sum_the_levels_gaps_with_known_supply_never_a_surplus() -> None:
    # Need 25 MBO and 25 HBO a year; supply 20 each; WO's is unknown, OTHER has none.
    result = talent_balance(np.array([[1000.0] * 4]), YEARS, SIMPLE)
    assert result.short_total.tolist() == pytest.approx([10.0, 10.0, 10.0])
    # 40 MBO joiners a year: a surplus of 15 there fills none of HBO's gap of 5.
    more = dataclasses.replace(
        SIMPLE, programmes=(_programme("roc", "mbo", 200, 0.2), *SIMPLE.programmes[1:])
    )
    surplus = talent_balance(np.array([[1000.0] * 4]), YEARS, more)
    assert surplus.gap[MBO].tolist() == pytest.approx([-15.0] * 3)
    assert surplus.short_total.tolist() == pytest.approx([5.0, 5.0, 5.0])
    # No level's supply known: unknown, never zero.
    unknown = dataclasses.replace(SIMPLE, programmes=(SIMPLE.programmes[2],))
    assert np.isnan(talent_balance(np.array([[1000.0] * 4]), YEARS, unknown).short_total).all()
    # Leading sample axes stay.
    draws = talent_balance(np.full((5, 1, 4), 1000.0), YEARS, SIMPLE)
    assert draws.short_total.shape == (5, 3)
