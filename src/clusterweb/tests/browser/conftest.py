"""Fixtures for browser tests: one Chromium per session, a fresh page per test.

Every test here is marked ``browser``; deselect them with ``pytest -m "not browser"``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from clusterweb.tests.browser.harness import PageProblems, launch_chromium, open_page

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# (creating users, reading results) are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives Debian's Chromium through Playwright")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page_and_problems(browser: Browser) -> Iterator[tuple[Page, PageProblems]]:
    with open_page(browser) as (page, problems):
        yield page, problems


@pytest.fixture
def page(page_and_problems: tuple[Page, PageProblems]) -> Iterator[Page]:
    """A page; the test fails if it logged a console error, CSP violation or page error."""
    page, problems = page_and_problems
    yield page
    assert not problems.errors, "browser problems:\n" + "\n".join(problems.errors)
