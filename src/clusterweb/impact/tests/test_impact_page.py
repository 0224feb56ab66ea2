"""The impact page: the core's figures, each with its trace, for every growth dimension."""

from __future__ import annotations

import csv
import io

from django.urls import reverse
from django.utils.html import escape

from clusterplan.model.impact import HEADLINE, impact
from clusterplan.report.impact import headline_table
from clusterplan.report.messages import msg
from clusterplan.report.numbers import NOT_A_NUMBER, UNKNOWN
from clusterplan.report.tables import funding_sources
from clusterweb.planning import services as planning_services
from clusterweb.planning.models import Assumption
from clusterweb.planning.services import PlanInvalid, current_plan, update_assumption
from clusterweb.testing import PersonaTestCase, ViewerTestCase


def _csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


class ImpactPageTests(ViewerTestCase):
    def test_the_default_page_shows_the_leap_with_traces_in_dutch(self) -> None:
        page = self.client.get(reverse("impact:index"))
        self.assertEqual(page.status_code, 200)
        body = page.content.decode()
        self.assertIn("Impact buiten de directe banen", body)
        self.assertIn('id="impact-jobs"', body)  # the ECharts chart with its table
        # Its bars stack the direct jobs (in the cluster) under the indirect and induced ones:
        # its title had called all of them jobs beyond the cluster.
        self.assertIn("Banen in en buiten het cluster, per jaar", body)
        self.assertNotIn("Banen buiten het cluster", body)
        self.assertIn('id="impact-leverage"', body)
        result = impact(current_plan(), "leap")
        total = round(result.figures()["total_jobs"])
        self.assertIn(f"{total // 1000}.{total % 1000:03d}", body)  # Dutch grouping
        self.assertIn("Schaalsprong", body)  # the plan's section of Figure 6's row
        self.assertIn("impact.type1-multiplier", body)
        self.assertIn("CBS input-outputtabellen", body)  # the assumption's public source
        self.assertIn("ondergrenzen", body)  # unknown coverage: the money is a lower bound
        public = current_plan().assumption("finance.public-sources").value
        names = dict(funding_sources(current_plan(), "nl"))
        shown = "; ".join(names[source] for source in public)  # named, not by their ids
        self.assertIn(f"{shown} (bronnen)", body)

    def test_an_unknown_dimension_is_refused_naming_the_plans(self) -> None:
        """In the core's words for a choice, as ``clusterplan impact --scenario`` names the
        plan's dimensions; Django's named none."""
        page = self.client.get(reverse("impact:index"), {"scenario": "bogus"})
        known = ", ".join(f"'{d}'" for d in current_plan().employment.dimension_ids)
        self.assertEqual(
            page.context["form"].errors["scenario"],
            [f"Moet een van {known} zijn (gegeven: 'bogus')"],
        )

    def test_every_figure_has_a_label_and_a_trace(self) -> None:
        model = headline_table(current_plan(), impact(current_plan(), "leap"), "nl")
        self.assertEqual([row.key for row in model.rows], list(HEADLINE))
        url = reverse("impact:download", kwargs={"slug": "figures", "fmt": "csv"})
        rows = _csv(self.client.get(url).content)
        header, body = rows[1] if rows[0][0].startswith("Cijfers") else rows[0], rows
        self.assertIn("Herkomst", header + body[0])
        data = [r for r in body if len(r) == 5 and r[0] != header[0]]
        self.assertEqual(len(data), len(HEADLINE))
        for row in data:
            self.assertIn(row[3], ("Cijfer uit het plan", "Aanname", "Berekend"), row)
            self.assertTrue(row[4].strip(), row)

    def test_accelerated_public_money_per_direct_job_follows_the_core(self) -> None:
        url = reverse("impact:download", kwargs={"slug": "figures", "fmt": "csv"})
        rows = _csv(self.client.get(url, {"scenario": "accelerated"}).content)
        f = impact(current_plan(), "accelerated").figures()
        per_job = f["public_meur_per_direct_job"]
        assert per_job is not None
        shown = next(r for r in rows if r and r[0] == "Publiek geld per directe baan")
        self.assertEqual(int(shown[1]), round(per_job * 1000))
        self.assertAlmostEqual(per_job, (100 + 50 + 25 + 12.7) / 400)

    def test_the_project_table_is_the_funders_view(self) -> None:
        url = reverse("impact:download", kwargs={"slug": "per-project", "fmt": "csv"})
        rows = _csv(self.client.get(url).content)
        acp = next(r for r in rows if r and r[0].startswith("Advanced Chip Packaging"))
        self.assertEqual(acp[1:4], ["100", "50", "250"])  # public, private, direct jobs
        self.assertEqual(acp[5], "400")  # k EUR public per direct job
        self.assertEqual(acp[7], "0.5")  # leverage

    def test_an_edited_assumption_changes_the_figures(self) -> None:
        url = reverse("impact:download", kwargs={"slug": "figures", "fmt": "csv"})

        def net() -> str:
            rows = _csv(self.client.get(url).content)
            return next(r for r in rows if r and r[0].startswith("Netto extra banen"))[1]

        before = net()
        row = Assumption.objects.get(key="impact.additionality")
        update_assumption(row, self.editor, {"value": 0.35, "low": 0.3}, read=None)
        after = net()
        self.assertAlmostEqual(int(after) / int(before), 0.5, places=2)

    def test_an_unusable_assumption_is_refused_and_named_not_a_traceback(self) -> None:
        row = Assumption.objects.get(key="impact.type2-multiplier")
        before = row.value
        ones = dict.fromkeys(row.value, 1)
        with self.assertRaises(PlanInvalid) as caught:  # as ``clusterplan check`` refuses it
            update_assumption(row, self.editor, {"value": ones}, read=None)
        self.assertIn("ligt onder de type I-multiplier", str(caught.exception))
        self.assertEqual(Assumption.objects.get(pk=row.pk).value, before)  # nothing saved
        # a plan stored before the rule (or changed in the database) is named on the page
        Assumption.objects.filter(pk=row.pk).update(value=ones)
        planning_services._CACHE.clear()  # a change the platform did not make: no history row
        self.addCleanup(planning_services._CACHE.clear)  # nor a rollback the cache would see
        page = self.client.get(reverse("impact:index"))
        self.assertEqual(page.status_code, 200)
        label = escape(current_plan().assumption("impact.type2-multiplier").label_nl)
        self.assertContains(page, f"{label} (")  # by its label, not 'impact.type2-multiplier'
        self.assertNotContains(page, "impact.type2-multiplier.")
        self.assertContains(page, "ligt onder de type I-multiplier")  # the reason in Dutch
        self.assertNotContains(page, "is below the Type I")
        self.assertNotContains(page, "Traceback")
        self.client.cookies["django_language"] = "en"
        english = self.client.get(reverse("impact:index"))
        self.assertContains(english, "is below the Type I multiplier")

    def test_a_download_without_an_impact_assumption_is_the_pages_error(self) -> None:
        Assumption.objects.filter(key="impact.additionality").delete()
        url = reverse("impact:download", kwargs={"slug": "figures", "fmt": "csv"})
        for query in ({}, {"scenario": "accelerated"}):
            answer = self.client.get(url, query)
            self.assertEqual(answer.status_code, 422)
            self.assertContains(answer, "impact.additionality", status_code=422)
            self.assertNotContains(answer, "Traceback", status_code=422)
        page = self.client.get(reverse("impact:index"))
        self.assertContains(page, "impact.additionality")  # the page says the same

    def test_organic_growth_has_no_money_per_job(self) -> None:
        page = self.client.get(reverse("impact:index"), {"scenario": "organic"})
        self.assertContains(page, 'id="impact-public-meur-per-direct-job"')
        stat = page.content.decode().split('id="impact-public-meur-per-direct-job"')[1]
        cell = stat.split("</div>")[0]
        self.assertIn(f">{UNKNOWN}<", cell)  # nothing to divide by: unknown, with its reason
        self.assertNotIn(f">{NOT_A_NUMBER}<", cell)
        self.assertIn("onbekend: directe banen die de gefinancierde projecten toevoegen is 0", cell)
        self.assertIn("deling door nul", cell)
        self.assertContains(page, msg("impact.funder.divided_by_zero", "nl"), count=2)  # notes

    def test_an_unknown_dimension_is_a_field_error(self) -> None:
        page = self.client.get(reverse("impact:index"), {"scenario": "boom"})
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "utrecht-form-field--invalid")
        self.assertNotContains(page, 'id="impact-jobs"')
        # a download for it goes back to the page (it had sent the last dimension's table)
        url = reverse("impact:download", kwargs={"slug": "figures", "fmt": "csv"})
        answer = self.client.get(url, {"scenario": "boom"})
        self.assertRedirects(
            answer, reverse("impact:index") + "?scenario=boom", fetch_redirect_response=False
        )

    def test_the_english_page(self) -> None:
        self.client.post(reverse("set_language"), {"language": "en", "next": "/impact/"})
        page = self.client.get(reverse("impact:index"))
        self.assertContains(page, "Impact beyond direct jobs")
        self.assertContains(page, "Leverage: private euro per public euro")

    def test_the_named_assumptions_give_their_rationale_in_the_pages_language(self) -> None:
        plan = current_plan()
        url = reverse("impact:download", kwargs={"slug": "assumptions", "fmt": "csv"})
        for lang in ("nl", "en"):
            self.client.cookies.load({"django_language": lang})
            rows = [r for r in _csv(self.client.get(url).content) if len(r) == 5][1:]
            self.assertTrue(rows)
            for row in rows:
                a = plan.assumption(row[0])
                with self.subTest(lang=lang, assumption=a.id):
                    self.assertEqual(row[3], a.rationale_nl if lang == "nl" else a.rationale)


class AssumptionLinkTests(ViewerTestCase):
    def test_a_formula_names_each_assumption_by_its_label_linked_to_it(self) -> None:
        """The stat cards and the figures' table name an assumption by its label, linked to
        its row on the assumptions page (they showed 'impact.type1-multiplier')."""
        plan = current_plan()
        for lang in ("nl", "en"):
            self.client.cookies.load({"django_language": lang})
            html = self.client.get(reverse("impact:index")).content.decode()
            for aid in ("impact.type1-multiplier", "impact.value-added-share"):
                a = plan.assumption(aid)
                name = a.label_nl if lang == "nl" else a.label_en
                link = f'href="{reverse("planning:assumptions")}#assumption-{aid}">'
                with self.subTest(lang=lang, assumption=aid):
                    self.assertIn(f"{link}{escape(name)}</a>", html)
            self.assertNotRegex(html, r"[×−] *(?:impact|growth|finance)\.[a-z]")  # formulas


class TraceabilityTests(PersonaTestCase):
    """Every figure names a plan section, or assumptions that the page lists with their
    rationale; a trace naming an assumption the page does not explain fails."""

    def test_every_assumption_a_trace_names_is_listed_with_its_rationale(self) -> None:

        self.login(self.viewer)
        figures = _csv(
            self.client.get(
                reverse("impact:download", kwargs={"slug": "figures", "fmt": "csv"})
            ).content
        )
        listed = _csv(
            self.client.get(
                reverse("impact:download", kwargs={"slug": "assumptions", "fmt": "csv"})
            ).content
        )
        explained = {row[0]: row for row in listed if len(row) == 5}
        named = set()
        for row in figures:
            if len(row) != 5 or row[3] not in ("Cijfer uit het plan", "Aanname", "Berekend"):
                continue
            ids = {aid for aid, entry in explained.items() if entry[1] in row[4]}  # by label
            self.assertNotRegex(row[4], r"\b(?:impact|growth|finance)\.[a-z]", row)  # no id
            if row[3] == "Cijfer uit het plan":
                self.assertRegex(row[4], r"(Figuur|Tabel)", row)  # the plan's section
            elif row[3] == "Aanname":
                self.assertTrue(ids, row)
            else:  # computed: a formula over other figures and named assumptions
                self.assertRegex(row[4], r"[×/+]", row)
            named |= ids
        self.assertIn("impact.type2-multiplier", named)
        for aid in named:
            self.assertIn(aid, explained, f"{aid} is named in a trace but not explained")
            self.assertTrue(explained[aid][3].strip(), f"{aid} has no rationale")
