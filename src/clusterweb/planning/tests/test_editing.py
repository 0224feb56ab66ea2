"""Editing plan data: totals follow, broken plans are refused with Dutch reasons, history reverts."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import localtime

from clusterplan.labels import choice_label
from clusterplan.report.numbers import UNKNOWN, format_number
from clusterplan.report.tables import line_total
from clusterweb.history.models import Change
from clusterweb.history.services import revert
from clusterweb.planning.forms import CommitmentForm, ProjectForm
from clusterweb.planning.models import Assumption, Commitment, Project, ProjectCost
from clusterweb.planning.services import (
    PlanInvalid,
    current_plan,
    update_assumption,
    update_project,
)
from clusterweb.planning.tests.form_data import COMMITMENT_FORM
from clusterweb.testing import PersonaTestCase


def project_post(project: Project, **changes: object) -> dict[str, object]:
    """The edit form's data for a project as it stands, with some changes (Dutch input)."""
    data: dict[str, object] = {
        "name_nl": project.name_nl,
        "name_en": project.name_en,
        "status": project.status,
        "description_nl": project.description_nl,
    }
    for source in current_plan().finance.source_ids:
        value = project.coverage_meur.get(source)
        data[f"coverage_{source}"] = "" if value is None else str(value).replace(".", ",")
    for cost in project.costs.all():
        data[f"cost_{cost.year}"] = (
            "" if cost.amount_meur is None else str(cost.amount_meur).replace(".", ",")
        )
    data["read_version"] = ProjectForm(instance=project).stored_version()
    data.update(changes)
    return data


class ProjectEditTests(PersonaTestCase):
    def _edit_acp(self, follow: bool = False, **changes: object) -> Any:
        """Post ACP's edit form as it stands, with these changes."""
        return self.client.post(
            reverse("planning:project_edit", kwargs={"key": "acp"}),
            project_post(Project.objects.get(key="acp"), **changes),
            follow=follow,
        )

    def test_the_current_plan_matches_the_bundled_plan(self) -> None:
        plan = current_plan()
        self.assertEqual(plan.project("acp").printed_total_meur, 150)
        self.assertEqual(len(plan.finance.projects), 12)

    def test_editor_changes_a_cost_and_the_totals_follow(self) -> None:
        self.login(self.editor)
        response = self._edit_acp(cost_2027="40")
        self.assertEqual(response.status_code, 302)
        plan = current_plan()
        self.assertEqual(plan.project("acp").costs_meur[2027], 40)
        # The total follows, computed; the plan's printed 150 described other costs and is
        # not rewritten as if the plan had printed 160.
        self.assertIsNone(plan.project("acp").printed_total_meur)
        self.assertEqual(line_total(plan, plan.project("acp")).value, 160)
        page = self.client.get(reverse("dashboard:index"))
        # 2027 column: 155 printed + 10 more.
        self.assertContains(page, "165")
        self.assertEqual(Change.objects.filter(field="amount_meur").count(), 1)

    def test_the_projects_page_writes_each_total_as_its_table_cell_does(self) -> None:
        # One formatter: the page's total column has the table's decimals (150,0, not 150.0
        # nor 150), grouped (1.120,2, not 1120,25) and '?' where the plan has no total, as the
        # download's table has it.
        self.login(self.editor)
        self.assertEqual(self._edit_acp(cost_2027="1000,25").status_code, 302)
        page = self.client.get(reverse("planning:projects")).content.decode()
        plan = current_plan()
        for p in plan.finance.projects:
            link = reverse("planning:project", kwargs={"key": p.id})
            row = re.search(re.escape(f'href="{link}"') + r".*?</tr>", page, re.S)
            assert row is not None, p.id
            last = re.findall(r"<td[^>]*>([^<]*)</td>", row.group(0))[-1]
            known = [v for v in p.costs_meur.values() if v is not None]
            expected = format_number(sum(known), "nl", 1) if known else UNKNOWN
            self.assertTrue(last.startswith(expected), (p.id, last, expected))
        self.assertIn("1.120,2", page)  # ACP's edited total, computed

    def test_a_renamed_project_is_saved_under_its_new_name(self) -> None:
        self.login(self.editor)
        response = self._edit_acp(follow=True, name_nl="Pilotlijn voor chipverpakking")
        self.assertContains(response, "Opgeslagen: Pilotlijn voor chipverpakking")
        self.assertEqual(current_plan().project("acp").name_nl, "Pilotlijn voor chipverpakking")

    def test_it_refuses_coverage_above_cost_with_a_dutch_reason(self) -> None:
        self.login(self.editor)
        response = self._edit_acp(cost_2027="0", cost_2028="0", cost_2029="0")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "is groter dan de kosten")
        self.assertEqual(ProjectCost.objects.get(project__key="acp", year=2027).amount_meur, 30)
        self.assertFalse(Change.objects.exists())

    def test_it_rejects_negative_costs(self) -> None:
        self.login(self.editor)
        response = self._edit_acp(cost_2027="-5")
        self.assertEqual(response.status_code, 200)
        self.assertContains(
            response, "Kosten 2027 mag niet negatief zijn (tussen 0 en 100.000 M EUR)."
        )
        self.assertEqual(ProjectCost.objects.get(project__key="acp", year=2027).amount_meur, 30)

    def test_costs_and_coverage_stand_as_groups_of_fields_named_by_year_and_source(
        self,
    ) -> None:
        """Eight years of costs had been eight full-width fields, each with the same
        description (a page of 2,400 px); they stand as one group, each field labelled by
        its year, the description once. A refused value's message still names the field
        whole ('Kosten 2027')."""
        self.login(self.editor)
        url = reverse("planning:project_edit", kwargs={"key": "acp"})
        html = self.client.get(url).content.decode()
        costs = html[
            html.index('id="form-costs"') : html.index("</fieldset>", html.index('id="form-costs"'))
        ]
        labels = re.findall(
            r'<label class="utrecht-form-label" for="id_cost_(\d{4})">(\d{4})</label>', costs
        )
        self.assertGreater(len(labels), 5)
        self.assertTrue(all(field == shown for field, shown in labels))
        self.assertIn("Kosten per jaar (mln euro) (optioneel)", costs)
        self.assertEqual(costs.count("Laat een veld leeg"), 1)
        self.assertNotIn("laat leeg als het onbekend is", html)  # no field repeats it
        self.assertIn('id="form-coverage"', html)
        response = self._edit_acp(cost_2027="-5")
        self.assertContains(response, "Kosten 2027 mag niet negatief zijn")

    def test_a_business_case_groups_its_areas_and_talent_and_ends_with_its_removal(
        self,
    ) -> None:
        self.login(self.editor)
        url = reverse("planning:business_case_edit", kwargs={"key": "acp"})
        form = self.client.get(url).context["form"]
        groups = {g.key: list(g.labels) for g in form.field_groups}
        self.assertEqual(len(groups["floor-area"]), 4)
        self.assertEqual(len(groups["talent"]), 4)
        self.assertEqual(list(form.fields)[-1], "remove")  # not amid the figures

    def test_a_phase_is_edited_from_a_link_named_by_the_phase(self) -> None:
        """The plan's phase names start with their own word for a phase: the link is the
        name and the verb (it had read 'Fase Fase 1: ... wijzigen')."""
        self.login(self.editor)
        page = self.client.get(reverse("planning:project", kwargs={"key": "colabfab"}))
        url = reverse("planning:phase_edit", kwargs={"key": "colabfab", "phase": "fase-1"})
        name = current_plan().project("colabfab").phases[0].name_nl
        self.assertContains(page, f'<a class="utrecht-link" href="{url}">{name} wijzigen</a>')

    def test_it_refuses_a_phase_ending_before_it_starts(self) -> None:
        self.login(self.editor)
        url = reverse("planning:phase_edit", kwargs={"key": "colabfab", "phase": "fase-1"})
        response = self.client.post(
            url, self.edit_form(url, name_nl="Fase 1", start="2028", end="2026")
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "eindigt")
        self.assertEqual(current_plan().project("colabfab").phases[0].end, 2028)

    def test_a_service_edit_that_breaks_the_plan_raises_and_saves_nothing(self) -> None:
        acp = Project.objects.get(key="acp")
        with self.assertRaises(PlanInvalid) as caught:
            update_project(acp, self.editor, {"coverage_meur": {"private": 500.0}}, {}, read=None)
        self.assertEqual(caught.exception.problems[0].key, "acp")
        self.assertEqual(Project.objects.get(key="acp").coverage_meur["private"], 50)


class HistoryTests(PersonaTestCase):
    def test_history_records_and_reverts_a_change(self) -> None:
        acp = Project.objects.get(key="acp")
        update_project(acp, self.editor, {}, {2027: 45.0}, read=None)
        change = Change.objects.get(field="amount_meur")
        self.assertEqual((change.old_value, change.new_value), (30, 45))
        self.assertEqual(change.username, "erik")
        self.login(self.editor)
        page = self.client.get(reverse("history:index"))
        self.assertContains(page, "Advanced Chip Packaging")
        self.assertContains(page, localtime(change.at).strftime("%d-%m-%Y"))
        response = self.client.post(reverse("history:revert", kwargs={"change_id": change.pk}))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(current_plan().project("acp").costs_meur[2027], 30)
        self.assertEqual(current_plan().project("acp").printed_total_meur, 150)
        self.assertTrue(change.is_reverted)
        csv = self.client.get(
            reverse("history:download", kwargs={"slug": "history", "fmt": "csv"})
        ).content.decode()
        self.assertIn("erik", csv)
        self.assertEqual(len(csv.strip().splitlines()), 4)  # title, header, change, revert

    def test_the_history_filters_by_user_and_keeps_what_was_typed(self) -> None:
        update_project(Project.objects.get(key="acp"), self.editor, {}, {2027: 45.0}, read=None)
        self.login(self.editor)
        kept = self.client.get(reverse("history:index"), {"user": "eri"})
        self.assertContains(kept, "Advanced Chip Packaging")
        self.assertContains(kept, 'name="user" value="eri"')
        none = self.client.get(reverse("history:index"), {"user": "nobody"})
        self.assertNotContains(none, "Advanced Chip Packaging")

    def test_a_revert_that_would_break_the_plan_is_refused(self) -> None:
        acp = Project.objects.get(key="acp")
        update_project(acp, self.editor, {"coverage_meur": {"private": 0.0}}, {}, read=None)
        first = Change.objects.get(field="coverage_meur")
        update_project(acp, self.editor, {}, {2027: 10.0, 2028: 10.0}, read=None)
        # Cost is now 110, coverage 100; restoring 50 private coverage would make it 150.
        from django.core.exceptions import ValidationError

        with self.assertRaises(ValidationError) as refused, translation.override("nl"):
            revert(first, self.editor)
        self.assertEqual(Project.objects.get(key="acp").coverage_meur["private"], 0)
        # The project and field as the pages name them, not the stored key and field path.
        (message,) = refused.exception.messages
        self.assertTrue(message.startswith("Advanced Chip Packaging Pilot Line (ACP), dekking"))
        self.assertNotIn("coverage_meur", message)

    def test_it_refuses_to_revert_a_field_changed_again_since(self) -> None:
        from django.core.exceptions import ValidationError

        acp = Project.objects.get(key="acp")
        update_project(acp, self.editor, {}, {2027: 45.0}, read=None)
        first = Change.objects.get(field="amount_meur")
        update_project(Project.objects.get(key="acp"), self.editor, {}, {2027: 50.5}, read=None)
        with self.assertRaises(ValidationError) as refused, translation.override("nl"):
            revert(first, self.editor)
        self.assertIn("(nu 50,5)", refused.exception.messages[0])  # the page's notation
        self.assertEqual(current_plan().project("acp").costs_meur[2027], 50.5)
        later = Change.objects.filter(field="amount_meur").order_by("-pk").first()
        assert later is not None
        revert(later, self.editor)
        revert(first, self.editor)
        self.assertEqual(current_plan().project("acp").costs_meur[2027], 30)

    def test_a_deleted_commitment_can_be_restored(self) -> None:
        self.login(self.editor)
        response = self.client.post(
            reverse("planning:commitment_add"), COMMITMENT_FORM | {"evidence": "Brief provincie"}
        )
        self.assertEqual(response.status_code, 302)
        commitment = Commitment.objects.get()
        self.client.post(
            reverse("planning:commitment_delete", kwargs={"pk": commitment.pk}),
            {"read_version": CommitmentForm(instance=commitment).stored_version()},
        )
        self.assertFalse(Commitment.objects.exists())
        deletion = Change.objects.get(action="delete")
        self.client.post(reverse("history:revert", kwargs={"change_id": deletion.pk}))
        self.assertEqual(Commitment.objects.get().evidence, "Brief provincie")

    def test_viewer_cannot_revert(self) -> None:
        acp = Project.objects.get(key="acp")
        update_project(acp, self.editor, {}, {2027: 45.0}, read=None)
        change = Change.objects.get()
        self.login(self.viewer)
        response = self.client.post(reverse("history:revert", kwargs={"change_id": change.pk}))
        self.assertEqual(response.status_code, 403)
        self.assertEqual(current_plan().project("acp").costs_meur[2027], 45)


class LoadPlanTests(PersonaTestCase):
    def test_a_value_outside_its_range_is_refused_by_the_plans_rule(self) -> None:
        """The assumption's range is the core's rule (the schema), in the page's language;
        nothing is saved."""
        key = "acquisition.ramp-years"  # 1, within 1-5
        self.login(self.editor)
        url = reverse("planning:assumption_edit", kwargs={"key": key})
        response = self.client.post(url, self.edit_form(url, value="6"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "De waarde 6 ligt boven de hoge waarde van het bereik (5)")
        self.assertEqual(current_plan().assumption(key).value, 1)

    def test_a_dimension_the_plan_has_not_is_refused_where_it_is_edited(self) -> None:
        """A back-cast assumption naming a growth dimension the plan has not is refused
        where it is edited (it had been saved, and the weighted pipeline answered 500): the
        form offers the plan's dimensions only, and the model that reads it refuses a plan
        naming another."""
        key = "growth.backcast.pillar-split"
        before = current_plan().assumption(key).value
        self.login(self.editor)
        url = reverse("planning:assumption_edit", kwargs={"key": key})
        response = self.client.post(url, self.edit_form(url, value="nonexistent"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "nonexistent")
        with self.assertRaises(PlanInvalid):
            row = Assumption.objects.get(key=key)
            update_assumption(row, self.editor, {"value": "nonexistent"}, read=None)
        self.assertEqual(current_plan().assumption(key).value, before)
        self.assertEqual(self.client.get(reverse("acquisition:pipeline")).status_code, 200)

    def test_a_value_a_model_refuses_names_the_assumption_by_its_label(self) -> None:
        """The growth model's refusal of an extension limit before the target year names
        the assumption by its label in the page's language (it said 'aanname
        growth.extension.until-year'); nothing is saved."""
        key = "growth.extension.until-year"
        plan = current_plan()
        before = plan.assumption(key)
        self.login(self.editor)
        url = reverse("planning:assumption_edit", kwargs={"key": key})
        for lang, label in (("nl", before.label_nl), ("en", before.label_en)):
            self.client.cookies.load({"django_language": lang})
            year = str(plan.employment.target_year - 1)
            response = self.client.post(url, self.edit_form(url, value=year))
            self.assertEqual(response.status_code, 200)
            word = "aanname" if lang == "nl" else "assumption"
            self.assertContains(response, f"({word}: {label})")
            self.assertNotContains(response, f"{word} {key}")
        self.assertEqual(current_plan().assumption(key).value, before.value)

    def test_missing_assumptions_are_added_and_edited_ones_kept(self) -> None:
        from clusterplan.plan.load import bundled_plan
        from clusterweb.planning.models import Assumption
        from clusterweb.planning.services import add_missing_assumptions

        Assumption.objects.filter(key="growth.market-growth-factor").delete()
        kept = Assumption.objects.get(key="growth.project.lag-years")
        kept.rationale = "edited"
        kept.rationale_nl = ""
        kept.save()
        # stored before the plan had Dutch rationales: filled in, unless edited since
        Assumption.objects.filter(key="impact.displacement").update(rationale_nl="")
        added = add_missing_assumptions(bundled_plan())
        self.assertEqual(added, ["growth.market-growth-factor"])
        edited = Assumption.objects.get(key="growth.project.lag-years")
        self.assertEqual((edited.rationale, edited.rationale_nl), ("edited", ""))
        self.assertEqual(
            Assumption.objects.get(key="impact.displacement").rationale_nl,
            bundled_plan().assumption("impact.displacement").rationale_nl,
        )
        current_plan()


class AssumptionRationaleTests(PersonaTestCase):
    """The rationale in Dutch and in English: edited in one form, each text kept in the
    history on its own, and both carried through a revision and back."""

    def test_both_rationales_survive_the_form_the_history_and_a_revision(self) -> None:
        from clusterplan.plan.load import bundled_plan
        from clusterweb.planning import revisions
        from clusterweb.planning.models import Assumption, PlanRevision

        plan = bundled_plan()
        key = plan.assumptions[0].id
        original = plan.assumption(key)
        edited = ("Nieuwe onderbouwing.", "New rationale.")
        self.login(self.editor)
        url = reverse("planning:assumption_edit", kwargs={"key": key})
        form = self.edit_form(url, rationale_nl=edited[0], rationale=edited[1])
        self.assertEqual(self.client.post(url, form).status_code, 302)
        live = current_plan().assumption(key)
        self.assertEqual((live.rationale_nl, live.rationale), edited)

        row = Assumption.objects.get(key=key)
        changes = {
            c.field: c
            for c in Change.objects.filter(
                content_type=ContentType.objects.get_for_model(Assumption), object_id=str(row.pk)
            )
        }
        self.assertEqual(set(changes), {"rationale_nl", "rationale"})
        self.assertEqual(changes["rationale_nl"].old_value, original.rationale_nl)
        revert(changes["rationale_nl"], self.editor)
        row.refresh_from_db()
        self.assertEqual((row.rationale_nl, row.rationale), (original.rationale_nl, edited[1]))
        revert(changes["rationale"], self.editor)
        self.client.post(url, self.edit_form(url, rationale_nl=edited[0], rationale=edited[1]))

        kept = revisions.keep_live_plan()
        assert kept is not None
        stored = next(a for a in kept.data["assumptions"] if a["id"] == key)
        self.assertEqual((stored["rationale_nl"], stored["rationale"]), edited)
        revisions.make_live(PlanRevision.objects.get(plan_id=plan.meta.id, kept_from_edits=False))
        row = Assumption.objects.get(key=key)
        self.assertEqual(
            (row.rationale_nl, row.rationale), (original.rationale_nl, original.rationale)
        )
        revisions.make_live(kept)
        row = Assumption.objects.get(key=key)
        self.assertEqual((row.rationale_nl, row.rationale), edited)


class ChoiceAssumptionTests(PersonaTestCase):
    """An assumption whose value is a word is edited as one: a growth dimension from the
    plan's dimensions by name, another text in a text field without JSON's quotes; no low
    or high for either (they had a JSON textarea and a range)."""

    def test_a_growth_dimension_is_chosen_by_its_name(self) -> None:
        key = "growth.backcast.pillar-split"
        plan = current_plan()
        before = plan.assumption(key).value
        other = next(d for d in plan.employment.dimension_ids if d != before)
        self.login(self.editor)
        url = reverse("planning:assumption_edit", kwargs={"key": key})
        html = self.client.get(url).content.decode()
        self.assertIn('<select name="value"', html)
        name = plan.employment.scenarios[other].name_nl
        self.assertRegex(html, rf'<option value="{other}"[^>]*>{re.escape(name)}</option>')
        self.assertNotIn('name="low"', html)
        self.assertNotIn('name="high"', html)
        response = self.client.post(url, self.edit_form(url, value=other))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(current_plan().assumption(key).value, other)  # the id, as stored
        change = Change.objects.get(field="value")
        self.assertEqual((change.old_value, change.new_value), (before, other))
        revert(change, self.editor)
        self.assertEqual(current_plan().assumption(key).value, before)

    def test_a_text_is_edited_without_quotes(self) -> None:
        key = "growth.fab.pillar"
        before = current_plan().assumption(key).value
        self.assertIsInstance(before, str)
        self.login(self.editor)
        url = reverse("planning:assumption_edit", kwargs={"key": key})
        html = self.client.get(url).content.decode()
        self.assertRegex(html, rf'<input type="text" name="value" value="{before}"')
        self.assertNotIn("&quot;", html.split('name="value"')[1].split(">")[0])
        self.assertNotIn('name="low"', html)
        response = self.client.post(url, self.edit_form(url))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(current_plan().assumption(key).value, before)  # still the text
        self.assertFalse(Change.objects.filter(field="value").exists())  # nothing changed

    def test_a_choice_is_chosen_by_its_words(self) -> None:
        """A value that is one of a few words is chosen from them by their words (it was a
        text field holding 'even')."""
        key = "ecosystem.jobs-pillar-split"
        before = current_plan().assumption(key).value
        self.login(self.editor)
        url = reverse("planning:assumption_edit", kwargs={"key": key})
        for lang in ("nl", "en"):
            self.client.cookies.load({"django_language": lang})
            html = self.client.get(url).content.decode()
            self.assertIn('<select name="value"', html)
            words = re.escape(choice_label(before, lang))
            self.assertRegex(html, rf'<option value="{before}" selected>{words}</option>')
            self.assertNotIn('name="low"', html)
        response = self.client.post(url, self.edit_form(url, value=before))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(current_plan().assumption(key).value, before)

    def test_a_number_or_a_word_is_typed_or_chosen_by_its_words(self) -> None:
        """A value that is a number or a word ('calibrate') has a number field and a select
        of the words by their words; either is saved as it is stored."""
        key = "growth.productivity-growth"
        before = current_plan().assumption(key).value
        self.assertIsInstance(before, str)
        self.login(self.editor)
        url = reverse("planning:assumption_edit", kwargs={"key": key})
        html = self.client.get(url).content.decode()
        self.assertIn('<select name="choice"', html)
        words = re.escape(choice_label(before, "nl"))
        self.assertRegex(html, rf'<option value="{before}" selected>{words}</option>')
        response = self.client.post(url, self.edit_form(url, value="0,02", choice=""))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(current_plan().assumption(key).value, 0.02)
        response = self.client.post(url, self.edit_form(url, choice=before))
        self.assertEqual(response.status_code, 302)
        self.assertEqual(current_plan().assumption(key).value, before)
        response = self.client.post(url, self.edit_form(url, value="", choice=""))
        self.assertContains(response, "Vul een getal in of kies een van de woorden.")
