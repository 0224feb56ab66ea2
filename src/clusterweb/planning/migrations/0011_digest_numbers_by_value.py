"""A plan revision's content digest compares numbers by value: a whole float counts as the
integer it equals (``1.0`` and ``1``), as ``planning.services.plan_digest`` now computes it,
so a plan re-uploaded unchanged as a workbook (whose cells keep no such difference) is found
as the revision it is.

Every stored revision's digest is computed again. Two revisions of one plan that differed
only that way (the second was an unchanged re-upload) would get the same digest: the earlier
takes it and the later keeps its former digest (or, where the earlier now has that one, a
digest made from it and its key that no content has), so nothing is merged or lost. Going
back computes the former digests.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import migrations


def _canonical(value: Any) -> Any:
    """``value`` with each whole float as the integer it equals (frozen here)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_canonical(item) for item in value]
    return value


def _by_value(data: Any) -> str:
    return hashlib.sha256(json.dumps(_canonical(data), sort_keys=True).encode()).hexdigest()


def _as_written(data: Any) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def _recompute(apps: Any, digest: Any) -> None:
    revision = apps.get_model("planning", "PlanRevision")
    rows = list(revision.objects.order_by("pk"))
    wanted: dict[int, str] = {}
    taken: set[tuple[str, str]] = set()
    later = []
    for row in rows:  # the earliest revision of a content takes its digest
        key = (row.plan_id, digest(row.data))
        if key in taken:
            later.append(row)
        else:
            taken.add(key)
            wanted[row.pk] = key[1]
    for row in later:  # its former digest, unless an earlier one now has it
        former = row.digest
        if (row.plan_id, former) in taken:
            former = hashlib.sha256(f"{former} {row.pk}".encode()).hexdigest()
        wanted[row.pk] = former
    # Clear first, so no row meets another's former digest on the way.
    changed = [row for row in rows if wanted[row.pk] != row.digest]
    for row in changed:
        revision.objects.filter(pk=row.pk).update(digest=f"~{row.pk}")
    for row in changed:
        revision.objects.filter(pk=row.pk).update(digest=wanted[row.pk])


def forwards(apps: Any, schema_editor: Any) -> None:
    _recompute(apps, _by_value)


def backwards(apps: Any, schema_editor: Any) -> None:
    _recompute(apps, _as_written)


class Migration(migrations.Migration):
    dependencies = [("planning", "0010_planrevision_live_from")]

    operations = [migrations.RunPython(forwards, backwards)]
