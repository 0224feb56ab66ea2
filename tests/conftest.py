"""Shared fixtures for the core tests (no Django settings here)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from clusterplan.plan.load import BUNDLED_PLAN_DIR, bundled_plan
from clusterplan.plan.schema import Plan


@pytest.fixture(autouse=True)
def english_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Command-line runs speak English unless a test passes ``--lang`` (the language would
    otherwise follow the locale of whoever runs the tests)."""
    monkeypatch.setenv("CLUSTERPLAN_LANG", "en")


@pytest.fixture(scope="session")
def plan() -> Plan:
    """The bundled Lifeport plan."""
    return bundled_plan()


@pytest.fixture
def plan_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled plan directory."""
    target = tmp_path / "plan"
    shutil.copytree(BUNDLED_PLAN_DIR, target)
    return target
