"""Start-up services: rows to the core, edits kept in history, the import, the portfolio.

Views call these; the arithmetic is the core's (``clusterplan.ecosystem.startups``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import numpy.typing as npt
from django.conf import settings as site_settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from clusterplan import disclosure
from clusterplan.ecosystem import startups as core
from clusterplan.errors import Coded
from clusterplan.io import cell_values
from clusterplan.io.sheets import Cell, Table, TableError, empty_cell, header_problems
from clusterplan.plan.schema import Plan, id_from_name
from clusterweb.ecosystem.models import Organisation
from clusterweb.ecosystem.services import ensure_registry_loaded, read_upload
from clusterweb.errors import error_text, reason_text
from clusterweb.fields import unused_key
from clusterweb.history.services import record_create, record_fields, save_changes, save_new
from clusterweb.imports import FileProblem
from clusterweb.locking import ReadVersion, claim
from clusterweb.planning.services import current_plan
from clusterweb.planning.tables import taxonomy_names
from clusterweb.presentation import bar_spec, chart, num, page_language, table
from clusterweb.startups.constants import (
    EDIT_FIELDS,
    FundingKind,
    ImportKind,
    Programme,
    Stage,
    Status,
)
from clusterweb.startups.models import FundingRound, JobsYear, Milestone, StartUp

DOWNLOAD = "startups:download"


def settings_of(plan: Plan | None = None) -> core.StartUpSettings:
    """The portfolio's assumptions of the current plan."""
    return core.startup_settings(plan or current_plan())


def to_core(row: StartUp) -> core.StartUp:
    """A stored start-up (with its jobs and rounds) as the core's ``StartUp``."""
    return core.StartUp(
        id=row.key,
        founded=row.founded,
        status=core.Status(row.status),
        status_year=row.status_year,
        pillar=row.pillar or None,
        jobs={j.year: j.jobs for j in row.jobs.all()},
        rounds=tuple(
            core.FundingRound(r.on, r.amount_meur, core.FundingKind(r.kind))
            for r in row.rounds.all()
        ),
    )


def portfolio() -> list[core.StartUp]:
    """Every stored start-up as the core sees it."""
    rows = StartUp.objects.prefetch_related("jobs", "rounds").order_by("key")
    return [to_core(row) for row in rows]


def _check(row: StartUp) -> None:
    """The core's rules hold (ValueError otherwise): a status change has its year, after
    the founding year."""
    core.StartUp(row.key, row.founded, core.Status(row.status), row.status_year)


def validate_all() -> None:
    """Every stored start-up keeps the core's rules (run after a history revert): a
    ``ValidationError`` names the start-up and the rule."""
    for row in StartUp.objects.all():
        problems = core.status_problems(row.founded, row.status, row.status_year)
        if problems:
            first = next(iter(problems.values()))
            raise ValidationError(f"{row.name}: {reason_text(first)}")


def create_startup(user: Any, fields: dict[str, Any]) -> StartUp:
    """Create a start-up; its creation is kept in history."""
    with transaction.atomic():
        row = StartUp(key=unused_key(StartUp, fields["name"], "start-up"), **fields)
        return save_new(user, row, _check)


def update_startup(
    row: StartUp, user: Any, fields: dict[str, Any], *, read: ReadVersion | None
) -> None:
    """Change a start-up's profile; refused (:class:`clusterweb.locking.Stale`) when the form
    ``read`` is stale. Every changed field is kept in history."""
    with transaction.atomic():
        claim(row, read)
        save_changes(user, row, fields, EDIT_FIELDS, check=_check)


def add_round(user: Any, row: StartUp, values: dict[str, Any]) -> FundingRound:
    """Add a funding round (kept in history)."""
    with transaction.atomic():
        return save_new(user, FundingRound(startup=row, **values))


def set_jobs(user: Any, row: StartUp, year: int, jobs: int) -> JobsYear:
    """Set a year's jobs (a new figure, or a change of the stored one, kept in history)."""
    with transaction.atomic():
        item = JobsYear.objects.select_for_update().filter(startup=row, year=year).first()
        if item is None:
            item = save_new(user, JobsYear(startup=row, year=year, jobs=jobs))
        elif item.jobs != jobs:
            save_changes(user, item, {"jobs": jobs}, ["jobs"])
    return item


def add_milestone(user: Any, row: StartUp, values: dict[str, Any]) -> Milestone:
    """Add a milestone (kept in history)."""
    with transaction.atomic():
        return save_new(user, Milestone(startup=row, **values))


# ---------------------------------------------------------------------------------------
# Import: every row or none, problems named by file, row, column and reason


@dataclass
class ImportPreview:
    """What an import would do: one outcome per row, or the problems that stop it."""

    file: str
    kind: str
    outcomes: list[dict[str, Any]] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    apply: list[tuple[int, Callable[[Any], object]]] = field(default_factory=list)
    """Per row to write: its number and the step that writes it (given the user)."""

    @property
    def valid(self) -> bool:
        """True when every row can be imported."""
        return not self.problems

    def count(self, action: str) -> int:
        """Rows with this action (create, update, unchanged)."""
        return sum(1 for o in self.outcomes if o["action"] == action)


COLUMNS = {
    ImportKind.STARTUPS: (
        ("name",),
        ("id", "organisation", "stage", "programme", "founded", "status", "status_year")
        + ("pillar", "segment"),
    ),
    ImportKind.JOBS: (("startup", "year", "jobs"), ()),
    ImportKind.FUNDING: (("startup", "date", "amount_meur", "kind"), ("investors",)),
    ImportKind.MILESTONES: (("startup", "date", "title"), ("done",)),
}
"""Per kind of file: required and optional columns."""


class _Rows:
    """Reads the cells of one file, collecting every problem."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[FileProblem] = []

    def fail(self, row: int, column: str | None, reason: str) -> None:
        self.problems.append(FileProblem(self.file, row, column, reason))

    def text(self, cells: Any, column: str) -> str:
        value = cells.get(column)
        return "" if value is None else str(value).strip()

    def required(self, number: int, cells: Any, column: str) -> str | None:
        value = self.text(cells, column)
        if not value:
            self.fail(number, column, _("a value is required"))
            return None
        return value

    def read(self, number: int, column: str, parse: Callable[[], Any]) -> Any:
        """A cell read by the core's rule (:mod:`clusterplan.io.cell_values`); None, with
        the problem noted, when the rule refuses it."""
        try:
            return parse()
        except cell_values.CellError as exc:
            self.fail(number, column, exc.reason)
            return None

    def whole(self, number: int, cells: Any, column: str, low: int, high: int) -> int | None:
        value = cells.get(column)
        if empty_cell(value):
            return None
        result: int | None = self.read(number, column, lambda: cell_values.whole(value))
        if result is not None and not low <= result <= high:
            self.fail(
                number,
                column,
                _("%(value)s is outside %(low)s to %(high)s")
                % {"value": result, "low": low, "high": high},
            )
            return None
        return result

    def amount(self, number: int, cells: Any, column: str) -> float | None:
        result: float | None = self.read(
            number, column, lambda: cell_values.number(cells.get(column))
        )
        if result is not None and result < 0:
            shown = repr(cell_values.shown(cells.get(column)))
            self.fail(number, column, Coded("value.negative", {"value": shown}))
            return None
        return result

    def day(self, number: int, cells: Any, column: str) -> date | None:
        result: date | None = self.read(number, column, lambda: cell_values.day(cells.get(column)))
        return result

    def choice(
        self, number: int, cells: Any, column: str, choices: Sequence[tuple[str, Any]]
    ) -> str | None:
        """A value of ``choices`` named by its key or its label in either language (a file
        may be written in either), by the core's rule; None for an empty cell."""
        value = cells.get(column)
        if empty_cell(value):
            return None
        names = {key: _in_every_language(label) for key, label in choices}
        result: str | None = self.read(number, column, lambda: cell_values.choice(value, names))
        return result

    def flag(self, number: int, cells: Any, column: str) -> bool:
        value = cells.get(column)
        return not empty_cell(value) and bool(
            self.read(number, column, lambda: cell_values.flag(value))
        )


def _in_every_language(label: Any) -> tuple[str, ...]:
    """A (lazily translated) label in each language of the site."""
    words = []
    for lang, _name in site_settings.LANGUAGES:
        with translation.override(lang):
            words.append(str(label))
    return tuple(words)


def _startup_lookup() -> dict[str, StartUp]:
    rows = list(StartUp.objects.all())
    found = {r.key: r for r in rows}
    for r in rows:
        found.setdefault(r.name.lower(), r)
    return found


def preview(kind: str, name: str, data: bytes, plan: Plan | None = None) -> ImportPreview:
    """What importing this file would do (nothing is written).

    Raises
    ------
    TableError
        When the file cannot be read as a table at all.
    """
    plan = plan or current_plan()
    tab = read_upload(name, data)
    out = ImportPreview(name, kind)
    reader = _Rows(name)
    required, optional = COLUMNS[ImportKind(kind)]
    for column, reason in header_problems(tab.columns, required, required + optional):
        reader.problems.append(FileProblem(name, 1, column, reason))
    if not tab.rows:
        reader.problems.append(FileProblem(name, None, None, _("the file has no data rows")))
    if reader.problems:
        out.problems = reader.problems
        return out
    handler = {
        ImportKind.STARTUPS: _preview_startups,
        ImportKind.JOBS: _preview_jobs,
        ImportKind.FUNDING: _preview_funding,
        ImportKind.MILESTONES: _preview_milestones,
    }[ImportKind(kind)]
    handler(tab, reader, out, plan)
    out.problems = reader.problems
    return out


def _find(reader: _Rows, number: int, cells: Any, known: dict[str, StartUp]) -> StartUp | None:
    ref = reader.required(number, cells, "startup")
    if ref is None:
        return None
    row = known.get(ref) or known.get(ref.lower())
    if row is None:
        reader.fail(number, "startup", _("no start-up with id or name '%(ref)s'") % {"ref": ref})
    return row


def _preview_startups(tab: Table, reader: _Rows, out: ImportPreview, plan: Plan) -> None:
    ensure_registry_loaded()
    organisations = set(Organisation.objects.values_list("key", flat=True))
    # a file names a pillar or segment by its id or its Dutch name, whatever the page's language
    pillars = [(p.id, p.name_nl) for p in plan.taxonomy.pillars]
    segments = [(s.id, s.name_nl) for s in plan.taxonomy.segments]
    known = _startup_lookup()
    this_year = date.today().year
    seen: dict[str, int] = {}
    for r in tab.rows:
        n, c = r.number, r.cells
        name = reader.required(n, c, "name")
        ref = reader.text(c, "id")
        org = reader.text(c, "organisation")
        if org and org not in organisations:
            reader.fail(
                n, "organisation", _("no organisation '%(key)s' in the registry") % {"key": org}
            )
        if ref and not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", ref):
            reader.fail(n, "id", _("an id holds only lower-case letters, digits, - and _"))
        if name and len(name) > StartUp._meta.get_field("name").max_length:  # type: ignore[operator]
            reader.fail(n, "name", _("longer than 200 characters"))
        row = known.get(ref) if ref else (known.get(name.lower()) if name else None)
        values: dict[str, Any] = {
            "name": name,
            "organisation": org,
            "stage": reader.choice(n, c, "stage", Stage.choices),
            "programme": reader.choice(n, c, "programme", Programme.choices),
            "founded": reader.whole(n, c, "founded", 1900, this_year),
            "status": reader.choice(n, c, "status", Status.choices),
            "status_year": reader.whole(n, c, "status_year", 1900, this_year),
            "pillar": reader.choice(n, c, "pillar", pillars) or "",
            "segment": reader.choice(n, c, "segment", segments) or "",
        }
        if row is None:
            for column in ("stage", "programme", "founded"):
                if values[column] is None and not reader.text(c, column):
                    reader.fail(n, column, _("a new start-up needs a value"))
            values["status"] = values["status"] or Status.ACTIVE
        else:
            for column in ("stage", "programme", "founded", "status"):
                if values[column] is None:
                    values[column] = getattr(row, column)
            if not reader.text(c, "status_year"):
                values["status_year"] = row.status_year
            for column in ("organisation", "pillar", "segment"):
                if not reader.text(c, column):
                    values[column] = getattr(row, column)
        key = ref or (row.key if row else id_from_name(name or "") or "start-up")
        if key in seen:
            reader.fail(n, "id", _("the same start-up as row %(row)s") % {"row": seen[key]})
        seen[key] = n
        if values["status"] == Status.ACTIVE and not reader.text(c, "status_year"):
            values["status_year"] = None  # an active start-up keeps no year of a past change
        problems = core.status_problems(
            values["founded"], values["status"], values["status_year"], typed=True
        )
        for name, problem in problems.items():
            reader.fail(n, name, problem)
        if row is None:
            out.outcomes.append({"row": n, "name": name, "action": "create", "changes": []})
            out.apply.append(
                (n, lambda user, v=values, k=ref: _create_imported(user, k, v, out.file))
            )
            continue
        changes = [
            {"field": f, "old": getattr(row, f), "new": v}
            for f, v in values.items()
            if getattr(row, f) != v
        ]
        action = "update" if changes else "unchanged"
        out.outcomes.append({"row": n, "name": row.name, "action": action, "changes": changes})
        if changes:
            out.apply.append(
                (n, lambda user, s=row, v=values: _update_imported(user, s, v, out.file))
            )


def _note(file: str) -> str:
    return _("Import of %(file)s") % {"file": file}


def _create_imported(user: Any, key: str, values: dict[str, Any], file: str) -> None:
    row = StartUp(key=key or unused_key(StartUp, values["name"], "start-up"), **values)
    row.full_clean()
    row.save()
    record_create(user, row, _note(file))


def _update_imported(user: Any, row: StartUp, values: dict[str, Any], file: str) -> None:
    row = StartUp.objects.select_for_update().get(pk=row.pk)
    save_changes(user, row, values, EDIT_FIELDS, note=_note(file))


def _preview_jobs(tab: Table, reader: _Rows, out: ImportPreview, plan: Plan) -> None:
    known = _startup_lookup()
    stored = {(j.startup_id, j.year): j for j in JobsYear.objects.all()}
    seen: dict[tuple[int, int], int] = {}
    for r in tab.rows:
        n, c = r.number, r.cells
        row = _find(reader, n, c, known)
        year = reader.whole(n, c, "year", 1900, 2200)
        jobs = reader.whole(n, c, "jobs", 0, 10_000_000)
        if year is None and not reader.text(c, "year"):
            reader.fail(n, "year", _("a value is required"))
        if jobs is None and not reader.text(c, "jobs"):
            reader.fail(n, "jobs", _("a value is required"))
        if row is None or year is None or jobs is None:
            continue
        if (row.pk, year) in seen:
            reader.fail(
                n,
                "year",
                _("the same start-up and year as row %(row)s") % {"row": seen[(row.pk, year)]},
            )
            continue
        seen[(row.pk, year)] = n
        if year < row.founded:
            reader.fail(n, "year", _("before the founding year %(year)s") % {"year": row.founded})
            continue
        old = stored.get((row.pk, year))
        action = "create" if old is None else ("unchanged" if old.jobs == jobs else "update")
        changes = (
            []
            if action == "unchanged"
            else [{"field": str(year), "old": old.jobs if old else None, "new": jobs}]
        )
        out.outcomes.append({"row": n, "name": row.name, "action": action, "changes": changes})
        if action != "unchanged":
            out.apply.append((n, lambda user, s=row, y=year, j=jobs: set_jobs(user, s, y, j)))


def _preview_funding(tab: Table, reader: _Rows, out: ImportPreview, plan: Plan) -> None:
    known = _startup_lookup()
    stored = {(f.startup_id, f.on, f.kind, f.amount_meur) for f in FundingRound.objects.all()}
    for r in tab.rows:
        n, c = r.number, r.cells
        row = _find(reader, n, c, known)
        on = reader.day(n, c, "date")
        amount = reader.amount(n, c, "amount_meur")
        kind = reader.choice(n, c, "kind", FundingKind.choices)
        if kind is None and not reader.text(c, "kind"):
            reader.fail(n, "kind", _("a value is required"))
        if row is None or on is None or amount is None or kind is None:
            continue
        if on.year < row.founded:
            reader.fail(n, "date", _("before the founding year %(year)s") % {"year": row.founded})
            continue
        values = {
            "on": on,
            "amount_meur": amount,
            "kind": kind,
            "investors": reader.text(c, "investors"),
        }
        action = "unchanged" if (row.pk, on, kind, amount) in stored else "create"
        out.outcomes.append({"row": n, "name": row.name, "action": action, "changes": []})
        if action == "create":
            out.apply.append((n, lambda user, s=row, v=values: add_round(user, s, v)))


def _preview_milestones(tab: Table, reader: _Rows, out: ImportPreview, plan: Plan) -> None:
    known = _startup_lookup()
    stored = {(m.startup_id, m.on, m.title): m for m in Milestone.objects.all()}
    for r in tab.rows:
        n, c = r.number, r.cells
        row = _find(reader, n, c, known)
        on = reader.day(n, c, "date")
        title = reader.required(n, c, "title")
        done = reader.flag(n, c, "done")
        if row is None or on is None or title is None:
            continue
        old = stored.get((row.pk, on, title))
        if old is None:
            out.outcomes.append({"row": n, "name": row.name, "action": "create", "changes": []})
            milestone = {"on": on, "title": title, "done": done}
            out.apply.append((n, lambda user, s=row, v=milestone: add_milestone(user, s, v)))
        elif old.done != done:
            out.outcomes.append(
                {
                    "row": n,
                    "name": row.name,
                    "action": "update",
                    "changes": [{"field": "done", "old": old.done, "new": done}],
                }
            )
            out.apply.append((n, lambda user, m=old, d=done: _set_done(user, m, d, out.file)))
        else:
            out.outcomes.append({"row": n, "name": row.name, "action": "unchanged", "changes": []})


def _set_done(user: Any, item: Milestone, done: bool, file: str) -> None:
    before = {"done": item.done}
    item.done = done
    item.save()
    record_fields(user, item, before, ["done"], _note(file))


def commit_import(user: Any, kind: str, name: str, data: bytes) -> ImportPreview:
    """Import a file: every row or none (check ``valid`` of the preview it returns)."""
    with transaction.atomic():
        result = preview(kind, name, data)
        if not result.valid:
            return result
        for number, step in result.apply:
            try:
                step(user)
            except (ValidationError, ValueError) as exc:
                # The preview checks every rule it knows; a rule only the database knows
                # still stops the whole import, named by its row.
                transaction.set_rollback(True)
                reasons = getattr(exc, "messages", None) or [error_text(exc)]
                result.problems.append(FileProblem(name, number, None, "; ".join(reasons)))
                return result
    return result


def table_error(exc: TableError) -> FileProblem:
    """A file that cannot be read, as a problem naming the file, row and column, with the
    reason in the user's language."""
    return FileProblem.of(exc)


# ---------------------------------------------------------------------------------------
# Portfolio


def portfolio_context(restricted: bool, today: date | None = None) -> dict[str, Any]:
    """The portfolio's tables and charts; ``restricted`` applies the disclosure rule (the
    core's ``startups.disclosed``, with the assumption's minimum), a withheld figure shown as
    the core's :func:`clusterplan.disclosure.mark`."""
    plan = current_plan()
    settings = settings_of(plan)
    minimum = settings.disclosure_min if restricted else 1
    today = today or date.today()
    items = portfolio()
    if not items:
        return {"empty": True, "tables": {}}
    first = min(s.founded for s in items)
    last = max([today.year] + [y for s in items for y in s.jobs])
    years = list(range(first, last + 1))
    labels = [str(y) for y in years]
    hidden = disclosure.mark(page_language())

    def show(value: float | None, digits: int = 0) -> Cell:
        return hidden if value is None else num(value, digits)

    # Active start-ups per founding cohort and year.
    groups = core.cohorts(items)
    active = core.active_by_cohort(items, years)
    sizes = [[len(groups[c]) if y >= c else 0 for y in years] for c in active]
    cells, totals = core.disclosed(
        [[float(v) for v in row] for row in active.values()],
        sizes,
        [float(sum(row[t] for row in active.values())) for t in range(len(years))],
        [sum(col) for col in zip(*sizes, strict=True)],
        minimum,
    )
    active_table = table(
        _("Active start-ups per founding cohort and year"),
        [_("Cohort")] + labels,
        [[str(c)] + [show(v) for v in row] for c, row in zip(active, cells, strict=True)]
        + [[_("All cohorts")] + [show(v) for v in totals]],
        slug="active-by-cohort",
        download_view=DOWNLOAD,
    )

    # Survival by cohort.
    survival = core.survival_by_cohort(items, settings.survival_after, today.year)
    survival_rows = []
    for s in survival:
        if disclosure.too_few(s.size, minimum):
            survival_rows.append(
                [str(s.cohort), hidden] + [hidden for _n in settings.survival_after]
            )
            continue
        survival_rows.append(
            [str(s.cohort), s.size]
            + [_("not yet") if rate is None else num(100 * rate, 0) for rate in s.survival]
        )
    survival_table = table(
        _("Survival by founding cohort: share still active after N years (%)"),
        [_("Cohort"), _("Start-ups")]
        + [_("After %(n)s years") % {"n": n} for n in settings.survival_after],
        survival_rows,
        slug="survival",
        download_view=DOWNLOAD,
    )

    # Jobs per year, by pillar.
    pillar_names = taxonomy_names(plan, "pillars")
    jobs = core.jobs_per_year(items, years)
    names = [pillar_names.get(g, g) or _("No pillar") for g in jobs.jobs]
    job_cells, job_totals = core.disclosed(
        [[float(v) for v in row] for row in jobs.jobs.values()],
        list(jobs.contributors.values()),
        [float(v) for v in jobs.total],
        [sum(col) for col in zip(*jobs.contributors.values(), strict=True)],
        minimum,
    )
    jobs_table = table(
        _("Jobs at active start-ups per pillar and year"),
        [_("Pillar")] + labels,
        [[n] + [show(v) for v in row] for n, row in zip(names, job_cells, strict=True)]
        + [[_("Total")] + [show(v) for v in job_totals]]
        + [[_("Active start-ups without a jobs figure")] + list(jobs.unknown)],
        slug="jobs-per-year",
        download_view=DOWNLOAD,
    )
    jobs_spec = bar_spec(
        labels, dict(zip(names, job_cells, strict=True)), stacked=True, unit=_("jobs")
    )

    # Funding by kind and year.
    kind_names = dict(FundingKind.choices)
    funding = core.funding_by_kind(items, years)
    counts = core.funding_contributors(items, years)
    by_year = [sum(1 for s in items if any(r.on.year == y for r in s.rounds)) for y in years]
    fund_cells, fund_totals = core.disclosed(
        list(funding.values()),
        [counts[k] for k in funding],
        [sum(v[t] for v in funding.values()) for t in range(len(years))],
        by_year,
        minimum,
    )
    fund_names = [str(kind_names[k.value]) for k in funding]
    funding_table = table(
        _("Funding raised per kind and year (M EUR)"),
        [_("Kind")] + labels,
        [[n] + [show(v, 2) for v in row] for n, row in zip(fund_names, fund_cells, strict=True)]
        + [[_("Total")] + [show(v, 2) for v in fund_totals]],
        slug="funding-per-year",
        download_view=DOWNLOAD,
    )
    funding_spec = bar_spec(
        labels, dict(zip(fund_names, fund_cells, strict=True)), stacked=True, unit=_("M EUR")
    )
    status_counts = {s: sum(1 for i in items if i.status.value == s) for s in Status.values}
    return {
        "empty": False,
        "restricted": restricted,
        "disclosure_note": disclosure.note(settings.disclosure_min, "startups", page_language()),
        "count": len(items),
        "status_counts": [
            {"label": label, "value": status_counts[value]} for value, label in Status.choices
        ],
        "active_table": active_table,
        "survival_table": survival_table,
        "jobs_chart": chart(
            "startup-jobs-chart", _("Jobs at active start-ups per year"), jobs_spec, jobs_table
        ),
        "funding_chart": chart(
            "startup-funding-chart",
            _("Funding raised per kind and year"),
            funding_spec,
            funding_table,
        ),
        "tables": {
            "active-by-cohort": active_table,
            "survival": survival_table,
            "jobs-per-year": jobs_table,
            "funding-per-year": funding_table,
        },
    }


# ---------------------------------------------------------------------------------------
# The growth engine


def portfolio_contribution(
    plan: Plan, pillars: Sequence[str], years: Sequence[int]
) -> tuple[npt.NDArray[np.float64], list[int]]:
    """The portfolio's jobs for the growth engine ``[pillar, year]`` (as the assumption
    ``startups.jobs-count`` counts them) and, per year, how many start-ups they come from."""
    settings = settings_of(plan)
    items = portfolio()
    base_year = plan.employment.base_year
    jobs = core.contribution(items, pillars, years, base_year, settings.jobs_count)
    known = set(pillars)
    sources = [
        sum(
            1
            for s in items
            if s.pillar in known and s.active_in(y) and s.jobs_in(y) is not None and y >= base_year
        )
        for y in years
    ]
    return jobs, sources


def startups_against_backcast(plan: Plan, result: Any, restricted: bool) -> dict[str, Any]:
    """For the back-casting page: per year the acquisition gap, the weighted pipeline and
    what the start-up portfolio adds (jobs above their base-year jobs), and what remains."""
    from clusterplan.ecosystem import weighted_pipeline
    from clusterweb.acquisition.services import core_leads
    from clusterweb.ecosystem.services import settings_of as ecosystem_settings

    pillars, years = list(result.pillars), list(result.years)
    pipe = weighted_pipeline(
        core_leads(), pillars, years, ecosystem_settings(plan), date.today().year
    ).jobs.sum(axis=0)
    jobs, sources = portfolio_contribution(plan, pillars, years)
    minimum = settings_of(plan).disclosure_min if restricted else 1
    _cells, added = core.disclosed([], [], [float(v) for v in jobs.sum(axis=0)], sources, minimum)
    hidden = disclosure.mark(page_language())
    rows = []
    for t, y in enumerate(years):
        gap = float(result.gap_total[t])
        start = added[t]
        remaining = None if start is None else max(0.0, gap - float(pipe[t]) - start)
        rows.append(
            [
                str(y),
                num(gap, 0),
                num(float(pipe[t]), 0),
                hidden if start is None else num(start, 0),
                hidden if remaining is None else num(remaining, 0),
            ]
        )
    return table(
        _("What start-ups bring next to acquisitions"),
        [
            _("Year"),
            _("Acquisition gap"),
            _("Weighted pipeline"),
            _("Start-up portfolio"),
            _("Remaining gap"),
        ],
        rows,
        slug="gap-and-startups",
    ) | {
        "id": "gap-and-startups",
        "notes": [disclosure.note(minimum, "startups", page_language())] if None in added else [],
    }
