"""Screenshots of the dashboard and the scenario page (Dutch) for the README.

``make screenshots`` (``python -m clusterweb.tests.browser.screenshots docs``) starts
``clusterplan serve`` on a free port with a fresh database in a temporary directory, logs in as
its first admin in Debian's Chromium, and saves full-page PNGs (charts drawn without animation).
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from clusterweb.tests.browser.harness import launch_chromium, wait_for_charts

SHOTS = [("dashboard", "/dashboard/"), ("scenarios", "/scenarios/")]
STARTUP_TIMEOUT_S = 300.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"clusterplan serve exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), 1).close()
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError("clusterplan serve did not start in time")


def main(out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    password = secrets.token_urlsafe(16)
    clusterplan = (
        shutil.which("clusterplan", path=str(Path(sys.executable).parent)) or "clusterplan"
    )
    with tempfile.TemporaryDirectory(prefix="clusterweb-shots-") as var_dir:
        env = dict(os.environ, CLUSTERWEB_VAR_DIR=var_dir, CLUSTERPLAN_ADMIN_PASSWORD=password)
        env["STATIC_ROOT"] = str(Path(var_dir) / "static")
        process = subprocess.Popen(
            [clusterplan, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL
        )
        try:
            wait_for_port(port, process)
            base = f"http://127.0.0.1:{port}"
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                context = browser.new_context(
                    viewport={"width": 1280, "height": 900}, locale="nl-NL", reduced_motion="reduce"
                )
                page = context.new_page()
                page.set_default_timeout(60_000)
                page.goto(base + "/accounts/login/")
                page.locator("input[name=username]").fill("admin")
                page.locator("input[name=password]").fill(password)
                page.locator("main form button[type=submit]").click()
                page.wait_for_load_state("load")
                for name, path in SHOTS:
                    page.goto(base + path)
                    wait_for_charts(page)
                    page.evaluate("() => document.fonts.ready")
                    target = out_dir / f"screenshot-{name}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(f"wrote {target}")
                browser.close()
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs"))
