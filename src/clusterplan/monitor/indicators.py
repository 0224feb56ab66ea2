"""Monitoring indicators and status rules, declared as plan data (``monitoring.yaml``).

An :class:`Indicator` says what is observed (unit, subject kind), how subjects add up to a
cluster figure, which plan path it is held against and which direction is good. A new
indicator is a new entry in ``monitoring.yaml``; no code changes. Status rules, the
observation error of the nowcast and its warning threshold are data too, each with its
default and rationale.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from clusterplan.errors import ClusterplanError, Coded
from clusterplan.plan.bounds import NowcastSamples, Samples, Seed, Share
from clusterplan.plan.schema import Id, Plan, Provenance, Strict, by_id

SubjectKind = Literal["pillar", "project", "source", "education_level", "organisation", "none"]
Aggregation = Literal["sum", "mean", "last"]
CompareWith = Literal["jobs", "spending", "coverage", "space_m2", "hires", "acquisitions", "none"]
Direction = Literal["higher_is_better", "lower_is_better"]
Status = Literal["on_track", "at_risk", "off_track", "no_data"]

STATUSES: tuple[Status, ...] = ("on_track", "at_risk", "off_track", "no_data")
"""Every status, best first; ``no_data``: no actual or no plan value to hold it against."""


class StatusRule(Provenance):
    """When an actual is on track, at risk or off track against its plan value.

    For ``higher_is_better``: on track when actual >= plan x (1 - at_risk_share); at risk
    when actual >= plan x (1 - off_track_share); off track below that. For
    ``lower_is_better`` the same with (1 + share) and <=.
    """

    id: Id
    at_risk_share: Share
    off_track_share: float = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> StatusRule:
        if self.off_track_share < self.at_risk_share:
            raise ValueError(
                Coded(
                    "monitoring.rule_order",
                    {"off_track": self.off_track_share, "at_risk": self.at_risk_share},
                )
            )
        return self


class Indicator(Strict):
    """One observed figure of the cluster."""

    id: Id
    label_nl: str
    label_en: str
    unit: str = Field(min_length=1, description="jobs, meur, m2, people, count, ...")
    subject: SubjectKind = "none"
    aggregation: Aggregation = "sum"
    compare_with: CompareWith = "none"
    direction: Direction = "higher_is_better"
    confidential: bool = Field(
        default=False, description="Partner-submitted figures per organisation."
    )
    history: bool = Field(
        default=False, description="Values before the base year are allowed (back to history_from)."
    )
    allow_negative: bool = False
    rule: str = Field(default="default", description="Id of a status rule.")
    where_from_nl: str | None = Field(default=None, description="Where real figures come from.")

    @property
    def compared(self) -> bool:
        """Whether the indicator is held against a plan figure (``compare_with`` not
        ``none``); one that is not gets no status but that it has no plan figure."""
        return self.compare_with != "none"


class ObservationError(Provenance):
    """How far an observed figure may lie from the truth (used by the nowcast).

    The standard deviation of one observation is ``max(relative_sd x observed, min_sd)``.
    """

    relative_sd: float = Field(gt=0)
    min_sd: float = Field(default=1.0, gt=0)


class NowcastSettings(Provenance):
    """Defaults of the nowcast: samples, seed, and when its sample is too thin."""

    samples: NowcastSamples
    seed: Seed
    ess_min: float = Field(ge=0, description="Warn below this effective sample size.")
    ess_min_share: Share = Field(description="Warn below this share of samples.")
    band_samples: Samples = Field(description="Samples for the ensemble bands of compare.")


class Disclosure(Provenance):
    """When a figure built from partners' confidential submissions may be shown."""

    min_organisations: int = Field(ge=1)


class Monitoring(Provenance):
    """The optional monitoring part of a plan."""

    dimension: str = Field(
        description="Growth dimension (of employment.yaml) whose path the actuals are held against."
    )
    history_from: int = Field(description="First year an indicator with history may have.")
    indicators: list[Indicator]
    rules: list[StatusRule]
    observation_error: ObservationError
    nowcast: NowcastSettings
    disclosure: Disclosure

    @model_validator(mode="after")
    def _consistent(self) -> Monitoring:
        ids = [i.id for i in self.indicators]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(Coded("monitoring.indicator_twice", {"ids": twice}))
        rules = {r.id for r in self.rules}
        missing = [
            f"'{i.rule}' (indicator '{i.id}')" for i in self.indicators if i.rule not in rules
        ]
        if missing:
            raise ValueError(
                Coded("monitoring.unknown_rule", {"rules": missing, "known": sorted(rules)})
            )
        return self

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator with this id (KeyError if absent)."""
        return by_id(self.indicators, indicator_id)

    def rule(self, rule_id: str) -> StatusRule:
        """The status rule with this id (KeyError if absent)."""
        return by_id(self.rules, rule_id)


class MonitoringError(ClusterplanError, ValueError):
    """The plan has no monitoring part, or it cannot be used."""

    default_code = "monitoring.detail"


def monitoring_of(plan: Plan) -> Monitoring:
    """The plan's monitoring part (MonitoringError when the plan has none)."""
    if plan.monitoring is None:
        raise MonitoringError(code="monitoring.none", params={"plan": plan.meta.id})
    return plan.monitoring


def _at_least(value: float, bound: float) -> bool:
    """``value >= bound``, forgiving the rounding of ``bound`` (plan x (1 - share))."""
    return value >= bound - 1e-9 * max(1.0, abs(bound))


def status_of(
    actual: float | None, plan_value: float | None, rule: StatusRule, direction: Direction
) -> Status:
    """The status of one actual against its plan value under a rule.

    Boundaries count to the better status (exactly plan x (1 - at_risk_share) is on
    track), up to floating-point rounding of the bound.
    """
    if actual is None or plan_value is None:
        return "no_data"
    if direction == "higher_is_better":
        if _at_least(actual, plan_value * (1.0 - rule.at_risk_share)):
            return "on_track"
        if _at_least(actual, plan_value * (1.0 - rule.off_track_share)):
            return "at_risk"
        return "off_track"
    if _at_least(-actual, -plan_value * (1.0 + rule.at_risk_share)):
        return "on_track"
    if _at_least(-actual, -plan_value * (1.0 + rule.off_track_share)):
        return "at_risk"
    return "off_track"


# The plan schema refers to Monitoring by name (it cannot import this module first).
Plan.model_rebuild(_types_namespace={"Monitoring": Monitoring})
