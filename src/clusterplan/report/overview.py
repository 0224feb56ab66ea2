"""A readable terminal overview of a plan: goal, jobs, money, space, talent, governance."""

from __future__ import annotations

from clusterplan.i18n import current_language, gettext
from clusterplan.plan.findings import plan_findings
from clusterplan.plan.schema import Plan
from clusterplan.report.numbers import AS_NEEDED, format_number
from clusterplan.report.table import render_text
from clusterplan.report.tables import (
    dimension_name,
    jobs_table,
    organisation_table,
    projects_table,
)


def render_overview(plan: Plan, lang: str | None = None) -> str:
    """The plan at a glance, as text in ``lang`` (default: the language of this run)."""
    lang = lang or current_language()

    def _(text: str) -> str:
        return gettext(text, lang)

    def n(value: float, decimals: int | None = 0) -> str:
        return format_number(value, lang, decimals)

    emp = plan.employment
    fin = plan.finance
    base_total = sum(emp.base.values())
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
        (
            _("Goal: at least x{factor} jobs by {year}: {base} -> {target} jobs [{source}]").format(
                factor=n(emp.goal.factor, AS_NEEDED),
                year=emp.goal.year,
                base=n(base_total),
                target=n(round(emp.goal.jobs_for(base_total))),
                source=emp.goal.source,
            )
            if emp.goal is not None
            else _("Goal: the plan sets none ({base} jobs in {year}).").format(
                base=n(base_total), year=emp.base_year
            )
        ),
        "",
        render_text(jobs_table(plan, lang)),
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
        unknown_mark = (
            " " + _("(+ unknown)") if any(v is None for v in project.costs_meur.values()) else ""
        )
        name = project.name_en if lang == "en" and project.name_en else project.name_nl
        dimension = dimension_name(plan, project.dimension, lang)
        lines.append(f"  - {name} [{dimension}]: {total} {_('M EUR')}{unknown_mark}")
    space = plan.space
    lines += [
        "",
        (
            _(
                "Space: demand {period} {demand} m2 ({realised} m2 realised {realised_period}); "
                "plots: {plots}"
            ).format(
                period=space.demand.period or "",
                demand=n(space.demand.value_m2),
                realised=n(space.realised.value_m2),
                realised_period=space.realised.period or "",
                plots=", ".join(f"{p.name} {n(p.area_m2)} m2" for p in space.plots),
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
