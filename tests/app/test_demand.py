"""The demand use case: the core's space and talent balances of one dimension."""

from __future__ import annotations

import numpy as np

from clusterplan.app import demand
from clusterplan.model.demand import scenario_space
from clusterplan.model.growth import growth_assumptions
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
