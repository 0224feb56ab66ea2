"""A background task in a real browser: start a large ensemble, watch the task page poll
(htmx, no inline script) until the worker is done, then open the result; axe-core on the
waiting, done and result pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from clusterweb.tests.browser.harness import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple 42"


@pytest.fixture
def site(live_server: Any, settings: Any) -> dict[str, Any]:
    from clusterweb.accounts.constants import Role
    from clusterweb.accounts.services import create_user, ensure_groups
    from clusterweb.planning.services import ensure_plan_loaded

    settings.CLUSTERWEB_ENSEMBLE_TASK_THRESHOLD = 1000
    ensure_groups()
    ensure_plan_loaded()
    create_user("vera", PASSWORD, Role.VIEWER)
    return {"url": live_server.url}


def test_the_task_page_shows_progress_then_the_result(page: Page, site: dict[str, Any]) -> None:
    from clusterweb.tasks.models import TaskRecord
    from clusterweb.tasks.services import execute

    base = site["url"]
    page.goto(base + reverse("accounts:login"))
    page.locator("input[name=username]").fill("vera")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")

    page.goto(base + reverse("scenarios:sensitivity"))
    page.locator("#id_samples").fill("2000")
    page.get_by_role("button", name="Ensemble berekenen").click()
    page.wait_for_load_state("load")
    record = TaskRecord.objects.get()
    assert page.url.endswith(f"/tasks/{record.pk}/")
    expect(page.locator("#task-status")).to_contain_text("Wachten op een worker")
    assert_accessible(page)

    execute(record.pk)  # the worker's part, in this process
    expect(page.locator("#task-status")).to_contain_text("Klaar.", timeout=15_000)
    assert_accessible(page)
    page.get_by_role("link", name="Uitkomst tonen").click()
    page.wait_for_load_state("load")
    expect(page.locator("main")).to_contain_text("Monte Carlo-ensemble van 2.000 trekkingen")
    assert_accessible(page)
