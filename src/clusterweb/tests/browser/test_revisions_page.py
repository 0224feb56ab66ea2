"""The plans and revisions page in a real browser: with two kept plans, an admin sees the
live plan in the header, the revisions grouped by plan and switches the live plan to the
other one; axe-core finds no WCAG violation on the page in Dutch or English."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from clusterweb.tests.browser.harness import assert_accessible
from clusterweb.tests.browser.test_pages import PASSWORD, log_in

pytestmark = pytest.mark.django_db(transaction=True)

OTHER = Path(__file__).resolve().parents[4] / "tests" / "plans" / "three-pillars"


@pytest.fixture
def plans(live_server: Any) -> dict[str, Any]:
    """The bundled plan live, the three-pillar test plan kept as a revision."""
    from clusterplan.plan.load import bundled_plan, load_plan
    from clusterweb.accounts.constants import Role
    from clusterweb.accounts.services import create_user, ensure_groups
    from clusterweb.planning.services import ensure_plan_loaded, record_revision

    ensure_groups()
    ensure_plan_loaded()
    other = load_plan(OTHER)
    record_revision(other)
    create_user("alice", PASSWORD, Role.ADMIN)
    return {"url": live_server.url, "first": bundled_plan().meta, "other": other.meta}


def test_an_admin_switches_the_live_plan(page: Page, plans: dict[str, Any]) -> None:
    url, first, other = plans["url"], plans["first"], plans["other"]
    log_in(page, url, "alice")
    for language in ("nl", "en"):
        page.context.add_cookies([{"name": "django_language", "value": language, "url": url}])
        page.goto(url + reverse("planning:revisions"))
        assert page.locator("header").get_by_role("link", name=first.title).count() == 1
        assert page.locator("main section").count() == 2
        assert_accessible(page)
    page.locator("main section", has_text=other.title).get_by_role("button").first.click()
    page.wait_for_load_state()
    assert page.locator("header").get_by_role("link", name=other.title).count() == 1
    assert first.title not in page.locator("header").inner_text()
    assert_accessible(page)
