"""White spots and concentration on a small registry whose answers are known by hand."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from clusterplan.ecosystem import (
    EcosystemSettings,
    Registry,
    concentration,
    departure_jobs,
    white_spots,
)
from clusterplan.plan.schema import Plan, Taxonomy


def test_white_spot_counts_and_jobs_per_cell(
    small: Registry, taxonomy: Taxonomy, settings: EcosystemSettings
) -> None:
    m = white_spots(small, taxonomy, settings)
    cell = (m.segments.index("back_end"), m.columns.index("advanced_packaging"))
    assert m.organisations[cell] == 2  # a and b
    assert m.jobs_known[cell] == 400  # 300 + 100
    assert m.flag("back_end", "advanced_packaging") == "ok"
    assert m.flag("back_end", "quantum") == "thin"  # only d
    assert m.jobs_unknown[m.segments.index("back_end"), m.columns.index("quantum")] == 1
    assert m.flag("front_end", "photonics") == "thin"  # c
    assert m.flag("design", "photonics") == "thin"  # c is in two segments
    # 'far' is outside the region: system_integration x photonics stays empty.
    assert m.flag("system_integration", "photonics") == "empty"
    assert int(m.organisations.sum()) == 5  # a, b, d, c twice
    assert len(m.cells("empty")) == 4 * 6 - 4


def test_counting_partners_outside_the_region_fills_their_cell(
    small: Registry, taxonomy: Taxonomy, settings: EcosystemSettings
) -> None:
    m = white_spots(small, taxonomy, replace(settings, region_only=False))
    assert m.flag("system_integration", "photonics") == "thin"


def test_thin_threshold_comes_from_settings(
    small: Registry, taxonomy: Taxonomy, settings: EcosystemSettings
) -> None:
    m = white_spots(small, taxonomy, replace(settings, thin_max_organisations=2))
    assert m.flag("back_end", "advanced_packaging") == "thin"


@pytest.mark.parametrize("thin", [0, 1, 3])
def test_the_flags_counts_are_the_counts_that_have_the_flag(
    small: Registry, taxonomy: Taxonomy, settings: EcosystemSettings, thin: int
) -> None:
    """A chart's legend says which counts each flag covers: flag_counts is flag_of's rule."""
    m = white_spots(small, taxonomy, replace(settings, thin_max_organisations=thin))
    for flag in ("empty", "thin", "ok"):
        low, high = m.flag_counts(flag)
        top = thin + 5 if high is None else high
        assert all(m.flag_of(n) == flag for n in range(low, top + 1))
        assert low == 0 or m.flag_of(low - 1) != flag
        assert high is None or m.flag_of(high + 1) != flag


def test_segment_by_market_matrix(
    small: Registry, taxonomy: Taxonomy, settings: EcosystemSettings
) -> None:
    m = white_spots(small, taxonomy, settings, axis="markets")
    assert m.organisations[m.segments.index("back_end"), m.columns.index("automotive")] == 1
    assert int(m.organisations.sum()) == 1


def test_plan_judgements_sit_next_to_their_cells(plan: Plan, settings: EcosystemSettings) -> None:
    from clusterplan.ecosystem import registry_from_plan

    m = white_spots(registry_from_plan(plan), plan.taxonomy, settings)
    ids = {j.id for j in m.judgements_for("back_end", "advanced_packaging")}
    assert "packaging-knowledge-moved-to-asia" in ids
    assert "back-end-equipment-world-leaders" in ids  # a segment-wide judgement
    assert "packaging-knowledge-moved-to-asia" not in {
        j.id for j in m.judgements_for("front_end", "advanced_packaging")
    }
    assert {j.id for j in m.judgements_for("front_end", "quantum")} == {
        "only-wafer-fab-in-benelux",
        "quantum-hubs-elsewhere",
    }
    assert all(j.source for j in m.judgements)


def _items(taxonomy: Taxonomy) -> dict[str, list[str]]:
    return {
        "pillars": [p.id for p in taxonomy.pillars],
        "segments": [s.id for s in taxonomy.segments],
        "technologies": [t.id for t in taxonomy.technologies],
        "markets": [m.id for m in taxonomy.markets],
    }


def test_largest_share_per_pillar(
    small: Registry, taxonomy: Taxonomy, settings: EcosystemSettings
) -> None:
    base = {
        "design": 1000,
        "equipment": 1700,
        "production": 2100,
        "packaging_test": 100,
        "applications": 700,
    }
    report = concentration(small, _items(taxonomy), settings, base)
    by = {p.pillar: p for p in report.pillars}
    assert by["equipment"].largest == "a"
    assert by["equipment"].share_of_registry == pytest.approx(300 / 400)
    assert by["equipment"].share_of_base == pytest.approx(300 / 1700)
    # c's 600 jobs are split evenly over design and production.
    assert by["design"].largest_jobs == pytest.approx(300)
    assert by["design"].share_of_registry == pytest.approx(1.0)
    assert by["packaging_test"].largest is None  # d's jobs are unknown
    assert by["packaging_test"].organisations_jobs_unknown == 1
    assert by["applications"].organisations == 0  # 'far' is outside the region


def test_of_two_equally_large_organisations_the_first_id_is_the_largest(
    small: Registry, taxonomy: Taxonomy, settings: EcosystemSettings
) -> None:
    """Whatever order the registry lists them in (the command line's store keeps the plan's
    order, the platform's registry sorts by name): the same one is named."""
    equal = [
        o.model_copy(update={"jobs": 300}) if o.id in ("a", "b") else o for o in small.organisations
    ]
    for order in (equal, equal[::-1]):
        report = concentration(Registry(tuple(order)), _items(taxonomy), settings)
        by = {p.pillar: p for p in report.pillars}
        assert (by["equipment"].largest, by["equipment"].largest_jobs) == ("a", 300)


def test_single_points_of_failure_and_uncovered_segments(
    small: Registry, taxonomy: Taxonomy, settings: EcosystemSettings
) -> None:
    report = concentration(small, _items(taxonomy), settings)
    singles = {(s.dimension, s.item): s.organisation_id for s in report.single_points}
    assert singles[("segments", "front_end")] == "c"
    assert singles[("segments", "design")] == "c"
    assert singles[("technologies", "quantum")] == "d"
    assert ("segments", "back_end") not in singles  # a, b and d
    assert ("segments", "system_integration") in report.uncovered


def test_departure_removes_its_jobs_from_its_pillars_from_a_year(
    small: Registry, settings: EcosystemSettings
) -> None:
    pillars = ["design", "equipment", "production", "packaging_test", "applications"]
    years = [2026, 2027, 2028, 2029]
    removed = departure_jobs(small, "c", pillars, years, 2028, settings)
    expected = np.zeros((5, 4))
    expected[0, 2:] = -300
    expected[2, 2:] = -300
    np.testing.assert_array_equal(removed, expected)
    assert not departure_jobs(small, "d", pillars, years, 2026, settings).any()  # unknown jobs


def test_what_no_one_carries_and_a_departure_of_unknown_jobs_are_one_line_each(
    plan: Plan, small: Registry, settings: EcosystemSettings
) -> None:
    """The lines the command line prints and the web shows: the items no organisation
    carries (in the region when only the region's count), and why a departure of an
    organisation with unknown jobs changes nothing, naming it by its name."""
    from clusterplan.ecosystem.growth_link import departure_effect
    from clusterplan.report.concentration import uncovered_text, unknown_jobs_text
    from clusterplan.report.tables import taxonomy_items, taxonomy_names

    report = concentration(small, taxonomy_items(plan), settings)
    line = uncovered_text(plan, report, "en")
    assert line is not None and line.startswith("Not covered by any organisation in the region: ")
    assert f"segment {taxonomy_names(plan, 'segments', 'en')['system_integration']}" in line
    anywhere = concentration(small, taxonomy_items(plan), replace(settings, region_only=False))
    dutch = uncovered_text(plan, anywhere, "nl")
    assert dutch is not None and dutch.startswith("Door geen organisatie gedekt: ")
    unknown = departure_effect(plan, small, "d", 2028, settings, None)
    assert unknown_jobs_text(unknown, small, "en") == (
        "If D leaves: its jobs are unknown, so the growth engine shows no change."
    )
    known = departure_effect(plan, small, "c", 2028, settings, None)
    assert unknown_jobs_text(known, small, "en") is None


def test_a_cell_whose_jobs_are_all_unknown_does_not_read_as_zero_jobs(
    plan: Plan, small: Registry, taxonomy: Taxonomy, settings: EcosystemSettings
) -> None:
    """The white-spot table wrote a cell of five organisations with unknown jobs as
    '5 · 0 banen (5 onbekend)'; it reads '5 · banen onbekend'. A cell with known jobs keeps
    its number, and with some unknown says how many."""
    from clusterplan.report.whitespots import whitespot_table

    m = white_spots(small, taxonomy, replace(settings, thin_max_organisations=0))
    table = whitespot_table(plan, m, "nl", with_jobs=True)
    cells = {
        (row.key, taxonomy_column): cell.text
        for row in table.rows
        for taxonomy_column, cell in zip(m.segments, row.cells[1:], strict=True)
    }
    assert cells["quantum", "back_end"] == "1 · banen onbekend"  # d: jobs unknown
    assert cells["advanced_packaging", "back_end"] == "2 · 400 banen"
    assert not any("0 banen (" in text for text in cells.values())
    english = whitespot_table(plan, m, "en", with_jobs=True)
    assert any(c.text == "1 · jobs unknown" for row in english.rows for c in row.cells)
