"""One small cache of results computed from a plan, safe under threads.

A result is kept per plan and key. A plan is recognised by identity: the cache holds the
plan object with its result, so its ``id`` cannot be reused by another plan while the
entry lives, and an edited copy (a new object) never gets the old result. The web platform
loads a new plan object whenever the stored plan's revision changes, so "per plan object"
is "per revision". Entries are evicted least recently used; every read and write of the
table happens under one lock, so two threads evicting at once cannot fail, and a result is
computed outside the lock (two threads may compute the same entry once each; the last one
is kept).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class PlanCache(Generic[V]):
    """Results per (plan, key), at most ``size`` of them, least recently used evicted."""

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError("a cache holds at least one entry")
        self.size = size
        self._entries: OrderedDict[tuple[int, Hashable], tuple[object, V]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, plan: object, key: Hashable, compute: Callable[[], V]) -> V:
        """The result for ``plan`` and ``key``, computed by ``compute()`` when not kept."""
        slot = (id(plan), key)
        with self._lock:
            hit = self._entries.get(slot)
            if hit is not None and hit[0] is plan:
                self._entries.move_to_end(slot)
                return hit[1]
        value = compute()
        with self._lock:
            self._entries[slot] = (plan, value)
            self._entries.move_to_end(slot)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)
