"""The impact page in a real browser: the chart draws, the dimension can be changed, and
axe-core finds no WCAG 2.2 A/AA violation in Dutch or English."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from clusterweb.tests.browser.harness import assert_accessible, wait_for_charts
from clusterweb.tests.browser.test_pages import log_in, site  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def card_rows(page: Page) -> list[int]:
    """How many headline cards stand in each row, top to bottom."""
    tops = page.eval_on_selector_all(
        ".clusterplan-stats > *",
        "cards => cards.map(c => Math.round(c.getBoundingClientRect().top))",
    )
    return [tops.count(top) for top in sorted(set(tops))]


def test_the_impact_page_draws_its_chart_and_is_accessible(
    page: Page,
    site: dict[str, Any],  # noqa: F811
) -> None:
    log_in(page, site["url"], "vera")
    page.goto(site["url"] + reverse("impact:index"))
    wait_for_charts(page)
    assert page.locator("#impact-jobs canvas").count() >= 1
    assert page.locator("h1").inner_text() == "Impact buiten de directe banen"
    leap = page.locator("#impact-total-jobs .clusterplan-stat__number").inner_text()
    assert_accessible(page)
    assert card_rows(page) == [3, 3]  # six cards: two rows of three, not five and one
    page.locator("select[name=scenario]").select_option("accelerated")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    wait_for_charts(page)
    assert "scenario=accelerated" in page.url
    accelerated = page.locator("#impact-total-jobs .clusterplan-stat__number").inner_text()
    assert int(accelerated.replace(".", "")) < int(leap.replace(".", ""))
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": site["url"]}])
    page.goto(site["url"] + reverse("impact:index"))
    wait_for_charts(page)
    assert page.locator("h1").inner_text() == "Impact beyond direct jobs"
    assert_accessible(page)
