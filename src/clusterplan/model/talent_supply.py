"""Education supply as data: the national open education data, a trend per programme.

A supply file has one row per institution, programme and year, in the shape of the
national open education data (DUO: enrolments and diplomas per institution and
programme): columns ``institution``, ``programme``, ``level``, ``year``, ``enrolled``,
``graduates``. It is read all or nothing: every problem names the file, the row, the
column and the reason, and one problem rejects the whole file.

From the imported years each programme gets a linear trend of its graduates (least
squares; one year gives a constant), continued for at most ``talent.supply.trend_years``
years after the last imported year and held flat after that, never below zero. The
programme's joiners in year *t* are::

    joiners[t] = trend[t] x relevance x join_share

with the per-programme shares of the assumptions ``talent.supply.relevance`` (the share of
the graduates trained for the cluster's work) and ``talent.supply.join_share`` (the share
of those that joins the cluster in the region). A programme whose share is unknown, or a
level without any programme in the data, has unknown supply (NaN), never zero.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from clusterplan.errors import Coded, ProblemsError
from clusterplan.i18n import Count, gettext
from clusterplan.io.limits import ReadLimits
from clusterplan.io.rows import RowReader
from clusterplan.io.sheets import (
    FileProblem,
    Table,
    TableError,
    header_problems,
    parse_table_bytes,
    read_file_bytes,
    read_table,
)
from clusterplan.labels import names
from clusterplan.model.demand_data import FloatArray
from clusterplan.plan.bounds import PEOPLE_PER_YEAR, SHARE, YEAR
from clusterplan.plan.schema import EDUCATION_LEVELS, Plan

SUPPLY_COLUMNS: tuple[str, ...] = (
    "institution",
    "programme",
    "level",
    "year",
    "enrolled",
    "graduates",
)
"""The columns of a supply file, in the shape of the national open education data."""

MAX_SUPPLY_ROWS = 100_000
"""Most rows a supply file may have: every programme of every institution of a country
over decades fits, a larger file is not a supply file."""


@dataclass(frozen=True)
class SupplyProblem(FileProblem):
    """Why a supply file is refused: where in the file, and the reason."""

    error: TableError | None = field(default=None, compare=False)
    """The table reader's error when the file itself could not be read (or is over a limit)."""


class SupplyError(ProblemsError[SupplyProblem], ValueError):
    """A supply file that is refused; ``problems`` name file, row, column and reason."""

    default_code = "supply.detail"


@dataclass(frozen=True)
class SupplyRow:
    """One row of a supply file (``number``: its row in the file, the header being 1)."""

    number: int
    institution: str
    programme: str
    level: str
    year: int
    enrolled: float | None
    graduates: float


@dataclass(frozen=True)
class Programme:
    """A programme of the supply data: its key, level and graduates per imported year."""

    key: str
    institution: str
    name: str
    level: str
    graduates: dict[int, float]
    enrolled: dict[int, float | None] = field(default_factory=dict)

    def trend(self, years: Sequence[int], hold_after: int) -> FloatArray:
        """Graduates per year by the linear trend of the imported years.

        The line is continued for ``hold_after`` years after the last imported year and
        held flat after that (and before the first); it is never below zero.
        """
        xs = np.array(sorted(self.graduates), dtype=float)
        ys = np.array([self.graduates[int(x)] for x in xs], dtype=float)
        if len(xs) > 1:
            slope, intercept = np.polyfit(xs, ys, 1)
        else:
            slope, intercept = 0.0, float(ys[0])
        at = np.clip(np.asarray(years, dtype=float), xs[0], xs[-1] + hold_after)
        out: FloatArray = np.maximum(intercept + slope * at, 0.0)
        return out

    @property
    def slope(self) -> float:
        """Change of graduates per year by the trend (0 for one imported year)."""
        if len(self.graduates) < 2:
            return 0.0
        xs = np.array(sorted(self.graduates), dtype=float)
        ys = np.array([self.graduates[int(x)] for x in xs], dtype=float)
        return float(np.polyfit(xs, ys, 1)[0])


@dataclass(frozen=True)
class SupplyData:
    """A supply file read and checked: its rows and its programmes."""

    file: str
    rows: tuple[SupplyRow, ...]

    @property
    def programmes(self) -> list[Programme]:
        """Programmes in the order of first appearance."""
        found: dict[str, Programme] = {}
        for row in self.rows:
            key = programme_key(row.institution, row.programme)
            if key not in found:
                found[key] = Programme(key, row.institution, row.programme, row.level, {}, {})
            found[key].graduates[row.year] = row.graduates
            found[key].enrolled[row.year] = row.enrolled
        return list(found.values())

    @property
    def years(self) -> list[int]:
        """The imported years."""
        return sorted({r.year for r in self.rows})


def programme_key(institution: str, programme: str) -> str:
    """The key of a programme in the assumptions: ``institution / programme``."""
    return f"{institution} / {programme}"


def parse_supply(table: Table) -> SupplyData:
    """Check a table as supply data (all or nothing); :class:`SupplyError` otherwise."""
    file = table.file
    header = header_problems(table.columns, SUPPLY_COLUMNS)  # other columns: passed over
    if header:
        raise SupplyError([SupplyProblem(file, 1, column, reason) for column, reason in header])
    if not table.rows:
        raise SupplyError([SupplyProblem(file, None, None, Coded("table.no_rows"))])
    if len(table.rows) > MAX_SUPPLY_ROWS:
        reason = Coded(
            "supply.too_many_rows",
            {"rows": Count(len(table.rows)), "maximum": Count(MAX_SUPPLY_ROWS)},
        )
        raise SupplyError([SupplyProblem(file, None, None, reason)])
    reader = RowReader(file)
    rows: list[SupplyRow] = []
    seen: dict[tuple[str, str, int], int] = {}
    level_names = names("education.level")
    for row in table.rows:
        n, cells = row.number, row.cells
        before = len(reader.problems)
        institution = reader.required(n, cells, "institution")
        programme = reader.required(n, cells, "programme")
        level = reader.choice(n, cells, "level", level_names, needed=True)
        year = reader.whole(n, cells, "year", YEAR, needed=True)
        enrolled = reader.bounded(n, cells, "enrolled", PEOPLE_PER_YEAR)
        graduates = reader.bounded(n, cells, "graduates", PEOPLE_PER_YEAR, needed=True)
        if len(reader.problems) > before:
            continue
        assert institution and programme and level and year is not None and graduates is not None
        where = (institution, programme, year)
        if where in seen:
            duplicate = {"programme": programme, "institution": institution, "year": year}
            reader.fail(n, "year", Coded("supply.duplicate", duplicate | {"row": seen[where]}))
            continue
        seen[where] = n
        rows.append(SupplyRow(n, institution, programme, level, year, enrolled, graduates))
    levels: dict[str, tuple[str, int]] = {}
    for r in rows:
        key = programme_key(r.institution, r.programme)
        first = levels.setdefault(key, (r.level, r.number))
        if first[0] != r.level:
            differs = {"level": r.level, "row": first[1], "other": first[0]}
            reader.fail(r.number, "level", Coded("supply.level_differs", differs))
    problems = [SupplyProblem(p.file, p.row, p.column, p.reason) for p in reader.problems]
    if problems:
        raise SupplyError(problems)
    return SupplyData(file, tuple(rows))


def parse_supply_bytes(name: str, data: bytes, limits: ReadLimits | None = None) -> SupplyData:
    """Check an uploaded supply file (``.csv`` UTF-8 or ``.xlsx`` by its name), bounded by
    the import ``limits`` (:class:`clusterplan.io.limits.ReadLimits`)."""
    try:
        table = parse_table_bytes(data, name, limits)
    except TableError as exc:
        raise SupplyError([SupplyProblem(exc.file, exc.row, exc.column, exc.reason, exc)]) from None
    return parse_supply(table)


def supply_rows_json(data: SupplyData) -> list[dict[str, Any]]:
    """The rows as JSON-ready dicts (to store an import)."""
    return [
        {
            "row": r.number,
            "institution": r.institution,
            "programme": r.programme,
            "level": r.level,
            "year": r.year,
            "enrolled": r.enrolled,
            "graduates": r.graduates,
        }
        for r in data.rows
    ]


def supply_from_json(file: str, rows: Sequence[Mapping[str, Any]]) -> SupplyData:
    """Supply data from stored rows (:func:`supply_rows_json`)."""
    return SupplyData(
        file,
        tuple(
            SupplyRow(
                int(r["row"]),
                str(r["institution"]),
                str(r["programme"]),
                str(r["level"]),
                int(r["year"]),
                None if r.get("enrolled") is None else float(r["enrolled"]),
                float(r["graduates"]),
            )
            for r in rows
        ),
    )


def read_supply(path: Path, limits: ReadLimits | None = None) -> SupplyData:
    """Read a supply file (``.csv`` or ``.xlsx``) within the import ``limits``;
    :class:`SupplyError` when refused."""
    try:
        table = read_table(path, limits)
    except TableError as exc:
        raise SupplyError([SupplyProblem(exc.file, exc.row, exc.column, exc.reason, exc)]) from None
    return parse_supply(table)


def plan_supply_path(plan_dir: Path | None, supply_file: str | None) -> Path | None:
    """Where a plan's supply file lies (next to its ``talent.yaml``), or None."""
    if plan_dir is None or not supply_file:
        return None
    return plan_dir / supply_file


def read_plan_supply(
    plan: Plan, plan_dir: Path, limits: ReadLimits | None = None
) -> SupplyData | None:
    """The plan's own education supply file (``talent.supply_file`` in ``plan_dir``, next to
    its ``talent.yaml``) read and checked within ``limits``, or None when the plan names no
    file or it is absent. :class:`SupplyError` when the file is refused: its problems name
    the file by its name (not the folder), the row, the column and the reason, the words
    every interface that takes a plan shows (``clusterplan check``, ``plan import``, an
    uploaded revision)."""
    if plan.talent is None:
        return None
    path = plan_supply_path(plan_dir, plan.talent.supply_file)
    if path is None or not path.is_file():
        return None
    limits = limits or ReadLimits()
    try:
        data = read_file_bytes(path, limits)  # within the limits: nothing more is read
    except TableError as exc:
        raise SupplyError(
            [SupplyProblem(path.name, exc.row, exc.column, exc.reason, exc)]
        ) from None
    return parse_supply_bytes(path.name, data, limits)


def illustrative_supply(plan: Plan, file_name: str) -> bool:
    """Whether a supply file is the plan's own file of illustrative figures
    (``talent.supply_illustrative``), not real data."""
    section = plan.talent
    return section is not None and section.supply_illustrative and file_name == section.supply_file


def supply_label(plan: Plan, file_name: str, lang: str | None = None) -> str:
    """A supply file as a reader sees it named: its name, marked in ``lang`` where it is
    the plan's own file of illustrative figures (:func:`illustrative_supply`)."""
    if not illustrative_supply(plan, file_name):
        return file_name
    return f"{file_name} ({gettext('ILLUSTRATIVE figures, not real data', lang)})"


@dataclass(frozen=True)
class SupplyShares:
    """Per programme key the relevance and join shares (absent: unknown)."""

    relevance: dict[str, float]
    join_share: dict[str, float]
    trend_years: int

    @staticmethod
    def of(plan: Plan) -> SupplyShares:
        """From the assumptions ``talent.supply.relevance``, ``.join_share``, ``.trend_years``."""

        def shares(assumption_id: str) -> dict[str, float]:
            try:
                value: Any = plan.assumption(assumption_id).value
            except KeyError:
                return {}
            if not isinstance(value, Mapping):
                reason = Coded("supply.share_per_programme")
                raise SupplyError(
                    [SupplyProblem(f"assumption {assumption_id}", None, None, reason)]
                )
            out = {}
            for key, share in value.items():
                problem = SHARE.problem(share)
                if problem is not None:
                    where = f"assumption {assumption_id}"
                    raise SupplyError([SupplyProblem(where, None, str(key), problem)])
                out[str(key)] = float(share)
            return out

        try:
            hold = int(plan.assumption("talent.supply.trend_years").value)
        except KeyError:
            hold = 0
        return SupplyShares(
            shares("talent.supply.relevance"), shares("talent.supply.join_share"), max(hold, 0)
        )


@dataclass(frozen=True)
class Supply:
    """Joiners per level and year from the supply data, and what is unknown.

    ``joiners`` is ``[level, year]`` (NaN: a programme of the level lacks a share, or the
    data has no programme of the level: unknown, never zero); ``by_programme``
    ``[programme, year]``.
    """

    years: list[int]
    levels: tuple[str, ...]
    programmes: list[Programme]
    graduates: FloatArray
    by_programme: FloatArray
    joiners: FloatArray
    missing_shares: list[str]


def supply_joiners(data: SupplyData, years: Sequence[int], shares: SupplyShares) -> Supply:
    """Joiners per level and year by the programmes' trends and shares."""
    levels = EDUCATION_LEVELS
    programmes = data.programmes
    graduates = np.zeros((len(programmes), len(years)))
    joiners = np.zeros((len(programmes), len(years)))
    by_level = np.zeros((len(levels), len(years)))
    missing = []
    for i, p in enumerate(programmes):
        graduates[i] = p.trend(years, shares.trend_years)
        relevance = shares.relevance.get(p.key)
        join = shares.join_share.get(p.key)
        if relevance is None or join is None:
            missing.append(p.key)
            joiners[i] = np.nan
        else:
            joiners[i] = graduates[i] * relevance * join
        by_level[levels.index(p.level)] += joiners[i]
    covered = {p.level for p in programmes}
    for k, level in enumerate(levels):
        if level not in covered:
            by_level[k] = np.nan
    return Supply(list(years), levels, programmes, graduates, joiners, by_level, missing)
