"""The ecosystem and acquisition defaults, read from the plan's assumptions.

Every default lives in ``assumptions/ecosystem.yaml`` with its rationale; this module only
turns those entries into typed values and says which entry is wrong when one is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from clusterplan.errors import ClusterplanError, Coded
from clusterplan.plan import parts
from clusterplan.plan.schema import Plan


class Stage(StrEnum):
    """Funnel stages, in order: the forward path up to ``landed``, then the exits ``lost``
    and ``on_hold``. Declared here, with the defaults that are read per stage, and used by
    :mod:`clusterplan.ecosystem.funnel`."""

    IDENTIFIED = "identified"
    CONTACTED = "contacted"
    VISIT = "visit"
    PROPOSAL = "proposal"
    DECISION = "decision"
    LANDED = "landed"
    LOST = "lost"
    ON_HOLD = "on_hold"


STAGES: tuple[str, ...] = tuple(s.value for s in Stage)
"""The stages' values, in order."""

FORWARD_STAGES: tuple[str, ...] = STAGES[: STAGES.index(Stage.LANDED) + 1]
"""The forward path, from the first stage to ``landed``."""

OPEN_STAGES: tuple[str, ...] = tuple(s for s in STAGES if s not in (Stage.LANDED, Stage.LOST))
"""The stages of a lead that is still open (not landed, not lost)."""

EVEN_SPLIT = "even"
"""The one way an organisation's jobs are split over its pillars (assumption
``ecosystem.jobs-pillar-split``): evenly."""


@dataclass(frozen=True)
class SizeBand:
    """A size band by jobs (``max_jobs`` None = no upper bound)."""

    id: str
    min_jobs: int
    max_jobs: int | None

    def contains(self, jobs: int) -> bool:
        """True when ``jobs`` falls in this band."""
        return jobs >= self.min_jobs and (self.max_jobs is None or jobs <= self.max_jobs)


@dataclass(frozen=True)
class EcosystemSettings:
    """Typed ecosystem and acquisition defaults (see ``assumptions/ecosystem.yaml``)."""

    match_min_similarity: float
    match_ambiguity_margin: float
    legal_suffixes: tuple[str, ...]
    thin_max_organisations: int
    region_only: bool
    size_bands: tuple[SizeBand, ...]
    jobs_pillar_split: str
    stage_probability: Mapping[str, float]
    years_to_landing: Mapping[str, int]
    ramp_years: int

    def size_band_for(self, jobs: int) -> str | None:
        """The id of the size band that holds ``jobs`` (None if no band does)."""
        for band in self.size_bands:
            if band.contains(jobs):
                return band.id
        return None

    def with_stage_probability(self, **probabilities: float) -> EcosystemSettings:
        """A copy with some stage probabilities changed (the defaults are editable)."""
        merged = dict(self.stage_probability)
        for stage, p in probabilities.items():
            if stage not in STAGES:
                raise ValueError(Coded("settings.unknown_stage", {"stage": stage, "known": STAGES}))
            if not 0.0 <= p <= 1.0:
                raise ValueError(
                    Coded("settings.stage_probability", {"stage": stage, "value": f"{p}"})
                )
            merged[stage] = p
        return replace(self, stage_probability=merged)


class SettingsError(ClusterplanError, ValueError):
    """An ecosystem assumption with a value of the wrong shape."""

    default_code = "settings.detail"


def _value(plan: Plan, assumption_id: str) -> Any:
    return parts.assumption_value(plan, assumption_id, SettingsError)


def _number(plan: Plan, assumption_id: str, low: float, high: float) -> float:
    value = _value(plan, assumption_id)
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise SettingsError(
            code="settings.number",
            params={"assumption": plan.assumption_name(assumption_id), "low": low, "high": high},
        )
    return float(value)


def _stage_map(
    plan: Plan, assumption_id: str, stages: tuple[str, ...], high: float
) -> dict[str, Any]:
    value = _value(plan, assumption_id)
    name = plan.assumption_name(assumption_id)
    if not isinstance(value, dict) or set(value) != set(stages):
        raise SettingsError(code="settings.stages", params={"assumption": name, "stages": stages})
    for stage, number in value.items():
        if isinstance(number, bool) or not isinstance(number, int | float):
            raise SettingsError(
                code="settings.stage_number", params={"assumption": name, "stage": stage}
            )
        if not 0 <= number <= high:
            raise SettingsError(
                code="settings.stage_range",
                params={"assumption": name, "stage": stage, "high": high},
            )
    return dict(value)


def ecosystem_settings(plan: Plan) -> EcosystemSettings:
    """Read the ecosystem and acquisition assumptions of a plan.

    Raises
    ------
    SettingsError
        When an assumption is missing or has a value of the wrong shape (names its id).
    """
    bands_raw = _value(plan, "ecosystem.size-bands")
    try:
        bands = tuple(
            SizeBand(
                str(b["id"]),
                int(b["min_jobs"]),
                None if b["max_jobs"] is None else int(b["max_jobs"]),
            )
            for b in bands_raw
        )
    except (TypeError, KeyError, ValueError):
        raise SettingsError(
            code="settings.size_bands",
            params={"assumption": plan.assumption_name("ecosystem.size-bands")},
        ) from None
    suffixes = _value(plan, "ecosystem.name-legal-suffixes")
    if not isinstance(suffixes, list) or not all(isinstance(s, str) for s in suffixes):
        raise SettingsError(
            code="settings.suffixes",
            params={"assumption": plan.assumption_name("ecosystem.name-legal-suffixes")},
        )
    split = _value(plan, "ecosystem.jobs-pillar-split")
    if split != EVEN_SPLIT:
        raise SettingsError(
            code="settings.split",
            params={"assumption": plan.assumption_name("ecosystem.jobs-pillar-split")},
        )
    years = _stage_map(plan, "acquisition.years-to-landing", OPEN_STAGES, 50)
    return EcosystemSettings(
        match_min_similarity=_number(plan, "ecosystem.name-match-min-similarity", 0.0, 1.0),
        match_ambiguity_margin=_number(plan, "ecosystem.name-match-ambiguity-margin", 0.0, 1.0),
        legal_suffixes=tuple(s.casefold() for s in suffixes),
        thin_max_organisations=int(
            _number(plan, "ecosystem.whitespot-thin-max-organisations", 0, 1e6)
        ),
        region_only=bool(_value(plan, "ecosystem.whitespot-region-only")),
        size_bands=bands,
        jobs_pillar_split=split,
        stage_probability={
            k: float(v)
            for k, v in _stage_map(plan, "acquisition.stage-probability", STAGES, 1.0).items()
        },
        years_to_landing={k: int(v) for k, v in years.items()},
        ramp_years=int(_number(plan, "acquisition.ramp-years", 1, 50)),
    )
