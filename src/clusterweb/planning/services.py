"""The plan in the database: load it, turn it into the core's ``Plan``, change it safely.

``current_plan()`` is the ONE way the web layer gets a ``Plan``: it combines the stored
plan document with the edited rows and validates the result with the schema and
``cross_check``. A project's total is the printed total while its yearly costs are as
printed, otherwise the sum of its years (unknown when a year is unknown). Every edit goes through a function here that saves inside a
transaction, records the change in the history, re-validates the whole plan and rolls
everything back (raising :class:`PlanInvalid` with reasons in the user's language) when
the plan would break.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import get_language
from pydantic import ValidationError as PydanticValidationError

from clusterplan.app.scenarios import reference_note
from clusterplan.i18n import gettext as core_gettext
from clusterplan.plan.load import bundled_plan, field_path, plain_reason
from clusterplan.plan.schema import Assumption as CoreAssumption
from clusterplan.plan.schema import Plan
from clusterplan.plan.validate import cross_check, model_refusals
from clusterplan.report.tables import MONEY, cost_line_names, item_label, item_name
from clusterweb.errors import reason_sentence
from clusterweb.history import services as history
from clusterweb.locking import ReadVersion, claim
from clusterweb.planning.models import (
    Assumption,
    Commitment,
    Phase,
    PlanDocument,
    PlanRevision,
    Project,
    ProjectCost,
)
from clusterweb.presentation import entered, page_language

PROJECT_FIELDS = ("name_nl", "name_en", "status", "description_nl", "coverage_meur")
"""Project fields an editor changes; ``coverage_meur`` maps the plan's source ids to M EUR."""

# ---------------------------------------------------------------------------------------
# Problems


@dataclass(frozen=True)
class Problem:
    """Why the plan would break: which object and field, and the reason (translated)."""

    kind: str  # "project", "phase", "assumption", "commitment" or "plan"
    key: str  # project key, phase "project/phase", assumption key, commitment pk, or ""
    field: str  # a field of that object ("costs_meur.2027", "coverage_meur", ...) or ""
    reason: str
    where: str = ""  # the object and field as a reader names them ("" for the plan)

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}" if self.where else self.reason


class PlanInvalid(Exception):
    """The plan would not validate; ``problems`` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))

    def unkept(self, lang: str | None = None) -> str:
        """The one line that says a stored plan that does not validate cannot be kept as a
        revision, so nothing changed, with the problems (in ``lang``; default: this run's):
        the ``load_plan`` command prints it and the revisions page shows it."""
        return core_gettext(
            "the stored plan does not validate, so it cannot be kept; nothing changed: {problems}",
            lang,
        ).format(problems="; ".join(str(p) for p in self.problems))

    def as_validation_error(self) -> ValidationError:
        """The problems as one Django ValidationError."""
        return ValidationError([str(p) for p in self.problems])


# ---------------------------------------------------------------------------------------
# Loading


def _canonical(value: Any) -> Any:
    """``value`` with each whole float written as the integer it equals: a plan's ``1.0``
    and ``1`` are the same number, and a workbook cell (a spreadsheet keeps no such
    difference) or a hand-edited file may write either."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_canonical(item) for item in value]
    return value


def plan_digest(data: dict[str, Any]) -> str:
    """A fingerprint of a plan's content: its JSON, key order aside and numbers compared by
    value (:func:`_canonical`), so an unchanged plan re-uploaded as a workbook is the same
    revision."""
    import json

    return hashlib.sha256(json.dumps(_canonical(data), sort_keys=True).encode()).hexdigest()


def record_revision(
    plan: Plan,
    supply: tuple[str, list[dict[str, Any]]] | None = None,
    *,
    kept_from_edits: bool = False,
) -> PlanRevision:
    """Keep ``plan`` as a revision (once per distinct content of a plan id), with its
    education ``supply`` file (name and checked rows) when given; ``kept_from_edits`` marks
    a new revision that is the live plan as edited on the web."""
    data = plan.model_dump(mode="json")
    digest = plan_digest(data)
    revision, _created = PlanRevision.objects.get_or_create(
        plan_id=plan.meta.id,
        digest=digest,
        defaults={
            "title": plan.meta.title,
            "published": plan.meta.published,
            "data": data,
            "kept_from_edits": kept_from_edits,
        },
    )
    if supply is not None and revision.supply_rows is None:
        revision.supply_file, revision.supply_rows = supply
        revision.save(update_fields=["supply_file", "supply_rows"])
    return revision


def load_plan_into_db(plan: Plan) -> None:
    """Replace the stored plan with ``plan`` (documents and editable rows; the talent
    targets adopted on another plan go, a new revision of the same plan keeps them); the
    plan is kept as a revision (:func:`record_revision`), live from now. Keep the plan it
    replaces first (:func:`clusterweb.planning.revisions.keep_live_plan`)."""
    from clusterweb.demand.models import TalentTarget

    with transaction.atomic():
        if stored_plan_id() not in (None, plan.meta.id):  # another plan's targets go with it
            TalentTarget.objects.all().delete()
        for model in (ProjectCost, Phase, Commitment, Project, Assumption, PlanDocument):
            model.objects.all().delete()
        revision = record_revision(plan)
        PlanRevision.objects.filter(pk=revision.pk).update(live_from=timezone.now())
        PlanDocument.objects.create(plan_id=plan.meta.id, data=plan.model_dump(mode="json"))
        for position, project in enumerate(plan.finance.projects):
            row = Project.objects.create(
                key=project.id,
                position=position,
                name_nl=project.name_nl,
                name_en=project.name_en,
                dimension=project.dimension,
                description_nl=project.description_nl or "",
                business_case=None
                if getattr(project, "business_case", None) is None
                else project.business_case.model_dump(mode="json"),
                coverage_meur=project.coverage_meur.as_dict(),
            )
            ProjectCost.objects.bulk_create(
                ProjectCost(project=row, year=year, amount_meur=amount)
                for year, amount in sorted(project.costs_meur.items())
            )
            Phase.objects.bulk_create(
                Phase(
                    project=row,
                    key=phase.id,
                    position=index,
                    name_nl=phase.name_nl,
                    start=phase.start,
                    end=phase.end,
                )
                for index, phase in enumerate(project.phases)
            )
        for position, assumption in enumerate(plan.assumptions):
            _store_assumption(assumption, position)
        for commitment in plan.finance.commitments:
            Commitment.objects.create(
                line=commitment.line,
                source=commitment.source,
                amount_meur=commitment.amount_meur,
                year=commitment.year,
                status=commitment.status,
                instrument=commitment.instrument or "",
                note=commitment.note or "",
                evidence=commitment.provenance.source or commitment.provenance.assumption or "",
            )


def _store_assumption(assumption: CoreAssumption, position: int) -> None:
    """A plan's assumption as an editable row at ``position``."""
    Assumption.objects.create(
        key=assumption.id,
        position=position,
        label_nl=assumption.label_nl,
        label_en=assumption.label_en,
        value=assumption.value,
        unit=assumption.unit,
        rationale=assumption.rationale,
        rationale_nl=assumption.rationale_nl or "",
        public_source=assumption.public_source or "",
        low=assumption.low,
        high=assumption.high,
        distribution=assumption.distribution,
    )


def ensure_plan_loaded(plan: Plan | None = None) -> bool:
    """Load ``plan`` (default: the bundled plan) when the database holds none; True when it
    loaded it."""
    if PlanDocument.objects.exists():
        return False
    with transaction.atomic():
        if PlanDocument.objects.select_for_update().exists():
            return False
        load_plan_into_db(plan if plan is not None else bundled_plan())
    return True


def stored_plan_id() -> str | None:
    """The id of the plan the database holds (``meta.id``), or None when it holds none."""
    return PlanDocument.objects.order_by("-pk").values_list("plan_id", flat=True).first()


def add_missing_assumptions(plan: Plan) -> list[str]:
    """Add the assumptions of ``plan`` that the database lacks (e.g. after an upgrade that
    brings new model parameters), and the plan's Dutch rationale where a stored assumption
    has none and its English rationale is still the plan's (an upgrade that brings the
    translation); edited assumptions are left alone. Returns the new ids."""
    dutch = {a.id: a for a in plan.assumptions if a.rationale_nl}
    untranslated = Assumption.objects.filter(key__in=dutch, rationale_nl="")
    filled = [row for row in untranslated if row.rationale == dutch[row.key].rationale]
    for row in filled:
        row.rationale_nl = dutch[row.key].rationale_nl or ""
    Assumption.objects.bulk_update(filled, ["rationale_nl"])
    existing = set(Assumption.objects.values_list("key", flat=True))
    added = []
    start = Assumption.objects.count()
    for offset, assumption in enumerate(a for a in plan.assumptions if a.id not in existing):
        _store_assumption(assumption, start + offset)
        added.append(assumption.id)
    return added


def published_plan() -> Plan:
    """The stored plan as it was loaded (its published figures), for public pages: no
    internal edits."""
    ensure_plan_loaded()
    from django.db import connection

    key = (
        connection.settings_dict.get("NAME"),
        PlanDocument.objects.order_by("-pk").values_list("pk", "loaded_at").first(),
    )
    cached = _PUBLISHED.get("plan")
    if cached is not None and cached[0] == key:
        return cached[1]
    document = PlanDocument.objects.order_by("-pk").first()
    assert document is not None
    plan = Plan.model_validate(document.data)
    _PUBLISHED["plan"] = (key, plan)
    return plan


_PUBLISHED: dict[str, tuple[tuple[Any, ...], Plan]] = {}


# ---------------------------------------------------------------------------------------
# Database -> Plan


@dataclass
class _Index:
    """Which stored object sits at which position of the plan data."""

    projects: list[str]
    phases: dict[tuple[int, int], str]
    assumptions: list[str]
    commitments: list[str]
    names: dict[tuple[str, str], str] = field(default_factory=dict)
    """(kind, key) -> the object's name in the page's language, for :class:`Problem`."""


def _plan_data() -> tuple[dict[str, Any], _Index]:
    ensure_plan_loaded()
    document = PlanDocument.objects.order_by("-pk").first()
    assert document is not None
    data: dict[str, Any] = copy.deepcopy(document.data)
    printed = {p["id"]: p for p in data["finance"]["projects"]}
    projects = []
    index = _Index([], {}, [], [])
    lang = page_language()
    rows = Project.objects.prefetch_related("costs", "phases").order_by("position", "key")
    for i, row in enumerate(rows):
        base = dict(printed.get(row.key) or {"id": row.key, "assumption": "Added in clusterweb."})
        costs = {c.year: c.amount_meur for c in row.costs.all()}
        printed_phases = {ph["id"]: ph for ph in base.get("phases") or []}
        name = item_name(row, lang)
        index.names["project", row.key] = name
        phases = []
        for j, phase in enumerate(row.phases.all()):
            phase_data = dict(
                printed_phases.get(phase.key) or {"assumption": "Added in clusterweb."}
            )
            phase_data.update(id=phase.key, name_nl=phase.name_nl, start=phase.start, end=phase.end)
            phases.append(phase_data)
            index.phases[(i, j)] = f"{row.key}/{phase.key}"
            index.names["phase", f"{row.key}/{phase.key}"] = f"{name}, {phase.name_nl}"
        # The plan's printed total describes the costs it printed: edited costs have none
        # (their total is computed, report.tables.line_total), never a sum posing as printed.
        printed_costs = {int(y): v for y, v in (base.get("costs_meur") or {}).items()}
        total = base.get("printed_total_meur") if costs == printed_costs else None
        base.update(
            name_nl=row.name_nl,
            name_en=row.name_en,
            dimension=row.dimension,
            description_nl=row.description_nl or None,
            costs_meur=costs,
            printed_total_meur=total,
            coverage_meur=dict(row.coverage_meur or {}),
            blank_years=[y for y in base.get("blank_years") or [] if costs.get(int(y)) == 0],
            phases=phases,
        )
        if row.business_case:
            base["business_case"] = row.business_case
        else:
            base.pop("business_case", None)
        projects.append(base)
        index.projects.append(row.key)
    data["finance"]["projects"] = projects
    assumptions = []
    for row_a in Assumption.objects.order_by("position", "key"):
        item = {
            "id": row_a.key,
            "label_nl": row_a.label_nl,
            "label_en": row_a.label_en,
            "value": row_a.value,
            "unit": row_a.unit,
            "rationale": row_a.rationale,
            "rationale_nl": row_a.rationale_nl or None,
            "public_source": row_a.public_source or None,
            "low": row_a.low,
            "high": row_a.high,
            "distribution": row_a.distribution,
        }
        assumptions.append(item)
        index.assumptions.append(row_a.key)
        index.names["assumption", row_a.key] = item_label(row_a, lang)
    data["assumptions"] = assumptions
    commitments = []
    lines = {
        o["id"]: item_name(SimpleNamespace(**o), lang) for o in data["finance"]["organisation"]
    }
    for c in Commitment.objects.order_by("pk"):
        commitments.append(
            {
                "line": c.line,
                "source": c.source,
                "amount_meur": c.amount_meur,
                "year": c.year,
                "status": c.status,
                "instrument": c.instrument or None,
                "note": c.note or None,
                "provenance": {"source": c.evidence or "clusterweb"},
            }
        )
        index.commitments.append(str(c.pk))
        line = index.names.get(("project", c.line)) or lines.get(c.line, c.line)
        amount = f"{entered(c.amount_meur, MONEY)} M EUR"
        index.names["commitment", str(c.pk)] = " · ".join(
            [line, *([str(c.year)] if c.year else []), amount]
        )
    data["finance"]["commitments"] = commitments
    return data, index


_ROWS: dict[str, type[Model]] = {
    "project": Project,
    "phase": Phase,
    "assumption": Assumption,
    "commitment": Commitment,
}
"""The stored row each kind of :class:`Problem` is about (its fields name the problem's)."""


def _field_label(kind: str, path: str) -> str:
    """A field path of a stored row (``coverage_meur``, ``costs_meur.2027``) by the name
    its form gives it; the path itself where the row has no such field."""
    head, _dot, rest = path.partition(".")
    try:
        label = str(_ROWS[kind]._meta.get_field(head).verbose_name)
    except (KeyError, FieldDoesNotExist):
        if head != "costs_meur":
            return path
        label = str(ProjectCost._meta.verbose_name)
    return f"{label} {rest}" if rest else label


def _problem(kind: str, key: str, path: str, reason: str, index: _Index) -> Problem:
    """The problem with the object and field it is about named as a reader knows them."""
    where = [index.names.get((kind, key), key), *([_field_label(kind, path)] if path else [])]
    return Problem(kind, key, path, reason, ", ".join(w for w in where if w))


def _resolve(section: str, loc: tuple[Any, ...], reason: str, index: _Index) -> Problem:
    """Turn a (section, location) into the stored object and field it is about."""
    if section == "finance" and len(loc) >= 2 and loc[0] == "projects" and isinstance(loc[1], int):
        i = loc[1]
        rest = loc[2:]
        if len(rest) >= 2 and rest[0] == "phases" and isinstance(rest[1], int):
            key = index.phases.get((i, rest[1]), "")
            return _problem("phase", key, field_path(rest[2:]), reason, index)
        key = index.projects[i] if i < len(index.projects) else ""
        return _problem("project", key, field_path(rest), reason, index)
    if section == "finance" and len(loc) >= 2 and loc[0] == "commitments":
        i = loc[1]
        key = index.commitments[i] if isinstance(i, int) and i < len(index.commitments) else ""
        return _problem("commitment", key, field_path(loc[2:]), reason, index)
    if section == "assumptions" and loc and isinstance(loc[0], int):
        key = index.assumptions[loc[0]] if loc[0] < len(index.assumptions) else ""
        return _problem("assumption", key, field_path(loc[1:]), reason, index)
    return Problem("plan", section, field_path(loc), reason, field_path((section, *loc)))


def _validate(data: dict[str, Any], index: _Index) -> Plan:
    try:
        plan = Plan.model_validate(data)
    except PydanticValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(p for p in error["loc"] if p != "[key]")
            reason = plain_reason(error)
            problems.append(_resolve(str(loc[0]), loc[1:], reason_sentence(reason), index))
        raise PlanInvalid(problems) from None
    problems = [
        _resolve(s, loc, reason_sentence(reason), index) for s, loc, reason in cross_check(plan)
    ]
    if problems:
        raise PlanInvalid(problems)
    return plan


_CACHE: dict[str, tuple[tuple[Any, ...], Plan]] = {}


def _revision() -> tuple[Any, ...]:
    """A cheap fingerprint of the stored plan: changes, documents and row counts.

    Every edit through this module records a history change, so the latest change id
    moves with it; the counts catch rows added or removed outside the services.
    """
    from django.db import connection

    from clusterweb.history.models import Change

    return (
        connection.settings_dict.get("NAME"),
        Change.objects.order_by("-pk").values_list("pk", "at").first(),
        PlanDocument.objects.order_by("-pk").values_list("pk", "loaded_at").first(),
        Project.objects.count(),
        Commitment.objects.order_by("-pk").values_list("pk", flat=True).first(),
        Commitment.objects.count(),
        Assumption.objects.count(),
    )


def current_plan() -> Plan:
    """The plan as it stands in the database, validated (schema and ``cross_check``).

    The same ``Plan`` object is returned while the database does not change, so that the
    core's per-plan caches (e.g. the calibrated growth assumptions) are reused.
    """
    return current_plan_and_revision()[0]


def goal_note(plan: Plan) -> str | None:
    """What a page that shows or uses the goal says when the plan sets none: the line of
    :func:`clusterplan.app.scenarios.reference_note` (the command line's) in the page's
    language; None when the plan sets its goal."""
    return reference_note(plan, get_language())


def current_plan_and_revision() -> tuple[Plan, str]:
    """The current plan and a short key that changes whenever the stored plan changes
    (for caching rendered pages)."""
    revision = _revision()
    cached = _CACHE.get("plan")
    if cached is not None and cached[0] == revision:
        return cached[1], _revision_key(revision)
    data, index = _plan_data()
    plan = _validate(data, index)
    revision = _revision()
    _CACHE["plan"] = (revision, plan)
    return plan, _revision_key(revision)


def _revision_key(revision: tuple[Any, ...]) -> str:
    return hashlib.sha256(repr(revision).encode()).hexdigest()[:16]


def _fresh_plan() -> Plan:
    """Build and validate the plan from the database without the cache (for edits)."""
    data, index = _plan_data()
    return _validate(data, index)


def check_plan() -> None:
    """Raise :class:`PlanInvalid` when the stored plan does not validate, or when a model
    cannot use it that can use the plan as published (what ``clusterplan check`` refuses,
    :func:`clusterplan.plan.validate.model_refusals`: an edit must not break a model; a
    plan published without what a model needs can still be edited)."""
    refused = model_refusals(_fresh_plan())
    if refused:
        published = {str(r) for r in model_refusals(published_plan())}
        new = [r for r in refused if str(r) not in published]
        if new:
            raise PlanInvalid([Problem("plan", "", "", reason_sentence(r)) for r in new])


def _history_validator() -> None:
    try:
        check_plan()
    except PlanInvalid as exc:
        raise exc.as_validation_error() from None


def register_history_validators() -> None:
    """Reverts of plan data are checked like edits."""
    for model in (Project, ProjectCost, Phase, Assumption, Commitment):
        history.register_validator(model, _history_validator)


@contextmanager
def _validated_edit() -> Iterator[None]:
    """Save inside a transaction that rolls back when the plan would break."""
    with transaction.atomic():
        yield
        check_plan()


# ---------------------------------------------------------------------------------------
# Edits


def update_project(
    project: Project,
    user: Any,
    fields: dict[str, Any],
    costs: dict[int, float | None],
    *,
    read: ReadVersion | None,
) -> None:
    """Change a project's fields and yearly costs; refused with reasons if the plan breaks,
    and (:class:`clusterweb.locking.Stale`) when the form ``read`` is stale."""
    with _validated_edit():
        claim(project, read)
        before = {name: getattr(project, name) for name in PROJECT_FIELDS}
        for name, value in fields.items():
            if name not in PROJECT_FIELDS:
                raise ValueError(f"not an editable project field: {name}")
            if name == "coverage_meur":  # some sources: the others keep their amounts
                value = {**(project.coverage_meur or {}), **dict(value)}
            setattr(project, name, value)
        cost_rows = {c.year: c for c in project.costs.all()}
        for year, amount in costs.items():
            row = cost_rows.get(year)
            if row is None:
                raise ValueError(f"year {year} is not a cost year of {project.key}")
            if row.amount_meur != amount:
                old = row.amount_meur
                row.amount_meur = amount
                row.save(update_fields=["amount_meur"])
                history.record_update(user, row, "amount_meur", old, amount)
        project.full_clean()
        project.save()
        history.record_fields(user, project, before, PROJECT_FIELDS)


def update_business_case(
    project: Project, user: Any, case: dict[str, Any] | None, *, read: ReadVersion | None
) -> None:
    """Set (or, with None, remove) a project's business case; refused with reasons when
    the plan would break, and when the form ``read`` is stale."""
    with _validated_edit():
        claim(project, read)
        old = project.business_case
        project.business_case = case
        project.save(update_fields=["business_case"])
        if old != case:
            history.record_update(user, project, "business_case", old, case)


def _update_fields(
    row: Model,
    user: Any,
    fields: dict[str, Any],
    names: tuple[str, ...],
    *,
    read: ReadVersion | None,
    what: str,
) -> None:
    """Set ``fields`` (each one of ``names``) on ``row`` and keep what changed in the history;
    refused when the plan would break, and when the form ``read`` is stale (``what``: the
    kind of row, for the error naming a field that cannot be edited)."""
    with _validated_edit():
        claim(row, read)
        before = {name: getattr(row, name) for name in names}
        for name, value in fields.items():
            if name not in names:
                raise ValueError(f"not an editable {what} field: {name}")
            setattr(row, name, value)
        row.full_clean()
        row.save()
        history.record_fields(user, row, before, names)


def update_phase(
    phase: Phase, user: Any, fields: dict[str, Any], *, read: ReadVersion | None
) -> None:
    """Change a phase's name, start or end year (refused when the form ``read`` is stale)."""
    _update_fields(phase, user, fields, ("name_nl", "start", "end"), read=read, what="phase")


def update_assumption(
    assumption: Assumption, user: Any, fields: dict[str, Any], *, read: ReadVersion | None
) -> None:
    """Change an assumption's value (its range, its rationale in English and in Dutch);
    refused when the form ``read`` is stale."""
    _update_fields(
        assumption,
        user,
        fields,
        ("value", "low", "high", "rationale", "rationale_nl"),
        read=read,
        what="assumption",
    )


COMMITMENT_FIELDS = ("line", "source", "amount_meur", "year", "status", "instrument", "note")


def create_commitment(user: Any, fields: dict[str, Any]) -> Commitment:
    """Add a commitment."""
    with _validated_edit():
        commitment = Commitment(**fields)
        commitment.full_clean()
        commitment.save()
        history.record_create(user, commitment)
    return commitment


def update_commitment(
    commitment: Commitment, user: Any, fields: dict[str, Any], *, read: ReadVersion | None
) -> None:
    """Change a commitment (e.g. its status from applied to granted); refused when the
    form ``read`` is stale."""
    _update_fields(
        commitment,
        user,
        fields,
        (*COMMITMENT_FIELDS, "evidence"),
        read=read,
        what="commitment",
    )


def delete_commitment(commitment: Commitment, user: Any, *, read: ReadVersion | None) -> None:
    """Remove a commitment (kept in the history, so it can be restored); refused when it
    changed after the page ``read`` showed it."""
    with _validated_edit():
        claim(commitment, read)
        history.record_delete(user, commitment)
        commitment.delete()


def cost_line_choices() -> list[tuple[str, str]]:
    """(id, name) of every cost line a commitment may refer to (both cost tables), each by
    its name in the page's language."""
    return list(cost_line_names(current_plan(), page_language()).items())


def instrument_choices() -> list[tuple[str, str]]:
    """(id, name) of the plan's funding instruments."""
    ensure_plan_loaded()
    document = PlanDocument.objects.order_by("-pk").first()
    if document is None:
        return []
    return [(i["id"], i["name"]) for i in document.data["finance"]["instruments"]]
