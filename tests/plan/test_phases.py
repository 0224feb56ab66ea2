"""When a project's phase is under way (the showcase names the phase of today)."""

from __future__ import annotations

from clusterplan.plan.schema import Phase


def _phase(start: int | None, end: int | None) -> Phase:
    return Phase(id="p", name_nl="Fase", start=start, end=end, source="test")


def test_a_phase_runs_from_its_start_year_to_its_end_year_inclusive() -> None:
    phase = _phase(2026, 2028)
    assert [phase.runs_in(y) for y in (2025, 2026, 2027, 2028, 2029)] == [
        False,
        True,
        True,
        True,
        False,
    ]


def test_a_phase_without_an_end_runs_on_and_one_without_a_start_never_runs() -> None:
    assert _phase(2026, None).runs_in(2040) and not _phase(2026, None).runs_in(2025)
    assert not any(_phase(None, 2030).runs_in(y) for y in (2020, 2026, 2030))
