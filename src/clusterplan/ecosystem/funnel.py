"""The acquisition funnel: leads, stage moves, the weighted pipeline and conversion statistics.

A lead is a company the programme office wants to land. Its probability of landing is
its own (when set) or the default of its stage (assumption ``acquisition.stage-probability``).
The weighted pipeline multiplies expected jobs, m2 and capex by that probability and puts
the jobs in their landing year (assumed from the stage when a lead names none), ramped in
over ``acquisition.ramp-years``. As a [pillar, year] array of job levels it is the
acquisition contribution for the growth engine.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, Field, model_validator

from clusterplan.ecosystem.settings import FORWARD_STAGES, STAGES, EcosystemSettings
from clusterplan.ecosystem.settings import Stage as Stage  # declared with its defaults
from clusterplan.errors import ClusterplanError, Coded
from clusterplan.plan import bounds
from clusterplan.plan.bounds import Bound
from clusterplan.plan.schema import Id, refused


class LeadSource(StrEnum):
    """Where a lead comes from (Groeiplan IV, acquisition and business development)."""

    ANCHOR_TENANT = "anchor_tenant"
    SUPPLIER = "supplier"
    CUSTOMER = "customer"
    STARTUP_SCALEUP = "startup_scaleup"
    TRADE_MISSION = "trade_mission"
    EVENT = "event"


VIA_SOURCES = (LeadSource.SUPPLIER, LeadSource.CUSTOMER)
"""Sources that name the present firm the lead supplies or buys from."""


def via_problem(source: str, via: str | None) -> Coded | None:
    """Why a lead from ``source`` cannot be without ``via``, the present firm it supplies or
    buys from (:data:`VIA_SOURCES`); None when it can. The source is named by its words in
    the reader's language."""
    if source not in VIA_SOURCES or via:
        return None
    from clusterplan import labels  # labels reads this module's enumerations

    return Coded("leads.needs_via", {"source": Coded(labels.code("lead.source", str(source)))})


LEAD_NUMBER_BOUNDS: dict[str, Bound] = {
    "area_m2": bounds.AREA_M2,
    "capex_meur": bounds.MONEY_MEUR,
    "landing_year": bounds.YEAR,
    "probability": bounds.SHARE,
}
"""The declared range of each number a lead stores (its expected jobs: :data:`LEAD_JOBS`),
held by :class:`Lead` itself, so an import, the API and the web form refuse alike."""
LEAD_JOBS = bounds.HEADCOUNT
"""The range of a lead's expected jobs in one pillar."""


class Lead(BaseModel):
    """A target company in the acquisition funnel."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Id
    company: str = Field(min_length=1)
    source: LeadSource
    via_organisation: str | None = None
    stage: Stage
    owner: str | None = None
    next_action: str | None = None
    next_action_date: date | None = None
    # numbers: their declared ranges (LEAD_NUMBER_BOUNDS, LEAD_JOBS) are checked by _in_range
    expected_jobs: dict[str, int | None] = Field(default_factory=dict)
    area_m2: float | None = None
    capex_meur: float | None = None
    fills_segment: str | None = None
    fills_technology: str | None = None
    fills_market: str | None = None
    landing_year: int | None = None
    probability: float | None = None

    @model_validator(mode="after")
    def _in_range(self) -> Lead:
        for name, bound in LEAD_NUMBER_BOUNDS.items():
            value = getattr(self, name)
            if value is not None and (problem := bound.problem(value)) is not None:
                raise refused(name, problem)
        for pillar, jobs in self.expected_jobs.items():
            if jobs is not None and (problem := LEAD_JOBS.problem(jobs)) is not None:
                raise refused(f"expected_jobs.{pillar}", problem)
        return self

    @model_validator(mode="after")
    def _via(self) -> Lead:
        if (problem := via_problem(self.source, self.via_organisation)) is not None:
            raise refused("via_organisation", problem)
        return self

    @property
    def jobs_known(self) -> bool:
        """True when at least one pillar has expected jobs and none is unknown."""
        return bool(self.expected_jobs) and all(v is not None for v in self.expected_jobs.values())


LEAD_EDIT_FIELDS: tuple[str, ...] = tuple(f for f in Lead.model_fields if f not in ("id", "stage"))
"""The fields of a lead that its owner edits (the id is fixed; the stage moves only through
the funnel, :func:`move_lead`)."""


@dataclass(frozen=True)
class StageMove:
    """A lead entered a stage on a date (one entry of the stage history)."""

    lead_id: str
    stage: Stage
    on: date
    by: str | None = None


class StageUnchanged(ClusterplanError, ValueError):
    """A move to the stage the lead already is in (code ``funnel.stage_unchanged``;
    ``params`` name the lead and the stage)."""

    default_code = "funnel.stage_unchanged"

    def __init__(self, lead_id: str, stage: Stage) -> None:
        super().__init__(code=self.default_code, params={"lead": lead_id, "stage": stage.value})


def move_date_problem(on: date, today: date) -> Coded | None:
    """Why a stage move cannot be dated ``on``: a move records when a lead entered a stage,
    so its year is one of what has happened: within :data:`~clusterplan.plan.bounds.YEAR`
    and not after ``today``'s year (the rule of every typed year of what has happened,
    :func:`clusterplan.ecosystem.startups.year_problem`); None when it can be. The one
    statement of this rule: the web's move form holds it, and the API's move through it."""
    from clusterplan.ecosystem.startups import year_problem

    return year_problem(on.year, today.year)


def move_lead(lead: Lead, to: Stage, on: date, by: str | None = None) -> tuple[Lead, StageMove]:
    """Move a lead to a stage; returns the moved lead and the history entry to keep.

    Raises
    ------
    StageUnchanged
        When the lead already is in that stage.
    """
    if lead.stage == to:
        raise StageUnchanged(lead.id, to)
    return lead.model_copy(update={"stage": to}), StageMove(lead.id, to, on, by)


def probability(lead: Lead, settings: EcosystemSettings) -> float:
    """The lead's own probability, or its stage's default (0 when lost, 1 when landed)."""
    if lead.stage is Stage.LOST:
        return 0.0
    if lead.stage is Stage.LANDED:
        return 1.0
    if lead.probability is not None:
        return lead.probability
    return settings.stage_probability[lead.stage.value]


def landing_year(
    lead: Lead, settings: EcosystemSettings, as_of_year: int
) -> tuple[int | None, bool]:
    """The year the lead lands in: its own, else ``as_of_year`` for a landed lead and the
    stage's years to landing after it for an open one; None for a lost lead. And whether
    the year is assumed from the stage (the pipeline marks it)."""
    if lead.landing_year is not None:
        return lead.landing_year, False
    if lead.stage is Stage.LOST:
        return None, False
    if lead.stage is Stage.LANDED:
        return as_of_year, True
    return as_of_year + settings.years_to_landing[lead.stage.value], True


@dataclass(frozen=True)
class WeightedLead:
    """One lead in the weighted pipeline."""

    lead_id: str
    company: str
    source: str
    stage: str
    probability: float
    landing_year: int | None
    landing_year_assumed: bool
    expected_jobs: Mapping[str, int]
    weighted_jobs: Mapping[str, float]
    weighted_area_m2: float | None
    weighted_capex_meur: float | None
    jobs_unknown: bool


@dataclass(frozen=True)
class Pipeline:
    """The weighted pipeline.

    ``jobs[p, t]`` is the expected number of acquired jobs present in pillar ``p`` in year
    ``years[t]`` (levels, ramped in; the acquisition contribution). ``landing_jobs[p, t]``
    is the weighted jobs by landing year (not cumulative). ``area_m2[t]`` and
    ``capex_meur[t]`` are weighted by landing year. Jobs landing after the last year are in
    ``beyond_horizon_jobs``; leads with unknown jobs are listed in ``jobs_unknown``.
    """

    pillars: tuple[str, ...]
    years: tuple[int, ...]
    leads: tuple[WeightedLead, ...]
    jobs: npt.NDArray[np.float64]
    landing_jobs: npt.NDArray[np.float64]
    area_m2: npt.NDArray[np.float64]
    capex_meur: npt.NDArray[np.float64]
    beyond_horizon_jobs: float
    jobs_unknown: tuple[str, ...]
    as_of_year: int

    @property
    def total_weighted_jobs(self) -> float:
        """Weighted jobs of all leads landing within the years (at full ramp)."""
        return float(self.landing_jobs.sum())


def weighted_pipeline(
    leads: Sequence[Lead],
    pillars: Sequence[str],
    years: Sequence[int],
    settings: EcosystemSettings,
    as_of_year: int,
) -> Pipeline:
    """Weight every lead by its probability and place it in its landing year.

    Parameters
    ----------
    leads
        The funnel.
    pillars, years
        Axes of the result (years consecutive).
    settings
        Stage probabilities, years to landing per stage and the ramp-up.
    as_of_year
        The current year: assumed landing years count from it.
    """
    pillar_list, year_list = list(pillars), list(years)
    jobs = np.zeros((len(pillar_list), len(year_list)))
    landing = np.zeros_like(jobs)
    area = np.zeros(len(year_list))
    capex = np.zeros(len(year_list))
    beyond = 0.0
    unknown: list[str] = []
    weighted: list[WeightedLead] = []
    ramp = settings.ramp_years
    for lead in leads:
        p = probability(lead, settings)
        year, assumed = landing_year(lead, settings, as_of_year)
        known = {k: v for k, v in lead.expected_jobs.items() if v is not None}
        if not lead.jobs_known:
            unknown.append(lead.id)
        w_jobs = {k: p * v for k, v in known.items() if k in pillar_list}
        w_area = None if lead.area_m2 is None else p * lead.area_m2
        w_capex = None if lead.capex_meur is None else p * lead.capex_meur
        weighted.append(
            WeightedLead(
                lead.id,
                lead.company,
                lead.source.value,
                lead.stage.value,
                p,
                year,
                assumed,
                known,
                w_jobs,
                w_area,
                w_capex,
                not lead.jobs_known,
            )
        )
        if year is None or p == 0.0:
            continue
        if year > year_list[-1]:
            beyond += sum(w_jobs.values())
            continue
        t0 = year_list.index(year) if year >= year_list[0] else 0
        for pillar, value in w_jobs.items():
            i = pillar_list.index(pillar)
            landing[i, t0] += value
            for k, t in enumerate(range(t0, len(year_list))):
                jobs[i, t] += value * min(1.0, (k + 1) / ramp)
        area[t0] += w_area or 0.0
        capex[t0] += w_capex or 0.0
    return Pipeline(
        tuple(pillar_list),
        tuple(year_list),
        tuple(weighted),
        jobs,
        landing,
        area,
        capex,
        beyond,
        tuple(unknown),
        as_of_year,
    )


def acquisition_contribution(pipeline: Pipeline) -> npt.NDArray[np.float64]:
    """The weighted pipeline as the growth engine's acquisition input: jobs[pillar, year]."""
    return pipeline.jobs.copy()


@dataclass(frozen=True)
class SourceStats:
    """Conversion and time in stage for the leads of one source."""

    source: str
    leads: int
    landed: int
    lost: int
    open: int
    conversion: float | None
    reached: Mapping[str, int]
    days_in_stage: Mapping[str, tuple[int, float | None, float | None]] = field(
        default_factory=dict
    )


def funnel_stats(leads: Sequence[Lead], history: Sequence[StageMove]) -> tuple[SourceStats, ...]:
    """Conversion and time-in-stage statistics per source, from leads and their stage history.

    ``conversion`` is landed / (landed + lost), None while no lead of the source is closed.
    ``reached[stage]`` counts leads that ever were in that forward stage or beyond (from the
    history and the current stage). ``days_in_stage[stage]`` is (number of completed stays,
    mean days, median days); a stay is completed when the history shows the next move.
    """
    order = {s: i for i, s in enumerate(FORWARD_STAGES)}
    by_lead: dict[str, list[StageMove]] = {}
    for move in sorted(history, key=lambda m: m.on):
        by_lead.setdefault(move.lead_id, []).append(move)
    out = []
    for source in LeadSource:
        group = [lead for lead in leads if lead.source is source]
        if not group:
            continue
        reached = {s: 0 for s in FORWARD_STAGES}
        stays: dict[str, list[int]] = {s: [] for s in STAGES}
        for lead in group:
            moves = by_lead.get(lead.id, [])
            visited = {m.stage.value for m in moves} | {lead.stage.value}
            top = max((order[s] for s in visited if s in order), default=-1)
            for s, i in order.items():
                if i <= top:
                    reached[s] += 1
            for before, after in zip(moves, moves[1:], strict=False):
                stays[before.stage.value].append((after.on - before.on).days)
        landed = sum(1 for lead in group if lead.stage is Stage.LANDED)
        lost = sum(1 for lead in group if lead.stage is Stage.LOST)
        days = {
            s: (len(v), statistics.fmean(v) if v else None, statistics.median(v) if v else None)
            for s, v in stays.items()
            if v
        }
        out.append(
            SourceStats(
                source.value,
                len(group),
                landed,
                lost,
                len(group) - landed - lost,
                landed / (landed + lost) if landed + lost else None,
                reached,
                days,
            )
        )
    return tuple(out)
