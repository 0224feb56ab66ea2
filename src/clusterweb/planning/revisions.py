"""Plan revisions on the web: the plans and revisions the platform keeps, a revision
uploaded as a zipped plan folder (all or nothing), and making a kept revision the live plan.

A revision is a whole plan as published on a date (:class:`PlanRevision`); the live plan is
the one the editable rows hold (``services.load_plan_into_db``).
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from django import forms
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clusterplan.io.limits import ReadLimits
from clusterplan.model.talent_supply import SupplyError
from clusterplan.plan.load import PlanError, load_plan
from clusterplan.plan.schema import Plan
from clusterweb.demand.services import plan_supply, use_plan_supply
from clusterweb.planning import services
from clusterweb.planning.models import PlanDocument, PlanRevision

PLAN_MARKER = "meta.yaml"
"""The file that marks a plan folder inside an uploaded zip."""


class RevisionUploadForm(forms.Form):
    """A plan folder as a zip file."""

    file = forms.FileField(
        label=gettext_lazy("Plan folder as a zip file"),
        help_text=gettext_lazy(
            "The plan's folder (meta.yaml, employment.yaml, finance.yaml, ...) zipped; it is "
            "checked as a whole and kept as a revision only when the whole plan is valid."
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
    if len(data) > limits.max_bytes:
        raise RevisionRefused([_("The file is larger than %(n)s bytes.") % {"n": limits.max_bytes}])
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise RevisionRefused([_("The file is not a zip file.")]) from None
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        if sum(m.file_size for m in members) > limits.max_unpacked_bytes:
            raise RevisionRefused(
                [_("The zip unpacks to more than %(n)s bytes.") % {"n": limits.max_unpacked_bytes}]
            )
        for member in members:
            name = PurePosixPath(member.filename)
            if name.is_absolute() or ".." in name.parts:
                raise RevisionRefused(
                    [_("The zip holds a path outside its folder: %(name)s") % {"name": name}]
                )
            path = target.joinpath(*name.parts)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(archive.read(member))
    found = sorted(p.parent for p in target.rglob(PLAN_MARKER))
    if len(found) != 1:
        raise RevisionRefused(
            [
                _("The zip must hold exactly one plan folder (with %(file)s); it holds %(n)s.")
                % {"file": PLAN_MARKER, "n": len(found)}
            ]
        )
    return found[0]


def keep_uploaded_revision(data: bytes, limits: ReadLimits | None = None) -> PlanRevision:
    """Check a zipped plan folder as a whole and keep it as a revision (the live plan does
    not change); :class:`RevisionRefused` lists every problem, and nothing is kept."""
    limits = limits or ReadLimits.from_env()
    with tempfile.TemporaryDirectory() as tmp:
        folder = _extract(data, Path(tmp), limits)
        root = str(Path(tmp)) + "/"
        try:
            plan = load_plan(folder)
            supply = plan_supply(plan, folder)
        except PlanError as exc:
            raise RevisionRefused([str(p).replace(root, "") for p in exc.problems]) from None
        except SupplyError as exc:
            raise RevisionRefused([p.replace(root, "") for p in exc.problems]) from None
    with transaction.atomic():
        return services.record_revision(plan, supply)


def make_live(revision: PlanRevision) -> Plan:
    """Make a kept revision the live plan with its own education supply (the editable
    rows and the supply imports are replaced; the history stays)."""
    plan = Plan.model_validate(revision.data)
    supply = None
    if revision.supply_rows is not None:
        supply = (revision.supply_file, list(revision.supply_rows))
    with transaction.atomic():
        services.load_plan_into_db(plan)
        use_plan_supply(supply)
    return plan


def revision_rows() -> list[dict[str, Any]]:
    """Every kept revision, by plan and newest first, with which one is live."""
    live = PlanDocument.objects.order_by("-pk").first()
    live_digest = None if live is None else services.plan_digest(live.data)
    return [
        {
            "revision": r,
            "live": live is not None and r.plan_id == live.plan_id and r.digest == live_digest,
        }
        for r in PlanRevision.objects.defer("data").order_by("plan_id", "-loaded_at", "-pk")
    ]
