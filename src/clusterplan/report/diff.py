"""What changed between two revisions of a plan, built once as tables
(:mod:`clusterplan.report.table`) from :func:`clusterplan.plan.diff.plan_diff`: one table per
part of the plan that changed (where, the change, the old and the new value) and the central
scenario of each growth dimension in both revisions. ``clusterplan diff`` prints these
tables and the web's comparison of two revisions shows them."""

from __future__ import annotations

import json
from typing import Any

from clusterplan.io.yaml_io import shorten_message
from clusterplan.plan.diff import NOT_IN_REVISION, PARTS, Part, PlanDiff, part_title, text
from clusterplan.report.messages import msg
from clusterplan.report.table import Cell, Row, Table, catalogued, figure, label
from clusterplan.report.tables import JOBS

ABSENT = "—"
"""A cell for what a revision does not have (an added or removed thing), not an unknown."""

TEXT_PARTS: frozenset[Part] = frozenset({"meta", "projects", "findings"})
"""Parts whose values are mostly text (their value columns hold words)."""

CHANGE_COLUMNS = ("where", "change", "old", "new")
SCENARIO_COLUMNS = (
    "dimension",
    "year_old",
    "jobs_old",
    "year_new",
    "jobs_new",
    "change",
    "gap_old",
    "gap_new",
)


def _value(value: Any, lang: str, longest: int | None) -> Cell:
    """A changed value as a cell: unknown as '?', numbers in the reader's notation, coded
    and named texts in ``lang``, lists and mappings as JSON; cut to ``longest`` characters
    when given."""
    if value is None:
        return Cell()
    shown = (
        json.dumps(value, ensure_ascii=False, default=str)
        if isinstance(value, list | dict)
        else text(value, lang)
    )
    return label(shown if longest is None else shorten_message(shown, longest, lang))


def change_table(diff: PlanDiff, part: Part, lang: str, *, longest: int | None = None) -> Table:
    """The changes of one part: where (in the plans' names), the change, the old and the new
    value (:data:`ABSENT` on the side that does not have it)."""
    rows = []
    for i, change in enumerate(diff.part(part)):
        old = label(ABSENT) if change.kind == "added" else _value(change.old, lang, longest)
        new = label(ABSENT) if change.kind == "removed" else _value(change.new, lang, longest)
        kind = label(msg(f"diff.kind.{change.kind}", lang))
        rows.append(Row(str(i), (label(text(change.label, lang)), kind, old, new)))
    words = CHANGE_COLUMNS if part in TEXT_PARTS else CHANGE_COLUMNS[:2]
    return catalogued(
        f"diff-{part}",
        lang,
        CHANGE_COLUMNS,
        rows,
        title=part_title(part, lang),
        headings="diff.col",
        words=words,
    )


def summary(diff: PlanDiff, lang: str) -> str:
    """How much changed, in one sentence: that nothing did, or the number of changes."""
    count = len(diff.changes)
    if count == 0:
        return msg("diff.summary.none", lang)
    return msg("diff.summary.one" if count == 1 else "diff.summary.many", lang, count=count)


def change_tables(diff: PlanDiff, lang: str, *, longest: int | None = None) -> list[Table]:
    """One :func:`change_table` per part that changed, in the order of the parts."""
    return [change_table(diff, p, lang, longest=longest) for p in PARTS if diff.part(p)]


def _year(year: int | None) -> Cell:
    return label(ABSENT if year is None else str(year))


def _jobs(jobs: float | None, note: Any, lang: str) -> Cell:
    """A revision's total (rounded, as the engine's totals are read), or why it has none:
    not in that revision, or no result (the reason is the table's note)."""
    if note is None:
        return figure(None if jobs is None else round(jobs), JOBS, printed=False)
    if note == NOT_IN_REVISION:
        return label(text(note, lang))
    return label(msg("diff.scenarios.no_result", lang))


def _rounded(value: float | None) -> Cell:
    return label(ABSENT) if value is None else figure(round(value), JOBS, printed=False)


def scenario_table(diff: PlanDiff, lang: str) -> Table:
    """Per growth dimension: the central total in each revision's target year, the change,
    and each revision's gap to its goal (:data:`ABSENT` where a revision has no goal); a
    revision the engine refused is named in a note with its reason."""
    rows = []
    for s in diff.scenarios:
        change = None
        if s.jobs_old is not None and s.jobs_new is not None:
            change = round(s.jobs_new) - round(s.jobs_old)
        cells = (
            label(text(s.name, lang)),
            _year(s.year_old),
            _jobs(s.jobs_old, s.note_old, lang),
            _year(s.year_new),
            _jobs(s.jobs_new, s.note_new, lang),
            _rounded(change),
            _rounded(s.gap_old),
            _rounded(s.gap_new),
        )
        rows.append(Row(s.dimension, cells))
    notes = [msg("diff.scenarios.note", lang)]
    for which, reasons in (
        ("old", {s.note_old for s in diff.scenarios}),
        ("new", {s.note_new for s in diff.scenarios}),
    ):
        for reason in sorted(text(r, lang) for r in reasons if r not in (None, NOT_IN_REVISION)):
            notes.append(msg(f"diff.scenarios.refused_{which}", lang, reason=reason))
    return catalogued(
        "diff-scenarios",
        lang,
        SCENARIO_COLUMNS,
        rows,
        texts="diff.scenarios",
        words=SCENARIO_COLUMNS[:1],
        unit=JOBS,
        notes=notes,
    )
