"""The annual progress report in a real browser: the dashboard's button starts the task,
the task page waits for the worker, then the result page offers the PDF and the annex;
axe-core on the dashboard (with the report form) and the result page."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from clusterweb.accounts.constants import Role
from clusterweb.tests.browser.harness import assert_accessible
from clusterweb.tests.browser.test_ecosystem_acquisition import login_as
from clusterweb.tests.browser.test_monitoring import actuals  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_report_button_gives_the_pdf_and_the_annex(
    page: Page,
    live_server: Any,
    actuals: None,  # noqa: F811
) -> None:
    from clusterweb.tasks.models import TaskRecord
    from clusterweb.tasks.services import execute

    login_as(page, live_server.url, Role.VIEWER)
    page.goto(live_server.url + reverse("monitoring:index"))
    form = page.locator("#report-form")
    expect(form).to_be_visible()
    assert_accessible(page)
    form.get_by_role("button", name="Maak de rapportage").click()
    page.wait_for_load_state("load")
    record = TaskRecord.objects.get()
    assert page.url.endswith(f"/tasks/{record.pk}/")

    execute(record.pk)  # the worker's part, in this process
    expect(page.locator("#task-status")).to_contain_text("Klaar.", timeout=30_000)
    page.goto(live_server.url + reverse("monitoring:report_result", kwargs={"pk": record.pk}))
    links = page.locator("#report-downloads a")
    expect(links).to_have_count(2)
    assert_accessible(page)
    with page.expect_download() as download:
        links.first.click()
    assert download.value.suggested_filename.endswith(".pdf")
