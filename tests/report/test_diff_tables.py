"""The tables of a revision comparison (``clusterplan diff`` and the web's comparison)."""

from __future__ import annotations

from clusterplan.errors import Coded
from clusterplan.i18n import Named
from clusterplan.plan.diff import NOT_IN_REVISION, Change, PlanDiff, ScenarioSide
from clusterplan.report.diff import ABSENT, change_tables, scenario_table
from clusterplan.report.table import shown_rows


def test_each_change_is_a_row_of_its_parts_table_in_the_readers_words() -> None:
    changes = (
        Change("costs", "changed", "p.2030", 30, 33.5, label=Named("Project NL, 2030", "P, 2030")),
        Change("projects", "added", "q", None, Named("Nieuw", "New"), label=Named("Nieuw", "New")),
        Change("projects", "removed", "r", Named("Oud", "Old"), None, label=Named("Oud", "Old")),
    )
    diff = PlanDiff("p", "p", "P", "P", changes, ())
    projects, costs = change_tables(diff, "nl")  # in the order of the parts
    assert [t.key for t in (projects, costs)] == ["diff-projects", "diff-costs"]
    assert shown_rows(projects)[1:] == [
        ["Nieuw", "toegevoegd", ABSENT, "Nieuw"],
        ["Oud", "verwijderd", "Oud", ABSENT],
    ]
    assert shown_rows(costs)[1:] == [["Project NL, 2030", "gewijzigd", "30", "33,5"]]
    (english,) = change_tables(PlanDiff("p", "p", "P", "P", changes[:1], ()), "en")
    assert shown_rows(english) == [
        ["Where", "Change", "Old revision", "New revision"],
        ["P, 2030", "changed", "30", "33.5"],
    ]


def test_a_refused_revision_is_no_result_with_its_reason_in_a_note() -> None:
    reason = Coded("growth.no_market_factor")  # one of the engine's refusals
    sides = (
        ScenarioSide("a", Named("Een", "One"), 2034, 2034, 1000.4, None, note_new=reason),
        ScenarioSide("b", Named("Twee", "Two"), None, 2034, None, 80.0, note_old=NOT_IN_REVISION),
    )
    table = scenario_table(PlanDiff("p", "p", "P", "P", (), sides), "en")
    assert shown_rows(table)[1:] == [
        ["One", "2034", "1,000", "2034", "no result", ABSENT, ABSENT, ABSENT],
        ["Two", ABSENT, "not in this revision", "2034", "80", ABSENT, ABSENT, ABSENT],
    ]
    assert table.notes[1:] == (
        "The new revision has no scenario result: the plan gives no market growth factor and "
        "no jobs to infer it from",
    )
