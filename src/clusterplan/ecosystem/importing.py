"""Import organisations from a table: a preview first, then an all-or-nothing commit.

:func:`preview_import` checks every row and matches every name against the registry
(spelling variants included). It returns what each row will do (create, update, leave
unchanged) and every problem with its row and column. :meth:`ImportPreview.commit` gives
the new registry only when there is no problem at all.

Cells: an empty cell keeps the current value (or leaves a new organisation's field
empty); a cell holding only ``?`` sets the value to unknown; list cells are separated by
``;``; taxonomy cells accept ids and Dutch or English names. Each cell is read by
:class:`~clusterplan.io.rows.RowReader`, a number within its declared range
(:data:`~clusterplan.ecosystem.registry.NUMBER_BOUNDS`), so a refused cell is worded as in
every import.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
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
    NUMBER_BOUNDS,
    Registry,
    taxonomy_terms,
)
from clusterplan.ecosystem.settings import EcosystemSettings
from clusterplan.errors import Coded
from clusterplan.i18n import Count
from clusterplan.io import cell_values
from clusterplan.io.cell_values import LIST_SEPARATOR, CellError
from clusterplan.io.rows import RowReader
from clusterplan.io.sheets import Cell, FileProblem, Table, TableRow, cell_text, empty_cell
from clusterplan.plan.load import plain_reason
from clusterplan.plan.schema import (
    ID_PATTERN,
    ORGANISATION_TEXT_MAX,
    Organisation,
    OrgKind,
    Taxonomy,
    id_from_name,
)

Action = Literal["create", "update", "unchanged"]

LABELS: Mapping[str, str] = {"kind": "organisation.kind"}
"""The enumeration (a kind of :data:`clusterplan.labels.ENUMERATIONS`) of each column that
holds a value of one: read, and written in a preview, by its words."""

HINT_ROWS = 1_000
"""For this many rows that match no organisation, the preview names the closest ones (a hint
worth a few exact comparisons each); later rows still match exactly the same way, without
the hint. A preview shows far fewer rows than this, and it keeps a 100,000-row import to
seconds instead of minutes."""

HINTS_SHOWN = 2
"""How many of the closest organisations (with their similarity) a preview names for a row
that matches none: enough to spot a misspelling, few enough to read in one cell."""


def closest_hints(match: NameMatch | None) -> tuple[tuple[str, float], ...]:
    """The closest organisations (id, similarity; best first) a preview names for a row whose
    name matches none; none for a row that matched (or is ambiguous)."""
    if match is None or match.kind != "none":
        return ()
    return match.candidates[:HINTS_SHOWN]


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

    def written(self, lang: str | None) -> tuple[str, str]:
        """The old and the new value as an import file in ``lang`` holds them
        (:func:`~clusterplan.io.cell_values.written`; an enumeration by its words): what
        the command line's and the web's previews show."""
        kind = LABELS.get(self.field)
        return cell_values.written(self.old, lang, kind), cell_values.written(self.new, lang, kind)


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
    problems: tuple[FileProblem, ...]
    _result: Registry | None = field(default=None, repr=False)

    @property
    def valid(self) -> bool:
        """True when every row is valid (the import can be committed)."""
        return not self.problems

    def count(self, action: Action) -> int:
        """Number of rows with this action."""
        return sum(1 for o in self.outcomes if o.action == action)

    def summary(self, lang: str | None = None) -> str:
        """The counts of the whole file in one line in ``lang``: rows to create, to update,
        unchanged, and problems. The command line prints it under its preview and the web
        shows it above its."""
        from clusterplan.i18n import gettext, normalise_language
        from clusterplan.report.numbers import format_number

        chosen = normalise_language(lang)
        counts = {a: self.count(a) for a in ("create", "update", "unchanged")}
        return gettext(
            "{create} to create, {update} to update, {unchanged} unchanged, {problems} problem(s).",
            chosen,
        ).format(
            problems=format_number(len(self.problems), chosen, 0),
            **{a: format_number(n, chosen, 0) for a, n in counts.items()},
        )

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


def _parse(
    column: str,
    cell: Cell,
    terms: Mapping[str, Mapping[str, str]],
    bands: set[str],
    name_limit: int = MAX_NAME_LENGTH,
) -> Any:
    """The value of a cell that is not empty, in a column that is not a number (those:
    :meth:`~clusterplan.io.rows.RowReader.bounded` within :data:`NUMBER_BOUNDS`); raises
    :class:`~clusterplan.io.cell_values.CellError` with the reason."""
    kind = COLUMNS[column]
    if kind == "bool" and not cell_values.unknown(cell):
        return cell_values.flag(cell)
    text = cell_text(cell) or ""
    if cell_values.unknown(cell):
        if kind in ("list", "taxonomy"):
            return []
        if column in ("id", "name", "kind", "in_region", "source"):
            raise CellError(Coded("import.not_unknown", {"column": column}))
        return None
    limit = name_limit if column == "name" else ORGANISATION_TEXT_MAX.get(column)
    if limit is not None and len(text) > limit:  # before any work that grows with it
        raise CellError(
            Coded("import.too_long", {"length": Count(len(text)), "limit": Count(limit)})
        )
    if kind in ("text", "id"):
        if kind == "id" and not re.fullmatch(ID_PATTERN, text):
            raise CellError(Coded("value.id_pattern", {"value": repr(text)}))
        return text
    if kind == "list":
        parts = [p.strip() for p in text.split(LIST_SEPARATOR) if p.strip()]
        if column == "aliases":
            for part in parts:
                if len(part) > name_limit:
                    raise CellError(
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
                raise CellError(
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
    if kind == "kind":
        from clusterplan.labels import names  # labels reads the ecosystem's enumerations

        return OrgKind(cell_values.choice(text, names(LABELS[column])))
    if text not in bands:  # the size band, the one kind left
        raise CellError(Coded("import.unknown_band", {"value": text, "known": sorted(bands)}))
    return text


def _row_values(
    reader: RowReader,
    row: TableRow,
    columns: Sequence[str],
    terms: Mapping[str, Mapping[str, str]],
    bands: set[str],
    name_limit: int,
) -> dict[str, Any] | None:
    """The values a row gives by column (an empty cell keeps the current value, so it gives
    none); None once each problem of the row is noted by ``reader``."""
    before = len(reader.problems)
    values: dict[str, Any] = {}
    for column in columns:
        if empty_cell(row.cells.get(column)):
            continue
        bound = NUMBER_BOUNDS.get(column)
        if bound is not None:
            values[column] = reader.bounded(row.number, row.cells, column, bound, unknown=True)
        else:
            parse = partial(_parse, column, terms=terms, bands=bands, name_limit=name_limit)
            values[column] = reader.cell(row.number, row.cells, column, parse, needed=False)
    return None if len(reader.problems) > before else values


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
    file = table.file
    reader = RowReader(file)
    reader.header(table.columns, (), list(COLUMNS))
    if "name" not in table.columns and "id" not in table.columns:
        reader.fail(1, "name", Coded("import.name_column"))
    if reader.problems:
        return ImportPreview(file, (), tuple(reader.problems))

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
                reader.fail(row_number, column, plain_reason(error))
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
        values = _row_values(reader, row, table.columns, terms, bands, max_name_length)
        if values is None:
            continue
        name = values.get("name")
        given_id = values.pop("id", None)
        if name is None and given_id is None:
            reader.fail(row.number, "name", Coded("import.name_required"))
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
                reader.fail(
                    row.number,
                    "name",
                    Coded("import.ambiguous", {"name": name, "options": options}),
                )
                continue
            if match.organisation_id is not None:
                target = by_id[match.organisation_id]
        if target is not None:
            if target.id in claimed:
                reader.fail(
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
                reader.fail(
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
            reader.fail(
                row.number,
                "name",
                Coded("import.id_needs_name", {"given": given_id}),
            )
            continue
        key = normalise_name(str(name), settings.legal_suffixes)
        if key in created_keys:
            first_row, first_name = created_keys[key]
            reader.fail(
                row.number,
                "name",
                Coded("import.same_as", {"name": name, "first": first_name, "row": first_row}),
            )
            continue
        if given_id is not None and given_id in created_ids:
            reader.fail(
                row.number,
                "id",
                Coded("import.id_twice", {"given": given_id, "row": created_ids[given_id]}),
            )
            continue
        if "kind" not in values:
            reader.fail(row.number, "kind", Coded("import.needs_kind", {"name": name}))
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
    result = None if reader.problems else registry.replaced(changed)
    return ImportPreview(file, tuple(outcomes), tuple(reader.problems), result)
