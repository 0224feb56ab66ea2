"""Monitoring in a real browser: the dashboard and an indicator page with its chart on the
fictional actuals, an import preview naming a bad row, a partner's own figures; axe-core
finds no WCAG 2.2 A/AA violation on any monitoring page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from clusterplan.plan.load import bundled_plan
from clusterweb.accounts.constants import Role
from clusterweb.accounts.models import PartnerMembership
from clusterweb.monitoring import services
from clusterweb.monitoring.models import Actual
from clusterweb.monitoring.tests.fictional import FICTIONAL
from clusterweb.planning.services import load_plan_into_db
from clusterweb.tests.browser.harness import assert_accessible, wait_for_charts
from clusterweb.tests.browser.test_ecosystem_acquisition import (
    assert_editor_page_accessible,
    login_as,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def actuals(db: Any) -> None:  # noqa: ARG001
    load_plan_into_db(bundled_plan())
    result = services.commit_import(None, FICTIONAL.name, FICTIONAL.read_bytes())
    assert result.valid, result.problems


def test_the_indicator_page_draws_plan_actual_and_band(
    page: Page, live_server: Any, actuals: None
) -> None:
    login_as(page, live_server.url, Role.VIEWER)
    page.goto(f"{live_server.url}/monitoring/")
    assert page.locator("#indicator-status strong").count() >= 2  # the fictional set's statuses
    assert page.locator("table th a").count() >= 10  # each indicator links to its page
    assert_accessible(page)
    page.locator("table th a").first.click()
    wait_for_charts(page)
    assert page.locator(".clusterplan-chart canvas, .clusterplan-chart svg").count() >= 1
    assert_accessible(page)


def test_an_import_with_a_bad_row_is_refused_with_its_row(
    page: Page, live_server: Any, tmp_path: Path, actuals: None
) -> None:
    login_as(page, live_server.url, Role.EDITOR)
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator,subject,year,value,source\njobs,nowhere,2027,5,test\n")
    before = Actual.objects.count()
    page.goto(f"{live_server.url}/monitoring/import/")
    page.set_input_files("#id_file", str(bad))
    page.get_by_role("button", name="Voorvertoning").click()
    assert "rij 2, kolom 'subject'" in page.locator("#import-problems").inner_text()
    assert page.get_by_role("button", name="Import opslaan").count() == 0
    assert_accessible(page)
    assert Actual.objects.count() == before


@pytest.mark.parametrize(
    "path", ["/monitoring/actuals/", "/monitoring/actuals/new/", "/monitoring/import/"]
)
def test_editor_pages_have_no_wcag_violation(
    page: Page, live_server: Any, actuals: None, path: str
) -> None:
    assert_editor_page_accessible(page, live_server.url, path)
    row = Actual.objects.order_by("pk").first()
    assert row is not None
    page.goto(f"{live_server.url}/monitoring/actuals/{row.pk}/edit/")
    assert_accessible(page)


def test_a_partner_submits_its_figures(page: Page, live_server: Any, actuals: None) -> None:
    login_as(page, live_server.url, Role.PARTNER)
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=f"user-{Role.PARTNER}")
    PartnerMembership.objects.create(user=user, organisation_id="besi")
    page.goto(f"{live_server.url}/monitoring/submit/")
    assert_accessible(page)
    own = page.locator("#own-figures").inner_text()
    assert "BESI" in own.upper()
    assert "ampleon" not in own.lower()
