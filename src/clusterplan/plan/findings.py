"""Consistency findings and unknowns of a valid plan.

A finding is not an error: the plan loads, but a figure disagrees with another figure, or
a value is unknown. ``clusterplan check`` prints them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from clusterplan.plan.schema import SOURCES, CostLine, Plan, TableTotals

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


def _fmt(value: float) -> str:
    return f"{value:,.1f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"


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
    else:
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
    table: str, lines: list[CostLine], totals: TableTotals, years: list[int]
) -> list[Finding]:
    out: list[Finding] = []
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
    for source in SOURCES:
        printed_src = getattr(totals.coverage_meur, source)
        values = [getattr(line.coverage_meur, source) for line in lines]
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
    out: list[Finding] = []
    base_total = sum(emp.base.values())
    if emp.printed_base_total is not None and emp.printed_base_total != base_total:
        out.append(
            Finding(
                "consistency",
                f"Figuur 6, {emp.base_year}",
                f"pillars add up to {base_total:,} jobs but ~{emp.printed_base_total:,} is printed",
                "figure6-total-mismatch",
            )
        )
    else:
        out.append(
            Finding(
                "consistency",
                f"Figuur 6, {emp.base_year}",
                f"pillars add up to the printed total ~{base_total:,} jobs (ok)",
                "figure6-total-ok",
            )
        )
    for key, scenario in emp.scenarios.items():
        total = sum(scenario.jobs.values())
        where = f"Figuur 6, {scenario.name_nl} ({emp.target_year})"
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
        else:
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
        goal_jobs = round(base_total * emp.goal.factor)
        if key in ("organic", "accelerated", "leap"):
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
    for plot in plan.space.plots:
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
    project_total = fin.projects_printed_totals.total_meur or 0.0
    org_total = fin.organisation_printed_totals.total_meur or 0.0
    if fin.agenda_meur_approx is not None:
        out.append(
            Finding(
                "interpretation",
                "Financieringsagenda",
                f"the summary speaks of ~{_fmt(fin.agenda_meur_approx)} M EUR; Tables 1 and 2 "
                f"add up to {_fmt(project_total + org_total)} M EUR ({_fmt(project_total)} + "
                f"{_fmt(org_total)}) before the unknown costs",
                "agenda-size",
            )
        )
    space = plan.space
    remaining = space.demand_until_2040.value_m2 - space.realised_2017_2024.value_m2
    plots = sum(p.area_m2 for p in space.plots)
    out.append(
        Finding(
            "interpretation",
            "Ruimte",
            f"demand to 2040 {_fmt(space.demand_until_2040.value_m2)} m2 minus "
            f"{_fmt(space.realised_2017_2024.value_m2)} m2 realised leaves {_fmt(remaining)} m2; "
            f"the NTC plots offer {_fmt(plots)} m2, a shortfall of {_fmt(remaining - plots)} m2",
            "space-balance",
        )
    )
    return out


def plan_findings(plan: Plan) -> list[Finding]:
    """All findings of a plan, in reading order: employment, tables, unknowns, cross-checks."""
    fin = plan.finance
    findings = _employment_findings(plan)
    for project in fin.projects:
        findings += _cost_line_findings("Tabel 1", project)
    findings += _table_findings(
        "Tabel 1", list(fin.projects), fin.projects_printed_totals, fin.cost_years
    )
    for line in fin.organisation:
        findings += _cost_line_findings("Tabel 2", line)
    findings += _table_findings(
        "Tabel 2", list(fin.organisation), fin.organisation_printed_totals, fin.cost_years
    )
    findings += _unknown_findings(plan)
    findings += _cross_part_findings(plan)
    return findings
