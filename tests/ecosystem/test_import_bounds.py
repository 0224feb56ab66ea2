"""Imports stay bounded and consistent: long names are refused before matching, two new
rows cannot share an id, and look-ups by id do not scan the registry (issue 15)."""

from __future__ import annotations

import difflib
import time

import pytest

from clusterplan.ecosystem import EcosystemSettings, Registry, preview_import, registry_from_plan
from clusterplan.ecosystem.importing import HINT_ROWS
from clusterplan.ecosystem.names import MAX_NAME_LENGTH, NameTooLong, match_name
from clusterplan.io.sheets import Table, TableRow, parse_csv_text
from clusterplan.plan.schema import Organisation, Plan
from tests.ecosystem.conftest import org


def _preview(text: str, plan: Plan, settings: EcosystemSettings):  # noqa: ANN202
    table = parse_csv_text(text, "orgs.csv")
    return preview_import(registry_from_plan(plan), table, plan.taxonomy, settings)


def test_two_new_rows_with_one_id_name_both_rows(plan: Plan, settings: EcosystemSettings) -> None:
    # Before: the preview was valid and the commit kept only the second row (CLI) or
    # failed on the unique key (web, HTTP 500).
    preview = _preview(
        "id,name,kind\nnova,Nova Chips,supplier\nnova,Other Photonics,supplier\n", plan, settings
    )
    assert not preview.valid
    (problem,) = preview.problems
    assert (problem.row, problem.column) == (3, "id")
    assert "row 2" in problem.reason and "'nova'" in problem.reason
    with pytest.raises(ValueError):
        preview.commit()


def test_a_given_id_cannot_take_the_id_made_for_an_earlier_row(
    plan: Plan, settings: EcosystemSettings
) -> None:
    preview = _preview(
        "id,name,kind\n,Nova Chips,supplier\nnova-chips,Other Photonics,supplier\n", plan, settings
    )
    (problem,) = preview.problems
    assert (problem.row, problem.column) == (3, "id") and "row 2" in problem.reason


def test_a_very_long_name_is_refused_before_matching(
    plan: Plan, settings: EcosystemSettings
) -> None:
    # Before: difflib compared a name of any length (a 200 MB cell grew the server to ~24 GB).
    long = "C" * 12_000_000  # 12 MB: matched, this takes minutes and gigabytes
    table = Table(
        "big.csv",
        ("name", "kind", "aliases"),
        (
            TableRow(2, {"name": long, "kind": "supplier", "aliases": None}),
            TableRow(3, {"name": "Nova", "kind": "supplier", "aliases": "x" * 300}),
        ),
    )
    began = time.perf_counter()
    preview = preview_import(registry_from_plan(plan), table, plan.taxonomy, settings)
    assert time.perf_counter() - began < 5
    first, second = preview.problems
    assert (first.row, first.column) == (2, "name")
    assert f"12,000,000 characters long; at most {MAX_NAME_LENGTH}" in first.reason
    assert (second.row, second.column) == (3, "aliases") and "300 characters" in second.reason


def test_match_name_itself_refuses_a_name_above_its_limit(
    plan: Plan, settings: EcosystemSettings
) -> None:
    with pytest.raises(NameTooLong):
        match_name(
            "x" * (MAX_NAME_LENGTH + 1),
            plan.organisations,
            min_similarity=settings.match_min_similarity,
            ambiguity_margin=settings.match_ambiguity_margin,
        )


def test_hints_are_limited_but_the_matches_are_the_same(
    plan: Plan, settings: EcosystemSettings
) -> None:
    text = "name,kind\n" + "".join(f"Zyx Widgets {i},supplier\nBESI,\n" for i in range(5))
    table = parse_csv_text(text, "orgs.csv")
    full = preview_import(registry_from_plan(plan), table, plan.taxonomy, settings)
    few = preview_import(registry_from_plan(plan), table, plan.taxonomy, settings, hints=2)
    assert [(o.action, o.organisation_id) for o in full.outcomes] == [
        (o.action, o.organisation_id) for o in few.outcomes
    ]
    hinted = [o.match.candidates != () for o in few.outcomes if o.action == "create"]
    assert hinted == [True, True, False, False, False]


def test_registry_get_is_a_lookup_not_a_scan() -> None:
    # Before: Registry.get scanned every organisation: a 100,000-row commit was quadratic.
    registry = Registry(tuple(org(f"o{i}") for i in range(20_000)))
    began = time.perf_counter()
    for i in range(20_000):
        assert registry.get(f"o{i}").id == f"o{i}"
    assert time.perf_counter() - began < 1.0  # a scan takes minutes here
    assert "o5" in registry and "nope" not in registry
    with pytest.raises(KeyError):
        registry.get("nope")


def test_a_large_import_compares_few_names_in_full(
    plan: Plan, settings: EcosystemSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: every row paid difflib's quick_ratio per spelling and about four full ratios
    # for its hint (20,000 rows: ~9 s); now a vectorised bound decides which spellings are
    # compared, and only the first HINT_ROWS unmatched rows get a hint.
    calls = [0]
    ratio = difflib.SequenceMatcher.ratio

    def counting(self: difflib.SequenceMatcher[str]) -> float:
        calls[0] += 1
        return ratio(self)

    monkeypatch.setattr(difflib.SequenceMatcher, "ratio", counting)
    n = 3 * HINT_ROWS
    rows = "".join(f"Bench Org {i:06d} Components,supplier,{i % 500}\n" for i in range(n))
    table = parse_csv_text("name,kind,jobs\n" + rows, "big.csv")
    preview = preview_import(registry_from_plan(plan), table, plan.taxonomy, settings)
    assert preview.valid and preview.count("create") == n
    assert calls[0] <= 4 * HINT_ROWS  # was ~4 per row: 12,000
    assert isinstance(preview.commit().get("bench-org-000001-components"), Organisation)
