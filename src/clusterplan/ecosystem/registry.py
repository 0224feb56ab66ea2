"""The registry of the cluster's organisations, and its tabular (CSV/XLSX) form.

The registry starts from the organisations the plan names; imports add and update
organisations. The tabular form has one row per organisation and the columns in
:data:`COLUMNS`; list cells are separated by ``;``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from clusterplan.io.cell_values import LIST_SEPARATOR
from clusterplan.io.sheets import Cell
from clusterplan.plan.bounds import HEADCOUNT, MONEY_MEUR, Bound
from clusterplan.plan.schema import Organisation, Plan, Taxonomy

ColumnKind = Literal["id", "text", "list", "bool", "number", "kind", "taxonomy", "band"]

COLUMNS: Mapping[str, ColumnKind] = {
    "id": "id",
    "name": "text",
    "aliases": "list",
    "kind": "kind",
    "pillars": "taxonomy",
    "segments": "taxonomy",
    "technologies": "taxonomy",
    "markets": "taxonomy",
    "capabilities_offered": "text",
    "offered_tags": "list",
    "capabilities_needed": "text",
    "needed_tags": "list",
    "collaboration_opportunities": "text",
    "place": "text",
    "campus": "text",
    "on_campus": "bool",
    "in_region": "bool",
    "size_band": "band",
    "description_public": "text",
    "role_nl": "text",
    "jobs": "number",
    "revenue_meur": "number",
    "growth_plans": "text",
    "source": "text",
}
"""Every column of the registry's tabular form and how its cells are read."""

NUMBER_BOUNDS: Mapping[str, Bound] = {"jobs": HEADCOUNT, "revenue_meur": MONEY_MEUR}
"""The declared range of each ``number`` column of :data:`COLUMNS`, as the organisation's
schema holds it: its jobs in whole jobs, its revenue in M EUR."""


@dataclass(frozen=True)
class Registry:
    """The organisations of the cluster, in a stable order."""

    organisations: tuple[Organisation, ...]

    @cached_property
    def by_id(self) -> Mapping[str, Organisation]:
        """Every organisation by its id (built once, on first use)."""
        return {o.id: o for o in self.organisations}

    def get(self, organisation_id: str) -> Organisation:
        """The organisation with this id (KeyError if absent); a dictionary look-up."""
        return self.by_id[organisation_id]

    @property
    def ids(self) -> tuple[str, ...]:
        """Ids in registry order."""
        return tuple(o.id for o in self.organisations)

    def replaced(self, changed: Iterable[Organisation]) -> Registry:
        """A registry with these organisations updated (same id) or added (new id)."""
        by_id = {o.id: o for o in changed}
        kept = tuple(by_id.pop(o.id, o) for o in self.organisations)
        return Registry(kept + tuple(by_id.values()))

    def __contains__(self, organisation_id: object) -> bool:
        return organisation_id in self.by_id

    def without(self, organisation_id: str) -> Registry:
        """A registry without this organisation."""
        return Registry(tuple(o for o in self.organisations if o.id != organisation_id))


def registry_from_plan(plan: Plan) -> Registry:
    """The registry as the plan names it (confidential figures unknown)."""
    return Registry(tuple(plan.organisations))


def taxonomy_terms(taxonomy: Taxonomy) -> dict[str, dict[str, str]]:
    """For each taxonomy column, every accepted spelling (id, Dutch, English name) to its id."""
    out: dict[str, dict[str, str]] = {}
    for column, items in (
        ("pillars", taxonomy.pillars),
        ("segments", taxonomy.segments),
        ("technologies", taxonomy.technologies),
        ("markets", taxonomy.markets),
    ):
        terms: dict[str, str] = {}
        for item in items:
            for written in (item.id, item.name_nl, item.name_en):
                terms[written.casefold()] = item.id
        out[column] = terms
    return out


def _cell(org: Organisation, column: str) -> Cell:
    value = getattr(org, column)
    if isinstance(value, list):
        return f"{LIST_SEPARATOR} ".join(value) if value else None
    if hasattr(value, "value") and column == "kind":
        return str(value.value)
    if isinstance(value, bool | int | float | str) or value is None:
        return value
    return str(value)


def registry_grid(
    registry: Registry, *, columns: Sequence[str] | None = None, public_only: bool = False
) -> list[list[Cell]]:
    """The registry as a grid (header row first), ready for CSV or XLSX.

    Parameters
    ----------
    registry
        The organisations.
    columns
        Columns to include (default: all of :data:`COLUMNS`).
    public_only
        Leave out :attr:`Organisation.CONFIDENTIAL_FIELDS`.
    """
    chosen = [c for c in (columns or list(COLUMNS)) if c in COLUMNS]
    if public_only:
        chosen = [c for c in chosen if c not in Organisation.CONFIDENTIAL_FIELDS]
    rows: list[list[Cell]] = [list(chosen)]
    for org in registry.organisations:
        rows.append([_cell(org, c) for c in chosen])
    return rows
