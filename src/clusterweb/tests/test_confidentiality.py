"""Confidentiality by construction: every URL and every download, for every role.

An editor creates an organisation, changes it, and creates a second one whose creation is
then reverted (so the history holds a created snapshot, field changes and a deleted
snapshot), each with marker values in every confidential field. Then every URL of the
platform (walked from the URL resolver, so a new view cannot be forgotten) and every download
linked from any page is fetched as each role; the markers never appear where the role may
not see them, and do appear where it may (so the test cannot pass vacuously).
"""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.db.models import QuerySet
from django.http import HttpResponse
from django.test.utils import ContextList
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from openpyxl import load_workbook

from clusterweb.accounts.models import PartnerMembership
from clusterweb.acquisition.models import Lead
from clusterweb.api.services import create_token
from clusterweb.ecosystem.constants import CONFIDENTIAL_FIELDS
from clusterweb.ecosystem.models import Organisation
from clusterweb.ecosystem.services import commit_import, ensure_registry_loaded
from clusterweb.events.services import add_from_registry
from clusterweb.events.tests.helpers import ALL as EVENT_URLS
from clusterweb.events.tests.helpers import EVENT_PK, make_event
from clusterweb.history.constants import Action
from clusterweb.history.models import Change
from clusterweb.history.services import record_update, revert
from clusterweb.monitoring.models import Actual
from clusterweb.monitoring.services import indicators, submit_partner_figures
from clusterweb.planning.models import Assumption, Commitment, Phase, PlanRevision, Project
from clusterweb.planning.services import current_plan
from clusterweb.startups.models import FundingRound, JobsYear, StartUp
from clusterweb.testing import PersonaTestCase

# The organisation that is created and then changed (its partner user may see its values).
KEPT = "Vexilla Quartz Labs"
KEPT_CREATED = {"jobs": 27913, "revenue_meur": 48213.67, "growth_plans": "MARKER-ALPHA hall"}
KEPT_CHANGED = {"jobs": 29357, "revenue_meur": 51746.29, "growth_plans": "MARKER-BETA line"}
# The organisation that is created and deleted again (by reverting its creation).
GONE = "Orrery Wafer Works"
GONE_CREATED = {"jobs": 31759, "revenue_meur": 23817.43, "growth_plans": "MARKER-GAMMA fab"}

NOT_PAGES = {
    "accounts:logout": "ends the session (POST); shows no data",
    "set_language": "sets the language (POST); shows no data",
}
"""URL names not fetched, with the reason."""

HREF = re.compile(r"""href="([^"]+)\"""")


def _csv(values: dict[str, Any]) -> str:
    return ",".join(str(values[f]) for f in CONFIDENTIAL_FIELDS)


def _texts(values: dict[str, Any]) -> set[str]:
    """Every way a page or download may write these values (Dutch and English numbers)."""
    out: set[str] = set()
    for value in values.values():
        if isinstance(value, str):
            out.add(value)
            continue
        for decimals in (0, 1, 2) if isinstance(value, float) else (0,):
            english = f"{value:,.{decimals}f}"
            dutch = english.replace(",", "_").replace(".", ",").replace("_", ".")
            out |= {english, dutch, english.replace(",", ""), dutch.replace(".", "")}
    return out


def _names(patterns: list[URLPattern | URLResolver], namespace: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _names(pattern.url_patterns, pattern.namespace or namespace)
        elif pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def _body(response: HttpResponse) -> str:
    """A response as text; an XLSX download as the text of all its cells, a PDF as its text."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:5] == b"%PDF-":
        # poppler-utils is a system dependency of the PDF renderer (Makefile).
        read = subprocess.run(
            ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
        )
        return read.stdout.decode("utf-8", errors="replace")
    if content[:2] != b"PK":
        return content.decode("utf-8", errors="replace")
    book = load_workbook(io.BytesIO(content), read_only=True)
    cells = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells += [str(c) for c in row if c is not None]
    return "\n".join(cells)


def _raw_changes(response: HttpResponse) -> list[str]:
    """Context names that hand a template stored (unfiltered) history entries: pages must
    pass ``history.access.visible_changes`` instead, so no page can forget the filter."""
    found = []
    contexts = getattr(response, "context", None)
    if contexts is None:
        return []
    if not isinstance(contexts, ContextList):
        contexts = [contexts]
    for context in contexts:
        for layer in context.dicts:
            for name, value in layer.items():
                items = getattr(value, "object_list", value)
                if isinstance(items, QuerySet):
                    bad = items.model is Change
                elif isinstance(items, list | tuple):
                    bad = any(isinstance(item, Change) for item in items)
                else:
                    bad = isinstance(items, Change)
                if bad:
                    found.append(name)
    return found


class ConfidentialityEverywhereTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        ensure_registry_loaded()
        header = "name,kind," + ",".join(CONFIDENTIAL_FIELDS)
        for values in (KEPT_CREATED, GONE_CREATED):
            name = KEPT if values is KEPT_CREATED else GONE
            data = f"{header}\n{name},supplier,{_csv(values)}\n".encode()
            assert commit_import(cls.editor, "orgs.csv", data).valid
        data = f"{header}\n{KEPT},supplier,{_csv(KEPT_CHANGED)}\n".encode()
        assert commit_import(cls.editor, "orgs.csv", data).valid
        cls.kept = Organisation.objects.get(name=KEPT)
        gone = Organisation.objects.get(name=GONE)
        created = Change.objects.get(object_id=str(gone.pk), action=Action.CREATE)
        revert(created, cls.editor)
        assert not Organisation.objects.filter(name=GONE).exists()
        PartnerMembership.objects.create(user=cls.partner, organisation_id=cls.kept.key)
        Lead.objects.create(
            key="lead-a", company="Lead A", source="anchor_tenant", stage="proposal"
        )
        project = Project.objects.order_by("pk").first()
        assert project is not None
        Commitment.objects.create(
            line=project.key, source="regional", amount_meur=1.5, status="granted"
        )
        # A start-up of the kept organisation with its confidential figures as markers: a
        # single start-up's jobs and funding are confidential like the organisation's.
        startup = StartUp.objects.create(
            key="kept-spin-off",
            name="Kept Spin-off",
            organisation=cls.kept.key,
            stage="seed",
            programme="incubation",
            founded=2020,
            pillar=cls.kept.pillars[0] if cls.kept.pillars else "design",
        )
        JobsYear.objects.create(startup=startup, year=2025, jobs=KEPT_CHANGED["jobs"])
        FundingRound.objects.create(
            startup=startup,
            on=date(2025, 1, 1),
            amount_meur=KEPT_CHANGED["revenue_meur"],
            kind="equity",
            investors=KEPT_CHANGED["growth_plans"],
        )

        # An event with the organisation as a participant (its pages show public fields only).
        add_from_registry(make_event(), cls.kept)

        # The kept organisation's own submission (a partner figure): one organisation only,
        # so the disclosure rule keeps it out of every aggregate others see.
        plan = current_plan()
        pillar = plan.taxonomy.pillars[0].id
        confidential = next(i.id for i in indicators(plan) if i.confidential)
        submit_partner_figures(
            cls.partner,
            cls.kept,
            plan.meta.horizon_start + 1,
            {(confidential, pillar): float(KEPT_CHANGED["jobs"])},
        )
        # A change on the project page's own history (which must be shown filtered too).
        record_update(cls.editor, project, "name_en", project.name_en, project.name_en + "!")

    def _kwargs(self, name: str) -> list[dict[str, Any]]:
        """Arguments for a URL name ([{}] when it takes none): a new URL with arguments
        fails ``reverse`` in :meth:`_pages` until its arguments are added here."""
        project = Project.objects.order_by("pk").first()
        phase = Phase.objects.order_by("pk").first()
        assert project is not None and phase is not None
        assert Assumption.objects.exists() and Commitment.objects.exists()
        values: dict[str, list[dict[str, Any]]] = {
            "planning:project": [{"key": project.key}],
            "planning:project_edit": [{"key": project.key}],
            "planning:business_case_edit": [{"key": project.key}],
            "planning:phase_edit": [{"key": phase.project.key, "phase": phase.key}],
            "planning:assumption_edit": [{"key": a.key} for a in Assumption.objects.all()[:1]],
            "planning:commitment_edit": [{"pk": c.pk} for c in Commitment.objects.all()[:1]],
            "planning:commitment_delete": [{"pk": c.pk} for c in Commitment.objects.all()[:1]],
            "planning:revision_make_live": [{"pk": r.pk} for r in PlanRevision.objects.all()[:1]],
            "ecosystem:organisation": [{"key": self.kept.key}, {"key": "orrery-wafer-works"}],
            "acquisition:detail": [{"key": "lead-a"}],
            "acquisition:edit": [{"key": "lead-a"}],
            "acquisition:move": [{"key": "lead-a"}],
            "history:revert": [{"change_id": c.pk} for c in Change.objects.all()[:1]],
            "startups:detail": [{"key": "kept-spin-off"}],
            "startups:edit": [{"key": "kept-spin-off"}],
            "startups:add_round": [{"key": "kept-spin-off"}],
            "startups:set_jobs": [{"key": "kept-spin-off"}],
            "startups:add_milestone": [{"key": "kept-spin-off"}],
            "scenarios:delete": [{"pk": 1}],
            "tasks:detail": [{"pk": 1}],
            "tasks:status": [{"pk": 1}],
            "tasks:retry": [{"pk": 1}],
            "demand:target_edit": [{"year": 2028}],
            "monitoring:indicator": [{"key": i.id} for i in indicators()],
            "monitoring:edit": [{"pk": a.pk} for a in Actual.objects.all()[:1]],
            "monitoring:report_result": [{"pk": 1}],
            "monitoring:report_download": [{"pk": 1, "fmt": "pdf"}, {"pk": 1, "fmt": "xlsx"}],
            "api:organisation": [{"key": self.kept.key}, {"key": "orrery-wafer-works"}],
            "api:lead": [{"key": "lead-a"}],
            "api:lead_move": [{"key": "lead-a"}],
            "api:event": [{"pk": EVENT_PK}],
            "api:task": [{"pk": 1}],
        }
        values.update({name: [kwargs] for name, kwargs in EVENT_URLS if kwargs})
        return values.get(name, [{}])

    def _pages(self) -> list[str]:
        """Every URL of the platform (downloads excepted: they are found from the pages)."""
        urls: list[str] = []
        for name in sorted(set(_names(get_resolver().url_patterns))):
            if name in NOT_PAGES or name.endswith("download"):
                continue
            if name.startswith("admin:") and name not in ("admin:index",):
                continue
            for kwargs in self._kwargs(name):
                urls.append(reverse(name, kwargs=kwargs))
        history = reverse("history:index")
        urls += [
            history + "?" + urlencode({"object": KEPT}),
            history + "?" + urlencode({"object": GONE}),
            reverse("ecosystem:registry") + "?" + urlencode({"q": KEPT}),
            reverse("ecosystem:showcase") + "?" + urlencode({"q": KEPT}),
            reverse("ecosystem:whitespots") + "?axis=markets",
            reverse("ecosystem:concentration")
            + "?"
            + urlencode({"leave": self.kept.key, "from_year": date.today().year + 1}),
            reverse("admin:history_change_changelist"),
        ]
        return urls

    def _downloads(self, pages: Iterable[str]) -> list[str]:
        """Every download linked from any page (as an admin sees them), with the history's
        own filters."""
        self.login(self.admin)
        found: set[str] = set()
        for url in pages:
            response = self.client.get(url)
            if (
                response.status_code != 200
                or response.streaming
                or not response.get("Content-Type", "").startswith("text/html")
            ):
                continue
            for href in HREF.findall(response.content.decode()):
                path = urlsplit(href.replace("&amp;", "&")).path
                if not path.startswith("/") or not re.search(r"\.(csv|xlsx)$", path):
                    continue
                if (resolve(path).url_name or "").endswith("download"):
                    found.add(href.replace("&amp;", "&"))
        self.client.logout()
        self._api_user = None
        for fmt in ("csv", "xlsx"):
            plain = reverse("history:download", kwargs={"slug": "history", "fmt": fmt})
            found |= {plain, plain + "?" + urlencode({"object": KEPT})}
        return sorted(found)

    def login(self, user: Any) -> None:
        super().login(user)
        self._api_user = user

    def _api_headers(self, url: str) -> dict[str, str]:
        """The JSON API is read with the logged-in persona's token (a session is no token)."""
        user = getattr(self, "_api_user", None)
        if user is None or not url.startswith("/api/") or url.startswith("/api/tokens/"):
            return {}
        tokens = self.__dict__.setdefault("_api_tokens", {})
        if user.pk not in tokens:
            tokens[user.pk] = create_token(user, "confidentiality walk").secret
        return {"Authorization": f"Bearer {tokens[user.pk]}"}

    def _read(self, urls: Iterable[str]) -> dict[str, str]:
        out = {}
        for url in urls:
            response = self.client.get(url, headers=self._api_headers(url))
            self.assertLess(response.status_code, 500, url)
            self.assertEqual(_raw_changes(response), [], f"{url} renders unfiltered changes")
            out[url] = _body(response)
        return out

    def _assert_hidden(self, bodies: dict[str, str], secrets: set[str], who: str) -> None:
        for url, body in bodies.items():
            leaked = sorted(s for s in secrets if s in body)
            with self.subTest(user=who, url=url):
                self.assertEqual(leaked, [], f"{who} sees confidential values on {url}")

    def test_no_role_sees_confidential_values_it_may_not_see_and_those_who_may_do(self) -> None:
        pages = self._pages()
        downloads = self._downloads(pages)
        # Every download view is reached (a new download cannot be forgotten).
        reached = {resolve(urlsplit(u).path).namespace for u in downloads}
        download_namespaces = {
            n.split(":")[0] for n in _names(get_resolver().url_patterns) if n.endswith("download")
        }
        self.assertEqual(download_namespaces - reached - {""}, set())
        urls = pages + downloads
        kept_secrets = _texts(KEPT_CREATED) | _texts(KEPT_CHANGED)
        every_secret = kept_secrets | _texts(GONE_CREATED)

        self._assert_hidden(self._read(urls), every_secret, "anonymous")
        for user in (self.outsider, self.viewer):
            self.login(user)
            self._assert_hidden(self._read(urls), every_secret, user.username)
        # The partner may see its own organisation's values, never another's.
        self.login(self.partner)
        partner = self._read(urls)
        self._assert_hidden(partner, _texts(GONE_CREATED), "partner")
        own = partner[reverse("ecosystem:organisation", kwargs={"key": self.kept.key})]
        self.assertIn("29.357", own)  # its jobs, in Dutch
        self.assertIn(KEPT_CHANGED["growth_plans"], own)
        spin_off = partner[reverse("startups:detail", kwargs={"key": "kept-spin-off"})]
        self.assertIn("29.357", spin_off)  # its own start-up's jobs
        self.assertIn(KEPT_CHANGED["growth_plans"], spin_off)  # and investors
        own_api = partner[reverse("api:organisation", kwargs={"key": self.kept.key})]
        self.assertIn(KEPT_CHANGED["growth_plans"], own_api)  # the API reads with its token
        self.assertIn(str(KEPT_CHANGED["jobs"]), own_api)

        # The viewer still sees that the organisations changed, without the values.
        self.login(self.viewer)
        history = self._read(
            [
                reverse("history:index"),
                reverse("history:download", kwargs={"slug": "history", "fmt": "csv"}),
            ]
        )
        for body in history.values():
            self.assertIn(KEPT, body)
            self.assertIn(GONE, body)
            self.assertIn("vertrouwelijk", body)  # a hidden field change is shown as hidden

        # Editors and admins see every value in the history and its downloads.
        for user in (self.editor, self.admin):
            self.login(user)
            shown = "\n".join(
                self._read(
                    [
                        reverse("history:index"),
                        reverse("history:download", kwargs={"slug": "history", "fmt": "csv"}),
                        reverse("history:download", kwargs={"slug": "history", "fmt": "xlsx"}),
                    ]
                ).values()
            )
            for values in (KEPT_CREATED, KEPT_CHANGED, GONE_CREATED):
                for secret in (values["growth_plans"], str(values["jobs"])):
                    with self.subTest(user=user.username, secret=secret):
                        self.assertIn(secret, shown)
