"""The concentration tables: built once from the core's concentration results, headings
from the catalogue in either language, names from the plan and the registry."""

from __future__ import annotations

import pytest

from clusterplan.ecosystem import Registry, concentration, ecosystem_settings, registry_from_plan
from clusterplan.ecosystem.concentration import ConcentrationReport
from clusterplan.ecosystem.growth_link import departure_effect
from clusterplan.plan.schema import Plan
from clusterplan.report.concentration import (
    departure_table,
    pillar_table,
    single_points_table,
)
from clusterplan.report.messages import msg
from clusterplan.report.numbers import YEAR
from clusterplan.report.table import export_grid, render_text, shown_rows
from clusterplan.report.tables import JOBS, PERCENT, dimension_name, taxonomy_names

NXP_JOBS = 1200
"""NXP's jobs in these tests (the plan does not know them): 600 in each of its two pillars."""


@pytest.fixture(scope="module")
def registry(plan: Plan) -> Registry:
    """The plan's organisations, NXP with known jobs."""
    plain = registry_from_plan(plan)
    return plain.replaced([plain.get("nxp").model_copy(update={"jobs": NXP_JOBS})])


@pytest.fixture(scope="module")
def report(plan: Plan, registry: Registry) -> ConcentrationReport:
    """The concentration of that registry against the plan's base-year jobs."""
    kinds = ("pillars", "segments", "technologies", "markets")
    items = {kind: list(taxonomy_names(plan, kind, "en")) for kind in kinds}
    return concentration(registry, items, ecosystem_settings(plan), plan.employment.base)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_pillar_table_is_headed_by_the_catalogue_and_named_by_the_plan(
    plan: Plan, registry: Registry, report: ConcentrationReport, lang: str
) -> None:
    table = pillar_table(plan, report, registry, lang)
    assert table.title == msg("concentration.pillars.title", lang)
    assert [c.heading for c in table.columns] == [
        msg(f"concentration.pillars.col.{c.key}", lang) for c in table.columns
    ]
    names = taxonomy_names(plan, "pillars", lang)
    assert [r.cells[0].text for r in table.rows] == list(names.values())
    assert table.notes == (msg("concentration.pillars.note", lang),)


def test_the_pillar_table_names_the_largest_organisation_and_computes_its_shares(
    plan: Plan, registry: Registry, report: ConcentrationReport
) -> None:
    table = pillar_table(plan, report, registry, "en")
    assert table.cell("design", "largest").text == "NXP"
    jobs = table.cell("design", "largest_jobs")
    assert (jobs.value, jobs.unit, jobs.computed) == (NXP_JOBS / 2, JOBS, True)
    share = table.cell("design", "share_of_base")
    base = plan.employment.base["design"]
    assert share.value == pytest.approx(100 * NXP_JOBS / 2 / base)
    assert share.unit == PERCENT and share.computed
    printed = table.cell("design", "base_jobs")
    assert (printed.value, printed.computed) == (base, False)
    assert table.cell("design", "share_of_registry").shown("en") == "100.0"
    # No organisation of 'equipment' has known jobs: its largest is unknown, not a name.
    assert table.cell("equipment", "largest").unknown
    assert export_grid(table)[1][table.column_index("largest_jobs")] == NXP_JOBS / 2


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_single_points_name_the_kind_the_item_and_the_organisation(
    plan: Plan, registry: Registry, report: ConcentrationReport, lang: str
) -> None:
    table = single_points_table(plan, report, registry, lang)
    assert table.title == msg("concentration.single_points.title", lang)
    names = {o.id: o.name for o in registry.organisations}
    expected = [
        [
            msg(f"concentration.dimension.{s.dimension}", lang),
            taxonomy_names(plan, s.dimension, lang)[s.item],
            names[s.organisation_id],
        ]
        for s in report.single_points
    ]
    assert expected and shown_rows(table)[1:] == expected
    assert shown_rows(table)[0] == [
        msg(f"concentration.single_points.col.{key}", lang)
        for key in ("kind", "item", "organisation")
    ]


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_departure_table_takes_its_jobs_away_from_the_year_it_leaves(
    plan: Plan, registry: Registry, lang: str
) -> None:
    leaves = plan.years[3]
    effect = departure_effect(plan, registry, "nxp", leaves, ecosystem_settings(plan))
    table = departure_table(plan, effect, registry, lang)
    assert table.title == msg(
        "concentration.departure.title",
        lang,
        dimension=dimension_name(plan, effect.dimension, lang),
    )
    year = table.cell(str(leaves), "year")
    assert (year.value, year.unit) == (leaves, YEAR)
    assert table.cell(str(leaves), "difference").value == -NXP_JOBS
    assert table.cell(str(leaves - 1), "difference").value == 0
    without = table.cell(str(leaves), "without")
    assert without.computed and without.unit == JOBS
    assert "NXP" in table.notes[0] and str(leaves) in table.notes[0]
    assert render_text(table).splitlines()[2].split() == [
        msg("col.year", lang),
        msg("concentration.departure.col.with", lang),
        msg("concentration.departure.col.without", lang),
        msg("table.col.difference", lang),
    ]
