"""The shared layout and include templates in a real browser: accessible, CSP-clean, charts
drawn and redrawn after an htmx swap, skip link and language switch working."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from clusterweb.tests.browser.harness import assert_accessible, wait_for_charts

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def layout_url(live_server, settings) -> str:  # type: ignore[no-untyped-def]
    settings.ROOT_URLCONF = "clusterweb.tests.browser.urls"
    return f"{live_server.url}/_layout/"


def chart_series(page: Page, dom_id: str = "jobs-chart") -> list[float]:
    return page.evaluate(
        """(id) => {
            const el = document.querySelector('#' + id + ' [data-chart-spec]');
            return window.echarts.getInstanceByDom(el).getOption().series[0].data;
        }""",
        dom_id,
    )


def test_the_layout_page_has_no_wcag_violation(page: Page, layout_url: str) -> None:
    page.goto(layout_url)
    wait_for_charts(page)
    assert page.locator("html").get_attribute("lang") == "nl"
    assert_accessible(page)


def test_the_chart_is_drawn_without_animation_and_its_table_follows(
    page: Page, layout_url: str
) -> None:
    page.goto(layout_url)
    wait_for_charts(page)
    animation = page.evaluate(
        """() => window.echarts.getInstanceByDom(
                document.querySelector('[data-chart-spec]')).getOption().animation"""
    )
    assert animation is False
    assert chart_series(page)[0] == 5600
    assert page.locator("#jobs-chart table caption").inner_text() == "Banen per jaar"


def test_an_htmx_swap_redraws_the_chart(page: Page, layout_url: str) -> None:
    page.goto(layout_url)
    wait_for_charts(page)
    before = chart_series(page)
    page.get_by_label("Marktgroei (%)").fill("10")
    page.get_by_role("button", name="Herbereken").click()
    page.wait_for_function(
        """(first) => {
            const el = document.querySelector('#jobs-chart [data-chart-spec]');
            const chart = el && window.echarts.getInstanceByDom(el);
            return chart && chart.getOption().series[0].data.at(-1) !== first;
        }""",
        arg=before[-1],
    )
    after = chart_series(page)
    assert after[-1] > before[-1]
    page.wait_for_function(
        "() => document.getElementById('clusterplan-live').textContent === 'Resultaten bijgewerkt'"
    )
    assert page.locator("#jobs-chart tbody tr").last.locator("td").inner_text() != str(before[-1])
    assert_accessible(page)


def test_the_skip_link_moves_focus_to_the_main_content(page: Page, layout_url: str) -> None:
    page.goto(layout_url)
    page.keyboard.press("Tab")
    skip = page.locator(".utrecht-skip-link")
    assert skip.evaluate("(el) => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#main"


def test_numbers_follow_the_dutch_locale(page: Page, layout_url: str) -> None:
    page.goto(layout_url)
    wait_for_charts(page)
    cells = page.locator(".clusterplan-table").last.locator("tbody td").all_inner_texts()
    assert cells[:2] == ["12,5", "1.234,2"] or cells[:2] == ["12,5", "1.234,3"]
    assert "?" in cells
    assert page.locator(".clusterplan-stat__number").first.inner_text() == "11.200"
    axis_label = page.evaluate(
        """() => window.echarts.getInstanceByDom(document.querySelector('[data-chart-spec]'))
                  .getOption().yAxis[0].axisLabel.formatter(4000.5)"""
    )
    assert axis_label == "4.000,5"


def test_the_language_switch_turns_the_page_english(page: Page, layout_url: str) -> None:
    page.goto(layout_url)
    page.get_by_role("button", name="English").click()
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    assert page.get_by_role("button", name="Nederlands").is_visible()
    assert_accessible(page)


def test_the_breadcrumb_reads_as_a_link_not_a_numbered_list(page: Page, layout_url: str) -> None:
    """The breadcrumb's list shows no number and its link looks like the page's other links,
    flush with the heading."""
    page.goto(layout_url)
    crumb = page.locator(".utrecht-breadcrumb-nav a")
    style = page.evaluate(
        """() => {
            const list = document.querySelector('.utrecht-breadcrumb-nav ol');
            const link = document.querySelector('.utrecht-breadcrumb-nav a');
            const heading = document.querySelector('main h1');
            return {
                marker: getComputedStyle(list).listStyleType,
                color: getComputedStyle(link).color,
                left: link.getBoundingClientRect().left,
                headingLeft: heading.getBoundingClientRect().left,
            };
        }"""
    )
    other_link = page.locator("a.utrecht-link").last
    assert style["marker"] == "none"
    assert style["color"] == other_link.evaluate("(el) => getComputedStyle(el).color")
    assert abs(style["left"] - style["headingLeft"]) < 1
    assert crumb.inner_text() == "Start"


def test_a_get_forms_fields_stand_side_by_side(page: Page, layout_url: str) -> None:
    """The settings of what a page computes take one row on a wide screen, so that the
    results start near the top."""
    page.goto(layout_url)
    tops = page.evaluate(
        """() => [...document.querySelectorAll('#layout-form .utrecht-form-field')]
            .map((field) => Math.round(field.getBoundingClientRect().top))"""
    )
    assert len(tops) == 3
    assert len(set(tops)) == 1, tops


def test_a_select_shows_that_it_opens(page: Page, layout_url: str) -> None:
    """The component library draws a select without the browser's arrow (appearance: none)
    and with the image its token names in its place; with no image set, every select looked
    like a text box. The chevron stands at the right, inside the room the text keeps clear."""
    page.goto(layout_url)
    look = page.evaluate(
        """() => {
            const style = getComputedStyle(document.querySelector('#layout-form select'));
            return {
                appearance: style.appearance,
                image: style.backgroundImage,
                size: parseFloat(style.backgroundSize),
                position: style.backgroundPositionX,
                room: parseFloat(style.paddingRight),
            };
        }"""
    )
    # 'calc(100% - 8px)': the image's right edge 8 px in from the padding box's
    offset = float(look.pop("position").rsplit("-", 1)[-1].strip(" px)"))
    assert look["appearance"] == "none"
    assert look["image"].startswith('url("data:image/svg+xml'), look["image"]
    assert 0 < look["size"] + offset <= look["room"], look
