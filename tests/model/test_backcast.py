"""Back-casting: milestones from the target back to the base, and the acquisition gap."""

from __future__ import annotations

import numpy as np
import pytest

from clusterplan.model.backcast import SHAPES, backcast, backcast_json
from clusterplan.model.growth import GrowthError, trajectory
from clusterplan.plan.schema import Plan


@pytest.mark.parametrize("shape", SHAPES)
def test_milestones_hit_the_target_in_the_goal_year_and_the_base_in_2026(
    plan: Plan, shape: str
) -> None:
    result = backcast(plan, 11200, 2034, shape=shape)
    assert result.years[0] == 2026 and result.years[-1] == 2034
    assert result.milestone_total[-1] == pytest.approx(11200)
    assert result.milestone_total[0] == pytest.approx(5600)
    np.testing.assert_allclose(result.milestones[:, 0], [1000, 1700, 2100, 100, 700])


def test_the_default_target_is_doubling_the_2026_jobs(plan: Plan) -> None:
    assert backcast(plan).milestone_total[-1] == pytest.approx(2 * 5600)


def test_a_linear_path_adds_the_same_total_every_year(plan: Plan) -> None:
    result = backcast(plan, 11200, 2034, shape="linear")
    np.testing.assert_allclose(np.diff(result.milestone_total), (11200 - 5600) / 8)


def test_a_rate_path_grows_by_a_constant_factor_per_pillar(plan: Plan) -> None:
    result = backcast(plan, 11200, 2034, shape="rate")
    ratios = result.milestones[:, 1:] / result.milestones[:, :-1]
    np.testing.assert_allclose(ratios, ratios[:, :1] * np.ones_like(ratios))


def test_pillar_targets_are_met_pillar_by_pillar(plan: Plan) -> None:
    targets = {"design": 2500, "equipment": 3500}
    result = backcast(plan, targets_by_pillar=targets, shape="projects")
    assert result.targets["design"] == 2500 and result.targets["production"] == 2100
    assert result.milestones[0, -1] == pytest.approx(2500)


def test_the_gap_is_what_milestones_need_beyond_what_is_delivered(plan: Plan) -> None:
    result = backcast(plan, 11200, 2034, dimension="accelerated")
    delivered = trajectory(plan, "accelerated").jobs
    np.testing.assert_allclose(result.gap, np.maximum(result.milestones - delivered, 0))
    assert result.gap_total[-1] >= 11200 - delivered[:, -1].sum() - 1e-9


def test_no_gap_when_the_target_is_what_is_delivered(plan: Plan) -> None:
    leap = trajectory(plan, "leap")
    targets = dict(zip(leap.pillars, leap.jobs[:, -1], strict=True))
    result = backcast(plan, targets_by_pillar=targets, shape="projects", dimension="leap")
    np.testing.assert_allclose(result.gap_total, 0, atol=1e-6)


def test_job_milestones_are_the_plans_own_not_the_talent_years(plan: Plan) -> None:
    # The bundled plan sets no job milestones: the talent interim years are not borrowed.
    assert plan.talent is not None and plan.talent.interim_years
    assert backcast_json(backcast(plan))["interim_years"] == []
    employment = plan.employment.model_copy(update={"milestone_years": [2029, 2031, 2050]})
    with_milestones = plan.model_copy(update={"employment": employment})
    data = backcast_json(backcast(with_milestones))
    assert data["interim_years"] == [2029, 2031]  # 2050 lies beyond the path
    assert set(data["milestones"]["2030"]) == {
        "design",
        "equipment",
        "production",
        "packaging_test",
        "applications",
        "total",
    }
    assert set(data["acquisition_gap"]) == {str(y) for y in range(2026, 2035)}


def test_bad_backcast_arguments_are_refused(plan: Plan) -> None:
    with pytest.raises(GrowthError):
        backcast(plan, targets_by_pillar={"nope": 3})
    with pytest.raises(GrowthError):
        backcast(plan, shape="zigzag")
    with pytest.raises(GrowthError):
        backcast(plan, 11200, 2050)


def test_a_split_dimension_without_growth_shares_the_target_by_base_jobs(
    plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    from types import SimpleNamespace

    from clusterplan.model import backcast as module
    from clusterplan.model.growth import growth_assumptions

    a = growth_assumptions(plan)
    base = np.array([a.base_jobs[p] for p in a.pillars])
    years = list(range(a.base_year, a.extension_until_year + 1))
    flat = SimpleNamespace(years=years, jobs=np.repeat(base[:, None], len(years), axis=1))
    monkeypatch.setattr(module, "trajectory", lambda *args, **kwargs: flat)
    total = 2 * float(base.sum())
    targets = module._targets(plan, a, total, None, a.target_year)
    assert sum(targets.values()) == pytest.approx(total)
    for k, p in enumerate(a.pillars):
        assert targets[p] == pytest.approx(2 * base[k])


def test_a_headline_of_the_gap_is_about_the_year_it_is_largest() -> None:
    """The year a headline of the gap names: the largest gap (the earliest of equal ones),
    not the target year where the path meets the goal again; the target year when no year
    falls short."""
    from clusterplan.model.backcast import largest_gap_year

    years = [2030, 2031, 2032, 2033, 2034]
    assert largest_gap_year(years, [0.0, 15.0, 44.0, 44.0, 0.0]) == 2032
    assert largest_gap_year(years, [0.0] * 5) == 2034
