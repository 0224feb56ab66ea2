"""Fixtures of the monitoring tests: the fictional actuals set."""

from __future__ import annotations

from pathlib import Path

import pytest

from clusterplan.monitor.actuals import Actuals, read_actuals
from clusterplan.plan.schema import Plan

DATA = Path(__file__).parent / "data"
FICTIONAL = DATA / "actuals_fictional.csv"


@pytest.fixture(scope="session")
def fictional(plan: Plan) -> Actuals:
    """The hand-written fictional actuals of the bundled plan."""
    return read_actuals(FICTIONAL, plan)
