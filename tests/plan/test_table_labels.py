"""Findings name the plan's tables as the plan itself cites them (from its data)."""

from __future__ import annotations

from clusterplan.plan.findings import (
    cost_table_labels,
    jobs_table_label,
    plan_findings,
    table_label,
)
from clusterplan.plan.schema import Plan


def test_a_label_is_the_first_numbered_reference_in_the_sources() -> None:
    assert table_label(["Groeiplan, Figuur 6 (overzicht)"], "jobs table") == "Figuur 6"
    assert table_label([None, "Table 3, row 'Total'"], "projects table") == "Table 3"
    assert table_label(["Summary: 'in 2034 ...'"], "jobs table") == "jobs table"
    assert table_label([], "projects table") == "projects table"


def test_the_bundled_plan_names_its_tables_as_it_prints_them(plan: Plan) -> None:
    assert jobs_table_label(plan) == "Figuur 6"
    assert cost_table_labels(plan) == ("Tabel 1", "Tabel 2")


def test_another_plan_gets_its_own_names(plan: Plan) -> None:
    emp = plan.employment
    scenarios = {k: s.model_copy(update={"source": "Chart B"}) for k, s in emp.scenarios.items()}
    other = plan.model_copy(
        update={
            "employment": emp.model_copy(
                update={"source": "Outlook, Chart 2", "scenarios": scenarios}
            )
        }
    )
    assert jobs_table_label(other) == "Chart 2"
    wheres = {f.where for f in plan_findings(other) if f.code.startswith("figure6")}
    assert wheres and all(w.startswith("Chart 2, ") for w in wheres)
