"""The one number formatter, the one totals rule and the plan's tables built once."""

from __future__ import annotations

import csv
import io

import pytest

from clusterplan.i18n import unit_words
from clusterplan.io.export import export_tables
from clusterplan.labels import choice_label
from clusterplan.labels import label as words
from clusterplan.plan.load import bundled_plan
from clusterplan.plan.schema import ENABLING, Plan
from clusterplan.report.numbers import (
    AS_NEEDED,
    INCLUDES_UNKNOWN,
    MISSING,
    UNKNOWN,
    format_number,
    format_percent,
    format_value,
    json_number,
    percent,
)
from clusterplan.report.table import Cell, export_grid, figure, render_text, shown_rows, total
from clusterplan.report.tables import (
    assumption_text,
    costs_part,
    coverage_part,
    dimension_name,
    item_label,
    jobs_table,
    plan_name,
    plan_tables,
    projects_table,
    value_text,
)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return bundled_plan()


# --------------------------------------------------------------------------- formatter


def test_dutch_and_english_numbers() -> None:
    assert format_number(1234.5, "nl", 1) == "1.234,5"
    assert format_number(1234.5, "en", 1) == "1,234.5"
    assert format_number(1234.5, "en-gb", 1) == "1,234.5"
    assert format_number(1234567, "nl") == "1.234.567"
    assert format_number(-0.04, "nl", 1) == "0,0"
    assert format_number(float("inf"), "en") == "-"
    assert format_number(1234.5, "en", 1, grouping=False) == "1234.5"
    assert format_number(0.35, "nl", AS_NEEDED) == "0,35"  # an assumption is not rounded
    assert format_number(12.0, "en", AS_NEEDED) == "12"


def test_units_years_unknowns_and_the_marker() -> None:
    assert format_value(2035, "year", "nl") == "2035"  # never 2.035
    assert format_value(1165, "meur", "nl") == "1.165,0"  # money: one decimal
    assert format_value(8749.6, "jobs", "en") == "8,750"  # jobs: whole
    assert format_value(None, "meur", "en") == UNKNOWN
    assert format_value(545, "meur", "en", includes_unknown=True) == "545.0" + INCLUDES_UNKNOWN
    assert format_percent(0.25, "nl") == "25,0%"
    assert format_percent(0.2549, "en", 0) == "25%"


def test_a_share_in_percent_has_the_percent_units_decimals() -> None:
    assert percent(0.12345) == 12.3  # the unit pct: one decimal
    assert percent(0.12545, 0) == 13.0
    assert percent(1) == 100.0


def test_a_figure_for_json_is_rounded_and_unknown_is_null() -> None:
    assert json_number(1234.5678) == 1234.6
    assert json_number(0.123456, 4) == 0.1235
    assert json_number(float("nan")) is None and json_number(None) is None
    assert json_number(7) == 7.0


# --------------------------------------------------------------------------- totals rule


def test_a_total_leaves_out_unknowns_and_says_so() -> None:
    cells = [figure(10, "meur"), figure(None, "meur"), figure(5.5, "meur")]
    result = total(cells, "meur", printed=15.5)
    assert result.value == 15.5 and result.includes_unknown and result.computed
    assert not result.differs_from_print
    assert result.shown("nl") == "15,5+?"


def test_a_total_of_unknowns_only_is_unknown() -> None:
    result = total([figure(None, "jobs"), figure(None, "jobs")], "jobs")
    assert result.unknown and result.shown("en") == "?"


def test_a_partial_figure_makes_its_total_partial_and_a_difference_is_named() -> None:
    partial = Cell(value=3.0, unit="meur", includes_unknown=True, computed=True)
    result = total([partial, figure(2, "meur")], "meur", printed=6)
    assert result.value == 5 and result.includes_unknown
    assert result.differs_from_print


# --------------------------------------------------------------------------- the plan's tables


def test_table_names_come_from_the_plan_sources() -> None:
    assert plan_name(["Book 3, row 'a'", "Book 3, row 'b'; chapter II"]) == "Book 3"
    assert plan_name(["Report, Chart 2, row a", "Report, Chart 2, row b"]) == "Chart 2"
    assert plan_name(["one", "other"]) is None
    # one row: its source's last part names the row, not the table
    assert plan_name(["Figure 6, row 'trend'"]) == "Figure 6"
    assert plan_name(["Figure 6"]) == "Figure 6"
    assert plan_name(["Book 3, row a", None]) is None


def test_the_projects_table_adds_up_its_own_rows(plan: Plan) -> None:
    table = projects_table(plan, "nl")
    totals = table.totals
    assert totals is not None
    for index, column in enumerate(table.columns[1:], start=1):
        known = [r.cells[index].value for r in table.body if r.cells[index].value is not None]
        assert totals.cells[index].value == pytest.approx(sum(known)), column.key
    year = plan.finance.cost_years[0]
    first = table.cell("total", f"year:{year}")
    assert first.printed == plan.finance.projects_printed_totals.costs_meur[year]
    assert not first.differs_from_print
    # every source of the plan is a column, in the plan's order
    assert [c.key for c in table.columns if c.group == "source"] == [
        f"source:{s}" for s in plan.finance.projects[0].coverage_meur.as_dict()
    ]


def test_the_projects_table_keeps_unknown_coverage_unknown(plan: Plan) -> None:
    table = projects_table(plan, "en")
    unknown_rows = [
        line.id
        for line in plan.finance.projects
        if all(v is None for v in line.coverage_meur.as_dict().values())
    ]
    assert unknown_rows
    for row_id in unknown_rows:
        assert table.cell(row_id, "covered").unknown
        assert table.cell(row_id, "not_covered").unknown
    assert table.cell("total", "covered").includes_unknown


def test_the_jobs_table_has_a_row_per_growth_dimension_of_the_plan(plan: Plan) -> None:
    table = jobs_table(plan, "en")
    assert [r.key for r in table.rows] == ["base", *plan.employment.scenarios]
    for key, scenario in plan.employment.scenarios.items():
        assert table.cell(key, "total").value == sum(scenario.jobs.values())
        assert table.cell(key, "total").printed == scenario.printed_total
    fewer = plan.model_copy(deep=True)
    first = next(iter(fewer.employment.scenarios))
    del fewer.employment.scenarios[first]
    assert [r.key for r in jobs_table(fewer, "en").rows] == ["base", *fewer.employment.scenarios]


def test_printed_totals_that_differ_are_named_in_a_note(plan: Plan) -> None:
    table = jobs_table(plan, "en")
    differing = [
        k
        for k, s in plan.employment.scenarios.items()
        if s.printed_total is not None and s.printed_total != sum(s.jobs.values())
    ]
    assert len([n for n in table.notes if "The plan prints" in n]) == len(differing)


def test_parts_of_a_cost_table_share_its_cells(plan: Plan) -> None:
    table = projects_table(plan, "nl")
    costs, coverage = costs_part(table), coverage_part(table)
    assert costs.cell("total", "total") == table.cell("total", "total")
    assert coverage.cell("total", "total") == table.cell("total", "total")
    assert {c.group for c in costs.columns} == {"label", "year", "total"}


def test_text_csv_and_xlsx_show_the_same_cells(plan: Plan) -> None:
    for table in plan_tables(plan, "en"):
        text = render_text(table)
        for row in shown_rows(table)[1:]:
            assert all(cell in text for cell in row)
        rows = list(
            csv.reader(io.StringIO(export_tables({"t": export_grid(table)}, "csv").decode()))
        )
        assert len(rows) == len(table.rows) + 2  # title row, heading row, rows
        for csv_row, row in zip(rows[2:], table.rows, strict=True):
            for text_cell, cell in zip(csv_row, row.cells, strict=True):
                if cell.value is not None and not cell.includes_unknown:
                    assert float(text_cell) == pytest.approx(float(cell.value))
                else:
                    assert text_cell == cell.shown("en", grouping=False)


def test_a_wide_table_is_written_in_parts_that_fit_the_width(plan: Plan) -> None:
    table = projects_table(plan, "en")
    whole = render_text(table)
    narrow = render_text(table, width=80)
    assert max(len(line) for line in whole.splitlines()) > 80
    body = narrow.splitlines()[2 : -len(table.notes) or None]  # not the title and notes
    assert max(len(line) for line in body) <= 80
    for row in shown_rows(table)[1:]:
        assert all(cell in narrow for cell in row)
    assert render_text(table, width=10_000) == whole


def test_a_plan_in_english_gets_english_tables(plan: Plan) -> None:
    english = plan.model_copy(update={"meta": plan.meta.model_copy(update={"language": "en"})})
    tables = plan_tables(english)
    assert tables[0].lang == "en"
    assert tables[0].columns[-1].heading == "Not covered"


def test_computed_figures_carry_no_float_noise() -> None:
    from clusterplan.report.table import difference

    covered = total([figure(0.1, "meur"), figure(0.2, "meur")], "meur")
    gap = difference(figure(0.3, "meur"), covered, "meur")
    assert gap.value == 0.0 and str(gap.value) == "0.0"


def test_a_cell_can_carry_its_decimals_and_a_status() -> None:
    """A cell's own decimals override its unit's for the reader only (exports keep the raw
    number); a status travels to the HTML rows for a renderer to colour."""
    from clusterplan.report.table import Column, Row, Table, html_rows

    cells = (
        Cell(text="x", status="off_track"),
        figure(0.36, "meur", decimals=AS_NEEDED),
        figure(0.36, "meur"),
        figure(1234.5678, "", decimals=3),
        figure(None, "meur", decimals=3),
    )
    columns = (
        Column("label", "L", "label"),
        *(Column(f"c{i}", f"C{i}", "other", "meur") for i in range(1, 5)),
    )
    table = Table("t", "t", "t", "nl", columns, (Row("r", cells),))
    assert shown_rows(table)[1] == ["x", "0,36", "0,4", "1.234,568", UNKNOWN]
    html = html_rows(table)[0]
    assert [c["status"] for c in html] == ["off_track", None, None, None, None]
    assert [c["numeric"] for c in html] == [False, True, True, True, True]
    assert export_grid(table)[1] == ["x", 0.36, 0.36, 1234.5678, UNKNOWN]
    # the unknown marker of an export: '?' unless told (the annual annex leaves it blank)
    assert export_grid(table, unknown=None)[1][-1] is None


@pytest.mark.parametrize(
    ("lang", "name", "heading"),
    [("nl", "Gekozen fasering", "Banen in 2035"), ("en", "Chosen phasing", "Jobs in 2035")],
)
def test_a_catalogued_table_is_named_titled_and_headed_by_the_catalogue(
    lang: str, name: str, heading: str
) -> None:
    """Name, title and headings come from the catalogue in the table's language (its
    ``TEXTS.name``, ``TEXTS.title`` and ``TEXTS.col.KEY`` with the parameters filled in);
    a key in ``words`` holds words, the others figures in their unit (the table's unless
    told); a column given as a :class:`Column` is kept as it is."""
    from clusterplan.report.messages import msg
    from clusterplan.report.table import Column, Row, catalogued

    year = Column("year:2035", "2035", "year", "jobs")
    row = Row("p", (Cell(text="p"), figure(1, "years"), figure(2, "jobs")))
    table = catalogued(
        "choice",
        lang,
        ("project", "shift", year, "jobs_goal_year"),
        [row],
        texts="table.phasing_choice",
        words=("project",),
        units={"shift": "years"},
        unit="jobs",
        notes=["n"],
        year=2035,
    )
    assert (table.key, table.name, table.lang, table.unit, table.notes) == (
        "choice",
        name,
        lang,
        "jobs",
        ("n",),
    )
    assert table.title == msg("table.phasing_choice.title", lang)
    assert table.rows == (row,)
    assert [c.heading for c in table.columns] == [
        msg("table.phasing_choice.col.project", lang),
        msg("table.phasing_choice.col.shift", lang),
        "2035",
        heading,
    ]
    assert [(c.key, c.group, c.unit) for c in table.columns] == [
        ("project", "label", ""),
        ("shift", "other", "years"),
        ("year:2035", "year", "jobs"),
        ("jobs_goal_year", "other", "jobs"),  # the table's unit where ``units`` does not say
    ]


def test_a_catalogued_table_with_a_title_alone_is_named_by_it() -> None:
    """Without ``texts`` the given title names the table too, and the headings stand at
    ``headings``."""
    from clusterplan.report.table import catalogued

    table = catalogued("gap", "nl", ("year",), [], title="Tekort", headings="talent.annual")
    assert (table.name, table.title) == ("Tekort", "Tekort")
    assert [(c.heading, c.group) for c in table.columns] == [("Jaar", "other")]


def test_values_given_as_they_are_become_the_same_cells() -> None:
    """A list a page shows (words, counts, amounts, unknowns) is a table of the one model:
    words are labels, yes or no in the table's language, numbers figures (floats with the
    table's decimals), None unknown, a cell stays itself; the file keeps the numbers."""
    from clusterplan.report.table import as_cell, given

    mark = Cell(value=3, unit="jobs", includes_unknown=True)
    table = given(
        "leads",
        "Leads",
        "nl",
        ["Name", "Count", "Amount", "Open", "Jobs"],
        [["Vexa", 1200, 2.25, None, mark], ["Ova", 3, 2.0, True, None]],
        numeric=[False, True, True, False, True],
        decimals=2,
    )
    assert [c.numeric for c in table.columns] == [False, True, True, False, True]
    assert shown_rows(table)[1:] == [
        ["Vexa", "1.200", "2,25", UNKNOWN, "3" + INCLUDES_UNKNOWN],
        ["Ova", "3", "2,00", "ja", UNKNOWN],
    ]
    assert export_grid(table)[1] == ["Vexa", 1200, 2.25, UNKNOWN, "3" + INCLUDES_UNKNOWN]
    assert as_cell(mark) is mark
    assert as_cell(7, decimals=2).decimals is None  # a count stays whole
    assert as_cell(False, lang="en").text == "no"
    with pytest.raises(ValueError):
        given("t", "T", "nl", ["A", "B"], [], numeric=[True])


@pytest.mark.parametrize(
    ("value", "nl", "en"),
    [
        (0.35, "0,35", "0.35"),  # the decimals it has, not the unit's
        (2030, "2030", "2030"),  # a year keeps its digits
        (12500.5, "12.500,5", "12,500.5"),
        (True, "ja", "yes"),
        (None, MISSING, MISSING),
        ([], MISSING, MISSING),
        (["a", "b"], "A; b", "A; b"),  # ids by their names; '; ' since ',' is a decimal mark
        ({"a": 1.5, "c": [1, 2]}, "A: 1,5; c: (1; 2)", "A: 1.5; c: (1; 2)"),
    ],
)
def test_an_assumptions_value_as_text(value: object, nl: str, en: str) -> None:
    names = {"a": "A"}
    assert (value_text(value, "nl", names), value_text(value, "en", names)) == (nl, en)


def test_a_dimension_is_named_by_the_plan_and_enabling_by_the_catalogue(plan: Plan) -> None:
    """Text names a growth dimension, the enabling projects' one included, never by its id."""
    first = plan.employment.dimension_ids[0]
    assert dimension_name(plan, first, "nl") == plan.employment.scenarios[first].name_nl
    assert dimension_name(plan, ENABLING, "nl") == "Randvoorwaardelijk"
    assert dimension_name(plan, ENABLING, "en") == "Enabling"
    assert dimension_name(plan, "no-such", "en") == "no-such"


def test_an_assumption_reads_with_its_ids_by_their_words_and_its_unit(plan: Plan) -> None:
    stages = plan.assumption("acquisition.stage-probability")
    nl = assumption_text(plan, stages, "nl")
    assert nl.startswith("Geïdentificeerd: 0,05; ") and nl.endswith(" kans")
    assert "identified" not in nl and "Identified: 0.05" in assumption_text(plan, stages, "en")
    flag = next(a for a in plan.assumptions if isinstance(a.value, bool))
    assert assumption_text(plan, flag, "nl") in ("ja", "nee")  # no unit after a yes or no


def test_a_choice_reads_as_its_words_without_a_unit(plan: Plan) -> None:
    """A value naming a growth dimension reads as the dimension's name, a choice as its
    words (not 'even', no 'calibrate verhouding', 'even regel'); a unit after one is
    singular."""
    split = plan.assumption("growth.backcast.pillar-split")
    name = plan.employment.scenarios[split.value].name_nl
    assert assumption_text(plan, split, "nl") == name
    rule = plan.assumption("ecosystem.jobs-pillar-split")  # a choice by its words
    assert assumption_text(plan, rule, "nl") == choice_label(rule.value, "nl") != rule.value
    assert assumption_text(plan, rule, "en") == choice_label(rule.value, "en") != rule.value
    thin = plan.assumption("ecosystem.whitespot-thin-max-organisations")
    one, two = (thin.model_copy(update={"value": n}) for n in (1, 2))
    assert assumption_text(plan, one, "nl") == "1 organisatie"
    assert assumption_text(plan, one, "en") == "1 organisation"
    assert assumption_text(plan, two, "nl") == "2 organisaties"


def test_a_list_of_bands_reads_as_named_ranges() -> None:
    bands = [
        {"id": "s", "min_jobs": 0, "max_jobs": 9},
        {"id": "l", "min_jobs": 10, "max_jobs": None},
    ]
    assert value_text(bands, "nl") == "s: 0\u20139; l: 10 of meer"
    assert value_text(bands, "en") == "s: 0\u20139; l: 10 or more"


def test_a_value_taken_from_a_fact_reads_as_the_fact_and_its_source(plan: Plan) -> None:
    """'fact:<id>' reads as the fact: its label, its figure ('~' for an approximate one,
    'more than' for a lower bound) with its unit, and where in the plan it is from; a fact
    the plan has not is said to be missing, by its id."""
    taken = next(a for a in plan.assumptions if str(a.value).startswith("fact:"))
    fact = next(f for f in plan.facts if f"fact:{f.id}" == taken.value)
    for lang in ("nl", "en"):
        text = assumption_text(plan, taken, lang)
        assert "fact:" not in text
        assert text.startswith(f"{item_label(fact, lang)}: ")
        assert f"({'feit uit het plan' if lang == 'nl' else 'a fact of the plan'}: " in text
        assert text.endswith(f"{fact.source})")
    bound = fact.model_copy(update={"bound": "lower", "approximate": False, "value": 12})
    other = plan.model_copy(update={"facts": [bound]})
    assert f": meer dan 12 {unit_words(fact.unit, 'nl')} (" in assumption_text(other, taken, "nl")
    gone = plan.model_copy(update={"facts": []})
    assert fact.id in assumption_text(gone, taken, "en")
    assert "not have" in assumption_text(gone, taken, "en")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_wide_table_reads_by_its_bands_and_a_flat_one_keeps_whole_headings(
    plan: Plan, lang: str
) -> None:
    from clusterplan.app.demand import demand
    from clusterplan.report.demand import talent_year_table
    from clusterplan.report.table import head_rows

    outcome = demand(plan, "leap", samples=40, seed=3, models=("talent",))
    assert outcome.talent is not None and outcome.talent_bands is not None
    table = talent_year_table(outcome.talent, lang, bands=outcome.talent_bands)
    levels = outcome.talent.levels
    top, under = head_rows(table.columns)
    # The year covers both rows; each level is one band over its five columns.
    assert [(c.text, c.rows, c.band) for c in top[:1]] == [(table.columns[0].heading, 2, False)]
    names = [words("education.level", lv, lang) for lv in levels]
    assert [(c.text, c.span, c.scope) for c in top[1:]] == [(n, 5, "colgroup") for n in names]
    need, supply, gap = {"nl": ("behoefte", "aanbod", "tekort"), "en": ("need", "supply", "gap")}[
        lang
    ]
    # A band's ends are headed by their percentile alone beside the need (21 columns fit a
    # page as 'need p5' did not); the table's note says whose band they are.
    assert [c.text for c in under] == [need, "p5", "p95", supply, gap] * len(levels)
    assert any(need in note and "p5" in note and "p95" in note for note in table.notes)
    # Flat renderings (text, CSV, XLSX) keep a heading that names the level and the need.
    assert table.columns[2].heading == f"{names[0]}: {need} p5"
    assert export_grid(table)[0][1] == f"{names[0]}: {need}"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_space_table_reads_by_the_year_and_so_far_with_its_band_ends(
    plan: Plan, lang: str
) -> None:
    """Its eleven columns had each said all ('Tekort tot dan p95'); the figures of the year
    and those so far now stand under a band each, a band's ends headed by their percentile
    beside their figure, and a note says whose bands they are. Flat renderings keep whole
    headings."""
    from clusterplan.app.demand import demand
    from clusterplan.report.demand import space_year_table
    from clusterplan.report.table import head_rows

    outcome = demand(plan, "leap", samples=40, seed=3, models=("space",))
    assert outcome.space is not None and outcome.space_bands is not None
    table = space_year_table(outcome.space, lang, bands=outcome.space_bands)
    top, under = head_rows(table.columns)
    year, so_far = {"nl": ("Per jaar", "Tot dan"), "en": ("In the year", "So far")}[lang]
    assert [(c.text, c.span, c.band) for c in top[1:]] == [(year, 2, True), (so_far, 7, True)]
    demand_, new, supply, shortfall = {
        "nl": ("vraag", "nieuw aanbod", "aanbod", "tekort"),
        "en": ("demand", "new supply", "supply", "shortfall"),
    }[lang]
    assert [c.text for c in under] == [
        demand_,
        new,
        demand_,
        "p5",
        "p95",
        supply,
        shortfall,
        "p5",
        "p95",
    ]
    assert any(shortfall in note and "p95" in note for note in table.notes)
    assert f"{so_far}: {shortfall} p95" in [c.heading for c in table.columns]
    without = space_year_table(outcome.space, lang)
    assert "p5" not in [c.short for c in without.columns] and not without.notes


def test_a_table_without_bands_has_one_row_of_headings(plan: Plan) -> None:
    from clusterplan.report.table import head_rows

    table = jobs_table(plan, "nl")
    (row,) = head_rows(table.columns)
    assert [c.text for c in row] == [c.heading for c in table.columns]
    assert all(c.scope == "col" and c.span == 1 and c.rows == 1 for c in row)


def test_a_headings_unit_keeps_to_one_line_where_a_table_is_drawn() -> None:
    """In a narrow column 'Public (M EUR)' wrapped as 'Public (M' over 'EUR)': the unit's
    spaces are no-break spaces in the head the page and the PDF draw, not in a download."""
    from clusterplan.report.table import Column, head_rows

    columns = (
        Column("project", "Project name", "label"),
        Column("public", "Public per job (k EUR)", "other", "k EUR"),
        Column("x", "Demand (m²) in 2030", "other"),
        Column("level", "HBO (applied sciences)", "other"),
        Column("k", "Publiek per baan (duizend euro)", "other"),
    )
    (row,) = head_rows(columns)
    assert [c.text for c in row] == [
        "Project name",
        "Public per job (k\u00a0EUR)",
        "Demand (m²) in 2030",
        "HBO (applied sciences)",  # words in brackets, not a unit: they wrap as words do
        "Publiek per baan (duizend\u00a0euro)",
    ]
    assert [c.text for c in head_rows((*columns, Column("y", "y", "other", band="A (M EUR)")))[0]][
        -1
    ] == "A (M\u00a0EUR)"


def test_the_pdf_draws_a_banded_head_as_the_page_does(plan: Plan) -> None:
    from clusterplan.app.demand import demand
    from clusterplan.report.annual import _table_html
    from clusterplan.report.demand import talent_year_table

    outcome = demand(plan, "leap", models=("talent",))
    assert outcome.talent is not None
    html = _table_html(talent_year_table(outcome.talent, "nl"))
    level = words("education.level", outcome.talent.levels[0], "nl")
    assert f'<th scope="colgroup" colspan="3" class="band">{level}</th>' in html
    assert '<th scope="col" rowspan="2">Jaar</th>' in html
    assert html.count("<tr>", 0, html.index("</thead>")) == 2
