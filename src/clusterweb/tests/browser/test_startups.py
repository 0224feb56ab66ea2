"""The start-up portfolio in a real browser: an editor adds a start-up and its jobs, sees the
portfolio's stacked jobs chart drawn (animation off) with its table; a viewer sees the
disclosure note instead of a figure of fewer than three start-ups; axe-core finds no
WCAG 2.2 A/AA violation on the start-up pages."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from clusterplan import disclosure
from clusterweb.accounts.constants import Role
from clusterweb.planning.services import current_plan
from clusterweb.startups.models import JobsYear, StartUp
from clusterweb.startups.services import settings_of
from clusterweb.tests.browser.harness import assert_accessible, wait_for_charts
from clusterweb.tests.browser.test_ecosystem_acquisition import (
    assert_editor_page_accessible,
    login_as,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def startup(db: Any) -> StartUp:  # noqa: ARG001
    row = StartUp.objects.create(
        key="quanta-lab",
        name="Quanta Lab",
        stage="seed",
        programme="incubation",
        founded=2022,
        pillar="design",
    )
    JobsYear.objects.create(startup=row, year=2023, jobs=9)
    return row


def test_an_editor_adds_a_start_up_and_its_jobs_and_sees_the_portfolio(
    page: Page, live_server: Any
) -> None:
    login_as(page, live_server.url, Role.EDITOR)
    page.goto(f"{live_server.url}/startups/new/")
    page.get_by_label("Naam").fill("Fotonica Start")
    page.get_by_label("Fase").select_option(label="Seed")
    page.get_by_label("Ondersteuningsprogramma").select_option(label="Incubatie")
    page.get_by_label("Opgericht in").fill("2023")
    page.get_by_label("Pijler").select_option(value="design")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Fotonica Start"
    jobs_form = page.locator("#jobs-form")
    jobs_form.get_by_label("Jaar").fill("2024")
    jobs_form.get_by_label("Banen").fill("14")
    jobs_form.get_by_role("button", name="Opslaan").click()
    page.wait_for_load_state()
    assert "14" in page.locator("#startup-jobs").inner_text()
    page.goto(f"{live_server.url}/startups/")
    wait_for_charts(page)
    assert page.locator("#startup-jobs-chart canvas, #startup-jobs-chart svg").count() >= 1
    assert "14" in page.locator("#startup-jobs-chart table").inner_text()
    assert_accessible(page)


def test_a_viewer_sees_the_disclosure_rule_not_the_figure(
    page: Page, live_server: Any, startup: StartUp
) -> None:
    login_as(page, live_server.url, Role.VIEWER)
    page.goto(f"{live_server.url}/startups/")
    wait_for_charts(page)
    assert page.locator("#disclosure-note").count() == 1
    mark = disclosure.mark("nl")  # the core's mark of a withheld figure
    assert f"\t{mark}" in page.locator("#startup-jobs-chart table").inner_text()
    # one start-up: its total is withheld too, and the chart says so instead of drawing it
    assert f"geheim ({mark})" in page.locator("#startup-jobs-chart").inner_text()
    assert_accessible(page)


def test_a_viewer_sees_a_withheld_year_marked_in_the_chart(
    page: Page,
    live_server: Any,
    db: Any,  # noqa: ARG001
) -> None:
    """Three start-ups, one closed after two years: the later years' totals are withheld,
    so they have no bar. The chart writes the core's mark at each of them (its tooltip too,
    not '?' for unknown) and the core's note under the drawing."""
    for key, closed in (("alpha", None), ("beta", None), ("gamma", 2024)):
        row = StartUp.objects.create(
            key=key,
            name=key.title(),
            stage="seed",
            programme="incubation",
            founded=2021,
            pillar="design",
            **({"status": "closed", "status_year": closed} if closed else {}),
        )
        JobsYear.objects.create(startup=row, year=2022, jobs=10)
    login_as(page, live_server.url, Role.VIEWER)
    page.goto(f"{live_server.url}/startups/")
    wait_for_charts(page)
    mark = disclosure.mark("nl")
    minimum = settings_of(current_plan()).disclosure_min
    figure = page.locator("#startup-jobs-chart")
    assert figure.locator(".clusterplan-chart__note").inner_text() == disclosure.note(
        minimum, "startups", "nl"
    )
    canvas = figure.locator(".clusterplan-chart__canvas")
    canvas.scroll_into_view_if_needed()
    # Where ECharts draws each year, and the labels it draws there.
    drawn = page.evaluate(
        """(el) => {
            const chart = echarts.getInstanceByDom(el);
            const option = chart.getOption();
            const marker = option.series.find((s) => s.id === "withheld");
            return option.xAxis[0].data.map((year, i) => ({
                year: year,
                x: chart.convertToPixel({xAxisIndex: 0}, i),
                mark: marker.data[i] ? marker.data[i].name : null,
            }));
        }""",
        canvas.element_handle(),
    )
    marked = [d["year"] for d in drawn if d["mark"] == mark]
    assert "2024" in marked and "2022" not in marked
    box = canvas.bounding_box()
    assert box is not None
    for year, expected, absent in (("2024", mark, "?"), ("2022", "30", mark)):
        at = next(d for d in drawn if d["year"] == year)
        page.mouse.move(box["x"] + at["x"], box["y"] + box["height"] / 2)
        tooltip = canvas.locator(":scope > div").filter(has_text=year).first
        tooltip.wait_for()
        lines = tooltip.inner_text().split()
        assert expected in lines and absent not in lines, lines
    assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    [
        "/startups/",
        "/startups/list/",
        "/startups/new/",
        "/startups/import/",
        "/startups/quanta-lab/",
        "/startups/quanta-lab/edit/",
    ],
)
def test_start_up_pages_have_no_wcag_violation(
    page: Page, live_server: Any, startup: StartUp, path: str
) -> None:
    assert_editor_page_accessible(page, live_server.url, path)
