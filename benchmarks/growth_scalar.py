"""The growth model as an EMA Workbench user would write it: plain Python, one sample at a time.

The same equations as :mod:`clusterplan.model.growth` (see ``docs/model.md``), written with
floats and loops over pillars, years and projects; no numpy, no call into our engine. The
inputs are plain data read once from the plan and its calibrated assumptions (base jobs,
elasticities, fab bound, Table 1 spending, the job split), like a modeller copying them
into a script. ``tests/test_growth_scalar_peer.py`` checks that it gives the engine's
trajectory on fixed inputs; ``benchmarks/bench_growth.py`` runs it through EMA's
SequentialEvaluator.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from statistics import NormalDist

from clusterplan.model.growth import GrowthAssumptions, dimension_projects
from clusterplan.model.uncertainty import UncertainInput


@dataclass(frozen=True)
class ScalarGrowthModel:
    """Parameters of the scalar model (lists, floats), for one growth dimension."""

    pillars: list[str]
    years: list[int]
    base_year: int
    target_year: int
    base_jobs: list[float]
    elasticity: list[float]
    fab_index: int
    fab_jobs: float
    fab_capacity_headroom: float
    fab_rampdown_years: int
    knock_on: list[float]
    market_growth_factor: float
    projects: list[str]
    split: list[list[float]]  # [project][pillar]: jobs at full realisation
    ramp_start: int  # first year of the ramp tables
    ramps: list[list[float]]  # [project][year - ramp_start]: share of jobs present
    realisation: list[float]
    delay_years: list[float]
    markets: list[str] = field(default_factory=list)  # empty: one market factor
    market_central: list[float] = field(default_factory=list)
    exposure: list[list[float]] = field(default_factory=list)  # [pillar][market]
    reference_market_factor: float = 1.0

    @classmethod
    def from_assumptions(cls, a: GrowthAssumptions, dimension: str) -> ScalarGrowthModel:
        """Copy the plan's numbers for a dimension (the projects it counts, with jobs)."""
        chosen = [
            pid for pid in dimension_projects(a, dimension) if any(a.projects[pid].jobs.values())
        ]
        years = list(range(a.base_year, a.target_year + 1))
        firsts = [min(a.projects[pid].spend_meur) for pid in chosen if a.projects[pid].spend_meur]
        start = min([*firsts, a.base_year]) - 1 - a.lag_years
        ramps = []
        for pid in chosen:
            spend = a.projects[pid].spend_meur
            planned = sum(v for v in spend.values() if v is not None)
            table = []
            for year in range(start, a.target_year + 1):
                spent = sum(
                    v for y, v in spend.items() if v is not None and y <= year - a.lag_years
                )
                table.append(spent / planned if planned > 0 else 0.0)
            ramps.append(table)
        return cls(
            pillars=list(a.pillars),
            years=years,
            base_year=a.base_year,
            target_year=a.target_year,
            base_jobs=[a.base_jobs[p] for p in a.pillars],
            elasticity=[a.elasticity[p] for p in a.pillars],
            fab_index=a.pillars.index(a.fab_pillar),
            fab_jobs=a.fab_jobs,
            fab_capacity_headroom=a.fab_capacity_headroom,
            fab_rampdown_years=a.fab_rampdown_years,
            knock_on=[a.fab_knock_on.get(p, 0.0) for p in a.pillars],
            market_growth_factor=a.market_growth_factor,
            projects=chosen,
            split=[[a.projects[pid].jobs.get(p, 0.0) for p in a.pillars] for pid in chosen],
            ramp_start=start,
            ramps=ramps,
            realisation=[a.realisation[pid] for pid in chosen],
            delay_years=[a.delay_years[pid] for pid in chosen],
            markets=list(a.markets),
            market_central=[a.market_central[m] for m in a.markets],
            exposure=[[a.exposure.get(p, {}).get(m, 0.0) for m in a.markets] for p in a.pillars],
            reference_market_factor=a.reference_market_factor or a.market_growth_factor,
        )

    def ramp(self, j: int, year: float) -> float:
        """Project ``j``'s share of jobs at a (fractional) year: linear between whole years."""
        table = self.ramps[j]
        x = year - self.ramp_start
        if x <= 0:
            return table[0]
        if x >= len(table) - 1:
            return table[-1]
        below = math.floor(x)
        w = x - below
        return table[below] * (1.0 - w) + table[below + 1] * w

    def run(
        self,
        market_growth_factor: float,
        elasticity: Sequence[float],
        fab_capacity_headroom: float,
        fab_closure_year: float,
        realisation: Sequence[float],
        delay_years: Sequence[float],
        market_factors: Sequence[float] | None = None,
    ) -> list[list[float]]:
        """Jobs ``[pillar][year]`` for one set of inputs (``fab_closure_year`` inf = stays).

        With application markets, each pillar follows its exposure-weighted market path
        (``market_factors``: each market's growth to the target year; default central).
        """
        span = self.target_year - self.base_year
        cap = self.base_jobs[self.fab_index] * (1.0 + fab_capacity_headroom)
        factors = list(market_factors) if market_factors is not None else self.market_central
        scale = market_growth_factor / self.reference_market_factor
        jobs = []
        for k in range(len(self.pillars)):
            row = []
            for year in self.years:
                frac = (year - self.base_year) / span
                if not self.markets:
                    market = market_growth_factor**frac
                elif any(self.exposure[k]):
                    market = sum(
                        w * (x * scale) ** frac
                        for w, x in zip(self.exposure[k], factors, strict=True)
                    )
                else:
                    market = 1.0
                value = self.base_jobs[k] * market ** elasticity[k]
                if k == self.fab_index:
                    value = min(value, cap)
                if fab_closure_year != math.inf:
                    closed = (year - fab_closure_year + 1) / self.fab_rampdown_years
                    closed = min(max(closed, 0.0), 1.0)
                    if k == self.fab_index:
                        value = max(value - self.fab_jobs * closed, 0.0)
                    else:
                        value *= 1.0 - self.knock_on[k] * closed
                row.append(value)
            jobs.append(row)
        for j in range(len(self.projects)):
            for i, year in enumerate(self.years):
                if year <= self.base_year:  # the base year's jobs are observed
                    continue
                share = self.ramp(j, year - delay_years[j]) * realisation[j]
                for k in range(len(self.pillars)):
                    jobs[k][i] += self.split[j][k] * share
        return jobs

    def run_named(self, values: Mapping[str, float]) -> list[list[float]]:
        """:meth:`run` with inputs named as in :func:`clusterplan.model.uncertainty.uncertain_inputs`
        (inputs not named keep the plan's value)."""
        elasticity = [
            values.get(f"elasticity__{p}", e)
            for p, e in zip(self.pillars, self.elasticity, strict=True)
        ]
        realisation = [
            values.get(f"realisation__{pid}", r)
            for pid, r in zip(self.projects, self.realisation, strict=True)
        ]
        delay = [
            values.get(f"delay__{pid}", d)
            for pid, d in zip(self.projects, self.delay_years, strict=True)
        ]
        closure = math.inf
        if values.get("fab_continues", 1.0) <= 0.5 and "fab_closure_year" in values:
            closure = values["fab_closure_year"]
        return self.run(
            values.get("market_growth_factor", self.market_growth_factor),
            elasticity,
            values.get("fab_capacity_headroom", self.fab_capacity_headroom),
            closure,
            realisation,
            delay,
            [
                values.get(f"market__{m}", c)
                for m, c in zip(self.markets, self.market_central, strict=True)
            ],
        )


def values_from_unit(
    specs: Sequence[UncertainInput], u: Sequence[float], cholesky: Sequence[Sequence[float]] | None
) -> dict[str, float]:
    """Every input's value from one uniform number each; the market inputs are correlated
    through the Cholesky factor (normal quantiles times the factor), as the engine does."""
    out = {s.name: from_unit(s, x) for s, x in zip(specs, u, strict=True) if not _market(s)}
    markets = [(s, x) for s, x in zip(specs, u, strict=True) if _market(s)]
    normal = NormalDist()
    z = [normal.inv_cdf(min(max(x, _TAIL), 1 - _TAIL)) for _s, x in markets]
    for i, (spec, _x) in enumerate(markets):
        zi = sum(cholesky[i][j] * z[j] for j in range(i + 1)) if cholesky else z[i]
        out[spec.name] = from_normal(spec, zi)
    return out


_TAIL = 2.0**-24
_Z95 = 1.6448536269514722


def _market(spec: UncertainInput) -> bool:
    return spec.distribution == "lognormal2"


def from_normal(spec: UncertainInput, z: float) -> float:
    """A two-piece lognormal market input from one standard normal number (scalar)."""
    down = math.log(spec.mode / spec.low) / _Z95 if spec.low > 0 else 0.0
    up = math.log(spec.high / spec.mode) / _Z95
    return spec.mode * math.exp((down if z < 0 else up) * z)


def from_unit(spec: UncertainInput, u: float) -> float:
    """One uniform number in [0, 1) mapped through an input's inverse distribution (scalar)."""
    lo, hi, mode = spec.low, spec.high, spec.mode
    if spec.distribution == "bernoulli":
        return 1.0 if u < mode else 0.0
    if spec.distribution == "triangular" and hi > lo:
        c = (mode - lo) / (hi - lo)
        if c >= 1.0:
            return lo + (hi - lo) * math.sqrt(u)
        if u < c:
            return lo + math.sqrt(u * (hi - lo) * (mode - lo))
        return hi - math.sqrt((1.0 - u) * (hi - lo) * (hi - mode))
    if spec.distribution == "integer":
        return min(math.floor(lo + u * (hi - lo + 1.0)), hi)
    if _market(spec):
        return from_normal(spec, NormalDist().inv_cdf(min(max(u, _TAIL), 1 - _TAIL)))
    if spec.distribution == "normal":
        raise ValueError(f"{spec.name}: the scalar peer has no normal inverse")
    return lo + u * (hi - lo)
