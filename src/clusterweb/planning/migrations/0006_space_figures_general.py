"""The space figures of a stored plan get general names (the plan's years and place are data).

In every stored plan document and plan revision: ``space.demand_until_2040`` becomes
``space.demand`` and ``space.realised_2017_2024`` becomes ``space.realised`` (their
``period`` already says the years); ``space.winkelsteeg_homes`` and
``space.winkelsteeg_jobs`` become one entry of ``space.developments`` named after the place
the former keys named. A revision's content digest is computed again for its new content.
Going back refuses a development the former keys cannot hold (it would be lost).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import migrations

RENAMED = {"demand_until_2040": "demand", "realised_2017_2024": "realised"}
"""Former key -> new key of the two space figures (frozen here, like every migration)."""

FORMER_PLACE = "Winkelsteeg"
"""The development the former keys ``winkelsteeg_homes`` / ``winkelsteeg_jobs`` named."""

FORMER_HOMES, FORMER_JOBS = "winkelsteeg_homes", "winkelsteeg_jobs"


def _renamed(space: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """``space`` with its keys renamed by ``names``, in the same order."""
    return {names.get(key, key): value for key, value in space.items()}


def space_to_general(space: dict[str, Any]) -> dict[str, Any]:
    """A former space part in the general names."""
    out = _renamed(space, RENAMED)
    homes, jobs = out.pop(FORMER_HOMES, None), out.pop(FORMER_JOBS, None)
    if "developments" not in out:
        out["developments"] = (
            []
            if homes is None and jobs is None
            else [{"name": FORMER_PLACE, "homes": homes, "jobs": jobs}]
        )
    return out


def space_to_former(space: dict[str, Any], where: str) -> dict[str, Any]:
    """A general space part in the former names; refuses a development it cannot hold."""
    out = _renamed(space, {new: old for old, new in RENAMED.items()})
    developments = out.pop("developments", None) or []
    other = [d.get("name") for d in developments if d.get("name") != FORMER_PLACE]
    if other or len(developments) > 1:
        raise RuntimeError(
            f"{where}: space development(s) {', '.join(map(str, other or [FORMER_PLACE]))} "
            "have no field to go back to; the reverse migration would lose them"
        )
    former = developments[0] if developments else {}
    out[FORMER_HOMES] = former.get("homes")
    out[FORMER_JOBS] = former.get("jobs")
    return out


def _digest(data: dict[str, Any]) -> str:
    """The revision fingerprint (as ``planning.services.plan_digest`` computes it)."""
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def _convert(apps: Any, forward: bool) -> None:
    for model_name in ("PlanDocument", "PlanRevision"):
        model = apps.get_model("planning", model_name)
        for row in model.objects.order_by("pk"):
            data = row.data
            space = data.get("space") if isinstance(data, dict) else None
            if not isinstance(space, dict):
                continue
            where = f"{model_name} {row.plan_id} (pk {row.pk})"
            data["space"] = space_to_general(space) if forward else space_to_former(space, where)
            fields = ["data"]
            if model_name == "PlanRevision":
                row.digest = _digest(data)
                fields.append("digest")
            row.save(update_fields=fields)


def forwards(apps: Any, schema_editor: Any) -> None:
    _convert(apps, forward=True)


def backwards(apps: Any, schema_editor: Any) -> None:
    _convert(apps, forward=False)


class Migration(migrations.Migration):
    dependencies = [
        ("planning", "0005_plan_revision"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
