"""Start-up services: rows to the core, edits kept in history, the import, the portfolio.

Views call these; the arithmetic is the core's (``clusterplan.ecosystem.startups``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from clusterplan import disclosure
from clusterplan.ecosystem import startup_import as importing
from clusterplan.ecosystem import startups as core
from clusterplan.errors import Coded
from clusterplan.io.sheets import FileProblem as SheetProblem
from clusterplan.io.sheets import Table, TableError, header_text
from clusterplan.plan.schema import Plan
from clusterplan.report import startups as startup_tables
from clusterplan.report.table import Cell as TableCell
from clusterplan.report.table import Table as CoreTable
from clusterplan.report.tables import assumption_label
from clusterweb.ecosystem.models import Organisation
from clusterweb.ecosystem.services import ensure_registry_loaded, read_upload
from clusterweb.errors import error_text, reason_text
from clusterweb.fields import unused_key
from clusterweb.history.services import record_create, record_fields, save_changes, save_new
from clusterweb.imports import FileProblem
from clusterweb.locking import ReadVersion, claim
from clusterweb.planning.services import current_plan
from clusterweb.planning.tables import with_assumption_links
from clusterweb.presentation import Chart, bar_spec, chart, page_language, web_table
from clusterweb.startups.constants import (
    EDIT_FIELDS,
    ImportKind,
    Status,
)
from clusterweb.startups.models import FundingRound, JobsYear, Milestone, StartUp

if TYPE_CHECKING:
    from clusterweb.acquisition.services import Refused

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


def _problem(row: StartUp) -> Coded | None:
    """Why a start-up cannot be as it is, with its stored jobs and rounds (one not saved yet
    has none), by the core's one rule (:func:`clusterplan.ecosystem.startups.record_problem`);
    None when it can."""
    dated = (
        [j.year for j in row.jobs.all()] + [r.on.year for r in row.rounds.all()]
        if row.pk is not None
        else []
    )
    return core.record_problem(row.founded, row.status, row.status_year, dated)


def _check(row: StartUp) -> None:
    """The core's rules hold for the start-up (ValueError, the reason coded, otherwise): a
    status change has its year, and nothing dates from before the founding year."""
    if (problem := _problem(row)) is not None:
        raise ValueError(problem)


def validate_all() -> None:
    """Every stored start-up keeps the core's rules (run after a history revert): a
    ``ValidationError`` names the start-up and the rule."""
    for row in StartUp.objects.prefetch_related("jobs", "rounds"):
        if (problem := _problem(row)) is not None:
            raise ValidationError(f"{row.name}: {reason_text(problem)}")


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
        item = save_new(user, FundingRound(startup=row, **values))
        _check(row)
        return item


def set_jobs(user: Any, row: StartUp, year: int, jobs: int) -> JobsYear:
    """Set a year's jobs (a new figure, or a change of the stored one, kept in history)."""
    with transaction.atomic():
        item = JobsYear.objects.select_for_update().filter(startup=row, year=year).first()
        if item is None:
            item = save_new(user, JobsYear(startup=row, year=year, jobs=jobs))
        elif item.jobs != jobs:
            save_changes(user, item, {"jobs": jobs}, ["jobs"])
        _check(row)
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

    def planned(self) -> list[dict[str, Any]]:
        """What committing writes, row by row: the start-up, what it does and each field's
        old and new value (``ImportPage.planned``)."""
        return self.outcomes

    def outcome(
        self,
        row: int,
        name: str,
        action: str,
        changes: Sequence[dict[str, Any]] = (),
        write: Callable[[Any], object] | None = None,
    ) -> None:
        """Row ``row`` (of start-up ``name``) would be created, updated or left unchanged,
        with these field ``changes``; ``write`` (given the user) writes it."""
        self.outcomes.append({"row": row, "name": name, "action": action, "changes": list(changes)})
        if write is not None:
            self.apply.append((row, write))


@dataclass(frozen=True)
class _Previewing:
    """What every kind of import's preview reads: the checked file, the stored start-ups
    (by key, and as the core's import knows them), the plan, and the preview it fills."""

    tab: Table
    register: importing.Register
    stored: dict[str, StartUp]
    out: ImportPreview
    plan: Plan


def _stacked_chart(
    chart_id: str,
    title: str,
    tab: dict[str, Any],
    unit: str,
    note: str,
    groups: tuple[Sequence[str], Sequence[Sequence[float | None]], Sequence[float | None]],
) -> Chart:
    """A portfolio table as a stacked chart over the years of its columns: ``groups``
    (names, their shown figures per year and the shown totals; None: withheld) one part each; where the disclosure rule withholds
    parts of a year whose total is shown, what they make up together (so a bar keeps the
    total's height instead of going missing); at a year whose total is withheld too, the
    core's mark, explained by ``note`` under the chart."""
    names, parts, totals = groups
    lang = page_language()
    series: dict[str, Sequence[float | None]] = dict(zip(names, parts, strict=True))
    rest = disclosure.unsplit(parts, totals)
    if any(v is not None for v in rest):
        series[disclosure.unsplit_label(lang)] = rest
    marks = disclosure.marked(totals, lang)
    years = tab["columns"][1:]
    spec = bar_spec(years, series, stacked=True, unit=unit, withheld=marks)
    return chart(chart_id, title, spec, tab, [note] if any(marks) else [])


def _known(row: StartUp) -> importing.Known:
    """A stored start-up as the core's import names it."""
    profile = {f: getattr(row, f) for f in importing.PROFILE}
    return importing.Known(row.key, row.name, row.founded, profile)


def import_columns() -> list[tuple[str, str]]:
    """Each kind of import file, in the page's language, with its header (optional columns
    in brackets), from the core's declaration
    (:data:`clusterplan.ecosystem.startup_import.COLUMNS`)."""
    kinds = dict(ImportKind.choices)
    return [
        (str(kinds[kind]), header_text((*required, *optional), required))
        for kind, (required, optional) in importing.COLUMNS.items()
    ]


def preview(kind: str, name: str, data: bytes, plan: Plan | None = None) -> ImportPreview:
    """What importing this file would do (nothing is written): the core checks every row
    (:mod:`clusterplan.ecosystem.startup_import`); this looks up and changes the rows of
    the database.

    Raises
    ------
    TableError
        When the file cannot be read as a table at all.
    """
    plan = plan or current_plan()
    tab = read_upload(name, data)
    out = ImportPreview(name, kind)
    problems = importing.file_problems(tab, ImportKind(kind).value)
    if not problems:
        stored = {r.key: r for r in StartUp.objects.all()}
        register = importing.Register(_known(r) for r in stored.values())
        handler = {
            ImportKind.STARTUPS: _preview_startups,
            ImportKind.JOBS: _preview_jobs,
            ImportKind.FUNDING: _preview_funding,
            ImportKind.MILESTONES: _preview_milestones,
        }[ImportKind(kind)]
        problems = handler(_Previewing(tab, register, stored, out, plan))
    out.problems = [FileProblem.of(p) for p in problems]
    return out


def _preview_startups(p: _Previewing) -> list[SheetProblem]:
    ensure_registry_loaded()
    checked = importing.profile_rows(
        p.tab,
        p.register,
        organisations=set(Organisation.objects.values_list("key", flat=True)),
        taxonomy=p.plan.taxonomy,
        this_year=date.today().year,
        name_limit=StartUp._meta.get_field("name").max_length,  # type: ignore[arg-type]
        id_limit=StartUp._meta.get_field("key").max_length,  # type: ignore[arg-type]
    )
    for item in checked.rows:
        n, values = item.row, item.values
        if item.startup is None:
            create = partial(_create_imported, key=item.ref, values=values, file=p.out.file)
            p.out.outcome(n, values["name"], "create", write=create)
            continue
        row = p.stored[item.startup.key]
        changes = [
            {"field": f, "old": getattr(row, f), "new": v}
            for f, v in values.items()
            if getattr(row, f) != v
        ]
        update = partial(_update_imported, row=row, values=values, file=p.out.file)
        p.out.outcome(
            n, row.name, "update" if changes else "unchanged", changes, update if changes else None
        )
    return checked.problems


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


def _preview_jobs(p: _Previewing) -> list[SheetProblem]:
    checked = importing.jobs_rows(p.tab, p.register)
    figures = {(j.startup_id, j.year): j for j in JobsYear.objects.all()}
    for item in checked.rows:
        row, year, jobs = p.stored[item.startup.key], item.year, item.jobs
        old = figures.get((row.pk, year))
        action = "create" if old is None else ("unchanged" if old.jobs == jobs else "update")
        changes = (
            []
            if action == "unchanged"
            else [{"field": str(year), "old": old.jobs if old else None, "new": jobs}]
        )
        write = partial(set_jobs, row=row, year=year, jobs=jobs)
        p.out.outcome(item.row, row.name, action, changes, None if action == "unchanged" else write)
    return checked.problems


def _preview_funding(p: _Previewing) -> list[SheetProblem]:
    checked = importing.funding_rows(p.tab, p.register)
    rounds = {(f.startup_id, f.on, f.kind, f.amount_meur) for f in FundingRound.objects.all()}
    for item in checked.rows:
        row = p.stored[item.startup.key]
        values = {
            "on": item.on,
            "amount_meur": item.amount_meur,
            "kind": item.kind.value,
            "investors": item.investors,
        }
        if (row.pk, item.on, item.kind.value, item.amount_meur) in rounds:
            p.out.outcome(item.row, row.name, "unchanged")
        else:
            p.out.outcome(
                item.row, row.name, "create", write=partial(add_round, row=row, values=values)
            )
    return checked.problems


def _preview_milestones(p: _Previewing) -> list[SheetProblem]:
    checked = importing.milestone_rows(
        p.tab,
        p.register,
        title_limit=Milestone._meta.get_field("title").max_length,  # type: ignore[arg-type]
    )
    milestones = {(m.startup_id, m.on, m.title): m for m in Milestone.objects.all()}
    for item in checked.rows:
        n, row = item.row, p.stored[item.startup.key]
        on, title, done = item.on, item.title, item.done
        old = milestones.get((row.pk, on, title))
        if old is None:
            milestone = {"on": on, "title": title, "done": done}
            p.out.outcome(
                n, row.name, "create", write=partial(add_milestone, row=row, values=milestone)
            )
        elif old.done != done:
            change = [{"field": "done", "old": old.done, "new": done}]
            write = partial(_set_done, item=old, done=done, file=p.out.file)
            p.out.outcome(n, row.name, "update", change, write)
        else:
            p.out.outcome(n, row.name, "unchanged")
    return checked.problems


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
    """The portfolio's tables and charts, the core's tables in the page's language
    (:mod:`clusterplan.report.startups`); ``restricted`` applies the disclosure rule with
    the assumption's minimum, a withheld figure shown as the core's mark."""
    plan = current_plan()
    settings = settings_of(plan)
    minimum = settings.disclosure_min if restricted else 1
    today = today or date.today()
    items = portfolio()
    if not items:
        return {"empty": True, "tables": {}}
    years = core.portfolio_years(items, today.year)
    lang = page_language()
    active_table = web_table(startup_tables.active_table(items, years, minimum, lang), DOWNLOAD)
    survival = startup_tables.survival_table(items, settings, today.year, minimum, lang)
    survival_table = web_table(survival, DOWNLOAD)
    jobs = startup_tables.jobs_table(plan, items, years, minimum, lang)
    jobs_table = web_table(jobs, DOWNLOAD)
    note = disclosure.note(settings.disclosure_min, "startups", lang)
    jobs_chart = _stacked_chart(
        "startup-jobs-chart",
        _("Jobs at active start-ups per year"),
        jobs_table,
        _("jobs"),
        note,
        _parts(jobs, skip=startup_tables.WITHOUT_JOBS),
    )
    funding = startup_tables.funding_table(items, years, minimum, lang)
    funding_table = web_table(funding, DOWNLOAD)
    funding_chart = _stacked_chart(
        "startup-funding-chart",
        _("Funding raised per kind and year"),
        funding_table,
        _("M EUR"),
        note,
        _parts(funding),
    )
    status_counts = {s: sum(1 for i in items if i.status.value == s) for s in Status.values}
    return {
        "empty": False,
        "restricted": restricted,
        "disclosure_note": note,
        "count": len(items),
        "status_counts": [
            {"label": label, "value": status_counts[value]} for value, label in Status.choices
        ],
        "active_table": active_table,
        "survival_table": survival_table,
        "jobs_chart": jobs_chart,
        "funding_chart": funding_chart,
        "tables": {
            "active-by-cohort": active_table,
            "survival": survival_table,
            "jobs-per-year": jobs_table,
            "funding-per-year": funding_table,
        },
    }


def _parts(
    model: CoreTable, skip: str | None = None
) -> tuple[list[str], list[list[float | None]], list[float | None]]:
    """A portfolio table's parts for a stacked chart: the names of its body rows (but
    ``skip``), their figures per year and the totals (None: withheld, the core's mark)."""
    rows = [r for r in model.body if r.key != skip]
    names = [r.cells[0].text or "" for r in rows]
    parts = [[_value(c) for c in r.cells[1:]] for r in rows]
    totals = [] if model.totals is None else [_value(c) for c in model.totals.cells[1:]]
    return names, parts, totals


def _value(cell: TableCell) -> float | None:
    """A figure's value; None for the mark of a withheld one."""
    return None if cell.value is None else float(cell.value)


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
    return jobs, core.contributors(items, pillars, years, base_year)


def startups_against_backcast(
    plan: Plan, result: Any, restricted: bool
) -> tuple[dict[str, Any], list[Refused]]:
    """For the back-casting page: per year the acquisition gap, the weighted pipeline and
    what the start-up portfolio adds (as the assumption ``startups.jobs-count`` counts
    their jobs, which the table's note says, the assumption linked to its row on the
    assumptions page), and what remains; and the stored leads the pipeline could not
    count."""
    from clusterweb.acquisition.services import backcast_cover

    cover, refused = backcast_cover(plan, result)
    jobs, sources = portfolio_contribution(plan, list(result.pillars), list(cover.years))
    settings = settings_of(plan)
    minimum = settings.disclosure_min if restricted else 1
    lang = page_language()
    model = startup_tables.gap_table(
        cover,
        [float(v) for v in jobs.sum(axis=0)],
        sources,
        minimum,
        lang,
        count=settings.jobs_count,
        base_year=plan.employment.base_year,
        assumption=assumption_label(plan, core.JOBS_COUNT, lang),
    )
    out = web_table(model, None) | {"id": model.key}
    out["notes"][0] = with_assumption_links(  # the counting note: its assumption linked
        plan,
        lambda name: startup_tables.counting_note(
            settings.jobs_count, plan.employment.base_year, lang, name(core.JOBS_COUNT)
        ),
    )
    return out, refused
