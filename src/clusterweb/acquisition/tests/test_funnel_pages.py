"""The funnel pages against every persona; moves kept in both histories; the pipeline."""

from __future__ import annotations

import re
from datetime import date

from django.urls import reverse
from django.utils.html import escape
from django.utils.text import capfirst

from clusterplan.report.funnel import gap_sentence
from clusterplan.report.numbers import format_value
from clusterweb.acquisition.models import Lead, StageMove
from clusterweb.acquisition.services import pipeline_context
from clusterweb.history.models import Change
from clusterweb.planning.services import current_plan
from clusterweb.testing import PersonaTestCase


def _lead(**fields: object) -> Lead:
    data: dict[str, object] = {
        "key": "acme",
        "company": "Acme Packaging",
        "source": "anchor_tenant",
        "stage": "proposal",
        "expected_jobs": {"packaging_test": 200},
        "landing_year": 2029,
        "area_m2": 5000,
    }
    data.update(fields)
    return Lead.objects.create(**data)


# The new-lead form's data for a valid lead, for a test to change.
NEW_LEAD_FORM = {
    "company": "Big BV",
    "source": "anchor_tenant",
    "first_stage": "identified",
    "jobs_equipment": "30",
}


READ = [
    ("acquisition:board", {}),
    ("acquisition:list", {}),
    ("acquisition:pipeline", {}),
    ("acquisition:detail", {"key": "acme"}),
    ("acquisition:download", {"slug": "pipeline-jobs", "fmt": "csv"}),
]
WRITE = [("acquisition:add", {}), ("acquisition:edit", {"key": "acme"})]


class AccessTests(PersonaTestCase):
    def setUp(self) -> None:
        _lead()

    def test_only_staff_reach_the_funnel_pages(self) -> None:
        self.assert_sent_to_login([("acquisition:move", {"key": "acme"})])
        self.assert_only_staff_read(READ, WRITE)

    def test_viewer_cannot_write_or_move(self) -> None:
        self.assert_get_status((self.viewer,), WRITE, 403)
        move = self.client.post(
            reverse("acquisition:move", kwargs={"key": "acme"}),
            {"stage": "decision", "on": "2026-05-01", "from_stage": "proposal"},
        )
        self.assertEqual(move.status_code, 403)
        self.assertEqual(Lead.objects.get(key="acme").stage, "proposal")
        self.assertNotContains(self.client.get(reverse("acquisition:board")), 'name="stage"')

    def test_unknown_lead_is_404_for_an_editor(self) -> None:
        self.login(self.editor)
        self.assertEqual(
            self.client.get(reverse("acquisition:detail", kwargs={"key": "nobody"})).status_code,
            404,
        )


class MoveTests(PersonaTestCase):
    def test_a_move_is_kept_in_the_stage_history_and_the_platform_history(self) -> None:
        _lead()
        self.login(self.editor)
        response = self.client.post(
            reverse("acquisition:move", kwargs={"key": "acme"}),
            {"stage": "decision", "on": "2026-05-01", "from_stage": "proposal"},
        )
        self.assertEqual(response.status_code, 302)
        lead = Lead.objects.get(key="acme")
        self.assertEqual(lead.stage, "decision")
        move = StageMove.objects.get(lead=lead)
        self.assertEqual(
            (move.stage, move.on, move.by), ("decision", date(2026, 5, 1), self.editor)
        )
        change = Change.objects.get(object_repr="Acme Packaging", field="stage")
        self.assertEqual((change.old_value, change.new_value), ("proposal", "decision"))

    def test_moving_to_the_same_stage_is_refused(self) -> None:
        _lead()
        self.login(self.editor)
        response = self.client.post(
            reverse("acquisition:move", kwargs={"key": "acme"}),
            {"stage": "proposal", "on": "2026-05-01", "from_stage": "proposal"},
            follow=True,
        )
        self.assertFalse(StageMove.objects.exists())
        # the core's words, as a message standing on its own
        self.assertEqual(
            [str(m) for m in response.context["messages"]], ["De lead staat al in deze fase"]
        )

    def test_a_refused_move_says_which_field_and_why(self) -> None:
        """As the API's move says it; the page had one sentence for any refusal."""
        _lead()
        self.login(self.editor)
        url = reverse("acquisition:move", kwargs={"key": "acme"})
        for data, expected in (
            (
                {"stage": "orbit", "on": "2026-05-01"},
                "Verplaats naar fase: Moet een van 'identified', ",
            ),
            ({"stage": "decision", "on": ""}, "Datum: Dit veld is verplicht."),
        ):
            with self.subTest(expected=expected):
                page = self.client.post(url, {**data, "from_stage": "proposal"}, follow=True)
                [shown] = [str(m) for m in page.context["messages"]]
                self.assertTrue(shown.startswith(expected), shown)
        self.assertFalse(StageMove.objects.exists())

    def test_an_editor_adds_a_supplier_lead_only_with_its_present_firm(self) -> None:
        self.login(self.editor)
        base = NEW_LEAD_FORM | {"company": "Supply BV", "source": "supplier"}
        refused = self.client.post(reverse("acquisition:add"), base)
        self.assertEqual(refused.status_code, 200)
        # The core's reason, as a sentence under the field: it starts with a capital.
        self.assertContains(
            refused,
            "<p>Een lead met herkomst &#x27;Leverancier van een gevestigd bedrijf&#x27; moet",
        )
        self.assertFalse(Lead.objects.exists())
        # The field says beforehand when it is needed: the sources of the core's rule.
        self.assertContains(
            refused,
            "Nodig voor een lead met herkomst: &#x27;Leverancier van een gevestigd bedrijf&#x27;, "
            "&#x27;Klant van een gevestigd bedrijf&#x27;.",
        )
        accepted = self.client.post(reverse("acquisition:add"), base | {"via_organisation": "besi"})
        self.assertEqual(accepted.status_code, 302)
        lead = Lead.objects.get()
        self.assertEqual((lead.via_organisation, lead.expected_jobs), ("besi", {"equipment": 30}))
        self.assertEqual(StageMove.objects.get(lead=lead).stage, "identified")


class LeadFormTests(PersonaTestCase):
    def test_the_expected_jobs_stand_as_one_group_labelled_by_pillar(self) -> None:
        self.login(self.editor)
        html = self.client.get(reverse("acquisition:add")).content.decode()
        start = html.index('id="form-expected-jobs"')
        group = html[start : html.index("</fieldset>", start)]
        pillars = [escape(p.name_nl) for p in current_plan().taxonomy.pillars]
        shown = re.findall(r'for="id_jobs_[^"]+">([^<]+)</label>', group)
        self.assertEqual(shown, pillars)
        self.assertIn("Verwachte banen per pijler (optioneel)", group)
        # the first stage is asked with what the lead is, not after its figures
        names = list(self.client.get(reverse("acquisition:add")).context["form"].fields)
        self.assertEqual(names.index("first_stage"), names.index("source") + 1)


class PipelineTests(PersonaTestCase):
    def test_the_pipeline_weights_jobs_and_covers_part_of_the_gap(self) -> None:
        _lead()  # proposal: 0.4 (assumption) x 200 jobs from 2029
        context = pipeline_context(today=date(2026, 6, 1))
        gap = context["gap"]
        self.assertAlmostEqual(gap.covered_jobs, 80.0)
        self.assertAlmostEqual(gap.remaining_gap_jobs, gap.gap_jobs - 80.0)
        Lead.objects.filter(key="acme").update(stage="landed")
        self.assertAlmostEqual(pipeline_context(today=date(2026, 6, 1))["gap"].covered_jobs, 200.0)

    def test_an_editors_probability_assumption_changes_the_pipeline(self) -> None:
        from clusterweb.planning.models import Assumption
        from clusterweb.planning.services import update_assumption

        _lead()
        row = Assumption.objects.get(key="acquisition.stage-probability")
        update_assumption(row, self.editor, {"value": {**row.value, "proposal": 0.5}}, read=None)
        self.assertAlmostEqual(pipeline_context(today=date(2026, 6, 1))["gap"].covered_jobs, 100.0)

    def test_the_pipeline_page_shows_the_gap(self) -> None:
        _lead()
        self.login(self.viewer)
        response = self.client.get(reverse("acquisition:pipeline"))
        self.assertContains(response, 'id="stat-covered"')
        self.assertContains(response, "Acme Packaging")
        gap = response.context["gap"]
        name = current_plan().employment.scenarios[gap.dimension].name_nl
        # The gap in the command line's sentence: the dimension by its name, not its id; the
        # goal and the jobs without acquisition by the one formatter (grouped, whole).
        goal = format_value(gap.goal_jobs, "", "nl", decimals=0)
        without = format_value(gap.without_pipeline, "", "nl", decimals=0)
        self.assertContains(
            response,
            escape(
                f"(terugrekening: doel {goal} banen in {gap.goal_year}, '{name}' levert {without})"
            ),
        )
        self.assertContains(response, escape(gap_sentence(current_plan(), gap, "nl")))

    def test_without_leads_the_pages_say_so_instead_of_zeros_and_empty_columns(self) -> None:
        """The weighted pipeline had shown tables of zeros, the board a column per stage
        saying it has no lead: each says once that there are none (with a link to add one
        for editors) until a lead exists; the pipeline's gap still stands."""
        pages = {"pipeline": "pipeline-chart", "board": "clusterplan-board__column"}
        self.login(self.editor)
        self.assertContains(self.client.get(reverse("acquisition:pipeline")), 'id="stat-covered"')
        for with_lead in (False, True):
            if with_lead:
                _lead()
            for name, drawn in pages.items():
                with self.subTest(page=name, with_lead=with_lead):
                    response = self.client.get(reverse(f"acquisition:{name}"))
                    self.assertEqual('id="no-leads"' in response.content.decode(), not with_lead)
                    self.assertEqual(drawn in response.content.decode(), with_lead)
                    if not with_lead:
                        self.assertContains(response, reverse("acquisition:add"))

    def test_every_pipeline_table_downloads_as_csv_and_xlsx(self) -> None:
        _lead(landing_year=None)  # a proposal: its landing year is assumed from the stage
        self.login(self.viewer)
        slugs = ("pipeline-jobs", "pipeline-space", "pipeline-leads", "funnel-stats")
        for slug in (*slugs, "acquisition-gap"):
            for fmt in ("csv", "xlsx"):
                url = reverse("acquisition:download", kwargs={"slug": slug, "fmt": fmt})
                self.assertEqual(self.client.get(url).status_code, 200, (slug, fmt))
        url = reverse("acquisition:download", kwargs={"slug": "pipeline-leads", "fmt": "csv"})
        lines = self.client.get(url).content.decode("utf-8-sig").splitlines()
        self.assertEqual(lines[0], '"Leads, gewogen"')  # the title, then the table
        self.assertIn("Bedrijf", lines[1])  # the core's headings, in the page's language
        self.assertRegex(
            lines[2], r"^Acme Packaging,Anchor tenant,Voorstel,0\.4,20\d\d\*,80(\.0)?$"
        )
        page = self.client.get(reverse("acquisition:pipeline"))
        self.assertContains(page, "* vestigingsjaar aangenomen uit de fase van de lead")


class LeadOutlookTests(PersonaTestCase):
    """The lead list and a lead's page show the landing year and probability the pipeline
    counts it with (the core's rules: its own, else its stage's), not '?' where the lead
    leaves them to its stage."""

    def test_a_lead_without_its_own_year_and_probability_shows_the_pipelines(self) -> None:
        from clusterplan.ecosystem.funnel import probability
        from clusterweb.acquisition.services import to_core
        from clusterweb.ecosystem.services import settings_of

        lead = _lead(landing_year=None, probability=None)  # a proposal
        self.login(self.viewer)
        pipe = pipeline_context()["pipe"]
        [weighted] = [w for w in pipe.leads if w.lead_id == "acme"]
        year = f"{weighted.landing_year}*"  # assumed from the stage
        self.assertTrue(weighted.landing_year_assumed)
        note = "* vestigingsjaar aangenomen uit de fase van de lead"
        listed = self.client.get(reverse("acquisition:list")).content.decode()
        row = listed.split("Acme Packaging", 1)[1].split("</tr>", 1)[0]
        self.assertIn(year, row)
        self.assertIn(note, listed)
        page = self.client.get(reverse("acquisition:detail", kwargs={"key": "acme"}))
        self.assertContains(page, f'id="lead-landing-year">{year} ({note})</dd>')
        chance = probability(to_core(lead), settings_of(current_plan()))
        self.assertEqual(chance, weighted.probability)
        shown = format_value(chance, "", "nl", decimals=2)
        self.assertContains(page, f'id="lead-probability">{shown}</dd>')

    def test_a_lost_lead_counts_for_nothing_whatever_its_own_probability(self) -> None:
        _lead(stage="lost", probability=0.7)
        self.login(self.viewer)
        page = self.client.get(reverse("acquisition:detail", kwargs={"key": "acme"}))
        self.assertContains(page, 'id="lead-probability">0,00</dd>')
        self.assertContains(page, 'id="lead-landing-year">2029</dd>')  # its own year


class LeadJobsTests(PersonaTestCase):
    def test_a_pillars_unknown_jobs_read_as_unknown_and_known_ones_grouped(self) -> None:
        """Unknown expected jobs (the core allows them) are '?' as in the pipeline and on
        the command line, not 'None'; known ones are written in the page's notation."""
        _lead(expected_jobs={"packaging_test": None, "design": 1500})
        self.login(self.viewer)
        page = self.client.get(reverse("acquisition:detail", kwargs={"key": "acme"}))
        self.assertContains(page, ": ?")
        self.assertContains(page, ": 1.500")
        self.assertNotContains(page, "None")


class UnreadableLeadTests(PersonaTestCase):
    def test_a_stored_lead_the_core_refuses_shows_why_on_its_page(self) -> None:
        """A lead stored against the core's rules (a supplier's lead without its present
        firm, from before the rule or written directly): its page and the list still
        open, and the page says why the core refuses it, so an editor can correct it."""
        _lead(source="supplier", landing_year=2029)
        self.login(self.editor)
        listed = self.client.get(reverse("acquisition:list"))
        self.assertEqual(listed.status_code, 200)
        page = self.client.get(reverse("acquisition:detail", kwargs={"key": "acme"}))
        self.assertEqual(page.status_code, 200)
        self.assertContains(page, "moet dat gevestigde bedrijf noemen")
        self.assertNotContains(page, "via_organisation")
        self.assertContains(page, 'id="lead-landing-year">2029</dd>')
        self.assertContains(page, 'id="lead-probability">?</dd>')

    def test_the_pipeline_and_the_backcast_count_the_others_and_name_the_refused_one(self) -> None:
        """The pipeline and the back-cast's cover count the leads the core reads and name,
        with a link and the core's reason, the one it refuses (they had answered 500)."""
        _lead(source="supplier", landing_year=2029)
        _lead(key="beta", company="Beta Fab", stage="landed", landing_year=2029)
        self.login(self.viewer)
        for name in ("acquisition:pipeline", "backcast:index"):
            with self.subTest(name):
                page = self.client.get(reverse(name))
                self.assertEqual(page.status_code, 200)
                body = page.content.decode()
                refused = body.split('id="refused-leads"', 1)[1].split("</ul>", 1)[0]
                self.assertIn("1 lead telt niet mee", refused)
                self.assertIn(reverse("acquisition:detail", kwargs={"key": "acme"}), refused)
                self.assertIn("moet dat gevestigde bedrijf noemen", refused)
                self.assertNotIn("Beta Fab", refused)
        pipe = pipeline_context(today=date(2026, 6, 1))
        self.assertEqual([r.lead.key for r in pipe["refused"]], ["acme"])
        self.assertAlmostEqual(pipe["gap"].covered_jobs, 200.0)  # Beta's, certain

    def test_the_api_gives_a_refused_lead_as_stored_with_the_reason(self) -> None:
        from clusterweb.api.tests.helpers import call, token_for

        _lead(source="supplier", landing_year=2029)
        token = token_for(self.viewer)
        listed = call(self.client, "get", reverse("api:leads"), token)
        self.assertEqual(listed.status_code, 200)
        (row,) = listed.json()
        self.assertEqual(
            (row["id"], row["source"], row["landing_year"]), ("acme", "supplier", 2029)
        )
        self.assertIn("moet dat gevestigde bedrijf noemen", row["problem"])
        # the field as the lead's page names it, not the stored key ('via_organisation: ...')
        label = capfirst(Lead._meta.get_field("via_organisation").verbose_name)
        self.assertTrue(row["problem"].startswith(f"{label}: "), row["problem"])
        one = call(self.client, "get", reverse("api:lead", kwargs={"key": "acme"}), token)
        self.assertEqual(one.status_code, 200)
        self.assertEqual(one.json(), row)
        # moving it: the lead is at fault, not the stage asked for (it was 422 at body.stage)
        body = {"stage": "visit", "on": "2026-03-01", "from_stage": "proposal"}
        url = reverse("api:lead_move", kwargs={"key": "acme"})
        moved = call(self.client, "post", url, token_for(self.editor), body)
        self.assertEqual(moved.status_code, 409, moved.content)
        detail = moved.json()["detail"]
        self.assertTrue(detail.startswith("Deze lead moet eerst op zijn pagina"), detail)
        self.assertIn(f"{label}: ", detail)
        self.assertEqual(Lead.objects.get(key="acme").stage, "proposal")


class BackcastPageTests(PersonaTestCase):
    def test_the_backcast_page_shows_the_pipeline_next_to_the_gap(self) -> None:
        _lead(stage="landed")  # 200 packaging & test jobs from 2029, certain
        self.login(self.viewer)
        body = self.client.get(reverse("backcast:index")).content.decode()
        self.assertIn('id="gap-and-startups"', body)
        table = body.split('id="gap-and-startups"', 1)[1].split("</table>", 1)[0]

        def pipeline_cell(year: int) -> str:
            row = table.split(f"{year}</th>", 1)[1].split("</tr>", 1)[0]
            cells = [c.split(">", 1)[1].split("<", 1)[0] for c in row.split("<td")[1:]]
            return cells[1]  # gap, pipeline, start-ups, remaining

        self.assertEqual(pipeline_cell(2028), "0")
        self.assertEqual(pipeline_cell(2029), "200")
        self.assertEqual(pipeline_cell(2034), "200")


class GapCardsTests(PersonaTestCase):
    def test_the_cards_are_the_gap_tables_row_of_the_year_of_the_largest_gap(self) -> None:
        """No gap in the target year while earlier years fall short (a path that meets its
        goal again): the cards had said 'gap 0, covered by the pipeline 80 (all its jobs),
        remaining 0' under a table of 15 to 44 short. They are the row of the year of the
        largest gap, name that year, and 'covered' is what the pipeline covers of the gap."""
        from clusterplan.ecosystem.growth_link import PipelineCover
        from clusterplan.report.funnel import gap_table
        from clusterweb.acquisition.services import gap_stats
        from clusterweb.presentation import web_table

        cover = PipelineCover(
            years=(2030, 2031, 2032, 2033),
            gap_by_year=(0.0, 30.0, 44.0, 0.0),
            pipeline_by_year=(0.0, 0.0, 24.0, 80.0),
        )
        table = web_table(gap_table(cover, "nl"), None)
        cards = gap_stats(cover, table, None)
        year = str(cover.year)
        model = table["model"]
        row = [model.cell(year, c).value for c in ("gap", "covered", "remaining")]
        self.assertEqual(
            [c["label"] for c in cards],
            [
                f"Grootste acquisitietekort in {year}",
                f"Gedekt door de pijplijn in {year}",
                f"Resterend tekort in {year}",
            ],
        )
        self.assertEqual([c["value"] for c in cards], row)
        self.assertEqual([c["value"] for c in cards], [44.0, 24.0, 20.0])
