"""A readable terminal overview of a plan: goal, jobs, money, space, talent, governance."""

from __future__ import annotations

from clusterplan.plan.findings import plan_findings
from clusterplan.plan.schema import Plan
from clusterplan.report.table import render_text
from clusterplan.report.tables import jobs_table, organisation_table, projects_table


def render_overview(plan: Plan) -> str:
    """The plan at a glance, as text."""
    emp = plan.employment
    fin = plan.finance
    base_total = sum(emp.base.values())
    findings = plan_findings(plan)
    projects = projects_table(plan, "en")
    projects_total = projects.cell("total", "total").shown("en")
    organisation = organisation_table(plan, "en")
    organisation_name = "none" if organisation is None else organisation.name
    organisation_total = (
        "0" if organisation is None else organisation.cell("total", "total").shown("en")
    )
    unknown = sum(1 for f in findings if f.kind == "unknown")
    mismatches = sum(1 for f in findings if f.kind == "consistency" and not f.code.endswith("ok"))
    lines = [
        plan.meta.title,
        f"{plan.meta.cluster} ({plan.meta.region}), {plan.meta.published}; horizon "
        f"{plan.meta.horizon_start}-{plan.meta.horizon_end}",
        "",
        (
            f"Goal: at least x{emp.goal.factor:g} jobs by {emp.goal.year}: {base_total:,} -> "
            f"{round(emp.goal.jobs_for(base_total)):,} jobs [{emp.goal.source}]"
            if emp.goal is not None
            else f"Goal: the plan sets none ({base_total:,} jobs in {emp.base_year})."
        ),
        "",
        render_text(jobs_table(plan, "en")),
        "",
        f"Projects ({projects.name}): {len(fin.projects)}, {projects_total} M EUR "
        f"for {fin.cost_years[0]}-{fin.cost_years[-1]}; organisation ({organisation_name}): "
        f"{organisation_total} M EUR.",
    ]
    for project in fin.projects:
        total = "?" if project.printed_total_meur is None else f"{project.printed_total_meur:,.0f}"
        unknown_mark = " (+ unknown)" if any(v is None for v in project.costs_meur.values()) else ""
        lines.append(f"  - {project.name_nl} [{project.dimension}]: {total} M EUR{unknown_mark}")
    space = plan.space
    lines += [
        "",
        (
            f"Space: demand {space.demand.period or ''} "
            f"{space.demand.value_m2:,.0f} m2 "
            f"({space.realised.value_m2:,.0f} m2 realised "
            f"{space.realised.period or ''}); plots: "
            + ", ".join(f"{p.name} {p.area_m2:,.0f} m2" for p in space.plots)
            if space is not None
            else "Space: the plan has no space section."
        ),
        (
            f"Talent: interim years {', '.join(map(str, plan.talent.interim_years))}, end goal "
            f"{plan.talent.goal_year}; {len(plan.talent.components)} programme components."
            if plan.talent is not None
            else "Talent: the plan has no talent section."
        ),
        f"Organisations named in the plan: {len(plan.organisations)}; "
        + (
            f"steering group: {len(plan.governance.steering_group)} members."
            if plan.governance is not None
            else "the plan has no governance section."
        ),
        "",
        f"Check: {len(findings)} findings, {mismatches} inconsistencies, {unknown} unknowns "
        "(run 'clusterplan check' for all of them).",
    ]
    return "\n".join(lines)
