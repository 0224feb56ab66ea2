"""Background task kind of the ecosystem app: committing a large organisation import.

Registered with :func:`clusterweb.tasks.services.register` (found by the tasks app's
autodiscovery). The import is all or nothing in one short transaction, so a killed worker
leaves the registry as it was and the task can be retried.
"""

from __future__ import annotations

import base64
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from clusterplan.io.sheets import TableError
from clusterweb.ecosystem import services
from clusterweb.imports import PREVIEWED
from clusterweb.tasks.models import TaskRecord
from clusterweb.tasks.services import Progress, TaskFailed, register

IMPORT = "ecosystem.import"


def _result_url(record: TaskRecord) -> str:
    return reverse("ecosystem:registry")


@register(IMPORT, _("Import of organisations"), result_url=_result_url)
def run_import(record: TaskRecord, progress: Progress) -> dict[str, Any]:
    """Check the file again against the registry as it is now, then write it all or not:
    nothing when it would write otherwise than the preview the user confirmed."""
    params = record.params
    data = base64.b64decode(params["data"])
    try:
        result = services.commit_import(
            record.owner, params["name"], data, progress, previewed=params.get(PREVIEWED)
        )
    except TableError as exc:
        raise TaskFailed(exc) from None
    except services.PreviewMoved:
        raise TaskFailed(
            gettext_noop(
                "The registry changed since the preview, so nothing was written: upload "
                "the file again to see what it would do now."
            )
        ) from None
    if not result.valid:
        raise TaskFailed(
            gettext_noop(
                "The file no longer fits the registry (it changed since the preview): "
                "upload it again to see why."
            )
        )
    return {"created": result.count("create"), "updated": result.count("update")}
