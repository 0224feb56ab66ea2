"""A plan other than the bundled one, served as ``clusterplan serve --plan DIR`` stores it:
axe-core finds no WCAG 2.2 A/AA violation on its dashboard, scenario, finance, space,
monitoring, pipeline and impact pages; its jobs charts start in its base year, no chart
has an empty series or cuts a name short, and no page shows 'None'. Screenshots of the
dashboard and the scenario page go to ``$CLUSTERWEB_SCREENSHOTS`` (when set) to look at."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from clusterweb.tests.browser.harness import assert_accessible, wait_for_charts

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple 42"
PLANS = Path(__file__).resolve().parents[4] / "tests" / "plans"
PAGES = (
    "dashboard:index",
    "scenarios:index",
    "finance:index",
    "demand:index",
    "monitoring:index",
    "acquisition:pipeline",
    "impact:index",
)

CUT_TEXTS = """() => [...document.querySelectorAll('[_echarts_instance_]')].flatMap((el) =>
    window.echarts.getInstanceByDom(el).getZr().storage.getDisplayList()
        .map((shape) => shape.style && shape.style.text)
        .filter((text) => typeof text === 'string' && /\\.\\.\\.$|\u2026$/.test(text)))"""
"""The texts the page's charts draw cut short (ECharts ends a truncated text with '...')."""


@pytest.fixture(params=["three-pillars", "seven-pillars"])
def plan_site(request: pytest.FixtureRequest, live_server: Any) -> dict[str, Any]:
    from django.core.management import call_command

    from clusterplan.plan.load import load_plan
    from clusterweb.accounts.constants import Role
    from clusterweb.accounts.services import create_user, ensure_groups

    ensure_groups()
    call_command("load_plan", str(PLANS / request.param), verbosity=0)
    create_user("vera", PASSWORD, Role.VIEWER)
    return {"url": live_server.url, "name": request.param, "plan": load_plan(PLANS / request.param)}


def test_a_served_test_plan_has_accessible_pages_with_its_own_charts(
    page: Page, plan_site: dict[str, Any]
) -> None:
    base = plan_site["url"]
    plan = plan_site["plan"]
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(base + reverse("accounts:login"))
    page.locator("input[name=username]").fill("vera")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    shots = os.environ.get("CLUSTERWEB_SCREENSHOTS")
    for name in PAGES:
        page.goto(base + reverse(name))
        wait_for_charts(page)
        assert_accessible(page)
        text = page.locator("main").inner_text()
        assert "None" not in text, f"{name} shows 'None'"
        if name in ("dashboard:index", "scenarios:index"):
            for pillar in plan.taxonomy.pillars:
                assert pillar.name_nl in text, (name, pillar.name_nl)
        if name == "finance:index":
            for source in plan.finance.sources:
                assert source.name_nl in text, (name, source.name_nl)
        if name == "demand:index":  # these plans have no space part: one line says so
            assert "space.yaml" in text
        charts = page.locator("[data-chart-spec]")
        if name in ("dashboard:index", "scenarios:index"):
            assert charts.count() > 0, f"{name} draws no chart"
        for i in range(charts.count()):
            spec_id = charts.nth(i).get_attribute("data-chart-spec")
            spec = json.loads(page.locator(f"script[id='{spec_id}']").text_content() or "{}")
            axis = spec.get("xAxis", {})
            years = [str(v) for v in axis.get("data", [])] if isinstance(axis, dict) else []
            if name in ("dashboard:index", "scenarios:index") and years and years[0].isdigit():
                # jobs charts start in the plan's base year, not the bundled plan's
                assert str(years[0]) == str(plan.employment.base_year), (name, years[:3])
            for series in spec.get("series", []):
                assert series.get("data"), (name, series.get("name"), "an empty series")
        # Every name a chart writes is whole: a legend beside the plot was sized for
        # narrower letters than the font's and cut 'Campus roads' to 'Campus roa...'.
        assert not page.evaluate(CUT_TEXTS), name
        if shots and name in ("dashboard:index", "scenarios:index"):
            slug = name.split(":")[0]
            page.screenshot(path=f"{shots}/webgen-{plan_site['name']}-{slug}.png", full_page=False)
