"""Launch Debian's Chromium through Playwright and check pages with axe-core.

``playwright install`` is never used: Playwright drives ``/usr/bin/chromium`` (Debian package
``chromium``; ``make sysdeps`` installs it). axe-core comes from the npm registry
(``node_modules/axe-core/axe.min.js``, installed by ``make assets``) and is added to every page
as an init script, which the page's Content-Security-Policy does not block, so the policy stays
on during the tests.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright

CHROMIUM = os.environ.get("CLUSTERWEB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-gpu",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
"""axe-core rule tags for WCAG 2.0, 2.1 and 2.2 at levels A and AA."""

VIEWPORT = {"width": 1280, "height": 900}


def repo_root() -> Path:
    """The project root (where ``node_modules`` is), from the environment or this file."""
    env = os.environ.get("CLUSTERWEB_REPO_ROOT")
    if env:
        return Path(env)
    for parent in Path(__file__).resolve().parents:
        if (parent / "package.json").is_file():
            return parent
    return Path.cwd()


def axe_source_path() -> Path:
    """``node_modules/axe-core/axe.min.js``; an error naming the fix when it is missing."""
    path = repo_root() / "node_modules" / "axe-core" / "axe.min.js"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: run `make assets` (npm ci)")
    return path


def launch_chromium(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless, with the flags this machine needs."""
    if not Path(CHROMIUM).is_file():
        raise FileNotFoundError(f"{CHROMIUM} is missing: run `make sysdeps` (apt-get chromium)")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


@dataclass
class PageProblems:
    """Console errors, CSP violations and uncaught page errors seen on a page."""

    errors: list[str] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "") if message.location else ""
            if where.endswith("/favicon.ico"):
                return  # the browser asks for it on its own; base.html links an SVG icon
            self.errors.append(f"console: {message.text} ({where})")

    def on_page_error(self, error: Any) -> None:
        self.errors.append(f"page error: {error}")


@contextmanager
def open_page(browser: Browser, *, locale: str = "nl-NL") -> Iterator[tuple[Page, PageProblems]]:
    """A fresh context and page with axe-core loaded on every document."""
    context = browser.new_context(viewport=VIEWPORT, locale=locale, reduced_motion="reduce")
    context.add_init_script(path=str(axe_source_path()))
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = PageProblems()
    page.on("console", problems.on_console)
    page.on("pageerror", problems.on_page_error)
    try:
        yield page, problems
    finally:
        context.close()


def axe_violations(page: Page, *, exclude: list[str] | None = None) -> list[dict[str, Any]]:
    """Run axe-core on the current page for WCAG 2.2 A/AA; return its violations."""
    result: dict[str, Any] = page.evaluate(
        """async ([tags, exclude]) => {
            const context = exclude.length ? {exclude: exclude.map((s) => [s])} : document;
            return await window.axe.run(context, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
        }""",
        [WCAG_TAGS, exclude or []],
    )
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """A readable list: rule, impact, help and the first few offending elements."""
    lines = []
    for violation in violations:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{len(violation['nodes'])} element(s): {'; '.join(targets)}]"
        )
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Fail with a readable list when axe-core finds any WCAG 2.2 A/AA violation."""
    violations = axe_violations(page)
    assert not violations, f"axe-core on {page.url}:\n{describe_violations(violations)}"


def wait_for_charts(page: Page) -> None:
    """Wait until every chart on the page has been drawn by charts.js."""
    page.wait_for_function(
        """() => Array.from(document.querySelectorAll('[data-chart-spec]'))
                  .every((el) => el.getAttribute('data-chart-rendered') === 'true')"""
    )
