"""The growth engine: jobs per pillar and year for the plan's growth dimensions.

jobs[p, t] = organic[p, t] + sum_j realisation_j * ramp_j(t) * split[j, p] + acquisition[p, t]

- organic[p, t] = base[p] * M[p](t) ** elasticity[p], with M[p](t) the pillar's market
  index: its exposure-weighted application-market paths (each a constant rate to its growth
  factor in the target year; with the market pull off, one market factor for all). The fab
  pillar is bound: min(base * M ** e, base * (1 + headroom)); a fab closure removes the
  fab's jobs from the closure year and shrinks the other pillars by their knock-on shares.
- ramp_j(t) is project j's cumulative spending (projects table) up to year t - lag, as a share of
  its planned total; delays and what-if changes (:mod:`clusterplan.model.changes`) move it.
- split[j, p] is how the jobs table's extra jobs are shared over projects (assumption in data);
  a project with a business case has its own jobs per year instead.

With default assumptions the target-year values equal each growth dimension's targets pillar by pillar. Every model
parameter comes from the plan or from ``assumptions/growth.yaml``; see ``docs/model.md``.
The same code evaluates one assumption set (:func:`trajectory`) and many at once
(:mod:`clusterplan.model.uncertainty`), arrays shaped ``[n, pillar, year]``.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from clusterplan.cache import PlanCache
from clusterplan.errors import ClusterplanError, Coded
from clusterplan.i18n import CHOICE_WORDS, Named
from clusterplan.model.changes import ProjectChange, apply_change
from clusterplan.model.naming import ELASTICITY, input_name
from clusterplan.plan import parts
from clusterplan.plan.bounds import FACTOR, finite
from clusterplan.plan.schema import Plan

CALIBRATE = "calibrate"
PLAN_FACTOR = "plan"
"""The market growth factor's value (assumption ``growth.market-growth-factor``) that takes
the plan's own figure instead of a number."""
MARKET_PATH = "constant-rate"
"""The one shape of the market's path the engine draws (assumption ``growth.market-path``):
the same growth rate every year from the base year to the target year."""
EXTENSION_UNTIL = "growth.extension.until-year"
"""The assumption of the last year the growth paths may be extended to."""

FloatArray = NDArray[np.floating[Any]]


class GrowthError(ClusterplanError, ValueError):
    """Growth assumptions or arguments that cannot be used (message says why)."""

    default_code = "growth.detail"


@dataclass(frozen=True)
class ProjectSpec:
    """A project as the growth engine sees it.

    Attributes
    ----------
    id
        Project id (projects table).
    row
        The growth dimension whose extra jobs it delivers (any but the plan's first).
    jobs
        Pillar id to jobs at full realisation once its spending is done.
    spend_meur
        Spending per year (projects table; None = unknown), which sets the ramp.
    """

    id: str
    row: str
    jobs: Mapping[str, float]
    spend_meur: Mapping[int, float | None]
    job_curve: Mapping[int, float] | None = None
    """Business case: share of ``jobs`` present per year (None: the spending ramp)."""

    @property
    def backed(self) -> bool:
        """True when the jobs come from the project's business case, not the split."""
        return self.job_curve is not None


@dataclass(frozen=True)
class GrowthAssumptions:
    """Every parameter of the growth engine; defaults come from :func:`growth_assumptions`."""

    pillars: tuple[str, ...]
    base_year: int
    target_year: int
    base_jobs: Mapping[str, float]
    market_growth_factor: float
    extension_until_year: int
    extension_market_growth_rate: float
    elasticity: Mapping[str, float]
    fab_pillar: str | None
    """The pillar of the facility at risk (None: the plan has none, so no bound and no
    closure)."""
    fab_jobs: float
    fab_capacity_headroom: float
    fab_closure_year: int | None
    fab_rampdown_years: int
    fab_knock_on: Mapping[str, float]
    lag_years: int
    projects: Mapping[str, ProjectSpec]
    realisation: Mapping[str, float]
    delay_years: Mapping[str, float]
    productivity_growth: float
    dimensions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Growth dimension id to the dimensions whose projects it counts (itself and those it
    builds on), in the plan's order; the first dimension is the market-driven path."""
    calibrated: Mapping[str, float] = field(default_factory=dict)
    markets: tuple[str, ...] = ()
    """Application markets of the market pull (empty: one market factor for every pillar)."""
    market_central: Mapping[str, float] = field(default_factory=dict)
    """Market id to its central growth factor to the target year."""
    exposure: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    """Pillar id to market id to its share of the pillar's sales (each row adds up to 1)."""
    reference_market_factor: float | None = None
    """The market factor the market paths are stated for; ``market_growth_factor`` over it
    scales every market path (a what-if on the whole market)."""
    stress: Mapping[str, Mapping[int, float]] = field(default_factory=dict)
    """Market id to year to path multiplier (a stress narrative; empty: on path)."""
    stress_name: str | None = None
    names: Mapping[str, Named] = field(default_factory=dict)
    """Assumptions by how a reader names them (:meth:`Plan.assumption_name`: their labels),
    for the refusals that name one (the extension limit); one missing here by its id."""

    def __post_init__(self) -> None:
        if self.market_growth_factor <= 0:
            raise GrowthError(code="growth.market_factor_not_positive")
        if self.target_year <= self.base_year:
            raise GrowthError(code="growth.target_before_base")
        if self.fab_pillar is not None and self.fab_pillar not in self.pillars:
            raise GrowthError(
                code="growth.fab_pillar_unknown", params={"pillar": repr(self.fab_pillar)}
            )
        for name in ("base_jobs", "elasticity"):
            missing = set(self.pillars) - set(getattr(self, name))
            if missing:
                raise GrowthError(
                    code="growth.lacks_pillars", params={"name": name, "pillars": sorted(missing)}
                )
        unknown = set(self.fab_knock_on) - set(self.pillars)
        if unknown:
            raise GrowthError(
                code="growth.knock_on_unknown_pillars", params={"pillars": sorted(unknown)}
            )
        for pid, spec in self.projects.items():
            bad = set(spec.jobs) - set(self.pillars)
            if bad:
                raise GrowthError(
                    code="growth.project_unknown_pillars",
                    params={"project": repr(pid), "pillars": repr(sorted(bad))},
                )
            rows = list(self.dimensions)[1:]
            if self.dimensions and spec.row not in rows:
                raise GrowthError(
                    code="growth.project_row", params={"project": repr(pid), "rows": rows}
                )
        for pid, value in self.realisation.items():
            if value < 0:
                raise GrowthError(code="growth.realisation_negative", params={"project": repr(pid)})
        for pid, value in self.delay_years.items():
            if value < 0:
                raise GrowthError(code="growth.delay_negative", params={"project": repr(pid)})
        if self.fab_rampdown_years < 1:
            raise GrowthError(code="growth.rampdown_too_short")
        if self.lag_years < 0:
            raise GrowthError(code="growth.lag_negative")
        for pillar, row in self.exposure.items():
            if pillar not in self.pillars:
                raise GrowthError(
                    code="growth.exposure_names_unknown_pillar", params={"pillar": repr(pillar)}
                )
            unknown_markets = set(row) - set(self.markets)
            if unknown_markets:
                raise GrowthError(
                    code="growth.exposure_unknown_markets",
                    params={"pillar": repr(pillar), "markets": sorted(unknown_markets)},
                )
        for market in self.stress:
            if market not in self.markets:
                raise GrowthError(
                    code="growth.stress_names_unknown_market", params={"market": repr(market)}
                )

    def exposure_matrix(self) -> FloatArray:
        """Exposure ``[pillar, market]`` (rows of pillars without exposure are zero)."""
        out = np.zeros((len(self.pillars), len(self.markets)))
        for k, pillar in enumerate(self.pillars):
            for m, market in enumerate(self.markets):
                out[k, m] = self.exposure.get(pillar, {}).get(market, 0.0)
        return out

    def market_index_at_target(self) -> dict[str, float]:
        """Each pillar's market index in the target year on the central paths."""
        if not self.markets:
            return {p: self.market_growth_factor for p in self.pillars}
        scale = self.market_growth_factor / (
            self.reference_market_factor or self.market_growth_factor
        )
        central = np.array([self.market_central[m] for m in self.markets])
        index = self.exposure_matrix() @ central * scale
        return {p: float(index[k]) for k, p in enumerate(self.pillars)}

    def stress_matrix(self, years: Sequence[int]) -> FloatArray:
        """Path multipliers ``[market, year]`` of the stress (ones when there is none)."""
        out = np.ones((len(self.markets), len(years)))
        for m, market in enumerate(self.markets):
            for i, year in enumerate(years):
                out[m, i] = self.stress.get(market, {}).get(year, 1.0)
        return out

    @property
    def project_ids(self) -> list[str]:
        """Project ids in the order of the split."""
        return list(self.projects)

    def years(self, until: int | None = None) -> list[int]:
        """Base year to ``until`` (default: the target year), checked against the extension."""
        end = self.target_year if until is None else until
        if end < self.target_year:
            raise GrowthError(code="growth.until_before_target", params={"until": end})
        if end > self.extension_until_year:
            raise GrowthError(
                code="growth.until_past_limit",
                params={
                    "until": end,
                    "limit": self.extension_until_year,
                    "assumption": self.names.get(EXTENSION_UNTIL, Named(EXTENSION_UNTIL)),
                },
            )
        return list(range(self.base_year, end + 1))


@dataclass(frozen=True)
class Trajectory:
    """Jobs per pillar and year for one scenario.

    Attributes
    ----------
    years, pillars
        Axes of ``jobs``.
    jobs
        float64 ``[pillar, year]``.
    total
        ``[year]``, the sum over pillars.
    revenue_index
        ``[year]``, revenue relative to the base year (1.0 there).
    components
        ``organic``, ``acquisition`` and one entry per project id, each ``[pillar, year]``;
        they add up to ``jobs``.
    dimension
        The growth dimension (or ``custom``).
    """

    years: list[int]
    pillars: list[str]
    jobs: FloatArray
    total: FloatArray
    revenue_index: FloatArray
    components: dict[str, FloatArray]
    dimension: str = ""

    def at(self, year: int) -> dict[str, float]:
        """Pillar id to jobs in ``year``."""
        i = self.years.index(year)
        return {p: float(self.jobs[k, i]) for k, p in enumerate(self.pillars)}

    def total_at(self, year: int) -> float:
        """Jobs over all pillars in ``year`` (:attr:`total` there)."""
        return float(self.total[self.years.index(year)])


# ----------------------------------------------------------------------------- assumptions


def _value(plan: Plan, assumption_id: str) -> Any:
    try:
        return plan.assumption(assumption_id).value
    except KeyError:
        raise GrowthError(
            code="growth.assumption_missing", params={"assumption": repr(assumption_id)}
        ) from None


def _number(
    plan: Plan, assumption_id: str, raw: Any, *, choice: str | None = None, whole: bool = False
) -> float:
    """``raw``, read from the assumption ``assumption_id``, as a number (a whole one with
    ``whole``); else a GrowthError naming the assumption by its label and saying what it
    must be (``choice``: the word that may stand instead of a number, in words). A text had
    ended in Python's English "could not convert string to float: 'x'"."""
    number = finite(raw)
    if number is not None and (not whole or number.is_integer()):
        return number
    shown = repr(raw) if len(repr(raw)) <= 40 else repr(raw)[:37] + "..."
    params: dict[str, Any] = {"assumption": plan.assumption_name(assumption_id), "value": shown}
    if choice is not None:
        params["choice"] = Coded(f"{CHOICE_WORDS}.{choice}")
    code = "growth.not_whole" if whole else "growth.not_number"
    raise GrowthError(code=code if choice is None else "growth.not_number_or_choice", params=params)


def _fact(plan: Plan, ref: Any, assumption_id: str) -> float:
    if isinstance(ref, str) and ref.startswith("fact:"):
        fact_id = ref.removeprefix("fact:")
        for fact in plan.facts:
            if fact.id == fact_id and fact.value is not None:
                return float(fact.value)
        raise GrowthError(
            code="growth.fact_unknown",
            params={"assumption": plan.assumption_name(assumption_id), "fact": repr(fact_id)},
        )
    return _number(plan, assumption_id, ref)


def _has(plan: Plan, assumption_id: str) -> bool:
    return any(a.id == assumption_id for a in plan.assumptions)


def _projects(plan: Plan, pillars: Sequence[str]) -> dict[str, ProjectSpec]:
    if not _has(plan, "growth.project.job-split"):
        return {}  # no project adds jobs; split_mismatch says so if a dimension needs them
    key = "growth.project.job-split"
    name = plan.assumption_name(key)
    raw = _value(plan, key)
    entries = raw.values() if isinstance(raw, dict) else ()
    if not isinstance(raw, dict) or not all(
        isinstance(e, dict) and isinstance(e.get("jobs") or {}, dict) for e in entries
    ):
        raise GrowthError(code="growth.job_split_not_mapping", params={"assumption": name})
    out: dict[str, ProjectSpec] = {}
    for pid, entry in raw.items():
        try:
            project = plan.project(pid)
        except KeyError:
            raise GrowthError(
                code="growth.job_split_unknown_project",
                params={"assumption": name, "project": repr(pid)},
            ) from None
        jobs = {str(p): _number(plan, key, v) for p, v in (entry.get("jobs") or {}).items()}
        bad = set(jobs) - set(pillars)
        if bad:
            raise GrowthError(
                code="growth.job_split_unknown_pillars",
                params={"assumption": name, "project": pid, "pillars": repr(sorted(bad))},
            )
        out[pid] = ProjectSpec(
            id=pid, row=str(entry.get("row")), jobs=jobs, spend_meur=dict(project.costs_meur)
        )
    return out


def _business_case_spec(plan: Plan, spec: ProjectSpec, pillars: Sequence[str]) -> ProjectSpec:
    """The spec with the project's business case in place of the split (if it has one).

    Structural jobs per year become the project's jobs: the most jobs of any year, shared
    over pillars, times a curve (jobs that year over that most); years between two listed
    years are interpolated, years before the first are 0, years after the last keep it.
    """
    case = plan.project(spec.id).business_case
    if case is None:
        return spec
    where = f"project {spec.id!r}, business_case"
    shares = dict(case.pillar_shares)
    if not shares:
        split_total = sum(spec.jobs.values())
        if split_total > 0:
            shares = {p: v / split_total for p, v in spec.jobs.items() if v}
        else:
            own = [p for p in plan.project(spec.id).pillars if p in pillars]
            if not own:
                raise GrowthError(code="growth.shares_needed", params={"where": where})
            shares = {p: 1.0 / len(own) for p in own}
    bad = set(shares) - set(pillars)
    if bad:
        raise GrowthError(
            code="growth.shares_unknown_pillars",
            params={"where": where, "pillars": repr(sorted(bad))},
        )
    years = sorted(case.jobs)
    structural = np.array([case.jobs[y].structural for y in years], dtype=float)
    most = float(structural.max())
    curve = {
        y: (float(v) / most if most > 0 else 0.0) for y, v in zip(years, structural, strict=True)
    }
    return dataclasses.replace(
        spec, jobs={p: most * share for p, share in shares.items()}, job_curve=curve
    )


def _markets(
    plan: Plan, pillars: Sequence[str]
) -> tuple[tuple[str, ...], dict[str, float], dict[str, dict[str, float]]]:
    """Markets with an outlook, their central factors and the exposure (validated)."""
    try:
        pull = plan.assumption("growth.market.pull").value
    except KeyError:
        return (), {}, {}
    if pull is not True:
        return (), {}, {}
    markets = tuple(m.id for m in plan.taxonomy.markets if m.outlook is not None)
    central = {m.id: m.outlook.central for m in plan.taxonomy.markets if m.outlook is not None}
    raw = _value(plan, "growth.market.exposure")
    where = plan.assumption_name("growth.market.exposure")
    if not isinstance(raw, dict):
        raise GrowthError(code="growth.exposure_not_mapping", params={"where": where})
    exposure: dict[str, dict[str, float]] = {}
    for pillar, row in raw.items():
        if pillar not in pillars:
            raise GrowthError(
                code="growth.exposure_unknown_pillar",
                params={"where": where, "pillar": repr(pillar)},
            )
        if not isinstance(row, dict):
            raise GrowthError(
                code="growth.exposure_row_not_mapping", params={"where": where, "pillar": pillar}
            )
        for market, share in row.items():
            if market not in markets:
                raise GrowthError(
                    code="growth.exposure_market_no_outlook",
                    params={"where": where, "pillar": pillar, "market": repr(market)},
                )
            if isinstance(share, bool) or not isinstance(share, int | float):
                raise GrowthError(
                    code="growth.exposure_not_number",
                    params={
                        "where": where,
                        "pillar": pillar,
                        "market": market,
                        "value": repr(share),
                    },
                )
            if not 0 <= float(share) <= 1:
                raise GrowthError(
                    code="growth.exposure_share_range",
                    params={"where": where, "pillar": pillar, "market": market},
                )
        total = sum(float(v) for v in row.values())
        if not math.isclose(total, 1.0, abs_tol=1e-6):
            raise GrowthError(
                code="growth.exposure_not_one",
                params={"where": where, "pillar": pillar, "total": total},
            )
        exposure[str(pillar)] = {str(m): float(v) for m, v in row.items()}
    return markets, central, exposure


def market_correlation(plan: Plan, markets: Sequence[str]) -> FloatArray:
    """The correlation matrix of the markets' growth (``growth.market.correlation``)."""
    where = "growth.market.correlation"
    raw = _value(plan, where)
    if not isinstance(raw, dict) or "default" not in raw:
        raise GrowthError(code="growth.correlation_form", params={"where": where})
    n = len(markets)
    out = np.full((n, n), float(raw["default"]))
    for key, rho in dict(raw.get("pairs") or {}).items():
        a, _, b = str(key).partition(",")
        if a.strip() not in markets or b.strip() not in markets:
            raise GrowthError(
                code="growth.correlation_pair", params={"where": where, "key": repr(key)}
            )
        i, j = markets.index(a.strip()), markets.index(b.strip())
        out[i, j] = out[j, i] = float(rho)
    np.fill_diagonal(out, 1.0)
    if np.any(np.abs(out) > 1):
        raise GrowthError(code="growth.correlation_range", params={"where": where})
    try:
        np.linalg.cholesky(out)
    except np.linalg.LinAlgError:
        raise GrowthError(code="growth.correlation_not_definite", params={"where": where}) from None
    return out


def stress_narratives(plan: Plan) -> dict[str, dict[str, Any]]:
    """Named market stress narratives (``growth.market.stress``); empty when none."""
    try:
        raw = plan.assumption("growth.market.stress").value
    except KeyError:
        return {}
    if not isinstance(raw, dict):
        raise GrowthError(code="growth.stress_not_mapping")
    return {str(k): dict(v) for k, v in raw.items()}


def stress_label(narrative: Mapping[str, Any], name: str, lang: str) -> str:
    """The label of the stress narrative ``name`` (an entry of :func:`stress_narratives`)
    in ``lang``: ``label_en`` in English where it has one, else ``label_nl``, else the name."""
    if lang == "en" and narrative.get("label_en"):
        return str(narrative["label_en"])
    return str(narrative.get("label_nl") or name)


def with_stress(plan: Plan, assumptions: GrowthAssumptions, name: str) -> GrowthAssumptions:
    """The assumptions with a named stress narrative applied to the market paths."""
    narratives = stress_narratives(plan)
    if name not in narratives:
        known = ", ".join(sorted(narratives)) or "none"
        raise GrowthError(code="growth.stress_unknown", params={"name": repr(name), "known": known})
    if not assumptions.markets:
        raise GrowthError(code="growth.stress_needs_pull")
    where = f"growth.market.stress.{name}"
    entry = narratives[name]
    persist = bool(entry.get("persist", False))
    last_year = assumptions.extension_until_year
    stress: dict[str, dict[int, float]] = {}
    for market, by_year in dict(entry.get("multipliers") or {}).items():
        if market not in assumptions.markets:
            raise GrowthError(
                code="growth.stress_unknown_market", params={"where": where, "market": repr(market)}
            )
        given = {int(y): float(v) for y, v in dict(by_year).items()}
        if any(not 0 < v <= FACTOR.high for v in given.values()):
            raise GrowthError(
                code="growth.stress_not_positive", params={"where": where, "market": market}
            )
        if not given:
            continue
        final = max(given)
        path = dict(given)
        if persist:
            path.update({y: given[final] for y in range(final + 1, last_year + 1)})
        stress[str(market)] = path
    return dataclasses.replace(assumptions, stress=stress, stress_name=name)


def builds_on(plan: Plan, dimension: str) -> str | None:
    """The dimension ``dimension`` adds to: its ``builds_on``, else the plan's first
    dimension (the market-driven path); None for the first dimension itself."""
    dims = plan.employment.dimension_ids
    if dimension == dims[0]:
        return None
    return plan.employment.scenarios[dimension].builds_on or dims[0]


def dimension_chains(plan: Plan) -> dict[str, tuple[str, ...]]:
    """Each growth dimension and the dimensions it builds on, the first dimension first."""
    out: dict[str, tuple[str, ...]] = {}
    for dim in plan.employment.dimension_ids:
        chain = [dim]
        step = builds_on(plan, dim)
        while step is not None:
            chain.insert(0, step)
            step = builds_on(plan, step)
        out[dim] = tuple(chain)
    return out


def check_dimension(plan: Plan, dimension: str) -> str:
    """``dimension`` when it is one of the plan's growth dimensions, else GrowthError."""
    dims = plan.employment.dimension_ids
    if dimension not in dims:
        raise GrowthError(
            code="growth.unknown_dimension", params={"dimension": repr(dimension), "known": dims}
        )
    return dimension


def figure6_increments(plan: Plan) -> dict[str, dict[str, float]]:
    """Extra jobs per pillar in the target year of each growth dimension (but the first)
    over the dimension it builds on."""
    scen = plan.employment.scenarios
    out: dict[str, dict[str, float]] = {}
    for row in plan.employment.dimension_ids[1:]:
        before = builds_on(plan, row)
        assert before is not None  # only the first dimension builds on nothing
        out[row] = {
            p: float(scen[row].jobs.get(p, 0) - scen[before].jobs.get(p, 0))
            for p in plan.pillar_ids
        }
    return out


def split_mismatch(plan: Plan, projects: Mapping[str, ProjectSpec]) -> list[str]:
    """Where the job split does not add up to the jobs table (empty when it does)."""
    problems = []
    for row, increments in figure6_increments(plan).items():
        for pillar, wanted in increments.items():
            got = sum(s.jobs.get(pillar, 0.0) for s in projects.values() if s.row == row)
            if not math.isclose(got, wanted, abs_tol=1e-9):
                problems.append(f"{row}/{pillar}: split {got:g} != plan {wanted:g}")
    return problems


def _per_project(plan: Plan, prefix: str, ids: Sequence[str]) -> dict[str, float]:
    return {pid: _number(plan, f"{prefix}.{pid}", _value(plan, f"{prefix}.{pid}")) for pid in ids}


_DEFAULTS: PlanCache[GrowthAssumptions] = PlanCache(8)
"""Calibrated defaults of a few plans (e.g. edited copies) and both market settings."""


def growth_assumptions(plan: Plan, *, markets: bool = True, **overrides: Any) -> GrowthAssumptions:
    """The growth assumptions of a plan, calibrated to the jobs table, with overrides applied.

    Parameters
    ----------
    plan
        A validated plan with the growth assumptions (``assumptions/growth.yaml``).
    markets
        False: the single market factor drives every pillar (the engine before the market
        pull; its elasticities are calibrated to that factor).
    **overrides
        Field values of :class:`GrowthAssumptions` to replace. Mapping fields
        (``elasticity``, ``realisation``, ``delay_years``, ``fab_knock_on``) are merged
        key by key, so ``realisation={"acp": 0.5}`` keeps the other projects.

    Returns
    -------
    GrowthAssumptions
        Calibration happens before overrides: overriding ``market_growth_factor`` keeps
        the calibrated elasticities.

    Raises
    ------
    GrowthError
        When an assumption is missing or malformed, or the split misses the jobs table.
    """
    defaults = _DEFAULTS.get(plan, markets, lambda: _calibrated_defaults(plan, markets))
    return with_overrides(defaults, **overrides)


def _check_market_path(plan: Plan) -> None:
    """A plan's market path (``growth.market-path``, optional) is the one shape the engine
    draws, :data:`MARKET_PATH`; another was taken silently as that one."""
    try:
        path = plan.assumption("growth.market-path").value
    except KeyError:
        return
    if path != MARKET_PATH:
        raise GrowthError(
            code="growth.market_path",
            params={"assumption": plan.assumption_name("growth.market-path")},
        )


def _calibrated_defaults(plan: Plan, with_markets: bool = True) -> GrowthAssumptions:
    emp = plan.employment
    pillars = tuple(plan.pillar_ids)
    base = {p: float(emp.base[p]) for p in pillars}
    first = emp.scenarios[plan.employment.dimension_ids[0]]
    organic = {p: float(first.jobs[p]) for p in pillars}
    plan_factor = plan_market_factor(plan)
    factor_ref = _value(plan, "growth.market-growth-factor")
    factor = (
        plan_factor
        if factor_ref == PLAN_FACTOR
        else _number(plan, "growth.market-growth-factor", factor_ref, choice=PLAN_FACTOR)
    )
    _check_market_path(plan)
    fab_pillar = str(_value(plan, "growth.fab.pillar")) if has_facility(plan) else None
    if fab_pillar is not None and fab_pillar not in pillars:  # before it is looked up
        raise GrowthError(
            code="growth.fab_pillar_not_pillar",
            params={
                "assumption": plan.assumption_name("growth.fab.pillar"),
                "pillar": repr(fab_pillar),
            },
        )
    markets, central, exposure = _markets(plan, pillars) if with_markets else ((), {}, {})
    index = {p: factor for p in pillars}
    if markets:
        for p in pillars:
            row = exposure.get(p, {})
            index[p] = sum(share * central[m] for m, share in row.items()) if row else 1.0
    calibrated: dict[str, float] = {}
    elasticity: dict[str, float] = {}
    for p in pillars:
        raw = _value(plan, f"growth.elasticity.{p}")
        if raw == CALIBRATE:
            if p == fab_pillar:
                raise GrowthError(code="growth.elasticity_fab_bound")
            if math.isclose(index[p], 1.0):
                raise GrowthError(code="growth.elasticity_no_market_growth", params={"pillar": p})
            if base[p] <= 0 or organic[p] <= 0:
                raise GrowthError(code="growth.elasticity_no_jobs", params={"pillar": p})
            value = math.log(organic[p] / base[p]) / math.log(index[p])
            calibrated[input_name(ELASTICITY, p)] = value
        else:
            value = _number(plan, f"growth.elasticity.{p}", raw, choice=CALIBRATE)
        elasticity[p] = value
    headroom = 0.0
    raw_headroom = _value(plan, "growth.fab.capacity-headroom") if fab_pillar else 0.0
    if fab_pillar is not None and raw_headroom == CALIBRATE:
        headroom = organic[fab_pillar] / base[fab_pillar] - 1.0
        calibrated["fab_capacity_headroom"] = headroom
    elif fab_pillar is not None:
        headroom = _number(plan, "growth.fab.capacity-headroom", raw_headroom, choice=CALIBRATE)
    projects = _projects(plan, pillars)
    mismatch = split_mismatch(plan, projects)
    if mismatch:
        raise GrowthError(code="growth.job_split_mismatch", params={"detail": "; ".join(mismatch)})
    projects = {pid: _business_case_spec(plan, spec, pillars) for pid, spec in projects.items()}
    ids = list(projects)
    closure = _value(plan, "growth.fab.closure-year") if fab_pillar else None
    knock_on = _value(plan, "growth.fab.knock-on") if fab_pillar else {}
    if not isinstance(knock_on, dict):  # dict() of a text had said "dictionary update ..."
        raise GrowthError(
            code="growth.knock_on_not_mapping",
            params={"assumption": plan.assumption_name("growth.fab.knock-on")},
        )
    assumptions = GrowthAssumptions(
        pillars=pillars,
        base_year=emp.base_year,
        target_year=emp.target_year,
        base_jobs=base,
        market_growth_factor=factor,
        extension_until_year=int(
            _number(plan, EXTENSION_UNTIL, _value(plan, EXTENSION_UNTIL), whole=True)
        ),
        extension_market_growth_rate=_number(
            plan,
            "growth.extension.market-growth-rate",
            _value(plan, "growth.extension.market-growth-rate"),
        ),
        elasticity=elasticity,
        fab_pillar=fab_pillar,
        fab_jobs=_fact(plan, _value(plan, "growth.fab.jobs"), "growth.fab.jobs")
        if fab_pillar
        else 0.0,
        fab_capacity_headroom=headroom,
        fab_closure_year=None
        if closure is None
        else int(_number(plan, "growth.fab.closure-year", closure, whole=True)),
        fab_rampdown_years=int(
            _number(
                plan,
                "growth.fab.rampdown-years",
                _value(plan, "growth.fab.rampdown-years"),
                whole=True,
            )
        )
        if fab_pillar
        else 1,
        fab_knock_on={
            str(k): _number(plan, "growth.fab.knock-on", v) for k, v in dict(knock_on).items()
        },
        lag_years=int(
            _number(
                plan,
                "growth.project.lag-years",
                _value(plan, "growth.project.lag-years"),
                whole=True,
            )
        ),
        projects=projects,
        realisation=_per_project(plan, "growth.project.realisation", ids),
        delay_years=_per_project(plan, "growth.project.delay-years", ids),
        productivity_growth=0.0,
        dimensions=dimension_chains(plan),
        calibrated=calibrated,
        markets=markets,
        market_central=central,
        exposure=exposure,
        reference_market_factor=plan_factor if markets else None,
        names={EXTENSION_UNTIL: plan.assumption_name(EXTENSION_UNTIL)},
    )
    raw_rate = _value(plan, "growth.productivity-growth")
    if raw_rate == CALIBRATE:
        rate = calibrate_productivity(plan, assumptions)
        calibrated["productivity_growth"] = rate
    else:
        rate = _number(plan, "growth.productivity-growth", raw_rate, choice=CALIBRATE)
    return dataclasses.replace(assumptions, productivity_growth=rate, calibrated=calibrated)


def has_facility(plan: Plan) -> bool:
    """True when the plan has a facility at risk (the ``growth.fab.*`` assumptions)."""
    return _has(plan, "growth.fab.pillar")


def plan_market_factor(plan: Plan) -> float:
    """The plan's market growth factor to the target year; a plan that gives none grows
    its market like its first (market-driven) growth dimension's total jobs."""
    emp = plan.employment
    if emp.market_growth_factor is not None:
        return float(emp.market_growth_factor)
    base_total = emp.base_total
    first_total = emp.scenarios[emp.dimension_ids[0]].total
    if base_total <= 0 or first_total <= 0:
        raise GrowthError(code="growth.no_market_factor")
    return first_total / base_total


_MERGED = ("elasticity", "realisation", "delay_years", "fab_knock_on", "base_jobs")


def with_overrides(assumptions: GrowthAssumptions, **overrides: Any) -> GrowthAssumptions:
    """A copy with fields replaced; mapping fields are merged key by key."""
    known = {f.name for f in dataclasses.fields(GrowthAssumptions)}
    unknown = set(overrides) - known
    if unknown:
        raise GrowthError(code="growth.unknown_assumptions", params={"ids": sorted(unknown)})
    merged: dict[str, Any] = {}
    for name, value in overrides.items():
        if name in _MERGED and isinstance(value, Mapping):
            current = dict(getattr(assumptions, name))
            extra = set(value) - set(current)
            if extra:
                raise GrowthError(
                    code="growth.unknown_keys",
                    params={"name": name, "keys": sorted(map(str, extra))},
                )
            current.update({k: float(v) for k, v in value.items()})
            merged[name] = current
        else:
            merged[name] = value
    return dataclasses.replace(assumptions, **merged)


def revenue_targets(plan: Plan) -> dict[str, float]:
    """The jobs table's revenue growth per dimension, as a factor (``+73%`` -> 1.73)."""
    out = {}
    for dim, scenario in plan.employment.scenarios.items():
        pct = scenario.printed_revenue_growth_pct
        if pct is not None:
            out[dim] = 1.0 + pct / 100.0
    return out


def calibrate_productivity(plan: Plan, assumptions: GrowthAssumptions) -> float:
    """One yearly productivity growth rate fitting the jobs table's revenue growth (least squares).

    revenue ratio = jobs ratio * k with k = (1 + g) ** (target - base); the k minimising
    the squared differences to the plan's ratios is sum(r * R) / sum(r * r).
    """
    targets = revenue_targets(plan)
    if not targets:
        # Nothing to calibrate to: the plan needs its revenue figures, or a number for
        # the assumption instead of "calibrate".
        raise parts.MissingPart("revenue_growth", parts.REVENUE_WHERE)
    ratios = []
    for dim in targets:
        traj = trajectory(plan, dim, dataclasses.replace(assumptions, productivity_growth=0.0))
        ratios.append(traj.total[-1] / traj.total[0])
    r = np.array(ratios)
    wanted = np.array(list(targets.values()))
    k = float(r @ wanted / (r @ r))
    return float(k ** (1.0 / (assumptions.target_year - assumptions.base_year)) - 1.0)


def revenue_residuals(plan: Plan, assumptions: GrowthAssumptions | None = None) -> dict[str, Any]:
    """Modelled versus printed revenue growth per dimension, in percent and points."""
    a = assumptions or growth_assumptions(plan)
    out: dict[str, Any] = {"productivity_growth_per_year": a.productivity_growth, "rows": {}}
    for dim, wanted in revenue_targets(plan).items():
        traj = trajectory(plan, dim, a)
        got = float(traj.revenue_index[-1])
        out["rows"][dim] = {
            "model_pct": (got - 1.0) * 100.0,
            "plan_pct": (wanted - 1.0) * 100.0,
            "residual_pp": (got - wanted) * 100.0,
        }
    return out


# ----------------------------------------------------------------------------- the core


def dimension_projects(assumptions: GrowthAssumptions, dimension: str | None) -> list[str]:
    """Project ids counted in a growth dimension (it includes the ones it builds on);
    None: the plan's last dimension."""
    if dimension is None and assumptions.dimensions:
        dimension = list(assumptions.dimensions)[-1]
    if dimension is None or dimension not in assumptions.dimensions:
        known = ", ".join(assumptions.dimensions)
        raise GrowthError(
            code="growth.unknown_dimension", params={"dimension": repr(dimension), "known": known}
        )
    rows = assumptions.dimensions[dimension]
    return [pid for pid, s in assumptions.projects.items() if s.row in rows]


@dataclass(frozen=True)
class RampCurves:
    """Each project's share of jobs present per year, before any delay.

    ``values[j, i]`` is for year ``start + i``: cumulative spending (after the what-if
    change) up to that year minus the lag, over the planned total. The first column
    (``start``) is a year before any spending (0) and the last column repeats the one
    before it, so linear interpolation at ``year - delay`` needs no bounds checks.
    """

    start: int
    values: FloatArray  # [project, grid year]
    base_year: int | None = None
    """Years up to this one get no project jobs (the base year's jobs are observed)."""

    def ramp(self, j: int, years: Sequence[int], delay_years: FloatArray) -> FloatArray:
        """Project ``j``'s ramp ``[year, n]`` for delays ``[n]`` (fractional: interpolated).

        A delay of ``d`` whole years is the same as shifting the spending by ``d`` years
        (negative: earlier); in between, the ramp is interpolated linearly.
        """
        curve = self.values[j]
        dtype = delay_years.dtype
        # A negative delay (jobs earlier than the lag) reads the curve later: shift the
        # years and delays by the same whole number so the delays are not negative.
        earliest = float(delay_years.min()) if delay_years.size else 0.0
        early = math.ceil(-earliest) if earliest < 0 else 0
        d = delay_years + dtype.type(early) if early else delay_years
        whole = np.ceil(d).astype(np.intp)  # [n]
        weight = (whole - d).astype(dtype)  # in [0, 1): share of the year before
        most = int(whole.max()) if whole.size else 0
        offset = np.asarray(years) + early - self.start
        cols = np.clip(offset[:, None] - np.arange(most + 1)[None, :], 0, curve.shape[0] - 1)
        shifted = curve[cols].astype(dtype)  # [year, whole delay]: the curve shifted
        # indices are in range by construction; mode="clip" skips the bounds check and maps
        # whole - 1 = -1 (no delay, weight 0) to column 0
        out: FloatArray = np.take(shifted, whole - 1, axis=1, mode="clip")  # [Y, n]
        lower = np.take(shifted, whole, axis=1, mode="clip")
        out -= lower
        out *= weight
        out += lower
        if self.base_year is not None:  # never into the observed base year
            out[np.asarray(years) <= self.base_year] = 0
        return out


def ramp_curves(
    assumptions: GrowthAssumptions,
    last_year: int,
    changes: Mapping[str, ProjectChange] | None = None,
) -> RampCurves:
    """The :class:`RampCurves` of every project up to ``last_year``.

    A project without known planned spending stays at 0.
    """
    changes = changes or {}
    unknown = set(changes) - set(assumptions.projects)
    if unknown:
        raise GrowthError(code="growth.changes_unknown_projects", params={"ids": sorted(unknown)})
    firsts = [min(s.spend_meur) for s in assumptions.projects.values() if s.spend_meur]
    firsts += [min(s.job_curve) for s in assumptions.projects.values() if s.job_curve]
    first = min([*firsts, assumptions.base_year])
    start = first - 1 - assumptions.lag_years
    grid = list(range(first, last_year + 1))
    out = np.zeros((len(assumptions.projects), last_year - start + 2))
    for j, pid in enumerate(assumptions.project_ids):
        spec = assumptions.projects[pid]
        if spec.job_curve is not None:  # the business case gives the jobs per year itself
            listed = sorted(spec.job_curve)
            shares = [spec.job_curve[y] for y in listed]
            grid_all = np.arange(start, last_year + 1)
            curve = np.interp(grid_all, listed, shares, left=0.0, right=shares[-1])
            # jobs it has by the base year are in the base count: growth is what comes after
            at_base = float(np.interp(assumptions.base_year, listed, shares, left=0.0))
            curve = np.where(grid_all > assumptions.base_year, curve - at_base, 0.0)
            change = changes.get(pid)
            if change is not None and not change.is_identity:
                # shift, stretch and scale act on the yearly job increments as they act
                # on spending, so the re-phasing optimiser values a business case too
                rises = dict(zip(grid_all.tolist(), np.diff(curve, prepend=0.0), strict=True))
                moved = apply_change(rises, change, grid_all.tolist()).amounts
                curve = np.cumsum([moved[y] or 0.0 for y in grid_all.tolist()])
            out[j, :-1] = curve
            out[j, -1] = out[j, -2]
            continue
        planned = sum(v for v in spec.spend_meur.values() if v is not None)
        if planned <= 0:
            continue
        amounts = apply_change(spec.spend_meur, changes.get(pid, ProjectChange()), grid).amounts
        spent = np.cumsum([amounts[y] or 0.0 for y in grid]) / planned
        # share present in year y = spent up to y - lag; column of year y is y - start
        for k, year in enumerate(grid):
            col = year + assumptions.lag_years - start
            if col < out.shape[1] - 1:
                out[j, col] = spent[k]
        out[j, -1] = out[j, -2]
    return RampCurves(start=start, values=out, base_year=assumptions.base_year)


@dataclass(frozen=True)
class Batch:
    """Sampled parameters of ``n`` assumption sets (arrays with a leading sample axis)."""

    market_growth_factor: FloatArray  # [n]
    extension_market_growth_rate: FloatArray  # [n]
    elasticity: FloatArray  # [n, pillar]
    fab_capacity_headroom: FloatArray  # [n]
    fab_closure_year: FloatArray  # [n], inf = continues
    realisation: FloatArray  # [n, project]
    delay_years: FloatArray  # [n, project]
    market_factor: FloatArray | None = None  # [n, market] growth to the target year

    @property
    def n(self) -> int:
        """Number of assumption sets."""
        return int(self.market_growth_factor.shape[0])


def batch_of(assumptions: GrowthAssumptions, n: int = 1, dtype: Any = np.float64) -> Batch:
    """``n`` copies of one assumption set as a :class:`Batch`."""
    ids = assumptions.project_ids

    def full(value: float) -> FloatArray:
        return np.full(n, value, dtype=dtype)

    closure = math.inf if assumptions.fab_closure_year is None else assumptions.fab_closure_year
    return Batch(
        market_growth_factor=full(assumptions.market_growth_factor),
        extension_market_growth_rate=full(assumptions.extension_market_growth_rate),
        elasticity=np.tile(
            np.array([assumptions.elasticity[p] for p in assumptions.pillars], dtype=dtype), (n, 1)
        ),
        fab_capacity_headroom=full(assumptions.fab_capacity_headroom),
        fab_closure_year=full(closure),
        realisation=np.tile(
            np.array([assumptions.realisation.get(p, 1.0) for p in ids], dtype=dtype), (n, 1)
        ),
        delay_years=np.tile(
            np.array([assumptions.delay_years.get(p, 0.0) for p in ids], dtype=dtype), (n, 1)
        ),
        market_factor=np.tile(
            np.array([assumptions.market_central[m] for m in assumptions.markets], dtype=dtype),
            (n, 1),
        )
        if assumptions.markets
        else None,
    )


def organic_jobs(assumptions: GrowthAssumptions, batch: Batch, years: Sequence[int]) -> FloatArray:
    """Organic jobs ``[n, pillar, year]`` (market, elasticities, fab bound and closure)."""
    return np.moveaxis(organic_by_series(assumptions, batch, years), 2, 0)


def organic_by_series(
    assumptions: GrowthAssumptions,
    batch: Batch,
    years: Sequence[int],
    out: FloatArray | None = None,
) -> FloatArray:
    """Organic jobs laid out sample-last, ``[pillar, year, n]`` (contiguous per series).

    ``out``, when given, is filled instead of a new array (e.g. a slice of a larger one).
    """
    dtype = batch.market_growth_factor.dtype
    a = assumptions
    if years[0] != a.base_year:
        raise GrowthError(code="growth.years_not_from_base")
    span = a.target_year - a.base_year
    # M(t) ** e grows by a constant factor per year: x = F ** (e / span) up to the target
    # year and (1 + r) ** e after it; repeated products instead of an exp per cell.
    log_step = np.log(batch.market_growth_factor) / dtype.type(span)  # [n]
    log_step_after = np.log1p(batch.extension_market_growth_rate)  # [n]
    n = batch.n
    shape = (len(a.pillars), len(years), n)
    jobs: FloatArray = np.empty(shape, dtype=dtype) if out is None else out
    if jobs.shape != shape:
        raise GrowthError(code="growth.out_shape", params={"shape": str(shape)})
    if a.markets:  # each pillar follows its exposure-weighted market paths
        _market_organic(a, batch, years, jobs)
    else:  # one market factor for every pillar (the engine before the market pull)
        for k, pillar in enumerate(a.pillars):  # loops over pillars and years, not samples
            rows = jobs[k]
            e = batch.elasticity[:, k]
            step = np.exp(e * log_step)
            step_after = np.exp(e * log_step_after) if years[-1] > a.target_year else step
            rows[0] = dtype.type(a.base_jobs[pillar])
            for i in range(1, len(years)):
                np.multiply(
                    rows[i - 1], step if years[i] <= a.target_year else step_after, out=rows[i]
                )
    if a.fab_pillar is None:  # no facility at risk: no bound and no closure
        return jobs
    f = a.pillars.index(a.fab_pillar)
    cap = dtype.type(a.base_jobs[a.fab_pillar]) * (1 + batch.fab_capacity_headroom)
    np.minimum(jobs[f], cap[None, :], out=jobs[f])
    if np.all(np.isinf(batch.fab_closure_year)):
        return jobs
    t = np.asarray(years, dtype=dtype)
    closed = np.clip(
        (t[:, None] - batch.fab_closure_year[None, :] + 1) / a.fab_rampdown_years, 0, 1
    ).astype(dtype)  # [Y, n]
    for k, pillar in enumerate(a.pillars):
        knock = a.fab_knock_on.get(pillar, 0.0)
        if knock and k != f:
            jobs[k] *= 1 - dtype.type(knock) * closed
    jobs[f] = np.maximum(jobs[f] - dtype.type(a.fab_jobs) * closed, 0)
    return jobs


def _market_steps(a: GrowthAssumptions, batch: Batch) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Each market's factor ``[market, n]`` (sample-last), its yearly growth factor up to
    the target year and the one after it (``[1, n]``)."""
    if batch.market_factor is None:
        raise GrowthError(code="growth.batch_no_market")
    factor = np.ascontiguousarray(batch.market_factor.T)  # [M, n]
    dtype = factor.dtype
    span = a.target_year - a.base_year
    reference = a.reference_market_factor or a.market_growth_factor
    scale = np.log(batch.market_growth_factor / dtype.type(reference))  # [n]
    step = np.log(factor)
    step += scale[None, :]
    step /= dtype.type(span)
    np.exp(step, out=step)
    step_after = np.exp(np.log1p(batch.extension_market_growth_rate))[None, :]
    return factor, step, step_after


def market_paths(assumptions: GrowthAssumptions, batch: Batch, years: Sequence[int]) -> FloatArray:
    """Each market's size relative to the base year, ``[year, market, n]``.

    A constant yearly rate to the sampled factor in the target year, the extension rate
    after it, scaled by ``market_growth_factor`` over the reference factor, times the
    stress multipliers.
    """
    a = assumptions
    factor, step, step_after = _market_steps(a, batch)
    out = np.empty((len(years), *factor.shape), dtype=factor.dtype)
    out[0] = 1
    for i in range(1, len(years)):
        np.multiply(out[i - 1], step if years[i] <= a.target_year else step_after, out=out[i])
    if a.stress:
        out *= a.stress_matrix(years).astype(factor.dtype).T[:, :, None]
    return out


def _market_organic(
    a: GrowthAssumptions, batch: Batch, years: Sequence[int], jobs: FloatArray
) -> None:
    """Fill ``jobs [pillar, year, n]`` with base * index ** elasticity, where a pillar's
    index is its exposure-weighted market path (pillars without exposure stay at base).

    One ``[market, n]`` path buffer is advanced year by year (no ``[year, market, n]``
    array), and each year's index is one small matrix product.
    """
    dtype = jobs.dtype
    weights = a.exposure_matrix().astype(dtype)  # [P, M]
    factor, step, step_after = _market_steps(a, batch)
    stress = a.stress_matrix(years).astype(dtype) if a.stress else None
    path = np.ones_like(factor)
    stressed = np.empty_like(factor) if stress is not None else path
    term = np.empty(factor.shape[1], dtype=dtype)
    exposed = [(k, np.flatnonzero(weights[k])) for k in range(len(a.pillars))]
    for i in range(len(years)):
        if i:
            path *= step if years[i] <= a.target_year else step_after
        if stress is not None:
            np.multiply(path, stress[:, i : i + 1], out=stressed)
        # the index as a sum of a few weighted rows: a BLAS product would start its own
        # threads inside each worker thread and oversubscribe the CPUs
        for k, markets in exposed:
            row = jobs[k, i]
            if markets.size == 0:
                continue
            np.multiply(stressed[markets[0]], weights[k, markets[0]], out=row)
            for m in markets[1:]:
                np.multiply(stressed[m], weights[k, m], out=term)
                row += term
    for k, pillar in enumerate(a.pillars):  # a loop over pillars, not samples
        rows = jobs[k]  # [Y, n]
        if not weights[k].any():
            rows[...] = dtype.type(a.base_jobs[pillar])
            continue
        np.log(rows, out=rows)
        rows *= batch.elasticity[None, :, k]
        np.exp(rows, out=rows)
        rows *= dtype.type(a.base_jobs[pillar])


def split_matrix(assumptions: GrowthAssumptions, projects: Collection[str]) -> FloatArray:
    """Jobs at full realisation ``[project, pillar]``; rows outside ``projects`` are zero."""
    out = np.zeros((len(assumptions.projects), len(assumptions.pillars)))
    for j, pid in enumerate(assumptions.project_ids):
        if pid in projects:
            for k, p in enumerate(assumptions.pillars):
                out[j, k] = assumptions.projects[pid].jobs.get(p, 0.0)
    return out


# ----------------------------------------------------------------------------- public API


def _check_acquisition(acquisition_jobs: FloatArray | None, shape: tuple[int, int]) -> FloatArray:
    if acquisition_jobs is None:
        return np.zeros(shape)
    arr = np.asarray(acquisition_jobs, dtype=float)
    if arr.shape != shape:
        raise GrowthError(
            code="growth.acquisition_shape", params={"shape": str(shape), "got": str(arr.shape)}
        )
    return arr


def project_jobs(
    plan: Plan,
    assumptions: GrowthAssumptions | None = None,
    changes: Mapping[str, ProjectChange] | None = None,
    until: int | None = None,
) -> dict[str, FloatArray]:
    """Jobs each project adds, per pillar and year, at the given realisation and delay.

    Returns
    -------
    dict
        Project id to float64 ``[pillar, year]`` (years: base year to ``until``).
    """
    a = assumptions or growth_assumptions(plan)
    years = a.years(until)
    batch = batch_of(a)
    curves = ramp_curves(a, years[-1], changes)
    split = split_matrix(a, a.project_ids)  # [J, P]
    out = {}
    for j, pid in enumerate(a.project_ids):
        weight = curves.ramp(j, years, batch.delay_years[:, j])[:, 0] * batch.realisation[0, j]
        out[pid] = split[j][:, None] * weight[None, :]
    return out


def trajectory(
    plan: Plan,
    dimension: str | None = None,
    assumptions: GrowthAssumptions | None = None,
    *,
    until: int | None = None,
    changes: Mapping[str, ProjectChange] | None = None,
    acquisition_jobs: FloatArray | None = None,
    include_projects: Collection[str] | None = None,
) -> Trajectory:
    """Jobs per pillar and year for a growth dimension or a custom scenario.

    Parameters
    ----------
    plan
        The plan (base jobs, project spending, the jobs table).
    dimension
        A growth dimension of the plan (it includes the ones it builds on); default: the
        plan's last.
    assumptions
        Default: :func:`growth_assumptions` of the plan.
    until
        Last year (default the target year; at most the extension limit).
    changes
        What-if timing and size changes per project id.
    acquisition_jobs
        Extra jobs from acquisition, ``[pillar, year]``.
    include_projects
        Custom scenario: exactly these projects, instead of the dimension's.

    Returns
    -------
    Trajectory
    """
    a = assumptions or growth_assumptions(plan)
    years = a.years(until)
    if dimension is None:
        dimension = plan.employment.last_dimension
    if include_projects is None:
        chosen = dimension_projects(a, dimension)
    else:
        unknown = set(include_projects) - set(a.projects)
        if unknown:
            raise GrowthError(code="growth.unknown_projects", params={"ids": sorted(unknown)})
        chosen = [p for p in a.project_ids if p in include_projects]
        dimension = "custom"
    batch = batch_of(a)
    organic = organic_jobs(a, batch, years)[0]
    per_project = project_jobs(plan, a, changes, years[-1])
    acquisition = _check_acquisition(acquisition_jobs, organic.shape)
    components: dict[str, FloatArray] = {"organic": organic, "acquisition": acquisition}
    jobs = organic + acquisition
    for pid, contribution in per_project.items():
        used = contribution if pid in chosen else np.zeros_like(contribution)
        components[pid] = used
        jobs = jobs + used
    total = jobs.sum(axis=0)
    steps = np.asarray(years, dtype=float) - a.base_year
    revenue = total / total[0] * (1.0 + a.productivity_growth) ** steps
    return Trajectory(
        years=years,
        pillars=list(a.pillars),
        jobs=jobs,
        total=total,
        revenue_index=revenue,
        components=components,
        dimension=dimension,
    )


def scenarios(
    plan: Plan, assumptions: GrowthAssumptions | None = None, until: int | None = None
) -> dict[str, Trajectory]:
    """The trajectories of the plan's growth dimensions, in its order."""
    a = assumptions or growth_assumptions(plan)
    return {dim: trajectory(plan, dim, a, until=until) for dim in plan.employment.dimension_ids}


# ----------------------------------------------------------------------------- markets


UNASSIGNED = "unassigned"
"""Key of the jobs of pillars that sell into no market (:func:`jobs_by_market`)."""


def market_shares(assumptions: GrowthAssumptions, years: Sequence[int]) -> FloatArray:
    """Each market's share of each pillar's market index, ``[pillar, market, year]``.

    The share of market ``m`` in pillar ``p`` in year ``t`` is
    ``exposure[p, m] * path[m, t] / index[p, t]`` (central paths, with the stress if any);
    rows of pillars without exposure are zero.
    """
    a = assumptions
    if not a.markets:
        raise GrowthError(code="growth.no_market_shares")
    paths = market_paths(a, batch_of(a), years)[:, :, 0]  # [Y, M]
    weighted = a.exposure_matrix()[:, :, None] * paths.T[None, :, :]  # [P, M, Y]
    index = weighted.sum(axis=1, keepdims=True)
    out: FloatArray = np.divide(weighted, index, out=np.zeros_like(weighted), where=index > 0)
    return out


def jobs_by_market(assumptions: GrowthAssumptions, traj: Trajectory) -> dict[str, FloatArray]:
    """Jobs carried by each market per year: each pillar's jobs shared by its market shares.

    Returns market id (and :data:`UNASSIGNED` for pillars that sell into no market) to
    ``[year]``; the values add up to ``traj.total``.
    """
    shares = market_shares(assumptions, traj.years)  # [P, M, Y]
    carried = np.einsum("pt,pmt->mt", traj.jobs, shares)
    out = {m: carried[i] for i, m in enumerate(assumptions.markets)}
    out[UNASSIGNED] = traj.total - carried.sum(axis=0)
    return out


def market_results(assumptions: GrowthAssumptions, traj: Trajectory) -> dict[str, Any]:
    """Jobs and revenue carried by each market, JSON-ready.

    Revenue is in points of the revenue index (base year total = 1): a market's revenue is
    its share of the jobs times the index, since the engine has one productivity path.
    """
    carried = jobs_by_market(assumptions, traj)
    share_of_revenue = traj.revenue_index / traj.total
    return {
        market: {
            "jobs": values.tolist(),
            "revenue_index": (values * share_of_revenue).tolist(),
        }
        for market, values in carried.items()
    }


# ----------------------------------------------------------------------------- backing


def backing(plan: Plan, assumptions: GrowthAssumptions | None = None) -> dict[str, Any]:
    """Per growth dimension: how much of the increment to the target year is backed by
    business cases and how much is assumed.

    ``increment`` = jobs in the target year minus the base year; ``business_cases`` = jobs
    of projects with a business case; ``assumed_split`` = jobs of projects whose jobs come
    from the ``growth.project.job-split`` assumption; ``organic`` = the market-driven rest
    (an assumption too: market paths and elasticities). They add up to ``increment``.
    """
    a = assumptions or growth_assumptions(plan)
    out: dict[str, Any] = {}
    for dim in plan.employment.dimension_ids:
        traj = trajectory(plan, dim, a)
        chosen = dimension_projects(a, dim)
        backed = sum(
            (float(traj.components[p][:, -1].sum()) for p in chosen if a.projects[p].backed),
            0.0,
        )
        split = sum(
            (float(traj.components[p][:, -1].sum()) for p in chosen if not a.projects[p].backed),
            0.0,
        )
        increment = float(traj.total[-1] - traj.total[0])
        organic = increment - backed - split
        out[dim] = {
            "increment": increment,
            "business_cases": backed,
            "assumed_split": split,
            "organic": organic,
            "backed_share": backed / increment if increment else 0.0,
            "projects_with_business_case": [p for p in chosen if a.projects[p].backed],
            "projects_assumed": [
                p for p in chosen if not a.projects[p].backed and any(a.projects[p].jobs.values())
            ],
        }
    return out
