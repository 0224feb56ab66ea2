"""The start-up portfolio's arithmetic, against hand-computed cases."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from clusterplan.ecosystem.startups import (
    FundingKind,
    FundingRound,
    JobsCount,
    StartUp,
    Status,
    active_by_cohort,
    contribution,
    contributors,
    disclosed,
    engine_contribution,
    funding_by_kind,
    funding_contributors,
    jobs_per_year,
    portfolio_years,
    startup_settings,
    status_problems,
    survival_by_cohort,
    year_problem,
)
from clusterplan.errors import Coded
from clusterplan.model.growth import growth_assumptions, trajectory
from clusterplan.plan.bounds import YEAR
from clusterplan.plan.load import bundled_plan

# Cohort 2020: a (active), b (closed 2022), c (acquired 2024). Cohort 2021: d (active).
A = StartUp("a", 2020, pillar="design", jobs={2020: 2, 2022: 5, 2024: 9})
B = StartUp("b", 2020, Status.CLOSED, 2022, pillar="design", jobs={2020: 3, 2021: 4})
C = StartUp(
    "c",
    2020,
    Status.ACQUIRED,
    2024,
    pillar="production",
    jobs={2021: 10},
    rounds=(
        FundingRound(date(2021, 3, 1), 1.5, FundingKind.EQUITY),
        FundingRound(date(2021, 9, 1), 0.5, FundingKind.GRANT),
    ),
)
D = StartUp(
    "d",
    2021,
    pillar="production",
    rounds=(FundingRound(date(2022, 1, 1), 2.0, FundingKind.LOAN),),
)
ALL = [A, B, C, D]


def test_active_in_ends_in_the_year_the_status_changed() -> None:
    assert [B.active_in(y) for y in (2019, 2020, 2021, 2022)] == [False, True, True, False]
    assert C.active_in(2023) and not C.active_in(2024)
    assert A.active_in(2040)


def test_jobs_carry_the_last_recorded_figure_and_are_zero_once_gone() -> None:
    assert [A.jobs_in(y) for y in (2020, 2021, 2022, 2023, 2025)] == [2, 2, 5, 5, 9]
    assert C.jobs_in(2020) is None  # active, nothing recorded yet
    assert B.jobs_in(2022) == 0  # closed
    assert D.jobs_in(2022) is None


def test_active_by_cohort() -> None:
    assert active_by_cohort(ALL, [2020, 2021, 2022, 2023, 2024]) == {
        2020: [3, 3, 2, 2, 1],
        2021: [0, 1, 1, 1, 1],
    }


def test_survival_by_cohort_leaves_unobserved_years_open() -> None:
    got = survival_by_cohort(ALL, [1, 3, 5], as_of=2024)
    assert [(s.cohort, s.size) for s in got] == [(2020, 3), (2021, 1)]
    # 2020 cohort: after 1 year (2021) a, b, c; after 3 (2023) a, c; after 5 (2025) unseen.
    assert got[0].survivors == (3, 2, None)
    assert got[0].survival == (1.0, pytest.approx(2 / 3), None)
    # 2021 cohort: after 1 year (2022) d; after 3 years (2024) d; after 5 unseen.
    assert got[1].survival == (1.0, 1.0, None)


def test_jobs_per_year_by_pillar_counts_unknown_figures() -> None:
    got = jobs_per_year(ALL, [2020, 2021, 2022, 2024])
    # design: a 2,2,5,9 + b 3,4,0,0; production: c ?,10,10,0 + d -,?,?,?
    assert got.jobs == {"design": [5, 6, 5, 9], "production": [0, 10, 10, 0]}
    assert got.unknown == [1, 1, 1, 1]
    assert got.active == [3, 4, 3, 2]
    assert got.total == [5, 16, 15, 9]


def test_funding_by_kind_and_year() -> None:
    got = funding_by_kind(ALL, [2021, 2022])
    assert got[FundingKind.EQUITY] == [1.5, 0.0]
    assert got[FundingKind.GRANT] == [0.5, 0.0]
    assert got[FundingKind.LOAN] == [0.0, 2.0]


def test_contribution_counts_jobs_above_the_base_year() -> None:
    pillars, years = ["design", "production"], [2021, 2022, 2023, 2024]
    got = contribution(ALL, pillars, years, base_year=2021)
    # design: a 2 -> 2,5,5,9 minus base 2 = 0,3,3,7; b base 4: 0 in 2021, then closed (0).
    # production: c base 10 -> 0,0,0, gone in 2024 (0); d has no figure (adds nothing).
    np.testing.assert_allclose(got, [[0, 3, 3, 7], [0, 0, 0, 0]])
    every = contribution(ALL, pillars, years, base_year=2021, count=JobsCount.ALL)
    np.testing.assert_allclose(every, [[6, 5, 5, 9], [10, 10, 10, 0]])


def test_contribution_of_a_start_up_founded_after_the_base_year_is_all_its_jobs() -> None:
    late = StartUp("late", 2023, pillar="design", jobs={2023: 4})
    got = contribution([late], ["design"], [2022, 2023, 2024], base_year=2022)
    np.testing.assert_allclose(got, [[0, 4, 4]])


def test_a_start_up_without_a_pillar_of_the_engine_adds_nothing() -> None:
    odd = StartUp("odd", 2020, pillar=None, jobs={2020: 50})
    assert not contribution([odd], ["design"], [2021], base_year=2020).any()


def test_contributors_are_the_start_ups_whose_jobs_count_each_year() -> None:
    pillars, years = ["design", "production"], [2021, 2022, 2023, 2024]
    # a every year; b until it closed (2022); c until acquired (2024); d has no figure.
    assert contributors(ALL, pillars, years, base_year=2021) == [3, 2, 2, 1]
    # before the base year nothing counts; a pillar outside the engine never does
    assert contributors(ALL, pillars, years, base_year=2022) == [0, 2, 2, 1]
    assert contributors(ALL, ["production"], years, base_year=2021) == [1, 1, 1, 0]
    odd = StartUp("odd", 2020, pillar=None, jobs={2020: 50})
    assert contributors([odd], ["design"], [2021], base_year=2020) == [0]


def test_the_portfolio_years_run_to_the_last_dated_figure_or_this_year() -> None:
    signed = FundingRound(date(2031, 3, 1), 2.0, FundingKind.EQUITY)
    later = StartUp("later", 2022, jobs={2029: 5}, rounds=(signed,))
    assert portfolio_years([], 2026) == []
    assert portfolio_years([StartUp("a", 2021)], 2026) == list(range(2021, 2027))
    assert portfolio_years([StartUp("a", 2021), later], 2026) == list(range(2021, 2032))


def test_invalid_records_are_refused() -> None:
    with pytest.raises(ValueError, match="needs the year"):
        StartUp("x", 2020, Status.CLOSED)
    with pytest.raises(ValueError, match="before the founding year 2020"):
        StartUp("x", 2020, Status.CLOSED, 2019)
    StartUp("x", 2020, Status.ACTIVE, 2022)  # kept while a history is reverted field by field
    typed = status_problems(2020, Status.ACTIVE, 2022, typed=True)
    assert typed["status_year"].text("en") == "an active start-up has no year of status change"
    assert status_problems(2020, "closed", None)["status_year"].text("nl") == (
        "een start-up met status Gestopt heeft het jaar van de verandering nodig"
    )
    with pytest.raises(ValueError, match="negative"):
        FundingRound(date(2020, 1, 1), -1.0, FundingKind.LOAN)
    # jobs and money are dated too: none before the company existed
    with pytest.raises(ValueError, match="2019 is before the founding year 2020"):
        StartUp("x", 2020, jobs={2019: 3, 2020: 4})
    early = FundingRound(date(2019, 12, 31), 1.0, FundingKind.LOAN)
    with pytest.raises(ValueError, match="2019 is before the founding year 2020"):
        StartUp("x", 2020, rounds=(early,))
    StartUp("x", 2019, jobs={2019: 3}, rounds=(early,))


def test_a_founding_or_status_year_is_in_the_year_range_and_not_in_the_future() -> None:
    assert year_problem(1800, 2025) == YEAR.problem(1800)
    assert year_problem(2300, 2025) == YEAR.problem(2300)
    assert year_problem(2026, 2025) == "must not be after this year (2025)"
    assert year_problem(2025, 2025) is None
    typed = status_problems(2026, "closed", 2027, this_year=2025)
    assert typed == {
        "founded": Coded("value.not_after_this_year", {"year": 2025}),
        "status_year": Coded("value.not_after_this_year", {"year": 2025}),
    }
    # a stored record (no this_year) is not held to today's calendar
    assert status_problems(2026, "active", None) == {}
    # a founding year already refused gives no second reason to the status year
    assert status_problems(1800, "closed", 2020, this_year=2025).keys() == {"founded"}


def test_the_bundled_plan_states_the_portfolio_assumptions() -> None:
    settings = startup_settings(bundled_plan())
    assert settings.jobs_count is JobsCount.ABOVE_BASE_YEAR
    assert settings.disclosure_min == 3
    assert settings.survival_after == (1, 3, 5)


def test_jobs_contributors_count_start_ups_with_a_known_figure() -> None:
    got = jobs_per_year(ALL, [2020, 2021, 2022, 2024])
    assert got.contributors == {"design": [2, 2, 1, 1], "production": [0, 1, 1, 0]}


def test_funding_contributors_count_each_start_up_once_per_cell() -> None:
    got = funding_contributors(ALL, [2021, 2022])
    assert got[FundingKind.EQUITY] == [1, 0]
    assert got[FundingKind.LOAN] == [0, 1]


def test_disclosed_hides_small_cells_and_their_year_but_keeps_empty_and_large_ones() -> None:
    values = [[10.0, 20.0, 0.0], [5.0, 7.0, 3.0]]
    counts = [[3, 1, 0], [4, 5, 3]]
    totals, total_counts = [15.0, 27.0, 3.0], [7, 6, 2]
    # Year 2: cell (0, 1) has one start-up: hidden, and (1, 1) too (total minus it); the
    # total of that year stays (six start-ups). Year 3: the total of two is hidden.
    cells, shown = disclosed(values, counts, totals, total_counts, 3)
    assert cells == [[10.0, None, 0.0], [5.0, None, 3.0]]
    assert shown == [15.0, 27.0, None]
    assert disclosed(values, counts, totals, total_counts, 1) == (values, totals)
    assert disclosed([], [], [0.0], [0], 3) == ([], [0.0])


def test_the_portfolio_feeds_the_growth_engine_as_acquisition_jobs() -> None:
    plan = bundled_plan()
    a = growth_assumptions(plan)
    base, later = a.base_year, a.base_year + 2
    grown = StartUp("grown", base - 2, pillar="design", jobs={base: 10, later: 35})
    gone = StartUp("gone", base - 1, Status.CLOSED, later, pillar="production", jobs={base: 6})
    jobs = engine_contribution(plan, [grown, gone])
    assert jobs.shape == (len(a.pillars), len(a.years()))
    t = a.years().index(later)
    # grown adds 35 - 10 from the later year on; gone added nothing above its base (6 - 6)
    # and stops counting the year it closed.
    assert jobs[a.pillars.index("design"), t] == 25
    assert jobs[:, :t].sum() == 0
    assert jobs[a.pillars.index("production")].sum() == 0
    without = trajectory(plan, "leap", a)
    with_startups = trajectory(plan, "leap", a, acquisition_jobs=jobs)
    assert with_startups.total[t] - without.total[t] == pytest.approx(25)
    assert with_startups.total[-1] - without.total[-1] == pytest.approx(25)
