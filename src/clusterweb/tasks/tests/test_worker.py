"""The real queue: a ``db_worker`` subprocess runs tasks; ``kill -9`` mid-task leaves no
partial result, the heartbeat sweep marks the task failed, and a retry completes it.

The worker is another process, so it needs a database that other processes see: a SQLite
file of this test's own (the embedded default), or, when the suite runs on PostgreSQL, a
fresh PostgreSQL database on the same server (production's backend).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dj_database_url
import pytest

import clusterweb
from clusterplan.cli.web_cmds import worker_command

SRC = Path(clusterweb.__file__).resolve().parent.parent
STALE_SECONDS = 3


def _postgres_database(url: str, name: str, create: bool) -> None:
    import psycopg

    cfg = dj_database_url.parse(url)
    with psycopg.connect(
        dbname="postgres",
        user=cfg.get("USER") or None,
        password=cfg.get("PASSWORD") or None,
        host=cfg.get("HOST") or None,
        port=cfg.get("PORT") or None,
        autocommit=True,
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            conn.execute(f'CREATE DATABASE "{name}"')


@pytest.fixture(scope="module")
def task_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    tmp = tmp_path_factory.mktemp("worker")
    env = dict(os.environ)
    env.pop("DATABASE_TEST_NAME", None)
    outer = os.environ.get("DATABASE_URL", "")
    pg_name = None
    if outer.startswith(("postgres://", "postgresql://")):
        pg_name = f"cp_worker_test_{os.getpid()}"
        _postgres_database(outer, pg_name, create=True)
        cfg = dj_database_url.parse(outer)
        auth = cfg["USER"] + (f":{cfg['PASSWORD']}" if cfg.get("PASSWORD") else "")
        port = f":{cfg['PORT']}" if cfg.get("PORT") else ""
        env["DATABASE_URL"] = f"postgres://{auth}@{cfg['HOST']}{port}/{pg_name}"
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp / 'tasks.sqlite3'}"
    env.update(
        DJANGO_SETTINGS_MODULE="clusterweb.conf.ci",
        PYTHONPATH=os.pathsep.join([str(SRC), env.get("PYTHONPATH", "")]),
        CLUSTERWEB_VAR_DIR=str(tmp / "var"),
        CLUSTERWEB_TASK_HEARTBEAT_SECONDS="1",
        CLUSTERWEB_TASK_STALE_SECONDS=str(STALE_SECONDS),
    )
    harness(env, "setup")
    yield env
    if pg_name is not None:
        _postgres_database(outer, pg_name, create=False)


def harness(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "clusterweb.tasks.tests.harness", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip()


def progress_of(env: dict[str, str], pk: int) -> tuple[str, int]:
    """The record's status and steps done, read straight from the database (a harness call
    starts Python and Django, which on a loaded machine can take longer than the task)."""
    cfg = dj_database_url.parse(env["DATABASE_URL"])
    query = "SELECT status, done FROM tasks_taskrecord WHERE id = %s"
    if cfg["ENGINE"].endswith("sqlite3"):
        import sqlite3

        with sqlite3.connect(cfg["NAME"], timeout=30) as connection:
            row = connection.execute(query.replace("%s", "?"), (pk,)).fetchone()
    else:
        import psycopg

        with psycopg.connect(
            dbname=cfg["NAME"],
            user=cfg.get("USER") or None,
            password=cfg.get("PASSWORD") or None,
            host=cfg.get("HOST") or None,
            port=cfg.get("PORT") or None,
        ) as connection:
            row = connection.execute(query, (pk,)).fetchone()
    return str(row[0]), int(row[1])


def status(env: dict[str, str], pk: int) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(harness(env, "status", str(pk)))
    return result


def run_batch(env: dict[str, str]) -> None:
    done = subprocess.run(
        worker_command("--batch", interval=0.2), env=env, capture_output=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]


def test_a_worker_runs_a_task_and_stores_the_result(task_env: dict[str, str]) -> None:
    params = {"samples": 70_000, "dimension": "organic", "seed": 1}  # two blocks of samples
    pk = int(harness(task_env, "start", "scenarios.ensemble", json.dumps(params)))
    assert status(task_env, pk)["status"] == "queued"
    run_batch(task_env)
    record = status(task_env, pk)
    assert record["status"] == "done", record["message"]
    assert (record["done"], record["total"], record["attempts"]) == (70_000, 70_000, 1)
    result = record["result"]
    assert (result["n"], result["dimension"]) == (70_000, "organic")
    assert len(result["p5"]) == len(result["years"]) == len(result["p95"])
    # P5 <= P95 each year (the base year is fixed: equal but for float32 rounding)
    assert all(lo <= hi + 1e-3 for lo, hi in zip(result["p5"], result["p95"], strict=True))


def test_kill_9_mid_task_leaves_nothing_and_a_retry_completes(task_env: dict[str, str]) -> None:
    params = {"samples": 1_000_000, "dimension": "leap", "seed": 7}  # 16 blocks of progress
    pk = int(harness(task_env, "start", "scenarios.ensemble", json.dumps(params)))
    process = subprocess.Popen(worker_command(interval=0.2), env=task_env, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        state, done = progress_of(task_env, pk)
        while not (state == "running" and done >= 2):
            assert state in ("queued", "running"), (state, done)
            assert time.monotonic() < deadline, f"the worker did not get going: {state}"
            time.sleep(0.05)
            state, done = progress_of(task_env, pk)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)

    killed = status(task_env, pk)
    assert killed["status"] == "running"  # nobody has noticed yet
    assert not killed["has_result"]  # and nothing of the result was written
    assert 2 <= killed["done"] < killed["total"]
    time.sleep(STALE_SECONDS + 1)  # no heartbeat for longer than the stale time
    assert harness(task_env, "sweep") == "1"
    failed = status(task_env, pk)
    assert (failed["status"], failed["retryable"], failed["has_result"]) == ("failed", True, False)

    assert json.loads(harness(task_env, "retry", str(pk))) is True
    assert status(task_env, pk)["status"] == "queued"
    run_batch(task_env)
    done = status(task_env, pk)
    assert done["status"] == "done", done["message"]
    assert done["attempts"] == 2
    assert done["result"]["n"] == 1_000_000
    assert 0.0 <= done["result"]["p_goal"] <= 1.0
