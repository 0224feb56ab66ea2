"""The scenario page's market part: stress narratives, jobs per market, business-case backing."""

from __future__ import annotations

import re

from django.urls import reverse

from clusterplan.model.growth import stress_narratives
from clusterweb.planning.services import current_plan
from clusterweb.testing import ViewerTestCase


def _cells(html: str, caption: str) -> list[list[str]]:
    """The rows of the table with this caption, as lists of cell texts."""
    start = html.index(caption)
    body = html[start : html.index("</table>", start)]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    return [
        [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)
        ]
        for r in rows
    ]


class MarketPartTests(ViewerTestCase):
    def test_the_page_lists_the_narratives_and_the_jobs_per_market(self) -> None:
        page = self.client.get(reverse("scenarios:index"))
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "Stressverhaal voor de markten")
        self.assertContains(page, "Automotive-dip")
        self.assertContains(page, "AI-hausse")
        html = page.content.decode()
        rows = _cells(html, "Banen gedragen door elke toepassingsmarkt")
        names = [r[0] for r in rows]
        self.assertIn("Automotive", names)
        self.assertEqual(names[-1], "Totaal")
        self.assertEqual(rows[-1][1], "13.600")
        backing = _cells(html, "onderbouwd door businesscases en aangenomen")
        leap = next(r for r in backing if r[0] == "Schaalsprong")
        self.assertEqual(leap[1:], ["8.000", "0", "4.850", "3.150", "0,0"])  # a share: 1 decimal

    def test_a_narrative_is_run_and_compared_with_the_central_paths(self) -> None:
        page = self.client.get(reverse("scenarios:index"), {"stress": "automotive-slump"})
        self.assertEqual(page.status_code, 200)
        html = page.content.decode()
        years = _cells(html, "Totaal aantal banen per jaar (Schaalsprong)")
        by_year = {r[0]: r[1:] for r in years[1:]}
        central, stressed, difference = (int(v.replace(".", "")) for v in by_year["2028"])
        self.assertLess(stressed, central)
        self.assertEqual(difference, stressed - central)  # the narrative less the central path
        self.assertEqual(by_year["2034"][0], by_year["2034"][1])  # back on its path
        self.assertEqual(by_year["2034"][2], "0")
        rows = _cells(html, "Banen gedragen door elke toepassingsmarkt")
        self.assertEqual(len(rows[0]), 3)
        narrative = stress_narratives(current_plan())["automotive-slump"]
        self.assertContains(page, narrative["rationale_nl"])  # its rationale in Dutch
        self.assertNotContains(page, narrative["rationale"])

    def test_an_unknown_narrative_is_a_form_error_not_a_failure(self) -> None:
        page = self.client.get(reverse("scenarios:index"), {"stress": "meteor"})
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "Selecteer een geldige keuze")
        self.assertNotContains(page, "Totaal aantal banen per jaar (Schaalsprong)")
