"""The financing agenda as numbers: cash needs per line, source and year.

The cost tables give each cost line (a project or an organisation line) yearly costs and a
total coverage per source. :func:`cash_needs` spreads every source's coverage over the
line's years in proportion to its spending (assumption ``finance.coverage-spread``,
overridable per project and source with ``finance.coverage-by-year``), after an optional
what-if change (shift, stretch, scale; :mod:`clusterplan.model.changes`).

Unknown amounts ('?' in the plan) are never summed as zero: arrays hold the *known*
amounts, boolean masks say where something unknown is missing, and :attr:`CashNeeds.unknown`
lists every unknown. Commitments (granted, paid, ...) are set against the needs by
:func:`funding_status`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from clusterplan.errors import ClusterplanError, Coded
from clusterplan.model.changes import ChangedProfile, ProjectChange, apply_change
from clusterplan.plan import bounds
from clusterplan.plan.schema import SECURED_COMMITMENT_STATUSES, CostLine, Plan

FloatArray = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
CoverageByYear = Mapping[str, Mapping[str, Mapping[int, float]]]
"""Explicit coverage: project id -> source -> year -> M EUR."""

SPREAD_METHOD = "proportional-to-spending"
SECURED_STATUSES: tuple[str, ...] = SECURED_COMMITMENT_STATUSES
PIPELINE_STATUSES: tuple[str, ...] = ("planned", "applied")
TOLERANCE_MEUR = 1e-9
"""Slack when checking that explicit yearly coverage adds up to a line's coverage."""


class FinanceInputError(ClusterplanError, ValueError):
    """Inputs to the finance model that do not fit the plan (bad override, unknown id)."""

    default_code = "finance.detail"


@dataclass(frozen=True)
class Unknown:
    """Something the plan leaves unknown ('?'), so a total that includes it is incomplete.

    ``kind`` is ``cost`` (a yearly cost), ``coverage`` (a source's coverage of a line) or
    ``total`` (a printed total).
    """

    line: str
    table: Literal["projects", "organisation"]
    kind: Literal["cost", "coverage", "total"]
    year: int | None = None
    source: str | None = None

    def describe(self) -> Coded:
        """One line (English as text; :meth:`Coded.text` gives it in another language)."""
        code = "finance.unknown" + ("_source" if self.source else "")
        code += "_year" if self.year is not None else ""
        what = Coded({"total": "term.printed_total"}.get(self.kind, f"term.{self.kind}"))
        return Coded(
            code, {"line": self.line, "what": what, "source": self.source, "year": self.year}
        )


@dataclass(frozen=True)
class CashNeeds:
    """Known costs and coverage per cost line, source and year, and what is unknown.

    Lines are the plan's projects followed by its organisation lines (organisation cost table).

    Attributes
    ----------
    cost_meur
        [line, year] known cost (0 where unknown; see ``cost_unknown``).
    cost_unknown
        [line, year] True where the cost is unknown.
    coverage_meur
        [line, source, year] known coverage spread over the years.
    coverage_unknown
        [line, source] True where the plan does not say how much a source covers.
    unscheduled_meur
        [line, source] known coverage that could not be tied to a year (the line has no
        known spending).
    uncovered_meur
        [line, year] known cost not covered by any source, for lines whose coverage is
        fully known (0 elsewhere).
    overflow_meur
        [line] amounts pushed past the last year by a change (normally 0: the year axis
        is extended to hold shifted spending).
    advanced_meur
        [line] known cost a change moved before the first year, and so counted in it (the
        agenda spends nothing before its first year).
    """

    years: tuple[int, ...]
    sources: tuple[str, ...]
    line_ids: tuple[str, ...]
    n_projects: int
    cost_meur: FloatArray
    cost_unknown: BoolArray
    coverage_meur: FloatArray
    coverage_unknown: BoolArray
    unscheduled_meur: FloatArray
    uncovered_meur: FloatArray
    overflow_meur: FloatArray
    advanced_meur: FloatArray
    public_sources: tuple[str, ...]
    unknown: tuple[Unknown, ...]

    @property
    def project_ids(self) -> tuple[str, ...]:
        """Ids of the project lines."""
        return self.line_ids[: self.n_projects]

    @property
    def organisation_ids(self) -> tuple[str, ...]:
        """Ids of the organisation lines."""
        return self.line_ids[self.n_projects :]

    def _rows(self, part: str) -> slice:
        if part == "projects":
            return slice(0, self.n_projects)
        if part == "organisation":
            return slice(self.n_projects, len(self.line_ids))
        if part == "all":
            return slice(0, len(self.line_ids))
        raise ValueError(f"part must be projects, organisation or all (got {part!r})")

    def line_index(self, line_id: str) -> int:
        """Row of a line id (KeyError if absent)."""
        try:
            return self.line_ids.index(line_id)
        except ValueError:
            raise KeyError(line_id) from None

    def by_source(self, part: str = "all") -> FloatArray:
        """[source, year] known coverage, summed over the lines of ``part``."""
        return np.asarray(self.coverage_meur[self._rows(part)].sum(axis=0), dtype=np.float64)

    def by_source_incomplete(self, part: str = "all") -> BoolArray:
        """[source, year] True where an unknown coverage or cost belongs in the figure."""
        rows = self._rows(part)
        spends = (self.cost_meur[rows] > 0) | self.cost_unknown[rows]
        return np.asarray(
            (self.coverage_unknown[rows][:, :, None] & spends[:, None, :]).any(axis=0),
            dtype=np.bool_,
        )

    def year_totals(self, part: str = "all") -> FloatArray:
        """[year] known cost, summed over the lines of ``part``."""
        return np.asarray(self.cost_meur[self._rows(part)].sum(axis=0), dtype=np.float64)

    def year_incomplete(self, part: str = "all") -> BoolArray:
        """[year] True where some cost of ``part`` is unknown."""
        return np.asarray(self.cost_unknown[self._rows(part)].any(axis=0), dtype=np.bool_)

    def public_meur(self, part: str = "all") -> FloatArray:
        """[year] known coverage from the public sources."""
        index = [self.sources.index(s) for s in self.public_sources]
        return np.asarray(self.by_source(part)[index].sum(axis=0), dtype=np.float64)

    def public_fraction(self, part: str = "all") -> FloatArray:
        """[year] public coverage as a fraction of all known coverage (NaN without any)."""
        total = self.by_source(part).sum(axis=0)
        public = self.public_meur(part)
        out = np.full(total.shape, np.nan)
        np.divide(public, total, out=out, where=total > 0)
        return out

    def cumulative_cost_meur(self, part: str = "all") -> FloatArray:
        """[year] cumulative known cost."""
        return np.cumsum(self.year_totals(part))

    def cumulative_by_source_meur(self, part: str = "all") -> FloatArray:
        """[source, year] cumulative known coverage."""
        return np.cumsum(self.by_source(part), axis=1)

    def total_meur(self, part: str = "all") -> float:
        """Known cost of ``part`` over all years (plus any overflow)."""
        rows = self._rows(part)
        return math.fsum(self.cost_meur[rows].ravel()) + math.fsum(self.overflow_meur[rows])

    def unknown_in(self, part: str = "all") -> tuple[Unknown, ...]:
        """The unknowns that belong to ``part``."""
        if part == "all":
            return self.unknown
        table = "projects" if part == "projects" else "organisation"
        return tuple(u for u in self.unknown if u.table == table)


def _assumption_value(plan: Plan, assumption_id: str, default: Any) -> Any:
    try:
        return plan.assumption(assumption_id).value
    except KeyError:
        return default


def public_sources(plan: Plan) -> tuple[str, ...]:
    """The sources counted as public (assumption ``finance.public-sources``; a plan without
    it counts none as public)."""
    value = _assumption_value(plan, "finance.public-sources", [])
    out = tuple(str(s) for s in value)
    bad = [s for s in out if s not in plan.finance.source_ids]
    if bad:
        raise FinanceInputError(
            code="impact.unknown_sources",
            params={"assumption": plan.assumption_name("finance.public-sources"), "sources": bad},
        )
    return out


def coverage_by_year_assumption(plan: Plan) -> dict[str, dict[str, dict[int, float]]]:
    """Explicit yearly coverage from the plan's assumptions (``finance.coverage-by-year``)."""
    value = _assumption_value(plan, "finance.coverage-by-year", {}) or {}
    try:
        return {
            str(p): {
                str(s): {int(y): _finite(v) for y, v in years.items()} for s, years in per.items()
            }
            for p, per in value.items()
        }
    except (AttributeError, TypeError, ValueError):
        # a text or a list where a mapping belongs had ended in "'str' object has no
        # attribute 'items'" (and the plan check in a traceback)
        raise FinanceInputError(
            code="finance.coverage_by_year_shape",
            params={"assumption": plan.assumption_name("finance.coverage-by-year")},
        ) from None


def _finite(value: Any) -> float:
    """A number of money (ValueError for anything :func:`bounds.finite` refuses)."""
    number = bounds.finite(value)
    if number is None:
        raise ValueError(value)
    return number


def _spread(total: float, weights: FloatArray) -> FloatArray:
    """Split ``total`` over the years in proportion to ``weights``; the rows add up exactly.

    The last year with a weight takes the remainder so that no rounding is lost.
    """
    out = np.zeros_like(weights)
    active = np.flatnonzero(weights > 0)
    if total == 0 or active.size == 0:
        return out
    out[active] = total * weights[active] / math.fsum(weights[active])
    out[active[-1]] = 0.0
    out[active[-1]] = total - math.fsum(out)
    return out


@dataclass(frozen=True)
class _LineNeeds:
    cost: FloatArray
    cost_unknown: BoolArray
    coverage: FloatArray
    coverage_unknown: BoolArray
    unscheduled: FloatArray
    uncovered: FloatArray
    overflow: float
    advanced: float


def _changed_profile(
    profile: Mapping[int, float | None], change: ProjectChange, years: Sequence[int]
) -> tuple[FloatArray, BoolArray, ChangedProfile]:
    """Known amounts and unknown mask of a profile after a change, on ``years``, and the
    changed profile (what fell outside the years)."""
    known = {y: v for y, v in profile.items() if v is not None}
    changed = apply_change(known, change, years)
    amounts = np.array([changed.amounts[y] or 0.0 for y in years], dtype=np.float64)
    moved = {y + change.shift_years for y, v in profile.items() if v is None}
    mask = np.array([y in moved for y in years], dtype=np.bool_)
    return amounts, mask, changed


def line_needs(
    line: CostLine,
    years: Sequence[int],
    change: ProjectChange | None = None,
    coverage_by_year: Mapping[str, Mapping[int, float]] | None = None,
    sources: Sequence[str] | None = None,
) -> _LineNeeds:
    """Known cost, coverage per source and year, and unknowns of one cost line.

    ``sources``: the plan's funding sources in its order (default: the line's own)."""
    change = change or ProjectChange()
    cost, cost_unknown, changed = _changed_profile(line.costs_meur, change, years)
    order = tuple(line.coverage_meur.root) if sources is None else tuple(sources)
    coverage = np.zeros((len(order), len(years)))
    coverage_unknown = np.zeros(len(order), dtype=np.bool_)
    unscheduled = np.zeros(len(order))
    for s, source in enumerate(order):
        amount = line.coverage_meur.get(source)
        explicit = (coverage_by_year or {}).get(source)
        if amount is None:
            if explicit is not None:
                raise FinanceInputError(
                    code="finance.explicit_unknown", params={"line": line.id, "source": source}
                )
            coverage_unknown[s] = True
            continue
        if explicit is not None:
            outside = sorted(set(explicit) - set(line.costs_meur))
            if outside:
                raise FinanceInputError(
                    code="finance.explicit_outside_years",
                    params={"line": line.id, "source": source, "years": [str(y) for y in outside]},
                )
            given = math.fsum(explicit.values())
            if abs(given - amount) > TOLERANCE_MEUR:
                raise FinanceInputError(
                    code="finance.explicit_sum",
                    params={
                        "line": line.id,
                        "source": source,
                        "given": given,
                        "amount": amount,
                    },
                )
            row, _, _ = _changed_profile(dict(explicit), change, years)
            coverage[s] = row
        elif cost.sum() > 0:
            coverage[s] = _spread(amount * change.scale, cost)
        else:
            unscheduled[s] = amount * change.scale
    uncovered = np.zeros(len(years))
    if not coverage_unknown.any():
        uncovered = np.clip(cost - coverage.sum(axis=0), 0.0, None)
        uncovered[np.abs(uncovered) < TOLERANCE_MEUR] = 0.0
    return _LineNeeds(
        cost,
        cost_unknown,
        coverage,
        coverage_unknown,
        unscheduled,
        uncovered,
        changed.overflow,
        changed.advanced,
    )


def _span_years(
    lines: Sequence[CostLine], first: int, last: int, changes: Mapping[str, ProjectChange]
) -> tuple[int, ...]:
    """Cost years, extended so that changed lines keep all their spending."""
    end = last
    for line in lines:
        change = changes.get(line.id)
        if change is None:
            continue
        used = [y for y, v in line.costs_meur.items() if v is None or v != 0]
        if used:
            end = max(end, max(used) + change.shift_years + change.stretch_years)
    return tuple(range(first, end + 1))


def _stack(rows: list[Any], shape: tuple[int, ...], dtype: Any) -> Any:
    """Rows stacked on a leading line axis; an empty array of that shape for no lines."""
    return np.stack(rows) if rows else np.zeros((0, *shape), dtype=dtype)


def whatif_lines(plan: Plan) -> list[CostLine]:
    """The cost lines a what-if change can shift, stretch or scale: every project line and
    every organisation line of the plan's financing agenda."""
    return [*plan.finance.projects, *plan.finance.organisation]


def cash_needs(
    plan: Plan,
    *,
    changes: Mapping[str, ProjectChange] | None = None,
    coverage_by_year: CoverageByYear | None = None,
    years: Sequence[int] | None = None,
) -> CashNeeds:
    """Cash needs of the whole agenda per line, source and year.

    Parameters
    ----------
    plan
        A validated plan.
    changes
        What-if changes per project or organisation line id.
    coverage_by_year
        Explicit yearly coverage per project and source; default: the plan's
        ``finance.coverage-by-year`` assumption.
    years
        Year axis; default: the plan's cost years, extended to hold shifted spending.

    Returns
    -------
    CashNeeds
        Known amounts, masks of the unknowns, and the list of unknowns.
    """
    method = _assumption_value(plan, "finance.coverage-spread", SPREAD_METHOD)
    if method != SPREAD_METHOD:
        raise FinanceInputError(
            code="finance.spread_method",
            params={"assumption": plan.assumption_name("finance.coverage-spread"), "value": method},
        )
    fin = plan.finance
    changes = dict(changes or {})
    lines = whatif_lines(plan)
    ids = [line.id for line in lines]
    unknown_ids = sorted(set(changes) - set(ids))
    if unknown_ids:
        raise FinanceInputError(code="finance.unknown_lines", params={"ids": unknown_ids})
    explicit = coverage_by_year_assumption(plan) if coverage_by_year is None else coverage_by_year
    bad = sorted(set(explicit) - set(ids))
    if bad:
        raise FinanceInputError(code="finance.unknown_coverage_lines", params={"ids": bad})
    axis = (
        tuple(years)
        if years is not None
        else _span_years(lines, min(fin.cost_years), max(fin.cost_years), changes)
    )
    sources = fin.source_ids
    parts = [
        line_needs(line, axis, changes.get(line.id), explicit.get(line.id), sources)
        for line in lines
    ]
    unknown: list[Unknown] = []
    for index, (line, part) in enumerate(zip(lines, parts, strict=True)):
        table: Literal["projects", "organisation"] = (
            "projects" if index < len(fin.projects) else "organisation"
        )
        for y in np.flatnonzero(part.cost_unknown):
            unknown.append(Unknown(line.id, table, "cost", year=axis[y]))
        for s in np.flatnonzero(part.coverage_unknown):
            unknown.append(Unknown(line.id, table, "coverage", source=sources[s]))
        # No printed total is not an unknown when every cost is known (the total follows).
        if line.printed_total_meur is None and part.cost_unknown.any():
            unknown.append(Unknown(line.id, table, "total"))
    return CashNeeds(
        years=axis,
        sources=sources,
        line_ids=tuple(ids),
        n_projects=len(fin.projects),
        cost_meur=_stack([p.cost for p in parts], (len(axis),), np.float64),
        cost_unknown=_stack([p.cost_unknown for p in parts], (len(axis),), np.bool_),
        coverage_meur=_stack([p.coverage for p in parts], (len(sources), len(axis)), np.float64),
        coverage_unknown=_stack([p.coverage_unknown for p in parts], (len(sources),), np.bool_),
        unscheduled_meur=_stack([p.unscheduled for p in parts], (len(sources),), np.float64),
        uncovered_meur=_stack([p.uncovered for p in parts], (len(axis),), np.float64),
        overflow_meur=np.array([p.overflow for p in parts]),
        advanced_meur=np.array([p.advanced for p in parts]),
        public_sources=public_sources(plan),
        unknown=tuple(unknown),
    )


@dataclass(frozen=True)
class FundingStatus:
    """Secured (granted + paid) against needed, per source and year, and the gap.

    Attributes
    ----------
    needed_meur
        [source, year] known coverage asked of each source (all lines).
    secured_meur
        [source, year] granted and paid commitments with a year.
    secured_unscheduled_meur
        [source] granted and paid commitments without a year.
    pipeline_meur
        [source, year] planned and applied commitments with a year.
    pipeline_unscheduled_meur
        [source] planned and applied commitments without a year.
    gap_meur
        [source, year] needed minus secured (negative: secured ahead of need).
    gap_total_meur
        [source] needed minus all secured, over all years, unscheduled included.
    needed_total_meur
        [source] all known coverage asked of each source, over all years, unscheduled
        included (what ``gap_total_meur`` is measured against).
    needed_incomplete
        [source, year] True where the need includes an unknown.
    """

    years: tuple[int, ...]
    sources: tuple[str, ...]
    needed_meur: FloatArray
    secured_meur: FloatArray
    secured_unscheduled_meur: FloatArray
    pipeline_meur: FloatArray
    pipeline_unscheduled_meur: FloatArray
    gap_meur: FloatArray
    gap_total_meur: FloatArray
    needed_total_meur: FloatArray
    needed_incomplete: BoolArray
    outside_years_meur: float


def funding_status(plan: Plan, needs: CashNeeds | None = None) -> FundingStatus:
    """Set the plan's commitments against its cash needs.

    Commitments in years outside ``needs.years`` are added up in ``outside_years_meur``
    and counted as unscheduled for the totals.
    """
    needs = needs or cash_needs(plan)
    n_s, n_y = len(needs.sources), len(needs.years)
    secured = np.zeros((n_s, n_y))
    pipeline = np.zeros((n_s, n_y))
    secured_free = np.zeros(n_s)
    pipeline_free = np.zeros(n_s)
    outside = 0.0
    for commitment in plan.finance.commitments:
        s = needs.sources.index(commitment.source)
        is_secured = commitment.secured
        if commitment.year is not None and commitment.year in needs.years:
            target = secured if is_secured else pipeline
            target[s, needs.years.index(commitment.year)] += commitment.amount_meur
            continue
        if commitment.year is not None:
            outside += commitment.amount_meur
        free = secured_free if is_secured else pipeline_free
        free[s] += commitment.amount_meur
    needed = needs.by_source("all")
    needed_total = needed.sum(axis=1) + needs.unscheduled_meur.sum(axis=0)
    return FundingStatus(
        years=needs.years,
        sources=needs.sources,
        needed_meur=needed,
        secured_meur=secured,
        secured_unscheduled_meur=secured_free,
        pipeline_meur=pipeline,
        pipeline_unscheduled_meur=pipeline_free,
        gap_meur=needed - secured,
        gap_total_meur=needed_total - secured.sum(axis=1) - secured_free,
        needed_total_meur=needed_total,
        needed_incomplete=needs.by_source_incomplete("all"),
        outside_years_meur=outside,
    )
