"""Helpers for tests that break a copy of the bundled plan and read the loader's errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from clusterplan.plan.load import PlanError, load_plan


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in a file with ``new`` (``old`` must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, fragment: str) -> int:
    """The 1-based number of the first line containing ``fragment``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if fragment in line:
            return number
    raise AssertionError(fragment)


def problems(plan_dir: Path) -> list[str]:
    """Every problem the loader reports for a plan directory (it must fail)."""
    with pytest.raises(PlanError) as caught:
        load_plan(plan_dir)
    return [str(p) for p in caught.value.problems]
