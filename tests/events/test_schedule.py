"""The meeting scheduler: every schedule is valid, never worse than greedy, and honest
about its bound."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clusterplan.events import (
    EventSlots,
    Instance,
    Meeting,
    Request,
    SchedulingError,
    default_settings,
    greedy_schedule,
    new_event_slots,
    schedule,
)

FAST = replace(default_settings(), time_limit_s=2.0)


def violations(instance: Instance, meetings: tuple[Meeting, ...]) -> list[str]:
    """An independent checker: what is wrong with a schedule (empty when valid)."""
    problems = []
    asked = {frozenset((r.a, r.b)) for r in instance.requests} - {
        frozenset(p) for p in instance.forbidden
    }
    seen_pairs: Counter[frozenset[str]] = Counter()
    person_slot: Counter[tuple[str, int]] = Counter()
    table_slot: Counter[tuple[int, int]] = Counter()
    count: Counter[str] = Counter()
    for m in meetings:
        pair = frozenset((m.a, m.b))
        seen_pairs[pair] += 1
        if pair not in asked:
            problems.append(f"{m.a}-{m.b} was not requested")
        if not 0 <= m.slot < instance.slots:
            problems.append(f"slot {m.slot} out of range")
        if not 0 <= m.table < instance.tables:
            problems.append(f"table {m.table} out of range")
        table_slot[m.table, m.slot] += 1
        for who in (m.a, m.b):
            person_slot[who, m.slot] += 1
            count[who] += 1
            allowed = instance.availability.get(who)
            if allowed is not None and m.slot not in allowed:
                problems.append(f"{who} is not available in slot {m.slot}")
    problems += [f"{sorted(p)} placed twice" for p, n in seen_pairs.items() if n > 1]
    problems += [f"{w} double-booked in slot {s}" for (w, s), n in person_slot.items() if n > 1]
    problems += [f"table {t} used twice in slot {s}" for (t, s), n in table_slot.items() if n > 1]
    problems += [
        f"{w} has {n} meetings, cap {instance.max_meetings[w]}"
        for w, n in count.items()
        if w in instance.max_meetings and n > instance.max_meetings[w]
    ]
    placed = {frozenset((m.a, m.b)) for m in meetings}
    problems += [
        f"forced {sorted(p)} missing" for p in instance.forced if frozenset(p) not in placed
    ]
    return problems


@st.composite
def instances(draw: st.DrawFn) -> Instance:
    people = [f"p{i}" for i in range(draw(st.integers(2, 12)))]
    slots = draw(st.integers(1, 5))
    tables = draw(st.integers(1, 4))
    pair = st.tuples(st.sampled_from(people), st.sampled_from(people)).filter(
        lambda ab: ab[0] != ab[1]
    )
    raw = draw(st.lists(st.tuples(pair, st.integers(1, 3)), max_size=25))
    requests = tuple(Request(a, b, p) for (a, b), p in raw)
    availability = {
        who: frozenset(draw(st.sets(st.integers(0, slots - 1))))
        for who in draw(st.sets(st.sampled_from(people)))
    }
    caps = {who: draw(st.integers(0, 3)) for who in draw(st.sets(st.sampled_from(people)))}
    forbidden = frozenset(r.pair for r in requests if draw(st.booleans()) and draw(st.booleans()))
    return Instance(requests, slots, tables, availability, caps, forbidden=forbidden)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_schedules_are_valid_and_never_worse_than_greedy(instance: Instance) -> None:
    greedy = greedy_schedule(instance)
    solved = schedule(instance, FAST)
    assert violations(instance, greedy.meetings) == []
    assert violations(instance, solved.meetings) == []
    assert solved.placed >= greedy.placed
    assert solved.placed <= solved.bound
    if solved.optimal:
        assert solved.bound == solved.placed


def test_it_finds_the_optimum_where_greedy_does_not() -> None:
    # One slot. Greedy takes a-b first; then a-c and b-d find a and b busy: 1 meeting.
    # The optimum pairs a-c and b-d: 2 meetings, and the solver proves it (bound 2).
    requests = (Request("a", "b"), Request("a", "c"), Request("b", "d"))
    instance = Instance(requests, slots=1, tables=2)
    assert greedy_schedule(instance).placed == 1
    solved = schedule(instance, FAST)
    assert solved.placed == 2 and solved.optimal and solved.bound == 2
    assert violations(instance, solved.meetings) == []


def test_mutual_requests_are_placed_first_when_not_all_fit() -> None:
    # x-y asked both ways (mutual); x-z asked once. One slot: only one meeting for x.
    requests = (Request("x", "z"), Request("x", "y"), Request("y", "x"))
    instance = Instance(requests, slots=1, tables=5)
    solved = schedule(instance, FAST)
    assert [(m.a, m.b) for m in solved.meetings] == [("x", "y")]


def test_higher_priority_wins_between_schedules_of_equal_size() -> None:
    requests = (Request("x", "z", 3), Request("x", "y", 1))
    instance = Instance(requests, slots=1, tables=5)
    assert [(m.a, m.b) for m in schedule(instance, FAST).meetings] == [("x", "y")]


def test_nobody_is_left_without_a_meeting_when_one_fits() -> None:
    # Two slots. a-b, a-c, a-d requested, with a-b and a-c higher priority. Max meetings
    # for a: 2. Covering d (a-d) must beat the priority of a-c, at equal size.
    requests = (
        Request("a", "b", 1),
        Request("a", "c", 1),
        Request("a", "d", 3),
        Request("b", "c", 3),
    )
    instance = Instance(requests, slots=2, tables=5, max_meetings={"a": 2})
    solved = schedule(instance, FAST)
    met = Counter(w for m in solved.meetings for w in (m.a, m.b))
    assert set(met) == {"a", "b", "c", "d"}
    assert solved.placed == 3


def test_rescheduling_keeps_published_meetings_in_place() -> None:
    requests = tuple(Request(f"p{i}", f"q{i}") for i in range(6))
    instance = Instance(requests, slots=3, tables=2)
    first = schedule(instance, FAST)
    assert first.placed == 6
    # p0 withdraws one slot late: only p0's meeting may move.
    moved_slot = next(m.slot for m in first.meetings if m.a == "p0")
    available = {"p0": frozenset(set(range(3)) - {moved_slot})}
    again = schedule(replace(instance, availability=available, previous=first.meetings), FAST)
    assert again.placed == 6
    assert again.kept >= 4
    before = {(m.a, m.b): (m.slot, m.table) for m in first.meetings}
    unchanged = sum(before[m.a, m.b] == (m.slot, m.table) for m in again.meetings)
    assert unchanged >= 4


def test_forced_and_forbidden_pairs() -> None:
    requests = (Request("a", "b"), Request("a", "c"))
    forced = Instance(requests, slots=1, tables=1, forced=frozenset({("a", "c")}))
    assert [(m.a, m.b) for m in schedule(forced, FAST).meetings] == [("a", "c")]
    forbidden = Instance(requests, slots=2, tables=1, forbidden=frozenset({("a", "b")}))
    assert [(m.a, m.b) for m in schedule(forbidden, FAST).meetings] == [("a", "c")]
    impossible = Instance(
        requests,
        slots=2,
        tables=1,
        availability={"a": frozenset({0}), "c": frozenset({1})},
        forced=frozenset({("a", "c")}),
    )
    with pytest.raises(SchedulingError, match="fits no slot") as caught:
        schedule(impossible, FAST)
    assert (caught.value.code, caught.value.pairs) == ("schedule.forced_no_slot", (("a", "c"),))


def test_forced_pairs_that_fit_are_placed_where_the_greedy_schedule_misses_one() -> None:
    """The greedy schedule puts a-c in slot 1, where b alone can meet, and so misses a-b
    but places four meetings; it had been a lower bound on the meetings, so the solver found
    the forced pairs "cannot all be placed" although a-b in slot 1 and a-c in slot 2 fit."""
    pairs = [("a", "c"), ("a", "b"), ("a", "d"), ("b", "d"), ("b", "c"), ("c", "d")]
    instance = Instance(
        tuple(Request(a, b) for a, b in pairs),
        slots=3,
        tables=2,
        availability={"a": frozenset({1, 2}), "b": frozenset({1}), "d": frozenset({0, 1, 2})},
        forced=frozenset({("a", "c"), ("a", "b")}),
    )
    assert not instance.forced <= {m.pair for m in greedy_schedule(instance).meetings}
    result = schedule(instance, FAST)
    assert instance.forced <= {m.pair for m in result.meetings}
    assert violations(instance, result.meetings) == []


def test_the_diagnosis_of_forced_pairs_names_the_pairs_in_either_language() -> None:
    """The scheduler says which case it is and which pairs, naming each participant by the
    caller's names (by id without one): the web and the command line show this one text."""
    requests = (Request("a", "b"), Request("a", "c"), Request("b", "c"))
    no_slot = Instance(
        requests,
        slots=2,
        tables=1,
        availability={"a": frozenset({0}), "c": frozenset({1})},
        forced=frozenset({("a", "b"), ("a", "c")}),
    )
    with pytest.raises(SchedulingError) as caught:
        schedule(no_slot, FAST, names={"a": "Acme", "c": "Cyclo"})
    assert caught.value.pairs == (("a", "c"),)
    assert caught.value.text("en") == (
        "the forced meeting Acme – Cyclo fits no slot: the two have no available slot in "
        "common; change their availability or do not force the pair"
    )
    assert caught.value.text("nl").startswith("het verplichte gesprek Acme – Cyclo past in geen")
    crowded = Instance(
        requests,
        slots=1,
        tables=1,
        forced=frozenset({("a", "b"), ("a", "c")}),
    )
    with pytest.raises(SchedulingError) as caught:
        schedule(crowded, FAST, names={"a": "Acme"})
    assert caught.value.code == "schedule.forced_do_not_fit"
    assert caught.value.pairs == (("a", "b"), ("a", "c"))
    assert caught.value.text("en") == (
        "the forced meetings cannot all be placed (too few slots or tables, or a maximum of "
        "meetings): Acme – b, Acme – c; force fewer pairs or add tables"
    )
    assert "): Acme – b, Acme – c; verplicht minder paren" in caught.value.text("nl")


def test_it_refuses_bad_instances() -> None:
    with pytest.raises(SchedulingError, match="themselves"):
        Instance((Request("a", "a"),), slots=1, tables=1)
    with pytest.raises(SchedulingError, match="outside"):
        Instance((), slots=2, tables=1, availability={"a": frozenset({2})})
    with pytest.raises(SchedulingError, match="slots"):
        Instance((), slots=0, tables=1)


def test_tables_are_distinct_per_slot() -> None:
    requests = tuple(Request(f"p{i}", f"q{i}") for i in range(10))
    result = schedule(Instance(requests, slots=2, tables=5), FAST)
    per_slot = defaultdict(set)
    for m in result.meetings:
        assert m.table not in per_slot[m.slot]
        per_slot[m.slot].add(m.table)
    assert result.placed == 10 and result.bound == 10 and result.gap == 0


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"slots": 0}, "slots must be between 1 and 96 slots (got 0)"),
        ({"tables": 1001}, "tables must be between 1 and 1,000 tables (got 1001)"),
        ({"requests": (Request("a", "b", 101),)}, "priority of a-b: must be between 1 and 100"),
    ],
)
def test_an_instance_is_held_to_the_declared_event_ranges(
    changes: dict[str, object], words: str
) -> None:
    """The scheduler refuses what an event's form and files refuse (bounds.EVENT_SLOTS,
    EVENT_TABLES, PRIORITY), in their words; it had checks of its own (at least 1)."""
    given: dict[str, object] = {"requests": (Request("a", "b", 1),), "slots": 2, "tables": 1}
    with pytest.raises(SchedulingError) as raised:
        Instance(**{**given, **changes})  # type: ignore[arg-type]
    assert raised.value.text("en") == words


def test_a_new_event_starts_with_slots_from_the_defaults_file(tmp_path: Path) -> None:
    """The slots a new event starts with are read from ``scheduling.yaml`` (each a setting
    with its rationale), lie within the event's declared ranges, and another file changes
    them."""
    from clusterplan.io.yaml_io import read_yaml
    from clusterplan.plan.bounds import EVENT_SLOTS, SLOT_MINUTES

    packaged = new_event_slots()
    assert SLOT_MINUTES.problem(packaged.slot_minutes) is None
    assert EVENT_SLOTS.problem(packaged.slots) is None
    packaged_file = Path(str(files("clusterplan.events").joinpath("scheduling.yaml")))
    section = read_yaml(packaged_file).data["new_event"]
    assert all(setting["rationale"].strip() for setting in section.values())
    other = tmp_path / "scheduling.yaml"
    other.write_text(
        "new_event:\n"
        "  slot_minutes: {value: 30, rationale: fairs}\n"
        "  slots: {value: 12, rationale: a whole day}\n",
        encoding="utf-8",
    )
    assert new_event_slots(other) == EventSlots(slot_minutes=30, slots=12)
