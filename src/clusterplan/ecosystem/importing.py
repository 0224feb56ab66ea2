"""Import organisations from a table: a preview first, then an all-or-nothing commit.

:func:`preview_import` checks every row and matches every name against the registry
(spelling variants included). It returns what each row will do (create, update, leave
unchanged) and every problem with its row and column. :meth:`ImportPreview.commit` gives
the new registry only when there is no problem at all.

Cells: an empty cell keeps the current value (or leaves a new organisation's field
empty); a cell holding only ``?`` sets the value to unknown; list cells are separated by
``;``; taxonomy cells accept ids and Dutch or English names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any, Literal

from pydantic import ValidationError

from clusterplan.ecosystem.names import (
    MAX_NAME_LENGTH,
    NameIndex,
    NameMatch,
    match_name,
    normalise_name,
)
from clusterplan.ecosystem.registry import (
    COLUMNS,
    LIST_SEPARATOR,
    UNKNOWN_MARK,
    Registry,
    taxonomy_terms,
)
from clusterplan.ecosystem.settings import EcosystemSettings
from clusterplan.errors import Coded
from clusterplan.i18n import Count
from clusterplan.io import cell_values
from clusterplan.io.sheets import Cell, FileProblem, Table, cell_text, header_problems
from clusterplan.plan.load import plain_reason
from clusterplan.plan.schema import ID_PATTERN, Organisation, OrgKind, Taxonomy, id_from_name

Action = Literal["create", "update", "unchanged"]
_KEEP = object()

HINT_ROWS = 1_000
"""For this many rows that match no organisation, the preview names the closest ones (a hint
worth a few exact comparisons each); later rows still match exactly the same way, without
the hint. A preview shows far fewer rows than this, and it keeps a 100,000-row import to
seconds instead of minutes."""


@dataclass(frozen=True)
class ImportProblem(FileProblem):
    """One thing wrong with an import file: file, row (header = 1), column and reason.

    Always at a cell (a row and a column); its text is that of every file problem."""

    row: int
    column: str


@dataclass(frozen=True)
class FieldChange:
    """A field an import row changes: its old and new value."""

    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class RowOutcome:
    """What one row will do when committed."""

    row: int
    name: str
    action: Action
    organisation_id: str
    match: NameMatch | None
    changes: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class ImportPreview:
    """The outcome of checking a whole file; commit only when ``problems`` is empty."""

    file: str
    outcomes: tuple[RowOutcome, ...]
    problems: tuple[ImportProblem, ...]
    _result: Registry | None = field(default=None, repr=False)

    @property
    def valid(self) -> bool:
        """True when every row is valid (the import can be committed)."""
        return not self.problems

    def count(self, action: Action) -> int:
        """Number of rows with this action."""
        return sum(1 for o in self.outcomes if o.action == action)

    def commit(self) -> Registry:
        """The registry after the import.

        Raises
        ------
        ValueError
            When the preview has problems: nothing is applied.
        """
        if self._result is None or self.problems:
            raise ValueError(f"{self.file}: {len(self.problems)} problem(s); nothing imported")
        return self._result


def _reason(exc: ValueError) -> Coded:
    """The coded reason of a refused cell (every refusal of :func:`_parse` carries one)."""
    reason = exc.args[0] if exc.args else None
    return reason if isinstance(reason, Coded) else Coded("value.invalid", {"detail": str(exc)})


def _parse(
    column: str,
    raw: Cell,
    terms: Mapping[str, Mapping[str, str]],
    bands: set[str],
    name_limit: int = MAX_NAME_LENGTH,
) -> Any:
    """Parse one cell; return ``_KEEP`` for an empty cell; raise ValueError with a reason."""
    kind = COLUMNS[column]
    if isinstance(raw, bool) and kind == "bool":
        return raw
    text = cell_text(raw)
    if text is None:
        return _KEEP
    if text == UNKNOWN_MARK:
        if kind in ("list", "taxonomy"):
            return []
        if column in ("id", "name", "kind", "in_region", "source"):
            raise ValueError(Coded("import.not_unknown", {"column": column}))
        return None
    if column in ("name", "id") and len(text) > name_limit:
        raise ValueError(
            Coded("import.too_long", {"length": Count(len(text)), "limit": Count(name_limit)})
        )
    if kind in ("text", "id"):
        if kind == "id" and not re.fullmatch(ID_PATTERN, text):
            raise ValueError(Coded("value.id_pattern", {"value": repr(text)}))
        return text
    if kind == "list":
        parts = [p.strip() for p in text.split(LIST_SEPARATOR) if p.strip()]
        if column == "aliases":
            for part in parts:
                if len(part) > name_limit:
                    raise ValueError(
                        Coded(
                            "import.alias_too_long",
                            {"length": Count(len(part)), "limit": Count(name_limit)},
                        )
                    )
        return parts
    if kind == "taxonomy":
        out = []
        for part in (p.strip() for p in text.split(LIST_SEPARATOR)):
            if not part:
                continue
            known = terms[column]
            if part.casefold() not in known:
                what = column[:-1] if column != "technologies" else "technology"
                raise ValueError(
                    Coded(
                        "plan.unknown_ref",
                        {
                            "what": Coded(f"term.{what}"),
                            "value": part,
                            "known": sorted(set(known.values())),
                        },
                    )
                )
            if known[part.casefold()] not in out:
                out.append(known[part.casefold()])
        return out
    if kind == "bool":
        return cell_values.flag(text)
    if kind == "kind":
        from clusterplan.labels import names  # labels reads the ecosystem's enumerations

        return OrgKind(cell_values.choice(text, names("organisation.kind")))
    if kind == "band":
        if text not in bands:
            raise ValueError(Coded("import.unknown_band", {"value": text, "known": sorted(bands)}))
        return text
    value = cell_values.whole(text) if kind == "int" else cell_values.number(text)
    if value < 0:
        raise ValueError(Coded("value.negative", {"value": repr(text)}))
    return value


def slug(name: str, taken: set[str], legal_suffixes: tuple[str, ...] = ()) -> str:
    """A new, unused id from a name (``'Acme Photonics B.V.'`` -> ``'acme-photonics'``)."""
    base = id_from_name(name, legal_suffixes) or "organisation"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def preview_import(
    registry: Registry,
    table: Table,
    taxonomy: Taxonomy,
    settings: EcosystemSettings,
    *,
    max_name_length: int = MAX_NAME_LENGTH,
    hints: int = HINT_ROWS,
) -> ImportPreview:
    """Check a whole table against the registry and say what committing it would do.

    Parameters
    ----------
    registry
        The current registry (not changed).
    table
        The rows read from a CSV or XLSX file.
    taxonomy
        The plan's pillars, segments, technologies and markets (valid cell values).
    settings
        Name-matching thresholds and size bands.
    max_name_length
        Longest name, alias or id accepted; a longer one is a problem of its row, found
        before any name matching (whose work grows with the length).
    hints
        How many rows without a match get the closest organisations as a hint
        (:data:`HINT_ROWS`).

    Returns
    -------
    ImportPreview
        Each row's action, matched organisation and changed fields, and every problem.
    """
    problems: list[ImportProblem] = []
    file = table.file

    def problem(row: int, column: str, reason: Coded) -> None:
        problems.append(ImportProblem(file, row, column, reason))

    for column, reason in header_problems(table.columns, (), list(COLUMNS)):
        problem(1, column, reason)
    if "name" not in table.columns and "id" not in table.columns:
        problem(1, "name", Coded("import.name_column"))
    if problems:
        return ImportPreview(file, (), tuple(problems))

    index = NameIndex.of(registry.organisations, settings.legal_suffixes)
    terms = taxonomy_terms(taxonomy)
    bands = {b.id for b in settings.size_bands}
    by_id = {o.id: o for o in registry.organisations}
    taken = set(by_id)
    claimed: dict[str, int] = {}
    created_keys: dict[str, tuple[int, str]] = {}
    created_ids: dict[str, int] = {}
    hinted = 0
    file_name = PurePath(file).name

    def validated(row_number: int, data: dict[str, Any]) -> Organisation | None:
        """The organisation a row describes, or None once each problem is named."""
        try:
            return Organisation.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                column = str(error["loc"][0]) if error["loc"] else "name"
                problem(row_number, column, plain_reason(error))
            return None

    def named_match(name: object, closest: int) -> NameMatch:
        return match_name(
            str(name),
            index,
            min_similarity=settings.match_min_similarity,
            ambiguity_margin=settings.match_ambiguity_margin,
            legal_suffixes=settings.legal_suffixes,
            max_length=max_name_length,
            closest=closest,
        )

    outcomes: list[RowOutcome] = []
    changed: list[Organisation] = []
    for row in table.rows:
        values: dict[str, Any] = {}
        row_ok = True
        for column in table.columns:
            try:
                parsed = _parse(column, row.cells.get(column), terms, bands, max_name_length)
            except ValueError as exc:
                problem(row.number, column, _reason(exc))
                row_ok = False
                continue
            if parsed is not _KEEP:
                values[column] = parsed
        if not row_ok:
            continue
        name = values.get("name")
        given_id = values.pop("id", None)
        if name is None and given_id is None:
            problem(row.number, "name", Coded("import.name_required"))
            continue
        match: NameMatch | None = None
        target: Organisation | None = None
        if given_id is not None and given_id in by_id:
            target = by_id[given_id]
            match = NameMatch(str(given_id), "id", given_id, 1.0, given_id)
        elif given_id is None:
            match = named_match(name, 3 if hinted < hints else 0)
            hinted += match.kind == "none"
            if match.kind == "ambiguous":
                options = ", ".join(f"{i} ({s:.2f})" for i, s in match.candidates)
                problem(
                    row.number,
                    "name",
                    Coded("import.ambiguous", {"name": name, "options": options}),
                )
                continue
            if match.organisation_id is not None:
                target = by_id[match.organisation_id]
        if target is not None:
            if target.id in claimed:
                problem(
                    row.number,
                    "name" if given_id is None else "id",
                    Coded(
                        "import.already_changed",
                        {"name": target.name, "id": target.id, "row": claimed[target.id]},
                    ),
                )
                continue
            claimed[target.id] = row.number
            data = target.model_dump()
            written = values.pop("name", None)
            data.update(values)
            if (
                match is not None
                and match.kind == "fuzzy"
                and written is not None
                and written not in target.aliases
            ):
                # Keep the canonical name; remember the variant so it matches exactly next time.
                data["aliases"] = [*data["aliases"], written]
            if "jobs" in values and values["jobs"] is not None and "size_band" not in values:
                data["size_band"] = data.get("size_band") or settings.size_band_for(values["jobs"])
            new = validated(row.number, data)
            if new is None:
                continue
            changes = tuple(
                FieldChange(f, getattr(target, f), getattr(new, f))
                for f in Organisation.model_fields
                if getattr(target, f) != getattr(new, f)
            )
            action: Action = "update" if changes else "unchanged"
            outcomes.append(RowOutcome(row.number, new.name, action, new.id, match, changes))
            if changes:
                changed.append(new)
            continue
        # A new organisation.
        if given_id is not None and name is not None and registry.organisations:
            clash = named_match(name, 0)
            if clash.organisation_id is not None:
                problem(
                    row.number,
                    "id",
                    Coded(
                        "import.id_clash",
                        {
                            "given": given_id,
                            "name": name,
                            "matched": clash.matched_name,
                            "id": clash.organisation_id,
                        },
                    ),
                )
                continue
        if name is None:
            problem(
                row.number,
                "name",
                Coded("import.id_needs_name", {"given": given_id}),
            )
            continue
        key = normalise_name(str(name), settings.legal_suffixes)
        if key in created_keys:
            first_row, first_name = created_keys[key]
            problem(
                row.number,
                "name",
                Coded("import.same_as", {"name": name, "first": first_name, "row": first_row}),
            )
            continue
        if given_id is not None and given_id in created_ids:
            problem(
                row.number,
                "id",
                Coded("import.id_twice", {"given": given_id, "row": created_ids[given_id]}),
            )
            continue
        if "kind" not in values:
            problem(row.number, "kind", Coded("import.needs_kind", {"name": name}))
            continue
        new_id = (
            str(given_id)
            if given_id is not None
            else slug(str(name), taken, settings.legal_suffixes)
        )
        taken.add(new_id)
        created_ids[new_id] = row.number
        created_keys[key] = (row.number, str(name))
        data = dict(values)
        data["id"] = new_id
        data.setdefault("source", f"Import {file_name}, row {row.number}")
        if data.get("jobs") is not None and data.get("size_band") is None:
            data["size_band"] = settings.size_band_for(data["jobs"])
        new = validated(row.number, data)
        if new is None:
            continue
        outcomes.append(RowOutcome(row.number, new.name, "create", new.id, match))
        changed.append(new)
    result = None if problems else registry.replaced(changed)
    return ImportPreview(file, tuple(outcomes), tuple(problems), result)
