"""White spots: value-chain segment x technology (or market) matrices of the registry.

Each cell counts the organisations active in both the segment and the technology (or
market) and sums their known jobs. Empty cells and thin cells (at most a threshold of
organisations, an assumption) are flagged, and the plan's own judgements are attached to
the cells, segments and columns they concern.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

import numpy as np
import numpy.typing as npt

from clusterplan.ecosystem.registry import Registry
from clusterplan.ecosystem.settings import EcosystemSettings
from clusterplan.plan import parts
from clusterplan.plan.schema import CellJudgement, Plan, Taxonomy


class Axis(StrEnum):
    """What the columns of a white-spot matrix are: the taxonomy's technologies or its
    application markets."""

    TECHNOLOGIES = "technologies"
    MARKETS = "markets"


def needed_parts(axis: Axis) -> tuple[str, ...]:
    """The taxonomy parts a matrix with ``axis`` for columns needs (what the command
    ``ecosystem whitespots`` declares in :data:`clusterplan.plan.parts.COMMAND_PARTS`)."""
    command = "ecosystem whitespots" + (" --by markets" if axis == Axis.MARKETS else "")
    return parts.COMMAND_PARTS[command]


def require_parts(plan: Plan, axis: Axis) -> None:
    """Raise :class:`~clusterplan.plan.parts.MissingPart` when ``plan`` lacks a part the
    matrix with ``axis`` needs (a matrix without rows or columns says nothing)."""
    parts.require(plan, *needed_parts(axis))


CellFlag = Literal["empty", "thin", "ok"]


@dataclass(frozen=True)
class WhiteSpotMatrix:
    """Counts per segment (rows) and technology or market (columns).

    ``organisations[i, j]`` counts organisations; ``jobs_known[i, j]`` sums the jobs of those
    whose jobs are known; ``jobs_unknown[i, j]`` counts those whose jobs are unknown (so a
    jobs total is a lower bound whenever it is positive). ``members[i][j]`` lists their ids.
    """

    axis: Axis
    segments: tuple[str, ...]
    columns: tuple[str, ...]
    organisations: npt.NDArray[np.int64]
    jobs_known: npt.NDArray[np.int64]
    jobs_unknown: npt.NDArray[np.int64]
    members: tuple[tuple[tuple[str, ...], ...], ...]
    thin_max_organisations: int
    region_only: bool
    judgements: tuple[CellJudgement, ...]

    def flag(self, segment: str, column: str) -> CellFlag:
        """'empty', 'thin' (1..threshold organisations) or 'ok'."""
        n = int(self.organisations[self.segments.index(segment), self.columns.index(column)])
        return self.flag_of(n)

    def flag_of(self, organisations: int) -> CellFlag:
        """The flag of a cell that counts this many organisations: 'empty' without any,
        'thin' with at most the threshold, else 'ok'."""
        if organisations == 0:
            return "empty"
        return "thin" if organisations <= self.thin_max_organisations else "ok"

    def flag_counts(self, flag: CellFlag) -> tuple[int, int | None]:
        """The organisations a cell with this flag counts (:meth:`flag_of` as ranges):
        (fewest, most), most None without a limit. With a threshold of 0 no cell is thin:
        its most, 0, is below its fewest."""
        thin = self.thin_max_organisations
        ranges: dict[CellFlag, tuple[int, int | None]] = {
            "empty": (0, 0),
            "thin": (1, thin),
            "ok": (thin + 1, None),
        }
        return ranges[flag]

    def cells(self, flag: CellFlag) -> list[tuple[str, str]]:
        """Every (segment, column) cell with this flag, in matrix order."""
        return [(s, c) for s in self.segments for c in self.columns if self.flag(s, c) == flag]

    def judgements_for(self, segment: str, column: str) -> tuple[CellJudgement, ...]:
        """The plan's judgements on this cell, its segment as a whole or its column as a whole."""
        key = "technology" if self.axis == "technologies" else "market"
        out = []
        for j in self.judgements:
            j_col = getattr(j, key)
            other = j.market if key == "technology" else j.technology
            if other is not None:
                continue
            if (j.segment in (segment, None)) and (j_col in (column, None)):
                if j.segment is None and j_col is None:
                    continue
                out.append(j)
        return tuple(out)


def white_spots(
    registry: Registry,
    taxonomy: Taxonomy,
    settings: EcosystemSettings,
    axis: Axis = Axis.TECHNOLOGIES,
) -> WhiteSpotMatrix:
    """The white-spot matrix of a registry.

    Parameters
    ----------
    registry
        The organisations (their ``segments``, ``technologies``/``markets`` and ``jobs``).
    taxonomy
        Rows are its segments, columns its technologies or markets; its judgements are attached.
    settings
        The thin-cell threshold and whether only organisations in the region count.
    axis
        ``"technologies"`` or ``"markets"``.
    """
    segments = tuple(s.id for s in taxonomy.segments)
    items = taxonomy.technologies if axis == Axis.TECHNOLOGIES else taxonomy.markets
    columns = tuple(i.id for i in items)
    shape = (len(segments), len(columns))
    orgs = np.zeros(shape, dtype=np.int64)
    jobs = np.zeros(shape, dtype=np.int64)
    unknown = np.zeros(shape, dtype=np.int64)
    members: list[list[list[str]]] = [[[] for _ in columns] for _ in segments]
    for org in registry.organisations:
        if settings.region_only and not org.in_region:
            continue
        for s in org.segments:
            for c in getattr(org, axis):
                if s not in segments or c not in columns:
                    continue
                i, j = segments.index(s), columns.index(c)
                orgs[i, j] += 1
                members[i][j].append(org.id)
                if org.jobs is None:
                    unknown[i, j] += 1
                else:
                    jobs[i, j] += org.jobs
    return WhiteSpotMatrix(
        axis=axis,
        segments=segments,
        columns=columns,
        organisations=orgs,
        jobs_known=jobs,
        jobs_unknown=unknown,
        members=tuple(tuple(tuple(cell) for cell in row) for row in members),
        thin_max_organisations=settings.thin_max_organisations,
        region_only=settings.region_only,
        judgements=tuple(taxonomy.judgements),
    )


def white_spots_data(matrix: WhiteSpotMatrix) -> dict[str, object]:
    """A JSON-ready form of a matrix (cells with counts, flag, members and judgements)."""
    cells = []
    for i, s in enumerate(matrix.segments):
        for j, c in enumerate(matrix.columns):
            cells.append(
                {
                    "segment": s,
                    matrix.axis[:-1] if matrix.axis == "markets" else "technology": c,
                    "organisations": int(matrix.organisations[i, j]),
                    "jobs_known": int(matrix.jobs_known[i, j]),
                    "jobs_unknown_organisations": int(matrix.jobs_unknown[i, j]),
                    "flag": matrix.flag(s, c),
                    "members": list(matrix.members[i][j]),
                    "judgements": [j_.id for j_ in matrix.judgements_for(s, c)],
                }
            )
    return {
        "axis": matrix.axis,
        "segments": list(matrix.segments),
        "columns": list(matrix.columns),
        "thin_max_organisations": matrix.thin_max_organisations,
        "region_only": matrix.region_only,
        "cells": cells,
        "judgements": [j.model_dump(exclude_none=True) for j in matrix.judgements],
    }
