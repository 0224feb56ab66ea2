"""Re-phasing projects under yearly caps per funding source, as a mixed-integer program.

Every project gets a set of options (a start shift within a window, optionally a
stretch); each option has a need per source and year, a start year, a delay and a value
(expected jobs in the goal year, from a *value table* given by the caller). The program
picks one option per project so that

- every capped source's need in every year (options chosen + fixed needs such as the
  organisation costs) stays within its cap,
- every precedence holds: ``start(after) >= start(before) + min_lag_years``,
- the jobs in the goal year are as high as possible; among equally good choices the
  total delay is the smallest, and among those the plan's own phasing changes least (a
  project moves earlier only where that buys jobs or room for another); solved in two
  stages with ``scipy.optimize.milp``/HiGHS.

When no choice meets the caps, an elastic program finds the smallest raise of each cap
(sum over sources, M EUR per year) that makes the problem feasible, and the result says
which caps bind in which years. Precedences that the windows cannot meet are named.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import Bounds, LinearConstraint, milp

from clusterplan.errors import Coded
from clusterplan.model.changes import ProjectChange
from clusterplan.model.finance import FinanceInputError, line_needs
from clusterplan.plan import bounds, parts
from clusterplan.plan.schema import Plan
from clusterplan.report.numbers import at_least

FloatArray = NDArray[np.float64]
ValueTable = Mapping[str, Mapping[tuple[int, int], float]]
"""Jobs in the goal year per project id and option ``(shift_years, stretch_years)``."""

CAP_TOLERANCE_MEUR = 1e-7
"""Slack when checking a need against a cap (the solver works in floating point)."""
JOBS_RELATIVE_TOLERANCE = 1e-9
"""Two job totals closer than this (relative to the larger) count as equal."""
_MIP_OPTIONS: dict[str, Any] = {"mip_rel_gap": 1e-9, "presolve": True}


@dataclass(frozen=True)
class Precedence:
    """Project ``after`` starts at least ``min_lag_years`` after project ``before`` starts."""

    before: str
    after: str
    min_lag_years: int = 0


@dataclass(frozen=True)
class PhaseOption:
    """One way to phase a project: its shift, stretch, need, start, delay and value."""

    shift_years: int
    stretch_years: int
    start_year: int
    delay_years: int
    need_meur: FloatArray
    jobs: float

    @property
    def key(self) -> tuple[int, int]:
        """``(shift_years, stretch_years)``."""
        return (self.shift_years, self.stretch_years)

    @property
    def change_years(self) -> int:
        """How far this option departs from the plan's phasing: years moved either way
        plus years stretched."""
        return abs(self.shift_years) + self.stretch_years


@dataclass(frozen=True)
class PhasingProblem:
    """Everything the optimiser needs; ``need_meur`` arrays are [source, year].

    ``other_jobs`` are the goal-year jobs no option changes (organic growth, projects
    that are not re-phased); they are added to the reported totals only.
    """

    years: tuple[int, ...]
    sources: tuple[str, ...]
    project_ids: tuple[str, ...]
    options: tuple[tuple[PhaseOption, ...], ...]
    fixed_need_meur: FloatArray
    caps_meur: Mapping[str, float]
    precedence: tuple[Precedence, ...] = ()
    goal_year: int | None = None
    other_jobs: float = 0.0
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        bad = sorted(set(self.caps_meur) - set(self.sources))
        if bad:
            raise FinanceInputError(code="phasing.cap_unknown_sources", params={"sources": bad})
        negative = sorted(s for s, v in self.caps_meur.items() if not v >= 0)
        if negative:
            raise FinanceInputError(code="phasing.negative_caps", params={"sources": negative})
        for pid, opts in zip(self.project_ids, self.options, strict=True):
            if not opts:
                raise FinanceInputError(code="phasing.no_option", params={"id": pid})
        ids = set(self.project_ids)
        for p in self.precedence:
            if p.before not in ids or p.after not in ids:
                raise FinanceInputError(
                    code="phasing.precedence_unknown", params={"before": p.before, "after": p.after}
                )


@dataclass(frozen=True)
class CapRelaxation:
    """A cap that binds: by how much it must rise, and in which years the need exceeds it."""

    source: str
    cap_meur: float
    relaxation_meur: float
    years: tuple[int, ...]
    peak_need_meur: float

    @property
    def least_rise_meur(self) -> float:
        """The rise as it is written (M EUR's decimals), rounded up: raising the cap by it
        is enough."""
        return at_least(self.relaxation_meur, "meur")

    @property
    def reason(self) -> Coded:
        """The cap that must rise, by how much at least, to what, and in which years the
        need exceeds it (``phasing.relaxation``)."""
        return Coded(
            "phasing.relaxation",
            {
                "source": self.source,
                "cap": self.cap_meur,
                "rise": self.least_rise_meur,
                "to": round(self.cap_meur + self.least_rise_meur, 6),
                "years": list(self.years),
            },
        )


@dataclass(frozen=True)
class PhasingResult:
    """The chosen phasing, or why there is none.

    ``status`` is ``optimal``, ``infeasible-caps`` (``relaxations`` says the smallest
    raise per cap; ``choice`` is the phasing with the most jobs that needs only that
    raise) or
    ``infeasible-precedence`` (``precedence_conflicts`` names the order that the windows
    cannot meet; ``choice`` is empty).
    """

    status: Literal["optimal", "infeasible-caps", "infeasible-precedence"]
    message: str
    choice: Mapping[str, PhaseOption]
    need_meur: FloatArray
    jobs_goal_year: float
    jobs_goal_year_baseline: float | None
    total_delay_years: int
    tight_caps: tuple[tuple[str, int], ...] = ()
    relaxations: tuple[CapRelaxation, ...] = ()
    precedence_conflicts: tuple[Precedence, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def feasible(self) -> bool:
        """True when every cap and precedence holds."""
        return self.status == "optimal"


@dataclass(frozen=True)
class _Layout:
    offsets: tuple[int, ...]
    n_vars: int
    need: FloatArray  # [source*year, var]
    start: FloatArray  # [var]
    jobs: FloatArray
    delay: FloatArray
    change: FloatArray

    def delay_then_change(self, problem: PhasingProblem) -> FloatArray:
        """The second stage's cost: the delay, then the change from the plan's phasing,
        weighted below one year of delay in total (delays are whole years), so it only
        breaks ties between choices of equal delay."""
        most = sum(max(o.change_years for o in opts) for opts in problem.options)
        return self.delay + self.change / (most + 1)


def _layout(problem: PhasingProblem) -> _Layout:
    offsets, n = [], 0
    for opts in problem.options:
        offsets.append(n)
        n += len(opts)
    all_opts = [o for opts in problem.options for o in opts]
    need = np.stack([o.need_meur.ravel() for o in all_opts], axis=1)
    return _Layout(
        tuple(offsets),
        n,
        need,
        np.array([o.start_year for o in all_opts], dtype=np.float64),
        np.array([o.jobs for o in all_opts], dtype=np.float64),
        np.array([o.delay_years for o in all_opts], dtype=np.float64),
        np.array([o.change_years for o in all_opts], dtype=np.float64),
    )


def _structure(problem: PhasingProblem, lay: _Layout, n_extra: int) -> list[LinearConstraint]:
    """One option per project, and every precedence (extra variables get zero columns)."""
    n = lay.n_vars + n_extra
    onehot = np.zeros((len(problem.options), n))
    for p, opts in enumerate(problem.options):
        onehot[p, lay.offsets[p] : lay.offsets[p] + len(opts)] = 1.0
    constraints = [LinearConstraint(onehot, 1.0, 1.0)]
    if problem.precedence:
        index = {pid: p for p, pid in enumerate(problem.project_ids)}
        rows = np.zeros((len(problem.precedence), n))
        lags = np.zeros(len(problem.precedence))
        for r, prec in enumerate(problem.precedence):
            for pid, sign in ((prec.after, 1.0), (prec.before, -1.0)):
                p = index[pid]
                cols = slice(lay.offsets[p], lay.offsets[p] + len(problem.options[p]))
                rows[r, cols] += sign * lay.start[cols]
            lags[r] = prec.min_lag_years
        constraints.append(LinearConstraint(rows, lags, np.inf))
    return constraints


def _capped_rows(problem: PhasingProblem) -> tuple[list[int], list[int], FloatArray]:
    """Indices into the flattened [source, year] need, their source, and the room left."""
    n_y = len(problem.years)
    rows, owners, room = [], [], []
    for source, cap in problem.caps_meur.items():
        s = problem.sources.index(source)
        for t in range(n_y):
            rows.append(s * n_y + t)
            owners.append(s)
            room.append(cap - problem.fixed_need_meur[s, t])
    return rows, owners, np.array(room, dtype=np.float64)


def _choice(problem: PhasingProblem, lay: _Layout, x: FloatArray) -> dict[str, PhaseOption]:
    out = {}
    for p, (pid, opts) in enumerate(zip(problem.project_ids, problem.options, strict=True)):
        values = x[lay.offsets[p] : lay.offsets[p] + len(opts)]
        out[pid] = opts[int(np.argmax(values))]
    return out


def _total_need(problem: PhasingProblem, choice: Mapping[str, PhaseOption]) -> FloatArray:
    need = problem.fixed_need_meur.copy()
    for option in choice.values():
        need = need + option.need_meur
    return need


def _baseline_jobs(problem: PhasingProblem) -> float | None:
    total = problem.other_jobs
    for opts in problem.options:
        zero = [o for o in opts if o.key == (0, 0)]
        if not zero:
            return None
        total += zero[0].jobs
    return total


def _chosen(
    problem: PhasingProblem,
    choice: Mapping[str, PhaseOption],
    need: FloatArray,
    status: Literal["optimal", "infeasible-caps"],
    message: str,
    *,
    tight_caps: tuple[tuple[str, int], ...] = (),
    relaxations: tuple[CapRelaxation, ...] = (),
) -> PhasingResult:
    """The result of a phasing that ``choice`` makes (``need`` is its total need): its jobs
    in the goal year beside the baseline's, and its total delay."""
    return PhasingResult(
        status=status,
        message=message,
        choice=choice,
        need_meur=need,
        jobs_goal_year=problem.other_jobs + math.fsum(o.jobs for o in choice.values()),
        jobs_goal_year_baseline=_baseline_jobs(problem),
        total_delay_years=int(sum(o.delay_years for o in choice.values())),
        tight_caps=tight_caps,
        relaxations=relaxations,
        notes=problem.notes,
    )


def _tight(problem: PhasingProblem, need: FloatArray) -> tuple[tuple[str, int], ...]:
    out = []
    for source, cap in problem.caps_meur.items():
        s = problem.sources.index(source)
        for t, year in enumerate(problem.years):
            if need[s, t] >= cap - CAP_TOLERANCE_MEUR:
                out.append((source, year))
    return tuple(out)


def _precedence_conflicts(problem: PhasingProblem) -> tuple[Precedence, ...]:
    """The precedences that cannot all hold, each checked alone first, else all of them."""
    starts = {
        pid: [o.start_year for o in opts]
        for pid, opts in zip(problem.project_ids, problem.options, strict=True)
    }
    alone = tuple(
        p
        for p in problem.precedence
        if max(starts[p.after]) < min(starts[p.before]) + p.min_lag_years
    )
    return alone or problem.precedence


def _relax(problem: PhasingProblem, lay: _Layout) -> PhasingResult | None:
    """Smallest raise of the caps (sum over sources) that makes the problem feasible."""
    capped = list(problem.caps_meur)
    n_r = len(capped)
    rows, owners, room = _capped_rows(problem)
    n = lay.n_vars + n_r
    a = np.zeros((len(rows), n))
    a[:, : lay.n_vars] = lay.need[rows]
    for r, s in enumerate(owners):
        a[r, lay.n_vars + capped.index(problem.sources[s])] = -1.0
    constraints = [*_structure(problem, lay, n_r), LinearConstraint(a, -np.inf, room)]
    cost = np.concatenate([np.zeros(lay.n_vars), np.ones(n_r)])
    integrality = np.concatenate([np.ones(lay.n_vars), np.zeros(n_r)])
    upper = np.concatenate([np.ones(lay.n_vars), np.full(n_r, np.inf)])
    res = milp(
        cost,
        constraints=constraints,
        integrality=integrality,
        bounds=Bounds(np.zeros(n), upper),
        options=_MIP_OPTIONS,
    )
    if res.x is None:
        return None
    x = np.asarray(res.x, dtype=np.float64)
    # Among the phasings that need no more than this raise, take the one with most jobs.
    raised = x[lay.n_vars :] + CAP_TOLERANCE_MEUR
    best = milp(
        np.concatenate([-lay.jobs, np.zeros(n_r)]),
        constraints=constraints,
        integrality=integrality,
        bounds=Bounds(np.zeros(n), np.concatenate([np.ones(lay.n_vars), raised])),
        options=_MIP_OPTIONS,
    )
    if best.x is not None:
        x = np.concatenate([np.asarray(best.x[: lay.n_vars], dtype=np.float64), x[lay.n_vars :]])
    choice = _choice(problem, lay, x)
    need = _total_need(problem, choice)
    relaxations = []
    for i, source in enumerate(capped):
        s = problem.sources.index(source)
        cap = problem.caps_meur[source]
        over = tuple(
            year for t, year in enumerate(problem.years) if need[s, t] > cap + CAP_TOLERANCE_MEUR
        )
        raise_meur = max(0.0, float(x[lay.n_vars + i]))
        if over:
            relaxations.append(CapRelaxation(source, cap, raise_meur, over, float(need[s].max())))
    described = [r.reason for r in relaxations]
    return _chosen(
        problem,
        choice,
        need,
        "infeasible-caps",
        Coded("phasing.infeasible_caps", {"relaxations": described}),
        relaxations=tuple(relaxations),
    )


def solve_phasing(problem: PhasingProblem) -> PhasingResult:
    """Choose one option per project: caps and precedence hold, jobs highest, delay least.

    Parameters
    ----------
    problem
        Options, needs, caps and precedences.

    Returns
    -------
    PhasingResult
        The optimal phasing, or the smallest cap relaxation / the conflicting precedences.
    """
    lay = _layout(problem)
    rows, _, room = _capped_rows(problem)
    constraints = _structure(problem, lay, 0)
    if rows:
        constraints.append(LinearConstraint(lay.need[rows], -np.inf, room))
    integrality = np.ones(lay.n_vars)
    bounds = Bounds(np.zeros(lay.n_vars), np.ones(lay.n_vars))
    first = milp(
        -lay.jobs,
        constraints=constraints,
        integrality=integrality,
        bounds=bounds,
        options=_MIP_OPTIONS,
    )
    if first.x is None:
        structural = milp(
            np.zeros(lay.n_vars),
            constraints=_structure(problem, lay, 0),
            integrality=integrality,
            bounds=bounds,
        )
        relaxed = _relax(problem, lay) if structural.x is not None else None
        if relaxed is not None:
            return relaxed
        conflicts = _precedence_conflicts(problem)
        return PhasingResult(
            status="infeasible-precedence",
            message=Coded(
                "phasing.infeasible_order",
                {"order": [f"{p.after} >= {p.before} + {p.min_lag_years}" for p in conflicts]},
            ),
            choice={},
            need_meur=problem.fixed_need_meur.copy(),
            jobs_goal_year=math.nan,
            jobs_goal_year_baseline=_baseline_jobs(problem),
            total_delay_years=0,
            precedence_conflicts=conflicts,
            notes=problem.notes,
        )
    best = float(lay.jobs @ np.asarray(first.x))
    floor = best - JOBS_RELATIVE_TOLERANCE * max(1.0, abs(best))
    second = milp(
        lay.delay_then_change(problem),
        constraints=[*constraints, LinearConstraint(lay.jobs[None, :], floor, np.inf)],
        integrality=integrality,
        bounds=bounds,
        options=_MIP_OPTIONS,
    )
    x = np.asarray(second.x if second.x is not None else first.x, dtype=np.float64)
    choice = _choice(problem, lay, x)
    need = _total_need(problem, choice)
    return _chosen(
        problem, choice, need, "optimal", Coded("phasing.optimal"), tight_caps=_tight(problem, need)
    )


def meets_constraints(problem: PhasingProblem, choice: Mapping[str, PhaseOption]) -> bool:
    """True when a choice keeps every cap and precedence (with the cap tolerance)."""
    need = _total_need(problem, choice)
    for source, cap in problem.caps_meur.items():
        if (need[problem.sources.index(source)] > cap + CAP_TOLERANCE_MEUR).any():
            return False
    return all(
        choice[p.after].start_year >= choice[p.before].start_year + p.min_lag_years
        for p in problem.precedence
    )


def brute_force_phasing(problem: PhasingProblem) -> tuple[float, int] | None:
    """Best ``(jobs, total delay)`` by trying every combination (small problems only).

    Returns None when no combination meets the caps and precedences. A reference for
    tests and benchmarks, not for real portfolios.
    """
    best: tuple[float, int] | None = None
    for combo in itertools.product(*problem.options):
        choice = dict(zip(problem.project_ids, combo, strict=True))
        if not meets_constraints(problem, choice):
            continue
        jobs = math.fsum(o.jobs for o in combo)
        delay = sum(o.delay_years for o in combo)
        if best is None:
            best = (jobs, delay)
            continue
        tol = JOBS_RELATIVE_TOLERANCE * max(1.0, abs(jobs), abs(best[0]))
        if jobs > best[0] + tol or (abs(jobs - best[0]) <= tol and delay < best[1]):
            best = (jobs, delay)
    return best


def brute_force_relaxation(problem: PhasingProblem) -> float | None:
    """Smallest sum over capped sources of the raise each cap needs (every combination).

    Only combinations that keep the precedences count; None when there is none.
    """
    best: float | None = None
    for combo in itertools.product(*problem.options):
        choice = dict(zip(problem.project_ids, combo, strict=True))
        if not all(
            choice[p.after].start_year >= choice[p.before].start_year + p.min_lag_years
            for p in problem.precedence
        ):
            continue
        need = _total_need(problem, choice)
        total = 0.0
        for source, cap in problem.caps_meur.items():
            total += max(0.0, float(need[problem.sources.index(source)].max()) - cap)
        best = total if best is None else min(best, total)
    return best


# --- building a problem from a plan ------------------------------------------------------


@dataclass(frozen=True)
class PhasingSettings:
    """The phasing assumptions of a plan (``finance.*`` entries), overridable per run."""

    window: tuple[int, int]
    stretches: tuple[int, ...]
    earliest_year: int
    organisation_in_caps: bool
    precedence: tuple[Precedence, ...]


def phasing_settings(plan: Plan) -> PhasingSettings:
    """Read the phasing assumptions of a plan."""
    window = plan.assumption("finance.phase-window").value
    stretches = plan.assumption("finance.phase-stretch-options").value
    precedence = tuple(
        Precedence(str(p["before"]), str(p["after"]), int(p.get("min_lag_years", 0)))
        for p in plan.assumption("finance.precedence").value
    )
    return PhasingSettings(
        window=(int(window[0]), int(window[1])),
        stretches=tuple(int(s) for s in stretches),
        earliest_year=int(plan.assumption("finance.phase-earliest-year").value),
        organisation_in_caps=bool(plan.assumption("finance.phase-organisation-in-caps").value),
        precedence=precedence,
    )


def phaseable_projects(plan: Plan) -> tuple[str, ...]:
    """Projects with known spending: the ones the optimiser can move."""
    return tuple(
        p.id
        for p in plan.finance.projects
        if any(v is not None and v > 0 for v in p.costs_meur.values())
    )


def option_keys(settings: PhasingSettings) -> tuple[tuple[int, int], ...]:
    """Every ``(shift, stretch)`` the settings allow (before the earliest-year rule)."""
    lo, hi = settings.window
    return tuple((shift, stretch) for shift in range(lo, hi + 1) for stretch in settings.stretches)


def phasing_problem(
    plan: Plan,
    caps_meur: Mapping[str, float],
    value_table: ValueTable,
    *,
    settings: PhasingSettings | None = None,
    other_jobs: float = 0.0,
) -> PhasingProblem:
    """The re-phasing problem of a plan's projects under yearly caps per source.

    Parameters
    ----------
    plan
        A validated plan.
    caps_meur
        Source id to the most it can pay in any one year (M EUR).
    value_table
        Jobs in the goal year per project and ``(shift, stretch)``; every allowed option
        of every phaseable project must be present.
    settings
        Window, stretches, precedences ...; default: the plan's assumptions.
    other_jobs
        Goal-year jobs that no option changes (added to the reported totals).

    Returns
    -------
    PhasingProblem
        Options per phaseable project; unknown costs are left out of the caps (noted).
    """
    settings = settings or phasing_settings(plan)
    sources = plan.finance.source_ids
    bad = sorted(set(caps_meur) - set(sources))
    if bad:
        raise FinanceInputError(
            code="phasing.unknown_sources", params={"sources": bad, "known": list(sources)}
        )
    lo, hi = settings.window
    if lo > hi:
        raise FinanceInputError(code="phasing.window_empty", params={"text": f"{lo}:{hi}"})
    fin = plan.finance
    first = min(min(fin.cost_years), settings.earliest_year)
    last = max(fin.cost_years) + max(hi, 0) + max(settings.stretches, default=0)
    years = tuple(range(first, last + 1))
    ids = phaseable_projects(plan)
    keys = option_keys(settings)
    options: list[tuple[PhaseOption, ...]] = []
    notes: list[str] = []
    for pid in ids:
        project = plan.project(pid)
        base_start = min(y for y, v in project.costs_meur.items() if v is not None and v > 0)
        jobs = value_table.get(pid)
        if jobs is None:
            raise FinanceInputError(code="phasing.table_no_project", params={"id": pid})
        opts = []
        for shift, stretch in keys:
            if base_start + shift < settings.earliest_year:
                continue
            if (shift, stretch) not in jobs:
                raise FinanceInputError(
                    code="phasing.table_no_option",
                    params={"option": f"({shift}, {stretch})", "id": pid},
                )
            needs = line_needs(project, years, ProjectChange(shift, stretch), sources=sources)
            opts.append(
                PhaseOption(
                    shift_years=shift,
                    stretch_years=stretch,
                    start_year=base_start + shift,
                    delay_years=max(shift, 0) + stretch,
                    need_meur=needs.coverage,
                    jobs=float(jobs[(shift, stretch)]),
                )
            )
        options.append(tuple(opts))
        if project.unknown_cost_years:
            notes.append(Coded("phasing.note_unknown_costs", {"id": pid}))
    fixed = np.zeros((len(sources), len(years)))
    others = [p for p in fin.projects if p.id not in ids]
    lines = [*others, *(fin.organisation if settings.organisation_in_caps else [])]
    for line in lines:
        fixed += line_needs(line, years, sources=sources).coverage
    for line in others:
        if line.unknown_cost_years:
            notes.append(Coded("phasing.note_not_rephased", {"id": line.id}))
    known = set(ids)
    precedence = []
    for prec in settings.precedence:
        if prec.before in known and prec.after in known:
            precedence.append(prec)
        else:
            notes.append(
                Coded("phasing.note_precedence", {"before": prec.before, "after": prec.after})
            )
    return PhasingProblem(
        years=years,
        sources=sources,
        project_ids=ids,
        options=tuple(options),
        fixed_need_meur=fixed,
        caps_meur=dict(caps_meur),
        precedence=tuple(precedence),
        goal_year=parts.goal_target(plan).year,
        other_jobs=other_jobs,
        notes=tuple(notes),
    )


def cap_source_refusal(source: str, sources: Sequence[str], item: str) -> FinanceInputError:
    """The refusal of a cap on a ``source`` the plan has not (``phasing.cap_source``),
    naming its ``sources``; ``item`` is the cap where the reader gave it (the command
    line's ``SOURCE=AMOUNT``, the API's ``caps.SOURCE``)."""
    return FinanceInputError(
        code="phasing.cap_source",
        params={"source": source, "item": item, "known": list(sources)},
    )


def parse_caps(items: Sequence[str], sources: Sequence[str]) -> dict[str, float]:
    """Parse ``SOURCE=MEUR_PER_YEAR`` strings for the plan's ``sources`` (FinanceInputError
    on anything wrong; an amount must lie in :data:`~clusterplan.plan.bounds.MONEY_MEUR`,
    the range the web's and the API's caps take)."""
    caps: dict[str, float] = {}
    for item in items:
        source, sep, amount = item.partition("=")
        source = source.strip()
        if not sep:
            raise FinanceInputError(code="phasing.cap_syntax", params={"item": item})
        if source not in sources:
            raise cap_source_refusal(source, sources, item)
        try:
            value = float(amount)
        except ValueError:
            raise FinanceInputError(
                code="phasing.cap_number", params={"item": item, "value": amount}
            ) from None
        if (reason := bounds.MONEY_MEUR.problem(value)) is not None:
            raise FinanceInputError(
                code="phasing.cap_invalid", params={"item": item, "reason": reason}
            )
        if source in caps:
            raise FinanceInputError(code="phasing.cap_twice", params={"source": source})
        caps[source] = value
    return caps


def parse_stretches(text: str) -> tuple[int, ...]:
    """Parse the allowed extra years, comma-separated (``0,1,2``), each within
    :data:`~clusterplan.plan.bounds.STRETCH_YEARS`, the range a what-if stretch takes."""
    try:
        out = tuple(sorted({int(part) for part in text.split(",")}))
    except ValueError:
        raise FinanceInputError(code="phasing.stretch_syntax", params={"text": text}) from None
    for years in out:
        if (reason := bounds.STRETCH_YEARS.problem(years)) is not None:
            raise FinanceInputError(
                code="phasing.stretch_invalid", params={"text": text, "reason": reason}
            )
    return out


def parse_window(text: str) -> tuple[int, int]:
    """Parse ``LO:HI`` (years, e.g. ``-1:3``), each end within
    :data:`~clusterplan.plan.bounds.SHIFT_YEARS`, the range a what-if shift takes (a
    window of a billion years ran the machine out of memory)."""
    lo, sep, hi = text.partition(":")
    try:
        if not sep:
            raise ValueError
        window = (int(lo), int(hi))
    except ValueError:
        raise FinanceInputError(code="phasing.window_syntax", params={"text": text}) from None
    for years in window:
        if (reason := bounds.SHIFT_YEARS.problem(years)) is not None:
            raise FinanceInputError(
                code="phasing.window_invalid", params={"text": text, "reason": reason}
            )
    if window[0] > window[1]:
        raise FinanceInputError(code="phasing.window_empty", params={"text": text})
    return window
