"""The annual progress report: it opens, has its charts and tables, and its numbers are the
monitoring figures (``clusterplan monitor --json``) for the same file."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from html import escape
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from clusterplan import disclosure
from clusterplan.cli import app
from clusterplan.labels import label
from clusterplan.monitor.actuals import Actual, Actuals, read_actuals
from clusterplan.monitor.indicators import monitoring_of
from clusterplan.plan.schema import Plan
from clusterplan.report.annual import (
    STEPS,
    AnnualReport,
    ReportError,
    _fetcher,
    annex_grids,
    annual_report,
    min_organisations,
    open_findings,
    pdf_bytes,
    plan_changes,
    render_html,
    section_of,
    step_words,
    table_year,
    xlsx_annex,
)
from clusterplan.report.numbers import AS_NEEDED, format_number
from clusterplan.report.tables import every_subject_name, funding_sources
from tests.monitor.conftest import FICTIONAL

YEAR = 2030
"""The last year of the fictional set: five years of actuals from the base year on."""

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


@pytest.fixture(scope="module")
def fictional(plan: Plan) -> Actuals:
    return read_actuals(FICTIONAL, plan)


@pytest.fixture(scope="module")
def report(plan: Plan, fictional: Actuals) -> AnnualReport:
    return annual_report(plan, fictional, YEAR)


@pytest.fixture(scope="module")
def pdf(report: AnnualReport) -> bytes:
    return pdf_bytes(report)


def _text(pdf: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def _pages(pdf: bytes) -> list[str]:
    return _text(pdf).split("\f")


def test_fictional_set_has_five_years_from_the_base_year(plan: Plan, fictional: Actuals) -> None:
    years = fictional.years("jobs")
    base = plan.employment.base_year
    assert all(y in years for y in range(base, base + 5)) and YEAR == base + 4


@needs_poppler
def test_pdf_opens_and_every_section_has_a_page(report: AnnualReport, pdf: bytes) -> None:
    assert pdf.startswith(b"%PDF-")
    text = _text(pdf)
    for section in report.sections:
        assert section.title in text, section.title
    pages = _pages(pdf)
    assert all(p.strip() for p in pages[:-1]), "an empty page"


FOOTER = 0.9
"""Where a page's running footer begins (a share of its height)."""


@needs_poppler
def test_no_page_but_the_last_is_left_nearly_empty(pdf: bytes) -> None:
    """Each section had started a page of its own: where a table ran over, the page before
    held that table alone (three of 17 pages were a tenth to a fifth full). Measured by the
    lowest word on each page above its footer."""
    boxes = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    filled = []
    for page in boxes.split("<page ")[1:]:
        height = float(re.search(r'height="([\d.]+)"', page)[1])  # type: ignore[index]
        lows = [float(y) for y in re.findall(r'yMax="([\d.]+)"', page)]
        filled.append(max(y for y in lows if y < FOOTER * height) / height)
    assert len(filled) > 5
    assert min(filled[:-1]) > 1 / 3, [round(f, 2) for f in filled]


@needs_poppler
def test_pages_have_the_charts_and_tables(report: AnnualReport, pdf: bytes, plan: Plan) -> None:
    figures = report.figures()
    # the cluster total, one per pillar, and one per other indicator with a plan path
    assert len(figures) >= 1 + len(plan.taxonomy.pillars) + 4
    for fig in figures:
        assert fig.svg.startswith("<svg") and "<polyline" in fig.svg
    html = render_html(report)
    assert html.count("<svg") == len(figures)
    assert html.count("<table") == sum(1 for t in report.tables() if t.rows)
    assert all(t.key in html for t in report.tables())
    text = _text(pdf)
    # the goal chart's y-axis starts near the base year's jobs, not at 0, in Dutch format
    goal_svg = report.section("goal").figures[0].svg
    ticks = re.findall(r'class="ytick"[^>]*>([^<]+)<', goal_svg)
    assert ticks[0] != "0" and all(t in text for t in ticks)
    for table in report.tables():
        assert table.title in text


@needs_poppler
def test_numbers_equal_monitor_json(report: AnnualReport, pdf: bytes) -> None:
    """Every indicator's overview figures (latest year with plan and actual) are the rows
    of ``clusterplan monitor --public --json`` for the same file (the report always applies
    the disclosure rule), and they are printed in the PDF."""
    result = CliRunner().invoke(app, ["monitor", "--actuals", str(FICTIONAL), "--public", "--json"])
    assert result.exit_code == 0
    monitor = {i["id"]: i for i in json.loads(result.stdout)["indicators"]}
    overview = report.section("indicators").tables[0]
    text = _text(pdf)
    checked = 0
    for comp, row in zip(report.comparison.indicators, overview.rows, strict=True):
        ind = comp.indicator
        assert row.key == ind.id
        year, plan_value, actual, gap = (
            overview.cell(ind.id, column).value for column in ("year", "plan", "actual", "gap")
        )
        if year is None:
            continue
        rows = [r for r in monitor[ind.id]["rows"] if r["subject"] is None and r["year"] == year]
        assert len(rows) == 1, ind.id
        assert (plan_value, actual, gap) == (rows[0]["plan"], rows[0]["actual"], rows[0]["gap"])
        status = overview.cell(ind.id, "status")
        assert status.status == rows[0]["status"] and status.text in text
        decimals = 1 if ind.unit == "meur" else 0
        for value in (plan_value, actual, gap):
            if isinstance(value, float):
                assert format_number(value, "nl", decimals) in text, (ind.id, value)
                checked += 1
    assert checked >= 10
    # P(goal) as printed in the PDF is the nowcast's
    assert format_number(100 * report.nowcast.p_goal_prior, "nl", 1) + "%" in text


def test_status_of_the_off_track_indicator_is_shown(report: AnnualReport) -> None:
    overview = report.section("indicators").tables[0]
    statuses = {row.cells[0].text: row.cells[6] for row in overview.rows}
    assert "uit koers" in {cell.text for cell in statuses.values()}
    for comp in report.comparison.indicators:
        if comp.status == "off_track":
            cell = statuses[comp.indicator.label_nl]
            assert (cell.text, cell.status) == ("uit koers", "off_track")
    # the renderer colours a status by its flag (annual.css: td.off_track)
    assert '<td class="status off_track">uit koers</td>' in render_html(report)


def test_the_count_per_status_counts_as_the_table_says(report: AnnualReport) -> None:
    """The overview's sentence counts the indicators held against no plan figure apart,
    as the table's status names them ('zonder plancijfer'); it had counted them among
    those 'zonder vergelijking'."""
    section = report.section("indicators")
    shown = [row.cells[6].text for row in section.tables[0].rows]
    plain, waiting = shown.count("zonder plancijfer"), shown.count("geen vergelijking")
    assert plain > 0
    assert f"{waiting} zonder vergelijking, {plain} zonder plancijfer" in section.paragraphs[0]


def test_unknown_figures_are_shown_as_in_every_interface(report: AnnualReport) -> None:
    """An unknown figure (no plan for an indicator, no actual yet) is '?' in the PDF, as on
    the command line and the web, and a blank cell in the annex (as in the comparison's
    rows), while known figures stay numbers there."""
    overview = report.section("indicators").tables[0]
    unknown = [row for row in overview.rows if row.cells[3].unknown]
    assert unknown, "the fictional set has indicators without a plan path"
    html = render_html(report)
    start = html.index('<table id="indicators">')
    body = html[start : html.index("</table>", start)]
    assert body.count('<td class="num">?</td>') >= len(unknown)
    assert '<td class="num">-</td>' not in body
    grid = annex_grids(report)
    sheet = next(g for name, g in grid.items() if name.endswith(" " + overview.title))
    for row, exported in zip(overview.rows, sheet[1:], strict=True):
        assert exported[3] == row.cells[3].value  # None (blank) or the raw number


def test_one_report_in_under_ten_seconds(plan: Plan, fictional: Actuals) -> None:
    """CPU time of the process (the machine is shared: wall time measures the others)."""
    started = time.process_time()
    report = annual_report(plan, fictional, YEAR)
    data = pdf_bytes(report)
    xlsx_annex(report)
    assert data.startswith(b"%PDF-")
    assert time.process_time() - started < 10.0


def test_english_report(plan: Plan, fictional: Actuals) -> None:
    steps: list[str] = []
    report = annual_report(plan, fictional, YEAR, lang="en", progress=steps.append)
    assert tuple(steps) == STEPS  # what the CLI and the web task show as progress
    assert [s.id for s in report.sections] == list(STEPS[2:])
    assert report.title == f"Progress report {YEAR}"
    html = render_html(report)
    assert 'lang="en"' in html and "Every indicator" in html and "Alle indicatoren" not in html
    assert "off track" in html


def test_a_report_never_looks_ahead(plan: Plan, fictional: Actuals) -> None:
    report = annual_report(plan, fictional, YEAR - 2)
    for comp in report.comparison.indicators:
        assert all(r.actual is None for r in comp.rows if r.year > YEAR - 2)
    overview = report.section("indicators").tables[0]
    years = [row.cells[2].value for row in overview.rows]
    assert any(years) and all(y is None or y <= YEAR - 2 for y in years)


def test_tables_show_the_latest_year_with_an_actual(report: AnnualReport) -> None:
    for comp in report.comparison.indicators:
        years = [r.year for r in comp.rows if r.observed and r.year <= YEAR]
        assert table_year(comp, YEAR) == (max(years) if years else YEAR)


def test_a_withheld_latest_year_is_shown_with_the_mark(report: AnnualReport) -> None:
    """The fictional partner jobs of their latest year come from too few organisations:
    the overview and the indicator's table show that year with the mark, not an earlier
    year whose figure may be shown as if it were the latest."""
    comp = report.comparison.indicator("partner-jobs")
    last = max(r.year for r in comp.rows if r.observed)
    assert all(r.suppressed for r in comp.rows if r.year == last and r.observed)
    assert any(r.actual is not None for r in comp.rows if r.year < last)  # not vacuous
    mark = disclosure.mark("nl")
    overview = report.section("indicators").tables[0]
    assert overview.cell("partner-jobs", "year").value == last
    assert [overview.cell("partner-jobs", c).text for c in ("actual", "gap")] == [mark, mark]
    table = next(t for t in report.tables() if t.key == "ind-partner-jobs")
    assert str(last) in table.title and {row.cells[2].text for row in table.rows} == {mark}


def test_year_outside_the_plan_and_unknown_language(plan: Plan, fictional: Actuals) -> None:
    with pytest.raises(ReportError, match="outside the plan"):
        annual_report(plan, fictional, plan.meta.horizon_end + 1)
    with pytest.raises(ReportError, match="language"):
        annual_report(plan, fictional, YEAR, lang="de")


def test_sections_follow_from_indicator_data(plan: Plan) -> None:
    assert plan.monitoring is not None
    for ind in plan.monitoring.indicators:
        assert section_of(ind) in ("jobs", "finance", "space", "talent", "acquisition", "other")
    jobs = plan.monitoring.indicators[0]
    as_money = jobs.model_copy(update={"compare_with": "none", "subject": "source"})
    assert section_of(as_money) == "finance"
    as_space = jobs.model_copy(update={"compare_with": "none", "unit": "m2", "subject": "none"})
    assert section_of(as_space) == "space"


def _partner_rows(plan: Plan, orgs_by_pillar: dict[str, int], value: float) -> Actuals:
    rows = []
    for pillar, n in orgs_by_pillar.items():
        for k in range(n):
            rows.append(
                Actual("partner-jobs", pillar, YEAR, value, "opgave", None, f"org-{pillar}-{k}")
            )
    return Actuals.of(rows, plan)


def test_partner_figures_from_fewer_than_three_organisations_are_withheld(plan: Plan) -> None:
    assert min_organisations(plan) == 3  # the plan's disclosure rule (monitoring.yaml)
    pillars = plan.pillar_ids
    # one pillar from 2 organisations (withheld), one from 3 (shown): the total would give
    # the withheld pillar back, so it is withheld too
    actuals = _partner_rows(plan, {pillars[0]: 2, pillars[1]: 3}, 123457.0)
    report = annual_report(plan, actuals, YEAR)
    table = next(t for t in report.tables() if t.key == "ind-partner-jobs")
    by_subject = {row.cells[0].text: row.cells[2] for row in table.rows}
    names = {p.id: p.name_nl for p in plan.taxonomy.pillars}
    mark = disclosure.mark("nl")  # the core's mark, as every page writes a withheld figure
    assert by_subject[names[pillars[0]]].text == mark
    assert by_subject[names[pillars[1]]].value == 3 * 123457.0
    assert by_subject["Clustertotaal"].text == mark
    gaps = {row.cells[0].text: row.cells[3] for row in table.rows}
    assert gaps[names[pillars[0]]].text == mark  # a withheld gap is withheld, not unknown
    assert gaps["Clustertotaal"].text == mark
    assert table.totals is not None and table.totals.cells[0].text == "Clustertotaal"
    html = render_html(report)
    assert format_number(2 * 123457.0, "nl") not in html
    assert format_number(5 * 123457.0, "nl") not in html
    assert f"minder dan {min_organisations(plan)} organisaties" in html
    assert escape(disclosure.note(min_organisations(plan), "organisations", "nl")) in html
    # two withheld pillars of 2 organisations each: 4 in the total, still withheld (the
    # plan's rule: a total is withheld when one of its parts is)
    actuals = _partner_rows(plan, {pillars[0]: 2, pillars[1]: 2}, 10.0)
    report = annual_report(plan, actuals, YEAR)
    table = next(t for t in report.tables() if t.key == "ind-partner-jobs")
    assert table.cell("total", "actual").text == mark
    # every pillar from 3 organisations: every figure and the total are shown
    actuals = _partner_rows(plan, {pillars[0]: 3, pillars[1]: 3}, 10.0)
    report = annual_report(plan, actuals, YEAR)
    table = next(t for t in report.tables() if t.key == "ind-partner-jobs")
    assert table.cell("total", "actual").value == 60.0


def test_changes_since_the_previous_revision(plan: Plan, fictional: Actuals) -> None:
    goal = plan.employment.goal.model_copy(update={"factor": plan.employment.goal.factor + 0.5})
    employment = plan.employment.model_copy(update={"goal": goal})
    previous = plan.model_copy(update={"employment": employment})
    changes = plan_changes(previous, plan)
    assert changes == [("employment.goal.factor", goal.factor, plan.employment.goal.factor)]
    assert plan_changes(plan, plan) == []
    report = annual_report(plan, fictional, YEAR, previous_plan=previous)
    table = report.section("changes").tables[0]
    assert [(row.cells[0].text, row.cells[1].value, row.cells[2].value) for row in table.rows] == [
        ("employment.goal.factor", goal.factor, plan.employment.goal.factor)
    ]
    # written as in the plan file: as many decimals as the figure has
    html = render_html(report)
    assert (
        f'<td>employment.goal.factor</td><td class="num">{format_number(goal.factor, "nl", AS_NEEDED)}</td>'
        in html
    )


def test_open_findings_leave_out_confirmations(
    plan: Plan, fictional: Actuals, report: AnnualReport
) -> None:
    found = open_findings(plan)
    assert found and all(not f.code.endswith("-ok") for f in found)
    table = report.section("findings").tables[0]
    assert len(table.rows) == len(found)
    texts = [[cell.text for cell in row.cells] for row in table.rows]
    assert all("(ok)" not in str(row[2]) for row in texts)
    # Written in the report's language (Dutch by default), place and finding alike.
    assert report.lang == "nl"
    assert [tuple(row[1:]) for row in texts] == [
        (f.where.text("nl"), f.message.text("nl")) for f in found
    ]
    assert all(row[2] != f.message for row, f in zip(texts, found, strict=True))
    english = annual_report(plan, fictional, YEAR, lang="en")
    rows = english.section("findings").tables[0].rows
    assert [row.cells[2].text for row in rows] == [f.message for f in found]


def test_xlsx_annex_has_every_table(tmp_path: Path, report: AnnualReport) -> None:
    path = tmp_path / "annex.xlsx"
    path.write_bytes(xlsx_annex(report))
    book = load_workbook(path)
    tables = report.tables()
    assert len(book.sheetnames) == len(tables) + 2 == len(annex_grids(report))
    contents = book.worksheets[0]
    assert contents.title == "Inhoud"
    listed = [[c.value for c in row] for row in contents.iter_rows(min_row=2)]
    assert listed[:-1] == [[f"{n:02d}", t.title] for n, t in enumerate(tables, start=1)]
    # the last sheet: every comparison row (disclosed), as many as the comparison has
    rows = book.worksheets[-1]
    assert rows.max_row - 1 == sum(len(c.rows) for c in report.comparison.indicators)
    index = [t.key for t in tables].index("indicators")
    sheet = book.worksheets[index + 1]
    assert sheet.title.startswith(f"{index + 1:02d} ")
    overview = tables[index]
    assert [c.value for c in sheet[1]] == [c.heading for c in overview.columns]
    first = overview.rows[0].cells[3].value
    assert isinstance(first, float)
    assert sheet.cell(2, 4).value == first  # numbers stay numbers


def test_the_pdf_fetches_nothing_but_its_own_style_sheet() -> None:
    fetcher = _fetcher()
    assert b"@page" in fetcher.fetch("https://report.invalid/annual.css").read()
    for url in ("https://report.invalid/../etc/passwd", "file:///etc/passwd", "http://x/a.png"):
        with pytest.raises(ReportError):
            fetcher.fetch(url)


@needs_poppler
def test_dutch_characters_render(plan: Plan, fictional: Actuals) -> None:
    report = annual_report(plan, fictional, YEAR)
    text = _text(pdf_bytes(report))
    assert "Financiën" in text and "vóór" in text.lower() and "m²" in text


@needs_poppler
def test_every_progress_step_has_words_in_each_language() -> None:
    """The command line names each step in the run's language, never by its id."""
    for lang in ("nl", "en"):
        words = [step_words(step, lang) for step in STEPS]
        assert len(set(words)) == len(STEPS) and not set(words) & set(STEPS)
    assert step_words("findings", "nl") == "Open bevindingen in het plan"
    assert step_words("compare", "en") == "Plan against the observations"


def test_cli_report_writes_pdf_and_annex(tmp_path: Path) -> None:
    out, annex = tmp_path / "r.pdf", tmp_path / "a.xlsx"
    result = CliRunner().invoke(
        app,
        [
            "report",
            "--actuals",
            str(FICTIONAL),
            "--year",
            str(YEAR),
            "--out",
            str(out),
            "--xlsx",
            str(annex),
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 0, result.stderr
    progress = [
        line for line in result.stderr.splitlines() if line.startswith("report: done with ")
    ]
    assert len(progress) == len(STEPS)
    for title in (
        "The goal and the chance of reaching it",
        "Every indicator",
        "Finance: realised against planned",
        "Open findings in the plan",
    ):
        assert f"report: done with {title}" in progress
    assert not {f"report: done with {step}" for step in STEPS} & set(progress)  # words, not ids
    assert "Every indicator" in _text(out.read_bytes())
    assert load_workbook(annex).sheetnames


def test_cli_report_errors_are_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    base = ["report", "--actuals", str(FICTIONAL), "--out", str(tmp_path / "r.pdf")]
    result = runner.invoke(app, [*base, "--year", "2999"])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "2999" in result.stderr and "Traceback" not in result.stderr
    result = runner.invoke(app, [*base, "--year", str(YEAR), "--lang", "de"])
    assert result.exit_code == 2 and "--lang" in result.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator,subject,year,value,source\njobs,nowhere,2027,5,x\n", encoding="utf-8")
    result = runner.invoke(
        app,
        ["report", "--actuals", str(bad), "--year", str(YEAR), "--out", str(tmp_path / "r.pdf")],
    )
    assert result.exit_code == 1 and "row 2" in result.stderr and "subject" in result.stderr
    assert not (tmp_path / "r.pdf").exists()


def test_the_impact_section_has_the_impact_commands_figures() -> None:
    from clusterplan.model.impact import HEADLINE, impact
    from clusterplan.plan.load import bundled_plan
    from clusterplan.report.impact import headline_table

    plan = bundled_plan()
    actuals = read_actuals(FICTIONAL, plan)
    report = annual_report(plan, actuals, 2028, "en", samples=2_000, seed=3)
    section = next(s for s in report.sections if s.id == "impact")
    result = impact(plan, report.comparison.dimension)
    shown = section.tables[0]
    assert shown.rows == headline_table(plan, result, "en").rows  # the command's own table
    assert [row.key for row in shown.rows] == list(HEADLINE)
    figures = result.figures()
    values = [row.cells[1].value for row in shown.rows]
    assert values[0] == round(figures["direct_jobs"])
    assert values[HEADLINE.index("leverage")] == round(figures["leverage"], 2)
    assert all(row.cells[4].text for row in shown.rows)  # every figure says where it comes from


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_plan_without_a_goal_reports_against_its_reference(
    plan: Plan, fictional: Actuals, lang: str
) -> None:
    """Without a goal the goal section compares with the plan's reference goal (the last
    growth dimension's target) and opens with the line the command line and the web say."""
    from clusterplan.app.scenarios import reference_note
    from clusterplan.plan.parts import goal_target

    bare = plan.model_copy(update={"employment": plan.employment.model_copy(update={"goal": None})})
    reference = goal_target(bare)
    assert not reference.declared
    report = annual_report(bare, fictional, YEAR, lang=lang, samples=200, seed=1)
    goal = next(s for s in report.sections if s.id == "goal")
    assert goal.paragraphs[0] == reference_note(bare, lang)
    assert format_number(reference.jobs_for(0.0), lang, 0) in goal.paragraphs[0]


def test_each_status_rule_names_the_indicators_it_judges_not_its_id(
    report: AnnualReport, plan: Plan
) -> None:
    paragraphs = report.section("indicators").paragraphs[1:]
    mon = monitoring_of(plan)
    judged = {r.id: [i.label_nl for i in mon.indicators if i.rule == r.id] for r in mon.rules}
    used = sorted((names for names in judged.values() if names), key=len)
    assert len(paragraphs) == len(used) >= 2  # the bundled plan has several rules
    for names, text in zip(used[:-1], paragraphs, strict=False):
        assert text.startswith("Voor " + ", ".join(names) + ": op koers")
    # the rule of most indicators comes last, as the other indicators
    assert paragraphs[-1].startswith("Voor de overige indicatoren: op koers")
    assert not any(f"'{rule}'" in text for rule in judged for text in paragraphs)


@pytest.mark.parametrize(("lang", "title"), [("nl", "Alle indicatoren"), ("en", "Every indicator")])
def test_the_report_is_in_the_runs_language_unless_told(
    tmp_path: Path, lang: str, title: str
) -> None:
    out = tmp_path / "r.pdf"
    args = ["--actuals", str(FICTIONAL), "--year", str(YEAR), "--out", str(out)]
    result = CliRunner().invoke(app, ["--lang", lang, "report", *args])
    assert result.exit_code == 0, result.stderr
    assert title in _text(out.read_bytes())


def test_every_indicator_subject_is_named_funding_sources_and_levels_too(plan: Plan) -> None:
    """The report's charts and tables name a subject by the plan's or the catalogue's words
    (it named funding sources and the level 'other' by their ids)."""
    for lang in ("nl", "en"):
        names = every_subject_name(plan, lang)
        for source, name in funding_sources(plan, lang):
            assert names[source] == name
        assert names["other"] == label("education.level", "other", lang)
        assert names["other"] != "other"


def test_the_rows_of_an_indicator_without_a_plan_figure_say_so(
    plan: Plan, report: AnnualReport
) -> None:
    """An indicator held against no plan figure is 'zonder plancijfer' in the overview, and
    so is each of its rows in its own table (they had said 'geen vergelijking', as a row
    still waiting for an actual does), with the colour of a row without comparison; the
    rows of a compared indicator never say it."""
    indicators = {ind.id: ind for ind in monitoring_of(plan).indicators}
    tables = {
        t.key.removeprefix("ind-"): t
        for section in report.sections
        for t in section.tables
        if t.key.startswith("ind-")
    }
    plain = [
        k for k, ind in indicators.items() if not ind.compared and k in tables and tables[k].rows
    ]
    assert plain, "the fictional set has rows of an indicator without a plan figure"
    for key, table in tables.items():
        statuses = {row.cells[4].text for row in table.rows}
        if indicators[key].compared:
            assert "zonder plancijfer" not in statuses, key
        else:
            assert statuses <= {"zonder plancijfer"}, key
            assert {row.cells[4].status for row in table.rows} <= {"no_data"}, key
