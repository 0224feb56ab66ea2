"""The scenario page's market part: stress narratives, jobs per market, business-case backing."""

from __future__ import annotations

import re

from django.urls import reverse
from typer.testing import CliRunner

from clusterplan.app.scenarios import market_part
from clusterplan.cli import app
from clusterplan.model.growth import stress_narratives
from clusterplan.report.table import render_text
from clusterweb.planning.services import current_plan
from clusterweb.scenarios import services
from clusterweb.scenarios.tests.test_scenarios import query
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
        years = _cells(html, "Schaalsprong (leap): banen per pijler en jaar")
        head = years[0]
        rows = {r[0]: dict(zip(head[1:], r[1:], strict=True)) for r in years[1:]}
        stressed, central = rows["Totaal"], rows["Centraal pad"]
        self.assertLess(
            int(stressed["2028"].replace(".", "")), int(central["2028"].replace(".", ""))
        )
        self.assertEqual(stressed["2034"], central["2034"])  # back on its path
        self.assertEqual(rows["Verschil"]["2034"], "0")
        # the core's part (the command line prints it), for the form's default assumptions
        plan = current_plan()
        part = market_part(plan, services.defaults(plan), "nl", stress="automotive-slump")
        assert part.stressed is not None and part.markets is not None
        shown = page.context["markets"]
        self.assertEqual(shown["stressed"]["rows"], [list(r.cells) for r in part.stressed.rows])
        self.assertEqual(shown["markets"]["rows"], [list(r.cells) for r in part.markets.rows])
        rows = _cells(html, "Banen gedragen door elke toepassingsmarkt")
        self.assertEqual(len(rows[0]), 3)
        narrative = stress_narratives(plan)["automotive-slump"]
        self.assertContains(page, narrative["rationale_nl"])  # its rationale in Dutch
        self.assertNotContains(page, narrative["rationale"])

    def test_the_market_part_follows_the_assumptions_as_the_command_line_does(self) -> None:
        """It was computed with the plan's own assumptions whatever the inputs above said;
        the htmx fragment now sends it again (out of band) for the inputs it computed."""
        fragment = self.client.get(
            reverse("scenarios:results"), query(acquisition_jobs="500", stress="automotive-slump")
        )
        html = fragment.content.decode()
        self.assertIn('id="scenario-markets" hx-swap-oob="true"', html)
        cli = CliRunner().invoke(
            app,
            ["--lang", "nl", "scenarios", "--set", "acquisition_jobs=500"]
            + ["--stress", "automotive-slump"],
        )
        self.assertEqual(cli.exit_code, 0, cli.stderr)
        shown = fragment.context["markets"]
        for name in ("markets", "stressed", "backing"):
            self.assertIn(render_text(shown[name]["model"]), cli.stdout, name)
        markets = _cells(html, "Banen gedragen door elke toepassingsmarkt")
        self.assertEqual(markets[-1][1:], ["14.100", "14.100"])  # 13.600 and the 500 acquired
        # its own form carries the assumptions, so that a narrative is run on them
        self.assertIn('type="hidden" name="acquisition_jobs" value="500"', html)

    def test_an_unknown_narrative_is_a_form_error_not_a_failure(self) -> None:
        page = self.client.get(reverse("scenarios:index"), {"stress": "meteor"})
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "Selecteer een geldige keuze")
        self.assertNotContains(page, "Totaal aantal banen per jaar (Schaalsprong)")
