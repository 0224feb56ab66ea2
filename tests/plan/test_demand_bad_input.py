"""Bad space and talent data is rejected by the plan loader with file, line, field, reason."""

from __future__ import annotations

from pathlib import Path

from tests.plan.editing import edit, line_of, problems


def _entry_index(path: Path, assumption_id: str) -> int:
    ids = [
        line.split("id:", 1)[1].strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("- id:")
    ]
    return ids.index(assumption_id)


def test_it_rejects_negative_m2_per_job(plan_copy: Path) -> None:
    path = plan_copy / "assumptions" / "space.yaml"
    index = _entry_index(path, "space.m2_per_job.office")
    block = "space.m2_per_job.office"
    text = path.read_text(encoding="utf-8")
    start = text.index(block)
    value_at = text.index("value: 16", start)
    path.write_text(text[:value_at] + "value: -16" + text[value_at + 9 :], encoding="utf-8")
    (problem,) = problems(plan_copy)
    line = line_of(path, "value: -16")
    assert problem.startswith(f"{path}:{line}: [{index}].value: ")
    assert "must not be negative" in problem
    assert "-16" in problem


def test_it_rejects_a_join_share_above_one_in_the_talent_data(plan_copy: Path) -> None:
    path = plan_copy / "talent.yaml"
    edit(path, "    join_share: null\n", "    join_share: 1.5\n")
    (problem,) = problems(plan_copy)
    line = line_of(path, "join_share: 1.5")
    assert problem.startswith(f"{path}:{line}: programmes[0].join_share: ")
    assert "must be at most 1 (got 1.5)" in problem


def test_it_rejects_a_campus_share_above_one_in_the_assumptions(plan_copy: Path) -> None:
    path = plan_copy / "assumptions" / "space.yaml"
    edit(path, "design: 0.75, equipment: 0.1", "design: 1.75, equipment: 0.1")
    (problem,) = problems(plan_copy)
    index = _entry_index(path, "space.campus_share")
    assert f"[{index}].value.design: a share must be at most 1 (got 1.75)" in problem
    assert problem.startswith(f"{path}:{line_of(path, 'design: 1.75')}:")


def test_it_rejects_a_level_mix_that_does_not_add_up_to_one(plan_copy: Path) -> None:
    path = plan_copy / "assumptions" / "talent.yaml"
    edit(
        path,
        "{mbo: 0.05, hbo: 0.35, wo: 0.55, other: 0.05}",
        "{mbo: 0.5, hbo: 0.35, wo: 0.55, other: 0.05}",
    )
    (problem,) = problems(plan_copy)
    assert "shares must add up to 1 (got 1.45)" in problem
    assert str(path) in problem


def test_it_rejects_negative_graduates(plan_copy: Path) -> None:
    path = plan_copy / "talent.yaml"
    edit(path, "    graduates_per_year: null\n", "    graduates_per_year: -20\n")
    (problem,) = problems(plan_copy)
    assert "programmes[0].graduates_per_year: must not be negative (got -20)" in problem


def test_it_rejects_an_unknown_plot_function(plan_copy: Path) -> None:
    path = plan_copy / "space.yaml"
    edit(path, "function: bedrijfsruimte", "function: kantoor")
    (problem,) = problems(plan_copy)
    assert "plots[0].function: unknown function 'kantoor'" in problem
    assert problem.startswith(f"{path}:{line_of(path, 'function: kantoor')}:")


def test_it_rejects_a_programme_of_an_unknown_organisation(plan_copy: Path) -> None:
    path = plan_copy / "talent.yaml"
    edit(path, "organisation: han\n", "organisation: hanze\n")
    (problem,) = problems(plan_copy)
    assert "programmes[2].organisation: unknown organisation 'hanze'" in problem


def test_it_rejects_a_negative_plot_floor_ratio(plan_copy: Path) -> None:
    path = plan_copy / "assumptions" / "space.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("id: space.plot_floor_ratio")
    value_at = text.index("value: 1.0", start)
    path.write_text(text[:value_at] + "value: -1.0" + text[value_at + 10 :], encoding="utf-8")
    (problem,) = problems(plan_copy)
    index = _entry_index(path, "space.plot_floor_ratio")
    assert f"[{index}].value: must not be negative for unit m2/m2 (got -1.0)" in problem
