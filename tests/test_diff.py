"""`clusterplan diff`: each change between two revisions is reported, a copy reports none."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from clusterplan.cli import app
from clusterplan.plan.diff import plan_diff
from clusterplan.plan.load import BUNDLED_PLAN_DIR, bundled_plan, load_plan

runner = CliRunner()


def _row(output: str, where: str) -> list[str]:
    """The cells of the row of a printed table whose first cell is ``where``."""
    for line in output.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if cells[0] == where:
            return cells
    raise AssertionError(f"no row {where!r} in:\n{output}")


def _edit_yaml(path: Path, edit: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


@pytest.fixture(scope="module")
def revisions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, Any]]:
    """The bundled plan and a copy with a cost changed, a project added, an assumption
    changed; returns both folders and what was edited."""
    root = tmp_path_factory.mktemp("revisions")
    old, new = root / "old", root / "new"
    shutil.copytree(BUNDLED_PLAN_DIR, old)
    shutil.copytree(BUNDLED_PLAN_DIR, new)
    plan = bundled_plan()
    project = plan.finance.projects[0]
    year = next(y for y in plan.finance.cost_years if y not in project.blank_years)
    old_cost = project.costs_meur[year]
    assert old_cost is not None
    template = plan.finance.projects[-1]
    edited: dict[str, Any] = {
        "project": project.id,
        "year": year,
        "cost": (old_cost, old_cost + 7),
        "new_project": "added-in-revision",
    }

    def finance(data: dict[str, Any]) -> None:
        line = next(p for p in data["projects"] if p["id"] == project.id)
        line["costs_meur"][year] = old_cost + 7
        line.pop("printed_total_meur", None)
        added = json.loads(json.dumps(next(p for p in data["projects"] if p["id"] == template.id)))
        added["id"] = edited["new_project"]
        added["name_en"] = added["name_nl"] = "A project added in the new revision"
        added["costs_meur"] = {int(k): v for k, v in added["costs_meur"].items()}
        added.pop("phases", None)
        added.pop("business_case", None)
        data["projects"].append(added)

    _edit_yaml(new / "finance.yaml", finance)
    # An assumption with a numeric value and a range: move its value within the range.
    numeric = next(
        (f, a)
        for f in sorted((new / "assumptions").glob("*.yaml"))
        for a in yaml.safe_load(f.read_text(encoding="utf-8"))
        if isinstance(a.get("value"), int | float)
        and not isinstance(a.get("value"), bool)
        and a.get("low") is not None
        and a.get("high") is not None
        and a["low"] < a["high"]
    )
    file, assumption = numeric
    new_value = (assumption["low"] + assumption["high"]) / 2
    if new_value == assumption["value"]:
        new_value = assumption["low"]
    edited["assumption"] = (assumption["id"], assumption["value"], new_value)

    def change(data: list[dict[str, Any]]) -> None:
        next(a for a in data if a["id"] == assumption["id"])["value"] = new_value

    _edit_yaml(file, change)
    return old, new, edited


def test_an_unchanged_copy_reports_nothing(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(BUNDLED_PLAN_DIR, copy)
    result = plan_diff(bundled_plan(), load_plan(copy))
    assert result.unchanged and result.changes == ()
    for side in result.scenarios:
        assert side.jobs_old == side.jobs_new and side.gap_old == side.gap_new


def test_a_reworded_rationale_in_either_language_is_no_change() -> None:
    plan = bundled_plan()
    reworded = [
        a.model_copy(
            update={"rationale": f"{a.rationale} (reworded)", "rationale_nl": "Herschreven."}
        )
        for a in plan.assumptions
    ]
    result = plan_diff(plan, plan.model_copy(update={"assumptions": reworded}))
    assert list(result.part("assumptions")) == []


def test_each_edit_is_reported(revisions: tuple[Path, Path, dict[str, Any]]) -> None:
    old, new, edited = revisions
    result = plan_diff(load_plan(old), load_plan(new))
    costs = {c.where: c for c in result.part("costs")}
    cost = costs[f"{edited['project']}.{edited['year']}"]
    assert (cost.kind, cost.old, cost.new) == ("changed", *edited["cost"])
    total = costs[f"projects total.{edited['year']}"]
    assert total.kind == "changed" and total.new - total.old == pytest.approx(7)

    projects = result.part("projects")
    added = [c for c in projects if c.kind == "added"]
    assert [c.where for c in added] == [edited["new_project"]]
    # The added project's costs and coverage appear as added lines.
    assert any(c.where.startswith(edited["new_project"]) for c in result.part("coverage"))
    # Removing the printed total of the edited project is a project change.
    assert any(
        c.where == f"{edited['project']}.printed_total_meur" and c.new is None for c in projects
    )

    aid, before, after = edited["assumption"]
    [change] = [c for c in result.part("assumptions")]
    assert (change.where, change.old, change.new) == (f"{aid}.value", before, after)

    assert result.part("figures") == [] and result.part("meta") == []
    # Nothing else changed: every change is one of the edits or follows from them.
    parts = {c.part for c in result.changes}
    assert parts <= {"projects", "costs", "coverage", "assumptions", "findings"}


def test_figures_and_findings_changes(tmp_path: Path) -> None:
    old = bundled_plan()
    new_dir = tmp_path / "new"
    shutil.copytree(BUNDLED_PLAN_DIR, new_dir)
    pillar = old.pillar_ids[0]

    def employment(data: dict[str, Any]) -> None:
        for row in data["scenarios"].values():  # every dimension: the increments stay
            row["jobs"][pillar] += 100

    _edit_yaml(new_dir / "employment.yaml", employment)
    result = plan_diff(old, load_plan(new_dir))
    figures = {c.where: c for c in result.part("figures")}
    assert set(figures) == {f"scenarios.{d}.jobs.{pillar}" for d in old.employment.scenarios}
    for dim, row in old.employment.scenarios.items():
        change = figures[f"scenarios.{dim}.jobs.{pillar}"]
        assert (change.old, change.new) == (row.jobs[pillar], row.jobs[pillar] + 100)
    # The printed totals no longer match the pillars: check's findings change.
    findings = result.part("findings")
    assert {c.kind for c in findings} == {"added", "removed"}
    for side in result.scenarios:
        assert side.note_new is None and side.jobs_new is not None and side.jobs_old is not None
        assert side.jobs_new - side.jobs_old == pytest.approx(100)
        assert side.gap_new is not None and side.gap_old is not None
        assert side.gap_new - side.gap_old == pytest.approx(100)


def test_a_changed_phase_is_named_by_phase_and_field(tmp_path: Path) -> None:
    """A phase's new start year is one change at that phase and field, with both years,
    not the project's whole list of phases."""
    old = bundled_plan()
    project = next(p for p in old.finance.projects if p.phases and p.phases[0].start)
    phase = project.phases[0]
    new_dir = tmp_path / "new"
    shutil.copytree(BUNDLED_PLAN_DIR, new_dir)

    def later(data: dict[str, Any]) -> None:
        row = next(p for p in data["projects"] if p["id"] == project.id)
        row["phases"][0]["start"] += 1

    _edit_yaml(new_dir / "finance.yaml", later)
    changes = plan_diff(old, load_plan(new_dir), scenario_results=False).part("projects")
    assert [(c.where, c.old, c.new) for c in changes] == [
        (f"{project.id}.phases.{phase.id}.start", phase.start, phase.start + 1)
    ]
    shown = runner.invoke(app, ["--lang", "nl", "diff", str(BUNDLED_PLAN_DIR), str(new_dir)])
    where = f"{project.name_nl}, fasen, {phase.id}, begin"
    assert _row(shown.stdout, where)[1:] == ["gewijzigd", str(phase.start), str(phase.start + 1)]


def test_a_revision_the_engine_refuses_is_named_not_raised(tmp_path: Path) -> None:
    old = bundled_plan()
    new_dir = tmp_path / "new"
    shutil.copytree(BUNDLED_PLAN_DIR, new_dir)
    dims = list(old.employment.scenarios)
    pillar = old.pillar_ids[0]

    def employment(data: dict[str, Any]) -> None:
        data["scenarios"][dims[0]]["jobs"][pillar] += 100  # the next increment shrinks

    _edit_yaml(new_dir / "employment.yaml", employment)
    result = plan_diff(old, load_plan(new_dir))
    for side in result.scenarios:
        assert side.note_old is None and side.jobs_old is not None
        assert side.note_new and side.jobs_new is None


def test_cli_text_and_json(revisions: tuple[Path, Path, dict[str, Any]]) -> None:
    old, new, edited = revisions
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == 0, result.output
    plan = bundled_plan()
    # Each change is a row of its part's table, named by the plan's names (English run), not
    # by its ids, with the old and the new value ('—' on the side that does not have it).
    added = "A project added in the new revision"
    assert _row(result.output, added) == [added, "added", "—", added]
    project = plan.project(edited["project"]).name_en
    assert _row(result.output, f"{project}, {edited['year']}")[1] == "changed"
    assert _row(result.output, f"{plan.assumption(edited['assumption'][0]).label_en}, value")[
        1
    ] == ("changed")
    # both central scenarios side by side, a row per growth dimension
    assert "Central scenario per growth dimension, both revisions" in result.output
    for row in plan.employment.scenarios.values():
        assert _row(result.output, row.name_en)[1] == str(plan.employment.target_year)
    result = runner.invoke(app, ["diff", str(old), str(new), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["unchanged"] is False
    assert [c["where"] for c in data["changes"]["projects"] if c["kind"] == "added"] == [
        edited["new_project"]
    ]
    assert {s["dimension"] for s in data["scenarios"]} == set(bundled_plan().employment.scenarios)
    result = runner.invoke(app, ["diff", str(old), str(old)])
    assert result.exit_code == 0
    assert "The two revisions hold the same plan: no changes." in result.output


def test_the_summary_counts_the_changes_in_one_sentence(
    revisions: tuple[Path, Path, dict[str, Any]],
) -> None:
    """One sentence for the command line and the web's comparison (report.diff.summary)."""
    from clusterplan.plan.diff import plan_diff
    from clusterplan.plan.load import load_plan
    from clusterplan.report.diff import summary

    old, new, _edited = revisions
    diff = plan_diff(load_plan(old), load_plan(new))
    count = len(diff.changes)
    assert count > 1
    assert summary(diff, "nl") == f"{count} wijzigingen."
    assert summary(diff, "en") == f"{count} changes."
    result = CliRunner().invoke(app, ["--lang", "en", "diff", str(old), str(new)])
    assert f"{count} changes." in result.output.splitlines()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_labels_and_names_follow_the_language_ids_stay(
    revisions: tuple[Path, Path, dict[str, Any]], lang: str
) -> None:
    old, new, edited = revisions
    plan = bundled_plan()
    data = plan_diff(load_plan(old), load_plan(new)).as_dict(lang)
    project = plan.project(edited["project"])
    name = project.name_nl if lang == "nl" else project.name_en
    [cost] = [c for c in data["changes"]["costs"] if c["where"] == f"{project.id}.{edited['year']}"]
    assert cost["label"] == f"{name}, {edited['year']}"
    [added] = [c for c in data["changes"]["projects"] if c["kind"] == "added"]
    assert (added["where"], added["new"]) == (edited["new_project"], added["label"])
    for side in data["scenarios"]:
        row = plan.employment.scenarios[side["dimension"]]
        assert side["name"] == (row.name_nl if lang == "nl" else row.name_en)
    for finding in data["changes"]["findings"]:
        assert finding["where"] and " " not in finding["where"]  # a code, not a text


def test_cli_refuses_a_missing_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["diff", str(tmp_path / "nope"), str(BUNDLED_PLAN_DIR)])
    assert result.exit_code == 1
    assert "not a plan directory" in result.output


def test_json_holds_dates_of_a_business_case(tmp_path: Path) -> None:
    plan = bundled_plan()
    new_dir = tmp_path / "new"
    shutil.copytree(BUNDLED_PLAN_DIR, new_dir)
    project = plan.finance.projects[0]
    year = plan.finance.cost_years[-1]

    def finance(data: dict[str, Any]) -> None:
        line = next(p for p in data["projects"] if p["id"] == project.id)
        line["business_case"] = {
            "jobs": {year: {"structural": 10}},
            "milestones": [{"date": f"{year}-06-30", "name": "pilot line open"}],
            "sources": ["a business case document"],
        }

    _edit_yaml(new_dir / "finance.yaml", finance)
    result = runner.invoke(app, ["diff", str(BUNDLED_PLAN_DIR), str(new_dir), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    [change] = [c for c in data["changes"]["projects"] if c["where"].endswith("business_case")]
    assert change["kind"] == "changed" and change["old"] is None
    assert change["new"]["milestones"][0]["date"] == f"{year}-06-30"
