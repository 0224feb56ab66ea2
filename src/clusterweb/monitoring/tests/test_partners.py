"""Partner submissions: a partner submits and sees only its own organisation's figures; a
figure built from fewer than three organisations never reaches a viewer's page or download."""

from __future__ import annotations

import io
import re

from django.http import HttpResponse
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook

from clusterplan import disclosure
from clusterweb.accounts.constants import Role
from clusterweb.accounts.models import PartnerMembership
from clusterweb.accounts.services import create_user
from clusterweb.ecosystem.models import Organisation
from clusterweb.ecosystem.services import ensure_registry_loaded
from clusterweb.monitoring import services
from clusterweb.monitoring.models import Actual
from clusterweb.monitoring.services import indicators, submit_partner_figures
from clusterweb.planning.services import current_plan
from clusterweb.presentation import exported
from clusterweb.testing import PASSWORD, PersonaTestCase

# Odd values no page shows by chance; each organisation's own figure of one cell.
MARKERS = {"nxp": 7919.0, "besi": 6151.0, "ampleon": 4273.0}


def _body(response: HttpResponse) -> str:
    content = response.content
    if content[:2] != b"PK":
        return content.decode()
    book = load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        str(c) for s in book.worksheets for r in s.iter_rows(values_only=True) for c in r if c
    )


def _shown(value: float) -> set[str]:
    """Ways a page or download writes a number (Dutch and English grouping)."""
    whole = int(value)
    return {str(whole), f"{whole:,}", f"{whole:,}".replace(",", "."), f"{value:g}"}


class PartnerTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        ensure_registry_loaded()
        cls.other = create_user("paula", PASSWORD, Role.PARTNER)
        PartnerMembership.objects.create(user=cls.other, organisation_id="besi")
        plan = current_plan()
        cls.indicator = next(
            i for i in indicators(plan) if i.confidential and i.subject == "pillar"
        )
        cls.pillar = plan.taxonomy.pillars[0].id
        cls.year = plan.meta.horizon_start + 1

    def submit(self, key: str, value: float, year: int | None = None) -> None:
        submit_partner_figures(
            self.partner,
            Organisation.objects.get(key=key),
            year or self.year,
            {(self.indicator.id, self.pillar): value},
        )

    def monitoring_urls(self) -> list[str]:
        """Every monitoring page and every download they link to."""
        pages = [reverse("monitoring:index"), reverse("monitoring:actuals")]
        pages += [reverse("monitoring:indicator", kwargs={"key": i.id}) for i in indicators()]
        self.login(self.admin)
        downloads: set[str] = set()
        for url in pages:
            html = self.client.get(url).content.decode()
            downloads |= set(re.findall(r'href="(/monitoring/tables/[^"]+)"', html))
        self.assertGreaterEqual(len(downloads), 2 * len(indicators()))
        return pages + sorted(downloads)

    def test_a_partner_submits_its_own_figures_through_the_form(self) -> None:
        self.login(self.partner)
        url = reverse("monitoring:submit")
        data = self.edit_form(url)
        field = f"{self.indicator.id}__{self.pillar}"
        self.assertIn(field, data)
        data.update({"organisation": "nxp", "year": str(self.year), field: "123,5"})
        self.assertEqual(self.client.post(url, data).status_code, 302)
        row = Actual.objects.get(indicator=self.indicator.id)
        self.assertEqual((row.organisation.key, row.value, row.year), ("nxp", 123.5, self.year))
        # Submitting again replaces the figure (one figure per organisation, cell and year).
        data[field] = "130"
        self.client.post(url, data)
        self.assertEqual(Actual.objects.get(indicator=self.indicator.id).value, 130)

    def test_the_form_states_the_plans_disclosure_minimum(self) -> None:
        """The number of organisations a total needs is the plan's rule (it read "three")."""
        from unittest import mock

        self.login(self.partner)
        page = self.client.get(reverse("monitoring:submit"))
        self.assertContains(page, f"ten minste {services.min_organisations()} organisaties.")
        with mock.patch.object(services, "min_organisations", return_value=5):
            page = self.client.get(reverse("monitoring:submit"))
        self.assertContains(page, "ten minste 5 organisaties.")

    def test_a_figure_the_core_refuses_is_refused_at_its_field_in_the_cores_words(
        self,
    ) -> None:
        """The years an indicator takes and its sign are the core's rules for a figure (as
        for a file): the form had its own (the horizon; never negative), and a refusal
        stood at the top of the form without saying which figure."""
        self.login(self.partner)
        url = reverse("monitoring:submit")
        field = f"{self.indicator.id}__{self.pillar}"
        data = {**self.edit_form(url), "organisation": "nxp", "year": str(self.year)}
        page = self.client.post(url, {**data, field: "-5"})
        self.assertEqual(page.status_code, 200)
        errors = page.context["form"].errors
        self.assertEqual(list(errors), [field])
        self.assertIn("negatief", errors[field][0])
        early = current_plan().meta.horizon_start - 30
        page = self.client.post(url, {**data, "year": str(early), field: "5"})
        errors = page.context["form"].errors
        self.assertEqual(list(errors), ["year"])
        self.assertIn(str(early), errors["year"][0])
        self.assertFalse(Actual.objects.exists())

    def test_a_partner_cannot_submit_for_another_organisation(self) -> None:
        self.login(self.partner)
        url = reverse("monitoring:submit")
        data = self.edit_form(url)
        data.update(
            {
                "organisation": "besi",
                "year": str(self.year),
                f"{self.indicator.id}__{self.pillar}": "5",
            }
        )
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Actual.objects.exists())

    def test_a_partner_never_sees_another_partners_figures(self) -> None:
        self.submit("nxp", MARKERS["nxp"])
        self.submit("besi", MARKERS["besi"])
        self.login(self.partner)
        own = self.client.get(reverse("monitoring:submit")).content.decode()
        self.assertIn("7.919", own)
        self.assertNotIn("6.151", own)
        self.login(self.other)
        theirs = self.client.get(reverse("monitoring:submit")).content.decode()
        self.assertIn("6.151", theirs)
        self.assertNotIn("7.919", theirs)
        # Partners do not read the shared monitoring pages at all.
        for url in (reverse("monitoring:index"), reverse("monitoring:actuals")):
            self.assertEqual(self.client.get(url).status_code, 403)

    def test_the_navigation_leads_a_partner_to_its_figures_and_readers_to_monitoring(
        self,
    ) -> None:
        submit, index = reverse("monitoring:submit"), reverse("monitoring:index")
        self.login(self.partner)
        page = self.client.get(reverse("monitoring:submit")).content.decode()
        self.assertIn(f'href="{submit}"', page)
        self.assertNotIn(f'href="{index}"', page)
        self.login(self.viewer)
        page = self.client.get(index).content.decode()
        self.assertIn(f'href="{index}"', page)
        self.assertNotIn(f'href="{submit}"', page)

    def test_only_partners_submit(self) -> None:
        url = reverse("monitoring:submit")
        for user in (self.viewer, self.outsider, self.editor):
            self.login(user)
            with self.subTest(user=user.username):
                self.assertEqual(self.client.get(url).status_code, 403)
        self.client.logout()
        self.assertEqual(self.client.get(url).status_code, 302)

    def test_a_figure_of_fewer_than_three_organisations_is_never_shown_to_a_viewer(self) -> None:
        self.assertEqual(services.min_organisations(), 3)  # the bundled plan's rule
        self.submit("nxp", MARKERS["nxp"])
        self.submit("besi", MARKERS["besi"])
        total_of_two = MARKERS["nxp"] + MARKERS["besi"]
        secrets = _shown(MARKERS["nxp"]) | _shown(MARKERS["besi"]) | _shown(total_of_two)
        urls = self.monitoring_urls()
        self.login(self.viewer)
        for url in urls:
            body = _body(self.client.get(url))
            with self.subTest(url=url):
                self.assertEqual(sorted(s for s in secrets if s in body), [])
        # The editor sees the total of the two (so the search above can find a figure).
        self.login(self.editor)
        index = self.client.get(reverse("monitoring:indicator", kwargs={"key": self.indicator.id}))
        self.assertContains(index, "14.070")

    def test_with_three_organisations_the_viewer_sees_the_total_only(self) -> None:
        for key, value in MARKERS.items():
            self.submit(key, value)
        total = sum(MARKERS.values())
        self.login(self.viewer)
        url = reverse("monitoring:indicator", kwargs={"key": self.indicator.id})
        page = self.client.get(url).content.decode()
        self.assertIn(f"{int(total):,}".replace(",", "."), page)
        for value in MARKERS.values():
            self.assertNotIn(f"{int(value):,}".replace(",", "."), page)
        stored = self.client.get(reverse("monitoring:actuals")).content.decode()
        for value in MARKERS.values():
            self.assertNotIn(f"{int(value):,}".replace(",", "."), stored)

    def test_a_later_year_of_two_organisations_is_withheld_while_an_earlier_one_shows(
        self,
    ) -> None:
        for key, value in MARKERS.items():
            self.submit(key, value)
        self.submit("nxp", 1117.0, self.year + 1)
        self.submit("besi", 1229.0, self.year + 1)
        self.login(self.viewer)
        url = reverse(
            "monitoring:download", kwargs={"slug": f"indicator-{self.indicator.id}", "fmt": "csv"}
        )
        body = self.client.get(url).content.decode()
        self.assertIn(str(int(sum(MARKERS.values()))), body)
        for secret in ("1117", "1229", "2346"):
            self.assertNotIn(secret, body)

    def test_the_dashboard_shows_a_withheld_latest_year_as_the_mark(self) -> None:
        """The latest year's figures come from two organisations: a viewer's dashboard shows
        that year with the core's mark and its note, not the year before (whose total of
        three it may see) as if that were the latest, nor '?' (unknown)."""
        for key, value in MARKERS.items():
            self.submit(key, value)
        self.submit("nxp", 1117.0, self.year + 1)
        self.submit("besi", 1229.0, self.year + 1)
        mark = disclosure.mark("nl")
        self.login(self.viewer)
        response = self.client.get(reverse("monitoring:index"))
        rows = {r[0].text: r[2:6] for r in response.context["table"]["rows"]}
        year, _plan, actual, gap = rows[self.indicator.label_nl]
        self.assertEqual((year.value, actual.text, gap.text), (self.year + 1, mark, mark))
        cells = re.findall(
            rf">{re.escape(self.indicator.label_nl)}</a></th>(.*?)</tr>",
            response.content.decode(),
            re.S,
        )[0]
        self.assertIn(f">{self.year + 1}</td>", cells)
        self.assertEqual(cells.count(f">{mark}</td>"), 2)
        self.assertContains(
            response, escape(disclosure.note(services.min_organisations(), "organisations", "nl"))
        )
        total = f"{int(sum(MARKERS.values())):,}".replace(",", ".")
        self.assertNotContains(response, total)
        self.login(self.editor)
        rows = {
            r[0].text: r[2:6]
            for r in self.client.get(reverse("monitoring:index")).context["table"]["rows"]
        }
        self.assertEqual(rows[self.indicator.label_nl][0].value, self.year + 1)
        self.assertEqual(exported(rows[self.indicator.label_nl][2]), 1117 + 1229)

    def test_the_history_hides_a_partners_figure_from_viewers(self) -> None:
        self.submit("nxp", 1000.0)
        self.submit("nxp", MARKERS["nxp"])  # a correction: old and new value in the history
        self.login(self.viewer)
        history = self.client.get(reverse("history:index")).content.decode()
        self.assertIn("vertrouwelijk", history)
        for secret in _shown(MARKERS["nxp"]):
            self.assertNotIn(secret, history)
        self.login(self.editor)
        self.assertIn("7.919", self.client.get(reverse("history:index")).content.decode())
