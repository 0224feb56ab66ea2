"""Use cases of the acquisition funnel: move a lead to another stage; the weighted pipeline.

The web's board, the lead page and the API move leads through :func:`move`, which applies
the core's rule (:func:`clusterplan.ecosystem.funnel.move_lead`); the interfaces only store
the result and say what went wrong in the user's language, from the error's code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from clusterplan.ecosystem.funnel import (
    Lead,
    Pipeline,
    SourceStats,
    Stage,
    StageMove,
    StageUnchanged,
    funnel_stats,
    move_lead,
    weighted_pipeline,
)
from clusterplan.ecosystem.growth_link import AcquisitionGap, acquisition_gap, growth_years
from clusterplan.ecosystem.settings import EcosystemSettings, ecosystem_settings
from clusterplan.errors import ClusterplanError
from clusterplan.plan import parts
from clusterplan.plan.schema import Plan


class FunnelError(ClusterplanError, ValueError):
    """A move the funnel refuses: code ``funnel.unknown_stage`` or
    ``funnel.stage_unchanged``, ``params`` name the lead and the stage; the words are the
    catalogue's, in the reader's language."""


def move(lead: Lead, to: str, on: date, by: str | None = None) -> tuple[Lead, StageMove]:
    """Move ``lead`` to the stage named ``to`` on ``on``; the moved lead and the history
    entry to keep. Raises :class:`FunnelError` for an unknown stage or no change."""
    try:
        stage = Stage(to)
    except ValueError:
        raise FunnelError(
            code="funnel.unknown_stage", params={"lead": lead.id, "stage": to}
        ) from None
    try:
        return move_lead(lead, stage, on, by)
    except StageUnchanged as exc:
        raise FunnelError(code=exc.code, params=exc.params) from None


@dataclass(frozen=True)
class PipelineOutcome:
    """The weighted pipeline of the leads, its share of the acquisition gap, and the
    conversion and time-in-stage statistics per lead source."""

    pipeline: Pipeline
    gap: AcquisitionGap | None  # None when the plan sets no goal (the gap is back-cast from it)
    stats: tuple[SourceStats, ...]


def pipeline(
    plan: Plan,
    leads: Sequence[Lead],
    history: Sequence[StageMove],
    today: date,
    settings: EcosystemSettings | None = None,
    *,
    reference: bool = False,
) -> PipelineOutcome:
    """The weighted pipeline on the growth engine's years as of ``today`` (settings: the
    plan's ecosystem assumptions unless given), the acquisition gap it covers, and the
    funnel statistics of ``history``. Without a goal in the plan there is no gap, unless
    ``reference``: then the gap to the plan's reference goal
    (:func:`clusterplan.plan.parts.reference_goal`)."""
    chosen = settings if settings is not None else ecosystem_settings(plan)
    pipe = weighted_pipeline(leads, plan.pillar_ids, growth_years(plan), chosen, today.year)
    with_gap = reference or parts.has(plan, "goal")
    gap = acquisition_gap(plan, pipe)[0] if with_gap else None
    return PipelineOutcome(pipe, gap, funnel_stats(leads, history))
