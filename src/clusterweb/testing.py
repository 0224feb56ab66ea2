"""Persona test base: one named user per role, and the bundled plan loaded once per class."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from html.parser import HTMLParser
from typing import Any

from django.test import Client, TestCase
from django.urls import reverse

from clusterplan.plan.load import bundled_plan
from clusterplan.report.table import Cell
from clusterweb.accounts.constants import Role
from clusterweb.accounts.models import PartnerMembership
from clusterweb.accounts.services import create_user
from clusterweb.planning.models import Commitment
from clusterweb.planning.services import load_plan_into_db

PASSWORD = "correct horse battery staple 42"


class _FormReader(HTMLParser):
    """The values a browser would submit for the first POST form in a page's <main>."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self.state = "before"  # before, in, after
        self.in_main = False
        self.select: str | None = None
        self.select_first: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "main":
            self.in_main = True
        if (
            tag == "form"
            and self.state == "before"
            and self.in_main
            and a.get("method", "").lower() == "post"
        ):
            self.state = "in"
        if self.state != "in":
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.values[name] = a.get("value", "on")
            elif kind not in ("submit", "button"):
                self.values[name] = a.get("value", "")
        elif tag == "select" and name:
            self.select, self.select_first = name, None
        elif tag == "option" and self.select:
            if self.select_first is None:
                self.select_first = a.get("value", "")
            if "selected" in a:
                self.values[self.select] = a.get("value", "")
        elif tag == "textarea" and name:
            self.textarea = name
            self.values[name] = ""

    def handle_data(self, data: str) -> None:
        if self.state == "in" and self.textarea:
            self.values[self.textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if self.state != "in":
            return
        if tag == "select" and self.select:
            self.values.setdefault(self.select, self.select_first or "")
            self.select = None
        elif tag == "textarea" and self.textarea:
            # A browser drops the newline that follows <textarea>.
            self.values[self.textarea] = self.values[self.textarea].removeprefix("\n")
            self.textarea = None
        elif tag == "form":
            self.state = "after"


def form_values(html: str) -> dict[str, str]:
    """What a browser submits for the first POST form in the <main> of ``html`` (hidden
    fields included)."""
    reader = _FormReader()
    reader.feed(html)
    reader.values.pop("csrfmiddlewaretoken", None)
    return reader.values


CELL_REPR = f"{Cell.__name__}("
"""How a table cell that a template wrote without the ``cell`` filter shows in a page."""


class PageClient(Client):
    """The test client; every page it gets must write each table cell as a reader sees it
    (through the ``cell`` filter), never as the cell object's repr."""

    def request(self, **request: Any) -> Any:
        response = super().request(**request)
        if response.get("Content-Type", "").startswith("text/html") and not getattr(
            response, "streaming", False
        ):
            page = response.content.decode()
            assert CELL_REPR not in page, f"{request.get('PATH_INFO')}: a cell written raw"
        return response


class PersonaTestCase(TestCase):
    """Users: ``alice`` admin, ``erik`` editor, ``vera`` viewer, ``piet`` partner (of NXP),
    ``olga`` outsider (logged in, no role). Anonymous is ``self.client`` without login.
    Every page the client gets is checked for table cells written raw (:class:`PageClient`)."""

    client_class = PageClient

    @classmethod
    def setUpTestData(cls) -> None:
        load_plan_into_db(bundled_plan())
        cls.admin = create_user("alice", PASSWORD, Role.ADMIN)
        cls.editor = create_user("erik", PASSWORD, Role.EDITOR)
        cls.viewer = create_user("vera", PASSWORD, Role.VIEWER)
        cls.partner = create_user("piet", PASSWORD, Role.PARTNER)
        PartnerMembership.objects.create(user=cls.partner, organisation_id="nxp")
        cls.outsider = create_user("olga", PASSWORD)

    def login(self, user: Any) -> None:
        """Log the test client in as this persona."""
        self.client.force_login(user)

    def edit_form(self, url: str, client: Client | None = None, **changes: Any) -> dict[str, Any]:
        """Open the form at ``url`` as the logged-in persona (or with another ``client``):
        what its Save button would send (with the version it was read from), with some
        values changed."""
        response = (client or self.client).get(url)
        assert response.status_code == 200, (url, response.status_code)
        return {**form_values(response.content.decode()), **changes}

    def assert_sent_to_login(self, views: Iterable[tuple[str, dict[str, Any]]]) -> None:
        """Every view (URL name, kwargs) redirects the current client to the login page."""
        for name, kwargs in views:
            with self.subTest(name=name):
                response = self.client.get(reverse(name, kwargs=kwargs))
                self.assertEqual(response.status_code, 302)
                self.assertIn(reverse("accounts:login"), response["Location"])

    def assert_get_status(
        self, users: Sequence[Any], views: Iterable[tuple[str, dict[str, Any]]], status: int
    ) -> None:
        """A GET of every view answers ``status`` for each of these personas."""
        views = list(views)
        for user in users:
            self.login(user)
            for name, kwargs in views:
                with self.subTest(user=user.username, name=name):
                    response = self.client.get(reverse(name, kwargs=kwargs))
                    self.assertEqual(response.status_code, status)
                    if status == 200:
                        self.assert_forms_can_be_sent(response)

    def assert_forms_can_be_sent(self, response: Any) -> None:
        """Every form of an HTML page has a button that sends it (the event forms had
        none: their label variable was unset, which the form include read as 'no button')."""
        if not response.get("Content-Type", "").startswith("text/html"):
            return
        for form in re.findall(r"<form\b.*?</form>", response.content.decode(), flags=re.S):
            buttons = re.findall(r"<button\b[^>]*>", form)
            sends = [b for b in buttons if 'type="button"' not in b and 'type="reset"' not in b]
            sends += re.findall(r'<input\b[^>]*type="(?:submit|image)"', form)
            self.assertTrue(sends, f"a form without a button to send it: {form[:300]}")

    def assert_only_staff_read(
        self,
        read: Sequence[tuple[str, dict[str, Any]]],
        write: Sequence[tuple[str, dict[str, Any]]] = (),
    ) -> None:
        """The rule for pages behind the login: on every page, ``read`` and ``write``, an
        anonymous visitor is sent to the login page and an outsider or a partner gets 403;
        the viewer reads the ``read`` pages. Leaves the client logged in as the viewer."""
        views = [*read, *write]
        self.assert_sent_to_login(views)
        self.assert_get_status((self.outsider, self.partner), views, 403)
        self.assert_get_status((self.viewer,), read, 200)


class ViewerTestCase(PersonaTestCase):
    """A persona test in which every test starts logged in as the viewer (``vera``)."""

    def setUp(self) -> None:
        super().setUp()
        self.login(self.viewer)


def granted_commitment() -> Commitment:
    """A granted regional commitment of 7.5 M EUR to the ACP line in 2027."""
    return Commitment.objects.create(
        line="acp",
        source="regional",
        amount_meur=7.5,
        year=2027,
        status="granted",
        evidence="Besluit GS",
    )
