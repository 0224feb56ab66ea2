"""Plan revisions on the web: the plans and revisions the platform keeps, a revision
uploaded as a zipped plan folder or as the plan's workbook (``clusterplan plan export
--format xlsx``; all or nothing), and making a kept revision the live plan.

A revision is a whole plan as published on a date (:class:`PlanRevision`); the live plan is
the one the editable rows hold (``services.load_plan_into_db``). One plan is live (worked
on) at a time; the other plans are kept as revisions and one is switched to by making a
revision of it live, after the live plan, edits included, is kept as a revision.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from django import forms
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterplan.i18n import gettext as core_text
from clusterplan.io.limits import ReadLimits
from clusterplan.io.sheets import LimitError, check_size
from clusterplan.model.talent_supply import SupplyError
from clusterplan.plan.load import BUNDLED_PLAN_DIR, PlanError, load_plan
from clusterplan.plan.schema import Plan
from clusterplan.plan.validate import require_takeable, require_usable
from clusterplan.plan.workbook import WorkbookError, import_workbook
from clusterweb.demand.services import (
    replace_supply_with_plan_file,
    supply_entry,
    supply_problem_text,
    use_plan_supply,
    with_adopted_targets,
)
from clusterweb.planning import services
from clusterweb.planning.models import PlanDocument, PlanRevision
from clusterweb.presentation import page_language, shown

PLAN_MARKER = "meta.yaml"
"""The file that marks a plan folder inside an uploaded zip."""

WORKBOOK_MARKER = "xl/workbook.xml"
"""The member that marks an XLSX workbook (itself a zip file)."""


class RevisionUploadForm(forms.Form):
    """A plan folder as a zip file, or the plan as one workbook."""

    file = forms.FileField(
        label=gettext_lazy("Plan folder as a zip file, or the plan's workbook (XLSX)"),
        help_text=gettext_lazy(
            "The plan's folder (meta.yaml, employment.yaml, finance.yaml, ...) zipped, or the "
            "workbook that 'clusterplan plan export --format xlsx' writes; it is checked as a "
            "whole and kept as a revision only when the whole plan is valid."
        ),
    )


class RevisionRefused(Exception):
    """An upload that is not a valid plan; ``problems`` says everything that is wrong."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def _extract(data: bytes, target: Path, limits: ReadLimits) -> Path:
    """Unpack a zipped plan folder into ``target`` (no path outside it, within the limits);
    the folder holding ``meta.yaml``."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise RevisionRefused([_("The file is not a zip file.")]) from None
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if sum(m.file_size for m in members) > limits.max_unpacked_bytes:
            raise RevisionRefused(
                [
                    _("The zip unpacks to more than %(n)s bytes.")
                    % {"n": shown(limits.max_unpacked_bytes)}
                ]
            )
        for member in members:
            name = PurePosixPath(member.filename)
            if name.is_absolute() or ".." in name.parts:
                raise RevisionRefused(
                    [_("The zip holds a path outside its folder: %(name)s") % {"name": name}]
                )
            _unpack(archive, member, target.joinpath(*name.parts))
    found = sorted(p.parent for p in target.rglob(PLAN_MARKER))
    if len(found) != 1:
        raise RevisionRefused(
            [
                _("The zip must hold exactly one plan folder (with %(file)s); it holds %(n)s.")
                % {"file": PLAN_MARKER, "n": len(found)}
            ]
        )
    return found[0]


def _unpack(archive: zipfile.ZipFile, member: zipfile.ZipInfo, path: Path) -> None:
    """Write one member of an uploaded zip to ``path``; :class:`RevisionRefused`, naming
    the member, when it cannot be (password-protected, damaged or packed in a way that
    cannot be read, or a file where the zip also holds a folder of that name)."""
    name = member.filename
    if member.flag_bits & 0x1:
        raise RevisionRefused(
            [
                _(
                    "%(name)s in the zip is protected by a password; zip the plan folder "
                    "again without one."
                )
                % {"name": name}
            ]
        )
    try:
        data = archive.read(member)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, zlib.error):
        raise RevisionRefused(
            [
                _(
                    "%(name)s in the zip is damaged or packed in a way that cannot be read; "
                    "zip the plan folder again."
                )
                % {"name": name}
            ]
        ) from None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError:  # a file and a folder of one name, or a name the disk cannot hold
        raise RevisionRefused(
            [
                _(
                    "%(name)s in the zip cannot be unpacked: the zip also holds a file or "
                    "folder of that name, or the name is too long."
                )
                % {"name": name}
            ]
        ) from None


def _is_workbook(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return WORKBOOK_MARKER in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _from_workbook(data: bytes, target: Path, limits: ReadLimits) -> Path:
    """Write the plan a workbook holds into a new folder below ``target`` (every problem
    named by sheet, row and column)."""
    book = target / "plan.xlsx"
    book.write_bytes(data)
    folder = target / "plan"
    try:
        import_workbook(book, folder, limits)
    except WorkbookError as exc:
        raise RevisionRefused([p.text(page_language()) for p in exc.problems]) from None
    return folder


def keep_uploaded_revision(data: bytes, limits: ReadLimits | None = None) -> PlanRevision:
    """Check a zipped plan folder or a plan workbook as a whole and keep it as a revision
    (the live plan does not change); :class:`RevisionRefused` lists every problem, and
    nothing is kept."""
    limits = limits or ReadLimits.from_env()
    try:
        check_size("", len(data), limits)
    except LimitError as exc:
        raise RevisionRefused([exc.text(page_language())]) from None
    with tempfile.TemporaryDirectory() as tmp:
        if _is_workbook(data):
            folder = _from_workbook(data, Path(tmp), limits)
        else:
            folder = _extract(data, Path(tmp), limits)
        root = str(Path(tmp)) + "/"
        try:
            plan = load_plan(folder)
            where = str(folder / "assumptions")  # taken as clusterplan check takes it
            supply = supply_entry(require_takeable(plan, folder, where, limits))
        except PlanError as exc:
            lang = page_language()
            raise RevisionRefused([p.text(lang).replace(root, "") for p in exc.problems]) from None
        except SupplyError as exc:
            shown = [supply_problem_text(d).replace(root, "") for d in exc.problems]
            raise RevisionRefused(shown) from None
    with transaction.atomic():
        return services.record_revision(plan, supply)


def _live_supply() -> tuple[str, list[dict[str, Any]]] | None:
    """The live plan's education supply as (file name, rows): its latest import, if any."""
    from clusterweb.demand.models import SupplyImport

    latest = SupplyImport.objects.order_by("-pk").first()
    return None if latest is None else (latest.file_name, list(latest.rows))


def keep_live_plan() -> PlanRevision | None:
    """Keep the live plan as it stands (with the edits made on the web, the talent targets
    adopted on it, and its education supply) as a revision of its plan before it is replaced, when no kept revision of that
    plan holds the same content. Returns the new revision (None when nothing new was kept
    or no plan is stored); :class:`services.PlanInvalid` when the stored plan does not
    validate (nothing is kept)."""
    if not PlanDocument.objects.exists():
        return None
    newest = PlanRevision.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    live = with_adopted_targets(services.current_plan())  # the talent targets adopted too
    revision = services.record_revision(live, _live_supply(), kept_from_edits=True)
    return revision if revision.pk > newest else None


@dataclass(frozen=True)
class Stored:
    """What :func:`store_plan` did. ``outcome``: ``"loaded"`` into an empty database,
    ``"replaced"`` the stored plan, found the ``"same"`` plan stored (and ``added`` the ids
    of its assumptions the database lacked), or found an ``"other"`` plan and changed
    nothing. ``stored``: the id of the plan the database holds afterwards; ``kept``: the
    plan id of the revision that keeps the replaced plan's edits (None when none was new);
    ``supply``: the file name of the plan's own education supply, when it was imported."""

    outcome: Literal["loaded", "replaced", "same", "other"]
    stored: str
    added: tuple[str, ...] = ()
    kept: str | None = None
    supply: str | None = None

    def summary(self) -> str:
        """One line in the run's language (the core's catalogue) saying what storing the
        plan did, for the command line (not for ``"other"``: the caller says what next)."""
        if self.outcome == "replaced":
            return core_text("replaced the stored plan with '{plan}'").format(plan=self.stored)
        if self.outcome == "loaded":
            return core_text("loaded the plan '{plan}' into the database").format(plan=self.stored)
        if self.added:
            return core_text("added {count} new assumption(s) from the plan '{plan}'").format(
                count=len(self.added), plan=self.stored
            )
        return core_text("the database holds the plan '{plan}' already").format(plan=self.stored)


def store_plan(plan: Plan, plan_dir: Path | None, *, replace: bool = False) -> Stored:
    """Store ``plan`` (read from ``plan_dir``; None for the bundled plan) as the live plan,
    all or nothing: into an empty database; over the stored plan with ``replace`` (which is
    kept first, edits included: :func:`keep_live_plan`); or, when the database holds the
    same plan, only the assumptions it lacks are added (edits are kept). Nothing of one
    plan is ever added to another. The plan's education supply file comes from
    ``plan_dir`` (``SupplyError`` when it is refused), never from the plan it replaces;
    :class:`services.PlanInvalid` when the plan to replace cannot be kept; ``PlanError``
    when a model cannot use ``plan`` (as ``clusterplan check`` refuses it)."""
    require_usable(plan, str((plan_dir or BUNDLED_PLAN_DIR) / "assumptions"))
    with transaction.atomic():
        kept = None
        if replace:
            kept = keep_live_plan()
            services.load_plan_into_db(plan)
        elif not services.ensure_plan_loaded(plan):
            stored = services.stored_plan_id() or ""
            if stored != plan.meta.id:
                return Stored("other", stored)
            return Stored("same", stored, added=tuple(services.add_missing_assumptions(plan)))
        supply = None
        if plan_dir is not None:
            supply = replace_supply_with_plan_file(plan, plan_dir)
        else:
            use_plan_supply(None)  # the bundled plan's file is read where it lies
        return Stored(
            "replaced" if replace else "loaded",
            plan.meta.id,
            kept=None if kept is None else kept.plan_id,
            supply=supply,
        )


def make_live(revision: PlanRevision) -> PlanRevision | None:
    """Make a kept revision the live plan with its own education supply (the editable
    rows and the supply imports are replaced; the history stays). The plan it replaces is
    kept first, edits included (:func:`keep_live_plan`); all in one transaction. Returns
    the new revision that keeps the replaced plan's edits (None when a kept revision
    already held them). A revision a model cannot use (kept before that was checked) is
    refused with :class:`PlanError`, and nothing changes."""
    plan = Plan.model_validate(revision.data)
    require_usable(plan, revision.title)
    supply = None
    if revision.supply_rows is not None:
        supply = (revision.supply_file, list(revision.supply_rows))
    with transaction.atomic():
        kept = keep_live_plan()
        services.load_plan_into_db(plan)
        use_plan_supply(supply)
    return kept


def previous_revision(plan: Plan) -> PlanRevision | None:
    """The revision of the live ``plan`` that was live last and holds another content: the
    one it was made live from when it has been edited since, else the one live before
    (what ``clusterplan report --previous-plan`` names); an upload never made live is no
    previous plan. None when there is none."""
    digest = services.plan_digest(plan.model_dump(mode="json"))
    was_live = Q(live_from__isnull=False) | Q(kept_from_edits=True)  # never an upload alone
    candidates = PlanRevision.objects.filter(was_live, plan_id=plan.meta.id).exclude(digest=digest)

    def last_live(revision: PlanRevision) -> tuple[Any, int]:
        """When it was last the live plan: made live then, or live (edited) until kept."""
        times = [
            t for t in (revision.live_from, revision.kept_from_edits and revision.loaded_at) if t
        ]
        return max(times), revision.pk

    return max(candidates, key=last_live, default=None)


def plan_groups() -> list[dict[str, Any]]:
    """Every kept plan with its revisions (newest first), the live plan first: per plan its
    id, title (of its newest revision), whether it is live, its newest revision, and per
    revision whether it is the one made live (the live plan may be edited since)."""
    live = PlanDocument.objects.order_by("-pk").first()
    live_digest = None if live is None else services.plan_digest(live.data)
    groups: dict[str, dict[str, Any]] = {}
    for r in PlanRevision.objects.defer("data").order_by("plan_id", "-loaded_at", "-pk"):
        group = groups.setdefault(
            r.plan_id,
            {
                "plan_id": r.plan_id,
                "title": r.title,
                "newest": r,
                "live": live is not None and r.plan_id == live.plan_id,
                "rows": [],
            },
        )
        group["rows"].append({"revision": r, "live": group["live"] and r.digest == live_digest})
    if live is not None and live.plan_id in groups:  # the title of the plan as loaded
        groups[live.plan_id]["title"] = (live.data.get("meta") or {}).get("title") or live.plan_id
    return sorted(groups.values(), key=lambda g: not g["live"])
