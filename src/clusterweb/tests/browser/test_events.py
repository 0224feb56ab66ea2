"""Business-matching events in a real browser: a visitor registers, two participants request
and accept a meeting, the organiser schedules it, both see it in their agendas, the ICS file
opens in an independent parser, a meeting outcome creates a lead in the funnel; axe-core finds
no WCAG 2.2 A/AA violation on the new pages."""

from __future__ import annotations

from typing import Any

import icalendar
import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import Page

from clusterweb.accounts.constants import Role
from clusterweb.accounts.models import PartnerMembership
from clusterweb.accounts.services import create_user
from clusterweb.acquisition.models import Lead
from clusterweb.events.models import Event, Meeting, MeetingRequest, Participant
from clusterweb.events.tests.helpers import EVENT_PK, MEETING_PK, NXP_PK, SELF_TOKEN, make_event
from clusterweb.tasks.models import TaskRecord
from clusterweb.tasks.services import execute
from clusterweb.tests.browser.harness import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page: Page, live_url: str, username: str, role: str, organisation: str = "") -> None:
    """Give the browser (only) the session of a new user with this role."""
    user = create_user(username, "correct horse battery staple 42", role)
    if organisation:
        PartnerMembership.objects.create(user=user, organisation_id=organisation)
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_url}]
    )


@pytest.fixture
def event(db: Any) -> Event:  # noqa: ARG001
    made = make_event()
    Meeting.objects.all().delete()
    MeetingRequest.objects.all().delete()
    return made


def test_register_request_accept_schedule_agendas_ics_and_a_lead(
    page: Page, live_server: Any, event: Event
) -> None:
    url = live_server.url
    # A visitor registers on the public form.
    page.goto(f"{url}/events/public/{event.pk}/")
    assert_accessible(page)
    page.locator("#register").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Uw naam").fill("Joost Vlam")
    page.get_by_label("Organisatie", exact=True).fill("Lumen Fab")
    page.get_by_label("E-mail").fill("joost@lumen.example")
    page.get_by_label("Wat u zoekt").fill("wafer testing")
    page.get_by_label("Ik heb de privacyverklaring gelezen", exact=False).check()
    page.get_by_role("button", name="Aanmelden").click()
    page.wait_for_load_state()
    private_url = page.url
    assert "/events/p/" in private_url
    assert "U bent aangemeld" in page.content()
    assert_accessible(page)
    # The visitor sees why to meet NXP and asks for a meeting.
    suggestion = page.locator("section", has_text="NXP").first
    assert "Lumen Fab zoekt wafer testing; NXP biedt wafer testing" in suggestion.inner_text()
    page.get_by_role("button", name="Gesprek aanvragen NXP").click()
    page.wait_for_load_state()
    assert "NXP: Gevraagd" in page.locator("#outgoing").inner_text()

    # NXP's partner accepts.
    log_in(page, url, "nxp-user", Role.PARTNER, organisation="nxp")
    page.goto(f"{url}/events/mine/{NXP_PK}/")
    assert_accessible(page)
    page.get_by_role("button", name="Accepteren Lumen Fab").click()
    page.wait_for_load_state()
    assert "Lumen Fab: Geaccepteerd" in page.locator("#incoming").inner_text()

    # The organiser schedules.
    log_in(page, url, "organiser", Role.EDITOR)
    page.goto(f"{url}/events/{event.pk}/schedule/")
    assert_accessible(page)
    page.get_by_role("button", name="Nu inplannen").click()
    page.wait_for_load_state()
    assert "/tasks/" in page.url
    execute(TaskRecord.objects.get(kind="events.schedule").pk)  # what the worker does
    page.goto(f"{url}/events/{event.pk}/schedule/")
    assert page.locator("#placed").inner_text() == "1"
    page.goto(f"{url}/events/{event.pk}/tables/")
    plan_text = page.locator("#table-plan").inner_text()
    # the pair in either order (the order follows the participants' ids, which differ per database)
    assert "NXP – Lumen Fab" in plan_text or "Lumen Fab – NXP" in plan_text
    assert_accessible(page)

    # Each sees the meeting in their agenda; the ICS file opens.
    page.context.clear_cookies()
    page.goto(private_url)
    assert "NXP" in page.locator("#agenda").inner_text()
    ics_href = page.locator("#ics").get_attribute("href")
    assert ics_href
    calendar = icalendar.Calendar.from_ical(page.request.get(f"{url}{ics_href}").body())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    assert "NXP" in str(events[0]["SUMMARY"])
    log_in(page, url, "nxp-user-2", Role.PARTNER, organisation="nxp")
    page.goto(f"{url}/events/mine/{NXP_PK}/")
    assert "Lumen Fab" in page.locator("#agenda").inner_text()

    # After the event: the outcome "lead" puts Lumen Fab into the funnel.
    log_in(page, url, "organiser-2", Role.EDITOR)
    page.goto(f"{url}/events/{event.pk}/meetings/")
    assert_accessible(page)
    page.get_by_label("Resultaat", exact=True).select_option(label="Lead")
    page.get_by_label("Bedrijf van de lead").select_option(label="Lumen Fab")
    page.get_by_role("button", name="Resultaat opslaan").click()
    page.wait_for_load_state()
    lead = Lead.objects.get(company="Lumen Fab")
    assert (lead.source, lead.event_id) == ("event", event.pk)
    page.goto(f"{url}/acquisition/leads/")
    assert "Lumen Fab" in page.locator("main").inner_text()
    assert Participant.objects.filter(organisation_name="Lumen Fab").exists()


@pytest.mark.parametrize(
    "path",
    [
        "/events/",
        "/events/new/",
        f"/events/{EVENT_PK}/",
        f"/events/{EVENT_PK}/edit/",
        f"/events/{EVENT_PK}/participants/add/",
        f"/events/{EVENT_PK}/pairs/",
        f"/events/{EVENT_PK}/schedule/",
        f"/events/{EVENT_PK}/tables/",
        f"/events/{EVENT_PK}/meetings/",
        f"/events/{EVENT_PK}/participants/{NXP_PK}/edit/",
        f"/events/mine/{NXP_PK}/",
    ],
)
def test_organiser_pages_have_no_wcag_violation(page: Page, live_server: Any, path: str) -> None:
    make_event()
    log_in(page, live_server.url, "organiser", Role.EDITOR)
    page.goto(f"{live_server.url}{path}")
    assert page.locator("h1").count() == 1
    assert_accessible(page)


def test_a_forms_buttons_keep_a_distance_from_what_follows(page: Page, live_server: Any) -> None:
    """The schedule page's button stood against the link under it (0 px)."""
    make_event()
    log_in(page, live_server.url, "organiser", Role.EDITOR)
    page.goto(f"{live_server.url}/events/{EVENT_PK}/schedule/")
    gap = page.evaluate(
        """() => {
            const form = document.querySelector('main form.utrecht-form');
            const buttons = form.querySelector('.utrecht-button-group');
            return form.nextElementSibling.getBoundingClientRect().top
                - buttons.getBoundingClientRect().bottom;
        }"""
    )
    assert gap >= 16


def test_the_boxes_of_a_choice_stand_in_columns(page: Page, live_server: Any) -> None:
    """A participant's markets and time slots had stood one box under the other, a page of
    2,600 px; they stand side by side in columns, read row by row."""
    make_event()
    log_in(page, live_server.url, "organiser", Role.EDITOR)
    page.goto(f"{live_server.url}/events/{EVENT_PK}/participants/{NXP_PK}/edit/")
    lefts = page.eval_on_selector_all(
        "input[name=markets]", "boxes => boxes.map(b => Math.round(b.getBoundingClientRect().left))"
    )
    tops = page.eval_on_selector_all(
        "input[name=markets]", "boxes => boxes.map(b => Math.round(b.getBoundingClientRect().top))"
    )
    assert len(lefts) > 4
    assert len(set(lefts)) > 1 and len(set(tops)) < len(tops)
    assert tops == sorted(tops)  # row by row: the second box beside the first, not under it
    assert lefts[1] > lefts[0]


def test_an_empty_required_textarea_is_not_drawn_as_refused(page: Page, live_server: Any) -> None:
    """The new event's tables (required, empty) look like its name (required, empty) until
    the server refuses them; then both show the error's colour."""
    log_in(page, live_server.url, "organiser", Role.EDITOR)
    page.goto(f"{live_server.url}/events/new/")
    style = "el => [getComputedStyle(el).borderBottomColor, getComputedStyle(el).borderBottomWidth]"
    name, tables = page.locator("#id_name"), page.locator("#id_tables")
    empty = name.evaluate(style)
    assert tables.evaluate(style) == empty
    page.evaluate("() => { document.querySelector('main form').noValidate = true; }")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("load")
    page.evaluate("() => document.activeElement.blur()")  # no field keeps the focus
    refused = page.locator("#id_name").evaluate(style)
    assert refused != empty
    assert page.locator("#id_tables").evaluate(style) == refused


@pytest.mark.parametrize(
    "path",
    [
        f"/events/p/{SELF_TOKEN}/",
        f"/events/p/{SELF_TOKEN}/delete/",
        f"/events/p/{SELF_TOKEN}/edit/",
        f"/events/public/{EVENT_PK}/register/",
    ],
)
def test_participant_pages_have_no_wcag_violation(page: Page, live_server: Any, path: str) -> None:
    make_event()
    assert Meeting.objects.filter(pk=MEETING_PK).exists()
    page.goto(f"{live_server.url}{path}")
    assert page.locator("h1").count() == 1
    assert_accessible(page)
