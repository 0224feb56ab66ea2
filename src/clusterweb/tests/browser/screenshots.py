"""Screenshots (Dutch, 1366x768) of the pages a person reads at a glance.

``make screenshots`` (``python -m clusterweb.tests.browser.screenshots docs``) starts
``clusterplan serve`` on a free port with a fresh database in a temporary directory, logs in as
its first admin in Debian's Chromium, and saves the dashboard and the scenario page as PNGs for
the README (charts drawn without animation).

``python -m clusterweb.tests.browser.screenshots DIR --all`` saves every page that draws a
chart, each as what fits on a 1366x768 screen (``NAME.png``) and as the full page
(``NAME-full.png``), and each chart alone (``NAME-chart-N.png``), to be looked at by a person: a chart check that axe cannot do.
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

SHOTS = {"dashboard": ("/dashboard/", True), "scenarios": ("/scenarios/", False)}
"""The README's screenshots, docs/screenshot-NAME.png: (path, full page). The dashboard as a
whole page; the scenario page as a 1366x768 screen shows it (inputs and chart, no scrolling)."""

CHART_PAGES = [
    ("public", "/"),
    ("dashboard", "/dashboard/"),
    ("scenarios", "/scenarios/"),
    ("finance", "/finance/"),
    ("finance-whatif", "/finance/what-if/"),
    ("backcast", "/backcast/"),
    ("impact", "/impact/"),
    ("space-talent", "/space-talent/"),
    ("acquisition-pipeline", "/acquisition/pipeline/"),
    ("startups", "/startups/"),
    ("whitespots", "/ecosystem/white-spots/"),
    ("monitoring-jobs", "/monitoring/indicators/jobs/"),
]
"""Every page that draws a chart (``includes/chart.html``); an indicator page stands for all."""

VIEWPORT = {"width": 1366, "height": 768}
"""A common laptop screen: what a person sees without scrolling."""
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


def main(out_dir: Path, *, every_chart_page: bool = False) -> None:
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
                    viewport=VIEWPORT, locale="nl-NL", reduced_motion="reduce"
                )
                page = context.new_page()
                page.set_default_timeout(60_000)
                page.goto(base + "/accounts/login/")
                page.locator("input[name=username]").fill("admin")
                page.locator("input[name=password]").fill(password)
                page.locator("main form button[type=submit]").click()
                page.wait_for_load_state("load")
                pages = CHART_PAGES if every_chart_page else [(n, p) for n, (p, _) in SHOTS.items()]
                for name, path in pages:
                    page.goto(base + path)
                    wait_for_charts(page)
                    page.evaluate("() => document.fonts.ready")
                    if every_chart_page:
                        shots = {f"{name}.png": False, f"{name}-full.png": True}
                    else:
                        shots = {f"screenshot-{name}.png": SHOTS[name][1]}
                    for filename, full_page in shots.items():
                        target = out_dir / filename
                        page.screenshot(path=str(target), full_page=full_page)
                        print(f"wrote {target}")
                    if every_chart_page:
                        canvases = page.locator(".clusterplan-chart__canvas")
                        for i in range(canvases.count()):
                            target = out_dir / f"{name}-chart-{i + 1}.png"
                            canvases.nth(i).screenshot(path=str(target))
                            print(f"wrote {target}")
                browser.close()
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--all"]
    main(Path(args[0] if args else "docs"), every_chart_page="--all" in sys.argv[1:])
