"""What changed between two kept revisions: the core's diff (``clusterplan.plan.diff``)
as the core's tables (``clusterplan.report.diff``: one per part that changed, and both
revisions' central scenario results side by side), the ones ``clusterplan diff`` prints.

This module only picks the revisions, shows the core's tables and draws their chart; every
comparison and every scenario result comes from :func:`clusterplan.plan.diff.plan_diff`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterplan.plan.diff import NOT_IN_REVISION, PlanDiff, ScenarioSide, plan_diff, text
from clusterplan.plan.schema import Plan
from clusterplan.report import diff as report_diff
from clusterplan.report.diff import ABSENT
from clusterweb.planning.models import PlanRevision
from clusterweb.presentation import Chart, Table, bar_spec, chart, moment, page_language, web_table

__all__ = ["ABSENT", "NOT_IN_REVISION", "change_tables", "diff_context", "scenario_table"]


def revision_label(revision: PlanRevision) -> str:
    """How a revision is named in the picker and the page: title, published, loaded."""
    loaded = moment(revision.loaded_at)
    return _("%(title)s (published %(published)s, loaded %(loaded)s)") % {
        "title": revision.title,
        "published": revision.published,
        "loaded": loaded,
    }


class RevisionChoice(forms.ModelChoiceField):
    """A kept revision, named by :func:`revision_label`."""

    def label_from_instance(self, obj: Any) -> str:
        return revision_label(obj)


def _revisions() -> Any:
    return PlanRevision.objects.defer("data").order_by("plan_id", "-loaded_at", "-pk")


class RevisionPairForm(forms.Form):
    """The two revisions to compare (read with GET: the page is a view, not an edit)."""

    old = RevisionChoice(queryset=PlanRevision.objects.none(), label=gettext_lazy("Old revision"))
    new = RevisionChoice(queryset=PlanRevision.objects.none(), label=gettext_lazy("New revision"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("old", "new"):
            field = self.fields[name]
            assert isinstance(field, RevisionChoice)
            field.queryset = _revisions()


def default_pair() -> tuple[PlanRevision, PlanRevision] | None:
    """The newest revision and the one before it of the same plan (None with fewer)."""
    newest = PlanRevision.objects.defer("data").order_by("-loaded_at", "-pk").first()
    if newest is None:
        return None
    before = (
        PlanRevision.objects.defer("data")
        .filter(plan_id=newest.plan_id)
        .exclude(pk=newest.pk)
        .order_by("-loaded_at", "-pk")
        .first()
    )
    return None if before is None else (before, newest)


def change_tables(diff: PlanDiff) -> list[Table]:
    """One table per part that has changes, in the core's order of parts: the core's tables
    (:func:`clusterplan.report.diff.change_tables`), which ``clusterplan diff`` prints."""
    return [web_table(model, None) for model in report_diff.change_tables(diff, page_language())]


def scenario_table(diff: PlanDiff) -> Table:
    """Per growth dimension: both revisions' central totals, the change and the gaps to the
    goal: the core's table (:func:`clusterplan.report.diff.scenario_table`)."""
    return web_table(report_diff.scenario_table(diff, page_language()), None)


def _total(side: ScenarioSide, old: bool) -> float | None:
    jobs = side.jobs_old if old else side.jobs_new
    return None if jobs is None else round(jobs)


def scenario_chart(diff: PlanDiff, tab: Table) -> Chart:
    """Bars of both revisions' central totals per growth dimension."""
    spec = bar_spec(
        [text(s.name, page_language()) for s in diff.scenarios],
        {
            _("Old revision"): [_total(s, True) for s in diff.scenarios],
            _("New revision"): [_total(s, False) for s in diff.scenarios],
        },
        unit=_("jobs"),
    )
    return chart("revision-diff-scenarios", _("Jobs in the target year, both revisions"), spec, tab)


def diff_context(old: PlanRevision, new: PlanRevision) -> dict[str, Any]:
    """The page's context for two kept revisions (their plans are validated again)."""
    old_plan = Plan.model_validate(old.data)
    new_plan = Plan.model_validate(new.data)
    diff = plan_diff(old_plan, new_plan)
    return {
        "diff": diff,
        "old_label": revision_label(old),
        "new_label": revision_label(new),
        "diff_summary": report_diff.summary(diff, page_language()),  # as clusterplan diff
        "change_tables": change_tables(diff),
        "scenario_chart": scenario_chart(diff, scenario_table(diff)),
    }
