"""One table model for the plan's tables, rendered as text, CSV, XLSX and HTML.

A :class:`Table` is built once (by :mod:`clusterplan.report.tables`) from the plan and
holds typed :class:`Cell` objects: the value, its unit, whether it is unknown, whether an
unknown amount belongs in it, whether it was computed here or is printed in the plan
(with the printed figure kept beside a computed one), and where it comes from. Totals
are made by :func:`total`, the one totals rule: the sum of the known values, unknown
when nothing is known, and marked as including unknowns when some were left out.

Renderers only write the cells down: :func:`render_text` for the command line,
:func:`export_grid` for CSV and XLSX (through :mod:`clusterplan.io.export`, so text is
formula-safe), :func:`html_rows` for the web's table template. Numbers are written by
:mod:`clusterplan.report.numbers`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import groupby
from typing import Literal

from clusterplan.i18n import gettext
from clusterplan.report.messages import msg
from clusterplan.report.numbers import UNKNOWN, YEAR, format_value, language, shown_decimals

Number = float | int
ExportCell = str | int | float | None


@dataclass(frozen=True)
class Cell:
    """One cell: a label (``text``) or a figure (``value`` in ``unit``).

    ``value`` None with ``text`` None is an unknown figure. ``includes_unknown``: an
    unknown amount belongs in the figure. ``computed``: made here from other cells, not
    copied from the plan; ``printed`` is then the plan's own figure for it, if it prints
    one. ``provenance`` says where the figure or label comes from. ``decimals``: how many
    decimals the figure is shown with (None: its unit's; :data:`~clusterplan.report.numbers.AS_NEEDED`:
    as many as it has); the export keeps the raw number. ``status``: a state the cell
    stands for (e.g. ``on_track``, ``off_track``), which a renderer may colour.
    """

    value: Number | None = None
    unit: str = ""
    text: str | None = None
    includes_unknown: bool = False
    computed: bool = False
    printed: Number | None = None
    provenance: str | None = None
    decimals: int | None = None
    status: str | None = None

    @property
    def is_text(self) -> bool:
        """Whether the cell is a label rather than a figure."""
        return self.text is not None

    @property
    def places(self) -> int | None:
        """The decimals the figure is written with (:func:`~clusterplan.report.numbers.shown_decimals`;
        :data:`~clusterplan.report.numbers.AS_NEEDED` for as many as it has); None for a label,
        an unknown or a year."""
        if self.text is not None or self.value is None or self.unit == YEAR:
            return None
        return shown_decimals(self.value, self.unit, self.decimals)

    @property
    def unknown(self) -> bool:
        """Whether the cell is a figure whose value is unknown."""
        return self.text is None and self.value is None

    @property
    def differs_from_print(self) -> bool:
        """Whether a computed figure differs from the plan's printed one (by > 0.001)."""
        if self.printed is None or not self.computed:
            return False
        if self.value is None:
            return True
        return abs(float(self.value) - float(self.printed)) > 1e-3

    def shown(self, lang: str, *, grouping: bool = True) -> str:
        """The cell as a reader sees it in ``lang``."""
        if self.text is not None:
            return self.text
        return format_value(
            self.value,
            self.unit,
            lang,
            includes_unknown=self.includes_unknown,
            decimals=self.decimals,
            grouping=grouping,
        )

    def exported(self, unknown: ExportCell = UNKNOWN) -> ExportCell:
        """The cell for CSV/XLSX: a plain number where it is one, text otherwise (an
        unknown is ``unknown``, '?' unless told; a figure with unknowns in it is text
        ending in '+?')."""
        if self.text is not None:
            return self.text
        if self.value is None:
            return unknown
        if self.includes_unknown:
            return self.shown("en", grouping=False)
        return self.value


NOISE_DIGITS = 9
"""Computed figures are rounded to this many decimals: float noise (``-8.9e-16`` for a
difference of equal amounts) is not a figure anyone wrote."""


def _clean(value: float) -> float:
    rounded = round(value, NOISE_DIGITS)
    return 0.0 if rounded == 0 else rounded


def label(text: str, provenance: str | None = None) -> Cell:
    """A text cell."""
    return Cell(text=text, provenance=provenance)


def figure(
    value: Number | None,
    unit: str,
    provenance: str | None = None,
    *,
    printed: bool = True,
    decimals: int | None = None,
) -> Cell:
    """A figure from the plan (``printed``) or one given to the table as is, shown with
    ``decimals`` (None: its unit's)."""
    return Cell(
        value=value, unit=unit, provenance=provenance, computed=not printed, decimals=decimals
    )


def total(
    cells: Iterable[Cell],
    unit: str,
    *,
    printed: Number | None = None,
    provenance: str | None = None,
) -> Cell:
    """The one totals rule: the sum of the known figures of ``cells``.

    Unknown when none is known (and there is something to add); includes unknowns when an
    unknown figure was left out or a figure added already includes one. ``printed`` is the
    plan's own total, kept beside the computed one.
    """
    figures = [c for c in cells if not c.is_text]
    known = [c for c in figures if c.value is not None]
    if figures and not known:
        return Cell(unit=unit, computed=True, printed=printed, provenance=provenance)
    value = _clean(sum(float(c.value) for c in known if c.value is not None))
    partial = len(known) < len(figures) or any(c.includes_unknown for c in known)
    return Cell(
        value=value,
        unit=unit,
        includes_unknown=partial,
        computed=True,
        printed=printed,
        provenance=provenance,
    )


def totals_row(rows: Sequence[Row], lang: str, units: str | Sequence[str]) -> Row:
    """The totals row under ``rows`` (each a label, then figures): per figure column its
    total by the one rule (:func:`total`), in ``units`` (one unit for every column, or a
    unit per column)."""
    if isinstance(units, str):
        width = len(rows[0].cells) - 1 if rows else 0
        units = [units] * width
    cells = [total([r.cells[k] for r in rows], unit) for k, unit in enumerate(units, start=1)]
    return Row("total", (label(msg("table.row.total", lang)), *cells), is_total=True)


def difference(left: Cell, right: Cell, unit: str) -> Cell:
    """``left - right`` by the same rule: unknown if either is unknown, includes unknowns
    if either does."""
    if left.value is None or right.value is None:
        return Cell(unit=unit, computed=True)
    return Cell(
        value=_clean(float(left.value) - float(right.value)),
        unit=unit,
        includes_unknown=left.includes_unknown or right.includes_unknown,
        computed=True,
    )


ColumnGroup = Literal["label", "year", "pillar", "source", "total", "printed", "other"]


@dataclass(frozen=True)
class Column:
    """A column: its key, its heading in the table's language, its group and unit; in a
    wide table, the ``band`` it stands under with its heading there (``short``) when the
    table is drawn with a head of two rows (:func:`head_rows`). ``heading`` is the whole
    heading, what a flat table (text, CSV, XLSX) shows."""

    key: str
    heading: str
    group: ColumnGroup
    unit: str = ""
    band: str = ""
    short: str = ""

    @property
    def numeric(self) -> bool:
        """Whether the column holds figures (aligned right)."""
        return self.group != "label"


def banded(
    key: str,
    band: str,
    short: str,
    group: ColumnGroup,
    unit: str,
    lang: str,
    *,
    named: str | None = None,
) -> Column:
    """A column headed ``short`` under the band ``band``; its whole heading names both
    ("mbo: behoefte"). ``named``: the column's name in that whole heading where ``short``
    leaves out what its neighbour says ('p5' beside 'behoefte' is "mbo: behoefte p5")."""
    heading = msg("col.in_band", lang, band=band, column=named or short)
    return Column(key, heading, group, unit, band=band, short=short)


@dataclass(frozen=True)
class HeadCell:
    """A cell of a table's head as HTML draws it: its text, whether it heads figures, how
    many columns (``span``) and rows (``rows``) it covers, and whether it heads a band of
    columns (``scope="colgroup"``)."""

    text: str
    numeric: bool
    span: int = 1
    rows: int = 1
    band: bool = False

    @property
    def scope(self) -> str:
        return "colgroup" if self.band else "col"


_UNIT_AT_END = re.compile(r"\(([^()]{1,14})\)$")
"""A unit in brackets at a heading's end: short ('M EUR', 'duizend euro', '%'); longer
words in brackets ('applied sciences', '%, 1,200 samples') may wrap as any words do."""


def unbroken_unit(heading: str) -> str:
    """``heading`` with the spaces of the unit in brackets at its end made no-break spaces:
    in a narrow column 'Public (M EUR)' wrapped as 'Public (M' over 'EUR)'."""
    return _UNIT_AT_END.sub(lambda unit: unit.group(0).replace(" ", "\u00a0"), heading)


def head_rows(columns: Sequence[Column]) -> tuple[tuple[HeadCell, ...], ...]:
    """A table's head for HTML: one row of the columns' headings; or, where columns stand
    in bands, two: each band over its columns (a column outside any band covers both rows)
    and under it the columns' short headings. A wide table (four education levels of five
    figures each) reads by its bands rather than by twenty headings that each repeat the
    level. A heading's unit in brackets keeps to one line (:func:`unbroken_unit`)."""
    if not any(c.band for c in columns):
        return (tuple(HeadCell(unbroken_unit(c.heading), c.numeric) for c in columns),)
    top: list[HeadCell] = []
    under: list[HeadCell] = []
    for band, run in groupby(columns, key=lambda c: c.band):
        within = list(run)
        if not band:
            top += [HeadCell(unbroken_unit(c.heading), c.numeric, rows=2) for c in within]
            continue
        top.append(HeadCell(unbroken_unit(band), False, span=len(within), band=True))
        under += [HeadCell(unbroken_unit(c.short or c.heading), c.numeric) for c in within]
    return tuple(top), tuple(under)


def columns(
    keys: Iterable[str],
    heading: Callable[[str], str],
    *,
    words: Collection[str] = (),
    units: Mapping[str, str] | None = None,
    unit: str = "",
) -> tuple[Column, ...]:
    """Columns ``keys`` headed by ``heading(key)``: those in ``words`` hold words (group
    ``label``), the others figures (group ``other``, in ``units[key]`` where given, else
    in ``unit``)."""
    units = units or {}
    return tuple(
        Column(key, heading(key), "label", units.get(key, ""))
        if key in words
        else Column(key, heading(key), "other", units.get(key, unit))
        for key in keys
    )


def year_key(year: int) -> str:
    """The key of a year's column (``year:2030``)."""
    return f"year:{year}"


def year_column(year: int, unit: str, heading: str | None = None) -> Column:
    """The column of one year's figures in ``unit``, headed by the year (or ``heading``)."""
    return Column(year_key(year), str(year) if heading is None else heading, "year", unit)


@dataclass(frozen=True)
class Row:
    """A row: its key (a cost line id, a growth dimension id), cells, and whether it is
    the totals row."""

    key: str
    cells: tuple[Cell, ...]
    is_total: bool = False


def comparison_row(year: int, before: Cell, after: Cell, unit: str) -> Row:
    """One year of a table that compares two paths: ``before``, ``after`` and the
    difference (``after - before`` by :func:`difference`, '+?' when either includes an
    unknown)."""
    return Row(str(year), (label(str(year)), before, after, difference(after, before, unit)))


@dataclass(frozen=True)
class Table:
    """A table of the plan, built once and shown by every interface.

    ``key``: a stable id (a download slug); ``name``: the plan's own name for the table
    when its sources share one, else a short generic name (a CSV block title, an XLSX
    sheet); ``title``: the heading in ``lang``; ``note``: what the reader needs to know
    (unknowns, printed totals that differ).
    """

    key: str
    name: str
    title: str
    lang: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    unit: str = ""
    source: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def body(self) -> tuple[Row, ...]:
        """The rows without the totals row."""
        return tuple(r for r in self.rows if not r.is_total)

    @property
    def totals(self) -> Row | None:
        """The totals row, if the table has one."""
        return next((r for r in self.rows if r.is_total), None)

    def column_index(self, key: str) -> int:
        """The position of the column ``key`` (KeyError when absent)."""
        for index, column in enumerate(self.columns):
            if column.key == key:
                return index
        raise KeyError(key)

    def cell(self, row_key: str, column_key: str) -> Cell:
        """The cell at row ``row_key`` and column ``column_key``."""
        index = self.column_index(column_key)
        for row in self.rows:
            if row.key == row_key:
                return row.cells[index]
        raise KeyError(row_key)

    def select(self, groups: Sequence[ColumnGroup], *, key: str, title: str) -> Table:
        """The same rows with only the label column and columns of ``groups`` (a part of
        the table shown on its own, e.g. costs per year or coverage by source)."""
        keep = [i for i, c in enumerate(self.columns) if c.group == "label" or c.group in groups]
        return replace(
            self,
            key=key,
            title=title,
            columns=tuple(self.columns[i] for i in keep),
            rows=tuple(replace(r, cells=tuple(r.cells[i] for i in keep)) for r in self.rows),
        )


Loose = Cell | str | int | float | None
"""A value given to a table as it is (:func:`as_cell`)."""


def as_cell(value: Loose, decimals: int | None = None, lang: str = "nl") -> Cell:
    """A value given to a table as it is, as a cell: a cell stays itself; a word is a label,
    and so is a yes or no (in ``lang``); a number is a figure without unit, a float shown
    with ``decimals`` (None: whole floats as integers, others to one place); None is an
    unknown figure."""
    if isinstance(value, Cell):
        return value
    if value is None:
        return Cell()
    if isinstance(value, bool):
        return label(gettext("yes" if value else "no", language(lang)))
    if not isinstance(value, int | float):
        return label(str(value))
    return Cell(value=value, decimals=decimals if isinstance(value, float) else None)


def given(
    key: str,
    title: str,
    lang: str,
    headings: Sequence[str],
    rows: Iterable[Sequence[Loose]],
    *,
    numeric: Sequence[bool],
    decimals: int | None = None,
) -> Table:
    """A table of values given as they are (a list a page or a file shows: leads, changes,
    participants), its cells made by :func:`as_cell`; the columns flagged in ``numeric``
    hold figures, the others words. Rows may be shorter than the heading (a page may write
    the last columns itself)."""
    return Table(
        key=key,
        name=title,
        title=title,
        lang=lang,
        columns=tuple(
            Column(str(i), str(heading), "other" if figures else "label")
            for i, (heading, figures) in enumerate(zip(headings, numeric, strict=True))
        ),
        rows=tuple(
            Row(str(i), tuple(as_cell(v, decimals, lang) for v in row))
            for i, row in enumerate(rows)
        ),
    )


def catalogued(
    key: str,
    lang: str,
    heads: Iterable[str | Column],
    rows: Iterable[Row],
    *,
    texts: str | None = None,
    title: str | None = None,
    headings: str | None = None,
    words: Collection[str] = (),
    units: Mapping[str, str] | None = None,
    unit: str = "",
    notes: Iterable[str] = (),
    **params: object,
) -> Table:
    """The table ``key`` (its download slug) in ``lang`` holding ``rows`` (figures in
    ``unit``, with ``notes``), its texts from the core's catalogue (:func:`msg`, with
    ``params`` filled in).

    Named and titled by the catalogue's ``TEXTS.name`` and ``TEXTS.title``; a given
    ``title`` is the title instead, and names the table too when there are no ``texts``.
    Each key in ``heads`` is a column headed by the catalogue's ``HEADINGS.KEY``
    (``TEXTS.col.KEY`` unless told): those in ``words`` hold words, the others figures in
    ``units[key]``, or in the table's ``unit`` where ``units`` does not say; a
    :class:`Column` in ``heads`` is kept as it is.
    """
    if title is None:
        title = msg(f"{texts}.title", lang, **params)
    prefix = headings or f"{texts}.col"

    def column(head: str | Column) -> Column:
        if isinstance(head, Column):
            return head
        heading = msg(f"{prefix}.{head}", lang, **params)
        return columns((head,), lambda _: heading, words=words, units=units, unit=unit)[0]

    return Table(
        key=key,
        name=title if texts is None else msg(f"{texts}.name", lang, **params),
        title=title,
        lang=lang,
        columns=tuple(map(column, heads)),
        rows=tuple(rows),
        unit=unit,
        notes=tuple(notes),
    )


# --------------------------------------------------------------------------- renderers


def shown_rows(table: Table, lang: str | None = None) -> list[list[str]]:
    """Heading row and every row as the reader sees them (text renderers and tests)."""
    lang = lang or table.lang
    head = [c.heading for c in table.columns]
    return [head, *[[cell.shown(lang) for cell in row.cells] for row in table.rows]]


def render_text(table: Table, width: int | None = None) -> str:
    """The table aligned for a terminal: title, first column left, figures right, a rule
    under the heading and above the totals row, then the notes. With ``width``, a table
    wider than that is written in parts one under the other, each repeating the first
    column and holding as many of the next columns as fit (at least one)."""
    shown = shown_rows(table)
    widths = [max(len(row[i]) for row in shown) for i in range(len(table.columns))]
    lines = [table.title, "=" * len(table.title)]
    for part in _parts(widths, width):
        if len(lines) > 2:
            lines.append("")
        rule = "  ".join("-" * widths[i] for i in part)
        for index, row in enumerate(shown):
            if index and table.rows[index - 1].is_total:
                lines.append(rule)
            cells = [
                row[i].rjust(widths[i]) if table.columns[i].numeric else row[i].ljust(widths[i])
                for i in part
            ]
            lines.append("  ".join(cells).rstrip())
            if index == 0:
                lines.append(rule)
    lines += table.notes
    return "\n".join(lines)


def _parts(widths: Sequence[int], width: int | None) -> list[list[int]]:
    """The columns of each part of a table no wider than ``width`` (every column in one
    part without a width): the first column, then as many of the next as fit."""
    if width is None or sum(widths) + 2 * (len(widths) - 1) <= width:
        return [list(range(len(widths)))]
    parts: list[list[int]] = []
    for i in range(1, len(widths)):
        if parts and sum(widths[j] + 2 for j in parts[-1]) + widths[i] <= width:
            parts[-1].append(i)
        else:
            parts.append([0, i])
    return parts or [[0]]


def export_grid(table: Table, *, unknown: ExportCell = UNKNOWN) -> list[list[ExportCell]]:
    """Heading row and rows for CSV/XLSX (:func:`clusterplan.io.export.export_tables`
    neutralises text): figures stay numbers, unknowns are ``unknown`` ('?' unless told;
    None leaves the cell blank), partial sums text '+?'."""
    head: list[ExportCell] = [c.heading for c in table.columns]
    return [head, *[[cell.exported(unknown) for cell in row.cells] for row in table.rows]]


def export_grids(tables: Iterable[Table]) -> dict[str, list[list[ExportCell]]]:
    """Several tables by name, for one CSV file or one XLSX workbook."""
    return {t.name: export_grid(t) for t in tables}


def html_rows(table: Table, lang: str | None = None) -> list[list[dict[str, object]]]:
    """Rows for the web's table template and the annual report: per cell its text, whether
    it is a figure, and the flags a page marks (unknown, includes unknowns, computed,
    printed figure, status)."""
    lang = lang or table.lang
    out: list[list[dict[str, object]]] = []
    for row in table.rows:
        out.append(
            [
                {
                    "text": cell.shown(lang),
                    "numeric": column.numeric,
                    "unknown": cell.unknown,
                    "includes_unknown": cell.includes_unknown,
                    "computed": cell.computed,
                    "printed": None
                    if cell.printed is None
                    else format_value(cell.printed, cell.unit, lang, decimals=cell.decimals),
                    "differs": cell.differs_from_print,
                    "total": row.is_total,
                    "status": cell.status,
                }
                for cell, column in zip(row.cells, table.columns, strict=True)
            ]
        )
    return out
