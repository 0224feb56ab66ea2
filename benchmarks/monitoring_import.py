"""The import case of the monitoring benchmark: 100,000 actual rows imported through the web
platform's bulk service against row-by-row ORM inserts, both in the same run.

Ours: ``clusterweb.monitoring.services.commit_import`` on the CSV file's bytes: read, check
every row with the core's ``parse_actual_rows`` (all or nothing), compare with the stored
figures, then ``bulk_create`` the figures and their history entries in one transaction.
The peer: the same checked rows saved one by one (``Actual.objects.create`` and
``history.record_create`` per row, in one transaction, so the peer is not slowed by a commit
per row). Printed: rows, seconds, rows per second, and the ratio; the stored figures and
history entries are counted after each, so neither side can skip work.

Runs in a child process (``python -m benchmarks.monitoring_import ROWS``) on a fresh SQLite
database in a temporary directory, so that Django's settings never leak into the other
benchmarks of the same run; ``BENCH_DATABASE_URL`` points it at another database (e.g. a
PostgreSQL database made for it: every table in it is replaced).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ROWS = 100_000
QUICK_ROWS = 10_000
INDICATOR_KIND = "pillar"
"""The benchmark's rows: a confidential indicator per pillar, year and organisation (the
only kind with enough distinct figures for 100,000 rows in a plan's horizon)."""


def _fictional_organisations(count: int) -> list[str]:
    return [f"bench-org-{i:05d}" for i in range(count)]


def _csv(plan: object, rows: int) -> tuple[bytes, int]:
    """A valid actuals file of ``rows`` figures of a confidential pillar indicator, and the
    number of organisations it needs."""
    from clusterweb.monitoring.services import indicators

    indicator = next(
        i
        for i in indicators(plan)
        if i.confidential and i.subject == INDICATOR_KIND  # type: ignore[arg-type]
    )
    pillars = plan.pillar_ids  # type: ignore[attr-defined]
    years = list(range(plan.meta.horizon_start, plan.meta.horizon_end + 1))  # type: ignore[attr-defined]
    per_organisation = len(pillars) * len(years)
    count = -(-rows // per_organisation)
    lines = ["indicator,subject,year,value,source,received,organisation"]
    cells = ((o, p, y) for o in _fictional_organisations(count) for p in pillars for y in years)
    for index, (org, pillar, year) in zip(range(rows), cells, strict=False):
        value = (index * 7919 % 5000) / 10  # deterministic, varied
        lines.append(
            f"{indicator.id},{pillar},{year},{value},benchmark (fictional),{year + 1}-02-01,{org}"
        )
    return ("\n".join(lines) + "\n").encode(), count


def child(rows: int) -> None:
    """Set up a fresh database, then time ours and the peer (run in the child process)."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from clusterplan.plan.load import bundled_plan
    from clusterweb.accounts.constants import Role
    from clusterweb.accounts.services import create_user
    from clusterweb.ecosystem.models import Organisation
    from clusterweb.ecosystem.services import ensure_registry_loaded
    from clusterweb.history.models import Change
    from clusterweb.history.services import record_create
    from clusterweb.monitoring import services
    from clusterweb.monitoring.models import Actual
    from clusterweb.planning.services import current_plan, load_plan_into_db

    call_command("migrate", verbosity=0)
    load_plan_into_db(bundled_plan())
    ensure_registry_loaded()
    user = create_user("bench-editor", "bench-password-not-secret-42", Role.EDITOR)
    plan = current_plan()
    data, organisations = _csv(plan, rows)
    Organisation.objects.bulk_create(
        Organisation(key=key, name=key, kind="supplier", source="benchmark (fictional)")
        for key in _fictional_organisations(organisations)
    )
    history_before = Change.objects.count()

    started = time.perf_counter()
    result = services.commit_import(user, "bench.csv", data)
    ours_s = time.perf_counter() - started
    assert result.valid, [str(p) for p in result.problems[:5]]
    stored = Actual.objects.count()
    history = Change.objects.count() - history_before
    assert stored == rows and history == rows, (stored, history)
    print(
        f"import (ours, bulk service): {rows:,} rows in {ours_s:.2f} s "
        f"({rows / ours_s:,.0f} rows/s; read, checked, previewed, stored with history)"
    )

    # The peer gets the rows already read and checked (not timed): only the writes count.
    Actual.objects.all().delete()
    Change.objects.all().delete()
    checked = services.preview(  # every row a "create" again
        "bench.csv", data
    ).rows
    orgs = dict(Organisation.objects.values_list("key", "pk"))
    started = time.perf_counter()
    with transaction.atomic():
        for r in checked:
            row = Actual.objects.create(
                indicator=r.key[0],
                subject=r.key[1],
                year=r.key[2],
                organisation_id=orgs[r.key[3]] if r.key[3] else None,
                value=r.value,
                source=r.source,
                received=r.received,
                entered_by=user,
            )
            record_create(user, row, "benchmark")
    peer_s = time.perf_counter() - started
    assert Actual.objects.count() == rows and Change.objects.count() == rows
    print(
        f"import (peer, row-by-row ORM inserts with history): {rows:,} rows in {peer_s:.2f} s "
        f"({rows / peer_s:,.0f} rows/s; rows already read and checked)"
    )
    print(
        f"import: the bulk service takes {ours_s / peer_s:.2f}x the peer's time "
        f"({peer_s / ours_s:.1f}x faster), parsing and checks included"
    )


def main_import(quick: bool = False) -> None:
    """Run the import case in a child process on a fresh database and print its lines."""
    rows = QUICK_ROWS if quick else ROWS
    with tempfile.TemporaryDirectory(prefix="bench-monitoring-") as tmp:
        env = dict(os.environ)
        env.setdefault("DJANGO_SETTINGS_MODULE", "clusterweb.conf.ci")
        env["DATABASE_URL"] = os.environ.get(
            "BENCH_DATABASE_URL", f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        )
        env["PYTHONPATH"] = os.pathsep.join(
            [str(REPO / "src"), str(REPO), env.get("PYTHONPATH", "")]
        ).rstrip(os.pathsep)
        subprocess.run(
            [sys.executable, "-m", "benchmarks.monitoring_import", str(rows)],
            cwd=REPO,
            env=env,
            check=True,
            timeout=3600,
        )


if __name__ == "__main__":
    child(int(sys.argv[1]) if len(sys.argv) > 1 else ROWS)
