"""What-if changes to a project's timing and size, shared by the growth and finance models.

A change is applied to a yearly profile (costs per year). Semantics:

- ``shift_years`` moves the whole profile k years later (negative: earlier).
- ``stretch_years`` spreads the same total over s more years: the profile is resampled
  onto ``n + s`` years so that its cumulative shape is kept (``n`` = years from the first
  to the last spending year).
- ``scale`` multiplies every amount.

Amounts that move past the last year of ``years`` are kept in ``overflow`` rather than
silently lost; unknown amounts (None) stay unknown and move with their year.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np


@dataclass(frozen=True)
class ProjectChange:
    """A change to one project: later/earlier start, longer duration, bigger/smaller size."""

    shift_years: int = 0
    stretch_years: int = 0
    scale: float = 1.0

    def __post_init__(self) -> None:
        if self.stretch_years < 0:
            raise ValueError("stretch_years must not be negative")
        if self.scale < 0:
            raise ValueError("scale must not be negative")

    @property
    def is_identity(self) -> bool:
        """True when the change changes nothing."""
        return self.shift_years == 0 and self.stretch_years == 0 and self.scale == 1.0


@dataclass(frozen=True)
class ChangedProfile:
    """A profile after a change: amounts per year within the horizon, and what fell outside."""

    amounts: dict[int, float | None]
    overflow: float = 0.0
    unknown_years: tuple[int, ...] = field(default_factory=tuple)
    advanced: float = 0.0  # moved before the first year, and so spent in it


def _stretch(values: np.ndarray, extra: int) -> np.ndarray:
    """Resample a non-negative profile onto ``len(values) + extra`` steps, keeping its total."""
    n = len(values)
    if extra == 0 or n == 0:
        return values.copy()
    cumulative = np.concatenate([[0.0], np.cumsum(values)])
    old_grid = np.linspace(0.0, 1.0, n + 1)
    new_grid = np.linspace(0.0, 1.0, n + extra + 1)
    return np.diff(np.interp(new_grid, old_grid, cumulative))


def apply_change(
    profile: Mapping[int, float | None], change: ProjectChange, years: Sequence[int]
) -> ChangedProfile:
    """Apply a change to a yearly profile and return it on ``years``.

    Parameters
    ----------
    profile
        Amount per year (None = unknown).
    change
        The change to apply.
    years
        The years to return (consecutive).

    Returns
    -------
    ChangedProfile
        Known amounts per year (0 where nothing is spent), None where unknown, and the
        amount pushed beyond the last year.
    """
    known = {y: v for y, v in profile.items() if v is not None}
    unknown = sorted(y for y, v in profile.items() if v is None)
    active = [y for y, v in sorted(known.items()) if v != 0]
    out: dict[int, float | None] = {y: 0.0 for y in years}
    overflow = advanced = 0.0
    if active:
        first, last = active[0], active[-1]
        span = np.array([known.get(y, 0.0) for y in range(first, last + 1)], dtype=float)
        stretched = _stretch(span, change.stretch_years) * change.scale
        for offset, amount in enumerate(stretched):
            year = first + change.shift_years + offset
            if year in out:
                current = out[year]
                out[year] = (current or 0.0) + float(amount)
            elif year > years[-1]:
                overflow += float(amount)
            else:
                # Moved before the first year: spent in the first year instead (said).
                current = out[years[0]]
                out[years[0]] = (current or 0.0) + float(amount)
                advanced += float(amount)
    moved_unknown = tuple(y + change.shift_years for y in unknown)
    for year in moved_unknown:
        if year in out:
            out[year] = None
    return ChangedProfile(
        amounts=out, overflow=overflow, unknown_years=moved_unknown, advanced=advanced
    )
