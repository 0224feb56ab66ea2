"""Ecosystem and acquisition in a real browser: an editor moves a lead through the funnel and
sees the weighted pipeline and the acquisition gap change; a visitor searches the showcase;
axe-core finds no WCAG 2.2 A/AA violation on the new pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import Page

from clusterweb.accounts.constants import Role
from clusterweb.accounts.services import create_user
from clusterweb.acquisition.models import Lead
from clusterweb.ecosystem.models import Organisation
from clusterweb.ecosystem.services import ensure_registry_loaded
from clusterweb.tests.browser.harness import assert_accessible, wait_for_charts

pytestmark = pytest.mark.django_db(transaction=True)


def login_as(page: Page, live_url: str, role: str) -> None:
    """Give the browser the session of a freshly created user with this role."""
    user = create_user(f"user-{role}", "correct horse battery staple 42", role)
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_url}]
    )


def assert_editor_page_accessible(page: Page, live_url: str, path: str) -> None:
    """An editor opens the page: once its charts are drawn, it has one h1 and axe-core finds
    no WCAG 2.2 A/AA violation."""
    login_as(page, live_url, Role.EDITOR)
    page.goto(f"{live_url}{path}")
    wait_for_charts(page)
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def stat_number(page: Page, stat_id: str) -> int:
    text = page.locator(f"#{stat_id} .clusterplan-stat__number").inner_text()
    return int(text.replace(".", "").replace(",", ""))


@pytest.fixture
def lead(db: Any) -> Lead:  # noqa: ARG001
    return Lead.objects.create(
        key="acme",
        company="Acme Packaging",
        source="anchor_tenant",
        stage="identified",
        expected_jobs={"packaging_test": 500},
        landing_year=2029,
    )


def test_an_editor_moves_a_lead_and_sees_pipeline_and_gap_change(
    page: Page, live_server: Any, lead: Lead
) -> None:
    login_as(page, live_server.url, Role.EDITOR)
    page.goto(f"{live_server.url}/acquisition/pipeline/")
    wait_for_charts(page)
    assert_accessible(page)
    # identified: 0.05 x 500 = 25 jobs in 2034 (assumption acquisition.stage-probability)
    covered_before = stat_number(page, "stat-covered")
    remaining_before = stat_number(page, "stat-remaining")
    assert covered_before == 25

    page.goto(f"{live_server.url}/acquisition/")
    assert_accessible(page)
    for stage_label, stage in (("Bezoek", "visit"), ("Besluit", "decision")):
        page.get_by_label("Verplaats Acme Packaging naar").select_option(label=stage_label)
        page.get_by_role("button", name="Verplaats Acme Packaging").click()
        page.wait_for_load_state()
        assert page.locator(f"#column-{stage} [data-lead='acme']").count() == 1
    page.get_by_role("link", name="Acme Packaging").click()
    assert page.locator("#stage-history li").count() == 2  # visit, decision
    assert_accessible(page)

    page.goto(f"{live_server.url}/acquisition/pipeline/")
    wait_for_charts(page)
    # decision: 0.7 x 500 = 350 jobs
    assert stat_number(page, "stat-covered") == 350
    assert stat_number(page, "stat-remaining") == remaining_before - (350 - 25)


def test_a_visitor_searches_the_showcase(page: Page, live_server: Any) -> None:
    ensure_registry_loaded()
    Organisation.objects.filter(key="citc-tno").update(
        description_public="Open research lab for chip packaging",
        collaboration_opportunities="Joint pilot lines for panel-level packaging",
        jobs=4321,
        growth_plans="Secret expansion hall",
    )
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server.url}/ecosystem/showcase/")
    assert_accessible(page)
    # Each organisation a card in a grid, without the list's marker: the first row holds
    # several (they stood in one column of bulleted entries).
    cards = page.evaluate(
        """() => [...document.querySelectorAll('#showcase-results > li')].map((li) => ({
            top: Math.round(li.getBoundingClientRect().top),
            marker: getComputedStyle(li, '::marker').content,
        }))"""
    )
    assert len(cards) > 4
    assert sum(card["top"] == cards[0]["top"] for card in cards) >= 3
    assert {card["marker"] for card in cards} == {"none"}
    page.get_by_label("Zoeken").fill("panel-level")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_load_state()
    results = page.locator("#showcase-results > li")
    assert results.count() == 1
    assert "CITC-TNO" in results.first.inner_text()
    body = page.content()
    assert "4321" not in body and "4.321" not in body and "Secret expansion hall" not in body
    page.get_by_label("Zoeken").fill("")
    page.get_by_label("Technologie").select_option(label="Kwantumtechnologie")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_load_state()
    assert page.locator("#showcase-results > li").count() == 1
    assert_accessible(page)
    # Nothing found: one line that reads as a sentence, not a bulleted card.
    page.get_by_label("Technologie").select_option(index=0)
    page.get_by_label("Zoeken").fill("no organisation is called this")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_load_state()
    empty = page.locator("#showcase-results > li")
    assert empty.count() == 1
    look = empty.evaluate(
        """(li) => ({marker: getComputedStyle(li, '::marker').content,
                    border: getComputedStyle(li).borderTopWidth})"""
    )
    assert look == {"marker": "none", "border": "0px"}, look


@pytest.mark.parametrize(
    "path",
    [
        "/ecosystem/",
        "/ecosystem/white-spots/",
        "/ecosystem/concentration/?leave=nxp&from_year=2030",
        "/ecosystem/import/",
        "/ecosystem/organisations/besi/",
        "/acquisition/leads/",
        "/acquisition/leads/new/",
        "/acquisition/leads/acme/edit/",
    ],
)
def test_new_pages_have_no_wcag_violation(
    page: Page, live_server: Any, lead: Lead, path: str
) -> None:
    assert_editor_page_accessible(page, live_server.url, path)
