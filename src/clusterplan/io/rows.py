"""Reading an import file's rows: each cell by the core's rules, every problem collected.

An import of the core is all or nothing and names everything wrong with a file at once
(file, row, column, reason). :class:`RowReader` is the one way its cells are read for
that: a cell's meaning by :mod:`clusterplan.io.cell_values`, a number's range by a
:class:`~clusterplan.plan.bounds.Bound` (a refusal names the number given:
:func:`out_of_range`), the header by
:func:`~clusterplan.io.sheets.header_problems`; a refused cell gives None and its problem
is noted, so the reading goes on to the next cell.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import TypeVar

from clusterplan.errors import Coded
from clusterplan.io import cell_values
from clusterplan.io.sheets import Cell, FileProblem, cell_text, empty_cell, header_problems
from clusterplan.plan.bounds import Bound

T = TypeVar("T")


def out_of_range(problem: Coded, value: object) -> Coded:
    """A cell's number refused by its range (``problem``: the bound's words), as every
    import words it: why, and the number given, in the reader's notation (``must be between
    1900 and 2200 (got 1800)``)."""
    return Coded("value.problem_got", {"problem": problem, "value": value})


class RowReader:
    """Reads the cells of one file by the rules of every import, collecting each problem
    in :attr:`problems`."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[FileProblem] = []

    def fail(self, row: int | None, column: str | None, reason: Coded) -> None:
        """Note a problem at a row and column (None: the whole file or row)."""
        self.problems.append(FileProblem(self.file, row, column, reason))

    def refuse(self, error: Callable[[list[FileProblem]], Exception]) -> None:
        """Raise ``error`` with every problem noted, when there is one: an import takes a
        file whole or not at all."""
        if self.problems:
            raise error(self.problems)

    def header(
        self, columns: Sequence[str], required: Sequence[str], known: Sequence[str] | None = None
    ) -> None:
        """Note each required column the header (``columns``) lacks and, when ``known`` lists
        every column the import reads, each other column."""
        for column, reason in header_problems(columns, required, known):
            self.fail(1, column, reason)

    @staticmethod
    def text(cells: Mapping[str, Cell], column: str) -> str:
        """A cell as trimmed text (empty: ''), a workbook's whole number without its fraction
        (:func:`~clusterplan.io.sheets.cell_text`)."""
        return cell_text(cells.get(column)) or ""

    def required(self, number: int, cells: Mapping[str, Cell], column: str) -> str | None:
        """The text of a cell that must not be empty; None, with the problem noted, if it is."""
        value = self.text(cells, column)
        if not value:
            self.fail(number, column, Coded("table.empty_cell"))
            return None
        return value

    def _present(self, number: int, cells: Mapping[str, Cell], column: str, needed: bool) -> bool:
        """True when the cell holds something; an empty one is noted when ``needed``."""
        if not empty_cell(cells.get(column)):
            return True
        if needed:
            self.fail(number, column, Coded("table.empty_cell"))
        return False

    def cell(
        self,
        number: int,
        cells: Mapping[str, Cell],
        column: str,
        parse: Callable[[Cell], T],
        *,
        needed: bool,
        bound: Bound | None = None,
        unknown: bool = False,
    ) -> T | None:
        """A cell read by the core's rule ``parse`` (:mod:`clusterplan.io.cell_values`) and,
        for a number, held to ``bound``; None, with the problem noted, for a refused cell,
        and for an empty one (noted when ``needed``). Where the import allows ``unknown``
        values, a cell saying so (:func:`~clusterplan.io.cell_values.unknown`, ``?``) is
        None without a problem."""
        if not self._present(number, cells, column, needed):
            return None
        if unknown and cell_values.unknown(cells.get(column)):
            return None
        try:
            result = parse(cells.get(column))
        except cell_values.CellError as exc:
            self.fail(number, column, exc.reason)
            return None
        problem = None if bound is None else bound.problem(result)
        if problem is not None:
            self.fail(number, column, out_of_range(problem, result))
            return None
        return result

    def whole(
        self,
        number: int,
        cells: Mapping[str, Cell],
        column: str,
        bound: Bound | None = None,
        *,
        needed: bool = False,
    ) -> int | None:
        """A whole number within ``bound``; None for an empty or refused cell (a number whose
        bound says whether it is whole: :meth:`bounded`)."""
        return self.cell(number, cells, column, cell_values.whole, needed=needed, bound=bound)

    def bounded(
        self,
        number: int,
        cells: Mapping[str, Cell],
        column: str,
        bound: Bound,
        *,
        needed: bool = False,
        unknown: bool = False,
    ) -> float | None:
        """A number within ``bound``: a whole one (an ``int``) when the bound counts whole
        numbers (:attr:`~clusterplan.plan.bounds.Bound.integer`), else one that may have
        decimals; None for an empty, unknown (when allowed) or refused cell."""
        parse = cell_values.whole if bound.integer else cell_values.number
        return self.cell(number, cells, column, parse, needed=needed, bound=bound, unknown=unknown)

    def day(
        self, number: int, cells: Mapping[str, Cell], column: str, *, needed: bool = True
    ) -> date | None:
        """A date; None for an empty or refused cell."""
        return self.cell(number, cells, column, cell_values.day, needed=needed)

    def choice(
        self,
        number: int,
        cells: Mapping[str, Cell],
        column: str,
        names: Mapping[str, Iterable[str]],
        *,
        needed: bool = False,
    ) -> str | None:
        """One of ``names`` (a value with the words that name it); None for an empty or
        refused cell."""

        def parse(value: Cell) -> str:
            return cell_values.choice(value, names)

        return self.cell(number, cells, column, parse, needed=needed)

    def flag(self, number: int, cells: Mapping[str, Cell], column: str) -> bool:
        """Yes or no (empty: no)."""
        return bool(self.cell(number, cells, column, cell_values.flag, needed=False))
