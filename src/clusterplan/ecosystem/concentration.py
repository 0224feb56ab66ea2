"""Concentration risk: how much of a pillar rests on one organisation, and what if it leaves.

An organisation's jobs are split over its pillars by the rule in the assumption
``ecosystem.jobs-pillar-split`` (evenly). Shares are given against the jobs known in the
registry and against the plan's base-year jobs of the pillar (the plan's jobs table), because the
registry rarely knows every firm's jobs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from clusterplan.ecosystem.registry import Registry
from clusterplan.ecosystem.settings import EVEN_SPLIT, EcosystemSettings
from clusterplan.plan.schema import Organisation

DIMENSIONS: tuple[str, ...] = ("segments", "technologies", "markets", "pillars")


def pillar_jobs(
    org: Organisation, pillars: Sequence[str], settings: EcosystemSettings
) -> dict[str, float]:
    """An organisation's known jobs per pillar (empty if its jobs or pillars are unknown)."""
    active = [p for p in org.pillars if p in pillars]
    if org.jobs is None or not active:
        return {}
    if settings.jobs_pillar_split != EVEN_SPLIT:  # pragma: no cover - guarded by ecosystem_settings
        raise ValueError(f"unsupported jobs split '{settings.jobs_pillar_split}'")
    return {p: org.jobs / len(active) for p in active}


@dataclass(frozen=True)
class PillarConcentration:
    """How concentrated one pillar's jobs are."""

    pillar: str
    organisations: int
    organisations_jobs_unknown: int
    registry_jobs: float
    base_jobs: int | None
    largest: str | None
    largest_jobs: float | None
    share_of_registry: float | None
    share_of_base: float | None


@dataclass(frozen=True)
class SinglePoint:
    """A segment, technology, market or pillar carried by exactly one organisation."""

    dimension: str
    item: str
    organisation_id: str


@dataclass(frozen=True)
class ConcentrationReport:
    """Pillar concentration, single points of failure and uncovered items."""

    pillars: tuple[PillarConcentration, ...]
    single_points: tuple[SinglePoint, ...]
    uncovered: tuple[tuple[str, str], ...]
    region_only: bool


def concentration(
    registry: Registry,
    taxonomy_items: Mapping[str, Sequence[str]],
    settings: EcosystemSettings,
    base_jobs: Mapping[str, int] | None = None,
) -> ConcentrationReport:
    """Concentration risk of a registry.

    Parameters
    ----------
    registry
        The organisations.
    taxonomy_items
        Ids per dimension: ``{"pillars": [...], "segments": [...], "technologies": [...],
        "markets": [...]}`` (in display order).
    settings
        Whether only organisations in the region count, and the jobs split rule.
    base_jobs
        Jobs per pillar in the base year (the plan's jobs table), for shares of the whole pillar.
    """
    orgs = [o for o in registry.organisations if o.in_region or not settings.region_only]
    pillars = list(taxonomy_items.get("pillars", ()))
    rows = []
    for pillar in pillars:
        members = [o for o in orgs if pillar in o.pillars]
        jobs = {o.id: pillar_jobs(o, pillars, settings).get(pillar) for o in members}
        known = {k: v for k, v in jobs.items() if v is not None}
        total = float(sum(known.values()))
        # the most jobs; of equals the first id, whatever order the registry lists them in
        largest = min(known, key=lambda k: (-known[k], k)) if known else None
        largest_jobs = known[largest] if largest is not None else None
        base = None if base_jobs is None else base_jobs.get(pillar)
        rows.append(
            PillarConcentration(
                pillar=pillar,
                organisations=len(members),
                organisations_jobs_unknown=len(members) - len(known),
                registry_jobs=total,
                base_jobs=base,
                largest=largest,
                largest_jobs=largest_jobs,
                share_of_registry=(largest_jobs / total)
                if largest_jobs is not None and total > 0
                else None,
                share_of_base=(largest_jobs / base) if largest_jobs is not None and base else None,
            )
        )
    singles = []
    uncovered = []
    for dimension in DIMENSIONS:
        for item in taxonomy_items.get(dimension, ()):
            holders = [o.id for o in orgs if item in getattr(o, dimension)]
            if len(holders) == 1:
                singles.append(SinglePoint(dimension, item, holders[0]))
            elif not holders:
                uncovered.append((dimension, item))
    return ConcentrationReport(tuple(rows), tuple(singles), tuple(uncovered), settings.region_only)


def departure_jobs(
    registry: Registry,
    organisation_id: str,
    pillars: Sequence[str],
    years: Sequence[int],
    from_year: int,
    settings: EcosystemSettings,
) -> npt.NDArray[np.float64]:
    """Jobs lost if an organisation leaves, as a [pillar, year] array of levels (<= 0).

    From ``from_year`` on, its known jobs are removed from its pillars (split as in
    :func:`pillar_jobs`); before, nothing changes. All zeros when its jobs are unknown.

    Raises
    ------
    KeyError
        When no organisation has this id.
    """
    org = registry.get(organisation_id)
    out = np.zeros((len(pillars), len(years)), dtype=np.float64)
    mask = np.asarray(years) >= from_year
    for pillar, jobs in pillar_jobs(org, pillars, settings).items():
        out[list(pillars).index(pillar), mask] = -jobs
    return out
