"""The start-up portfolio: survival by cohort, jobs per year, funding, and its jobs for the
growth engine.

Pure functions over :class:`StartUp` records (no database). A start-up is *active* in a
year from its founding year until the year its status changed to acquired or closed (that
year excluded). Jobs are the figures recorded per year; a later year without a figure keeps
the last recorded one while the start-up is active (no growth is invented).
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

import numpy as np
import numpy.typing as npt

from clusterplan import disclosure
from clusterplan.errors import Coded
from clusterplan.i18n import CHOICE_WORDS, Named, message
from clusterplan.model.growth import GrowthAssumptions, growth_assumptions
from clusterplan.plan.bounds import YEAR
from clusterplan.plan.schema import Plan


class Status(StrEnum):
    """Where a start-up stands."""

    ACTIVE = "active"
    ACQUIRED = "acquired"
    CLOSED = "closed"


class StartUpStage(StrEnum):
    """How far a start-up has come."""

    IDEA = "idea"
    PRE_SEED = "pre_seed"
    SEED = "seed"
    SERIES_A_PLUS = "series_a_plus"
    SCALE_UP = "scale_up"


class Programme(StrEnum):
    """The support programme that guides a start-up."""

    INCUBATION = "incubation"
    ACCELERATION = "acceleration"
    SCALE_UP = "scale_up"
    OTHER = "other"
    NONE = "none"


class FundingKind(StrEnum):
    """Kind of money in a funding round."""

    GRANT = "grant"
    LOAN = "loan"
    EQUITY = "equity"


class JobsCount(StrEnum):
    """How the portfolio's jobs enter the growth engine (assumption ``startups.jobs-count``)."""

    ABOVE_BASE_YEAR = "above-base-year"
    ALL = "all"


JOBS_COUNT = "startups.jobs-count"
"""The assumption that says how the portfolio's jobs count (a :class:`JobsCount`)."""


@dataclass(frozen=True)
class FundingRound:
    """Money raised on a date (M EUR)."""

    on: date
    amount_meur: float
    kind: FundingKind

    def __post_init__(self) -> None:
        if self.amount_meur < 0:
            raise ValueError(Coded("startups.funding_negative", {"value": str(self.amount_meur)}))


def founding_problem(founded: int | None, year: int | None) -> Coded | None:
    """Why a year of a start-up (its status change, a jobs figure, a funding round) cannot
    be: before its founding year; None when it can (or either is unknown)."""
    if year is None or founded is None or year >= founded:
        return None
    return Coded("startups.year_before_founded", {"year": year, "founded": founded})


def year_problem(year: int, this_year: int) -> Coded | None:
    """Why a typed founding or status-change year cannot be: outside the range of every
    year (:data:`clusterplan.plan.bounds.YEAR`) or after ``this_year`` (it has not
    happened yet); None when it can."""
    problem = YEAR.problem(year)
    if problem is None and year > this_year:
        problem = Coded("value.not_after_this_year", {"year": this_year})
    return problem


def status_problems(
    founded: int | None,
    status: Status | str | None,
    status_year: int | None,
    *,
    typed: bool = False,
    this_year: int | None = None,
) -> dict[str, Coded]:
    """What is wrong with a start-up's founding year, status and the year it changed, by
    field: a start-up that is not active needs the year, and the status cannot change
    before the founding year. ``typed`` (a form or an imported file): an active start-up is
    given no year either, since such a year says nothing; a stored record may keep one
    while its history is reverted field by field (status first, then the year).
    ``this_year`` (typed input too): the founding and status-change years are within
    :data:`~clusterplan.plan.bounds.YEAR` and not after this year (:func:`year_problem`).

    The one statement of these rules: the record (:class:`StartUp`), a reverted edit, the
    web form and the web import all ask it."""
    out: dict[str, Coded] = {}
    if this_year is not None:
        for name, year in (("founded", founded), ("status_year", status_year)):
            problem = None if year is None else year_problem(year, this_year)
            if problem is not None:
                out[name] = problem
        if "founded" in out:
            founded = None  # no second reason from a founding year already refused
        if "status_year" in out:
            return out
    if status is None:
        return out
    state = Status(status)
    if state is not Status.ACTIVE and status_year is None:
        words = Coded(f"startup.status.{state.value}")
        out["status_year"] = Coded("startups.year_needed", {"status": words})
    elif typed and state is Status.ACTIVE and status_year is not None:
        out["status_year"] = Coded("startups.year_when_active")
    elif (problem := founding_problem(founded, status_year)) is not None:
        out["status_year"] = problem
    return out


def record_problem(
    founded: int,
    status: Status | str,
    status_year: int | None,
    dated: Iterable[int] = (),
) -> Coded | None:
    """The first reason a stored start-up cannot be as it is: its status and the year it
    changed (:func:`status_problems`), or a year of ``dated`` (its jobs figures and funding
    rounds) before its founding year; None when it can. The record (:class:`StartUp`) and
    a reverted edit ask it."""
    problems = status_problems(founded, status, status_year)
    if problems:
        return next(iter(problems.values()))
    for year in sorted(set(dated)):
        if (problem := founding_problem(founded, year)) is not None:
            return problem
    return None


@dataclass(frozen=True)
class StartUp:
    """A start-up or scale-up of the portfolio.

    ``status_year`` is the year the status changed (required unless active); ``jobs`` maps
    years to the jobs recorded in them. No status change, jobs figure or funding round
    dates from before the founding year (:func:`founding_problem`).
    """

    id: str
    founded: int
    status: Status = Status.ACTIVE
    status_year: int | None = None
    pillar: str | None = None
    jobs: Mapping[int, int] = field(default_factory=dict)
    rounds: tuple[FundingRound, ...] = ()

    def __post_init__(self) -> None:
        dated = [*self.jobs, *(r.on.year for r in self.rounds)]
        problem = record_problem(self.founded, self.status, self.status_year, dated)
        if problem is not None:
            raise ValueError(Coded("startups.problem", {"id": self.id, "problem": problem}))
        if any(v < 0 for v in self.jobs.values()):
            raise ValueError(Coded("startups.jobs_negative", {"id": self.id}))

    def active_in(self, year: int) -> bool:
        """True when founded in or before ``year`` and not yet acquired or closed."""
        if year < self.founded:
            return False
        if self.status is Status.ACTIVE or self.status_year is None:
            return True
        return year < self.status_year

    def jobs_in(self, year: int) -> int | None:
        """Jobs in ``year``: recorded, else the last recorded before it (None: none known).
        Zero when not active."""
        if not self.active_in(year):
            return 0
        known = [y for y in self.jobs if y <= year]
        return self.jobs[max(known)] if known else None


def portfolio_years(startups: Sequence[StartUp], this_year: int) -> list[int]:
    """The years a portfolio's tables cover: from the first founding year to this year, or
    to the last year a jobs figure or a funding round is dated in when later (none left
    out); empty for no start-ups."""
    if not startups:
        return []
    dated = [y for s in startups for y in (*s.jobs, *(r.on.year for r in s.rounds))]
    return list(range(min(s.founded for s in startups), max([this_year, *dated]) + 1))


def cohorts(startups: Iterable[StartUp]) -> dict[int, list[StartUp]]:
    """Start-ups by founding year (sorted)."""
    out: dict[int, list[StartUp]] = {}
    for s in sorted(startups, key=lambda s: (s.founded, s.id)):
        out.setdefault(s.founded, []).append(s)
    return out


def active_by_cohort(startups: Iterable[StartUp], years: Sequence[int]) -> dict[int, list[int]]:
    """Number of active start-ups per founding-year cohort and year."""
    return {
        cohort: [sum(s.active_in(y) for s in members) for y in years]
        for cohort, members in cohorts(startups).items()
    }


@dataclass(frozen=True)
class CohortSurvival:
    """Share of a cohort still active ``n`` years after its founding year, per ``n``
    (None: that year is after ``as_of``, not yet observed)."""

    cohort: int
    size: int
    survival: tuple[float | None, ...]
    survivors: tuple[int | None, ...]


def survival_by_cohort(
    startups: Iterable[StartUp], after: Sequence[int], as_of: int
) -> list[CohortSurvival]:
    """Survival of each founding-year cohort after each number of years in ``after``."""
    out = []
    for cohort, members in cohorts(startups).items():
        survivors: list[int | None] = []
        for n in after:
            year = cohort + n
            survivors.append(None if year > as_of else sum(s.active_in(year) for s in members))
        out.append(
            CohortSurvival(
                cohort,
                len(members),
                tuple(None if k is None else k / len(members) for k in survivors),
                tuple(survivors),
            )
        )
    return out


@dataclass(frozen=True)
class JobsByYear:
    """Jobs per group and year, and how many active start-ups have no known figure."""

    years: tuple[int, ...]
    jobs: dict[str, list[int]]
    unknown: list[int]
    active: list[int]
    contributors: dict[str, list[int]]
    """Per group and year: active start-ups with a known figure (for the disclosure rule)."""

    @property
    def total(self) -> list[int]:
        """Jobs of all groups per year."""
        return [sum(v[t] for v in self.jobs.values()) for t in range(len(self.years))]


def jobs_per_year(
    startups: Iterable[StartUp],
    years: Sequence[int],
    group: Callable[[StartUp], str] = lambda s: s.pillar or "",
) -> JobsByYear:
    """Jobs of the active start-ups per group (default: pillar) and year."""
    items = list(startups)
    jobs: dict[str, list[int]] = {}
    unknown = [0] * len(years)
    active = [0] * len(years)
    counted: dict[str, list[int]] = {}
    for s in items:
        row = jobs.setdefault(group(s), [0] * len(years))
        seen = counted.setdefault(group(s), [0] * len(years))
        for t, y in enumerate(years):
            if not s.active_in(y):
                continue
            active[t] += 1
            value = s.jobs_in(y)
            if value is None:
                unknown[t] += 1
            else:
                row[t] += value
                seen[t] += 1
    return JobsByYear(
        tuple(years), dict(sorted(jobs.items())), unknown, active, dict(sorted(counted.items()))
    )


def _rounds_in(
    startups: Iterable[StartUp], years: Sequence[int]
) -> Iterator[tuple[int, FundingRound, int]]:
    """Every round in one of ``years``: the position of its start-up, the round, and the
    index of its year in ``years``."""
    index = {y: t for t, y in enumerate(years)}
    for n, s in enumerate(startups):
        for r in s.rounds:
            t = index.get(r.on.year)
            if t is not None:
                yield n, r, t


def funding_by_kind(
    startups: Iterable[StartUp], years: Sequence[int]
) -> dict[FundingKind, list[float]]:
    """Money raised (M EUR) per kind and calendar year of the round."""
    out = {kind: [0.0] * len(years) for kind in FundingKind}
    for _n, r, t in _rounds_in(startups, years):
        out[r.kind][t] += r.amount_meur
    return out


def funding_contributors(
    startups: Iterable[StartUp], years: Sequence[int]
) -> dict[FundingKind, list[int]]:
    """Number of start-ups with a round per kind and year (for the disclosure rule)."""
    out = {kind: [0] * len(years) for kind in FundingKind}
    cells = {(n, r.kind, t) for n, r, t in _rounds_in(startups, years)}  # once a start-up
    for _n, kind, t in cells:
        out[kind][t] += 1
    return out


def disclosed(
    values: Sequence[Sequence[float]],
    counts: Sequence[Sequence[int]],
    totals: Sequence[float],
    total_counts: Sequence[int],
    minimum: int,
) -> tuple[list[list[float | None]], list[float | None]]:
    """A portfolio table's cells ``[group][year]`` and its totals per year as a restricted
    reader sees them (None: withheld): the disclosure rule
    (:func:`clusterplan.disclosure.withheld`) with the start-ups behind each figure as its
    contributors.

    A cell built from 1 to ``minimum - 1`` start-ups is withheld, and so is every other
    non-empty cell of its year; a total only when it rests on too few start-ups itself. The
    table keeps its totals (``keep="total"``), unlike the monitoring comparison, because the
    portfolio's totals are shown elsewhere as well (the number of active start-ups in the
    portfolio page's status counts, the jobs they add on the back-casting page): withholding
    a total would not keep a cell from following by subtraction.
    """
    hidden = disclosure.withheld(counts, total_counts, minimum, keep="total")
    return hidden.shown_parts(values), hidden.shown_totals(totals)


def contribution(
    startups: Iterable[StartUp],
    pillars: Sequence[str],
    years: Sequence[int],
    base_year: int,
    count: JobsCount = JobsCount.ABOVE_BASE_YEAR,
) -> npt.NDArray[np.float64]:
    """The portfolio's jobs as an array of job levels ``[pillar, year]`` for the growth
    engine (``acquisition_jobs`` of :func:`clusterplan.model.growth.trajectory`).

    ``above-base-year``: each active start-up adds its jobs minus its jobs in the base year
    (zero when founded after it, or none recorded then); the base year's employment already
    holds the rest. ``all``: every job of an active start-up counts. A start-up without a
    pillar of the growth engine, or without any known jobs figure, adds nothing.
    """
    row = {p: i for i, p in enumerate(pillars)}
    out = np.zeros((len(pillars), len(years)))
    for s in startups:
        base = 0
        if count is JobsCount.ABOVE_BASE_YEAR and s.active_in(base_year):
            base = s.jobs_in(base_year) or 0
        for t, y in enumerate(years):
            value = s.jobs_in(y)
            if value is not None and _adds_in(s, y, base_year, row):
                out[row[s.pillar or ""], t] += value - base
    return out


def contributors(
    startups: Iterable[StartUp], pillars: Sequence[str], years: Sequence[int], base_year: int
) -> list[int]:
    """Per year, how many start-ups :func:`contribution` takes jobs from."""
    items, known = list(startups), set(pillars)
    return [sum(1 for s in items if _adds_in(s, y, base_year, known)) for y in years]


def _adds_in(s: StartUp, year: int, base_year: int, pillars: Container[str]) -> bool:
    """Whether a start-up's jobs count for the growth engine in ``year``: it has a pillar
    of the engine, the year is not before the base year, it is active then and its jobs
    that year are known."""
    return (
        (s.pillar or "") in pillars
        and year >= base_year
        and s.active_in(year)
        and s.jobs_in(year) is not None
    )


@dataclass(frozen=True)
class StartUpSettings:
    """Portfolio defaults (``assumptions/ecosystem.yaml``)."""

    jobs_count: JobsCount
    disclosure_min: int
    survival_after: tuple[int, ...]


def startup_settings(plan: Plan) -> StartUpSettings:
    """Read the portfolio's assumptions; a ``ValueError`` names the entry that is wrong."""

    def value(key: str) -> object:
        try:
            return plan.assumption(key).value
        except KeyError:
            raise ValueError(Coded("startups.assumption_missing", {"id": key})) from None

    count = value(JOBS_COUNT)
    if not isinstance(count, str) or count not in {c.value for c in JobsCount}:
        known = Named(
            *(
                ", ".join(f"'{message(f'{CHOICE_WORDS}.{c.value}', lang=lang)}'" for c in JobsCount)
                for lang in ("nl", "en")
            )
        )
        name = plan.assumption_name(JOBS_COUNT)
        raise ValueError(Coded("startups.jobs_count", {"assumption": name, "known": known}))
    minimum = value("startups.disclosure-min-count")
    if isinstance(minimum, bool) or not isinstance(minimum, int) or minimum < 1:
        raise ValueError(
            Coded(
                "startups.assumption_whole",
                {"assumption": plan.assumption_name("startups.disclosure-min-count"), "low": 1},
            )
        )
    after = value("startups.survival-after-years")
    if (
        not isinstance(after, list)
        or not after
        or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in after)
    ):
        raise ValueError(
            Coded(
                "startups.assumption_whole_list",
                {"assumption": plan.assumption_name("startups.survival-after-years"), "low": 0},
            )
        )
    return StartUpSettings(JobsCount(str(count)), minimum, tuple(sorted(set(after))))


def engine_contribution(
    plan: Plan,
    startups: Iterable[StartUp],
    assumptions: GrowthAssumptions | None = None,
    settings: StartUpSettings | None = None,
) -> npt.NDArray[np.float64]:
    """:func:`contribution` on the growth engine's pillars and years (base year to target
    year), counted as the plan's ``startups.jobs-count`` says: pass it as ``acquisition_jobs``
    to :func:`clusterplan.model.growth.trajectory` (added to the pipeline's, if any)."""
    a = assumptions or growth_assumptions(plan)
    count = (settings or startup_settings(plan)).jobs_count
    return contribution(startups, a.pillars, a.years(), a.base_year, count)
