"""The writer side of ``bench_web``'s import case: commits an organisation file into the
benchmark server's SQLite database from its own process (as a background worker would),
either with the service (``bulk``) or with the row-by-row baseline (``rowwise``).

Run as ``python -m benchmarks.web_import VAR_DIR FILE bulk|rowwise``; prints
``ELAPSED <seconds> <rows written> <seconds writing>``. Not a production entry point.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any


def rowwise_import(name: str, data: bytes) -> tuple[int, float]:
    """The baseline, as the import was before issue 15: the same preview, then one
    ``save()`` per organisation and per history entry, all in one transaction."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction

    from clusterweb.ecosystem import services
    from clusterweb.ecosystem.models import Organisation
    from clusterweb.history.constants import Action
    from clusterweb.history.models import Change
    from clusterweb.history.services import snapshot

    result = services.preview(name, data)
    if not result.valid:
        raise SystemExit(f"invalid file: {result.problems[:3]}")
    after = result.commit()
    content_type = ContentType.objects.get_for_model(Organisation)
    written = 0
    began = time.perf_counter()
    with transaction.atomic():
        for outcome in result.outcomes:
            if outcome.action != "create":
                continue
            row = Organisation(
                key=outcome.organisation_id,
                **services._row_values(after.get(outcome.organisation_id)),
            )
            row.save()
            Change(
                content_type=content_type,
                object_id=str(row.pk),
                object_repr=str(row)[:300],
                action=Action.CREATE,
                new_value=snapshot(row),
                note=f"Import of {name}",
            ).save()
            written += 1
    return written, time.perf_counter() - began


def _remove(name: str) -> None:
    """Delete what a row-by-row run created (organisations and their history)."""
    from clusterweb.ecosystem.models import Organisation
    from clusterweb.history.models import Change

    Change.objects.filter(note=f"Import of {name}").delete()
    Organisation.objects.filter(source__startswith=f"Import {name},").delete()


def main() -> None:
    var_dir, path, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    os.environ["CLUSTERWEB_VAR_DIR"] = var_dir
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.web_server_settings"
    import django

    django.setup()
    from clusterweb.ecosystem import services

    with open(path, "rb") as handle:
        data = handle.read()
    name = os.path.basename(path)
    began = time.perf_counter()
    if mode == "rowwise":
        written, writing = rowwise_import(name, data)
        elapsed = time.perf_counter() - began
        _remove(name)  # the bulk run then imports into the same registry as this one did
    else:
        marks: list[Any] = []

        def progress(done: int, total: int) -> None:
            marks.append((done, time.perf_counter()))

        result = services.commit_import(None, name, data, progress)
        if not result.valid:
            raise SystemExit(f"invalid file: {result.problems[:3]}")
        elapsed = time.perf_counter() - began
        written = marks[-1][0] if marks else 0
        writing = marks[-1][1] - marks[0][1] if marks else 0.0
    # Total (check + write) and the writing alone (the transaction's part).
    print(f"ELAPSED {elapsed:.3f} {written} {writing:.3f}", flush=True)


if __name__ == "__main__":
    main()
