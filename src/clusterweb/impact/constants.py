"""Labels of the impact page: every headline figure of the core with its name, unit and
the Dutch-first text of its trace (how it is computed), by figure key of
``clusterplan.model.impact.HEADLINE``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

JOBS = "jobs"
MEUR = "meur"
K_EUR_PER_JOB = "keur_per_job"
RATIO = "ratio"

FIGURES = {
    "direct_jobs": (_("Direct jobs in the cluster"), JOBS),
    "indirect_jobs": (_("Indirect jobs (Type I, at suppliers)"), JOBS),
    "induced_jobs": (_("Induced jobs (Type II, from spending of wages)"), JOBS),
    "total_jobs": (_("Total jobs: direct, indirect and induced"), JOBS),
    "production_value_meur": (_("Production value"), MEUR),
    "value_added_meur": (_("Value added"), MEUR),
    "public_meur": (_("Public money"), MEUR),
    "private_meur": (_("Private money"), MEUR),
    "funded_direct_jobs": (_("Direct jobs the funded projects add"), JOBS),
    "funded_total_jobs": (_("Jobs the funded projects add, with indirect and induced"), JOBS),
    "public_meur_per_direct_job": (_("Public money per direct job"), K_EUR_PER_JOB),
    "public_meur_per_total_job": (_("Public money per total job"), K_EUR_PER_JOB),
    "leverage": (_("Leverage: private euro per public euro"), RATIO),
    "net_additional_jobs": (_("Net additional jobs (after deadweight and displacement)"), JOBS),
    "public_meur_per_net_additional_job": (
        _("Public money per net additional job"),
        K_EUR_PER_JOB,
    ),
}
"""Figure key -> (label, unit kind)."""

COMPUTED = {
    "indirect_jobs": _("direct jobs × (impact.type1-multiplier − 1), per pillar"),
    "induced_jobs": _(
        "direct jobs × (impact.type2-multiplier − impact.type1-multiplier), per pillar"
    ),
    "total_jobs": _("direct + indirect + induced jobs"),
    "production_value_meur": _(
        "direct jobs × impact.revenue-per-fte × (1 + growth.productivity-growth) ^ years"
        " since the base year, per pillar"
    ),
    "value_added_meur": _("production value × impact.value-added-share, per pillar"),
    "funded_total_jobs": _("funded direct jobs × impact.type2-multiplier, per pillar"),
    "public_meur_per_direct_job": _("public money / direct jobs the funded projects add"),
    "public_meur_per_total_job": _("public money / jobs the funded projects add, in total"),
    "leverage": _("private money / public money"),
    "net_additional_jobs": _(
        "funded total jobs × impact.additionality × (1 − impact.displacement)"
    ),
    "public_meur_per_net_additional_job": _("public money / net additional jobs"),
}
"""Figure key -> the formula of a computed figure (assumption ids stay as they are)."""

PLAN = {
    "direct_jobs": _("{section}; years in between from the growth engine"),
    "public_meur": _(
        "{tables}: coverage of the funded lines by the sources that finance.public-sources"
        " counts as public"
    ),
    "private_meur": _("{tables}: coverage of the funded lines by the other sources"),
}
"""Figure key -> the plan figure it is (``{section}`` and ``{tables}`` filled in)."""

ASSUMED = {
    "funded_direct_jobs": _(
        "growth.project.job-split: the jobs each project adds (an assumption where the"
        " plan gives no business case)"
    ),
}
"""Figure key -> the named assumption it is."""

KIND_LABELS = {
    "plan": _("Plan figure"),
    "assumption": _("Assumption"),
    "computed": _("Computed"),
}
