"""The benchmark's EMA peer: a plain-Python scalar growth model with the engine's trajectories."""

from __future__ import annotations

import math

import numpy as np
import pytest
from benchmarks.growth_scalar import ScalarGrowthModel, values_from_unit

from clusterplan.model.uncertainty import engine
from clusterplan.plan.schema import Plan

DIMENSIONS = ("organic", "accelerated", "leap")
"""The bundled plan's growth dimensions, in its order."""


FIXED_U = [
    0.5,  # every input in the middle
    0.03,  # low: market, elasticities, realisation; fab closes; short delays
    0.97,  # high: long (fractional) delays, fab continues
    0.31,
]


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_the_plan_defaults_give_the_same_trajectory(plan: Plan, dimension: str) -> None:
    eng = engine(plan, dimension, dtype=np.float64)
    scalar = ScalarGrowthModel.from_assumptions(eng.assumptions, dimension)
    ours = eng.evaluate({s.name: np.array([s.mode]) for s in eng.inputs})[0]
    theirs = np.array(scalar.run_named({}))
    assert theirs == pytest.approx(ours, rel=1e-9, abs=1e-9)
    figure6 = plan.employment.scenarios[dimension].jobs  # type: ignore[index]
    assert [row[-1] for row in theirs] == pytest.approx([figure6[p] for p in scalar.pillars])


@pytest.mark.parametrize("u", FIXED_U)
def test_fixed_inputs_give_the_same_trajectory(plan: Plan, u: float) -> None:
    eng = engine(plan, "leap", dtype=np.float64)
    scalar = ScalarGrowthModel.from_assumptions(eng.assumptions, "leap")
    rng = np.random.default_rng(int(u * 1000))
    unit = np.clip(rng.uniform(u - 0.02, u + 0.02, size=(1, len(eng.inputs))), 0, 0.999)
    unit[0, [s.name for s in eng.inputs].index("fab_continues")] = 1.0 if u < 0.1 else 0.0
    values = eng.values_from_unit(unit)
    chol = None if eng.market_cholesky is None else eng.market_cholesky.tolist()
    scalar_values = values_from_unit(eng.inputs, [float(x) for x in unit[0]], chol)
    for name, value in values.items():  # the scalar inverse distributions agree
        assert scalar_values[name] == pytest.approx(float(value[0]), rel=1e-9)
    ours = eng.evaluate(values)[0]
    theirs = np.array(scalar.run_named(scalar_values))
    assert theirs == pytest.approx(ours, rel=1e-9, abs=1e-6)
    if u < 0.1:  # the fab closed in this case: the check covers the closure path
        assert not math.isclose(theirs[scalar.fab_index][-1], 2100.0)


def test_a_wrong_equation_would_be_caught(plan: Plan) -> None:
    eng = engine(plan, "leap", dtype=np.float64)
    scalar = ScalarGrowthModel.from_assumptions(eng.assumptions, "leap")
    late = {s.name: s.mode for s in eng.inputs} | {f"delay__{pid}": 1.5 for pid in scalar.projects}
    ours = eng.evaluate({k: np.array([v]) for k, v in late.items()})[0]
    assert np.array(scalar.run_named(late)) == pytest.approx(ours, rel=1e-9)
    assert np.array(scalar.run_named({})) != pytest.approx(ours, rel=1e-3)
