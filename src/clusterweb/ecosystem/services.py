"""Registry services: seed from the plan, convert to the core, import, analyse, showcase.

Views call these; the analysis itself is the core's (``clusterplan.ecosystem``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from clusterplan.ecosystem import (
    EcosystemSettings,
    ImportPreview,
    Registry,
    concentration,
    ecosystem_settings,
    preview_import,
    white_spots,
)
from clusterplan.ecosystem.importing import closest_hints
from clusterplan.ecosystem.whitespots import Axis, WhiteSpotMatrix, require_parts
from clusterplan.errors import Coded
from clusterplan.i18n import gettext as core_gettext
from clusterplan.io.limits import ReadLimits
from clusterplan.io.sheets import FileProblem as SheetProblem
from clusterplan.io.sheets import Table, TableError, parse_table_bytes
from clusterplan.plan.schema import Organisation as CoreOrganisation
from clusterplan.plan.schema import Plan
from clusterplan.report import concentration as concentration_report
from clusterplan.report import whitespots
from clusterplan.report.tables import item_name, taxonomy_items
from clusterplan.report.whitespots import Judgement
from clusterweb.ecosystem.constants import CONFIDENTIAL_FIELDS, PUBLIC_FIELDS
from clusterweb.ecosystem.models import Organisation
from clusterweb.history.constants import Action
from clusterweb.history.models import Change
from clusterweb.history.services import field_label
from clusterweb.imports import PREVIEW_ROWS, FileProblem, digest
from clusterweb.planning import tables
from clusterweb.planning.services import current_plan, published_plan
from clusterweb.presentation import (
    SHADE_FEW,
    SHADE_NONE,
    SHADES,
    Chart,
    HeatCell,
    Shade,
    chart,
    count_steps,
    heatmap_height,
    heatmap_spec,
    page_language,
    sentence,
    shown,
    web_table,
)
from clusterweb.presentation import Table as PageTable

TEXT_FIELDS = (
    "capabilities_offered",
    "capabilities_needed",
    "collaboration_opportunities",
    "place",
    "campus",
    "size_band",
    "description_public",
    "role_nl",
    "growth_plans",
)
LIST_FIELDS = (
    "aliases",
    "pillars",
    "segments",
    "technologies",
    "markets",
    "offered_tags",
    "needed_tags",
)
VALUE_FIELDS = ("name", "kind", "on_campus", "in_region", "jobs", "revenue_meur", "source")
ALL_FIELDS = VALUE_FIELDS + LIST_FIELDS + TEXT_FIELDS


def _row_values(org: CoreOrganisation) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in VALUE_FIELDS:
        value = getattr(org, name)
        values[name] = value.value if name == "kind" else value
    values["source"] = org.source or org.assumption or ""
    for name in LIST_FIELDS:
        values[name] = list(getattr(org, name))
    for name in TEXT_FIELDS:
        values[name] = getattr(org, name) or ""
    return values


def ensure_registry_loaded() -> None:
    """Seed the registry from the plan's organisations when it is empty."""
    if Organisation.objects.exists():
        return
    with transaction.atomic():
        if Organisation.objects.select_for_update().exists():
            return
        for org in current_plan().organisations:
            Organisation.objects.create(key=org.id, **_row_values(org))


def to_core(row: Organisation) -> CoreOrganisation:
    """A stored organisation as the core's ``Organisation``."""
    data: dict[str, Any] = {"id": row.key, "source": row.source or "registry"}
    for name in ("name", "kind", "on_campus", "in_region", "jobs", "revenue_meur"):
        data[name] = getattr(row, name)
    for name in LIST_FIELDS:
        data[name] = list(getattr(row, name) or [])
    for name in TEXT_FIELDS:
        data[name] = getattr(row, name) or None
    return CoreOrganisation.model_validate(data)


def registry() -> Registry:
    """The stored registry as the core's ``Registry``."""
    ensure_registry_loaded()
    return Registry(tuple(to_core(o) for o in Organisation.objects.all()))


def settings_of(plan: Plan | None = None) -> EcosystemSettings:
    """The ecosystem defaults of the current plan (assumptions editors can change)."""
    return ecosystem_settings(plan or current_plan())


# ---------------------------------------------------------------------------------------
# Import


Progress = Callable[[int, int], None]
"""``progress(done, total)``: rows written so far out of the rows to write."""

WRITE_BATCH = 1_000
"""Rows per bulk statement (below every backend's parameter limit: 24 fields x 1,000)."""
KEY_BATCH = 500
"""Keys per ``IN (...)`` look-up (SQLite's limit on parameters is 999 in old versions)."""


def import_limits() -> ReadLimits:
    """The import limits of this server (``CLUSTERPLAN_IMPORT_*``, see docs/ecosystem.md)."""
    return ReadLimits.from_env()


def read_upload(name: str, data: bytes) -> Table:
    """An uploaded CSV or XLSX file as a table, within :func:`import_limits` (TableError,
    or its LimitError, when it cannot be read; the core refuses a file of another type)."""
    return parse_table_bytes(data, name, import_limits())


def _preview_against(reg: Registry, table: Table, plan: Plan) -> ImportPreview:
    """The core's preview (its text limits are the registry's columns:
    ``ORGANISATION_TEXT_MAX``); a file without a row is refused, as every import page
    refuses it (the core reads a stored registry without one as an empty registry)."""
    preview = preview_import(reg, table, plan.taxonomy, settings_of(plan))
    if not table.rows and preview.valid:
        empty = SheetProblem(table.file, None, None, Coded("table.no_rows"))
        return ImportPreview(table.file, (), (empty,))
    return preview


def preview(name: str, data: bytes) -> ImportPreview:
    """What importing this file would do to the stored registry (nothing is written)."""
    return _preview_against(registry(), read_upload(name, data), current_plan())


def planned(result: ImportPreview) -> list[tuple[Any, ...]]:
    """What committing a preview writes, row by row: the organisation, what it does and each
    field's old and new value (``ImportPage.planned``)."""
    return [
        (o.row, o.organisation_id, o.action, [(c.field, c.old, c.new) for c in o.changes])
        for o in result.outcomes
    ]


def _chunks(items: list[Any], size: int) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _unchanged_since(reg: Registry, result: ImportPreview) -> bool:
    """True when the registry has the same organisations as ``reg`` and none that this
    preview changes has changed since; called inside the commit's transaction."""
    if connection.vendor == "postgresql":
        # Writers of the registry queue behind this import (readers do not): the check
        # below stays true until the commit. SQLite's IMMEDIATE transaction does the same.
        with connection.cursor() as cursor:
            table = connection.ops.quote_name(Organisation._meta.db_table)
            cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
    if set(Organisation.objects.values_list("key", flat=True)) != set(reg.ids):
        return False  # organisations were added or removed: names may match differently
    updates = [o.organisation_id for o in result.outcomes if o.action == "update"]
    for keys in _chunks(updates, KEY_BATCH):
        rows = Organisation.objects.select_for_update().filter(key__in=keys)
        current = {row.key: row for row in rows}
        for key in keys:
            row = current.get(key)
            if row is None or to_core(row) != reg.get(key):
                return False
    return True


class PreviewMoved(Exception):
    """The file would now write otherwise than the preview the user confirmed (another
    editor changed the registry since): nothing is written."""


def commit_import(
    user: Any,
    name: str,
    data: bytes,
    progress: Progress | None = None,
    previewed: str | None = None,
) -> ImportPreview:
    """Import a file: all rows or none. Every created or changed organisation is kept in
    history. Returns the preview it applied (check ``valid``: nothing is written otherwise).
    With ``previewed`` (the :func:`~clusterweb.imports.digest` of what the confirmed preview
    would write), a file that would now write otherwise raises :class:`PreviewMoved` and
    writes nothing (the background worker's check; a commit in the request is checked by
    the import page).

    The file is checked outside any transaction; the writing is one short transaction of
    bulk statements (``WRITE_BATCH`` rows each), which first makes sure that no
    organisation the check read has changed since (else it checks again, inside). A plain
    function of plain values, so a background task can run it; ``progress(done, total)``
    is called after each batch.
    """
    plan = current_plan()
    table = read_upload(name, data)
    reg = registry()
    result = _preview_against(reg, table, plan)
    if not result.valid:
        return result
    note = _("Import of %(file)s") % {"file": name}
    with transaction.atomic():
        if not _unchanged_since(reg, result):
            reg = registry()
            result = _preview_against(reg, table, plan)
            if not result.valid:
                return result
        if previewed is not None and digest(planned(result)) != previewed:
            raise PreviewMoved
        _write(user, result, note, progress)
    return result


def _json(value: Any, encoder: type[json.JSONEncoder]) -> str | None:
    """JSON text of a value: the C encoder for plain values, the field's encoder otherwise."""
    if value is None:
        return None
    if value == []:
        return "[]"
    try:
        return json.dumps(value)
    except TypeError:
        return json.dumps(value, cls=encoder)


def _insert_many(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """Insert rows (attribute name -> value, primary key left out) with one ``executemany``.

    Django's ``bulk_create`` prepares every value through the ORM (~0.1 ms per value: 60 s
    for 100,000 organisations with their history); this prepares JSON and dates once per
    column kind and lets the driver do the rest. Only for models without save() logic.
    """
    if not rows:
        return
    columns = [f for f in model._meta.concrete_fields if not f.primary_key]
    postgres = connection.vendor == "postgresql"
    prepare: list[Callable[[Any], Any]] = []
    marks = []
    for f in columns:
        if isinstance(f, models.JSONField):
            encoder = f.encoder or DjangoJSONEncoder
            prepare.append(lambda v, e=encoder: _json(v, e))  # type: ignore[misc]
            marks.append("%s::jsonb" if postgres else "%s")
        elif isinstance(f, models.DateTimeField):
            prepare.append(connection.ops.adapt_datetimefield_value)
            marks.append("%s")
        else:
            prepare.append(lambda v: v)
            marks.append("%s")
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} "
        f"({', '.join(quote(f.column) for f in columns)}) VALUES ({', '.join(marks)})"
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            sql,
            [
                [p(row.get(f.attname)) for p, f in zip(prepare, columns, strict=True)]
                for row in rows
            ],
        )


def _write(user: Any, result: ImportPreview, note: str, progress: Progress | None) -> None:
    after = result.commit()
    creates = [o for o in result.outcomes if o.action == "create"]
    updates = [o for o in result.outcomes if o.action == "update"]
    total, done = len(creates) + len(updates), 0
    if progress is not None:
        progress(0, total)
    content_type = ContentType.objects.get_for_model(Organisation)
    who = (
        {"user_id": user.pk, "username": user.get_username()}
        if user is not None and getattr(user, "is_authenticated", False)
        else {"user_id": None, "username": ""}
    )
    now = timezone.now()
    fields = [f for f in Organisation._meta.concrete_fields]
    for batch in _chunks(creates, WRITE_BATCH):
        values = {o.organisation_id: _row_values(after.get(o.organisation_id)) for o in batch}
        _insert_many(Organisation, [{"key": key, **v} for key, v in values.items()])
        ids = dict(Organisation.objects.filter(key__in=list(values)).values_list("key", "pk"))
        history = []
        for key, v in values.items():
            row = {"id": ids[key], "key": key, **v}
            history.append(
                {
                    **who,
                    "at": now,
                    "content_type_id": content_type.pk,
                    "object_id": str(ids[key]),
                    "object_repr": str(v["name"])[:300],
                    "action": Action.CREATE,
                    "field": "",
                    "field_label": "",
                    "old_value": None,
                    # As history's snapshot(): every concrete field by attribute name.
                    "new_value": {f.attname: row[f.attname] for f in fields},
                    "reverts_id": None,
                    "note": note,
                }
            )
        _insert_many(Change, history)
        done += len(batch)
        if progress is not None:
            progress(done, total)
    for batch in _chunks(updates, WRITE_BATCH):
        stored = {
            row.key: row
            for row in Organisation.objects.filter(key__in=[o.organisation_id for o in batch])
        }
        changes = []
        for outcome in batch:
            row = stored[outcome.organisation_id]
            before = {f: getattr(row, f) for f in ALL_FIELDS}
            for field, value in _row_values(after.get(outcome.organisation_id)).items():
                setattr(row, field, value)
            for field in ALL_FIELDS:
                if before[field] != getattr(row, field):
                    changes.append(
                        {
                            **who,
                            "at": now,
                            "content_type_id": content_type.pk,
                            "object_id": str(row.pk),
                            "object_repr": str(row)[:300],
                            "action": Action.UPDATE,
                            "field": field,
                            "field_label": field_label(row, field)[:200],
                            "old_value": before[field],
                            "new_value": getattr(row, field),
                            "reverts_id": None,
                            "note": note,
                        }
                    )
        Organisation.objects.bulk_update(list(stored.values()), list(ALL_FIELDS))
        _insert_many(Change, changes)
        done += len(batch)
        if progress is not None:
            progress(done, total)


def table_error_message(error: TableError) -> str:
    """A file that cannot be read, in the user's language (a limit too: the core's words)."""
    return error.text(get_language())


def preview_problems(result: ImportPreview, limit: int = PREVIEW_ROWS) -> list[FileProblem]:
    """The first ``limit`` problems of a preview (the page says how many there are), each
    in the active language (from its error code, through the core's catalogue)."""
    return [FileProblem.of(p) for p in result.problems[:limit]]


def preview_rows(result: ImportPreview, limit: int = PREVIEW_ROWS) -> list[dict[str, Any]]:
    """The first ``limit`` rows of the preview that create or change something (then the
    unchanged ones, if there is room), for the template."""
    rows = []
    listed = [o for o in result.outcomes if o.action != "unchanged"][:limit]
    if len(listed) < limit:
        listed += [o for o in result.outcomes if o.action == "unchanged"][: limit - len(listed)]
    listed.sort(key=lambda o: o.row)
    for o in listed:
        match = o.match
        rows.append(
            {
                "row": o.row,
                "name": o.name,
                "given": match.given if match is not None else o.name,
                "action": o.action,
                "organisation": o.organisation_id,
                # how and how similar, in the command line's words and decimals
                "how": "" if match is None else core_gettext(match.kind, page_language()),
                "matched_name": (match.matched_name or "") if match else "",
                "similarity": None if match is None else shown(match.similarity, decimals=2),
                "closest": ", ".join(
                    f"{c} ({shown(s, decimals=2)})" for c, s in closest_hints(match)
                ),
                # as the file holds them, as the command line writes them
                "changes": [
                    {"field": c.field, "old": old, "new": new}
                    for c in o.changes
                    for old, new in [c.written(page_language())]
                ],
            }
        )
    return rows


# ---------------------------------------------------------------------------------------
# Analysis


def whitespot_chart(
    axis: str, with_jobs: bool, download_view: str | None = None
) -> tuple[Chart, list[Judgement], str]:
    """The white-spot matrix as the core builds it (cells: organisations, and jobs only
    ``with_jobs``) as a heatmap over that table, the plan's judgements and the core's
    legend of the cells, in the page's language. Viewers see counts only: a thin cell's
    jobs would reveal one organisation's confidential figure."""
    plan = current_plan()
    require_parts(plan, Axis(axis))  # as the command line refuses the matrix
    matrix = white_spots(registry(), plan.taxonomy, settings_of(plan), Axis(axis))
    lang = page_language()
    model = whitespots.whitespot_table(plan, matrix, lang, with_jobs=with_jobs)
    tab = web_table(model, download_view)
    return (
        whitespot_heatmap(matrix, tab, lang),
        whitespots.judgements(plan, matrix, lang),
        whitespots.legend(matrix, lang),
    )


def _counts(low: int, high: int | None) -> str:
    """A range of counts for a legend: '2', '3–4', '5 or more' (``high`` None)."""
    if high is None:
        return str(_("%(count)s or more") % {"count": shown(low)})
    return shown(low) if low == high else f"{shown(low)}–{shown(high)}"


def whitespot_heatmap(matrix: WhiteSpotMatrix, tab: PageTable, lang: str) -> Chart:
    """The matrix's table as a heatmap: a cell per segment (across) and row of the table
    (down) with its organisations written in it; empty and thin cells (the core's flags
    and their counts) in colours of their own with the flag's word under the count, the
    other cells on a scale from few to many. A cell's tooltip is the table's cell: the
    chart withholds what the table withholds."""
    pieces: list[tuple[str, Shade]] = []
    piece_of: dict[str, int] = {}
    for flag, shade in (("empty", SHADE_NONE), ("thin", SHADE_FEW)):
        low, high = matrix.flag_counts(flag)
        if high is not None and high < low:
            continue  # no count has the flag: no cell is thin at a threshold of 0
        piece_of[flag] = len(pieces)
        pieces.append((f"{whitespots.flag_word(flag, lang)} ({_counts(low, high)})", shade))
    low = matrix.flag_counts("ok")[0]
    steps = count_steps(low, int(matrix.organisations.max(initial=0)))
    ok_shades = SHADES[len(SHADES) - max(len(steps), 1) :]
    first_ok = len(pieces)
    if steps:
        pieces += [(_counts(a, b), shade) for (a, b), shade in zip(steps, ok_shades, strict=True)]
    else:
        pieces.append((_counts(low, None), ok_shades[0]))
    rows = [row[0].shown(lang) for row in tab["rows"]]
    segments = list(tab["columns"][1:])
    cells = []
    for j, row in enumerate(tab["rows"]):
        for i, segment in enumerate(segments):
            count = int(matrix.organisations[i, j])
            flag = matrix.flag_of(count)
            if flag == "ok":
                piece = first_ok + next(k for k, (_a, b) in enumerate(steps) if count <= b)
                text = shown(count)
            else:
                piece = piece_of[flag]
                text = f"{shown(count)}\n{whitespots.flag_word(flag, lang)}"
            name = f"{rows[j]} × {segment}: {row[i + 1].shown(lang)}"
            cells.append(HeatCell(i, j, piece, count, text, name))
    return chart(
        "whitespots",
        _("White spots at a glance"),
        heatmap_spec(segments, rows, cells, pieces),
        tab,
        height=heatmap_height(len(rows)),
    )


def concentration_tables(with_jobs: bool) -> dict[str, Any]:
    """Single points of failure (everyone who may read) and pillar shares (editors only),
    the core's tables in the page's language, and the items no organisation carries; for an
    empty register only ``empty``: why there is nothing to show and how to fill it (the
    command line's line)."""
    plan = current_plan()
    reg = registry()
    lang = page_language()
    if (empty := concentration_report.empty_registry_text(reg, lang)) is not None:
        return {"empty": sentence(empty)}
    report = concentration(reg, taxonomy_items(plan), settings_of(plan), plan.employment.base)
    out: dict[str, Any] = {
        "single_points": web_table(
            concentration_report.single_points_table(plan, report, reg, lang), None
        ),
        "uncovered": concentration_report.uncovered_text(plan, report, lang),
    }
    if with_jobs:
        out["pillars"] = web_table(concentration_report.pillar_table(plan, report, reg, lang), None)
    return out


def departure_rows(key: str, from_year: int) -> dict[str, Any]:
    """What the growth engine says if this organisation leaves from ``from_year`` (editors)."""
    from clusterplan.ecosystem.growth_link import departure_effect

    plan = current_plan()
    reg = registry()
    effect = departure_effect(plan, reg, key, from_year, settings_of(plan), None)
    lang = page_language()
    model = concentration_report.departure_table(plan, effect, reg, lang)
    return {
        "unknown": concentration_report.unknown_jobs_text(effect, reg, lang),
        "table": web_table(model, None),
    }


# ---------------------------------------------------------------------------------------
# Public showcase


@dataclass(frozen=True)
class ShowcaseFilters:
    """Search text and filters of the showcase."""

    q: str = ""
    kind: str = ""
    segment: str = ""
    technology: str = ""
    market: str = ""


def search(q: str) -> Q:
    """What a search text finds, on the registry page, the showcase and in the API: an
    organisation whose name, place or public texts hold it (never a confidential field)."""
    return (
        Q(name__icontains=q)
        | Q(description_public__icontains=q)
        | Q(capabilities_offered__icontains=q)
        | Q(collaboration_opportunities__icontains=q)
        | Q(place__icontains=q)
    )


def showcase_organisations(filters: ShowcaseFilters) -> list[dict[str, Any]]:
    """Public data of matching organisations: only :data:`PUBLIC_FIELDS`, never a
    confidential one."""
    ensure_registry_loaded()
    rows = Organisation.objects.filter(in_region=True)
    if filters.q:
        rows = rows.filter(search(filters.q))
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    out = []
    for row in rows:
        data = {f: getattr(row, f) for f in PUBLIC_FIELDS}
        assert not set(data) & set(CONFIDENTIAL_FIELDS)
        if filters.segment and filters.segment not in data["segments"]:
            continue
        if filters.technology and filters.technology not in data["technologies"]:
            continue
        if filters.market and filters.market not in data["markets"]:
            continue
        data["kind_label"] = row.get_kind_display()
        data["key"] = row.key
        out.append(data)
    return out


def flagship_projects(today: date) -> list[dict[str, Any]]:
    """The published flagship projects with their phases and the phase of ``today``."""
    plan = published_plan()
    out = []
    for project in plan.finance.projects:
        running = [phase.name_nl for phase in project.phases if phase.runs_in(today.year)]
        current = running[-1] if running else None
        out.append(
            {
                "name": item_name(project, page_language()),
                "description": project.description_nl or "",
                "phases": [
                    {"name": p.name_nl, "start": p.start, "end": p.end} for p in project.phases
                ],
                "current": current,
            }
        )
    return out


def taxonomy_choices() -> dict[str, list[tuple[str, str]]]:
    """Filter choices of the showcase (id, name in the page's language)."""
    plan = published_plan()
    return {
        "segment": tables.taxonomy_choices(plan, "segments"),
        "technology": tables.taxonomy_choices(plan, "technologies"),
        "market": tables.taxonomy_choices(plan, "markets"),
    }
