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


def _children(pid: int) -> list[int]:
    """The process ids whose parent is ``pid`` (from /proc)."""
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(entry))
    return out


def _workers(pid: int) -> list[int]:
    """The children of ``pid`` that run the task worker (not, say, a short-lived helper
    process that a library starts while the server prepares)."""
    found = []
    for child in _children(pid):
        try:
            with open(f"/proc/{child}/cmdline", "rb") as cmdline:
                if b"db_worker" in cmdline.read().split(b"\0"):
                    found.append(child)
        except OSError:
            continue
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_terminated_server_stops_its_worker(tmp_path: object) -> None:
    """SIGTERM (a service manager's stop) ends ``serve`` and the worker it started: no
    worker is left running against a database that may be gone."""
    import socket
    import subprocess
    from pathlib import Path

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = dict(os.environ, CLUSTERWEB_VAR_DIR=str(tmp_path), CLUSTERPLAN_ADMIN_PASSWORD="x" * 16)
    serve = subprocess.Popen(
        [str(Path(sys.executable).parent / "clusterplan"), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # SIGTERM as soon as the worker runs: the server may be stopped at any moment.
        wait_for(lambda: _workers(serve.pid), timeout=240)
        workers = _workers(serve.pid)
        serve.send_signal(signal.SIGTERM)
        assert serve.wait(timeout=30) is not None
        wait_for(lambda: not any(_alive(w) for w in workers), timeout=30)
    finally:
        if serve.poll() is None:
            serve.kill()
        for child in _children(serve.pid):
            os.kill(child, signal.SIGKILL)
