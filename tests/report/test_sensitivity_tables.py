"""The sensitivity and scenario-discovery tables: built once from the core's Sobol and
PRIM results, headings from the catalogue in either language, inputs by their labels."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from clusterplan.app.inputs import label_of
from clusterplan.model.sensitivity import Discovery, PrimBox, SobolIndices, SobolResult
from clusterplan.plan.schema import Plan
from clusterplan.report.sensitivity import discovery_tables, sobol_table
from clusterplan.report.table import export_grid, render_text, shown_rows

NAMES = ["market__automotive", "fab_continues", "realisation__acp"]
"""Three of the bundled plan's sampled inputs."""


def _indices(output: str, first: list[float] | None, total: list[float] | None) -> SobolIndices:
    return SobolIndices(output, list(NAMES), first, first, total, total, 1.0)


def _result(jobs: SobolIndices, goal: SobolIndices) -> SobolResult:
    return SobolResult(
        n_base=64,
        n_evaluations=2240,
        seed=0,
        goal_jobs=11200.0,
        goal_year=2034,
        jobs=jobs,
        goal_reached=goal,
    )


JOBS = _indices("jobs_2034", [0.1234, 0.4567, 0.02], [0.2, 0.5, 0.05])
GOAL = _indices("goal_reached", [0.3, 0.01, 0.2], [0.6, 0.02, 0.4])


HEADED = {
    "en": (
        "Sensitivity: Sobol indices (2,240 model runs)",
        [
            "Uncertain input",
            "Jobs 2034: S1",
            "Jobs 2034: ST",
            "Goal reached: S1",
            "Goal reached: ST",
        ],
        "S1: first-order index",
    ),
    "nl": (
        "Gevoeligheid: Sobol-indices (2.240 modelruns)",
        [
            "Onzekere invoer",
            "Banen 2034: S1",
            "Banen 2034: ST",
            "Doel gehaald: S1",
            "Doel gehaald: ST",
        ],
        "S1: eerste-orde-index",
    ),
}
"""Per language: the Sobol table's title, headings and the start of its first note."""


@pytest.mark.parametrize("lang", sorted(HEADED))
def test_the_sobol_table_has_both_outputs_headed_in_the_tables_language(
    plan: Plan, lang: str
) -> None:
    table = sobol_table(plan, _result(JOBS, GOAL), lang)
    title, headings, note = HEADED[lang]
    assert (table.key, table.title) == ("sobol", title)
    assert [c.heading for c in table.columns] == headings
    assert table.notes[0].startswith(note)
    assert table.rows[0].cells[0].text == label_of(plan, "fab_continues", lang)


def test_inputs_are_ranked_by_the_total_order_of_the_jobs(plan: Plan) -> None:
    table = sobol_table(plan, _result(JOBS, GOAL), "en")
    assert [r.key for r in table.rows] == [
        "fab_continues",
        "market__automotive",
        "realisation__acp",
    ]
    assert table.cell("market__automotive", "goal_total").value == 0.6
    assert table.cell("fab_continues", "jobs_first").value == 0.4567
    assert table.cell("fab_continues", "jobs_first").computed


def test_an_output_that_does_not_vary_has_a_note_and_no_columns(plan: Plan) -> None:
    constant = _indices("goal_reached", None, None)
    table = sobol_table(plan, _result(JOBS, constant), "en")
    assert [c.key for c in table.columns] == ["input", "jobs_first", "jobs_total"]
    assert table.notes[1] == (
        "Whether the goal is reached does not vary in the samples: it has no indices."
    )
    jobs_constant = sobol_table(plan, _result(_indices("jobs_2034", None, None), GOAL), "nl")
    assert [c.key for c in jobs_constant.columns] == ["input", "goal_first", "goal_total"]
    assert jobs_constant.notes[1] == (
        "De banen in 2034 variëren niet in de trekkingen: ze hebben geen indices."
    )
    # Without indices for the jobs, the goal's total order ranks the inputs.
    assert [r.key for r in jobs_constant.rows] == [
        "market__automotive",
        "realisation__acp",
        "fab_continues",
    ]


def test_indices_are_shown_with_three_decimals_and_exported_whole(plan: Plan) -> None:
    table = sobol_table(plan, _result(JOBS, GOAL), "nl")
    row = shown_rows(table)[2]
    assert row[1:3] == ["0,123", "0,200"]
    assert export_grid(table)[2][1] == 0.1234
    assert "0,457" in render_text(table)


def test_an_index_stored_as_not_a_number_is_unknown(plan: Plan) -> None:
    jobs = _indices("jobs_2034", [math.nan, 0.4, 0.0], [0.2, 0.5, 0.05])
    table = sobol_table(plan, _result(jobs, GOAL), "en")
    assert table.cell("market__automotive", "jobs_first").unknown


DISCOVERY = Discovery(
    n=2000,
    seed=3,
    goal_jobs=11200.0,
    goal_year=2034,
    failure_rate=0.11,
    boxes=[
        PrimBox({"market__automotive": (0.8561, 2.21)}, coverage=0.714, density=0.61, mass=0.13),
        PrimBox({"fab_continues": (0.0, 0.0)}, coverage=0.2, density=0.9, mass=0.03),
    ],
    trajectory=[],
    input_ranges={"market__automotive": (0.8561, 3.3), "fab_continues": (0.0, 1.0)},
)


def test_each_box_is_a_table_of_its_input_ranges(plan: Plan) -> None:
    first, second = discovery_tables(plan, DISCOVERY, "nl")
    assert (first.key, second.key) == ("prim-box-1", "prim-box-2")
    assert first.title == (
        "Box 1: 71% van de mislukkingen, 61% van de runs erin mislukt, 13% van alle runs"
    )
    assert shown_rows(first) == [
        ["Onzekere invoer", "Van", "Tot", "Getrokken van", "Getrokken tot"],
        [label_of(plan, "market__automotive", "nl"), "0,856", "2,210", "0,856", "3,300"],
    ]
    english = discovery_tables(plan, DISCOVERY, "en")[1]
    assert [c.heading for c in english.columns] == [
        "Uncertain input",
        "From",
        "To",
        "Sampled from",
        "Sampled to",
    ]
    assert english.cell("fab_continues", "sampled_upper").value == pytest.approx(1.0)


def test_no_box_no_table(plan: Plan) -> None:
    assert discovery_tables(plan, replace(DISCOVERY, boxes=[]), "en") == []
