"""The platform's pages in a real browser: log in, edit a cost and see the totals change,
revert it in the history, switch the language, recompute a scenario; axe-core on every page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import NoReverseMatch, reverse
from playwright.sync_api import Page

from clusterweb.tests.browser.harness import (
    PageProblems,
    assert_accessible,
    axe_violations,
    describe_violations,
    wait_for_charts,
)

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "correct horse battery staple 42"


@pytest.fixture
def site(live_server: Any) -> dict[str, Any]:
    """The bundled plan in the database, an admin, an editor and a viewer."""
    from clusterweb.accounts.constants import Role
    from clusterweb.accounts.services import create_user, ensure_groups
    from clusterweb.planning.services import ensure_plan_loaded

    ensure_groups()
    ensure_plan_loaded()
    return {
        "url": live_server.url,
        "editor": create_user("erik", PASSWORD, Role.EDITOR),
        "viewer": create_user("vera", PASSWORD, Role.VIEWER),
        "admin": create_user("alice", PASSWORD, Role.ADMIN),
    }


def log_in(page: Page, base: str, username: str, password: str = PASSWORD) -> None:
    page.goto(base + reverse("accounts:login"))
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")


def first_project_key() -> str:
    from clusterweb.planning.models import Project

    project = Project.objects.order_by("pk").first()
    assert project is not None
    return str(project.key)


def first_assumption_key() -> str:
    from clusterweb.planning.models import Assumption

    assumption = Assumption.objects.order_by("pk").first()
    assert assumption is not None
    return str(assumption.key)


def first_phase_args() -> tuple[Any, ...]:
    from clusterweb.planning.models import Phase

    phase = Phase.objects.select_related("project").order_by("pk").first()
    return (phase.project.key, phase.key) if phase is not None else ()


def first_commitment_args() -> tuple[Any, ...]:
    from clusterweb.planning.models import Commitment

    commitment = Commitment.objects.order_by("pk").first()
    return (commitment.pk,) if commitment is not None else ()


def a_talent_target_year() -> tuple[Any, ...]:
    from clusterweb.demand.models import TalentTarget

    target, _created = TalentTarget.objects.get_or_create(
        year=2030, defaults={"mbo": 300, "reason": "browser test"}
    )
    return (target.year,)


# Pages by who looks at them (URL name, arguments read from the database): the public pages as
# an anonymous visitor, pages that take arguments as an editor. Every argument-free page is
# also checked as an admin by test_every_routed_page_has_no_wcag_violation_for_an_admin.
PAGES: dict[str, list[tuple[str, Callable[[], tuple[Any, ...]]]]] = {
    "anonymous": [
        ("dashboard:public", lambda: ()),
        ("accounts:login", lambda: ()),
        ("ecosystem:showcase", lambda: ()),
    ],
    "erik": [
        ("planning:project", lambda: (first_project_key(),)),
        ("planning:project_edit", lambda: (first_project_key(),)),
        ("planning:assumption_edit", lambda: (first_assumption_key(),)),
        ("planning:phase_edit", first_phase_args),
        ("planning:commitment_edit", first_commitment_args),
        ("history:index", lambda: ()),
        ("demand:target_edit", a_talent_target_year),
    ],
}


SKIP_NAMESPACES = {"admin"}
SKIP_NAMES = {"set_language", "javascript-catalog", "accounts:logout"}


def routed_pages() -> list[str]:
    """Every named route that takes no arguments (Django's admin and i18n endpoints aside):
    pages added later, by any app, are checked without changing this file."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found: list[str] = []

    def walk(patterns: list[Any], namespace: str, has_args: bool) -> None:
        for pattern in patterns:
            # An argument captured by an include's prefix counts too (``<int:pk>/`` + ``edit/``).
            args = has_args or bool(pattern.pattern.converters)
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace or ""
                if inner in SKIP_NAMESPACES:
                    continue
                walk(pattern.url_patterns, f"{namespace}{inner}:" if inner else namespace, args)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = f"{namespace}{pattern.name}"
                if name in SKIP_NAMES or args:
                    continue
                if any(part in name for part in ("download", "export")):
                    continue
                found.append(name)

    walk(get_resolver().url_patterns, "", False)
    return sorted(set(found))


def test_every_routed_page_has_no_wcag_violation_for_an_admin(
    page: Page, site: dict[str, Any]
) -> None:
    """axe-core on every argument-free page an admin can GET as HTML, in Dutch and English.

    POST-only views (405) and redirects are passed over; a server error fails the test."""
    log_in(page, site["url"], "alice")
    problems: list[str] = []
    checked: list[str] = []
    for language in ("nl", "en"):
        page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": site["url"]}]
        )
        for name in routed_pages():
            path = reverse(name)
            probe = page.request.get(site["url"] + path, max_redirects=0)
            if probe.status >= 500:
                problems.append(f"{language} {path}: HTTP {probe.status}")
                continue
            if probe.status != 200 or "text/html" not in probe.headers.get("content-type", ""):
                continue  # POST-only (405), a redirect, or not a page
            page.goto(site["url"] + path)
            if page.locator("main#main").count() != 1:
                continue  # an htmx fragment, not a page
            wait_for_charts(page)
            violations = axe_violations(page)
            checked.append(f"{language} {path}")
            if violations:
                problems.append(f"{language} {path}:\n{describe_violations(violations)}")
    assert len(checked) >= 10, checked
    assert not problems, "\n".join(problems)


def test_the_error_pages_have_no_wcag_violation(
    page_and_problems: tuple[Page, PageProblems], site: dict[str, Any]
) -> None:
    """axe-core on the pages a visitor meets when something is refused or missing: an
    unknown address (404) and a page the role may not open (403), in both languages. The
    browser logs each refused document as an error; nothing else may be logged."""
    page, seen = page_and_problems
    log_in(page, site["url"], "vera")  # a viewer: the edit page is refused
    problems: list[str] = []
    for language in ("nl", "en"):
        page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": site["url"]}]
        )
        for path, status in (
            ("/no-such-page/", 404),
            (reverse("planning:project_edit", kwargs={"key": "acp"}), 403),
        ):
            response = page.goto(site["url"] + path)
            assert response is not None and response.status == status, path
            assert page.locator("html").get_attribute("lang") == language
            violations = axe_violations(page)
            if violations:
                problems.append(f"{language} {path}:\n{describe_violations(violations)}")
    expected = ("status of 404 (Not Found)", "status of 403 (Forbidden)")
    problems += [e for e in seen.errors if not any(words in e for words in expected)]
    assert not problems, "\n".join(problems)


def resolvable(name: str, args: Callable[[], tuple[Any, ...]]) -> str | None:
    try:
        return reverse(name, args=args() or None)
    except NoReverseMatch:
        return None


@pytest.mark.parametrize("who", list(PAGES))
def test_every_page_has_no_wcag_violation_in_dutch_and_english(
    page: Page, site: dict[str, Any], who: str
) -> None:
    """axe-core (WCAG 2.2 A/AA) on each page this persona can open, in both languages.

    Pages whose URL name is not routed yet are left out; at least one page must be checked."""
    if who != "anonymous":
        log_in(page, site["url"], who)
    problems: list[str] = []
    checked = 0
    for language in ("nl", "en"):
        page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": site["url"]}]
        )
        for name, args in PAGES[who]:
            path = resolvable(name, args)
            if path is None:
                continue
            response = page.goto(site["url"] + path)
            if response is None or response.status != 200:
                problems.append(f"{language} {path}: HTTP {response and response.status}")
                continue
            if page.locator("html").get_attribute("lang") != language:
                problems.append(f"{language} {path}: html lang is not {language}")
            wait_for_charts(page)
            violations = axe_violations(page)
            checked += 1
            if violations:
                problems.append(f"{language} {path}:\n{describe_violations(violations)}")
    assert checked > 0
    assert not problems, "\n".join(problems)


def test_a_viewer_logs_in_and_reaches_the_dashboard(page: Page, site: dict[str, Any]) -> None:
    log_in(page, site["url"], "vera")
    assert page.url.rstrip("/").endswith(reverse("dashboard:index").rstrip("/"))
    assert page.get_by_role("button", name="Afmelden").is_visible()
    wait_for_charts(page)
    assert page.locator(".clusterplan-stat").count() >= 3


def test_a_wrong_password_is_refused_in_dutch(page: Page, site: dict[str, Any]) -> None:
    log_in(page, site["url"], "vera", "not the password")
    assert page.url.endswith(reverse("accounts:login"))
    assert page.locator(".utrecht-alert--error").is_visible()
    assert_accessible(page)


def finance_totals(page: Page, base: str) -> tuple[list[str], float]:
    """The total row of Table 1 on the finance page, and the sum of its chart's data."""
    page.goto(base + reverse("finance:index"))
    wait_for_charts(page)
    figure = page.locator("figure.clusterplan-chart").first
    total_row = figure.locator("tbody tr").last.locator("td").all_inner_texts()
    chart_sum = page.evaluate(
        """(el) => {
            const chart = window.echarts.getInstanceByDom(el.querySelector('[data-chart-spec]'));
            return chart.getOption().series
                .flatMap((s) => s.data)
                .map((d) => (d !== null && typeof d === 'object' ? d.value : d))
                .filter((v) => typeof v === 'number')
                .reduce((a, b) => a + b, 0);
        }""",
        figure.element_handle(),
    )
    return total_row, float(chart_sum)


def test_an_editor_changes_a_cost_sees_the_totals_change_and_reverts_it(
    page: Page, site: dict[str, Any]
) -> None:
    from clusterweb.planning.models import ProjectCost

    cost = (
        ProjectCost.objects.filter(amount_meur__isnull=False)
        .select_related("project")
        .order_by("project__pk", "year")
        .first()
    )
    assert cost is not None
    log_in(page, site["url"], "erik")
    totals_before, chart_before = finance_totals(page, site["url"])

    page.goto(site["url"] + reverse("planning:project_edit", args=[cost.project.key]))
    field = page.locator(f"input[name=cost_{cost.year}]")
    old_value = float(field.input_value().replace(",", "."))
    field.fill(str(round(old_value + 10.0, 3)).replace(".", ","))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    assert page.locator(".utrecht-alert--error").count() == 0, page.content()

    totals_after, chart_after = finance_totals(page, site["url"])
    assert totals_after != totals_before
    assert chart_after == pytest.approx(chart_before + 10.0, abs=0.05)

    page.goto(site["url"] + reverse("history:index"))
    assert_accessible(page)
    page.locator("main table tbody tr").first.get_by_role("button").click()
    page.wait_for_load_state("load")
    totals_reverted, chart_reverted = finance_totals(page, site["url"])
    assert totals_reverted == totals_before
    assert chart_reverted == pytest.approx(chart_before, abs=0.05)


def test_the_language_switch_turns_the_dashboard_english_and_back(
    page: Page, site: dict[str, Any]
) -> None:
    log_in(page, site["url"], "vera")
    page.goto(site["url"] + reverse("dashboard:index"))
    assert page.locator("html").get_attribute("lang") == "nl"
    page.get_by_role("button", name="English").click()
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    assert page.get_by_role("button", name="Log out").is_visible()
    assert page.get_by_role("heading", level=1).inner_text() == "Dashboard"
    wait_for_charts(page)
    assert_accessible(page)
    page.get_by_role("button", name="Nederlands").click()
    page.wait_for_function("() => document.documentElement.lang === 'nl'")
    assert page.get_by_role("button", name="Afmelden").is_visible()


def scenario_snapshot(page: Page) -> tuple[str, list[Any]]:
    """The headline jobs number and the first chart's first series on the scenario page."""
    number = page.locator("#scenario-jobs .clusterplan-stat__number").inner_text()
    series = page.evaluate(
        """() => {
            const el = document.querySelector('#scenario-results [data-chart-spec]');
            return window.echarts.getInstanceByDom(el).getOption().series[0].data;
        }"""
    )
    return number, series


def test_changing_an_assumption_recomputes_the_chart_and_numbers_without_reload(
    page: Page, site: dict[str, Any]
) -> None:
    log_in(page, site["url"], "vera")
    page.goto(site["url"] + reverse("scenarios:index"))
    wait_for_charts(page)
    number_before, series_before = scenario_snapshot(page)
    page.evaluate("() => { window.__noReload = true; }")
    field = page.locator("#scenario-form input[name=market_growth_factor]")
    field.fill("1,2")
    field.dispatch_event("change")
    page.wait_for_function(
        """(before) => {
            const el = document.querySelector('#scenario-jobs .clusterplan-stat__number');
            return el && el.textContent.trim() !== before;
        }""",
        arg=number_before,
    )
    wait_for_charts(page)
    number_after, series_after = scenario_snapshot(page)
    assert page.evaluate("() => window.__noReload === true"), "the page was reloaded"
    assert number_after != number_before
    assert series_after != series_before
    # the market part further down follows: sent again, out of band, for the new value
    page.wait_for_function(
        """() => document.querySelector(
            '#scenario-markets input[type=hidden][name=market_growth_factor]').value === '1,2'"""
    )
    assert_accessible(page)


def test_a_refused_edit_shows_the_field_error_next_to_the_field(
    page: Page, site: dict[str, Any]
) -> None:
    """A negative cost is refused: the error is linked to its input and the page stays
    accessible (WCAG 3.3.1, 1.3.1)."""
    log_in(page, site["url"], "erik")
    key = first_project_key()
    page.goto(site["url"] + reverse("planning:project_edit", args=[key]))
    field = page.locator("input[name^=cost_]").first
    field.fill("-5")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    field = page.locator("input[name^=cost_]").first
    assert field.get_attribute("aria-invalid") == "true"
    described = (field.get_attribute("aria-describedby") or "").split()
    errors = [i for i in described if i.endswith("_error")]
    assert errors, described
    assert page.locator(f"#{errors[0]}").inner_text().strip()
    assert_accessible(page)
