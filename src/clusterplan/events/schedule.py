"""Schedule business-matching meetings into time slots and tables.

A meeting is a pair of participants that asked to meet. Each participant is in at most one
meeting per slot and only in slots they are available; a slot holds at most as many meetings
as there are tables; a participant may have a maximum number of meetings. The scheduler
(OR-Tools CP-SAT, started from a greedy schedule improved by moving blocking meetings)
maximises first the number of meetings (never fewer than :func:`greedy_schedule` places
when that places every forced pair), with the solver's proven bound on that number, then
the preferences weighted in ``scheduling.yaml``: priority, mutual requests, covering every
participant, and (when re-scheduling) meetings left where they were.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from clusterplan.errors import ClusterplanError, Coded
from clusterplan.events.defaults import read_settings
from clusterplan.plan.bounds import EVENT_SLOTS, EVENT_TABLES, PRIORITY

# How a schedule's report prints its gap to the bound (in percent) and the solver's time
# (seconds), on the command line and on the event's pages.
REPORT_DECIMALS = {"gap": 1, "seconds": 1}

METHODS = ("cp-sat", "greedy", "greedy-repair")
"""How a schedule was made (:attr:`Schedule.method`; words in either language through
:func:`clusterplan.labels.label` of ``schedule.method``): the CP-SAT solver; the greedy
heuristic alone (``--greedy``); the greedy schedule repaired, kept because the solver found
nothing better in its time."""

Pair = tuple[str, str]


class SchedulingError(ClusterplanError, ValueError):
    """An instance the scheduler cannot take (e.g. a forced meeting that fits no slot);
    ``pairs`` are the pairs of participants (by id) the reason is about, if any."""

    default_code = "schedule.detail"

    def __init__(
        self,
        detail: str | None = None,
        *,
        code: str | None = None,
        params: Mapping[str, Any] | None = None,
        pairs: Iterable[Pair] = (),
    ) -> None:
        super().__init__(detail, code=code, params=params)
        self.pairs: tuple[Pair, ...] = tuple(pairs)


def _pair_error(pairs: Sequence[Pair], names: Mapping[str, str], *, code: str) -> SchedulingError:
    """The error ``code`` about ``pairs``, each participant by their name in ``names`` (by
    id when it has none): one pair fills ``{a}`` and ``{b}``, every pair fills ``{pairs}``.
    Names are in alphabetical order, within a pair and among pairs, so that the text does
    not depend on the ids the caller gave the participants."""
    named = sorted(pair_of(names.get(a, a), names.get(b, b)) for a, b in pairs)
    params: dict[str, Any] = {"pairs": [Coded("schedule.pair", {"a": a, "b": b}) for a, b in named]}
    if len(named) == 1:
        params |= {"a": named[0][0], "b": named[0][1]}
    return SchedulingError(code=code, params=params, pairs=pairs)


def pair_of(a: str, b: str) -> Pair:
    """The unordered pair of two participants, in a fixed order."""
    return (a, b) if a <= b else (b, a)


@dataclass(frozen=True)
class Request:
    """A wish to meet: ``priority`` 1 is highest; ``mutual`` when both sides asked."""

    a: str
    b: str
    priority: int = 1
    mutual: bool = False

    @property
    def pair(self) -> Pair:
        """The unordered pair."""
        return pair_of(self.a, self.b)


@dataclass(frozen=True)
class Meeting:
    """A placed meeting: two participants, a slot and a table (both 0-based)."""

    a: str
    b: str
    slot: int
    table: int

    @property
    def pair(self) -> Pair:
        """The unordered pair."""
        return pair_of(self.a, self.b)


@dataclass(frozen=True)
class Instance:
    """What to schedule.

    ``availability`` maps a participant to the slots they can meet in (absent: every slot);
    ``max_meetings`` caps a participant's meetings (absent: no cap); ``forced`` pairs must be
    placed, ``forbidden`` pairs never are; ``previous`` is a published schedule to keep as
    much of as possible.
    """

    requests: tuple[Request, ...]
    slots: int
    tables: int
    availability: Mapping[str, frozenset[int]] = field(default_factory=dict)
    max_meetings: Mapping[str, int] = field(default_factory=dict)
    forced: frozenset[Pair] = frozenset()
    forbidden: frozenset[Pair] = frozenset()
    previous: tuple[Meeting, ...] = ()

    def __post_init__(self) -> None:
        for what, value, bound in (
            ("slots", self.slots, EVENT_SLOTS),
            ("tables", self.tables, EVENT_TABLES),
        ):
            if (why := bound.message(what, value)) is not None:
                raise SchedulingError(code=why.code, params=why.params)
        for request in self.requests:
            if request.a == request.b:
                raise SchedulingError(code="schedule.meets_self", params={"who": request.a})
            if (problem := PRIORITY.problem(request.priority)) is not None:
                raise SchedulingError(
                    code="schedule.priority",
                    params={"a": request.a, "b": request.b, "problem": problem},
                )
        for who, slots in self.availability.items():
            outside = sorted(s for s in slots if not 0 <= s < self.slots)
            if outside:
                raise SchedulingError(
                    code="schedule.slot_outside",
                    params={"who": who, "slot": outside[0], "first": 0, "last": self.slots - 1},
                )
        for who, cap in self.max_meetings.items():
            if cap < 0:
                raise SchedulingError(code="schedule.max_negative", params={"who": who})

    def available(self, who: str) -> frozenset[int]:
        """The slots ``who`` can meet in."""
        slots = self.availability.get(who)
        return frozenset(range(self.slots)) if slots is None else slots

    def cap(self, who: str) -> int:
        """The most meetings ``who`` may have."""
        return self.max_meetings.get(who, self.slots)

    def pairs(self, names: Mapping[str, str] | None = None) -> list[Request]:
        """The requests merged per unordered pair, without forbidden pairs, in input order.

        Two requests for the same pair (A asks B and B asks A) make one mutual request with
        the better priority. A forced pair that was not requested is refused
        (:class:`SchedulingError`, naming participants by ``names``).
        """
        priority: dict[Pair, int] = {}
        directions: dict[Pair, set[tuple[str, str]]] = defaultdict(set)
        flagged: set[Pair] = set()
        for request in self.requests:
            key = request.pair
            if key in self.forbidden:
                continue
            priority[key] = min(priority.get(key, request.priority), request.priority)
            directions[key].add((request.a, request.b))
            if request.mutual:
                flagged.add(key)
        merged = {
            key: Request(key[0], key[1], level, key in flagged or len(directions[key]) > 1)
            for key, level in priority.items()
        }
        missing = sorted(self.forced - set(merged))
        if missing:
            raise _pair_error(missing[:1], names or {}, code="schedule.forced_not_requested")
        return list(merged.values())

    def forced_without_slot(self) -> Pair | None:
        """The first forced pair (in sorted order) whose two participants have no available
        slot in common, or None."""
        for a, b in sorted(self.forced):
            if not self.available(a) & self.available(b):
                return (a, b)
        return None


@dataclass(frozen=True)
class Schedule:
    """A schedule and how good it is.

    ``bound`` is an upper bound on the number of meetings any valid schedule can place
    (the solver's proof; equal to ``placed`` when optimal); ``gap`` is
    ``(bound - placed) / bound``.
    """

    meetings: tuple[Meeting, ...]
    requested: int
    bound: int
    seconds: float
    method: str
    optimal: bool
    kept: int = 0

    @property
    def placed(self) -> int:
        """How many meetings were placed."""
        return len(self.meetings)

    @property
    def gap(self) -> float:
        """Relative gap between the placed meetings and the bound (0 when optimal)."""
        return 0.0 if self.bound == 0 else (self.bound - self.placed) / self.bound

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready summary."""
        return {
            "meetings": [
                {"a": m.a, "b": m.b, "slot": m.slot, "table": m.table} for m in self.meetings
            ],
            "placed": self.placed,
            "requested": self.requested,
            "bound": self.bound,
            "gap": round(self.gap, 6),
            "optimal": self.optimal,
            "kept": self.kept,
            "method": self.method,
            "seconds": round(self.seconds, 3),
        }


@dataclass(frozen=True)
class SchedulerSettings:
    """Weights and solver limits (defaults in ``scheduling.yaml``, with their rationale)."""

    priority_step: int
    mutual: int
    cover: int
    keep: int
    time_limit_s: float
    workers: int


def default_settings(path: Path | None = None) -> SchedulerSettings:
    """Read the scheduler's defaults (``scheduling.yaml`` beside this module)."""
    return read_settings(SchedulerSettings, path, "scheduling.yaml")


@dataclass(frozen=True)
class EventSlots:
    """The slots a new event starts with (section ``new_event`` of ``scheduling.yaml``)."""

    slot_minutes: int
    slots: int


def new_event_slots(path: Path | None = None) -> EventSlots:
    """Read the slots a new event starts with (``scheduling.yaml`` beside this module)."""
    return read_settings(EventSlots, path, "scheduling.yaml")


def _order(requests: Sequence[Request], forced: frozenset[Pair]) -> list[Request]:
    """Forced first, then mutual, then by priority; input order breaks ties."""
    return sorted(requests, key=lambda r: (r.pair not in forced, not r.mutual, r.priority))


def assign_tables(
    placed: Iterable[tuple[Request, int]], tables: int, previous: Sequence[Meeting] = ()
) -> tuple[Meeting, ...]:
    """Give each placed meeting a table: its previous table when that is still free.

    At most ``tables`` meetings may share a slot (the caller guarantees it).
    """
    before = {(m.pair, m.slot): m.table for m in previous}
    by_slot: dict[int, list[Request]] = defaultdict(list)
    for request, slot in placed:
        by_slot[slot].append(request)
    meetings: list[Meeting] = []
    for slot in sorted(by_slot):
        taken: dict[Pair, int] = {}
        used: set[int] = set()
        for request in by_slot[slot]:
            table = before.get((request.pair, slot))
            if table is not None and table < tables and table not in used:
                taken[request.pair] = table
                used.add(table)
        free = (t for t in range(tables) if t not in used)
        for request in by_slot[slot]:
            table = taken.get(request.pair)
            if table is None:
                table = next(free)
            meetings.append(Meeting(request.a, request.b, slot, table))
    return tuple(sorted(meetings, key=lambda m: (m.slot, m.table)))


class _Board:
    """Who meets whom in which slot, while a heuristic fills it."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self.slot_of: dict[Pair, int] = {}
        self.request_of: dict[Pair, Request] = {}
        self.busy: dict[str, dict[int, Pair]] = defaultdict(dict)
        self.count: dict[str, int] = defaultdict(int)
        self.load = [0] * instance.slots

    def fits(self, request: Request, slot: int) -> bool:
        a, b = request.a, request.b
        return (
            self.load[slot] < self.instance.tables
            and slot not in self.busy[a]
            and slot not in self.busy[b]
            and slot in self.instance.available(a)
            and slot in self.instance.available(b)
        )

    def place(self, request: Request, slot: int) -> None:
        self.slot_of[request.pair] = slot
        self.request_of[request.pair] = request
        for who in request.pair:
            self.busy[who][slot] = request.pair
            self.count[who] += 1
        self.load[slot] += 1

    def remove(self, pair: Pair) -> Request:
        slot = self.slot_of.pop(pair)
        request = self.request_of.pop(pair)
        for who in pair:
            del self.busy[who][slot]
            self.count[who] -= 1
        self.load[slot] -= 1
        return request

    def capped(self, request: Request) -> bool:
        return any(self.count[w] >= self.instance.cap(w) for w in request.pair)

    def first_fit(self, request: Request) -> int | None:
        for slot in range(self.instance.slots):
            if self.fits(request, slot):
                return slot
        return None

    def relocate_for(self, request: Request) -> bool:
        """Place ``request`` by moving one meeting that blocks it to another slot."""
        common = self.instance.available(request.a) & self.instance.available(request.b)
        for slot in sorted(common):
            blockers = {self.busy[w][slot] for w in request.pair if slot in self.busy[w]}
            if len(blockers) > 1 or (not blockers and self.load[slot] < self.instance.tables):
                continue
            candidates = list(blockers) or [p for p, s in self.slot_of.items() if s == slot]
            for blocker in candidates:
                moved = self.remove(blocker)
                target = next(
                    (t for t in range(self.instance.slots) if t != slot and self.fits(moved, t)),
                    None,
                )
                if target is not None and self.fits(request, slot):
                    self.place(moved, target)
                    self.place(request, slot)
                    return True
                self.place(moved, slot)
        return False

    def meetings(self) -> tuple[Meeting, ...]:
        placed = [(self.request_of[p], s) for p, s in self.slot_of.items()]
        return assign_tables(placed, self.instance.tables, self.instance.previous)


def _greedy(instance: Instance, requests: Sequence[Request], repair: bool) -> _Board:
    board = _Board(instance)
    ordered = _order(requests, instance.forced)
    for request in ordered:
        if board.capped(request):
            continue
        slot = board.first_fit(request)
        if slot is not None:
            board.place(request, slot)
    if repair:
        for request in ordered:
            if request.pair not in board.slot_of and not board.capped(request):
                board.relocate_for(request)
    return board


def greedy_schedule(instance: Instance) -> Schedule:
    """The baseline: take requests in order (forced, mutual, priority) and give each the
    earliest slot in which both are free and available and a table is left."""
    started = time.perf_counter()
    requests = instance.pairs()
    meetings = _greedy(instance, requests, repair=False).meetings()
    return Schedule(
        meetings=meetings,
        requested=len(requests),
        bound=len(requests),
        seconds=time.perf_counter() - started,
        method="greedy",
        optimal=False,
        kept=_kept(meetings, instance.previous),
    )


def _kept(meetings: Iterable[Meeting], previous: Sequence[Meeting]) -> int:
    before = {(m.pair, m.slot) for m in previous}
    return sum((m.pair, m.slot) in before for m in meetings)


def simple_bound(instance: Instance, requests: Sequence[Request]) -> int:
    """An upper bound on the meetings any valid schedule places, without solving.

    No more than the requests that have a common slot, than slots x tables, and than half
    the sum over participants of what each can attend (their cap, their available slots and
    their requests, whichever is least).
    """
    degree: dict[str, int] = defaultdict(int)
    possible = 0
    for request in requests:
        if instance.available(request.a) & instance.available(request.b):
            possible += 1
            degree[request.a] += 1
            degree[request.b] += 1
    attend = sum(
        min(count, instance.cap(who), len(instance.available(who))) for who, count in degree.items()
    )
    return min(possible, instance.slots * instance.tables, attend // 2)


def schedule(
    instance: Instance,
    settings: SchedulerSettings | None = None,
    *,
    names: Mapping[str, str] | None = None,
) -> Schedule:
    """The best schedule CP-SAT finds within the time limit (see the module docstring).

    ``names`` gives the name of a participant (by id) for an error to show; a participant
    without one is shown by id.

    Raises
    ------
    SchedulingError
        When a forced meeting fits no slot (``schedule.forced_no_slot``: the first such
        pair), or the forced meetings cannot all be placed (``schedule.forced_do_not_fit``:
        every forced pair); ``pairs`` holds the pairs by id.
    """
    from ortools.sat.python import cp_model  # heavy import, only when scheduling

    settings = settings or default_settings()
    names = names or {}
    started = time.perf_counter()
    requests = instance.pairs(names)
    stuck = instance.forced_without_slot()
    if stuck is not None:
        raise _pair_error([stuck], names, code="schedule.forced_no_slot")
    start = _greedy(instance, requests, repair=True)
    baseline = Schedule(
        meetings=start.meetings(),
        requested=len(requests),
        bound=len(requests),
        seconds=0.0,
        method="greedy-repair",
        optimal=False,
        kept=0,
    )

    model = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    by_person_slot: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
    by_person: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    by_slot: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    for index, request in enumerate(requests):
        common = sorted(instance.available(request.a) & instance.available(request.b))
        options = []
        for slot in common:
            var = model.new_bool_var(f"m{index}s{slot}")
            x[index, slot] = var
            options.append(var)
            for who in (request.a, request.b):
                by_person_slot[who, slot].append(var)
                by_person[who].append(var)
            by_slot[slot].append(var)
        if request.pair in instance.forced:
            model.add_exactly_one(options)  # not empty: forced_without_slot above
        elif options:
            model.add_at_most_one(options)
    for variables in by_person_slot.values():
        if len(variables) > 1:
            model.add_at_most_one(variables)
    for variables in by_slot.values():
        if len(variables) > instance.tables:
            model.add(sum(variables) <= instance.tables)
    for who, variables in by_person.items():
        if len(variables) > instance.cap(who):
            model.add(sum(variables) <= instance.cap(who))
    total = sum(x.values())
    ceiling = simple_bound(instance, requests)
    if instance.forced <= {m.pair for m in baseline.meetings}:
        # Never fewer than the greedy schedule, when that schedule is valid: one that misses
        # a forced pair may place more meetings than any schedule that places them all.
        model.add(total >= baseline.placed)
    model.add(total <= ceiling)

    index_of = {request.pair: i for i, request in enumerate(requests)}
    greedy_keys = {(index_of[m.pair], m.slot) for m in baseline.meetings}
    for key, var in x.items():  # a complete hint: the greedy schedule
        model.add_hint(var, key in greedy_keys)

    # One solve, lexicographic: every meeting is worth more than all preferences together.
    lowest = max((r.priority for r in requests), default=1)
    before = {(m.pair, m.slot) for m in instance.previous}
    terms = []
    for (index, slot), var in x.items():
        request = requests[index]
        weight = settings.priority_step * (lowest - request.priority)
        weight += settings.mutual if request.mutual else 0
        weight += settings.keep if (request.pair, slot) in before else 0
        if weight:
            terms.append(weight * var)
    most = sum(
        settings.priority_step * (lowest - r.priority) + settings.mutual * r.mutual + settings.keep
        for r in requests
    )
    greedy_people = {who for m in baseline.meetings for who in (m.a, m.b)}
    for who, variables in by_person.items():
        covered = model.new_bool_var(f"cover_{who}")
        model.add(sum(variables) >= covered)
        model.add_hint(covered, who in greedy_people)
        terms.append(settings.cover * covered)
        most += settings.cover
    unit = most + 1
    model.maximize(unit * total + sum(terms))

    solver = cp_model.CpSolver()
    solver.parameters.num_search_workers = settings.workers
    # CP-SAT's presolve spends seconds on this model of many small at-most-one constraints
    # and then loses the greedy hint; without it the hint is the first solution at once.
    solver.parameters.cp_model_presolve = False
    solver.parameters.max_time_in_seconds = settings.time_limit_s
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        if status == cp_model.INFEASIBLE and instance.forced:
            raise _pair_error(sorted(instance.forced), names, code="schedule.forced_do_not_fit")
        return Schedule(
            meetings=baseline.meetings,
            requested=len(requests),
            bound=ceiling,
            seconds=time.perf_counter() - started,
            method=baseline.method,
            optimal=False,
            kept=_kept(baseline.meetings, instance.previous),
        )
    values = {key: solver.boolean_value(var) for key, var in x.items()}
    bound = min(ceiling, math.floor(solver.best_objective_bound / unit + 1e-9))
    placed = [(requests[i], slot) for (i, slot), on in values.items() if on]
    meetings = assign_tables(placed, instance.tables, instance.previous)
    return Schedule(
        meetings=meetings,
        requested=len(requests),
        bound=max(bound, len(meetings)),
        seconds=time.perf_counter() - started,
        method="cp-sat",
        optimal=bound <= len(meetings),
        kept=_kept(meetings, instance.previous),
    )
