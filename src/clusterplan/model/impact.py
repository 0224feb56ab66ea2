"""Impact beyond direct jobs: production value, value added, spill-over jobs, money per job.

For a growth dimension (or custom trajectory) of :mod:`clusterplan.model.growth`, with the
assumptions of ``assumptions/impact.yaml`` (per pillar ``p``, year ``t``):

- production value ``PV[p, t] = jobs[p, t] * revenue_per_fte[p] * (1 + g) ** (t - base)``,
  with ``g`` the growth engine's productivity rate (so PV follows the plan's revenue growth);
- value added ``VA[p, t] = PV[p, t] * value_added_share[p]``;
- indirect (Type I) jobs ``jobs * (m1[p] - 1)`` and induced (Type II) jobs
  ``jobs * (m2[p] - m1[p])``, with ``m1``/``m2`` the employment multipliers
  (``total = direct * m2``);
- the money side comes from the cost tables: a dimension is funded by its projects (the
  projects of the growth split counted in it), the projects outside the split (enabling
  lines such as space, which serve every dimension) and the organisation lines.
  Which sources are public is plan data (``finance.public-sources``); unknown coverage
  ('?') is never read as 0: the totals are then lower bounds (``complete`` is False);
- ``public per direct job = public / funded direct jobs`` (the jobs the funded projects add
  in the target year), ``public per total job = public / (funded direct * m2)``,
  ``leverage = private / public``;
- net additional jobs ``= funded total jobs * additionality * (1 - displacement)``.

A funder's view per project (its own coverage against the jobs it adds) and per funding
source (each source is credited with the jobs of a line in proportion to its share of the
line's known coverage). Every figure carries a :class:`Trace`: a plan figure (section), a
named assumption or a computation (formula).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from clusterplan.errors import ClusterplanError
from clusterplan.i18n import Named
from clusterplan.model.finance import public_sources
from clusterplan.model.growth import (
    GrowthAssumptions,
    Trajectory,
    dimension_projects,
    growth_assumptions,
    trajectory,
)
from clusterplan.plan import bounds, parts
from clusterplan.plan.schema import CostLine, Plan

FloatArray = NDArray[np.float64]

PER_PILLAR: tuple[str, ...] = (
    "impact.revenue-per-fte",
    "impact.value-added-share",
    "impact.type1-multiplier",
    "impact.type2-multiplier",
)
"""Assumptions that give one value per pillar."""

SHARES: tuple[str, ...] = ("impact.additionality", "impact.displacement")
"""Assumptions that are one fraction in [0, 1]."""


class ImpactError(ClusterplanError, ValueError):
    """Impact assumptions or arguments that cannot be used (the message says which and why)."""

    default_code = "impact.detail"


@dataclass(frozen=True)
class Trace:
    """Where a figure comes from.

    ``kind`` is ``plan`` (a figure of the plan), ``assumption`` (a named assumption) or
    ``computed`` (a formula over other figures and named assumptions). ``words`` is the key
    of its words in the core catalogue (``clusterplan.report.messages``): the formula, the
    assumption, or what a plan figure is, with ``{source}`` standing for ``source``, the
    plan's section or tables it is from.
    """

    kind: Literal["plan", "assumption", "computed"]
    words: str
    source: str = ""

    def to_dict(self) -> dict[str, str]:
        """JSON-ready form."""
        return {"kind": self.kind, "words": self.words, "source": self.source}


# ----------------------------------------------------------------------------- formulas


def spillover_jobs(
    direct: FloatArray, type1: FloatArray, type2: FloatArray
) -> tuple[FloatArray, FloatArray]:
    """Indirect and induced jobs for direct jobs ``[pillar, ...]`` and multipliers ``[pillar]``.

    ``indirect = direct * (type1 - 1)``, ``induced = direct * (type2 - type1)``.
    """
    d = np.asarray(direct, dtype=np.float64)
    m1 = np.asarray(type1, dtype=np.float64).reshape((-1,) + (1,) * (d.ndim - 1))
    m2 = np.asarray(type2, dtype=np.float64).reshape((-1,) + (1,) * (d.ndim - 1))
    return d * (m1 - 1.0), d * (m2 - m1)


def production_value(
    jobs: FloatArray, revenue_per_fte: FloatArray, productivity_index: FloatArray
) -> FloatArray:
    """Production value ``[pillar, year]`` (M EUR) = jobs * revenue per FTE * productivity index."""
    per_fte = np.asarray(revenue_per_fte, dtype=np.float64)[:, None]
    return np.asarray(jobs, dtype=np.float64) * per_fte * np.asarray(productivity_index)[None, :]


def per_job(meur: float, jobs: float) -> float | None:
    """M EUR per job, or None when there are no jobs to divide by."""
    return meur / jobs if jobs > 0 else None


def leverage(private_meur: float, public_meur: float) -> float | None:
    """Private euros per public euro, or None without public money."""
    return private_meur / public_meur if public_meur > 0 else None


def net_additional(total_jobs: float, additionality: float, displacement: float) -> float:
    """Jobs that are new to the region: total * additionality * (1 - displacement)."""
    return total_jobs * additionality * (1.0 - displacement)


# ----------------------------------------------------------------------------- assumptions


@dataclass(frozen=True)
class ImpactAssumptions:
    """The impact model's parameters, per pillar in the plan's order."""

    pillars: tuple[str, ...]
    revenue_per_fte: FloatArray  # [pillar], M EUR per FTE in the base year
    value_added_share: FloatArray  # [pillar]
    type1: FloatArray  # [pillar]
    type2: FloatArray  # [pillar]
    additionality: float
    displacement: float
    public_sources: tuple[str, ...]
    sources: tuple[str, ...] = ()
    """The plan's funding sources (the public ones are among them)."""
    names: Mapping[str, Named] = field(default_factory=dict)
    """Each assumption by how a reader names it (:meth:`Plan.assumption_name`: its label),
    for the refusals; one missing here is named by its id."""

    def _name(self, aid: str, pillar: str | None = None) -> Named:
        """The assumption ``aid`` (of ``pillar``) as a refusal names it."""
        name = self.names.get(aid, Named(aid))
        return name if pillar is None else Named(f"{name.nl} ({pillar})", f"{name} ({pillar})")

    def __post_init__(self) -> None:
        n = len(self.pillars)
        for name in ("revenue_per_fte", "value_added_share", "type1", "type2"):
            if np.shape(getattr(self, name)) != (n,):
                raise ImpactError(code="impact.per_pillar", params={"name": name, "n": n})
        checks: tuple[tuple[str, FloatArray, float, float, str], ...] = (
            ("impact.revenue-per-fte", self.revenue_per_fte, 0.0, math.inf, "impact.negative"),
            ("impact.value-added-share", self.value_added_share, 0.0, 1.0, "impact.not_share"),
            ("impact.type1-multiplier", self.type1, 1.0, math.inf, "impact.below_one"),
        )
        for aid, values, lowest, highest, why in checks:
            for p, v in zip(self.pillars, values, strict=True):
                if not lowest <= float(v) <= highest:
                    params = {"assumption": self._name(aid, p), "value": float(v)}
                    raise ImpactError(code=why, params=params)
        for p, m1, m2 in zip(self.pillars, self.type1, self.type2, strict=True):
            if m2 < m1:
                raise ImpactError(
                    code="impact.type2_below_type1",
                    params={
                        "assumption": self._name("impact.type2-multiplier", p),
                        "m2": float(m2),
                        "m1": float(m1),
                    },
                )
        for aid, share in (
            ("impact.additionality", self.additionality),
            ("impact.displacement", self.displacement),
        ):
            if not 0 <= share <= 1:
                raise ImpactError(
                    code="impact.not_share", params={"assumption": self._name(aid), "value": share}
                )
        unknown = set(self.public_sources) - set(self.sources)
        if unknown:
            raise ImpactError(
                code="impact.unknown_sources",
                params={
                    "assumption": self._name("finance.public-sources"),
                    "sources": sorted(unknown),
                },
            )


def _assumption(plan: Plan, aid: str) -> Any:
    return parts.assumption_value(plan, aid, ImpactError, "impact.lacks_assumption")


def _number(name: Named, value: Any) -> float:
    number = bounds.finite(value)
    if number is None:
        raise ImpactError(
            code="impact.not_number", params={"assumption": name, "value": repr(value)}
        )
    return number


def impact_assumptions(plan: Plan) -> ImpactAssumptions:
    """The impact assumptions of a plan (``assumptions/impact.yaml``), checked.

    Raises
    ------
    ImpactError
        An assumption is missing, lacks a pillar, names an unknown pillar or is out of range.
    """
    pillars = tuple(plan.pillar_ids)
    names = {
        aid: plan.assumption_name(aid) for aid in (*PER_PILLAR, *SHARES, "finance.public-sources")
    }
    per_pillar: dict[str, FloatArray] = {}
    for aid in PER_PILLAR:
        raw = _assumption(plan, aid)
        name = names[aid]
        if not isinstance(raw, dict):
            raise ImpactError(code="impact.not_mapping", params={"assumption": name})
        missing = [p for p in pillars if p not in raw]
        extra = sorted(set(map(str, raw)) - set(pillars))
        if missing:
            params = {"assumption": name, "pillars": missing}
            raise ImpactError(code="impact.missing_pillars", params=params)
        if extra:
            params = {"assumption": name, "pillars": extra}
            raise ImpactError(code="impact.unknown_pillars", params=params)
        per_pillar[aid] = np.array(
            [_number(Named(f"{name.nl} ({p})", f"{name} ({p})"), raw[p]) for p in pillars]
        )
    shares = {aid: _number(names[aid], _assumption(plan, aid)) for aid in SHARES}
    return ImpactAssumptions(
        pillars=pillars,
        revenue_per_fte=per_pillar["impact.revenue-per-fte"],
        value_added_share=per_pillar["impact.value-added-share"],
        type1=per_pillar["impact.type1-multiplier"],
        type2=per_pillar["impact.type2-multiplier"],
        additionality=shares["impact.additionality"],
        displacement=shares["impact.displacement"],
        public_sources=public_sources(plan),
        sources=plan.finance.source_ids,
        names=names,
    )


# ----------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Money:
    """Known coverage of some cost lines per source (M EUR) and what is unknown."""

    by_source: Mapping[str, float]
    unknown_sources: tuple[str, ...]  # "line:source" where the plan has '?'
    public_sources: tuple[str, ...]

    @property
    def public_meur(self) -> float:
        """Known public coverage."""
        return math.fsum(self.by_source[s] for s in self.public_sources)

    @property
    def private_meur(self) -> float:
        """Known private coverage (every source that is not public)."""
        return math.fsum(v for s, v in self.by_source.items() if s not in self.public_sources)

    @property
    def complete(self) -> bool:
        """False when some coverage is unknown: the amounts are then lower bounds."""
        return not self.unknown_sources


def money_of(lines: Sequence[CostLine], public: Sequence[str], sources: Sequence[str]) -> Money:
    """Known coverage per source of ``lines``; unknown cells are listed, never summed."""
    by_source = dict.fromkeys(sources, 0.0)
    unknown: list[str] = []
    for line in lines:
        for source, value in line.coverage_meur.as_dict().items():
            if value is None:
                unknown.append(f"{line.id}:{source}")
            else:
                by_source[source] += value
    return Money(by_source=by_source, unknown_sources=tuple(unknown), public_sources=tuple(public))


@dataclass(frozen=True)
class FunderView:
    """Money against jobs for one project or one funding source (target year)."""

    id: str
    public_meur: float
    private_meur: float
    direct_jobs: float
    total_jobs: float
    complete: bool

    @property
    def meur(self) -> float:
        """All known money of this view (public and private)."""
        return self.public_meur + self.private_meur

    @property
    def meur_per_direct_job(self) -> float | None:
        """Known M EUR (all sources of the view) per direct job."""
        return per_job(self.meur, self.direct_jobs)

    @property
    def public_meur_per_direct_job(self) -> float | None:
        """Public M EUR per direct job."""
        return per_job(self.public_meur, self.direct_jobs)

    @property
    def public_meur_per_total_job(self) -> float | None:
        """Public M EUR per direct + indirect + induced job."""
        return per_job(self.public_meur, self.total_jobs)

    @property
    def leverage(self) -> float | None:
        """Private euro per public euro."""
        return leverage(self.private_meur, self.public_meur)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form of a project's view (public, private, per job, leverage)."""
        return {
            "id": self.id,
            "public_meur": self.public_meur,
            "private_meur": self.private_meur,
            "direct_jobs": self.direct_jobs,
            "total_jobs": self.total_jobs,
            "meur_per_direct_job": self.meur_per_direct_job,
            "public_meur_per_direct_job": self.public_meur_per_direct_job,
            "public_meur_per_total_job": self.public_meur_per_total_job,
            "leverage": self.leverage,
            "complete": self.complete,
        }


def source_dict(view: FunderView, public: bool) -> dict[str, Any]:
    """JSON-ready form of a funding source's view: its money and the jobs credited to it
    (a source is public or private as a whole, so it has no leverage of its own)."""
    return {
        "id": view.id,
        "public": public,
        "meur": view.meur,
        "direct_jobs": view.direct_jobs,
        "total_jobs": view.total_jobs,
        "meur_per_direct_job": view.meur_per_direct_job,
        "meur_per_total_job": per_job(view.meur, view.total_jobs),
        "complete": view.complete,
    }


@dataclass(frozen=True)
class Impact:
    """The impact of one scenario: arrays ``[pillar, year]`` and the target-year money view."""

    dimension: str
    years: list[int]
    pillars: list[str]
    target_year: int
    direct: FloatArray
    indirect: FloatArray
    induced: FloatArray
    production_value_meur: FloatArray
    value_added_meur: FloatArray
    funded_direct: FloatArray  # [pillar, year]: jobs the funded projects add
    funded_lines: tuple[str, ...]
    money: Money
    projects: tuple[FunderView, ...]
    sources: tuple[FunderView, ...]
    assumptions: ImpactAssumptions
    traces: dict[str, Trace] = field(default_factory=dict)

    def _t(self) -> int:
        return self.years.index(self.target_year)

    def series(self) -> dict[str, FloatArray]:
        """Per year, summed over the pillars: the direct, indirect and induced jobs, the
        production value and the value added (the same keys as :meth:`figures`)."""
        arrays = {
            "direct_jobs": self.direct,
            "indirect_jobs": self.indirect,
            "induced_jobs": self.induced,
            "production_value_meur": self.production_value_meur,
            "value_added_meur": self.value_added_meur,
        }
        return {key: np.asarray(a.sum(axis=0), dtype=np.float64) for key, a in arrays.items()}

    def figures(self) -> dict[str, float | None]:
        """The headline figures for the target year (see :data:`HEADLINE`)."""
        t = self._t()
        a = self.assumptions
        direct = float(self.direct[:, t].sum())
        indirect = float(self.indirect[:, t].sum())
        induced = float(self.induced[:, t].sum())
        funded_direct = float(self.funded_direct[:, t].sum())
        funded_total = float(self.funded_direct[:, t] @ a.type2)
        net = net_additional(funded_total, a.additionality, a.displacement)
        public = self.money.public_meur
        return {
            "direct_jobs": direct,
            "indirect_jobs": indirect,
            "induced_jobs": induced,
            "total_jobs": direct + indirect + induced,
            "production_value_meur": float(self.production_value_meur[:, t].sum()),
            "value_added_meur": float(self.value_added_meur[:, t].sum()),
            "public_meur": public,
            "private_meur": self.money.private_meur,
            "funded_direct_jobs": funded_direct,
            "funded_total_jobs": funded_total,
            "public_meur_per_direct_job": per_job(public, funded_direct),
            "public_meur_per_total_job": per_job(public, funded_total),
            "leverage": leverage(self.money.private_meur, public),
            "net_additional_jobs": net,
            "public_meur_per_net_additional_job": per_job(public, net),
        }

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: target-year figures with traces, per pillar and year, funders."""
        t = self._t()
        per_pillar = {
            p: {
                "direct_jobs": float(self.direct[k, t]),
                "indirect_jobs": float(self.indirect[k, t]),
                "induced_jobs": float(self.induced[k, t]),
                "production_value_meur": float(self.production_value_meur[k, t]),
                "value_added_meur": float(self.value_added_meur[k, t]),
                "funded_direct_jobs": float(self.funded_direct[k, t]),
            }
            for k, p in enumerate(self.pillars)
        }
        return {
            "dimension": self.dimension,
            "year": self.target_year,
            **self.figures(),
            "complete": self.money.complete,
            "unknown_coverage": list(self.money.unknown_sources),
            "public_sources": list(self.money.public_sources),
            "by_source_meur": dict(self.money.by_source),
            "funded_lines": list(self.funded_lines),
            "per_pillar": per_pillar,
            "years": self.years,
            "series": {key: values.tolist() for key, values in self.series().items()},
            "projects": [v.to_dict() for v in self.projects],
            "sources": [source_dict(v, v.id in self.money.public_sources) for v in self.sources],
            "traces": {k: v.to_dict() for k, v in self.traces.items()},
        }


@dataclass(frozen=True)
class Headline:
    """How a headline figure is read: the kind of its source (a figure of the plan, a named
    assumption, or computed) and the unit it is shown in (``jobs``, ``meur``, ``eur_per_eur``, or
    ``keur_per_job``: money per job, shown in thousands of euro)."""

    kind: Literal["plan", "assumption", "computed"]
    unit: Literal["jobs", "meur", "eur_per_eur", "keur_per_job"]


HEADLINE_FIGURES: Mapping[str, Headline] = {
    "direct_jobs": Headline("plan", "jobs"),
    "indirect_jobs": Headline("computed", "jobs"),
    "induced_jobs": Headline("computed", "jobs"),
    "total_jobs": Headline("computed", "jobs"),
    "production_value_meur": Headline("computed", "meur"),
    "value_added_meur": Headline("computed", "meur"),
    "public_meur": Headline("plan", "meur"),
    "private_meur": Headline("plan", "meur"),
    "funded_direct_jobs": Headline("assumption", "jobs"),
    "funded_total_jobs": Headline("computed", "jobs"),
    "public_meur_per_direct_job": Headline("computed", "keur_per_job"),
    "public_meur_per_total_job": Headline("computed", "keur_per_job"),
    "leverage": Headline("computed", "eur_per_eur"),
    "net_additional_jobs": Headline("computed", "jobs"),
    "public_meur_per_net_additional_job": Headline("computed", "keur_per_job"),
}
"""The target-year figures of :meth:`Impact.figures` in reading order, each with the kind of
its source and its unit; its words (the formula, the assumption, what the plan figure is)
are ``impact.trace.<figure>`` in the core catalogue."""

DIVISORS: Mapping[str, str] = {
    "public_meur_per_direct_job": "funded_direct_jobs",
    "public_meur_per_total_job": "funded_total_jobs",
    "leverage": "public_meur",
    "public_meur_per_net_additional_job": "net_additional_jobs",
}
"""The headline figures that are a quotient, each with the figure it divides by: where
that is 0 the quotient is unknown (None in :meth:`Impact.figures`)."""

HEADLINE: tuple[str, ...] = tuple(HEADLINE_FIGURES)
"""The target-year figures of :meth:`Impact.figures`, in reading order."""


def _traces(plan: Plan, dimension: str) -> dict[str, Trace]:
    row = plan.employment.scenarios.get(dimension)
    fig6 = row.source if row is not None and row.source else plan.employment.source or ""
    printed = (plan.finance.projects_printed_totals, plan.finance.organisation_printed_totals)
    tables = "; ".join(t.source for t in printed if t is not None and t.source)
    sources = {"direct_jobs": fig6, "public_meur": tables, "private_meur": tables}
    return {
        key: Trace(figure.kind, f"impact.trace.{key}", sources.get(key, ""))
        for key, figure in HEADLINE_FIGURES.items()
    }


TRACE_ASSUMPTIONS: Mapping[str, tuple[str, ...]] = {
    "indirect_jobs": ("impact.type1-multiplier",),
    "induced_jobs": ("impact.type1-multiplier", "impact.type2-multiplier"),
    "production_value_meur": ("impact.revenue-per-fte", "growth.productivity-growth"),
    "value_added_meur": ("impact.revenue-per-fte", "impact.value-added-share"),
    "public_meur": ("finance.public-sources",),
    "private_meur": ("finance.public-sources",),
    "funded_direct_jobs": ("growth.project.job-split",),
    "funded_total_jobs": ("growth.project.job-split", "impact.type2-multiplier"),
    "net_additional_jobs": ("impact.additionality", "impact.displacement"),
}
"""The named assumptions each figure depends on (for links from the impact page)."""


def _source_views(
    lines: Sequence[CostLine],
    jobs_of: Mapping[str, tuple[float, float]],
    public: Sequence[str],
    sources: Sequence[str],
) -> tuple[FunderView, ...]:
    """Per source: its money over ``lines`` and the jobs credited to it.

    A line's jobs are credited to each source in proportion to the source's share of the
    line's known coverage; a line with unknown coverage credits nothing to that source.
    """
    out = []
    for source in sources:
        meur, direct, total = 0.0, 0.0, 0.0
        complete = True
        for line in lines:
            coverage = line.coverage_meur.as_dict()
            value = coverage[source]
            if value is None:
                complete = False
                continue
            meur += value
            known = math.fsum(v for v in coverage.values() if v is not None)
            if known > 0 and line.id in jobs_of:
                d, tot = jobs_of[line.id]
                direct += d * value / known
                total += tot * value / known
        is_public = source in public
        out.append(
            FunderView(
                id=source,
                public_meur=meur if is_public else 0.0,
                private_meur=0.0 if is_public else meur,
                direct_jobs=direct,
                total_jobs=total,
                complete=complete,
            )
        )
    return tuple(out)


def funded_lines(plan: Plan, growth: GrowthAssumptions, dimension: str) -> list[CostLine]:
    """The cost lines that fund a dimension.

    Its projects in the growth split, every project outside the split (enabling lines that
    serve every dimension) and every organisation line.
    """
    counted = set(dimension_projects(growth, dimension))
    lines: list[CostLine] = [
        p for p in plan.finance.projects if p.id in counted or p.id not in growth.projects
    ]
    return lines + list(plan.finance.organisation)


def impact(
    plan: Plan,
    dimension: str | None = None,
    *,
    growth: GrowthAssumptions | None = None,
    assumptions: ImpactAssumptions | None = None,
    traj: Trajectory | None = None,
) -> Impact:
    """The impact of a growth dimension in every year, and the funders' view of its target year.

    Parameters
    ----------
    plan
        A validated plan with growth and impact assumptions.
    dimension
        A growth dimension of the plan (default: its last).
    growth, assumptions
        Default: the plan's calibrated growth assumptions and :func:`impact_assumptions`.
    traj
        A trajectory to use instead of the dimension's default one (e.g. a what-if).

    Raises
    ------
    ImpactError
        Unknown dimension, missing or malformed assumptions.
    """
    dims = plan.employment.dimension_ids
    dimension = dimension or dims[-1]
    if dimension not in dims:
        raise ImpactError(
            code="impact.unknown_scenario", params={"value": dimension, "known": list(dims)}
        )
    g = growth or growth_assumptions(plan)
    a = assumptions or impact_assumptions(plan)
    tr = traj or trajectory(plan, dimension, g)
    if tuple(tr.pillars) != a.pillars:
        raise ImpactError(code="impact.pillars_differ")
    years = list(tr.years)
    direct = np.asarray(tr.jobs, dtype=np.float64)
    indirect, induced = spillover_jobs(direct, a.type1, a.type2)
    steps = np.asarray(years, dtype=np.float64) - g.base_year
    index = (1.0 + g.productivity_growth) ** steps
    pv = production_value(direct, a.revenue_per_fte, index)
    va = pv * a.value_added_share[:, None]
    lines = funded_lines(plan, g, dimension)
    funded_ids = {line.id for line in lines}
    t = years.index(g.target_year)
    funded = np.zeros_like(direct)
    jobs_of: dict[str, tuple[float, float]] = {}
    for pid in g.project_ids:
        component = tr.components.get(pid)
        if component is None or pid not in funded_ids:
            continue
        funded += component
        jobs_of[pid] = (float(component[:, t].sum()), float(component[:, t] @ a.type2))
    project_views = []
    for line in plan.finance.projects:
        if line.id not in funded_ids:
            continue
        money = money_of([line], a.public_sources, a.sources)
        d, tot = jobs_of.get(line.id, (0.0, 0.0))
        project_views.append(
            FunderView(
                id=line.id,
                public_meur=money.public_meur,
                private_meur=money.private_meur,
                direct_jobs=d,
                total_jobs=tot,
                complete=money.complete,
            )
        )
    return Impact(
        dimension=dimension,
        years=years,
        pillars=list(tr.pillars),
        target_year=g.target_year,
        direct=direct,
        indirect=indirect,
        induced=induced,
        production_value_meur=pv,
        value_added_meur=va,
        funded_direct=funded,
        funded_lines=tuple(line.id for line in lines),
        money=money_of(lines, a.public_sources, a.sources),
        projects=tuple(project_views),
        sources=_source_views(lines, jobs_of, a.public_sources, a.sources),
        assumptions=a,
        traces=_traces(plan, dimension),
    )
