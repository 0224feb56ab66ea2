"""Screens a person reads at a glance, on a 1366x768 laptop screen in Dutch: the scenario
page shows its chart and the first row of inputs without scrolling, and the chart's P5-P95 band
starts at the base year's jobs on an axis that does not run below 0."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page

from clusterweb.tests.browser.harness import assert_accessible, axe_source_path, wait_for_charts
from clusterweb.tests.browser.test_pages import log_in, site  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True)

LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture
def laptop(browser: Browser) -> Any:
    context = browser.new_context(viewport=LAPTOP, locale="nl-NL", reduced_motion="reduce")
    context.add_init_script(path=str(axe_source_path()))
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def in_viewport(page: Page, selector: str) -> dict[str, float]:
    """The element's box; the test checks it lies inside the unscrolled viewport."""
    box: dict[str, float] = page.evaluate(
        """(sel) => {
            const r = document.querySelector(sel).getBoundingClientRect();
            return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,
                    height: r.height, scrollY: window.scrollY};
        }""",
        selector,
    )
    return box


def _scenario_page(page: Page, server: dict[str, Any]) -> Page:
    """The scenario page as a viewer sees it, its charts drawn."""
    log_in(page, server["url"], "vera")
    page.goto(server["url"] + reverse("scenarios:index"))
    wait_for_charts(page)
    return page


def test_the_scenario_chart_and_the_first_input_row_need_no_scrolling(
    laptop: Page,
    site: dict[str, Any],  # noqa: F811
) -> None:
    page = _scenario_page(laptop, site)
    assert page.locator("html").get_attribute("lang") == "nl"
    checks = {
        "chart": "#scenario-results .clusterplan-chart__canvas",
        "first global input": "#scenario-form select, #scenario-form input:not([type=hidden])",
        "first project row": ".clusterplan-input-table tbody tr:first-child",
    }
    for what, selector in checks.items():
        box = in_viewport(page, selector)
        assert box["scrollY"] == 0
        assert box["height"] > 0, what
        assert 0 <= box["top"] and box["bottom"] <= LAPTOP["height"], (what, box)
        assert 0 <= box["left"] and box["right"] <= LAPTOP["width"], (what, box)
    # The first project row holds both of its inputs (realisation and delay), labelled.
    row = page.locator(".clusterplan-input-table tbody tr").first
    assert row.locator("input").count() == 2
    assert page.get_by_label("Realisatie: ", exact=False).count() > 1
    assert_accessible(page)


def test_no_word_of_a_headline_card_breaks_over_two_lines(
    laptop: Page,
    site: dict[str, Any],  # noqa: F811
) -> None:
    """The three cards beside the chart (jobs, goal, chance) share half the screen; a word of
    their text stands on one line (the goal's source 'Managementsamenvatting' had broken)."""
    page = _scenario_page(laptop, site)
    broken = page.evaluate(
        r"""() => {
            const found = [];
            for (const card of document.querySelectorAll('#scenario-results .clusterplan-stat')) {
                const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    for (const match of node.textContent.matchAll(/\S+/g)) {
                        const range = document.createRange();
                        range.setStart(node, match.index);
                        range.setEnd(node, match.index + match[0].length);
                        const tops = new Set(
                            Array.from(range.getClientRects()).map((r) => Math.round(r.top))
                        );
                        if (tops.size > 1) found.push(match[0]);
                    }
                }
            }
            return found;
        }"""
    )
    assert page.locator("#scenario-results .clusterplan-stat").count() >= 3
    assert broken == []


def test_the_band_starts_at_the_base_year_jobs_on_an_axis_from_zero(
    laptop: Page,
    site: dict[str, Any],  # noqa: F811
) -> None:
    page = _scenario_page(laptop, site)
    drawn: dict[str, Any] = page.evaluate(
        """() => {
            const el = document.querySelector('#scenario-results [data-chart-spec]');
            const chart = window.echarts.getInstanceByDom(el);
            const option = chart.getOption();
            const band = option.series.filter((s) => s.stack);
            const axis = chart.getModel().getComponent('yAxis', 0).axis.scale.getExtent();
            const lowerIndex = option.series.indexOf(band[0]);
            const upperData = chart.getModel().getSeriesByIndex(lowerIndex + 1).getData();
            return {
                base: option.series.find((s) => !s.stack).data[0],
                lower: band[0].data[0],
                upperStacked: upperData.get(upperData.getCalculationInfo('stackResultDimension'), 0),
                axisMin: axis[0],
                goalLabel: option.series.find((s) => s.markLine).markLine.label.position,
                lineZ: option.series.filter((s) => !s.stack).map((s) => s.z),
            };
        }"""
    )
    assert drawn["lower"] == pytest.approx(drawn["base"])
    assert drawn["upperStacked"] == pytest.approx(drawn["base"])
    assert drawn["axisMin"] >= 0
    assert drawn["goalLabel"] == "insideStartTop"
    # This scenario (the first line), equal to the plan's path by default, is drawn over the
    # plan's paths with ECharts' own levels filled in (a line's default was taken for 2).
    this, *paths = drawn["lineZ"]
    assert paths and this > max(paths)


def test_every_table_of_space_and_talent_fits_the_laptop_screen(
    laptop: Page,
    site: dict[str, Any],  # noqa: F811
) -> None:
    """Their tables need no sideways scrolling: the talent table's 21 columns fit (its band
    ends headed 'p5' and 'p95' beside the need, not 'behoefte p5')."""
    log_in(laptop, site["url"], "vera")
    laptop.goto(site["url"] + reverse("demand:index"))
    wait_for_charts(laptop)
    overflows = laptop.eval_on_selector_all(
        ".utrecht-table-container",
        "boxes => boxes.map(b => [b.getAttribute('aria-label'), b.scrollWidth - b.clientWidth])",
    )
    assert len(overflows) >= 3
    assert [(name, extra) for name, extra in overflows if extra > 0] == []
