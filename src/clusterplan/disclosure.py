"""The disclosure rule (statistical disclosure control): which figures a reader who may not
see single contributors' figures is shown, and how a withheld figure is written.

One rule, the minimum frequency rule of statistics offices, holds for every table of the
core and the platform, whoever the contributors are (the partner organisations behind a
monitoring figure, the start-ups behind a portfolio figure):

* a figure built from 1 to ``minimum - 1`` contributors is withheld (:func:`too_few`); a
  figure of no contributor names nobody and is shown;
* so is what would give a withheld figure back by subtraction (:func:`withheld`). A table
  of parts per year and their total can be kept from that in two ways, and the caller says
  which figure its table keeps (:data:`Keep`): ``"parts"`` withholds the year's total and
  shows the other parts, ``"total"`` withholds the year's other non-empty parts and shows
  the total (unless the total itself rests on too few).

A withheld figure is written as :func:`mark` and explained under its table by :func:`note`,
both from the core's catalogue: the sign ``x`` that the CBS puts in a cell it may not
publish, with the note a reader of a Dutch statistics table looks for ("x = geheim").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from clusterplan.errors import Coded

__all__ = [
    "Contributors",
    "Keep",
    "Withheld",
    "mark",
    "marked",
    "note",
    "too_few",
    "unsplit",
    "unsplit_label",
    "withheld",
]

Keep = Literal["parts", "total"]
"""Which figures of a table of parts and their total stay when a part is withheld."""

Contributors = Literal["organisations", "startups"]
"""Whom a table's figures are built from (the word of :func:`note`)."""


def too_few(contributors: int, minimum: int) -> bool:
    """Whether a figure built from ``contributors`` is withheld on its own: 1 to
    ``minimum - 1`` of them (none reveals nobody; ``minimum`` 1 withholds nothing)."""
    return 0 < contributors < minimum


@dataclass(frozen=True)
class Withheld:
    """Which figures of a table are withheld: ``parts[group][year]`` and ``totals[year]``."""

    parts: tuple[tuple[bool, ...], ...]
    totals: tuple[bool, ...]

    def shown_parts(self, values: Sequence[Sequence[float]]) -> list[list[float | None]]:
        """The parts a restricted reader sees (None: withheld)."""
        return [
            [None if hide else v for v, hide in zip(row, hidden, strict=True)]
            for row, hidden in zip(values, self.parts, strict=True)
        ]

    def shown_totals(self, values: Sequence[float]) -> list[float | None]:
        """The totals a restricted reader sees (None: withheld)."""
        return [None if hide else v for v, hide in zip(values, self.totals, strict=True)]


def withheld(
    parts: Sequence[Sequence[int]], totals: Sequence[int], minimum: int, keep: Keep
) -> Withheld:
    """The disclosure rule on a table of parts per year and their totals, given how many
    contributors each figure is built from (``parts[group][year]``, ``totals[year]``).

    A figure of 1 to ``minimum - 1`` contributors is withheld. In a year where a part is,
    ``keep="parts"`` also withholds the total and ``keep="total"`` every other non-empty
    part: otherwise the total minus the shown parts would give it back.
    """
    hidden = [[too_few(c, minimum) for c in row] for row in parts]
    hidden_totals = [too_few(c, minimum) for c in totals]
    for t in range(len(totals)):
        if not any(row[t] for row in hidden):
            continue
        if keep == "parts":
            hidden_totals[t] = True
        else:
            for g, row in enumerate(parts):
                hidden[g][t] = hidden[g][t] or row[t] > 0
    return Withheld(tuple(tuple(row) for row in hidden), tuple(hidden_totals))


def mark(lang: str | None = None) -> str:
    """How a withheld figure is written, in ``lang`` (default: the language of this run)."""
    return Coded("disclosure.mark").text(lang)


def note(minimum: int, contributors: Contributors, lang: str | None = None) -> str:
    """What :func:`mark` means, for the note under a table that has it ("fewer than 1
    organisation" where the minimum is one)."""
    one = ".one" if minimum == 1 else ""
    whom = (
        Coded(f"disclosure.contributors.startups{one}")
        if contributors == "startups"
        else Coded(f"disclosure.contributors.organisations{one}")
    )
    return Coded(
        "disclosure.note", {"mark": Coded("disclosure.mark"), "n": minimum, "contributors": whom}
    ).text(lang)


def unsplit(
    parts: Sequence[Sequence[float | None]], totals: Sequence[float | None]
) -> list[float | None]:
    """Per year, the share of a shown total that its withheld parts make up (the total less
    the shown parts); None where no part is withheld, or the total is withheld too.

    What a stacked chart draws in place of the withheld parts, so that a bar keeps the
    height of the total the table shows: it reveals nothing the table does not (the total
    less the shown parts), and a chart of a year whose parts are all withheld is not empty.
    """
    out: list[float | None] = []
    for t, total in enumerate(totals):
        column = [row[t] for row in parts]
        if total is None or all(v is not None for v in column):
            out.append(None)
        else:
            out.append(total - sum(v for v in column if v is not None))
    return out


def unsplit_label(lang: str | None = None) -> str:
    """The name of :func:`unsplit` in a chart's legend."""
    return Coded("disclosure.unsplit", {"mark": Coded("disclosure.mark")}).text(lang)


def marked(totals: Sequence[float | None], lang: str | None = None) -> list[str | None]:
    """Per year, :func:`mark` where the total is withheld, else None: what a stacked chart
    writes at such a year in place of its bar.

    A total withheld in a table that keeps its totals rests on too few contributors itself,
    and so does each of its non-empty parts: the chart has nothing of the year to draw (nor
    any :func:`unsplit` share), and an empty place would read as zero where the table says
    :func:`mark`."""
    withheld = mark(lang)
    return [withheld if total is None else None for total in totals]
