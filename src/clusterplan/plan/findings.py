"""Consistency findings and unknowns of a valid plan.

A finding is not an error: the plan loads, but a figure disagrees with another figure, or
a value is unknown. ``clusterplan check`` prints them all.

Where a finding is and what it says are coded messages (:class:`~clusterplan.errors.Coded`):
they read as English text and render in Dutch or English with ``.text(lang)``; their words
live in the core's catalogue (``finding.*``), the plan's names and figures are their params
(names as :class:`~clusterplan.i18n.Named`, figures as :class:`~clusterplan.i18n.Figure`,
written in the reader's language).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from clusterplan.errors import Coded
from clusterplan.i18n import Count, Figure, Named, gettext, unit_code
from clusterplan.plan.schema import CostLine, Fact, Plan, TableTotals
from clusterplan.report.numbers import AS_NEEDED

Kind = Literal["consistency", "unknown", "interpretation"]

TOLERANCE_MEUR = 1e-6
"""Amounts in the plan are exact decimals; anything larger than this is a real difference."""


@dataclass(frozen=True)
class Finding:
    """One observation about a plan: ``code`` is its stable kind of observation
    (``"unknown-cost"``), ``where`` and ``message`` say it in words (English as ``str``,
    any language with :meth:`text`)."""

    kind: Kind
    where: Coded
    message: Coded
    code: str

    def __str__(self) -> str:
        return self.text("en")

    def text(self, lang: str | None = None) -> str:
        """``[kind] where: message`` in ``lang`` (default: the language of this run)."""
        return f"[{gettext(self.kind, lang)}] {self.where.text(lang)}: {self.message.text(lang)}"

    def as_dict(self, lang: str | None = None) -> dict[str, str]:
        """The finding as JSON-ready data: its stable code beside its text in ``lang``."""
        return {
            "kind": self.kind,
            "code": self.code,
            "where": self.where.text(lang),
            "message": self.message.text(lang),
        }


def _in(part: object, item: object) -> Coded:
    return Coded("finding.where.item", {"part": part, "item": item})


_TABLE_REFERENCE = re.compile(r"\b[A-Z][a-z]+ \d{1,2}(?!\d)")
"""A capitalised word and a table or figure number, as a plan cites its own tables."""


def table_label(sources: Iterable[str | None], fallback: str) -> str:
    """The plan's own name for one of its tables or figures: the first reference such as
    a word followed by a number in the ``source`` texts of its rows, else ``fallback``."""
    for source in sources:
        found = _TABLE_REFERENCE.search(source or "")
        if found:
            return found.group(0)
    return fallback


def jobs_table_label(plan: Plan) -> str:
    """The plan's name of its table of jobs per pillar and growth dimension (else the words
    "jobs table", coded: they read in the reader's language)."""
    emp = plan.employment
    return table_label(
        [emp.source, *(s.source for s in emp.scenarios.values())], Coded("finding.table.jobs")
    )


def cost_table_labels(plan: Plan) -> tuple[str, str]:
    """The plan's names of its projects table and its organisation cost table."""
    fin = plan.finance
    projects = getattr(fin, "projects_printed_totals", None)
    organisation = getattr(fin, "organisation_printed_totals", None)
    return (
        table_label(
            [projects.source if projects else None, *(p.source for p in fin.projects)],
            Coded("finding.table.projects"),
        ),
        table_label(
            [organisation.source if organisation else None, *(o.source for o in fin.organisation)],
            Coded("finding.table.organisation"),
        ),
    )


def _meur(value: float) -> Figure:
    """An amount in M EUR as the plan prints it: whole, or with one decimal."""
    return Figure(value)


def _agreement(where: Coded, stem: str, name: str, figure: float, printed: float) -> Finding:
    """A consistency finding on a figure (param ``name``) the plan also prints: it agrees
    (``finding.{stem}_ok``, code ``{stem}-ok``) or it differs by more than the tolerance
    (``finding.{stem}_mismatch`` with ``printed``, code ``{stem}-mismatch``)."""
    outcome = "ok" if abs(figure - printed) <= TOLERANCE_MEUR else "mismatch"
    params = {name: _meur(figure)}
    if outcome == "mismatch":
        params["printed"] = _meur(printed)
    return Finding(
        "consistency",
        where,
        Coded(f"finding.{stem}_{outcome}", params),
        f"{stem.replace('_', '-')}-{outcome}",
    )


def _pct(part: float, whole: float) -> float:
    return 100.0 * (part / whole - 1.0)


def _source(plan: Plan, source: str) -> str:
    try:
        found = plan.finance.funding_source(source)
    except KeyError:
        return source
    return Named(found.name_nl, found.name_en)


def _pillar(plan: Plan, pillar: str) -> str:
    """The plan's name of a pillar (both languages; its id when the plan has none)."""
    found = next((p for p in plan.taxonomy.pillars if p.id == pillar), None)
    return pillar if found is None else Named(found.name_nl, found.name_en)


def _line_name(line: CostLine) -> Named:
    return Named(line.name_nl, line.name_en)


def _cost_line_findings(plan: Plan, table: str, line: CostLine) -> list[Finding]:
    out: list[Finding] = []
    where = _in(table, _line_name(line))
    unknown_years = line.unknown_cost_years
    known_sum = line.known_cost_meur
    printed = line.printed_total_meur
    if unknown_years:
        text = (
            Coded(
                "finding.unknown_cost",
                {"years": unknown_years, "known": _meur(known_sum), "printed": _meur(printed)},
            )
            if printed is not None
            else Coded(
                "finding.unknown_cost_no_total", {"years": unknown_years, "known": _meur(known_sum)}
            )
        )
        out.append(Finding("unknown", where, text, "unknown-cost"))
    elif printed is not None and abs(known_sum - printed) > TOLERANCE_MEUR:
        out.append(
            Finding(
                "consistency",
                where,
                Coded(
                    "finding.cost_total_mismatch",
                    {"known": _meur(known_sum), "printed": _meur(printed)},
                ),
                "cost-total-mismatch",
            )
        )
    elif printed is not None:
        out.append(
            Finding(
                "consistency",
                where,
                Coded("finding.cost_total_ok", {"known": _meur(known_sum)}),
                "cost-total-ok",
            )
        )
    coverage = line.coverage_meur.as_dict()
    unknown_sources = [_source(plan, s) for s, v in coverage.items() if v is None]
    covered = sum(v for v in coverage.values() if v is not None)
    if unknown_sources:
        out.append(
            Finding(
                "unknown",
                where,
                Coded(
                    "finding.unknown_coverage",
                    {"sources": unknown_sources, "covered": _meur(covered)},
                ),
                "unknown-coverage",
            )
        )
    elif printed is not None and not unknown_years:
        out.append(_agreement(where, "coverage", "covered", covered, printed))
    if line.blank_years:
        out.append(
            Finding(
                "interpretation",
                where,
                Coded("finding.blank_as_zero", {"years": list(line.blank_years)}),
                "blank-as-zero",
            )
        )
    return out


def _table_findings(
    plan: Plan,
    table: str,
    lines: list[CostLine],
    totals: TableTotals | None,
    years: list[int],
) -> list[Finding]:
    out: list[Finding] = []
    if totals is None:
        return out
    for year in years:
        values = [line.costs_meur.get(year) for line in lines]
        known = sum(v for v in values if v is not None)
        unknown = [_line_name(line) for line, v in zip(lines, values, strict=True) if v is None]
        printed = totals.costs_meur.get(year)
        if printed is None:
            continue
        where = Coded("finding.where.totals_year", {"table": table, "year": year})
        if abs(known - printed) > TOLERANCE_MEUR:
            out.append(
                Finding(
                    "consistency",
                    where,
                    Coded(
                        "finding.column_total_mismatch",
                        {"known": _meur(known), "printed": _meur(printed)},
                    ),
                    "column-total-mismatch",
                )
            )
        elif unknown:
            out.append(
                Finding(
                    "unknown",
                    where,
                    Coded(
                        "finding.column_total_excludes_unknown",
                        {"printed": _meur(printed), "lines": unknown},
                    ),
                    "column-total-excludes-unknown",
                )
            )
    grand_known = sum(line.printed_total_meur or 0.0 for line in lines)
    if totals.total_meur is not None:
        where = Coded("finding.where.totals", {"table": table})
        out.append(_agreement(where, "grand_total", "known", grand_known, totals.total_meur))
        by_year = sum(v for v in totals.costs_meur.values() if v is not None)
        if abs(by_year - totals.total_meur) > TOLERANCE_MEUR:
            out.append(
                Finding(
                    "consistency",
                    where,
                    Coded(
                        "finding.grand_total_years_mismatch",
                        {"by_year": _meur(by_year), "printed": _meur(totals.total_meur)},
                    ),
                    "grand-total-years-mismatch",
                )
            )
    for source in totals.coverage_meur.root:  # the plan's sources (checked on load)
        printed_src = totals.coverage_meur.get(source)
        values = [line.coverage_meur.get(source) for line in lines]
        known = sum(v for v in values if v is not None)
        if printed_src is None:
            continue
        ok = abs(known - printed_src) <= TOLERANCE_MEUR
        out.append(
            Finding(
                "consistency",
                Coded(
                    "finding.where.coverage_column",
                    {"table": table, "source": _source(plan, source)},
                ),
                Coded("finding.coverage_column_ok", {"known": _meur(known)})
                if ok
                else Coded(
                    "finding.coverage_column_mismatch",
                    {"known": _meur(known), "printed": _meur(printed_src)},
                ),
                "coverage-column-ok" if ok else "coverage-column-mismatch",
            )
        )
    return out


def _employment_findings(plan: Plan) -> list[Finding]:
    emp = plan.employment
    label = jobs_table_label(plan)
    out: list[Finding] = []
    base_total = emp.base_total
    if emp.printed_base_total is not None:
        where = _in(label, emp.base_year)
        if emp.printed_base_total != base_total:
            text = Coded(
                "finding.base_total_mismatch",
                {"total": Count(base_total), "printed": Count(emp.printed_base_total)},
            )
            out.append(Finding("consistency", where, text, "figure6-total-mismatch"))
        else:
            text = Coded("finding.base_total_ok", {"total": Count(base_total)})
            out.append(Finding("consistency", where, text, "figure6-total-ok"))
    for key, scenario in emp.scenarios.items():
        total = scenario.total
        where = Coded(
            "finding.where.scenario",
            {
                "table": label,
                "scenario": Named(scenario.name_nl, scenario.name_en),
                "year": emp.target_year,
            },
        )
        if scenario.printed_total is not None and scenario.printed_total != total:
            out.append(
                Finding(
                    "consistency",
                    where,
                    Coded(
                        "finding.scenario_total_mismatch",
                        {
                            "total": Count(total),
                            "printed": Count(scenario.printed_total),
                            "difference": Figure(scenario.printed_total - total, 0, True),
                        },
                    ),
                    "figure6-total-mismatch",
                )
            )
        elif scenario.printed_total is not None:
            out.append(
                Finding(
                    "consistency",
                    where,
                    Coded("finding.scenario_total_ok", {"total": Count(total)}),
                    "figure6-total-ok",
                )
            )
        if scenario.printed_revenue_growth_pct is not None:
            out.append(
                Finding(
                    "interpretation",
                    where,
                    Coded(
                        "finding.revenue_not_jobs",
                        {
                            "printed": Figure(scenario.printed_revenue_growth_pct, AS_NEEDED),
                            "growth": Figure(_pct(total, base_total), 0, True),
                            "base": Count(base_total),
                            "total": Count(total),
                        },
                    ),
                    "figure6-revenue-not-jobs",
                )
            )
        if emp.goal is None:
            continue
        goal_jobs = round(emp.goal.jobs_for(base_total))
        params = {
            "goal": Count(goal_jobs),
            "year": emp.goal.year,
            "factor": Figure(emp.goal.factor, AS_NEEDED),
            "base": Count(base_total),
            "by": Count(abs(total - goal_jobs)),
        }
        text = (
            Coded("finding.goal_reached", params)
            if total >= goal_jobs
            else Coded("finding.goal_missed", params)
        )
        out.append(Finding("interpretation", where, text, f"goal-{key}"))
    return out


PROGRAMME_MISSING: dict[tuple[bool, bool], Coded] = {
    (True, False): Coded("finding.programme.graduates"),
    (False, True): Coded("finding.programme.share"),
    (True, True): Coded("finding.programme.both"),
}
"""What a programme does not give, by (graduates per year unknown, join share unknown)."""

PHASE_MISSING: dict[tuple[bool, bool], Coded] = {
    (True, False): Coded("finding.phase.start"),
    (False, True): Coded("finding.phase.end"),
    (True, True): Coded("finding.phase.both"),
}
"""The years a phase does not give, by (start unknown, end unknown)."""


def _unknown_findings(plan: Plan) -> list[Finding]:
    out: list[Finding] = []
    for plot in plan.space.plots if plan.space is not None else []:
        if plot.available_from is None:
            out.append(
                Finding(
                    "unknown",
                    Coded("finding.where.plot", {"plot": plot.name}),
                    Coded("finding.unknown_plot_year"),
                    "unknown-plot-year",
                )
            )
    talent = plan.talent
    adopted = {t.year: t for t in talent.targets} if talent is not None else {}
    for year in [*talent.interim_years, talent.goal_year] if talent is not None else []:
        target = adopted.get(year)
        missing: list[str] = (
            [Coded("finding.every_level")]
            if target is None
            else [level for level, value in target.hires.items() if value is None]
        )
        if missing:
            out.append(
                Finding(
                    "unknown",
                    Coded("finding.where.talent_target", {"year": year}),
                    Coded("finding.unknown_talent_target", {"levels": missing}),
                    "unknown-talent-target",
                )
            )
    for programme in talent.programmes if talent is not None else []:
        unknown = (programme.graduates_per_year is None, programme.join_share is None)
        if any(unknown):
            out.append(
                Finding(
                    "unknown",
                    Coded("finding.where.programme", {"programme": programme.name}),
                    Coded("finding.unknown_programme_figure", {"what": PROGRAMME_MISSING[unknown]}),
                    "unknown-programme-figure",
                )
            )
    for fact in plan.facts:
        if fact.value is None:
            out.append(
                Finding(
                    "unknown",
                    Coded("finding.where.fact", {"fact": Named(fact.label_nl, fact.label_en)}),
                    Coded("finding.unknown_fact"),
                    "unknown-fact",
                )
            )
    for project in plan.finance.projects:
        for phase in project.phases:
            unknown = (phase.start is None, phase.end is None)
            if any(unknown):
                out.append(
                    Finding(
                        "unknown",
                        _in(Named(project.name_nl, project.name_en), phase.name_nl),
                        Coded("finding.unknown_phase_year", {"what": PHASE_MISSING[unknown]}),
                        "unknown-phase-year",
                    )
                )
    places = [o.name for o in plan.organisations if o.place is None and o.in_region]
    if places:
        out.append(
            Finding(
                "unknown",
                Coded("finding.where.organisations"),
                Coded("finding.unknown_place", {"names": places}),
                "unknown-place",
            )
        )
    return out


def _cross_part_findings(plan: Plan) -> list[Finding]:
    out: list[Finding] = []
    fin = plan.finance
    printed = fin.projects_printed_totals
    project_total = (printed.total_meur if printed is not None else None) or 0.0
    org_printed = fin.organisation_printed_totals
    org_total = (org_printed.total_meur if org_printed is not None else None) or 0.0
    if fin.agenda_meur_approx is not None and printed is not None:
        projects, organisation = cost_table_labels(plan)
        out.append(
            Finding(
                "interpretation",
                Coded("finding.where.agenda"),
                Coded(
                    "finding.agenda_size",
                    {
                        "agenda": _meur(fin.agenda_meur_approx),
                        "projects": projects,
                        "organisation": organisation,
                        "sum": _meur(project_total + org_total),
                        "project_total": _meur(project_total),
                        "organisation_total": _meur(org_total),
                    },
                ),
                "agenda-size",
            )
        )
    space = plan.space
    if space is None:
        return out
    remaining = space.demand.value_m2 - space.realised.value_m2
    plots = space.plots_m2
    out.append(
        Finding(
            "interpretation",
            Coded("finding.where.space"),
            Coded(
                "finding.space_balance",
                {
                    "period": space.demand.period or "",
                    "demand": Figure(space.demand.value_m2),
                    "realised": Figure(space.realised.value_m2),
                    "remaining": Figure(remaining),
                    "plots": Figure(plots),
                    "shortfall": Figure(remaining - plots),
                },
            ),
            "space-balance",
        )
    )
    return out


# ----------------------------------------------------------------------------- contradictions
# Where the plan's text (stored as statements in the data) and its numbers disagree.

PERIODS_PER_YEAR: dict[str, float] = {"year": 1.0, "month": 12.0, "week": 52.0, "day": 365.0}
"""Unit definitions for comparing rates stated per period: a year of 12 months, 52 weeks,
365 days (calendar conventions, not model assumptions)."""

RELATIVE_TOLERANCE = 1e-9
"""Two statements of the same quantity agree when they differ by less than this share."""


def _per_period(unit: str) -> tuple[str, str] | None:
    """``"wafers/week"`` -> ``("wafers", "week")``; None when the unit is not a rate."""
    thing, sep, period = unit.partition("/")
    period = period.strip().lower()
    if not sep or period not in PERIODS_PER_YEAR:
        return None
    return thing.strip().lower(), period


PERIOD_WORDS: dict[str, tuple[Coded, Coded]] = {
    "year": (Coded("finding.period.year"), Coded("finding.periods.year")),
    "month": (Coded("finding.period.month"), Coded("finding.periods.month")),
    "week": (Coded("finding.period.week"), Coded("finding.periods.week")),
    "day": (Coded("finding.period.day"), Coded("finding.periods.day")),
}
"""The words of each period of :data:`PERIODS_PER_YEAR`: one (``week``) and several."""


def _unit(unit: str) -> str | Coded:
    """A fact's unit in the reader's language: a rate's period and the units the catalogue
    has words for (``unit.<unit>``) are translated, the rest is the plan's text."""
    rate = _per_period(unit)
    if rate is not None:
        thing = unit.partition("/")[0].strip()
        return Coded("finding.per", {"thing": _unit(thing), "period": PERIOD_WORDS[rate[1]][0]})
    code = unit_code(unit)
    return Coded(code) if code else unit


def _about(fact: Fact) -> str:
    if fact.bound == "lower":
        return Coded("finding.about.lower")
    if fact.bound == "upper":
        return Coded("finding.about.upper")
    return Coded("finding.about.approximate") if fact.approximate else ""


def _rate_pair_findings(plan: Plan) -> list[Finding]:
    """Facts that state the same quantity per different periods (``same_quantity_as``)."""
    facts = {f.id: f for f in plan.facts}
    out: list[Finding] = []
    for fact in plan.facts:
        other = facts.get(fact.same_quantity_as or "")
        if other is None:
            continue
        where = Coded(
            "finding.where.fact_pair",
            {
                "fact": Named(fact.label_nl, fact.label_en),
                "other": Named(other.label_nl, other.label_en),
            },
        )
        mine, theirs = _per_period(fact.unit), _per_period(other.unit)
        if mine is None or theirs is None or mine[0] != theirs[0]:
            out.append(
                Finding(
                    "interpretation",
                    where,
                    Coded("finding.rate_pair_units", {"unit": fact.unit, "other_unit": other.unit}),
                    "rate-pair-units",
                )
            )
            continue
        if fact.value is None or other.value is None:
            continue
        factor = PERIODS_PER_YEAR[mine[1]] / PERIODS_PER_YEAR[theirs[1]]
        converted = fact.value * factor
        params: dict[str, Any] = {
            "about": _about(fact),
            "value": Figure(fact.value),
            "unit": _unit(fact.unit),
            "converted": Figure(converted),
            "other_unit": _unit(other.unit),
        }
        if math.isclose(converted, other.value, rel_tol=RELATIVE_TOLERANCE):
            out.append(
                Finding("consistency", where, Coded("finding.rate_pair_ok", params), "rate-pair-ok")
            )
            continue
        diff = 100.0 * (converted / other.value - 1.0) if other.value else math.inf
        params |= {
            "factor": Figure(factor),
            "periods": PERIOD_WORDS[mine[1]][1],
            "period": PERIOD_WORDS[theirs[1]][0],
            "other_about": _about(other),
            "other_value": Figure(other.value),
            "difference": Figure(diff, 1, True),
            "back": Figure(other.value / factor),
        }
        out.append(
            Finding(
                "consistency",
                where,
                Coded("finding.rate_pair_mismatch", params),
                "rate-pair-mismatch",
            )
        )
    return out


def _fact_refs(value: Any) -> Iterator[str]:
    """Fact ids referred to as ``fact:<id>`` anywhere in an assumption value."""
    if isinstance(value, str) and value.startswith("fact:"):
        yield value.removeprefix("fact:")
    elif isinstance(value, dict):
        for item in value.values():
            yield from _fact_refs(item)
    elif isinstance(value, list):
        for item in value:
            yield from _fact_refs(item)


def _bound_findings(plan: Plan) -> list[Finding]:
    """Facts the plan states as bounds: kept as bounds, and never used as a central value."""
    out: list[Finding] = []
    bounded = {f.id: f for f in plan.facts if f.bound is not None}
    for fact in bounded.values():
        if fact.value is None:
            continue
        params = {"about": _about(fact), "value": Figure(fact.value), "unit": _unit(fact.unit)}
        out.append(
            Finding(
                "interpretation",
                Coded("finding.where.fact", {"fact": Named(fact.label_nl, fact.label_en)}),
                Coded("finding.fact_bound_lower", params)
                if fact.bound == "lower"
                else Coded("finding.fact_bound_upper", params),
                "fact-bound",
            )
        )
    for assumption in plan.assumptions:
        for ref in _fact_refs(assumption.value):
            used = bounded.get(ref)
            if used is not None and used.value is not None:
                out.append(
                    Finding(
                        "consistency",
                        Coded("finding.where.assumption", {"id": assumption.id}),
                        Coded(
                            "finding.fact_bound_used_as_value",
                            {
                                "fact": ref,
                                "about": _about(used),
                                "value": Figure(used.value),
                                "unit": _unit(used.unit),
                            },
                        ),
                        "fact-bound-used-as-value",
                    )
                )
    return out


def _statement_findings(plan: Plan) -> list[Finding]:
    """Rows of the jobs table whose text excludes pillars that the row's numbers grow."""
    emp = plan.employment
    label = jobs_table_label(plan)
    out: list[Finding] = []
    before: dict[str, int] = dict(emp.base)
    before_name: str = str(emp.base_year)
    for scenario in emp.scenarios.values():
        name = Named(scenario.name_nl, scenario.name_en)
        where = Coded(
            "finding.where.scenario", {"table": label, "scenario": name, "year": emp.target_year}
        )
        for statement in scenario.statements:
            text = Named(statement.text_nl or statement.text_en, statement.text_en)
            for pillar in statement.pillars:
                was, now = before.get(pillar), scenario.jobs.get(pillar)
                if was is None or now is None:
                    continue
                if now == was:
                    out.append(
                        Finding(
                            "consistency",
                            where,
                            Coded(
                                "finding.statement_excluded_ok",
                                {"pillar": _pillar(plan, pillar), "text": text, "now": Count(now)},
                            ),
                            "statement-excluded-ok",
                        )
                    )
                    continue
                change = (
                    Coded("finding.change.percent", {"percent": Figure(_pct(now, was), 0, True)})
                    if was
                    else Coded("finding.change.from_zero")
                )
                out.append(
                    Finding(
                        "consistency",
                        where,
                        Coded(
                            "finding.statement_excluded_grows",
                            {
                                "pillar": _pillar(plan, pillar),
                                "text": text,
                                "was": Count(was),
                                "before": before_name,
                                "now": Count(now),
                                "change": change,
                            },
                        ),
                        "statement-excluded-grows",
                    )
                )
        before = dict(scenario.jobs)
        before_name = name
    return out


def _agenda_findings(plan: Plan) -> list[Finding]:
    """A stated agenda total that cannot include the lines whose cost is unknown."""
    fin = plan.finance
    if fin.agenda_meur_approx is None:
        return []
    out: list[Finding] = []
    for line in [*fin.projects, *fin.organisation]:
        unknown = line.unknown_cost_years
        if not unknown and line.printed_total_meur is not None:
            continue
        known = line.known_cost_meur
        what = (
            Coded("finding.agenda.unknown_years", {"years": unknown})
            if unknown
            else Coded("finding.agenda.unknown_total")
        )
        out.append(
            Finding(
                "consistency",
                Coded("finding.where.agenda"),
                Coded(
                    "finding.agenda_excludes_unknown",
                    {
                        "agenda": _meur(fin.agenda_meur_approx),
                        "line": _line_name(line),
                        "what": what,
                        "known": _meur(known),
                    },
                ),
                "agenda-excludes-unknown",
            )
        )
    return out


def contradiction_findings(plan: Plan) -> list[Finding]:
    """Where the plan's statements (text, stored as data) and its numbers disagree."""
    return (
        _statement_findings(plan)
        + _rate_pair_findings(plan)
        + _bound_findings(plan)
        + _agenda_findings(plan)
    )


def plan_findings(plan: Plan) -> list[Finding]:
    """All findings of a plan, in reading order: employment, tables, unknowns, cross-checks."""
    fin = plan.finance
    projects, organisation = cost_table_labels(plan)
    findings = _employment_findings(plan)
    for project in fin.projects:
        findings += _cost_line_findings(plan, projects, project)
    findings += _table_findings(
        plan, projects, list(fin.projects), fin.projects_printed_totals, fin.cost_years
    )
    for line in fin.organisation:
        findings += _cost_line_findings(plan, organisation, line)
    findings += _table_findings(
        plan, organisation, list(fin.organisation), fin.organisation_printed_totals, fin.cost_years
    )
    findings += _unknown_findings(plan)
    findings += _cross_part_findings(plan)
    findings += contradiction_findings(plan)
    return findings
