"""Read leads and their stage history from tables (CSV/XLSX), with row-level errors.

Leads columns: ``id, company, source, via, stage, owner, next_action, next_action_date,
jobs_<pillar> (one per pillar), area_m2, capex_meur, fills_segment, fills_technology,
fills_market, landing_year, probability``. ``via`` names the present firm (id or name,
spelling variants matched) for supplier and customer leads. History columns:
``lead, stage, date`` and optionally ``by``. Nothing is returned unless the whole file is
valid.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from clusterplan.ecosystem.funnel import Lead, Stage, StageMove
from clusterplan.ecosystem.importing import ImportProblem
from clusterplan.ecosystem.names import match_name
from clusterplan.ecosystem.registry import Registry
from clusterplan.ecosystem.settings import EcosystemSettings
from clusterplan.errors import Coded, ProblemsError
from clusterplan.io import cell_values
from clusterplan.io.sheets import Table, cell_text, header_problems
from clusterplan.plan.load import plain_reason
from clusterplan.plan.schema import Taxonomy, id_from_name

_COLUMN_OF_FIELD = {"via_organisation": "via"}
"""Lead fields whose table column has a shorter name."""

BASE_LEAD_COLUMNS: tuple[str, ...] = tuple(
    _COLUMN_OF_FIELD.get(f, f) for f in Lead.model_fields if f != "expected_jobs"
)
"""The leads table's columns before the per-pillar ``jobs_<pillar>`` columns: the fields of
:class:`Lead` in its order."""
HISTORY_COLUMNS: tuple[str, ...] = ("lead", "stage", "date", "by")


class TableProblems(ProblemsError[ImportProblem]):
    """A table with problems; ``problems`` names row, column and reason of each."""

    default_code = "leads.invalid"


def lead_columns(pillars: Sequence[str]) -> tuple[str, ...]:
    """Every accepted column of a leads table."""
    return BASE_LEAD_COLUMNS + tuple(f"jobs_{p}" for p in pillars)


def _number(text: str, whole: bool) -> float | int | None:
    """The number of a cell, None for '?' (unknown)."""
    if text == "?":
        return None
    return cell_values.whole(text) if whole else cell_values.number(text)


@dataclass(frozen=True)
class _Ctx:
    registry: Registry
    taxonomy: Taxonomy
    settings: EcosystemSettings


def leads_from_table(
    table: Table, registry: Registry, taxonomy: Taxonomy, settings: EcosystemSettings
) -> tuple[Lead, ...]:
    """Every lead of a table.

    Raises
    ------
    TableProblems
        With every problem (row, column, reason); no lead is returned then.
    """
    pillars = [p.id for p in taxonomy.pillars]
    columns = lead_columns(pillars)
    problems: list[ImportProblem] = []

    def problem(row: int, column: str, reason: Coded) -> None:
        problems.append(ImportProblem(table.file, row, column, reason))

    for column, why in header_problems(table.columns, ("company", "source", "stage"), columns):
        problem(1, column, why)
    if problems:
        raise TableProblems(problems)
    from clusterplan.labels import names  # labels reads the ecosystem's enumerations

    words = {"source": names("lead.source"), "stage": names("lead.stage")}
    known = {
        "fills_segment": {s.id for s in taxonomy.segments},
        "fills_technology": {t.id for t in taxonomy.technologies},
        "fills_market": {m.id for m in taxonomy.markets},
    }
    seen: dict[str, int] = {}
    leads = []
    for row in table.rows:
        data: dict[str, Any] = {"expected_jobs": {}}
        ok = True
        for column in table.columns:
            text = cell_text(row.cells.get(column))
            if text is None:
                continue
            try:
                if column.startswith("jobs_"):
                    data["expected_jobs"][column[5:]] = _number(text, whole=True)
                elif column == "via":
                    match = match_name(
                        text,
                        registry.organisations,
                        min_similarity=settings.match_min_similarity,
                        ambiguity_margin=settings.match_ambiguity_margin,
                        legal_suffixes=settings.legal_suffixes,
                    )
                    if match.organisation_id is None:
                        raise ValueError(Coded("registry.unknown_organisation", {"value": text}))
                    data["via_organisation"] = match.organisation_id
                elif column == "next_action_date":
                    data[column] = cell_values.day(text)
                elif column in ("area_m2", "capex_meur", "probability"):
                    data[column] = _number(text, whole=False)
                elif column == "landing_year":
                    data[column] = _number(text, whole=True)
                elif column in known:
                    if text not in known[column]:
                        raise ValueError(
                            Coded(
                                "leads.unknown_id", {"value": text, "known": sorted(known[column])}
                            )
                        )
                    data[column] = text
                elif column in ("source", "stage"):
                    data[column] = cell_values.choice(text, words[column])
                else:
                    data[column] = text
            except ValueError as exc:
                reason = exc.args[0] if exc.args else None
                shown = (
                    reason
                    if isinstance(reason, Coded)
                    else Coded("value.invalid", {"detail": str(exc)})
                )
                problem(row.number, column, shown)
                ok = False
        if not ok:
            continue
        if "id" not in data and "company" in data:
            data["id"] = id_from_name(str(data["company"])) or "lead"
        lead_id = data.get("id")
        if isinstance(lead_id, str) and lead_id in seen:
            problem(
                row.number, "id", Coded("leads.duplicate", {"id": lead_id, "row": seen[lead_id]})
            )
            continue
        if data.get("source") in ("supplier", "customer") and "via_organisation" not in data:
            problem(row.number, "via", Coded("leads.needs_via", {"source": data["source"]}))
            continue
        try:
            lead = Lead.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                loc = error["loc"]
                column = str(loc[0]) if loc else "company"
                column = {"via_organisation": "via", "expected_jobs": "jobs"}.get(column, column)
                problem(row.number, column, plain_reason(error))
            continue
        seen[lead.id] = row.number
        leads.append(lead)
    if problems:
        raise TableProblems(problems)
    return tuple(leads)


def history_from_table(table: Table, lead_ids: Sequence[str]) -> tuple[StageMove, ...]:
    """The stage history of a table (``lead, stage, date[, by]``).

    Raises
    ------
    TableProblems
        With every problem (row, column, reason); nothing is returned then.
    """
    problems: list[ImportProblem] = []
    required = ("lead", "stage", "date")
    for column, reason in header_problems(table.columns, required, HISTORY_COLUMNS):
        problems.append(ImportProblem(table.file, 1, column, reason))
    if problems:
        raise TableProblems(problems)
    from clusterplan.labels import names  # labels reads the ecosystem's enumerations

    stages = names("lead.stage")
    ids = set(lead_ids)
    moves = []
    for row in table.rows:
        lead = cell_text(row.cells.get("lead"))
        stage = cell_text(row.cells.get("stage"))
        when = cell_text(row.cells.get("date"))
        ok = True
        if lead is None or lead not in ids:
            problems.append(
                ImportProblem(
                    table.file,
                    row.number,
                    "lead",
                    Coded("leads.unknown_lead", {"value": lead or ""}),
                )
            )
            ok = False
        try:
            parsed_stage = Stage(cell_values.choice(stage, stages))
        except cell_values.CellError as exc:
            problems.append(ImportProblem(table.file, row.number, "stage", exc.reason))
            ok = False
        try:
            parsed_date = cell_values.day(when)
        except ValueError as exc:
            problems.append(ImportProblem(table.file, row.number, "date", exc.args[0]))
            ok = False
        if ok and lead is not None:
            moves.append(StageMove(lead, parsed_stage, parsed_date, cell_text(row.cells.get("by"))))
    if problems:
        raise TableProblems(problems)
    return tuple(moves)
