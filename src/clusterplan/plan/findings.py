"""Consistency findings and unknowns of a valid plan.

A finding is not an error: the plan loads, but a figure disagrees with another figure, or
a value is unknown. ``clusterplan check`` prints them all.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from clusterplan.plan.schema import CostLine, Fact, Plan, TableTotals
from clusterplan.report.numbers import format_number

Kind = Literal["consistency", "unknown", "interpretation"]

TOLERANCE_MEUR = 1e-6
"""Amounts in the plan are exact decimals; anything larger than this is a real difference."""


@dataclass(frozen=True)
class Finding:
    """One observation about a plan."""

    kind: Kind
    where: str
    message: str
    code: str

    def __str__(self) -> str:
        return f"[{self.kind}] {self.where}: {self.message}"


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
    """The plan's name of its table of jobs per pillar and growth dimension."""
    emp = plan.employment
    return table_label([emp.source, *(s.source for s in emp.scenarios.values())], "jobs table")


def cost_table_labels(plan: Plan) -> tuple[str, str]:
    """The plan's names of its projects table and its organisation cost table."""
    fin = plan.finance
    projects = getattr(fin, "projects_printed_totals", None)
    organisation = getattr(fin, "organisation_printed_totals", None)
    return (
        table_label(
            [projects.source if projects else None, *(p.source for p in fin.projects)],
            "projects table",
        ),
        table_label(
            [organisation.source if organisation else None, *(o.source for o in fin.organisation)],
            "organisation table",
        ),
    )


def _fmt(value: float) -> str:
    return format_number(value, "en")


def _pct(part: float, whole: float) -> float:
    return 100.0 * (part / whole - 1.0)


def _cost_line_findings(table: str, line: CostLine) -> list[Finding]:
    out: list[Finding] = []
    where = f"{table}, {line.name_nl}"
    unknown_years = [y for y, v in line.costs_meur.items() if v is None]
    known_sum = sum(v for v in line.costs_meur.values() if v is not None)
    printed = line.printed_total_meur
    if unknown_years:
        years = ", ".join(str(y) for y in unknown_years)
        out.append(
            Finding(
                "unknown",
                where,
                f"costs unknown ('?') in {years}; known costs add up to {_fmt(known_sum)} M EUR"
                + (
                    f", the printed total {_fmt(printed)} M EUR is therefore a lower bound"
                    if printed is not None
                    else ", and the printed total is not a number"
                ),
                "unknown-cost",
            )
        )
    elif printed is not None and abs(known_sum - printed) > TOLERANCE_MEUR:
        out.append(
            Finding(
                "consistency",
                where,
                f"yearly costs add up to {_fmt(known_sum)} M EUR but the printed total is "
                f"{_fmt(printed)} M EUR",
                "cost-total-mismatch",
            )
        )
    elif printed is not None:
        out.append(
            Finding(
                "consistency",
                where,
                f"yearly costs add up to the printed total {_fmt(known_sum)} M EUR (ok)",
                "cost-total-ok",
            )
        )
    coverage = line.coverage_meur.as_dict()
    unknown_sources = [s for s, v in coverage.items() if v is None]
    covered = sum(v for v in coverage.values() if v is not None)
    if unknown_sources:
        out.append(
            Finding(
                "unknown",
                where,
                f"coverage unknown ('?') for {', '.join(unknown_sources)}; known coverage "
                f"{_fmt(covered)} M EUR",
                "unknown-coverage",
            )
        )
    elif printed is not None and not unknown_years:
        ok = abs(covered - printed) <= TOLERANCE_MEUR
        out.append(
            Finding(
                "consistency",
                where,
                f"coverage adds up to {_fmt(covered)} M EUR "
                + ("= total (ok)" if ok else f"but the total is {_fmt(printed)} M EUR"),
                "coverage-ok" if ok else "coverage-mismatch",
            )
        )
    if line.blank_years:
        out.append(
            Finding(
                "interpretation",
                where,
                "blank cells in "
                + ", ".join(str(y) for y in line.blank_years)
                + " read as 0 (the printed row and column totals confirm it)",
                "blank-as-zero",
            )
        )
    return out


def _table_findings(
    table: str, lines: list[CostLine], totals: TableTotals | None, years: list[int]
) -> list[Finding]:
    out: list[Finding] = []
    if totals is None:
        return out
    for year in years:
        values = [line.costs_meur.get(year) for line in lines]
        known = sum(v for v in values if v is not None)
        unknown = [line.name_nl for line, v in zip(lines, values, strict=True) if v is None]
        printed = totals.costs_meur.get(year)
        if printed is None:
            continue
        if abs(known - printed) > TOLERANCE_MEUR:
            out.append(
                Finding(
                    "consistency",
                    f"{table}, totals row {year}",
                    f"the column adds up to {_fmt(known)} M EUR but {_fmt(printed)} is printed",
                    "column-total-mismatch",
                )
            )
        elif unknown:
            out.append(
                Finding(
                    "unknown",
                    f"{table}, totals row {year}",
                    f"printed total {_fmt(printed)} M EUR equals the known cells; it leaves out "
                    f"the unknown costs of {', '.join(unknown)}",
                    "column-total-excludes-unknown",
                )
            )
    grand_known = sum(line.printed_total_meur or 0.0 for line in lines)
    if totals.total_meur is not None:
        ok = abs(grand_known - totals.total_meur) <= TOLERANCE_MEUR
        out.append(
            Finding(
                "consistency",
                f"{table}, totals row",
                f"project totals add up to {_fmt(grand_known)} M EUR"
                + (" = printed grand total (ok)" if ok else f", printed {_fmt(totals.total_meur)}"),
                "grand-total-ok" if ok else "grand-total-mismatch",
            )
        )
        by_year = sum(v for v in totals.costs_meur.values() if v is not None)
        if abs(by_year - totals.total_meur) > TOLERANCE_MEUR:
            out.append(
                Finding(
                    "consistency",
                    f"{table}, totals row",
                    f"the printed yearly totals add up to {_fmt(by_year)} M EUR, the printed "
                    f"grand total is {_fmt(totals.total_meur)} M EUR",
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
                f"{table}, coverage column '{source}'",
                f"adds up to {_fmt(known)} M EUR"
                + (" = printed total (ok)" if ok else f" but {_fmt(printed_src)} is printed"),
                "coverage-column-ok" if ok else "coverage-column-mismatch",
            )
        )
    return out


def _employment_findings(plan: Plan) -> list[Finding]:
    emp = plan.employment
    label = jobs_table_label(plan)
    out: list[Finding] = []
    base_total = sum(emp.base.values())
    if emp.printed_base_total is not None and emp.printed_base_total != base_total:
        out.append(
            Finding(
                "consistency",
                f"{label}, {emp.base_year}",
                f"pillars add up to {base_total:,} jobs but ~{emp.printed_base_total:,} is printed",
                "figure6-total-mismatch",
            )
        )
    elif emp.printed_base_total is not None:
        out.append(
            Finding(
                "consistency",
                f"{label}, {emp.base_year}",
                f"pillars add up to the printed total ~{base_total:,} jobs (ok)",
                "figure6-total-ok",
            )
        )
    for key, scenario in emp.scenarios.items():
        total = sum(scenario.jobs.values())
        where = f"{label}, {scenario.name_nl} ({emp.target_year})"
        if scenario.printed_total is not None and scenario.printed_total != total:
            out.append(
                Finding(
                    "consistency",
                    where,
                    f"the pillars add up to {total:,} jobs but the printed total is "
                    f"~{scenario.printed_total:,} (difference {scenario.printed_total - total:+,})",
                    "figure6-total-mismatch",
                )
            )
        elif scenario.printed_total is not None:
            out.append(
                Finding(
                    "consistency",
                    where,
                    f"the pillars add up to the printed total ~{total:,} jobs (ok)",
                    "figure6-total-ok",
                )
            )
        if scenario.printed_revenue_growth_pct is not None:
            job_growth = _pct(total, base_total)
            out.append(
                Finding(
                    "interpretation",
                    where,
                    f"the printed +{scenario.printed_revenue_growth_pct:g}% is revenue growth "
                    f"('Omzet'), not job growth: jobs grow {job_growth:+.0f}% "
                    f"({base_total:,} -> {total:,})",
                    "figure6-revenue-not-jobs",
                )
            )
        if emp.goal is None:
            continue
        goal_jobs = round(emp.goal.jobs_for(base_total))
        verdict = "reaches" if total >= goal_jobs else "falls short of"
        out.append(
            Finding(
                "interpretation",
                where,
                f"{verdict} the goal of {goal_jobs:,} jobs in {emp.goal.year} "
                f"({emp.goal.factor:g} x {base_total:,}) by {abs(total - goal_jobs):,}",
                f"goal-{key}",
            )
        )
    return out


def _unknown_findings(plan: Plan) -> list[Finding]:
    out: list[Finding] = []
    for plot in plan.space.plots if plan.space is not None else []:
        if plot.available_from is None:
            out.append(
                Finding(
                    "unknown",
                    f"Ruimte, {plot.name}",
                    "available-from year unknown",
                    "unknown-plot-year",
                )
            )
    talent = plan.talent
    adopted = {t.year: t for t in talent.targets} if talent is not None else {}
    for year in [*talent.interim_years, talent.goal_year] if talent is not None else []:
        target = adopted.get(year)
        missing = (
            ["every level"]
            if target is None
            else [level for level, value in target.hires.items() if value is None]
        )
        if missing:
            out.append(
                Finding(
                    "unknown",
                    f"Talent, tussentijds doel {year}",
                    f"no quantified target for {', '.join(missing)}",
                    "unknown-talent-target",
                )
            )
    for programme in talent.programmes if talent is not None else []:
        missing = [
            label
            for label, value in (
                ("graduates per year", programme.graduates_per_year),
                ("share joining the cluster", programme.join_share),
            )
            if value is None
        ]
        if missing:
            out.append(
                Finding(
                    "unknown",
                    f"Talent, {programme.name}",
                    f"{' and '.join(missing)} not given in the plan",
                    "unknown-programme-figure",
                )
            )
    for fact in plan.facts:
        if fact.value is None:
            out.append(
                Finding("unknown", f"Feiten, {fact.label_nl}", "value unknown", "unknown-fact")
            )
    for project in plan.finance.projects:
        for phase in project.phases:
            if phase.start is None or phase.end is None:
                missing = [a for a in ("start", "end") if getattr(phase, a) is None]
                out.append(
                    Finding(
                        "unknown",
                        f"{project.name_nl}, {phase.name_nl}",
                        f"{' and '.join(missing)} year not given in the plan",
                        "unknown-phase-year",
                    )
                )
    places = [o.name for o in plan.organisations if o.place is None and o.in_region]
    if places:
        out.append(
            Finding(
                "unknown",
                "Organisaties",
                "place not given in the plan for: " + ", ".join(places),
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
                "Financieringsagenda",
                f"the summary speaks of ~{_fmt(fin.agenda_meur_approx)} M EUR; {projects} and "
                f"{organisation} add up to {_fmt(project_total + org_total)} M EUR ({_fmt(project_total)} + "
                f"{_fmt(org_total)}) before the unknown costs",
                "agenda-size",
            )
        )
    space = plan.space
    if space is None:
        return out
    remaining = space.demand.value_m2 - space.realised.value_m2
    plots = sum(p.area_m2 for p in space.plots)
    out.append(
        Finding(
            "interpretation",
            "Ruimte",
            f"demand {space.demand.period or ''} {_fmt(space.demand.value_m2)}"
            " m2 minus "
            f"{_fmt(space.realised.value_m2)} m2 realised leaves {_fmt(remaining)} m2; "
            f"the plan's plots offer {_fmt(plots)} m2, a shortfall of {_fmt(remaining - plots)} m2",
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


def _about(fact: Fact) -> str:
    if fact.bound == "lower":
        return "more than "
    if fact.bound == "upper":
        return "at most "
    return "~" if fact.approximate else ""


def _rate_pair_findings(plan: Plan) -> list[Finding]:
    """Facts that state the same quantity per different periods (``same_quantity_as``)."""
    facts = {f.id: f for f in plan.facts}
    out: list[Finding] = []
    for fact in plan.facts:
        other = facts.get(fact.same_quantity_as or "")
        if other is None:
            continue
        where = f"Feiten, {fact.label_nl} / {other.label_nl}"
        mine, theirs = _per_period(fact.unit), _per_period(other.unit)
        if mine is None or theirs is None or mine[0] != theirs[0]:
            out.append(
                Finding(
                    "interpretation",
                    where,
                    f"stated as the same quantity but the units {fact.unit!r} and "
                    f"{other.unit!r} cannot be compared",
                    "rate-pair-units",
                )
            )
            continue
        if fact.value is None or other.value is None:
            continue
        factor = PERIODS_PER_YEAR[mine[1]] / PERIODS_PER_YEAR[theirs[1]]
        converted = fact.value * factor
        if math.isclose(converted, other.value, rel_tol=RELATIVE_TOLERANCE):
            out.append(
                Finding(
                    "consistency",
                    where,
                    f"{_about(fact)}{_fmt(fact.value)} {fact.unit} is {_fmt(converted)} "
                    f"{other.unit} (ok)",
                    "rate-pair-ok",
                )
            )
            continue
        back = other.value / factor
        diff = 100.0 * (converted / other.value - 1.0) if other.value else math.inf
        out.append(
            Finding(
                "consistency",
                where,
                f"{_about(fact)}{_fmt(fact.value)} {fact.unit} is {_fmt(converted)} {other.unit}"
                f" ({_fmt(factor)} {mine[1]}s a {theirs[1]}), not the "
                f"{_about(other)}{_fmt(other.value)} {other.unit} the plan also states "
                f"({diff:+.1f}%); {_fmt(other.value)} {other.unit} is {_fmt(back)} {fact.unit}",
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
        word = "lower" if fact.bound == "lower" else "upper"
        relation = "at least" if fact.bound == "lower" else "at most"
        out.append(
            Finding(
                "interpretation",
                f"Feiten, {fact.label_nl}",
                f"the plan says {_about(fact)}{_fmt(fact.value)} {fact.unit}: kept as a {word} "
                f"bound ({relation} {_fmt(fact.value)}), not as about {_fmt(fact.value)}",
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
                        f"Aanname {assumption.id}",
                        f"uses fact {ref!r} as a value, but the plan states only a bound "
                        f"({_about(used)}{_fmt(used.value)} {used.unit})",
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
    before_name = str(emp.base_year)
    for scenario in emp.scenarios.values():
        where = f"{label}, {scenario.name_nl} ({emp.target_year})"
        for statement in scenario.statements:
            for pillar in statement.pillars:
                was, now = before.get(pillar), scenario.jobs.get(pillar)
                if was is None or now is None:
                    continue
                if now == was:
                    out.append(
                        Finding(
                            "consistency",
                            where,
                            f"the text excludes {pillar} ('{statement.text_en}') and the row "
                            f"keeps it at {now:,} jobs (ok)",
                            "statement-excluded-ok",
                        )
                    )
                    continue
                change = f"{100.0 * (now / was - 1.0):+.0f}%" if was else "from 0"
                out.append(
                    Finding(
                        "consistency",
                        where,
                        f"the text excludes {pillar} ('{statement.text_en}') but the row "
                        f"takes it from {was:,} ({before_name}) to {now:,} jobs ({change})",
                        "statement-excluded-grows",
                    )
                )
        before = dict(scenario.jobs)
        before_name = scenario.name_nl
    return out


def _agenda_findings(plan: Plan) -> list[Finding]:
    """A stated agenda total that cannot include the lines whose cost is unknown."""
    fin = plan.finance
    if fin.agenda_meur_approx is None:
        return []
    out: list[Finding] = []
    for line in [*fin.projects, *fin.organisation]:
        unknown = [y for y, v in line.costs_meur.items() if v is None]
        if not unknown and line.printed_total_meur is not None:
            continue
        known = sum(v for v in line.costs_meur.values() if v is not None)
        years = ", ".join(str(y) for y in unknown)
        what = f"its cost in {years} is unknown ('?')" if unknown else "its total is unknown"
        out.append(
            Finding(
                "consistency",
                "Financieringsagenda",
                f"the summary's ~{_fmt(fin.agenda_meur_approx)} M EUR agenda leaves out "
                f"{line.name_nl}: {what}, only {_fmt(known)} M EUR of it is known; the agenda "
                "is a lower bound, not the cost of everything the plan proposes",
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
        findings += _cost_line_findings(projects, project)
    findings += _table_findings(
        projects, list(fin.projects), fin.projects_printed_totals, fin.cost_years
    )
    for line in fin.organisation:
        findings += _cost_line_findings(organisation, line)
    findings += _table_findings(
        organisation, list(fin.organisation), fin.organisation_printed_totals, fin.cost_years
    )
    findings += _unknown_findings(plan)
    findings += _cross_part_findings(plan)
    findings += contradiction_findings(plan)
    return findings
