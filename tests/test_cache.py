"""The plan cache: per plan object and key, bounded, and safe when threads evict at once."""

from __future__ import annotations

import sys
import threading

from clusterplan.cache import PlanCache
from clusterplan.model import growth
from clusterplan.plan.schema import Plan


class _Plan:
    """A stand-in plan: any object is recognised by identity."""


def test_a_result_is_kept_per_plan_object_and_key() -> None:
    cache: PlanCache[str] = PlanCache(4)
    first, copy = _Plan(), _Plan()
    calls: list[str] = []

    def compute(name: str) -> str:
        calls.append(name)
        return name

    assert cache.get(first, "k", lambda: compute("a")) == "a"
    assert cache.get(first, "k", lambda: compute("b")) == "a"
    assert cache.get(copy, "k", lambda: compute("c")) == "c"  # an edited copy: its own entry
    assert calls == ["a", "c"]


def test_the_least_recently_used_entry_is_evicted() -> None:
    cache: PlanCache[int] = PlanCache(2)
    plan = _Plan()
    cache.get(plan, 1, lambda: 1)
    cache.get(plan, 2, lambda: 2)
    cache.get(plan, 1, lambda: -1)  # used: 2 is now the oldest
    cache.get(plan, 3, lambda: 3)
    assert len(cache) == 2
    assert cache.get(plan, 1, lambda: -1) == 1
    assert cache.get(plan, 2, lambda: -2) == -2


def test_two_threads_evicting_at_once_never_fail() -> None:
    # Switch threads as often as possible so that evictions interleave.
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    cache: PlanCache[int] = PlanCache(1)
    plans = [_Plan() for _ in range(8)]
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def work(offset: int) -> None:
        start.wait()
        try:
            for i in range(20_000):
                plan = plans[(i + offset) % len(plans)]
                assert cache.get(plan, "k", lambda p=plan: id(p)) == id(plan)
        except BaseException as exc:  # noqa: BLE001 - any failure of a thread is the finding
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in (0, 3)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(old)
    assert errors == []
    assert len(cache) == 1


def test_the_growth_defaults_of_many_plans_from_two_threads(plan: Plan) -> None:
    copies = [plan.model_copy() for _ in range(12)]  # more plans than the cache keeps
    errors: list[BaseException] = []

    def work(order: list[Plan]) -> None:
        try:
            for p in order:
                assert growth.growth_assumptions(p).base_year == plan.employment.base_year
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [
        threading.Thread(target=work, args=(copies,)),
        threading.Thread(target=work, args=(list(reversed(copies)),)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
