"""Plans other than the bundled one: every command runs, or refuses in one line (exit 2).

Two plans of our own live in ``tests/plans/`` and differ from the bundled plan in every
dimension: ``three-pillars`` (3 pillars, one growth dimension, 2030-2040, two funding
sources, no optional part) and ``seven-pillars`` (7 pillars, four growth dimensions that
build on each other, 2028-2039, three sources, unknown cells). They are written in the
plan format where funding sources and growth dimensions are plan data; until the core
reads that format their tests are skipped (see ``NEEDS_SCHEMA``).

A third plan, the bundled plan stripped of every optional part, runs today.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from typer.testing import CliRunner

from clusterplan.cli import app
from clusterplan.model.finance import cash_needs
from clusterplan.model.growth import GrowthError, growth_assumptions, trajectory
from clusterplan.plan.load import BUNDLED_PLAN_DIR, load_plan
from clusterplan.plan.parts import (
    COMMAND_PARTS,
    PARTS,
    MissingPart,
    part_name,
    readiness,
    require,
)
from clusterplan.plan.schema import EmploymentScenario, Finance, Plan

PLANS = Path(__file__).parent / "plans"
ACTUALS = Path(__file__).parent / "monitor" / "data" / "actuals_fictional.csv"

NEEDS_SCHEMA = pytest.mark.skipif(
    "sources" not in Finance.model_fields or "builds_on" not in EmploymentScenario.model_fields,
    reason="needs funding sources and growth dimensions as plan data (the 'schema' work)",
)

REFUSAL = re.compile(
    r"^error: the plan has no part '([\w ]+)'; add it in .+ \(see docs/plan-data\.md\)$"
)

runner = CliRunner()


def commands(plan_dir: Path, tmp: Path) -> dict[str, list[str]]:
    """Every command of ``clusterplan --help`` that reads a plan, with small, fast arguments.

    ``serve`` (a server), ``events schedule`` and ``ecosystem import/export`` (they read
    files of their own, not plan parts) are left out.
    """
    leads = tmp / "leads.csv"
    leads.write_text(
        "id,company,source,stage,landing_year\na,Acme,anchor_tenant,decision,"
        f"{load_plan(plan_dir).employment.base_year + 2}\n",
        encoding="utf-8",
    )
    p = ["--plan", str(plan_dir)]
    year = load_plan(plan_dir).employment.base_year + 1
    pdf = str(tmp / "report.pdf")
    return {
        "check": ["check", str(plan_dir)],
        "overview": ["overview", *p],
        "tables": ["tables", "--format", "json", *p],
        "scenarios": ["scenarios", *p],
        "finance": ["finance", *p],
        "impact": ["impact", *p],
        "simulate": ["simulate", "--n", "100", "--seed", "1", *p],
        "sensitivity": ["sensitivity", "--n-base", "16", "--seed", "1", *p],
        "discover": ["discover", "--n", "100", "--seed", "1", *p],
        "backcast": ["backcast", *p],
        "phase": ["phase", *p],
        "space": ["space", *p],
        "talent": ["talent", *p],
        "monitor": ["monitor", "--actuals", str(ACTUALS), *p],
        "nowcast": ["nowcast", "--n", "100", "--actuals", str(ACTUALS), *p],
        "report": ["report", "--actuals", str(ACTUALS), "--year", str(year), "--out", pdf, *p],
        "ecosystem whitespots": ["ecosystem", "whitespots", *p],
        "ecosystem whitespots --by markets": ["ecosystem", "whitespots", "--by", "markets", *p],
        "ecosystem concentration": ["ecosystem", "concentration", *p],
        "pipeline": ["pipeline", str(leads), *p],
    }


def run_every_command(plan_dir: Path, tmp: Path) -> dict[str, Any]:
    """Run each command; assert it ran (0), or refused in one line (2) as ``check`` foresaw."""
    plan = load_plan(plan_dir)
    ready = {r.command: r for r in readiness(plan)}
    outcomes: dict[str, Any] = {}
    for name, args in commands(plan_dir, tmp).items():
        result = runner.invoke(app, args)
        shown = f"{name}: exit {result.exit_code}\n{result.output}"
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            f"{shown}\n{result.exception!r}"
        )
        assert "Traceback" not in result.output, shown
        if ready[name].ready:
            assert result.exit_code in (0, 1), shown  # 1: the command's own verdict
            assert not REFUSAL.match(result.output.strip().splitlines()[-1] or ""), shown
        else:
            assert result.exit_code == 2, shown
            lines = result.output.strip().splitlines()
            assert len(lines) == 1, shown
            found = REFUSAL.match(lines[0])
            assert found and found.group(1) == part_name(ready[name].missing[0]).text("en"), shown
        outcomes[name] = result
    return outcomes


# ------------------------------------------------------------------ a plan without optional parts


@pytest.fixture(scope="module")
def bare_plan(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The bundled plan with every optional part removed (files and fields)."""
    root = tmp_path_factory.mktemp("bare") / "plan"
    shutil.copytree(BUNDLED_PLAN_DIR, root)
    for name in ("space", "governance", "facts", "talent", "organisations", "monitoring"):
        (root / f"{name}.yaml").unlink()
    _edit(root / "finance.yaml", _bare_finance)
    _edit(root / "employment.yaml", _bare_employment)
    _edit(root / "taxonomy.yaml", _bare_taxonomy)
    _edit(root / "assumptions" / "growth.yaml", _bare_growth)
    for name in ("space", "talent"):
        (root / "assumptions" / f"{name}.yaml").unlink()
    yield root


def _edit(path: Path, change: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(
        yaml.safe_dump(change(data), allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def _bare_finance(data: dict[str, Any]) -> dict[str, Any]:
    for project in data["projects"]:
        project["organisations"] = []
        project.pop("printed_total_meur", None)
    for key in (
        "projects_printed_totals",
        "organisation",
        "organisation_printed_totals",
        "instruments",
        "commitments",
        "agenda_meur_approx",
    ):
        data.pop(key, None)
    return data


def _bare_employment(data: dict[str, Any]) -> dict[str, Any]:
    for key in ("goal", "printed_base_total", "market_growth_factor_source"):
        data.pop(key, None)
    for row in data["scenarios"].values():
        row.pop("printed_total", None)
        row.pop("printed_revenue_growth_pct", None)
    return data


def _bare_taxonomy(data: dict[str, Any]) -> dict[str, Any]:
    return {"source": data["source"], "pillars": data["pillars"]}


def _bare_growth(data: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for entry in data:
        if entry["id"].startswith("growth.market.") and entry["id"] != "growth.market.pull":
            continue  # the market table needs the taxonomy's markets
        if entry["id"] == "growth.market.pull":
            entry["value"] = False
        if entry["id"] == "growth.productivity-growth":
            entry["value"] = 0.02  # no revenue figures to calibrate to
        if entry["id"] == "growth.fab.jobs":
            entry["value"] = 1000  # was a fact; facts are optional
        out.append(entry)
    return out


def test_a_plan_without_optional_parts_loads(bare_plan: Path) -> None:
    plan = load_plan(bare_plan)
    assert plan.space is None and plan.governance is None and plan.talent is None
    assert plan.facts == [] and plan.organisations == [] and plan.taxonomy.segments == []
    assert plan.employment.goal is None and plan.finance.projects_printed_totals is None
    assert plan.finance.organisation == []


def test_check_tells_per_command_what_is_missing(bare_plan: Path) -> None:
    result = runner.invoke(app, ["check", str(bare_plan), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["valid"] is True
    rows = {r["command"]: r for r in data["commands"]}
    assert set(rows) == set(COMMAND_PARTS)
    assert rows["tables"] == {"command": "tables", "ready": True, "missing": []}
    assert rows["space"]["missing"] == ["space"]
    for name in ("simulate", "sensitivity", "discover", "backcast", "phase"):
        assert rows[name] == {"command": name, "ready": True, "missing": []}, rows[name]
    assert rows["talent"]["ready"] is False
    text = runner.invoke(app, ["check", str(bare_plan)]).output
    assert re.search(r"^space +no +space \(space\.yaml\)$", text, re.M), text
    assert re.search(r"^scenarios +yes +-$", text, re.M), text


def test_every_command_runs_or_refuses_in_one_line(bare_plan: Path, tmp_path: Path) -> None:
    outcomes = run_every_command(bare_plan, tmp_path)
    assert outcomes["scenarios"].exit_code == 0
    assert outcomes["finance"].exit_code == 0
    assert outcomes["space"].output.strip() == (
        "error: the plan has no part 'space'; add it in space.yaml (see docs/plan-data.md)"
    )


def test_a_goal_on_the_command_line_stands_in_for_the_plans(bare_plan: Path) -> None:
    plan = load_plan(bare_plan)
    year = str(plan.employment.target_year)
    p = ["--plan", str(bare_plan)]
    for args in (
        ["simulate", "--n", "100", "--goal-jobs", "9000", "--goal-year", year, *p],
        ["backcast", "--target-total", "9000", "--year", year, *p],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output


def test_with_a_goal_the_goal_commands_run(bare_plan: Path, tmp_path: Path) -> None:
    plan_dir = tmp_path / "plan"
    shutil.copytree(bare_plan, plan_dir)
    emp = yaml.safe_load((BUNDLED_PLAN_DIR / "employment.yaml").read_text(encoding="utf-8"))
    _edit(plan_dir / "employment.yaml", lambda d: {**d, "goal": emp["goal"]})
    outcomes = run_every_command(plan_dir, tmp_path)
    for name in ("simulate", "sensitivity", "discover", "backcast", "phase", "impact"):
        assert outcomes[name].exit_code == 0, f"{name}: {outcomes[name].output}"


def test_tables_compute_the_totals_the_plan_does_not_print(bare_plan: Path) -> None:
    plan = load_plan(bare_plan)
    result = runner.invoke(app, ["tables", "--format", "csv", "--plan", str(bare_plan)])
    assert result.exit_code == 0, result.output
    rows = [line.split(",") for line in result.stdout.splitlines()]
    computed = [r for r in rows if r[0] in ("Total", "Totaal")][0]
    years = plan.finance.cost_years
    for i, year in enumerate(years):
        cells = [p.costs_meur.get(year) for p in plan.finance.projects]
        known = sum(c for c in cells if c is not None)
        shown = computed[1 + i]
        if None in cells:  # the sum of the known amounts, marked as including unknowns
            assert shown.endswith("+?"), (year, computed)
            shown = shown[:-2]
        assert float(shown) == pytest.approx(known), (year, computed)


def test_finance_does_not_count_a_missing_printed_total_as_unknown(bare_plan: Path) -> None:
    needs = cash_needs(load_plan(bare_plan))
    totals = {u.line for u in needs.unknown if u.kind == "total"}
    plan = load_plan(bare_plan)
    with_unknown_costs = {
        p.id for p in plan.finance.projects if any(v is None for v in p.costs_meur.values())
    }
    assert totals == with_unknown_costs


def test_overview_says_what_the_plan_lacks(bare_plan: Path) -> None:
    result = runner.invoke(app, ["overview", "--plan", str(bare_plan)])
    assert result.exit_code == 0, result.output
    assert "The plan sets no goal (" in result.output
    assert "Space: the plan has no space section." in result.output
    assert "Projects (" in result.output and "M EUR" in result.output


def test_a_free_text_space_period_is_one_line(bare_plan: Path, tmp_path: Path) -> None:
    plan_dir = tmp_path / "plan"
    shutil.copytree(bare_plan, plan_dir)
    space = yaml.safe_load((BUNDLED_PLAN_DIR / "space.yaml").read_text(encoding="utf-8"))
    space["demand"]["period"] = "until the end of the next decade"
    (plan_dir / "space.yaml").write_text(yaml.safe_dump(space, sort_keys=False), encoding="utf-8")
    shutil.copy(BUNDLED_PLAN_DIR / "assumptions" / "space.yaml", plan_dir / "assumptions")
    emp = yaml.safe_load((BUNDLED_PLAN_DIR / "employment.yaml").read_text(encoding="utf-8"))
    _edit(plan_dir / "employment.yaml", lambda d: {**d, "goal": emp["goal"]})
    calibration = runner.invoke(app, ["space", "--calibration", "--plan", str(plan_dir)])
    assert calibration.exit_code == 1
    assert calibration.output.strip().splitlines() == [
        "error: space.yaml: demand.period 'until the end of the next decade' does not "
        "end with a four-digit year, so the demand figure cannot be compared with the model"
    ]
    plain = runner.invoke(app, ["space", "--plan", str(plan_dir)])
    assert plain.exit_code == 0, plain.output


def test_require_names_the_part_and_its_file() -> None:
    plan = load_plan()
    bare = plan.model_copy(update={"space": None})
    with pytest.raises(MissingPart) as caught:
        require(bare, "goal", "space")
    assert caught.value.code == "plan.missing_part"
    assert caught.value.params == {"part": "space", "where": "space.yaml"}
    assert (
        str(caught.value)
        == "the plan has no part 'space'; add it in space.yaml (see docs/plan-data.md)"
    )
    require(plan, *PARTS)  # the bundled plan has every part


def test_every_part_is_named_in_words_in_either_language() -> None:
    """A missing part is named in the reader's words ("geen onderdeel 'ruimte'"), never by
    its id ("geen onderdeel space" on a Dutch page)."""
    from clusterplan.i18n import has_message

    for part in PARTS:
        for lang in ("nl", "en"):
            assert has_message(f"plan.part.{part}", lang), (part, lang)
    bare = load_plan().model_copy(update={"space": None})
    with pytest.raises(MissingPart) as caught:
        require(bare, "space")
    assert "'ruimte'" in caught.value.text("nl") and "space" not in caught.value.text("nl")[:40]


def test_monitoring_without_space_or_goal_leaves_those_indicators_out(
    plan_copy: Path,
) -> None:
    (plan_copy / "space.yaml").unlink()
    _edit(plan_copy / "employment.yaml", lambda d: {k: v for k, v in d.items() if k != "goal"})
    result = runner.invoke(
        app, ["monitor", "--actuals", str(ACTUALS), "--json", "--plan", str(plan_copy)]
    )
    assert result.exit_code == 0, result.output
    indicators = json.loads(result.stdout)["indicators"]
    for kind in ("space_m2", "acquisitions"):
        left_out = [i for i in indicators if i["compare_with"] == kind]
        assert left_out and all(r["plan"] is None for i in left_out for r in i["rows"]), kind


def test_a_pillar_without_base_jobs_cannot_be_calibrated_and_says_so() -> None:
    plan = load_plan()
    pillar = plan.pillar_ids[0]
    employment = plan.employment.model_copy(update={"base": {**plan.employment.base, pillar: 0}})
    bare = plan.model_copy(update={"employment": employment})
    with pytest.raises(GrowthError, match=rf"growth\.elasticity\.{pillar}: cannot be calibrated"):
        growth_assumptions(bare)


def test_the_bundled_plan_is_ready_for_every_command() -> None:
    assert [r.command for r in readiness(load_plan()) if not r.ready] == []


# ------------------------------------------------------------------------- the two test plans


@pytest.fixture(scope="module", params=["three-pillars", "seven-pillars"])
def test_plan(request: pytest.FixtureRequest) -> Path:
    return PLANS / str(request.param)


@NEEDS_SCHEMA
def test_the_test_plans_pass_check(test_plan: Path) -> None:
    result = runner.invoke(app, ["check", str(test_plan)])
    assert result.exit_code == 0, result.output
    assert "valid" in result.output


@NEEDS_SCHEMA
def test_every_command_runs_on_the_test_plans(test_plan: Path, tmp_path: Path) -> None:
    outcomes = run_every_command(test_plan, tmp_path)
    for name in ("check", "tables", "scenarios", "finance", "overview", "impact"):
        assert outcomes[name].exit_code == 0, f"{name}: {outcomes[name].output}"


REFERENCE_LINE = re.compile(
    r"^The plan sets no goal: figures that need one compare with its growth dimension (.+) "
    r"\(([\d,]+) jobs in (\d{4})\)\.$",
    re.M,
)


@NEEDS_SCHEMA
def test_the_three_pillar_plan_runs_the_goal_commands_against_its_reference(
    tmp_path: Path,
) -> None:
    """No goal: the goal commands compare with the last growth dimension's target, and say so."""
    plan = _plan("three-pillars")
    assert plan.employment.goal is None
    emp = plan.employment
    last = emp.scenarios[emp.last_dimension]
    jobs = sum(last.jobs.values())
    outcomes = run_every_command(PLANS / "three-pillars", tmp_path)
    for name in ("simulate", "sensitivity", "discover", "backcast", "phase"):
        result = outcomes[name]
        assert result.exit_code == 0, f"{name}: {result.output}"
        found = REFERENCE_LINE.search(result.output)
        assert found, f"{name}: {result.output}"
        assert found.groups() == (last.name_en, f"{jobs:,}", str(emp.target_year)), name
    for name in ("space", "talent", "monitor"):
        assert outcomes[name].exit_code == 2
    year = str(emp.target_year)
    assert f"at least {jobs:,} jobs in {year}" in outcomes["simulate"].output
    assert f"goal ({jobs:,} jobs in {year})" in outcomes["discover"].output
    assert f"Back-casting to {jobs:,} jobs in {year}" in outcomes["backcast"].output


@NEEDS_SCHEMA
def test_the_reference_goal_is_the_last_dimensions_target() -> None:
    from clusterplan.app.scenarios import goal
    from clusterplan.model.backcast import backcast
    from clusterplan.plan.parts import goal_target, reference_goal

    plan = _plan("three-pillars")
    emp = plan.employment
    jobs = float(sum(emp.scenarios[emp.last_dimension].jobs.values()))
    ref = reference_goal(plan)
    assert (ref.year, ref.jobs_for(0.0), ref.dimension) == (
        emp.target_year,
        jobs,
        emp.last_dimension,
    )
    assert "the plan sets no goal" in ref.provenance
    assert goal_target(plan) == ref
    result = backcast(plan)
    assert result.target_year == emp.target_year
    assert sum(result.targets.values()) == pytest.approx(jobs)
    column = result.years.index(emp.target_year)
    assert float(result.milestone_total[column]) == pytest.approx(jobs)
    app_goal = goal(plan)
    assert (app_goal.year, app_goal.jobs, app_goal.declared) == (emp.target_year, jobs, False)
    assert app_goal.factor == pytest.approx(jobs / sum(emp.base.values()))


def test_a_declared_goal_is_not_the_reference() -> None:
    from clusterplan.plan.parts import goal_target

    plan = load_plan()
    g = plan.employment.goal
    assert g is not None
    target = goal_target(plan)
    assert target.declared and (target.year, target.factor) == (g.year, g.factor)
    base = sum(plan.employment.base.values())
    assert target.jobs_for(base) == pytest.approx(g.jobs_for(base))


@NEEDS_SCHEMA
def test_the_reference_line_goes_to_stderr_with_json(tmp_path: Path) -> None:
    plan_dir = PLANS / "three-pillars"
    result = runner.invoke(app, ["backcast", "--json", "--plan", str(plan_dir)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    plan = load_plan(plan_dir)
    last = plan.employment.scenarios[plan.employment.last_dimension]
    assert data["target_total"] == pytest.approx(sum(last.jobs.values()))
    assert REFERENCE_LINE.search(result.stderr), result.stderr


@NEEDS_SCHEMA
def test_the_reference_line_is_in_the_runs_language() -> None:
    plan_dir = PLANS / "three-pillars"
    plan = load_plan(plan_dir)
    last = plan.employment.scenarios[plan.employment.last_dimension]
    jobs = sum(last.jobs.values())
    result = runner.invoke(app, ["--lang", "nl", "backcast", "--plan", str(plan_dir)])
    assert result.exit_code == 0, result.output
    dutch = f"{jobs:,}".replace(",", ".")
    expected = (
        "Het plan stelt geen doel: cijfers die er een nodig hebben, vergelijken met zijn "
        f"groeidimensie {last.name_nl} ({dutch} banen in {plan.employment.target_year})."
    )
    assert expected in result.output.splitlines(), result.output


@NEEDS_SCHEMA
def test_the_seven_pillar_plan_runs_what_needs_a_goal(tmp_path: Path) -> None:
    outcomes = run_every_command(PLANS / "seven-pillars", tmp_path)
    for name in ("simulate", "sensitivity", "discover", "backcast", "phase"):
        assert outcomes[name].exit_code in (0, 1), outcomes[name].output


def _plan(name: str) -> Plan:
    return load_plan(PLANS / name)


@NEEDS_SCHEMA
def test_calibration_hits_every_dimensions_target_jobs(test_plan: Path) -> None:
    plan = load_plan(test_plan)
    emp = plan.employment
    for dim, row in emp.scenarios.items():
        path = trajectory(plan, dim)
        column = path.years.index(emp.target_year)
        got = {p: float(path.jobs[i, column]) for i, p in enumerate(path.pillars)}
        assert got == pytest.approx({p: float(v) for p, v in row.jobs.items()}, abs=1e-6), dim
        assert float(path.jobs[:, 0].sum()) == pytest.approx(sum(emp.base.values()))


@NEEDS_SCHEMA
def test_the_three_pillar_plan_adds_up_by_hand() -> None:
    plan = _plan("three-pillars")
    needs = cash_needs(plan)
    by_year = dict(zip(needs.years, needs.year_totals(), strict=True))
    assert {y: by_year[y] for y in range(2030, 2040)} == pytest.approx(
        {2030: 5, 2031: 12, 2032: 12, 2033: 10, 2034: 14, 2035: 2}
        | {y: 0 for y in range(2036, 2040)}
    )
    assert needs.total_meur() == pytest.approx(55)
    assert dict(zip(needs.sources, needs.by_source().sum(axis=1), strict=True)) == pytest.approx(
        {"own": 24, "grants": 31}
    )
    assert needs.unknown == ()


@NEEDS_SCHEMA
def test_the_seven_pillar_plan_keeps_its_unknowns() -> None:
    plan = _plan("seven-pillars")
    needs = cash_needs(plan)
    unknown = {(u.line, u.kind, u.year, u.source) for u in needs.unknown}
    assert ("photonics-fab", "cost", 2034, None) in unknown
    assert ("photonics-fab", "coverage", None, "province") in unknown
    assert ("design-hub", "coverage", None, "eu") in unknown
    assert ("campus-roads", "cost", 2030, None) in unknown
    known_2028 = 4 + 1  # pilot-line and campus-roads
    assert needs.year_totals()[needs.years.index(2028)] == pytest.approx(known_2028)
    assert np.isclose(
        needs.by_source().sum(), needs.coverage_meur.sum()
    )  # the source-by-year matrix sums to the coverage


@NEEDS_SCHEMA
@pytest.mark.parametrize(
    ("name", "first_only"), [("three-pillars", False), ("seven-pillars", True)]
)
def test_the_test_plans_monte_carlo_band_holds_the_central_path(
    name: str, first_only: bool
) -> None:
    """The P5-P95 band starts at the base-year jobs and holds the central path in every
    year, and its median stays near that path (elasticity ranges around the calibrated
    values as wide as the bundled plan's, not one wide range skewed above them).

    The seven-pillar plan's later dimensions add projects whose realisation (0.5-1.1) and
    delay (-1 to +2 years) lean below the central path in the years they start, as the
    plan's ranges say; its first dimension, the market alone, is checked."""
    from clusterplan.model.uncertainty import simulate

    plan = _plan(name)
    base = float(sum(plan.employment.base.values()))
    dimensions = plan.employment.dimension_ids
    for dim in dimensions[:1] if first_only else dimensions:
        central = trajectory(plan, dim).total
        ens = simulate(plan, 2000, 1, dimension=dim, keep_jobs=False, keep_inputs=False)
        summary = ens.total_summary((5, 50, 95))
        for k, year in enumerate(ens.years):
            p5, p50, p95 = (summary[year][f"p{q}"] for q in (5, 50, 95))
            assert p5 <= central[k] + 1e-6 and central[k] <= p95 + 1e-6, (dim, year)
            assert p50 == pytest.approx(central[k], rel=0.1), (dim, year)
        first = summary[ens.years[0]]
        assert (first["p5"], first["p95"]) == pytest.approx((base, base)), dim


@pytest.mark.parametrize(
    "plan_dir", [BUNDLED_PLAN_DIR, *sorted(PLANS.iterdir())], ids=lambda p: p.name
)
def test_every_assumption_of_a_plan_we_ship_is_named_in_words(plan_dir: Path) -> None:
    """The test plans are served to try the platform with another plan: an assumption
    labelled by its id ('finance.phase-window') read as a key on every page naming it."""
    plan = load_plan(plan_dir)
    keys = [a.id for a in plan.assumptions if a.id in (a.label_nl, a.label_en)]
    assert not keys, keys


@pytest.mark.parametrize(
    "plan_dir", [BUNDLED_PLAN_DIR, *sorted(PLANS.iterdir())], ids=lambda p: p.name
)
def test_every_assumption_of_a_plan_we_ship_says_why_in_either_language(
    plan_dir: Path,
) -> None:
    """Dutch pages show ``rationale_nl`` and fall back to the English ``rationale``: an
    assumption of a plan we ship (the test plans are served too) without a Dutch rationale,
    or with the English one copied into it, reads in English on a Dutch page."""
    untold = []
    for a in load_plan(plan_dir).assumptions:
        english, dutch = a.rationale.strip(), (a.rationale_nl or "").strip()
        if not english or not dutch or dutch == english:
            untold.append(a.id)
    assert not untold, untold
