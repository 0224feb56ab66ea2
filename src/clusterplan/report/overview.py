"""A readable terminal overview of a plan: goal, jobs, money, space, talent, governance."""

from __future__ import annotations

from clusterplan.app import scenarios
from clusterplan.i18n import current_language, gettext
from clusterplan.plan.findings import plan_findings
from clusterplan.plan.schema import Plan
from clusterplan.report.numbers import format_number
from clusterplan.report.table import Column, Row, Table, figure, label, render_text
from clusterplan.report.tables import (
    JOBS,
    dimension_name,
    jobs_table,
    organisation_table,
    projects_table,
)


def landings_table(plan: Plan, lang: str) -> Table:
    """Each growth dimension's total jobs in the target year
    (:func:`clusterplan.app.scenarios.landings`) and, when the plan sets a goal, the goal
    and the difference from it (negative: short of it)."""
    target = scenarios.goal(plan)
    year = plan.employment.target_year
    head = [
        Column("dimension", gettext("Growth dimension", lang), "label"),
        Column("jobs", gettext("Jobs", lang), "other", JOBS),
    ]
    if target.declared:
        head += [
            Column("goal", gettext("Goal", lang), "other", JOBS),
            Column("difference", gettext("Difference from the goal", lang), "other", JOBS),
        ]
        title = gettext("Where each growth dimension lands in {year} against the goal", lang)
    else:
        title = gettext("Jobs per growth dimension in {year}", lang)
    goal = figure(target.jobs, JOBS, printed=False)
    rows = []
    for landing in scenarios.landings(plan):
        scenario = plan.employment.scenarios[landing.dimension]
        jobs = figure(landing.jobs, JOBS, scenario.source or scenario.assumption)
        cells = [label(dimension_name(plan, landing.dimension, lang)), jobs]
        if target.declared:
            cells += [goal, figure(landing.difference, JOBS, printed=False)]
        rows.append(Row(landing.dimension, tuple(cells)))
    shown = title.format(year=year)
    return Table("goal-landings", shown, shown, lang, tuple(head), tuple(rows), unit=JOBS)


def render_overview(plan: Plan, lang: str | None = None) -> str:
    """The plan at a glance, as text in ``lang`` (default: the language of this run)."""
    lang = lang or current_language()

    def _(text: str) -> str:
        return gettext(text, lang)

    def n(value: float, decimals: int | None = 0) -> str:
        return format_number(value, lang, decimals)

    fin = plan.finance
    goal = scenarios.goal(plan)
    findings = plan_findings(plan)
    projects = projects_table(plan, lang)
    projects_total = projects.cell("total", "total").shown(lang)
    organisation = organisation_table(plan, lang)
    organisation_name = _("none") if organisation is None else organisation.name
    organisation_total = (
        "0" if organisation is None else organisation.cell("total", "total").shown(lang)
    )
    unknown = sum(1 for f in findings if f.kind == "unknown")
    mismatches = sum(1 for f in findings if f.kind == "consistency" and not f.code.endswith("ok"))
    lines = [
        plan.meta.title,
        _("{cluster} ({region}), {published}; horizon {start}-{end}").format(
            cluster=plan.meta.cluster,
            region=plan.meta.region,
            published=plan.meta.published,
            start=plan.meta.horizon_start,
            end=plan.meta.horizon_end,
        ),
        "",
        scenarios.goal_line(plan, lang) + (f" [{goal.provenance}]" if goal.declared else ""),
        "",
        render_text(jobs_table(plan, lang)),
        "",
        render_text(landings_table(plan, lang)),
        "",
        _(
            "Projects ({name}): {n}, {total} M EUR for {first}-{last}; "
            "organisation ({organisation}): {organisation_total} M EUR."
        ).format(
            name=projects.name,
            n=len(fin.projects),
            total=projects_total,
            first=fin.cost_years[0],
            last=fin.cost_years[-1],
            organisation=organisation_name,
            organisation_total=organisation_total,
        ),
    ]
    for project in fin.projects:
        total = "?" if project.printed_total_meur is None else n(project.printed_total_meur)
        unknown_mark = " " + _("(+ unknown)") if project.unknown_cost_years else ""
        name = project.name_en if lang == "en" and project.name_en else project.name_nl
        dimension = dimension_name(plan, project.dimension, lang)
        lines.append(f"  - {name} [{dimension}]: {total} {_('M EUR')}{unknown_mark}")
    space = plan.space
    lines += [
        "",
        (
            _(
                "Space: demand {period} {demand} m² ({realised} m² realised {realised_period}); "
                "plots: {plots}"
            ).format(
                period=space.demand.period or "",
                demand=n(space.demand.value_m2),
                realised=n(space.realised.value_m2),
                realised_period=space.realised.period or "",
                plots=", ".join(f"{p.name} {n(p.area_m2)} m²" for p in space.plots),
            )
            if space is not None
            else _("Space: the plan has no space section.")
        ),
        (
            _("Talent: interim years {years}, end goal {goal}; {n} programme components.").format(
                years=", ".join(map(str, plan.talent.interim_years)),
                goal=plan.talent.goal_year,
                n=len(plan.talent.components),
            )
            if plan.talent is not None
            else _("Talent: the plan has no talent section.")
        ),
        _("Organisations named in the plan: {n}; ").format(n=len(plan.organisations))
        + (
            _("steering group: {n} members.").format(n=len(plan.governance.steering_group))
            if plan.governance is not None
            else _("the plan has no governance section.")
        ),
        "",
        _(
            "Check: {findings} findings, {mismatches} inconsistencies, {unknown} unknowns "
            "(run 'clusterplan check' for all of them)."
        ).format(findings=len(findings), mismatches=mismatches, unknown=unknown),
    ]
    return "\n".join(lines)
