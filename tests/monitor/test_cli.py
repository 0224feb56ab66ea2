"""The monitor and nowcast commands: JSON equal to the library's, one-line errors."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

from typer.testing import CliRunner

from clusterplan import disclosure
from clusterplan.cli import app
from clusterplan.monitor.actuals import Actuals
from clusterplan.monitor.compare import compare
from clusterplan.monitor.nowcast import nowcast
from clusterplan.plan.schema import Plan
from clusterplan.report.annual import (
    MOST_MOVED,
    SHIFT_DECIMALS,
    indicator_history_table,
    moved_table,
    nowcast_bands_table,
    nowcast_words,
    status_table,
    status_text,
)
from clusterplan.report.messages import msg
from clusterplan.report.table import render_text
from tests.monitor.conftest import FICTIONAL


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_monitor_json_equals_compare(plan: Plan, fictional: Actuals) -> None:
    code, out, _ = run("monitor", "--actuals", str(FICTIONAL), "--json")
    assert code == 0
    assert json.loads(out) == json.loads(json.dumps(compare(plan, fictional).to_dict()))


def test_monitor_table_shows_status_and_gap() -> None:
    code, out, _ = run("monitor", "--actuals", str(FICTIONAL))
    assert code == 0
    # one line per indicator, named by its label in the run's language
    line = next(x for x in out.splitlines() if x.startswith("Business space realised"))
    # the plan's 2030 path follows the exposure-weighted market paths (market pull)
    assert "off track" in line and "-11,409" in line


def test_nowcast_json_equals_the_library(plan: Plan, fictional: Actuals) -> None:
    code, out, _ = run(
        "nowcast", "--actuals", str(FICTIONAL), "--seed", "3", "--n", "1500", "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert {"p_goal_prior", "p_goal", "effective_sample_size"} <= set(data)
    assert data == json.loads(json.dumps(nowcast(plan, fictional, 1500, 3).to_dict()))


def test_nowcast_text_names_both_probabilities_in_the_reports_words(
    plan: Plan, fictional: Actuals
) -> None:
    """The annual report's and the monitoring page's sentences (``nowcast_words``); the
    command line had three of its own."""
    code, out, _ = run("--lang", "en", "nowcast", "--actuals", str(FICTIONAL), "--n", "1500")
    assert code == 0
    words = nowcast_words(nowcast(plan, fictional, 1500), "en")
    assert words.chance.startswith("Chance of reaching the goal before the observations: ")
    for sentence in words.sentences:
        assert f"\n{sentence}\n" in out


def test_a_bad_file_exits_1_with_one_line_per_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator,subject,year,value,source\njobs,design,2027,1,x\nbanen,,2027,1,x\n")
    code, out, err = run("monitor", "--actuals", str(bad))
    assert code == 1 and out == ""
    (line,) = err.splitlines()
    assert line.startswith(f"error: {bad}, row 3, column 'indicator': unknown indicator 'banen'")
    assert "Traceback" not in err


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    code, _, err = run("nowcast", "--actuals", str(tmp_path / "none.csv"))
    assert code == 1 and len(err.splitlines()) == 1 and "cannot read file" in err


def test_bad_options_exit_2() -> None:
    code, _, err = run("nowcast", "--actuals", str(FICTIONAL), "--n", "0")
    assert code == 2 and "--n must be between 100 and 1,000,000 samples" in err
    code, _, err = run("nowcast", "--actuals", str(FICTIONAL), "--obs-error", "0")
    assert code == 2 and "the observation error must be a positive number (got 0)" in err
    code, _, err = run("nowcast", "--actuals", str(FICTIONAL), "--obs-error", "inf")
    assert code == 2 and "observation error" in err  # refused before any work, as 0 is
    code, _, err = run("monitor", "--actuals", str(FICTIONAL), "--dimension", "huge")
    assert code == 1 and "unknown dimension" in err and "Traceback" not in err


def test_monitor_public_withholds_small_partner_figures() -> None:
    code, out, _ = run("monitor", "--actuals", str(FICTIONAL), "--json", "--public")
    assert code == 0
    partner = next(i for i in json.loads(out)["indicators"] if i["id"] == "partner-jobs")
    assert all(r["organisations"] >= 3 for r in partner["rows"] if r["actual"] is not None)
    assert any(r["suppressed"] for r in partner["rows"])


def test_a_plan_without_monitoring_is_one_line(plan_copy: Path) -> None:
    (plan_copy / "monitoring.yaml").unlink()
    code, _, err = run("monitor", "--actuals", str(FICTIONAL), "--plan", str(plan_copy))
    assert code == 2 and err.splitlines() == [
        "error: the plan has no part 'monitoring'; add it in monitoring.yaml (see docs/plan-data.md)"
    ]


def test_monitor_public_writes_a_withheld_latest_figure_as_the_mark(
    plan_copy: Path, fictional: Actuals
) -> None:
    """Partner jobs held against the plan's jobs: the latest year's figures come from too
    few organisations, so the public table shows that year with the mark (not the year
    before) and says what the mark means."""
    path = plan_copy / "monitoring.yaml"
    text = path.read_text(encoding="utf-8")
    held = text.replace(
        "    subject: pillar\n    confidential: true\n",
        "    subject: pillar\n    compare_with: jobs\n    confidential: true\n",
    )
    assert held != text
    path.write_text(held, encoding="utf-8")
    args = ("monitor", "--actuals", str(FICTIONAL), "--plan", str(plan_copy))
    last = str(fictional.years("partner-jobs")[-1])
    code, out, _ = run(*args, "--public")
    assert code == 0
    line = next(x for x in out.splitlines() if x.startswith("Jobs at partners"))
    assert re.search(rf"\bjobs +{last} +\S+ +x +x +", line), line  # unit, year, plan, x x
    assert disclosure.note(3, "organisations", "en") in out
    _code, whole, _ = run(*args)
    line = next(x for x in whole.splitlines() if x.startswith("Jobs at partners"))
    assert re.search(rf"\bjobs +{last} ", line) and " x " not in line, line
    assert disclosure.note(3, "organisations", "en") not in whole


def test_monitor_prints_the_status_table_of_the_annual_report_and_the_page(
    plan: Plan, fictional: Actuals
) -> None:
    """One table, three interfaces: the command prints the core's status table whole (no
    name cut to a width), as the monitoring page and the annual report show it."""
    code, out, _ = run("--lang", "nl", "monitor", "--actuals", str(FICTIONAL))
    assert code == 0
    table = status_table(compare(plan, fictional), "nl")
    assert render_text(table) in out
    longest = max((row.cells[0].text or "" for row in table.rows), key=len)
    assert len(longest) > 30 and longest in out


def test_an_indicator_held_against_no_plan_figure_says_so_as_its_status(
    plan: Plan, fictional: Actuals
) -> None:
    """In the words the counts per status use ('zonder plancijfer'), not 'geen vergelijking'
    as an indicator still waiting for its actual: both had read alike in the table."""
    from clusterplan.monitor.compare import NOT_COMPARED

    comparison = compare(plan, fictional)
    table = status_table(comparison, "nl")
    statuses = {row.key: row.cells[-1].text for row in table.rows}
    plain = {c.indicator.id for c in comparison.indicators if c.indicator.compare_with == "none"}
    assert plain and all(statuses[key] == status_text(NOT_COMPARED, "nl") for key in plain)
    compared = set(statuses) - plain
    assert compared and not any(
        statuses[key] == status_text(NOT_COMPARED, "nl") for key in compared
    )


def test_nowcast_prints_the_band_and_moved_tables_the_page_and_the_report_show(
    plan: Plan, fictional: Actuals
) -> None:
    code, out, _ = run("--lang", "en", "nowcast", "--actuals", str(FICTIONAL))
    assert code == 0
    now = nowcast(plan, fictional)
    bands, moved = nowcast_bands_table(now, "en"), moved_table(plan, now, "en")
    assert render_text(bands) in out and render_text(moved) in out
    assert len(moved.rows) == min(MOST_MOVED, len(now.moved))
    shifts = [abs(r.cells[3].value or 0) for r in moved.rows]
    assert shifts == sorted(shifts, reverse=True) and shifts[0] > 0
    last = bands.rows[-1].cells  # the last year: the actuals narrow the band
    width_before = (last[3].value or 0) - (last[1].value or 0)
    assert (last[6].value or 0) - (last[4].value or 0) < width_before


def test_an_indicators_history_table_has_every_subject_and_year(
    plan: Plan, fictional: Actuals
) -> None:
    """The monitoring page's table of one indicator: a row per subject and year with the
    comparison's plan, actual and gap; the jobs with the back-cast milestone and the band."""
    result = compare(plan, fictional)
    for comp in result.indicators:
        table = indicator_history_table(plan, comp, "nl")
        assert [(r.cells[1].value, r.cells[2].value) for r in table.rows] == [
            (r.year, r.plan) for r in comp.rows
        ]
        jobs = comp.indicator.compare_with == "jobs"
        assert ("milestone" in [c.key for c in table.columns]) == jobs
        if jobs:
            assert table.columns[6].heading == "Mijlpaal (terugrekenen)"
            banded = [r for r, row in zip(table.rows, comp.rows, strict=True) if row.band]
            assert banded and all(
                r.cells[7].value is not None and r.cells[7].value <= r.cells[9].value  # type: ignore[operator]
                for r in banded
            )
    totals = [r for r in table.rows if r.key.startswith("total:")]
    assert totals and totals[0].cells[0].text == "Clustertotaal"


def test_a_moved_year_reads_as_a_year_to_a_tenth(plan: Plan, fictional: Actuals) -> None:
    """A sampled year's mean (the fab's closure year) is a year with its tenth, not a
    number grouped in thousands to three decimals ('2.030,400')."""
    now = nowcast(plan, fictional, seed=20250, n=500)
    (closure,) = [m for m in now.moved if m.name == "fab_closure_year"]
    (row,) = moved_table(plan, dataclasses.replace(now, moved=[closure]), "nl").rows
    before, after = row.cells[1].shown("nl"), row.cells[2].shown("nl")
    assert re.fullmatch(r"20\d\d,\d", before) and re.fullmatch(r"20\d\d,\d", after), (before, after)
    assert re.fullmatch(r"-?\d+,\d\d", row.cells[3].shown("nl"))  # the shift: two decimals


def test_without_observations_no_assumption_is_listed_as_moved(plan: Plan) -> None:
    """No actuals leave every assumption where it was (each shift 0.00): the table lists
    none of them as 'moved most' (it listed five) and says that none moved; the annual
    report leaves the table out."""
    now = nowcast(plan, Actuals(), n=300, seed=1)
    assert now.moved and all(round(m.shift_sd, SHIFT_DECIMALS) == 0 for m in now.moved)
    for lang in ("nl", "en"):
        table = moved_table(plan, now, lang)
        assert table.rows == ()
        assert table.notes == (msg("goal.moved_none", lang),)
    moved = now.moved[0]._replace(shift_sd=0.5)
    (row,) = moved_table(plan, dataclasses.replace(now, moved=[moved, *now.moved[1:]]), "en").rows
    assert row.cells[3].value == 0.5


def test_without_observations_the_chance_is_stated_once(plan: Plan) -> None:
    """Without observations the chance was stated 'before' and 'after the observations up
    to and including' the goal year, of observations there were none: once, as the plan's."""
    now = nowcast(plan, Actuals(), n=300, seed=1)
    words = nowcast_words(now, "en")
    assert words.chance == f"Chance of reaching the goal: {100 * now.p_goal_prior:.1f}%."
    assert "observations" not in words.chance and words.basis == msg("goal.no_obs", "en")
