"""Imports: preview before commit, row-level errors, all or nothing, round trips."""

from __future__ import annotations

from pathlib import Path

import pytest

from clusterplan.ecosystem import (
    EcosystemSettings,
    Registry,
    preview_import,
    registry_from_plan,
    registry_grid,
)
from clusterplan.io.sheets import TableError, parse_csv_text, read_table, write_grid
from clusterplan.plan.schema import OrgKind, Plan


def _preview(text: str, plan: Plan, settings: EcosystemSettings, registry: Registry | None = None):  # noqa: ANN202
    table = parse_csv_text(text, "orgs.csv")
    return preview_import(registry or registry_from_plan(plan), table, plan.taxonomy, settings)


def test_valid_file_previews_updates_and_creations(plan: Plan, settings: EcosystemSettings) -> None:
    preview = _preview(
        "name,kind,jobs,segments,technologies\n"
        "BESI,,1900,,\n"
        "Acme Photonics B.V.,supplier,40,Front-end,photonics\n"
        "Tempres,,,,\n",
        plan,
        settings,
    )
    assert preview.valid
    actions = {o.row: (o.action, o.organisation_id) for o in preview.outcomes}
    assert actions == {
        2: ("update", "besi"),
        3: ("create", "acme-photonics"),
        4: ("unchanged", "tempress"),
    }
    besi_changes = {c.field: (c.old, c.new) for c in preview.outcomes[0].changes}
    assert besi_changes["jobs"] == (None, 1900)
    assert besi_changes["size_band"] == (None, "large")  # 1900 >= 250: EU 'large'
    after = preview.commit()
    acme = after.get("acme-photonics")
    assert acme.kind is OrgKind.SUPPLIER
    assert acme.segments == ["front_end"]  # the English name was read as the id
    assert acme.size_band == "small"  # 40 jobs: 10-49
    assert after.get("besi").name == "Besi"  # the canonical name is kept
    assert len(after.organisations) == len(plan.organisations) + 1


def test_a_fuzzy_match_keeps_the_variant_as_alias(plan: Plan, settings: EcosystemSettings) -> None:
    preview = _preview("name,place\nBoschmann,Duiven\n", plan, settings)
    (outcome,) = preview.outcomes
    assert outcome.organisation_id == "boschman" and outcome.match is not None
    assert outcome.match.kind == "fuzzy"
    assert "Boschmann" in preview.commit().get("boschman").aliases


def test_invalid_rows_name_row_column_and_reason_and_nothing_is_committed(
    plan: Plan, settings: EcosystemSettings
) -> None:
    registry = registry_from_plan(plan)
    preview = _preview(
        "name,kind,jobs,pillars,on_campus\n"
        "Good New Co,supplier,10,equipment,ja\n"
        "Bad Jobs Co,supplier,-5,,\n"
        "Bad Pillar Co,supplier,,packaging,\n"
        "No Kind Co,,,,\n"
        "Bad Bool Co,supplier,,,misschien\n",
        plan,
        settings,
        registry,
    )
    assert not preview.valid
    where = {(p.row, p.column) for p in preview.problems}
    assert where == {(3, "jobs"), (4, "pillars"), (5, "kind"), (6, "on_campus")}
    reasons = {p.row: p.reason for p in preview.problems}
    assert "must not be negative" in reasons[3]
    assert "unknown pillar 'packaging'" in reasons[4]
    assert all(p.file == "orgs.csv" for p in preview.problems)
    with pytest.raises(ValueError, match="nothing imported"):
        preview.commit()
    assert registry == registry_from_plan(plan)  # nothing changed


def test_unknown_column_is_an_error_on_the_header_row(
    plan: Plan, settings: EcosystemSettings
) -> None:
    preview = _preview("name,employees\nBesi,10\n", plan, settings)
    (problem,) = preview.problems
    assert (problem.row, problem.column) == (1, "employees")
    assert preview.outcomes == ()


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("name,place\nBESI,Duiven\nBesi N.V.,Arnhem\n", "already changed by row 2"),
        (
            "name,kind\nNova Chips,supplier\nNOVA-CHIPS B.V.,supplier\n",
            "same organisation as 'Nova Chips' in row 2",
        ),
    ],
    ids=["known-organisation", "new-company"],
)
def test_two_rows_for_one_organisation_are_refused(
    text: str, reason: str, plan: Plan, settings: EcosystemSettings
) -> None:
    (problem,) = _preview(text, plan, settings).problems
    assert problem.row == 3 and reason in problem.reason


def test_question_mark_sets_unknown_and_empty_keeps(
    plan: Plan, settings: EcosystemSettings
) -> None:
    first = _preview("name,jobs,place\nBesi,1900,Duiven\n", plan, settings).commit()
    second = _preview("name,jobs,place\nBesi,?,\n", plan, settings, first).commit()
    assert second.get("besi").jobs is None
    assert second.get("besi").place == "Duiven"


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_changes_nothing(
    suffix: str, tmp_path: Path, plan: Plan, settings: EcosystemSettings
) -> None:
    registry = _preview("name,jobs,revenue_meur\nBesi,1900,600.5\n", plan, settings).commit()
    path = tmp_path / f"registry{suffix}"
    write_grid(path, registry_grid(registry))
    preview = preview_import(registry, read_table(path), plan.taxonomy, settings)
    assert preview.valid, preview.problems
    assert {o.action for o in preview.outcomes} == {"unchanged"}
    assert len(preview.outcomes) == len(registry.organisations)
    # Read into an empty registry, the file recreates the same organisations.
    fresh = preview_import(Registry(()), read_table(path), plan.taxonomy, settings).commit()
    assert fresh.organisations == registry.organisations


def test_public_export_has_no_confidential_columns(plan: Plan, settings: EcosystemSettings) -> None:
    header = registry_grid(registry_from_plan(plan), public_only=True)[0]
    assert not {"jobs", "revenue_meur", "growth_plans"} & set(map(str, header))
    assert "description_public" in header


def test_xlsx_cells_with_a_wrong_type_are_reported(
    tmp_path: Path, plan: Plan, settings: EcosystemSettings
) -> None:
    path = tmp_path / "orgs.xlsx"
    write_grid(path, [["name", "jobs"], ["Besi", "veel"], ["Trymax", 12.5]])
    preview = preview_import(registry_from_plan(plan), read_table(path), plan.taxonomy, settings)
    assert [(p.row, p.column) for p in preview.problems] == [(2, "jobs"), (3, "jobs")]
    assert "must be a whole number (got 'veel')" in preview.problems[0].reason


def test_a_broken_file_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "orgs.xlsx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(TableError, match="orgs.xlsx: not a readable XLSX workbook"):
        read_table(bad)
    dup = tmp_path / "dup.csv"
    dup.write_text("name,name\nx,y\n", encoding="utf-8")
    with pytest.raises(TableError, match="row 1, column 'name': column appears twice"):
        read_table(dup)


def test_an_unknown_id_with_a_known_name_is_refused(
    plan: Plan, settings: EcosystemSettings
) -> None:
    preview = _preview("id,name,kind\nbesi-nv,BESI,equipment_oem\n", plan, settings)
    (problem,) = preview.problems
    assert (problem.row, problem.column) == (2, "id")
    assert "is 'Besi' (besi)" in problem.reason
