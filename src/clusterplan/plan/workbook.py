"""A plan directory as one XLSX workbook, and back.

The mapping is generic over the plan directory's files, so it follows the schema wherever
it goes: every YAML file becomes sheets, nothing here names a field of the plan.

- A file whose top level is a mapping gets a *fields* sheet (columns ``field``, ``value``):
  one row per value, nested mappings as dotted paths (``scenarios.organic.jobs.design``).
- Every list of records (a list of mappings), at any depth, becomes a *records* sheet: one
  row per record, one column per (dotted) field, so provenance (``source``,
  ``assumption``), costs by year and coverage by source are columns. A list nested in a
  record (a project's phases) gets its own sheet whose ``parent`` column names the record
  it belongs to (its ``id``, or ``#n`` for the n-th row when the records have no unique id).
- Other lists (``[a, b]``) and empty mappings are written as JSON in a column whose name
  ends with ``[]`` or ``{}``. An unknown value (``null``, '?' in the plan) is written ``?``;
  an empty cell means the field is not given (its default applies).
- CSV files next to the YAML (e.g. an education supply file) are copied cell by cell.
- The first sheet, ``contents``, says which file and path each sheet holds.

Text cells are written formula-safe (:mod:`clusterplan.io.export`) and restored on reading.
Importing is all or nothing: every problem (sheet, row, column, reason) is collected first,
and the plan directory appears only when the plan it holds loads without error.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from clusterplan.errors import ClusterplanError, Coded
from clusterplan.i18n import Count
from clusterplan.io.book import read_sheets, read_xlsx_bytes
from clusterplan.io.export import Cell, Grid, export_tables
from clusterplan.io.limits import ReadLimits
from clusterplan.io.sheets import (
    FileProblem,
    Table,
    TableError,
    empty_cell,
    write_atomic,
)
from clusterplan.io.yaml_io import YamlError, read_limited, write_yaml
from clusterplan.plan.load import PlanError, field_path, load_plan, read_plan_documents
from clusterplan.plan.schema import Plan

INDEX_SHEET = "contents"
INDEX_COLUMNS: tuple[str, ...] = ("sheet", "kind", "file", "path", "parent", "key")
"""Columns of the contents sheet: the sheet's title, its kind (fields, records or csv), the
file it comes from, the path of its list in the file (or in the parent record), the parent
sheet (nested lists) and how rows are keyed for their children (``id`` or ``row``)."""

FIELD, VALUE, PARENT = "field", "value", "parent"
UNKNOWN = "?"
"""How an unknown value (``null`` in YAML, '?' in the printed plan) is written in a cell."""
LIST_SUFFIX, MAPPING_SUFFIX = "[]", "{}"
MAX_TITLE = 31
"""Longest sheet title XLSX allows."""

Kind = Literal["fields", "records", "csv"]
Loc = tuple[str | int, ...]


class WorkbookProblem(FileProblem):
    """One thing wrong with a workbook: where (sheet, row, column) and why; the workbook's
    file is named once, by :class:`WorkbookError`."""

    def __init__(self, sheet: str | None, row: int | None, column: str | None, reason: str):
        super().__init__("", row, column, reason, sheet=sheet)


class WorkbookError(ClusterplanError):
    """A workbook that cannot be imported (or a plan that cannot be exported): the file (or
    folder) and every problem; :meth:`text` lists them, ``file: problem`` a line each."""

    default_code = "workbook.problems"

    def __init__(self, file: str, problems: Sequence[WorkbookProblem]) -> None:
        self.file = file
        self.problems = list(problems)
        super().__init__(
            code=self.default_code, params={"file": file, "count": Count(len(self.problems))}
        )

    def text(self, lang: str | None = None) -> str:
        """Every problem in ``lang`` (default: this run's language), one line each."""
        return "\n".join(f"{self.file}: {p.text(lang)}" for p in self.problems)


@dataclass
class _Sheet:
    title: str
    kind: Kind
    file: str
    path: str
    parent: str
    key: str
    columns: list[str] = field(default_factory=list)
    rows: list[dict[str, Cell]] = field(default_factory=list)


# --- export -------------------------------------------------------------------------


def _cell(value: Any) -> Cell:
    if value is None:
        return UNKNOWN
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _is_records(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(i, dict) for i in value)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _flatten(
    record: Mapping[Any, Any], prefix: str, cells: dict[str, Cell], lists: list[tuple[str, Any]]
) -> None:
    """A mapping's values as dotted columns; lists of records are set aside in ``lists``."""
    for key, value in record.items():
        name = f"{prefix}{key}"
        if "." in str(key) or str(key).endswith((LIST_SUFFIX, MAPPING_SUFFIX)):
            raise ValueError(Coded("workbook.key_not_column", {"key": name}))
        if isinstance(value, dict) and value:
            _flatten(value, name + ".", cells, lists)
        elif _is_records(value):
            lists.append((name, value))
        elif isinstance(value, list):
            cells[name + LIST_SUFFIX] = _json(value)
        elif isinstance(value, dict):
            cells[name + MAPPING_SUFFIX] = "{}"
        else:
            cells[name] = _cell(value)


class _Titles:
    def __init__(self) -> None:
        self.taken: set[str] = {INDEX_SHEET}

    def new(self, *candidates: str) -> str:
        cleaned = [re.sub(r"[\[\]:*?/\\']", " ", c).strip()[:MAX_TITLE] for c in candidates]
        for name in cleaned:
            if name and name.lower() not in self.taken:
                self.taken.add(name.lower())
                return name
        base, n = cleaned[-1] or "sheet", 2
        while True:
            name = f"{base[: MAX_TITLE - len(str(n)) - 1]} {n}"
            if name.lower() not in self.taken:
                self.taken.add(name.lower())
                return name
            n += 1


def _record_key(sheet: _Sheet, index: int, record: Mapping[str, Any]) -> str:
    return str(record["id"]) if sheet.key == "id" else f"#{index + 1}"


def _unique_ids(records: Sequence[Mapping[str, Any]]) -> bool:
    ids = [r.get("id") for r in records]
    return all(isinstance(i, str) and i and i != UNKNOWN for i in ids) and len(set(ids)) == len(ids)


def _add_records(
    sheets: list[_Sheet],
    titles: _Titles,
    file: str,
    path: str,
    groups: Sequence[tuple[str, Sequence[Mapping[str, Any]]]],
    parent: _Sheet | None,
    stem: str,
) -> None:
    """One records sheet for the lists at ``path`` (one list per parent key in ``groups``)."""
    last = path.rsplit(".", 1)[-1] if path else stem
    if parent is None:
        title = titles.new(path or stem, f"{stem}.{path}")
    else:
        title = titles.new(f"{parent.title}.{last}", f"{parent.title}.{path}")
    every = [r for _, records in groups for r in records]
    sheet = _Sheet(
        title,
        "records",
        file,
        path,
        parent.title if parent else "",
        "id" if _unique_ids(every) else "row",
    )
    sheets.append(sheet)
    nested: dict[str, list[tuple[str, Sequence[Mapping[str, Any]]]]] = {}
    index = 0
    for parent_key, records in groups:
        for record in records:
            cells: dict[str, Cell] = {PARENT: parent_key} if parent is not None else {}
            lists: list[tuple[str, Any]] = []
            _flatten(record, "", cells, lists)
            sheet.rows.append(cells)
            for name in cells:
                if name not in sheet.columns:
                    sheet.columns.append(name)
            key = _record_key(sheet, index, record)
            for name, value in lists:
                nested.setdefault(name, []).append((key, value))
            index += 1
    for name, child_groups in nested.items():
        _add_records(sheets, titles, file, name, child_groups, sheet, stem)


def _document_sheets(sheets: list[_Sheet], titles: _Titles, file: str, data: Any) -> None:
    stem = file.removesuffix(".yaml").replace("/", ".")
    if isinstance(data, list):
        if data and not _is_records(data):
            raise ValueError(Coded("workbook.top_list_not_records"))
        _add_records(sheets, titles, file, "", [("", data)], None, stem)
        return
    if not isinstance(data, dict):
        raise ValueError(Coded("workbook.top_not_mapping"))
    cells: dict[str, Cell] = {}
    lists: list[tuple[str, Any]] = []
    _flatten(data, "", cells, lists)
    sheet = _Sheet(titles.new(stem), "fields", file, "", "", "")
    sheet.columns = [FIELD, VALUE]
    sheet.rows = [{FIELD: name, VALUE: value} for name, value in cells.items()]
    sheets.append(sheet)
    for name, value in lists:
        _add_records(sheets, titles, file, name, [("", value)], None, stem)


def _csv_sheet(titles: _Titles, file: str, text: str) -> _Sheet:
    rows = list(csv.reader(io.StringIO(text)))
    width = max((len(r) for r in rows), default=0)
    columns = [f"#{i + 1}" for i in range(width)]
    sheet = _Sheet(titles.new(file.replace("/", ".")), "csv", file, "", "", "", columns)
    sheet.rows = [{columns[i]: v for i, v in enumerate(r)} for r in rows]
    return sheet


def _plan_files(plan_dir: Path) -> list[tuple[str, Any]]:
    """The plan's YAML documents (relative file name, data) as the loader reads them."""
    docs, problems, merged = read_plan_documents(plan_dir)
    if problems:
        raise PlanError(problems)
    files = [(doc.path.relative_to(plan_dir).as_posix(), doc.data) for doc in docs.values()]
    seen: set[str] = set()
    for doc, _ in merged.origin:
        name = doc.path.relative_to(plan_dir).as_posix()
        if name not in seen:
            seen.add(name)
            files.append((name, doc.data))
    return [(name, data) for name, data in files if data is not None]


def _in_file(name: str, reason: str) -> WorkbookProblem:
    """A problem of one file of the plan (no sheet): ``name: reason``."""
    return WorkbookProblem(
        None, None, None, Coded("value.field_problem", {"field": name, "problem": reason})
    )


def plan_grids(plan_dir: Path) -> dict[str, Grid]:
    """The plan directory's files as workbook sheets (title to grid, header first).

    Raises
    ------
    PlanError
        When a file of the plan cannot be read.
    WorkbookError
        When a file holds a shape the workbook cannot represent (named).
    """
    sheets: list[_Sheet] = []
    titles = _Titles()
    problems: list[WorkbookProblem] = []
    for name, data in _plan_files(plan_dir):
        try:
            _document_sheets(sheets, titles, name, data)
        except ValueError as exc:
            problems.append(_in_file(name, exc.args[0]))
    for path in sorted(plan_dir.glob("*.csv")):
        if not path.resolve().is_relative_to(plan_dir.resolve()):
            problems.append(_in_file(path.name, Coded("workbook.link_outside")))
            continue
        try:
            text = read_limited(path, ReadLimits().max_bytes).decode("utf-8-sig")
        except YamlError as exc:
            problems.append(_in_file(path.name, exc.reason))
            continue
        except UnicodeDecodeError as exc:
            problems.append(_in_file(path.name, Coded("table.not_utf8", {"detail": exc.reason})))
            continue
        sheets.append(_csv_sheet(titles, path.name, text))
    if problems:
        raise WorkbookError(str(plan_dir), problems)
    index: list[list[Cell]] = [list(INDEX_COLUMNS)]
    index += [[s.title, s.kind, s.file, s.path, s.parent, s.key] for s in sheets]
    grids: dict[str, Grid] = {INDEX_SHEET: index}
    for s in sheets:
        header: list[Cell] = list(s.columns)
        body = [[row.get(c) for c in s.columns] for row in s.rows]
        grids[s.title] = body if s.kind == "csv" else [header, *body]
    return grids


def export_workbook(plan_dir: Path) -> bytes:
    """The plan directory as XLSX bytes (see the module docstring)."""
    return export_tables(plan_grids(plan_dir), "xlsx")


# --- import -------------------------------------------------------------------------


def _parts(name: str) -> list[str | int]:
    return [int(p) if p.lstrip("-").isdigit() else p for p in name.split(".")]


def _value(column: str, cell: Cell) -> Any:
    """A cell's value for ``column`` (raises ValueError with a coded reason)."""
    if column.endswith((LIST_SUFFIX, MAPPING_SUFFIX)):
        if not isinstance(cell, str):
            raise ValueError(Coded("workbook.json_text", {"value": repr(cell)}))
        try:
            value = json.loads(cell)
        except json.JSONDecodeError as exc:
            raise ValueError(Coded("workbook.bad_json", {"detail": exc.msg})) from None
        if column.endswith(LIST_SUFFIX) and not isinstance(value, list):
            raise ValueError(Coded("workbook.json_list"))
        if column.endswith(MAPPING_SUFFIX) and not isinstance(value, dict):
            raise ValueError(Coded("workbook.json_mapping"))
        return value
    if isinstance(cell, str) and cell.strip() == UNKNOWN:
        return None
    return cell


def _strip_suffix(column: str) -> str:
    for suffix in (LIST_SUFFIX, MAPPING_SUFFIX):
        if column.endswith(suffix):
            return column[: -len(suffix)]
    return column


def _set(target: dict[Any, Any], parts: Sequence[str | int], value: Any) -> None:
    """Set ``value`` at a dotted path; raises ValueError (coded) when the path clashes."""
    for part in parts[:-1]:
        nxt = target.setdefault(part, {})
        if not isinstance(nxt, dict):
            raise ValueError(Coded("workbook.value_and_group", {"part": part}))
        target = nxt
    if parts[-1] in target:
        raise ValueError(Coded("workbook.field_twice"))
    target[parts[-1]] = value


def _put(target: dict[Any, Any], column: str, cell: Cell) -> Loc:
    """Set a cell's value (:func:`_value`) at its column's dotted path in ``target``; the
    path. Raises ValueError with a coded reason."""
    value = _value(column, cell)
    path = tuple(_parts(_strip_suffix(column)))
    _set(target, path, value)
    return path


@dataclass
class _Builder:
    """Builds the plan's documents from sheets and remembers which cell each value came from."""

    documents: dict[str, Any] = field(default_factory=dict)
    problems: list[WorkbookProblem] = field(default_factory=list)
    cells: dict[tuple[str, str], tuple[str, int | None, str | None]] = field(default_factory=dict)
    csv_files: dict[str, str] = field(default_factory=dict)
    records: dict[str, dict[str, tuple[dict[str, Any], Loc]]] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)
    broken_files: set[str] = field(default_factory=set)
    """Files a sheet of which is missing or unusable: the loader's problems with them
    would only repeat that (the file is missing, every row lacks a field)."""

    def note(self, file: str, loc: Loc, sheet: str, row: int | None, column: str | None) -> None:
        self.cells[(file, field_path(loc))] = (sheet, row, column)

    def fail(self, sheet: str | None, row: int | None, column: str | None, reason: str) -> None:
        self.problems.append(WorkbookProblem(sheet, row, column, reason))


def _fields_sheet(b: _Builder, spec: _Sheet, table: Table) -> None:
    for column in (FIELD, VALUE):
        if column not in table.columns:
            b.fail(spec.title, 1, column, Coded("table.missing_column"))
            b.broken_files.add(spec.file)
            return
    document = b.documents.setdefault(spec.file, {})
    if not isinstance(document, dict):
        b.fail(spec.title, None, None, Coded("workbook.also_records", {"file": spec.file}))
        return
    b.note(spec.file, (), spec.title, None, None)  # a missing field: named on this sheet
    for row in table.rows:
        name = row.cells.get(FIELD)
        if not isinstance(name, str) or not name.strip():
            b.fail(spec.title, row.number, FIELD, Coded("workbook.empty_field_name"))
            continue
        name = name.strip()
        raw = row.cells.get(VALUE)
        if empty_cell(raw):
            continue
        try:
            loc = _put(document, name, raw)
        except ValueError as exc:
            reason = Coded("value.field_problem", {"field": name, "problem": exc.args[0]})
            b.fail(spec.title, row.number, VALUE, reason)
            continue
        b.note(spec.file, loc, spec.title, row.number, VALUE)


def _record(
    b: _Builder, spec: _Sheet, row_number: int, cells: Mapping[str, Cell], loc: Loc
) -> dict[str, Any] | None:
    record: dict[Any, Any] = {}
    ok = True
    for column, raw in cells.items():
        if column == PARENT or empty_cell(raw):
            continue
        try:
            inner = _put(record, column, raw)
        except ValueError as exc:
            b.fail(spec.title, row_number, column, exc.args[0])
            ok = False
            continue
        b.note(spec.file, loc + inner, spec.title, row_number, column)
    b.note(spec.file, loc, spec.title, row_number, None)
    return record if ok else None


def _records_sheet(b: _Builder, spec: _Sheet, table: Table, parent: _Sheet | None) -> None:
    if parent is not None and PARENT not in table.columns:
        b.fail(spec.title, 1, PARENT, Coded("table.missing_column"))
        b.broken_files.add(spec.file)
        return
    keyed: dict[str, tuple[dict[str, Any], Loc]] = {}
    b.records[spec.title] = keyed
    path = tuple(_parts(spec.path)) if spec.path else ()
    for index, row in enumerate(table.rows):
        target: list[Any] | None
        base: Loc
        if parent is None:
            container_owner: Any = b.documents.get(spec.file)
            if not path:
                if container_owner is None:
                    container_owner = b.documents[spec.file] = []
                if not isinstance(container_owner, list):
                    b.fail(
                        spec.title, None, None, Coded("workbook.also_fields", {"file": spec.file})
                    )
                    return
                target, base = container_owner, ()
            else:
                if container_owner is None:
                    container_owner = b.documents[spec.file] = {}
                if not isinstance(container_owner, dict):
                    b.fail(spec.title, None, None, Coded("workbook.also_list", {"file": spec.file}))
                    return
                target, base = _list_at(b, spec, row.number, container_owner, path, ())
        else:
            ref = row.cells.get(PARENT)
            owner = b.records.get(parent.title, {}).get(str(ref).strip() if ref is not None else "")
            if owner is None:
                reason = Coded("workbook.unknown_parent_row", {"sheet": parent.title, "row": ref})
                b.fail(spec.title, row.number, PARENT, reason)
                continue
            target, base = _list_at(b, spec, row.number, owner[0], path, owner[1])
        if target is None:
            continue
        loc = (*base, len(target))
        record = _record(b, spec, row.number, row.cells, loc)
        if record is None:
            target.append({})
            continue
        target.append(record)
        if spec.key == "id":
            ident = record.get("id")
            if not isinstance(ident, str) or not ident:
                continue  # the plan's loader names the missing id; no child can name it
            if ident in keyed:
                b.fail(spec.title, row.number, "id", Coded("workbook.id_twice", {"id": ident}))
                continue
            keyed[ident] = (record, loc)
        else:
            keyed[f"#{index + 1}"] = (record, loc)


def _list_at(
    b: _Builder, spec: _Sheet, row: int, owner: dict[Any, Any], path: Loc, base: Loc
) -> tuple[list[Any] | None, Loc]:
    """The list at ``path`` in ``owner`` (created when absent)."""
    target: Any = owner
    for part in path[:-1]:
        target = target.setdefault(part, {}) if isinstance(target, dict) else None
    if not isinstance(target, dict):
        b.fail(spec.title, row, None, Coded("workbook.path_clash", {"path": spec.path}))
        return None, base
    found = target.setdefault(path[-1], [])
    if not isinstance(found, list):
        b.fail(spec.title, row, None, Coded("workbook.path_clash", {"path": spec.path}))
        return None, base
    return found, (*base, *path)


def _csv_text(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    rows = [list(table.columns)] + [[r.cells.get(c) for c in table.columns] for r in table.rows]
    for row in rows:
        while row and (row[-1] is None or row[-1] == ""):
            row.pop()
        writer.writerow(["" if c is None else c for c in row])
    return out.getvalue()


def _index(tables: Mapping[str, Table], b: _Builder) -> list[_Sheet]:
    table = tables.get(INDEX_SHEET)
    if table is None:
        b.fail(INDEX_SHEET, None, None, Coded("workbook.index_missing"))
        return []
    missing = [c for c in INDEX_COLUMNS if c not in table.columns]
    for column in missing:
        b.fail(INDEX_SHEET, 1, column, Coded("table.missing_column"))
    if missing:
        return []
    specs: list[_Sheet] = []
    for row in table.rows:
        cells = {
            c: ("" if row.cells.get(c) is None else str(row.cells.get(c)).strip())
            for c in INDEX_COLUMNS
        }
        kind = cells["kind"]
        if kind not in ("fields", "records", "csv"):
            b.fail(INDEX_SHEET, row.number, "kind", Coded("workbook.bad_kind", {"value": kind}))
            continue
        file = cells["file"]
        parts = Path(file).parts
        wanted = ".csv" if kind == "csv" else ".yaml"
        if not file or file.startswith("/") or ".." in parts or not file.endswith(wanted):
            b.fail(
                INDEX_SHEET,
                row.number,
                "file",
                Coded("workbook.bad_file", {"suffix": wanted, "value": file}),
            )
            continue
        if cells["sheet"] not in tables:
            b.broken_files.add(file)
            if kind != "csv":  # an empty part, so the rest of the plan is still checked
                b.documents.setdefault(file, [] if kind == "records" and not cells["path"] else {})
            if cells["sheet"] not in b.unreadable:
                b.fail(
                    cells["sheet"] or INDEX_SHEET,
                    None,
                    None,
                    Coded("workbook.sheet_missing"),
                )
            continue
        if cells["key"] not in ("id", "row", ""):
            reason = Coded("workbook.bad_key", {"value": cells["key"]})
            b.fail(INDEX_SHEET, row.number, "key", reason)
            continue
        sheet_kind: Kind = "fields" if kind == "fields" else "csv" if kind == "csv" else "records"
        specs.append(
            _Sheet(
                cells["sheet"],
                sheet_kind,
                file,
                cells["path"],
                cells["parent"],
                cells["key"] or "row",
            )
        )
    listed = {str(r.cells.get("sheet")).strip() for r in table.rows} | {INDEX_SHEET}
    for title in tables:
        if title not in listed:
            b.fail(title, None, None, Coded("workbook.unknown_sheet"))
    return specs


def _documents(tables: Mapping[str, Table], b: _Builder) -> None:
    specs = _index(tables, b)
    by_title = {s.title: s for s in specs}
    for spec in specs:
        table = tables[spec.title]
        if spec.kind == "fields":
            _fields_sheet(b, spec, table)
        elif spec.kind == "csv":
            b.csv_files[spec.file] = _csv_text(table)
        else:
            parent = by_title.get(spec.parent) if spec.parent else None
            if spec.parent and parent is None:
                b.fail(
                    INDEX_SHEET,
                    None,
                    "parent",
                    Coded("workbook.unknown_parent", {"sheet": spec.title, "parent": spec.parent}),
                )
                continue
            _records_sheet(b, spec, table, parent)


def _where(b: _Builder, file: str, field_name: str) -> tuple[str | None, int | None, str | None]:
    """The sheet, row and column a plan problem at ``file``/``field_name`` comes from."""
    probe = field_name
    while True:
        found = b.cells.get((file, probe))
        if found is not None:
            sheet, row, column = found
            if column is None and probe != field_name:
                column = field_name[len(probe) :].lstrip(".")
            elif column == VALUE and probe != field_name:
                column = f"{VALUE} ({field_name})"
            return sheet, row, column
        if not probe:
            return None, None, field_name or None
        cut = max(probe.rfind("."), probe.rfind("["))
        probe = probe[:cut] if cut > 0 else ""


def _write_plan(b: _Builder, folder: Path) -> None:
    for name, data in b.documents.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        write_yaml(path, data)
    for name, text in b.csv_files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / name, text.encode("utf-8"))


def import_workbook(
    book: Path,
    plan_dir: Path,
    limits: ReadLimits | None = None,
    check: Callable[[Plan, Path], object] | None = None,
) -> None:
    """Write the plan held by workbook ``book`` to the new folder ``plan_dir``.

    Nothing is written unless the whole plan loads: the files are written to a temporary
    folder next to ``plan_dir``, loaded, given to ``check`` (the plan and that folder; what
    it raises is raised, and nothing is written), and only then moved into place.

    Raises
    ------
    WorkbookError
        Every problem found (sheet, row, column, reason), or why ``plan_dir`` cannot be
        written (it exists and is not empty).
    """
    limits = limits or ReadLimits()
    file = str(book)
    if plan_dir.exists() and (not plan_dir.is_dir() or any(plan_dir.iterdir())):
        raise WorkbookError(
            str(plan_dir), [WorkbookProblem(None, None, None, Coded("workbook.folder_not_empty"))]
        )
    if not plan_dir.parent.is_dir():
        raise WorkbookError(
            str(plan_dir),
            [
                WorkbookProblem(
                    None, None, None, Coded("workbook.no_folder", {"folder": str(plan_dir.parent)})
                )
            ],
        )
    try:
        tables, errors = read_sheets(read_xlsx_bytes(book, limits), file, limits)
    except TableError as exc:
        raise WorkbookError(
            file, [WorkbookProblem(exc.sheet, exc.row, exc.column, exc.reason)]
        ) from None
    b = _Builder()
    for error in errors:
        if error.sheet:
            b.unreadable.add(error.sheet)
        b.fail(error.sheet, error.row, error.column, error.reason)
    if INDEX_SHEET not in tables:
        if INDEX_SHEET not in b.unreadable:
            b.fail(INDEX_SHEET, None, None, Coded("workbook.index_missing"))
        raise WorkbookError(file, b.problems)
    _documents(tables, b)
    if not b.documents:
        raise WorkbookError(file, b.problems)
    # Go on to load what could be read, so the plan's own problems are named too.
    flagged = {(p.sheet, p.row) for p in b.problems if p.row}
    temp = Path(tempfile.mkdtemp(prefix=f".{plan_dir.name}.import-", dir=plan_dir.parent))
    try:
        _write_plan(b, temp)
        plan: Plan | None = None
        try:
            plan = load_plan(temp)
        except PlanError as exc:
            for problem in exc.problems:
                name = Path(problem.file)
                rel = (
                    name.relative_to(temp).as_posix() if name.is_relative_to(temp) else problem.file
                )
                sheet, row, column = _where(b, rel, problem.field)
                if rel in b.broken_files or (sheet, row) in flagged:
                    continue  # a consequence of a problem already named
                reason = problem.reason
                if not sheet:
                    reason = Coded("value.field_problem", {"field": rel, "problem": reason})
                b.fail(sheet, row, column, reason)
        if b.problems:
            raise WorkbookError(file, b.problems)
        if check is not None and plan is not None:
            check(plan, temp)
        if plan_dir.exists():
            plan_dir.rmdir()
        os.replace(temp, plan_dir)
    finally:
        if temp.exists():
            shutil.rmtree(temp, ignore_errors=True)


__all__ = [
    "INDEX_SHEET",
    "WorkbookError",
    "WorkbookProblem",
    "export_workbook",
    "import_workbook",
    "plan_grids",
]
