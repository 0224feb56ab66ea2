"""The revision comparison in a real browser: a viewer compares two revisions (a changed
cost, an added project), the chart of both revisions' totals is drawn, and axe-core finds no
WCAG violation in Dutch or English."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from clusterweb.tests.browser.harness import assert_accessible, wait_for_charts
from clusterweb.tests.browser.test_pages import log_in, site  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True)

ADDED = "Vergelijk testproject"


@pytest.fixture
def pair(site: dict[str, Any]) -> dict[str, Any]:  # noqa: F811
    """The site (bundled plan, viewer vera) and a revision of the plan with one cost changed
    and one project added."""
    from clusterplan.plan.schema import Plan
    from clusterweb.planning.models import PlanRevision
    from clusterweb.planning.services import current_plan, record_revision

    plan = current_plan()
    data = plan.model_dump(mode="json")
    projects = data["finance"]["projects"]
    year = next(y for y, v in projects[0]["costs_meur"].items() if v)
    projects[0]["costs_meur"][year] += 3.5
    projects.append(dict(projects[-1], id="vergelijk", name_nl=ADDED, name_en=ADDED))
    new = record_revision(Plan.model_validate(data))
    old = PlanRevision.objects.exclude(pk=new.pk).get(plan_id=plan.meta.id)
    return {"url": site["url"], "old": old.pk, "new": new.pk}


def test_a_viewer_compares_two_revisions(page: Page, pair: dict[str, Any]) -> None:
    log_in(page, pair["url"], "vera")
    path = reverse("planning:revision_diff") + f"?old={pair['old']}&new={pair['new']}"
    for language in ("nl", "en"):
        page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": pair["url"]}]
        )
        page.goto(pair["url"] + path)
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("main table", has_text=ADDED).count() >= 1
        wait_for_charts(page)
        assert page.locator("#revision-diff-scenarios canvas, #revision-diff-scenarios svg").count()
        assert_accessible(page)
