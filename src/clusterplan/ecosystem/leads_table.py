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
from typing import Any

from pydantic import ValidationError

from clusterplan.ecosystem.funnel import (
    LEAD_JOBS,
    LEAD_NUMBER_BOUNDS,
    Lead,
    Stage,
    StageMove,
    via_problem,
)
from clusterplan.ecosystem.names import match_name
from clusterplan.ecosystem.registry import Registry
from clusterplan.ecosystem.settings import EcosystemSettings
from clusterplan.errors import Coded, ProblemsError
from clusterplan.io.rows import RowReader
from clusterplan.io.sheets import FileProblem, Table
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


class TableProblems(ProblemsError[FileProblem]):
    """A table with problems; ``problems`` names row, column and reason of each."""

    default_code = "leads.invalid"


def lead_columns(pillars: Sequence[str]) -> tuple[str, ...]:
    """Every accepted column of a leads table."""
    return BASE_LEAD_COLUMNS + tuple(f"jobs_{p}" for p in pillars)


def _present_firm(
    reader: RowReader, number: int, text: str, registry: Registry, settings: EcosystemSettings
) -> str | None:
    """The id of the registry's organisation a ``via`` cell names (spelling variants
    matched); None, with the problem noted, when it names none."""
    match = match_name(
        text,
        registry.organisations,
        min_similarity=settings.match_min_similarity,
        ambiguity_margin=settings.match_ambiguity_margin,
        legal_suffixes=settings.legal_suffixes,
    )
    if match.organisation_id is None:
        reader.fail(number, "via", Coded("registry.unknown_organisation", {"value": text}))
    return match.organisation_id


def leads_from_table(
    table: Table, registry: Registry, taxonomy: Taxonomy, settings: EcosystemSettings
) -> tuple[Lead, ...]:
    """Every lead of a table. Its cells are read by :class:`~clusterplan.io.rows.RowReader`
    (a number within its declared range, :data:`~clusterplan.ecosystem.funnel.LEAD_NUMBER_BOUNDS`
    and :data:`~clusterplan.ecosystem.funnel.LEAD_JOBS`; ``?`` for an unknown number); an
    empty cell leaves its field out, except the required company, source and stage.

    Raises
    ------
    TableProblems
        With every problem (row, column, reason); no lead is returned then.
    """
    pillars = [p.id for p in taxonomy.pillars]
    reader = RowReader(table.file)
    reader.header(table.columns, ("company", "source", "stage"), lead_columns(pillars))
    reader.refuse(TableProblems)
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
        n, cells = row.number, row.cells
        before = len(reader.problems)
        data: dict[str, Any] = {"expected_jobs": {}}
        for column in table.columns:
            text = reader.text(cells, column)
            if column in words:
                data[column] = reader.choice(n, cells, column, words[column], needed=True)
            elif column == "company":
                data[column] = reader.required(n, cells, column)
            elif not text:
                continue  # not given
            elif column.startswith("jobs_"):
                jobs = reader.bounded(n, cells, column, LEAD_JOBS, unknown=True)
                data["expected_jobs"][column.removeprefix("jobs_")] = jobs
            elif column in LEAD_NUMBER_BOUNDS:
                bound = LEAD_NUMBER_BOUNDS[column]
                data[column] = reader.bounded(n, cells, column, bound, unknown=True)
            elif column == "next_action_date":
                data[column] = reader.day(n, cells, column)
            elif column == "via":
                data["via_organisation"] = _present_firm(reader, n, text, registry, settings)
            elif column in known and text not in known[column]:
                unknown = {"value": text, "known": sorted(known[column])}
                reader.fail(n, column, Coded("leads.unknown_id", unknown))
            else:
                data[column] = text
        if len(reader.problems) > before:
            continue
        if "id" not in data:
            data["id"] = id_from_name(str(data["company"])) or "lead"
        lead_id = data["id"]
        if lead_id in seen:
            duplicate = {"id": lead_id, "row": seen[lead_id]}
            reader.fail(n, "id", Coded("leads.duplicate", duplicate))
            continue
        if (problem := via_problem(data["source"], data.get("via_organisation"))) is not None:
            reader.fail(n, "via", problem)
            continue
        try:
            lead = Lead.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                loc = error["loc"]
                column = str(loc[0]) if loc else "company"
                column = {"via_organisation": "via", "expected_jobs": "jobs"}.get(column, column)
                reader.fail(n, column, plain_reason(error))
            continue
        seen[lead.id] = n
        leads.append(lead)
    reader.refuse(TableProblems)
    return tuple(leads)


def history_from_table(table: Table, lead_ids: Sequence[str]) -> tuple[StageMove, ...]:
    """The stage history of a table (``lead, stage, date[, by]``), its cells read by
    :class:`~clusterplan.io.rows.RowReader`.

    Raises
    ------
    TableProblems
        With every problem (row, column, reason); nothing is returned then.
    """
    reader = RowReader(table.file)
    reader.header(table.columns, ("lead", "stage", "date"), HISTORY_COLUMNS)
    reader.refuse(TableProblems)
    from clusterplan.labels import names  # labels reads the ecosystem's enumerations

    stages = names("lead.stage")
    ids = set(lead_ids)
    moves = []
    for row in table.rows:
        n, cells = row.number, row.cells
        lead = reader.required(n, cells, "lead")
        if lead is not None and lead not in ids:
            reader.fail(n, "lead", Coded("leads.unknown_lead", {"value": lead}))
        stage = reader.choice(n, cells, "stage", stages, needed=True)
        on = reader.day(n, cells, "date")
        if lead in ids and stage is not None and on is not None:
            moves.append(StageMove(lead, Stage(stage), on, reader.text(cells, "by") or None))
    reader.refuse(TableProblems)
    return tuple(moves)
