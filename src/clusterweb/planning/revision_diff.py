"""What changed between two kept revisions: the core's diff (``clusterplan.plan.diff``)
arranged as one table per part and both revisions' central scenario results side by side.

This module only picks the revisions and arranges the core's records; every comparison and
every scenario result comes from :func:`clusterplan.plan.diff.plan_diff`.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterplan.errors import Coded
from clusterplan.i18n import Named
from clusterplan.plan.diff import (
    NOT_IN_REVISION,
    PARTS,
    Change,
    Part,
    PlanDiff,
    ScenarioSide,
    part_title,
    plan_diff,
    text,
)
from clusterplan.plan.schema import Plan
from clusterplan.report.table import Loose
from clusterweb.planning.models import PlanRevision
from clusterweb.presentation import (
    Chart,
    Table,
    bar_spec,
    chart,
    moment,
    num,
    page_language,
    table,
)

ABSENT = "—"
"""A cell for a value a revision does not have (an added or removed thing), not an unknown."""

TEXT_PARTS: frozenset[Part] = frozenset({"meta", "projects", "findings"})
"""Parts whose values are mostly text (left-aligned columns)."""

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


def _kind(change: Change) -> str:
    kinds = {"added": _("added"), "removed": _("removed"), "changed": _("changed")}
    return kinds[change.kind]


def _value(value: Any, where: str) -> Loose:
    """A changed value as a cell: numbers in the page's notation, unknown as '?', coded and
    named text (a finding, a project's name) in the page's language, the rest as text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float | Coded | Named):  # the command line's words and digits
        return text(value, page_language())
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _change_row(change: Change) -> list[Loose]:
    old = ABSENT if change.kind == "added" else _value(change.old, change.where)
    new = ABSENT if change.kind == "removed" else _value(change.new, change.where)
    return [text(change.label, page_language()), _kind(change), old, new]


def change_tables(diff: PlanDiff) -> list[Table]:
    """One table per part that has changes, in the core's order of parts."""
    out: list[Table] = []
    for part in PARTS:
        changes = diff.part(part)
        if not changes:
            continue
        out.append(
            table(
                part_title(part, page_language()),
                [_("Where"), _("Change"), _("Old revision"), _("New revision")],
                [_change_row(c) for c in changes],
                numeric=[False, False] + [part not in TEXT_PARTS] * 2,
                slug=f"diff-{part}",
            )
        )
    return out


def _note(note: str | None) -> Loose:
    if note is None:
        return None
    return text(note, page_language()) if note == NOT_IN_REVISION else _("no result")


def _jobs(jobs: float | None, note: str | None) -> Loose:
    return num(jobs, 0) if note is None else _note(note)


def _name(side: ScenarioSide, names: dict[str, str] | None) -> str:
    """A growth dimension's name in the page's language (``names`` first, when given)."""
    return (names or {}).get(side.dimension) or text(side.name, page_language())


def scenario_table(diff: PlanDiff, names: dict[str, str] | None = None) -> Table:
    """Per growth dimension: the central total in each revision's target year, the change,
    and each revision's gap to its goal (empty where a revision has no goal)."""
    rows: list[list[Loose]] = []
    for side in diff.scenarios:
        change: Loose = ABSENT
        if side.jobs_old is not None and side.jobs_new is not None:
            change = num(side.jobs_new - side.jobs_old, 0)
        rows.append(
            [
                _name(side, names),
                str(side.year_old) if side.year_old is not None else ABSENT,
                _jobs(side.jobs_old, side.note_old),
                str(side.year_new) if side.year_new is not None else ABSENT,
                _jobs(side.jobs_new, side.note_new),
                change,
                ABSENT if side.gap_old is None else num(side.gap_old, 0),
                ABSENT if side.gap_new is None else num(side.gap_new, 0),
            ]
        )
    return table(
        _("Central scenario per growth dimension, both revisions"),
        [
            _("Growth dimension"),
            _("Target year (old)"),
            _("Jobs (old)"),
            _("Target year (new)"),
            _("Jobs (new)"),
            _("Change in jobs"),
            _("Gap to the goal (old)"),
            _("Gap to the goal (new)"),
        ],
        rows,
        numeric=[False, True, True, True, True, True, True, True],
        slug="diff-scenarios",
    )


def _total(side: ScenarioSide, old: bool) -> float | None:
    jobs = side.jobs_old if old else side.jobs_new
    return None if jobs is None else round(jobs)


def scenario_chart(diff: PlanDiff, tab: Table) -> Chart:
    """Bars of both revisions' central totals per growth dimension."""
    spec = bar_spec(
        [_name(s, None) for s in diff.scenarios],
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
        "change_tables": change_tables(diff),
        "scenario_chart": scenario_chart(diff, scenario_table(diff)),
    }
