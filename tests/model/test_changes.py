"""Shift, stretch and scale of a yearly profile."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from clusterplan.model.changes import ProjectChange, apply_change

YEARS = list(range(2026, 2034))
ACP = {2026: 0.0, 2027: 30.0, 2028: 30.0, 2029: 30.0, 2030: 30.0, 2031: 30.0, 2032: 0.0, 2033: 0.0}


def test_a_shift_moves_every_amount() -> None:
    out = apply_change(ACP, ProjectChange(shift_years=2), YEARS)
    assert [out.amounts[y] for y in YEARS] == [0, 0, 0, 30, 30, 30, 30, 30]
    assert out.overflow == 0


def test_a_shift_past_the_horizon_overflows_instead_of_vanishing() -> None:
    out = apply_change(ACP, ProjectChange(shift_years=4), YEARS)
    assert sum(v for v in out.amounts.values() if v) == pytest.approx(90)
    assert out.overflow == pytest.approx(60)


def test_a_stretch_keeps_the_total_and_lengthens_the_profile() -> None:
    out = apply_change(ACP, ProjectChange(stretch_years=1), YEARS)
    assert [round(out.amounts[y] or 0, 6) for y in YEARS] == [0, 25, 25, 25, 25, 25, 25, 0]


def test_unknown_amounts_stay_unknown_and_move_with_the_shift() -> None:
    profile = {2026: 10.0, 2027: 15.0, 2028: None, 2029: None}
    out = apply_change(profile, ProjectChange(shift_years=1), YEARS)
    assert out.amounts[2029] is None and out.amounts[2030] is None
    assert out.amounts[2027] == 10 and out.amounts[2028] == 15


def test_it_rejects_a_negative_stretch() -> None:
    with pytest.raises(ValueError, match="stretch_years"):
        ProjectChange(stretch_years=-1)


@given(
    st.lists(st.floats(0, 100), min_size=8, max_size=8),
    st.integers(-3, 3),
    st.integers(0, 4),
    st.floats(0, 3),
)
def test_total_is_conserved_up_to_scale(
    values: list[float], shift: int, stretch: int, scale: float
) -> None:
    profile = dict(zip(YEARS, values, strict=True))
    out = apply_change(profile, ProjectChange(shift, stretch, scale), YEARS)
    total = sum(v for v in out.amounts.values() if v is not None) + out.overflow
    assert total == pytest.approx(sum(values) * scale, rel=1e-9, abs=1e-9)
