"""Monitoring services: stored actuals to the core, import, one figure, partner submissions,
the disclosure rule, and the comparison and nowcast the pages show.

The numbers are the core's (``clusterplan.monitor``): the stored rows become the core's
``Actuals`` in one place (:func:`core_actuals`), and :func:`comparison` and
:func:`nowcast_result` call the core's ``compare`` and ``nowcast`` on them, so the pages show
the same numbers as ``clusterplan monitor --actuals FILE`` for the same data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clusterplan.cache import PlanCache
from clusterplan.i18n import unit_words
from clusterplan.io.sheets import Table, TableError, TableRow
from clusterplan.monitor.actuals import Actual as CoreActual
from clusterplan.monitor.actuals import Actuals
from clusterplan.monitor.compare import Comparison, compare
from clusterplan.monitor.indicators import Indicator, monitoring_of
from clusterplan.monitor.nowcast import Nowcast, nowcast
from clusterplan.plan.schema import Plan
from clusterplan.report import annual
from clusterplan.report.tables import item_label, subject_names
from clusterweb.accounts.access import partner_organisations
from clusterweb.ecosystem.models import Organisation
from clusterweb.ecosystem.services import ensure_registry_loaded, read_upload
from clusterweb.history.constants import Action
from clusterweb.history.models import Change
from clusterweb.history.services import record_create, record_fields, save_changes
from clusterweb.imports import FileProblem
from clusterweb.locking import ReadVersion, claim
from clusterweb.monitoring.access import sees_every_organisation
from clusterweb.monitoring.messages import translate_reason
from clusterweb.monitoring.models import Actual, figure_name
from clusterweb.planning.services import current_plan
from clusterweb.presentation import page_language

EDITABLE_FIELDS = ("value", "source", "received")
"""What an import or a correction changes on a stored figure (the rest is its identity)."""

Key = tuple[str, str, int, str | None]
"""A figure's identity: indicator, subject ("" = cluster total), year, organisation key."""


# ---------------------------------------------------------------------------------------
# The plan's indicators


def indicators(plan: Plan | None = None) -> list[Indicator]:
    """The plan's monitoring indicators in the plan's order (none when it has no
    ``monitoring.yaml``)."""
    monitoring = (plan or current_plan()).monitoring
    return [] if monitoring is None else list(monitoring.indicators)


def label(indicator: Indicator) -> str:
    """An indicator's name in the current language."""
    return item_label(indicator, page_language())


def unit(indicator: Any) -> str:
    """An indicator's unit in the current language (:func:`clusterplan.i18n.unit_words`)."""
    return unit_words(indicator.unit, page_language())


def partner_indicators(plan: Plan | None = None) -> list[Any]:
    """The indicators partners submit for their own organisation (``confidential`` ones)."""
    return [i for i in indicators(plan) if getattr(i, "confidential", False)]


def subject_choices(plan: Plan, kind: str) -> list[tuple[str, str]]:
    """The subjects an indicator of this subject kind can have, for a choice field: each
    by its name in the page's language (:func:`clusterplan.report.tables.subject_names`)."""
    return list(subject_names(plan, kind, page_language()).items())


# ---------------------------------------------------------------------------------------
# Stored rows to the core (the one conversion)


def min_organisations(plan: Plan | None = None) -> int:
    """The disclosure rule of the plan's monitoring part (data, with its rationale there,
    :func:`clusterplan.report.annual.min_organisations`): a figure built from partner
    submissions is shown to someone who may not see every organisation's own figures only
    when at least this many organisations are behind it."""
    return annual.min_organisations(plan or current_plan())


def stored_rows() -> list[Actual]:
    """Every stored figure, in the order it was stored."""
    return list(Actual.objects.select_related("organisation").order_by("pk"))


def to_core(rows: Iterable[Actual], plan: Plan | None = None) -> Actuals:
    """Stored rows as the core's ``Actuals`` (the one conversion the pages use)."""
    return Actuals.of(
        (
            CoreActual(
                indicator=r.indicator,
                subject=r.subject or None,
                year=r.year,
                value=r.value,
                source=r.source,
                received=r.received,
                organisation=r.organisation.key if r.organisation_id is not None else None,
            )
            for r in rows
        ),
        plan or current_plan(),
    )


def core_actuals(plan: Plan | None = None) -> Actuals:
    """Every stored figure as the core's ``Actuals``."""
    return to_core(stored_rows(), plan)


T = TypeVar("T")

_RESULTS: PlanCache[Any] = PlanCache(16)
"""Core results per plan object, kind and stored figures."""


def _cached(kind: str, plan: Plan, rows: Sequence[Actual], compute: Callable[[], T]) -> T:
    """A core result for this plan object and these figures, computed once: the pages and
    downloads of one state share it (``current_plan`` returns the same object while the plan
    does not change)."""
    key = (
        kind,
        tuple(
            (r.indicator, r.subject, r.year, r.value, r.source, r.received, r.organisation_id)
            for r in rows
        ),
    )
    result: T = _RESULTS.get(plan, key, compute)
    return result


def comparison(user: Any, plan: Plan | None = None) -> tuple[Comparison, int]:
    """The core's plan-against-actual comparison of every stored figure, as this user may
    see it, and how many figures the disclosure rule withheld.

    Editors see it whole. For everyone else the core's ``Comparison.disclosed`` withholds
    every figure of partner submissions from fewer than :func:`min_organisations`
    organisations, and a year's cluster total when one of its subjects is withheld (the
    withheld figure would follow by subtraction): the same as ``clusterplan monitor
    --public``. This is the one place the platform applies the rule; the pages show what it
    returns.
    """
    plan = plan or current_plan()
    rows = stored_rows()
    result = _cached("compare", plan, rows, lambda: compare(plan, to_core(rows, plan)))
    if sees_every_organisation(user):
        return result, 0
    shown = result.disclosed(min_organisations(plan))
    return shown, shown.withheld


def nowcast_samples(plan: Plan | None = None) -> int:
    """Samples of the nowcast panel: the plan's nowcast default (``monitoring.yaml``), capped
    by the platform's ensemble budget (``CLUSTERWEB_ENSEMBLE_SAMPLES``) so a page stays fast."""
    default = monitoring_of(plan or current_plan()).nowcast.samples
    return min(default, int(settings.CLUSTERWEB_ENSEMBLE_SAMPLES))


def nowcast_seed(plan: Plan | None = None) -> int:
    """The seed of the nowcast panel: the plan's nowcast seed, as the command line uses."""
    return monitoring_of(plan or current_plan()).nowcast.seed


def nowcast_result(user: Any, plan: Plan | None = None) -> Nowcast:
    """The core's nowcast on the stored actuals this user may use."""
    plan = plan or current_plan()
    rows = stored_rows()
    n, seed = nowcast_samples(plan), nowcast_seed(plan)
    return _cached(
        f"nowcast-{n}-{seed}",
        plan,
        rows,
        lambda: nowcast(plan, to_core(rows, plan), n=n, seed=seed),
    )


# ---------------------------------------------------------------------------------------
# Import: preview, then all or nothing


@dataclass
class PreviewRow:
    """One figure of the file and what importing it does to the stored figures."""

    row: int
    key: Key
    value: float
    source: str
    received: date | None
    action: str  # create, update, unchanged
    old_value: float | None = None
    stored: tuple[float, str, date | None] | None = None  # value, source, received stored now


@dataclass
class ImportPreview:
    """What importing a file would do; ``valid`` only when there is no problem at all."""

    file: str
    rows: list[PreviewRow] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems and bool(self.rows)

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def counts(self) -> dict[str, int]:
        """Figures to add (``create``), change (``update``) and left ``unchanged``."""
        return {a: self.count(a) for a in ("create", "update", "unchanged")}

    def planned(self) -> list[tuple[Any, ...]]:
        """What committing writes, figure by figure: its row and identity, what it does, what
        it replaces (value, source and date received) and what it writes
        (``ImportPage.planned``)."""
        return [
            (r.row, r.key, r.action, r.stored, r.value, r.source, r.received) for r in self.rows
        ]


def _problems_of(exc: Exception, file: str) -> list[FileProblem]:
    """The core's ``ActualsError`` (or a ``TableError``) as problems."""
    if isinstance(exc, TableError):
        return [FileProblem(exc.file, exc.row, exc.column, translate_reason(exc.reason))]
    items = getattr(exc, "problems", None) or [exc]
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(FileProblem(file, None, None, item))
            continue
        out.append(
            FileProblem(
                str(getattr(item, "file", file) or file),
                getattr(item, "row", None),
                getattr(item, "column", None),
                translate_reason(getattr(item, "reason", item)),
            )
        )
    return out


def parse_table(table: Table, plan: Plan) -> tuple[list[Any], list[FileProblem]]:
    """The file's rows as the core's actuals (through the core's ``parse_actual_rows``, so
    the web and the command line accept and refuse the same files), or its problems; an
    organisation must be one of the registry's (the command line: one of the plan's)."""
    from clusterplan.monitor.actuals import ActualsError, parse_actual_rows

    ensure_registry_loaded()
    known = set(Organisation.objects.values_list("key", flat=True))
    try:
        rows = parse_actual_rows(table.rows, plan, table.file, table.columns, known)
    except ActualsError as exc:
        return [], _problems_of(exc, table.file)
    return list(rows), []


def _key(actual: Any) -> Key:
    return (
        str(actual.indicator),
        str(actual.subject or ""),
        int(actual.year),
        getattr(actual, "organisation", None) or None,
    )


def _stored_by_key(keys: Iterable[Key]) -> dict[Key, Actual]:
    wanted = set(keys)
    indicators_ = {k[0] for k in wanted}
    stored: dict[Key, Actual] = {}
    for row in Actual.objects.filter(indicator__in=indicators_).select_related("organisation"):
        key = (
            row.indicator,
            row.subject,
            row.year,
            row.organisation.key if row.organisation_id else None,
        )
        if key in wanted:
            stored[key] = row
    return stored


def preview_table(table: Table, plan: Plan | None = None) -> ImportPreview:
    """What importing this table would do (nothing is written)."""
    plan = plan or current_plan()
    result = ImportPreview(table.file)
    parsed, result.problems = parse_table(table, plan)
    if result.problems:
        return result
    numbers = [r.number for r in table.rows]
    stored = _stored_by_key(_key(a) for a in parsed)
    for number, actual in zip(numbers, parsed, strict=False):
        key = _key(actual)
        old = stored.get(key)
        received = getattr(actual, "received", None)
        if old is None:
            action = "create"
        elif (old.value, old.source, old.received) == (actual.value, actual.source, received):
            action = "unchanged"
        else:
            action = "update"
        result.rows.append(
            PreviewRow(
                number,
                key,
                float(actual.value),
                str(actual.source),
                received,
                action,
                None if old is None else old.value,
                None if old is None else (old.value, old.source, old.received),
            )
        )
    if not result.rows:
        result.problems.append(FileProblem(table.file, None, None, _("the file holds no figures")))
    return result


def preview(name: str, data: bytes) -> ImportPreview:
    """What importing this uploaded file would do (nothing is written)."""
    try:
        table = read_upload(name, data)
    except TableError as exc:
        return ImportPreview(name, problems=_problems_of(exc, name))
    return preview_table(table)


def commit_table(user: Any, table: Table, note: str = "") -> ImportPreview:
    """Import a table: every figure or none. New figures are inserted in bulk, changed ones
    updated in bulk, and each is kept in the history (one change per figure and field), all in
    one transaction. Returns the preview it applied (check ``valid``)."""
    try:
        with transaction.atomic():
            result = preview_table(table)
            if not result.valid:
                return result
            write_rows(user, result.rows, note or _("Import of %(file)s") % {"file": table.file})
    except IntegrityError:
        # Someone stored one of these figures between this preview and its write.
        return ImportPreview(
            table.file,
            problems=[
                FileProblem(
                    table.file,
                    None,
                    None,
                    _(
                        "figures of this file were stored meanwhile; nothing was imported, "
                        "preview the file again"
                    ),
                )
            ],
        )
    return result


def commit_import(user: Any, name: str, data: bytes) -> ImportPreview:
    """Import an uploaded file: every figure or none (see :func:`commit_table`)."""
    try:
        table = read_upload(name, data)
    except TableError as exc:
        return ImportPreview(name, problems=_problems_of(exc, name))
    return commit_table(user, table)


def write_rows(user: Any, rows: Sequence[PreviewRow], note: str) -> tuple[int, int]:
    """Insert the new figures and update the changed ones in bulk, with their history.
    Call inside a transaction. Returns (created, updated)."""
    orgs = dict(Organisation.objects.values_list("key", "pk"))
    entered_by = user if getattr(user, "is_authenticated", False) else None
    entered_by_id = entered_by.pk if entered_by is not None else None
    username = user.get_username() if entered_by is not None else ""
    content_type = ContentType.objects.get_for_model(Actual)
    now = timezone.now()
    note = note[:300]
    created = [r for r in rows if r.action == "create"]
    keys = _insert_actuals(created, orgs, entered_by_id, now)
    history: list[dict[str, Any]] = []
    for r in created:
        pk = keys[(r.key[0], r.key[1], r.key[2], orgs[r.key[3]] if r.key[3] else None)]
        values = {
            "id": pk,
            "indicator": r.key[0],
            "subject": r.key[1],
            "year": r.key[2],
            "value": r.value,
            "source": r.source,
            "received": r.received,
            "organisation_id": orgs[r.key[3]] if r.key[3] else None,
            "entered_by_id": entered_by_id,
            "created_at": now,
            "updated_at": now,
        }
        history.append(
            {
                "object_id": str(pk),
                "object_repr": figure_name(r.key[0], r.key[1], r.key[2])[:300],
                "action": Action.CREATE,
                "new_value": values,
            }
        )
    changed = [r for r in rows if r.action == "update"]
    stored = _stored_by_key(r.key for r in changed)
    updates = []
    for r in changed:
        row = stored[r.key]
        before = {f: getattr(row, f) for f in EDITABLE_FIELDS}
        row.value, row.source, row.received = r.value, r.source, r.received
        row.entered_by = entered_by
        row.updated_at = now
        updates.append(row)
        for name in EDITABLE_FIELDS:
            if before[name] != getattr(row, name):
                history.append(
                    {
                        "object_id": str(row.pk),
                        "object_repr": str(row)[:300],
                        "action": Action.UPDATE,
                        "field": name,
                        "field_label": str(Actual._meta.get_field(name).verbose_name)[:200],
                        "old_value": before[name],
                        "new_value": getattr(row, name),
                    }
                )
    Actual.objects.bulk_update(
        updates, [*EDITABLE_FIELDS, "entered_by", "updated_at"], batch_size=2000
    )
    _insert_changes(history, entered_by_id, username, content_type.pk, note, now)
    return len(created), len(updates)


BATCH = 5000
"""Rows per ``executemany`` of the bulk import."""


def _executemany(model: type[Any], columns: Sequence[str], params: list[tuple[Any, ...]]) -> None:
    """One prepared ``INSERT`` of ``model``'s ``columns`` run by ``executemany`` per batch:
    the database's bulk path, without the ORM compiling every row."""
    db = connections[DEFAULT_DB_ALIAS]
    quote = db.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(c) for c in columns),
        ", ".join(["%s"] * len(columns)),
    )
    with db.cursor() as cursor:
        for start in range(0, len(params), BATCH):
            cursor.executemany(sql, params[start : start + BATCH])


def _insert_actuals(
    rows: Sequence[PreviewRow], orgs: Mapping[str, int], entered_by_id: int | None, now: Any
) -> dict[tuple[str, str, int, int | None], int]:
    """Insert new figures; their primary keys by (indicator, subject, year, organisation
    pk), read back by that identity (unique)."""
    if not rows:
        return {}
    db = connections[DEFAULT_DB_ALIAS]
    stamp = db.ops.adapt_datetimefield_value(now)
    day = db.ops.adapt_datefield_value
    last = Actual.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    columns = [
        "indicator", "subject", "year", "value", "source", "received",
        "organisation_id", "entered_by_id", "created_at", "updated_at",
    ]  # fmt: skip
    _executemany(
        Actual,
        columns,
        [
            (
                r.key[0],
                r.key[1],
                r.key[2],
                r.value,
                r.source,
                day(r.received),
                orgs[r.key[3]] if r.key[3] else None,
                entered_by_id,
                stamp,
                stamp,
            )
            for r in rows
        ],
    )
    keys: dict[tuple[str, str, int, int | None], int] = {}
    for pk, *key in Actual.objects.filter(pk__gt=last).values_list(
        "pk", "indicator", "subject", "year", "organisation_id"
    ):
        keys[(key[0], key[1], key[2], key[3])] = pk
    return keys


def _insert_changes(
    changes: Sequence[Mapping[str, Any]],
    user_id: int | None,
    username: str,
    content_type_id: int,
    note: str,
    now: Any,
) -> None:
    """Insert history entries (``history.Change`` rows) in bulk, JSON values prepared by
    the model's own fields (as ``save`` would store them)."""
    if not changes:
        return
    db = connections[DEFAULT_DB_ALIAS]
    old_field = Change._meta.get_field("old_value")
    new_field = Change._meta.get_field("new_value")
    stamp = db.ops.adapt_datetimefield_value(now)
    columns = [
        "at", "user_id", "username", "content_type_id", "object_id", "object_repr",
        "action", "field", "field_label", "old_value", "new_value", "reverts_id", "note",
    ]  # fmt: skip
    _executemany(
        Change,
        columns,
        [
            (
                stamp,
                user_id,
                username,
                content_type_id,
                c["object_id"],
                c["object_repr"],
                c["action"],
                c.get("field", ""),
                c.get("field_label", ""),
                old_field.get_db_prep_save(c.get("old_value"), db),
                new_field.get_db_prep_save(c.get("new_value"), db),
                None,
                note,
            )
            for c in changes
        ],
    )


# ---------------------------------------------------------------------------------------
# One figure: an editor's form, a partner's submission


class FigureInvalid(Exception):
    """A figure the core refuses; ``problems`` say which field and why. For several
    figures at once, ``by_figure`` holds the problems of each (indicator, subject)."""

    def __init__(
        self,
        problems: list[FileProblem],
        by_figure: Mapping[tuple[str, str], list[FileProblem]] | None = None,
    ) -> None:
        self.problems = problems
        self.by_figure = dict(by_figure or {})
        super().__init__("; ".join(str(p) for p in problems))


def check_figure(values: Mapping[str, Any], plan: Plan | None = None) -> None:
    """Check one figure with the same rules as a file (the core's ``parse_actual_rows``);
    raise :class:`FigureInvalid` naming the field."""
    plan = plan or current_plan()
    cells: dict[str, Any] = {
        "indicator": values["indicator"],
        "subject": values.get("subject") or "",
        "year": values["year"],
        "value": values["value"],
        "source": values["source"],
        "received": values.get("received").isoformat() if values.get("received") else "",
        "organisation": values.get("organisation") or "",
    }
    table = Table(_("form"), tuple(cells), (TableRow(2, cells),))
    _parsed, problems = parse_table(table, plan)
    if problems:
        raise FigureInvalid(problems)


def create_actual(user: Any, fields: Mapping[str, Any]) -> Actual:
    """Add one figure (kept in the history)."""
    organisation = fields.get("organisation")
    check_figure({**fields, "organisation": organisation.key if organisation else None})
    with transaction.atomic():
        row = Actual.objects.create(
            indicator=fields["indicator"],
            subject=fields.get("subject") or "",
            year=fields["year"],
            value=fields["value"],
            source=fields["source"],
            received=fields.get("received"),
            organisation=organisation,
            entered_by=user,
        )
        record_create(user, row)
    return row


def update_actual(
    row: Actual, user: Any, fields: Mapping[str, Any], *, read: ReadVersion | None
) -> None:
    """Correct one figure's value, source or date received (kept in the history).
    Refused (:class:`clusterweb.locking.Stale`) when the form ``read`` is stale."""
    with transaction.atomic():
        claim(row, read)
        changed = {f: fields[f] for f in EDITABLE_FIELDS if f in fields}
        check_figure(
            {
                "indicator": row.indicator,
                "subject": row.subject,
                "year": row.year,
                "organisation": row.organisation.key if row.organisation_id else None,
                **changed,
            }
        )
        save_changes(user, row, {**changed, "entered_by": user}, EDITABLE_FIELDS)


def submit_partner_figures(
    user: Any, organisation: Organisation, year: int, figures: Mapping[tuple[str, str], float]
) -> int:
    """A partner's own figures for one year ((indicator, subject) -> value): new ones are
    added, earlier submissions of the same figure replaced; all or nothing, kept in history.
    Each figure is checked by the core's rules for a figure (its years, its sign); refused
    figures raise :class:`FigureInvalid` with the problems of each."""
    source = _("Submitted by %(organisation)s") % {"organisation": organisation.name}
    today = timezone.localdate()
    plan = current_plan()
    refused: dict[tuple[str, str], list[FileProblem]] = {}
    for (indicator, subject), value in figures.items():
        try:
            check_figure(
                {
                    "indicator": indicator,
                    "subject": subject,
                    "year": year,
                    "value": value,
                    "source": source,
                    "received": today,
                    "organisation": organisation.key,
                },
                plan,
            )
        except FigureInvalid as exc:  # every figure's problems, not only the first's
            refused[(indicator, subject)] = exc.problems
    if refused:
        raise FigureInvalid([p for found in refused.values() for p in found], refused)
    count = 0
    with transaction.atomic():
        for (indicator, subject), value in figures.items():
            row = (
                Actual.objects.select_for_update()
                .filter(indicator=indicator, subject=subject, year=year, organisation=organisation)
                .first()
            )
            if row is None:
                row = Actual.objects.create(
                    indicator=indicator,
                    subject=subject,
                    year=year,
                    value=value,
                    source=source,
                    received=today,
                    organisation=organisation,
                    entered_by=user,
                )
                record_create(user, row)
            else:
                before = {f: getattr(row, f) for f in EDITABLE_FIELDS}
                row.value, row.source, row.received, row.entered_by = value, source, today, user
                row.save()
                record_fields(user, row, before, EDITABLE_FIELDS)
            count += 1
    return count


def own_figures(user: Any) -> list[Actual]:
    """The figures of the partner's own organisations (what its page lists)."""
    return list(
        Actual.objects.select_related("organisation")
        .filter(organisation__key__in=partner_organisations(user))
        .order_by("organisation__name", "year", "indicator", "subject")
    )
