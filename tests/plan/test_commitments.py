"""Commitments in finance.yaml: valid ones load, bad ones name file, line, field, reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from clusterplan.plan.load import PlanError, load_plan
from tests.plan.editing import line_of

GOOD = """commitments:
  - line: acp
    source: regional
    amount_meur: 5
    year: 2027
    status: granted
    instrument: oost-nl-topfonds
    note: "test"
    provenance: {source: "besluit GS (test)"}
"""


def _write(plan_dir: Path, text: str) -> Path:
    path = plan_dir / "finance.yaml"
    body = path.read_text(encoding="utf-8")
    assert "commitments: []" in body
    path.write_text(body.replace("commitments: []", text), encoding="utf-8")
    return path


def _problem(plan_dir: Path) -> str:
    with pytest.raises(PlanError) as caught:
        load_plan(plan_dir)
    (problem,) = caught.value.problems
    return str(problem)


def test_a_valid_commitment_loads(plan_copy: Path) -> None:
    _write(plan_copy, GOOD)
    (commitment,) = load_plan(plan_copy).finance.commitments
    assert commitment.line == "acp" and commitment.amount_meur == 5
    assert commitment.status == "granted" and commitment.provenance.source


def test_it_rejects_a_commitment_for_an_unknown_project(plan_copy: Path) -> None:
    path = _write(plan_copy, GOOD.replace("line: acp", "line: apc"))
    problem = _problem(plan_copy)
    assert problem.startswith(f"{path}:{line_of(path, 'line: apc')}: commitments[0].line: ")
    assert "unknown project or organisation line 'apc'" in problem


def test_it_rejects_a_commitment_outside_the_horizon(plan_copy: Path) -> None:
    path = _write(plan_copy, GOOD.replace("year: 2027", "year: 2040"))
    problem = _problem(plan_copy)
    assert problem.startswith(f"{path}:{line_of(path, 'year: 2040')}: commitments[0].year: ")
    assert "outside the horizon" in problem


def test_it_rejects_a_negative_commitment(plan_copy: Path) -> None:
    path = _write(plan_copy, GOOD.replace("amount_meur: 5", "amount_meur: -5"))
    problem = _problem(plan_copy)
    line = line_of(path, "amount_meur: -5")
    assert problem.startswith(f"{path}:{line}: commitments[0].amount_meur: must not be negative")


def test_it_rejects_an_unknown_instrument(plan_copy: Path) -> None:
    path = _write(plan_copy, GOOD.replace("oost-nl-topfonds", "toverfonds"))
    problem = _problem(plan_copy)
    assert f":{line_of(path, 'toverfonds')}: commitments[0].instrument: " in problem
    assert "unknown instrument 'toverfonds'" in problem


def test_it_rejects_an_instrument_of_another_source(plan_copy: Path) -> None:
    _write(plan_copy, GOOD.replace("oost-nl-topfonds", "chips-ju"))
    assert "pays from source 'subsidies', not 'regional'" in _problem(plan_copy)


def test_it_rejects_an_unknown_status(plan_copy: Path) -> None:
    _write(plan_copy, GOOD.replace("status: granted", "status: promised"))
    assert "commitments[0].status: must be one of" in _problem(plan_copy)
