"""Back-casting page: milestones and the acquisition gap from the core, per target."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape

from clusterweb.testing import ViewerTestCase

# The back-casting form's query for a valid target, for a test to change.
TARGET_QUERY = {
    "target_total": "11200",
    "target_year": "2034",
    "shape": "linear",
    "dimension": "accelerated",
}


class BackcastTests(ViewerTestCase):
    def test_default_target_is_the_plans_goal(self) -> None:
        page = self.client.get(reverse("backcast:index"))
        self.assertContains(page, "11.200")
        self.assertContains(page, "backcast-gap")
        # whole jobs in the box as whole jobs (it read "11.200,0")
        self.assertContains(page, 'name="target_total" value="11.200"')

    def test_a_higher_target_widens_the_gap(self) -> None:
        url = reverse("backcast:download", kwargs={"slug": "acquisition-gap", "fmt": "csv"})
        low = self.client.get(url, TARGET_QUERY).content.decode()
        high = self.client.get(url, TARGET_QUERY | {"target_total": "12200"}).content.decode()
        last_low = low.strip().splitlines()[-1].split(",")
        last_high = high.strip().splitlines()[-1].split(",")
        self.assertGreater(float(last_high[3]), float(last_low[3]) + 500)

    def test_the_pages_tables_and_chart_are_the_cores(self) -> None:
        """The milestones, the jobs to add and the gap are the core's tables (the command
        line prints the same); the chart's lines carry the gap table's column words."""
        from clusterplan.app import backcast as app_backcast
        from clusterplan.report.backcast import backcast_tables
        from clusterweb.planning.services import current_plan

        page = self.client.get(reverse("backcast:index"), TARGET_QUERY)
        result = app_backcast.backcast(
            current_plan(), 11200, 2034, shape="linear", dimension="accelerated"
        )
        milestones, additions, gap = backcast_tables(current_plan(), result, "nl")
        for name, model in (("milestones", milestones), ("additions", additions)):
            self.assertEqual(page.context[name]["rows"], [list(r.cells) for r in model.rows])
            self.assertContains(page, model.title)
        chart = page.context["chart"]
        self.assertEqual(chart["table"]["rows"], [list(r.cells) for r in gap.rows])
        names = [s["name"] for s in chart["spec"]["series"]]
        self.assertEqual(names, [c.heading for c in gap.columns[1:]])
        self.assertContains(page, "Totaal")

    def test_a_target_the_core_refuses_is_said_on_the_page_and_sent_back_by_a_download(
        self,
    ) -> None:
        """The target is checked by the core's rule (positive), as on the command line: the
        form had its own (at least 1); a download for a refused or unreadable query had
        quietly sent the tables of the plan's default target."""
        page = self.client.get(reverse("backcast:index"), TARGET_QUERY | {"target_total": "0"})
        self.assertEqual(
            page.context["form"].errors, {"target_total": ["het doel moet positief zijn"]}
        )
        self.assertNotContains(page, "backcast-gap")
        half = self.client.get(reverse("backcast:index"), TARGET_QUERY | {"target_total": "0,5"})
        self.assertContains(half, "backcast-gap")
        url = reverse("backcast:download", kwargs={"slug": "acquisition-gap", "fmt": "csv"})
        for target in ("0", "veel"):
            with self.subTest(target=target):
                query = TARGET_QUERY | {"target_total": target}
                response = self.client.get(url, query)
                self.assertEqual(response.status_code, 302)
                self.assertTrue(response["Location"].startswith(reverse("backcast:index") + "?"))
                self.assertIn(f"target_total={target}", response["Location"])

    def test_a_target_year_past_the_extension_is_refused(self) -> None:
        page = self.client.get(reverse("backcast:index"), TARGET_QUERY | {"target_year": "2050"})
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "utrecht-form-field--invalid")
        # at its field, in the core's words (the command line's); the form had its own range
        self.assertEqual(
            page.context["form"].errors["target_year"],
            ["doeljaar 2050 moet na 2026 liggen en uiterlijk 2040 zijn"],
        )

    def test_an_assumption_the_engine_refuses_shows_in_dutch_on_the_dutch_page(self) -> None:
        from unittest import mock

        from clusterweb.planning.services import current_plan

        plan = current_plan()
        assumptions = [
            a.model_copy(update={"value": "nope"}) if a.id == "growth.backcast.pillar-split" else a
            for a in plan.assumptions
        ]
        refused = plan.model_copy(update={"assumptions": assumptions})
        with mock.patch("clusterweb.backcast.views.current_plan", return_value=refused):
            page = self.client.get(reverse("backcast:index"), HTTP_ACCEPT_LANGUAGE="nl")
        self.assertEqual(page.status_code, 200)
        body = page.content.decode()
        label = escape(plan.assumption("growth.backcast.pillar-split").label_nl)
        self.assertIn(f"{label}: onbekende groeidimensie", body)  # by its label, not its id
        self.assertNotIn("unknown dimension", body)


class LargestGapTests(ViewerTestCase):
    def test_the_largest_gap_and_its_year_stand_next_to_the_target_years(self) -> None:
        """A path whose gap is largest before the target year (the projects' timing): the
        card 'gap in the target year' is not the whole story; a card names the largest gap
        and its year, the gap table's row of that year."""
        from clusterplan.app import backcast as app_backcast
        from clusterplan.model.growth import trajectory
        from clusterplan.report.numbers import format_value
        from clusterweb.planning.services import current_plan

        plan = current_plan()
        # the target what the dimension delivers in the target year: the projects' path
        # runs above delivery before it (the gap) and meets it then
        delivered = trajectory(plan, TARGET_QUERY["dimension"])
        reached = delivered.total[delivered.years.index(int(TARGET_QUERY["target_year"]))]
        query = TARGET_QUERY | {"shape": "projects", "target_total": str(round(float(reached)))}
        result = app_backcast.backcast(
            plan,
            float(query["target_total"]),
            int(query["target_year"]),
            shape=query["shape"],
            dimension=query["dimension"],
        )
        year = result.largest_gap_year
        self.assertLess(year, result.target_year)  # the case this test is about
        page = self.client.get(reverse("backcast:index"), query).content.decode()
        card = page.split('id="backcast-largest-gap"', 1)[1].split("</div>", 1)[0]
        self.assertIn(f"Grootste acquisitietekort in {year}", card)
        gap = float(result.gap_total[result.years.index(year)])
        self.assertIn(format_value(gap, "", "nl", decimals=0), card)
        linear = self.client.get(reverse("backcast:index"), TARGET_QUERY).content.decode()
        self.assertNotIn('id="backcast-largest-gap"', linear)  # largest in the target year
