"""``clusterplan serve`` keeps its background task worker running and stops it with itself."""

from __future__ import annotations

import os
import signal
import sys
import time

from clusterplan.cli.web_cmds import TaskWorker

SLEEPER = [sys.executable, "-c", "import time; time.sleep(120)"]


def wait_for(condition: object, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_killed_worker_is_started_again_and_stop_ends_it() -> None:
    worker = TaskWorker(SLEEPER)
    worker.RESTART_DELAY_SECONDS = 0.1
    worker.start()
    try:
        first = worker.process
        assert first is not None and first.poll() is None
        os.kill(first.pid, signal.SIGKILL)
        wait_for(lambda: worker.process is not first and worker.process.poll() is None)
    finally:
        worker.stop(timeout=5)
    second = worker.process
    assert second is not None and second.poll() is not None  # stopped with the server
    time.sleep(0.3)
    assert worker.process is second  # and not started again


def test_the_default_command_is_the_database_worker() -> None:
    command = TaskWorker().command
    assert command[:4] == [sys.executable, "-m", "django", "db_worker"]
    assert "--no-reload" in command  # a reloader would leave a grandchild behind
