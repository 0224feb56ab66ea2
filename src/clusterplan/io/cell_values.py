"""What one cell of an imported table means: a number, a whole number, a date, yes or no.

Every import reads its cells with these functions: the organisation registry, leads,
actuals, talent supply, an event's requests and availability, and the web's start-up
portfolio. So a cell that one import takes, every import takes, with the same value:

- **A number** is a number cell, or text such as ``12.5``, ``12,5`` (one comma and no
  point: a decimal comma), ``1 234`` (spaces, also non-breaking, group the digits) or
  ``1e3``. Not a number: a yes/no cell, ``1_000`` (Python reads it; a spreadsheet user did
  not mean it), ``1,234.5`` or ``1.234,5`` (a grouped number is ambiguous between the
  languages), and ``nan`` or ``inf``, which no figure of a plan is.
- **A whole number** is a number without a fraction: ``12``, ``12.0``, ``12,0``.
- **A date** is a date cell (a spreadsheet's date and time gives its date) or the text
  ``YYYY-MM-DD``, optionally followed by a valid time.
- **Yes or no** is a yes/no cell or one of the words in :data:`YES` and :data:`NO`, in any
  case.
- **Unknown** is a cell holding only :data:`UNKNOWN` (``?``), where an import allows it: a
  value that is not known (None), not a missing one.
- **One of a list of values** (an enumeration) is a value or one of the words that name it
  (for the core's enumerations, :func:`clusterplan.labels.names`: its Dutch and English
  words); case, accents, spaces, hyphens and underscores do not matter (``On-hold``,
  ``on_hold``, ``Geidentificeerd``).

A refused cell raises :class:`CellError`, a ``ValueError`` whose reason is coded (so every
interface words it in its reader's language) and quotes the cell. :func:`written` goes the
other way: a value as a file holds it, so an import's preview writes what changes as the
file would say it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

from clusterplan.errors import Coded
from clusterplan.i18n import gettext, without_accents
from clusterplan.io.sheets import Cell, cell_text
from clusterplan.report.numbers import AS_NEEDED, format_number

YES = frozenset({"true", "yes", "ja", "j", "y", "1", "waar"})
"""The words read as yes (compared in lower case)."""
NO = frozenset({"false", "no", "nee", "n", "0", "onwaar"})
"""The words read as no (compared in lower case)."""
LIST_SEPARATOR = ";"
"""What separates the items of a cell that holds a list (``Acme; ACME B.V.``)."""
UNKNOWN = "?"
"""A cell holding only this is an unknown value (None, as '?' in the plan), where an import
allows one."""
NOT_FINITE = "value.number_not_finite"
"""The code of a refused ``nan`` or ``inf``: a number to Python, no figure of a plan."""
SHOWN_CHARS = 40
"""How much of a refused cell a reason quotes: enough to recognise it in the file."""
_SPACES = str.maketrans("", "", " \u00a0\u202f")


class CellError(ValueError):
    """A cell that is not what its column needs; ``reason`` says why, quoting the cell."""

    def __init__(self, reason: Coded) -> None:
        super().__init__(reason)
        self.reason = reason


def shown(cell: Cell | date) -> str:
    """A cell as a reason quotes it: its trimmed text, at most :data:`SHOWN_CHARS` long."""
    text = cell_text(cell) if not isinstance(cell, date) else cell.isoformat()
    return (text or "")[:SHOWN_CHARS]


def unknown(cell: Cell) -> bool:
    """Whether a cell says its value is unknown: it holds only :data:`UNKNOWN`."""
    return cell_text(cell) == UNKNOWN


def _quoting(code: str, cell: Cell | date) -> Coded:
    """The reason ``code``, quoting the refused cell."""
    return Coded(code, {"value": repr(shown(cell))})


def number(cell: Cell) -> float:
    """The finite number a cell holds; :class:`CellError` (``value.number``, or
    :data:`NOT_FINITE` for ``nan`` and ``inf``) otherwise."""
    if isinstance(cell, bool) or cell is None:
        raise CellError(_quoting("value.number", cell))
    if isinstance(cell, int):
        return float(cell)
    if isinstance(cell, float):
        value = cell
    else:
        text = cell.strip().translate(_SPACES)
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        if "_" in text:
            raise CellError(_quoting("value.number", cell))
        try:
            value = float(text)
        except ValueError:
            raise CellError(_quoting("value.number", cell)) from None
    if not math.isfinite(value):
        raise CellError(_quoting(NOT_FINITE, cell))
    return value


def whole(cell: Cell) -> int:
    """The whole number a cell holds; :class:`CellError` (``value.whole_number``) otherwise."""
    if isinstance(cell, int) and not isinstance(cell, bool):
        return cell
    try:
        value = number(cell)
    except CellError:
        raise CellError(_quoting("value.whole_number", cell)) from None
    if not value.is_integer():
        raise CellError(_quoting("value.whole_number", cell))
    return int(value)


def day(cell: Cell | date) -> date:
    """The date a cell holds; :class:`CellError` (``value.not_a_date``) otherwise."""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = cell_text(cell) or ""
    try:
        if len(text) > 10:  # a date with a time (from a spreadsheet): the time must be valid
            return datetime.fromisoformat(text).date()
        return date.fromisoformat(text)
    except ValueError:
        raise CellError(_quoting("value.not_a_date", cell)) from None


def flag(cell: Cell) -> bool:
    """Yes or no; :class:`CellError` (``value.yes_no``) for anything else."""
    if isinstance(cell, bool):
        return cell
    text = (cell_text(cell) or "").lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise CellError(_quoting("value.yes_no", cell))


def _folded(text: str) -> str:
    """Text as :func:`choice` compares it: no accents, case, hyphens or underscores."""
    bare = without_accents(text).casefold()
    return " ".join(bare.replace("_", " ").replace("-", " ").split())


def choice(cell: Cell, names: Mapping[str, Iterable[str]]) -> str:
    """The value a cell names: one of ``names`` (each value with the words that name it
    besides itself); :class:`CellError` (``value.not_one_of``) otherwise."""
    wanted = _folded(cell_text(cell) or "")
    for value, words in names.items():
        if wanted and wanted in {_folded(value), *(_folded(word) for word in words)}:
            return value
    raise CellError(Coded("value.not_one_of", {"value": repr(shown(cell)), "known": list(names)}))


def written(value: Any, lang: str | None, kind: str | None = None) -> str:
    """``value`` as a file in ``lang`` holds it: text that the functions above read back as
    ``value`` (an import's preview writes its changes so, on every interface).

    Unknown (None) and an empty list are :data:`UNKNOWN`; yes and no the language's words
    (``ja``/``nee``, ``yes``/``no``: of :data:`YES` and :data:`NO`); a number in the
    language's decimal mark with the decimals it has, not grouped (``1500``, ``12,345`` /
    ``12.345``: a grouped number is refused); a date ``YYYY-MM-DD``; the items of a list
    separated by :data:`LIST_SEPARATOR`; a value of the enumeration of ``kind``
    (:data:`clusterplan.labels.ENUMERATIONS`) by its words in ``lang``; any other value as
    it is."""
    if value is None or (isinstance(value, list | tuple) and not value):
        return UNKNOWN
    if isinstance(value, list | tuple):
        return f"{LIST_SEPARATOR} ".join(written(item, lang, kind) for item in value)
    if isinstance(value, bool):
        return gettext("yes" if value else "no", lang)
    if isinstance(value, int | float):
        return format_number(value, lang, AS_NEEDED, grouping=False)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value.value) if isinstance(value, Enum) else str(value)
    if kind is None:
        return text
    from clusterplan.labels import label  # labels reads the enumerations of the ecosystem

    return label(kind, text, lang)
