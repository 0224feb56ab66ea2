"""`clusterplan init`: a minimal plan with comments and placeholders that `check` accepts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from clusterplan.cli import app
from clusterplan.i18n import unit_code
from clusterplan.plan.init import PLACEHOLDER, STARTING_VALUE
from clusterplan.plan.load import bundled_plan, load_plan
from clusterplan.plan.schema import Meta, Pillar

runner = CliRunner()

ARGS = ["--name", "Chips Oost", "--pillars", "Ontwerp,Machines,Test & Assemblage"]


def _init(folder: Path, *extra: str) -> Any:
    return runner.invoke(app, ["init", str(folder), *ARGS, *extra])


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_it_writes_a_commented_minimal_plan(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    result = _init(folder, "--horizon", "2027-2035", "--dimensions", "basis,extra")
    assert result.exit_code == 0, result.output
    files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*.yaml"))
    assert files == [
        "assumptions/ecosystem.yaml",
        "assumptions/finance.yaml",
        "assumptions/growth.yaml",
        "assumptions/impact.yaml",
        "employment.yaml",
        "finance.yaml",
        "meta.yaml",
        "taxonomy.yaml",
    ]
    for name in files:
        text = (folder / name).read_text(encoding="utf-8")
        assert text.startswith("# ") and text.count("#") >= 3  # comments explain the fields

    meta = Meta.model_validate(_load(folder / "meta.yaml"))
    assert (meta.horizon_start, meta.horizon_end, meta.title) == (2027, 2035, "Chips Oost")
    assert meta.assumption == PLACEHOLDER

    taxonomy = _load(folder / "taxonomy.yaml")
    pillars = [Pillar.model_validate(p) for p in taxonomy["pillars"]]
    assert [p.id for p in pillars] == ["ontwerp", "machines", "test-assemblage"]
    assert pillars[2].name_en == "Test & Assemblage"

    employment = _load(folder / "employment.yaml")
    assert (employment["base_year"], employment["target_year"]) == (2027, 2035)
    assert set(employment["base"]) == {p.id for p in pillars}
    assert list(employment["scenarios"]) == ["basis", "extra"]
    assert employment["scenarios"]["extra"]["builds_on"] == "basis"
    for row in employment["scenarios"].values():
        assert set(row["jobs"]) == {p.id for p in pillars}
        assert row["assumption"] == PLACEHOLDER
        for pillar, jobs in row["jobs"].items():  # growth on the base: the engine can run
            assert jobs > employment["base"][pillar]

    finance = _load(folder / "finance.yaml")
    assert [s["id"] for s in finance["sources"]] == ["private", "public"]
    assert finance["cost_years"] == list(range(2027, 2035))
    assert [p["dimension"] for p in finance["projects"]] == ["basis", "extra"]
    for project in finance["projects"]:
        assert set(project["costs_meur"]) == set(finance["cost_years"])
        assert set(project["coverage_meur"]) == {"private", "public"}
        total = sum(project["costs_meur"].values())
        assert sum(project["coverage_meur"].values()) == pytest.approx(total)
        assert project["assumption"] == PLACEHOLDER


def test_ids_that_read_as_yaml_words_stay_text(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    result = runner.invoke(
        app,
        [
            "init",
            str(folder),
            "--name",
            "x",
            "--pillars",
            "null,yes,2030",
            "--horizon",
            "2030-2032",
        ],
    )
    assert result.exit_code == 0, result.output
    employment = _load(folder / "employment.yaml")
    assert list(employment["base"]) == ["null", "yes", "2030"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--horizon", "2035-2027"], "--horizon must end after it starts"),
        (["--horizon", "2027"], "--horizon must be START-END"),
        (["--horizon", "2027-2035", "--dimensions", "a,a"], "appears twice"),
        (["--horizon", "2027-2035", "--dimensions", "enabling"], "reserved"),
        (["--horizon", "2027-2035", "--sources", " , "], "--sources needs at least 1"),
    ],
)
def test_bad_arguments_get_one_line(tmp_path: Path, extra: list[str], message: str) -> None:
    result = _init(tmp_path / "plan", *extra)
    assert result.exit_code == 2
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "plan").exists()


def test_it_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    result = _init(folder, "--horizon", "2027-2035")
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert "not an empty folder" in result.output
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    # An empty folder is fine.
    empty = tmp_path / "empty"
    empty.mkdir()
    assert _init(empty, "--horizon", "2027-2035").exit_code == 0


def test_the_plan_loads(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    assert _init(folder, "--horizon", "2027-2035", "--dimensions", "a,b,c").exit_code == 0
    plan = load_plan(folder)
    assert plan.pillar_ids == ["ontwerp", "machines", "test-assemblage"]
    assert list(plan.employment.scenarios) == ["a", "b", "c"]


def test_check_passes_on_it(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    assert _init(folder, "--horizon", "2027-2035").exit_code == 0
    result = runner.invoke(app, ["check", str(folder)])
    assert result.exit_code == 0, result.output
    assert "valid" in result.output


@pytest.mark.parametrize(
    "extra",
    [
        ["--horizon", "2027-2035"],
        ["--horizon", "2030-2042", "--dimensions", "a,b,c", "--sources", "eigen,rijk,regio"],
        ["--horizon", "2030-2033", "--dimensions", "x", "--sources", "enig"],
    ],
)
def test_the_engines_run_on_it(tmp_path: Path, extra: list[str]) -> None:
    folder = tmp_path / "plan"
    assert _init(folder, *extra).exit_code == 0
    assert runner.invoke(app, ["check", str(folder)]).exit_code == 0
    plan = load_plan(folder)
    end = plan.meta.horizon_end
    commands = [
        ["tables"],
        ["scenarios"],
        ["finance"],
        ["impact"],
        ["backcast", "--target-total", "2000", "--year", str(end)],
    ]
    for command in commands:
        result = runner.invoke(app, [*command, "--plan", str(folder)])
        assert result.exit_code == 0, (command, result.output)
    # The engine reaches each dimension's placeholder jobs in the target year (the job
    # split carries each dimension's increment over the one it builds on).
    result = runner.invoke(app, ["scenarios", "--plan", str(folder)])
    totals = [line.split()[-1] for line in result.output.splitlines() if line.startswith("Total ")]
    wanted = [str(sum(s.jobs.values())) for s in plan.employment.scenarios.values()]
    assert totals == wanted, result.output


def test_every_unit_of_a_new_plan_and_the_bundled_plan_has_words_in_both_languages(
    tmp_path: Path,
) -> None:
    """A unit is shown in the reader's language (the catalogue's ``unit.<unit>``), so the
    units the scaffold and the bundled plan write all have words there."""
    folder = tmp_path / "plan"
    assert _init(folder, "--horizon", "2027-2035", "--dimensions", "a,b").exit_code == 0
    for plan in (load_plan(folder), bundled_plan()):
        units = {a.unit for a in plan.assumptions}
        assert units
        assert sorted(u for u in units if unit_code(u) is None) == [], plan.meta.id


def test_every_assumption_says_it_is_a_starting_value(tmp_path: Path) -> None:
    folder = tmp_path / "plan"
    assert _init(folder, "--horizon", "2027-2035", "--dimensions", "a,b").exit_code == 0
    plan = load_plan(folder)
    assert plan.assumptions
    for assumption in plan.assumptions:
        assert assumption.rationale.startswith(STARTING_VALUE), assumption.id
    ids = {a.id for a in plan.assumptions}
    for pillar in plan.pillar_ids:  # per pillar, from the caller's pillars
        assert f"growth.elasticity.{pillar}" in ids
        assert set(plan.assumption("impact.revenue-per-fte").value) == set(plan.pillar_ids)
    # one project per dimension after the first carries that dimension's increment
    split = plan.assumption("growth.project.job-split").value
    assert {entry["row"] for entry in split.values()} == {"b"}


def test_without_the_growth_assumptions_check_and_scenarios_say_so_in_one_line(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "plan"
    assert _init(folder, "--horizon", "2027-2035").exit_code == 0
    (folder / "assumptions" / "growth.yaml").unlink()
    check = runner.invoke(app, ["check", str(folder)])
    assert check.exit_code == 1
    assert "growth.market-growth-factor" in check.output
    result = runner.invoke(app, ["scenarios", "--plan", str(folder)])
    assert result.exit_code == 2
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.output.strip().splitlines() == [
        "error: the plan lacks assumption 'growth.market-growth-factor' (assumptions/growth.yaml)"
    ]
