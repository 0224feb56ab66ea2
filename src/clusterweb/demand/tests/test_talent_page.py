"""The talent page: derived targets adopted and edited (versioned, in history, surviving a
plan revision), the gap before and after measures, and a plan without a talent section."""

from __future__ import annotations

from typing import Any

from django.db.models import FloatField
from django.test import SimpleTestCase
from django.urls import reverse

from clusterplan.plan.load import bundled_plan
from clusterplan.plan.schema import EDUCATION_LEVELS
from clusterplan.report.talent import path_name
from clusterweb.demand import services
from clusterweb.demand.forms import LEVEL_FIELDS, TalentTargetForm
from clusterweb.demand.models import TalentTarget
from clusterweb.history.models import Change
from clusterweb.planning.models import PlanDocument
from clusterweb.planning.services import current_plan, load_plan_into_db
from clusterweb.testing import PersonaTestCase

TALENT = "demand:talent"
SUPPLY_HEADER = "institution,programme,level,year,enrolled,graduates\n"  # a supply file's columns


class TalentPageTests(PersonaTestCase):
    def test_viewer_sees_derived_targets_supply_label_and_ranked_measures(self) -> None:
        self.login(self.viewer)
        page = self.client.get(reverse(TALENT))
        self.assertEqual(page.status_code, 200)
        # The plan's own illustrative file, marked in the core's words (as the command's).
        self.assertContains(
            page, "talent-supply-illustrative.csv (ILLUSTRATIEVE cijfers, geen echte gegevens)"
        )
        programme = services.talent_programme(current_plan())
        best = programme.result.ranking()[0].measure
        self.assertContains(page, best.name)
        derived = programme.result.targets.derived[2030]["mbo"]
        assert derived is not None
        self.assertContains(page, f"{round(derived)}")
        self.assertNotContains(page, "2.030")  # a year is not a grouped number
        self.assertNotContains(page, reverse("demand:targets_adopt"))  # a viewer cannot adopt
        response = self.client.post(reverse("demand:targets_adopt"))
        self.assertEqual(response.status_code, 403)
        self.assertFalse(TalentTarget.objects.exists())

    def test_the_job_paths_are_offered_by_the_cores_names(self) -> None:
        """The selector names each path as ``clusterplan talent --targets`` does (the
        core's ``path_name``); the page had its own words for the back-cast."""
        import re

        from django.utils.text import capfirst
        from typer.testing import CliRunner

        from clusterplan.cli import app
        from clusterplan.model.talent_plan import BACKCAST, path_sources

        plan = current_plan()
        self.login(self.viewer)
        first = {}
        for lang in ("nl", "en"):
            with self.subTest(lang=lang):
                self.client.cookies.load({"django_language": lang})
                html = self.client.get(reverse(TALENT)).content.decode()
                select = html[html.index('id="id_source"') : html.index("</select>")]
                offered = re.findall(r'<option value="([^"]+)"[^>]*>([^<]*)</option>', select)
                expected = [(s, capfirst(path_name(plan, s, lang))) for s in path_sources(plan)]
                self.assertEqual(offered, expected)
                cli = CliRunner().invoke(app, ["--lang", lang, "talent", "--targets"])
                self.assertEqual(cli.exit_code, 0, cli.output)
                self.assertIn(path_name(plan, BACKCAST, lang), cli.stdout.splitlines()[0])
                first[lang] = offered[0]
        self.assertEqual(first, {"nl": (BACKCAST, "Terugrekening"), "en": (BACKCAST, "Back-cast")})

    def test_the_gap_after_measures_downloads(self) -> None:
        self.login(self.viewer)
        url = reverse("demand:talent_download", kwargs={"slug": "talent-gap", "fmt": "csv"})
        csv = self.client.get(url).content.decode()
        self.assertIn("mbo: tekort na", csv)

    def test_an_editor_adopts_the_derived_targets_with_who_and_why_in_history(self) -> None:
        self.login(self.editor)
        response = self.client.post(reverse("demand:targets_adopt"))
        self.assertEqual(response.status_code, 302)
        years = list(TalentTarget.objects.values_list("year", flat=True))
        self.assertEqual(years, [2028, 2030, 2040])  # the base year has no derived hires
        derived = services.talent_programme(current_plan()).result.targets.derived
        row = TalentTarget.objects.get(year=2030)
        # as derived, in whole people as the targets table shows them (the edit form had
        # shown 343,52531250000004)
        self.assertEqual(row.mbo, round(derived[2030]["mbo"]))
        self.assertNotEqual(row.mbo, derived[2030]["mbo"])
        self.assertEqual(row.set_by, self.editor)
        # why: the job path by its name (not its id), in the reader's language (it was
        # stored in the adopter's: an English sentence on a Dutch page)
        source = services.talent_programme(current_plan()).result.targets.source
        self.assertEqual((row.reason, row.derived), ("", source))
        for lang, said in (
            ("nl", "Overgenomen zoals afgeleid van het banenpad {path}."),
            ("en", "Adopted as derived from the {path} job path."),
        ):
            path = path_name(current_plan(), source, lang)
            self.assertNotEqual(path, source)
            self.client.cookies["django_language"] = lang
            self.assertContains(self.client.get(reverse(TALENT)), said.format(path=path))
        self.assertEqual(Change.objects.filter(action="create").count(), 3)
        # Adopting again overwrites nothing.
        row.mbo = 1
        row.save()
        self.client.post(reverse("demand:targets_adopt"))
        self.assertEqual(TalentTarget.objects.get(year=2030).mbo, 1)
        page = self.client.get(reverse(TALENT))
        self.assertContains(page, self.editor.username)

    def test_the_targets_adopted_are_those_of_the_job_path_shown(self) -> None:
        """The page shows a growth dimension's targets: adopting takes those (it had taken
        the back-cast's whatever the page showed); a path the plan lacks is the core's to
        refuse (it had been replaced by the back-cast without a word)."""
        plan = current_plan()
        dimension = plan.employment.dimension_ids[0]
        self.login(self.editor)
        page = self.client.get(reverse(TALENT), {"source": dimension})
        self.assertContains(page, f'<input type="hidden" name="source" value="{dimension}">')
        response = self.client.post(reverse("demand:targets_adopt"), {"source": dimension})
        self.assertRedirects(response, f"{reverse(TALENT)}?source={dimension}")
        derived = services.talent_programme(plan, dimension).result.targets.derived
        backcast = services.talent_programme(plan).result.targets.derived
        self.assertNotEqual(derived[2030]["mbo"], backcast[2030]["mbo"])
        row = TalentTarget.objects.get(year=2030)
        self.assertEqual((row.mbo, row.derived), (round(derived[2030]["mbo"]), dimension))
        unknown = self.client.get(reverse(TALENT), {"source": "nowhere"})
        self.assertContains(unknown, "nowhere")
        self.assertNotContains(unknown, 'id="id_source"')
        url = reverse("demand:talent_download", kwargs={"slug": "talent-gap", "fmt": "csv"})
        self.assertEqual(self.client.get(url, {"source": "nowhere"}).status_code, 404)

    def test_an_edited_target_is_in_force_kept_in_history_and_survives_a_plan_revision(
        self,
    ) -> None:
        TalentTarget.objects.create(year=2028, mbo=300, hbo=200, reason="eerste")
        self.login(self.editor)
        url = reverse("demand:target_edit", kwargs={"year": 2028})
        form = self.edit_form(url, mbo="450", wo="", reason="Afspraak met de ROC's")
        self.assertEqual(self.client.post(url, form).status_code, 302)
        row = TalentTarget.objects.get(year=2028)
        self.assertEqual((row.mbo, row.wo, row.set_by), (450, None, self.editor))
        change = Change.objects.get(field="mbo")
        self.assertEqual((change.old_value, change.new_value), (300, 450))
        targets = services.talent_programme(current_plan()).result.targets
        self.assertEqual(targets.in_force[2028]["mbo"], 450)
        self.assertIsNone(targets.in_force[2028]["wo"])  # unknown, not zero
        self.assertEqual(targets.adopted[2028], (self.editor.username, "Afspraak met de ROC's"))
        load_plan_into_db(bundled_plan())  # a new revision of the plan
        targets = services.talent_programme(current_plan()).result.targets
        self.assertEqual(targets.in_force[2028]["mbo"], 450)

    def test_an_edit_says_why(self) -> None:
        """An adopted target keeps no reason of its own; an edit must give one."""
        TalentTarget.objects.create(year=2028, mbo=300, reason="", derived="backcast")
        self.login(self.editor)
        url = reverse("demand:target_edit", kwargs={"year": 2028})
        response = self.client.post(url, self.edit_form(url, mbo="450", reason=""))
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.context["form"].errors["reason"])
        self.assertEqual(TalentTarget.objects.get(year=2028).mbo, 300)

    def test_a_target_outside_the_bounds_is_refused_naming_the_field(self) -> None:
        TalentTarget.objects.create(year=2028, mbo=300, reason="eerste")
        self.login(self.editor)
        url = reverse("demand:target_edit", kwargs={"year": 2028})
        response = self.client.post(url, self.edit_form(url, mbo="-5"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(TalentTarget.objects.get(year=2028).mbo, 300)
        self.assertTrue(response.context["form"].errors["mbo"])


class TalentWriteAccessTests(PersonaTestCase):
    def test_only_editors_adopt_or_edit_targets(self) -> None:
        TalentTarget.objects.create(year=2028, mbo=300, reason="eerste")
        edit = reverse("demand:target_edit", kwargs={"year": 2028})
        adopt = reverse("demand:targets_adopt")
        for url in (edit, adopt):
            response = self.client.post(url)
            self.assertEqual(response.status_code, 302)
            self.assertIn(reverse("accounts:login"), response["Location"])
        for user in (self.viewer, self.partner, self.outsider):
            self.login(user)
            with self.subTest(user=user.username):
                self.assertEqual(self.client.get(edit).status_code, 403)
                self.assertEqual(self.client.post(edit, {"mbo": "1"}).status_code, 403)
                self.assertEqual(self.client.post(adopt).status_code, 403)
        self.assertEqual(TalentTarget.objects.get(year=2028).mbo, 300)
        self.assertEqual(TalentTarget.objects.count(), 1)
        self.login(self.editor)
        self.assertEqual(self.client.get(edit).status_code, 200)
        self.assertEqual(self.client.get(adopt).status_code, 405)  # POST only
        missing = reverse("demand:target_edit", kwargs={"year": 2029})
        self.assertEqual(self.client.get(missing).status_code, 404)


class NoTalentSectionTests(PersonaTestCase):
    def setUp(self) -> None:
        super().setUp()
        current_plan()  # the bundled plan is loaded
        document = PlanDocument.objects.order_by("-pk").first()
        assert document is not None
        data = dict(document.data)
        data.pop("talent")
        PlanDocument.objects.create(plan_id=document.plan_id, data=data)

    def test_every_talent_page_refuses_in_one_line(self) -> None:
        TalentTarget.objects.create(year=2028, mbo=300, reason="eerste")
        self.login(self.editor)
        line = "Het plan heeft geen onderdeel &#x27;talent&#x27;; voeg het toe in talent.yaml"
        for url in (
            reverse(TALENT),
            reverse("demand:target_edit", kwargs={"year": 2028}),
            reverse("demand:index"),
        ):
            with self.subTest(url=url):
                page = self.client.get(url)
                self.assertEqual(page.status_code, 200)
                self.assertContains(page, line, count=1)
        download = reverse("demand:talent_download", kwargs={"slug": "talent-gap", "fmt": "csv"})
        self.assertEqual(self.client.get(download).status_code, 404)
        self.client.post(reverse("demand:targets_adopt"))
        self.assertEqual(TalentTarget.objects.count(), 1)


class SupplyImportTests(PersonaTestCase):
    URL = "demand:supply_import"

    def _upload(self, name: str, text: str) -> Any:
        """The preview of a file (nothing is written)."""
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile(name, text.encode("utf-8"))
        return self.client.post(reverse(self.URL), {"file": upload, "action": "preview"})

    def _import(self, name: str, text: str) -> Any:
        """The preview of a file, then its confirmation."""
        self._upload(name, text)
        return self.client.post(reverse(self.URL), {"action": "commit"})

    def test_a_good_file_becomes_the_supply_and_is_kept_in_history(self) -> None:
        from clusterweb.demand.models import SupplyImport

        self.login(self.editor)
        text = SUPPLY_HEADER + "Inst,Prog,hbo,2023,100,40\nInst,Prog,hbo,2024,100,50\n"
        response = self._import("duo.csv", text)
        self.assertEqual(response.status_code, 302)
        stored = SupplyImport.objects.get()
        self.assertEqual((stored.row_count, stored.imported_by), (2, self.editor))
        self.assertTrue(Change.objects.filter(action="create", object_repr="duo.csv").exists())
        programme = services.talent_programme(current_plan())
        self.assertIn("duo.csv", str(programme.supply_label))
        assert programme.result.supply_detail is not None
        self.assertEqual(
            [p.key for p in programme.result.supply_detail.programmes], ["Inst / Prog"]
        )
        # No share for the imported programme: its level is unknown, and the page says why.
        page = self.client.get(reverse(TALENT))
        self.assertContains(page, "Inst / Prog")

    def test_the_message_counts_the_rows_in_words_of_one_or_more(self) -> None:
        """One row was '1 rijen onderwijsaanbod geïmporteerd'."""
        self.login(self.editor)
        for rows, said in ((1, "1 rij onderwijsaanbod"), (2, "2 rijen onderwijsaanbod")):
            with self.subTest(rows=rows):
                lines = "".join(f"Inst,Prog,hbo,{2022 + n},100,40\n" for n in range(rows))
                response = self._import("duo.csv", SUPPLY_HEADER + lines)
                page = self.client.get(response["Location"])
                self.assertContains(page, f"{said} geïmporteerd.")

    def test_the_preview_shows_what_is_stored_in_place_of_what_and_only_a_confirmation_writes(
        self,
    ) -> None:
        """The upload wrote the file at once, over the supply stored before, without saying
        so: the preview names the rows it stores and the rows they replace."""
        from clusterweb.demand.models import SupplyImport

        self.login(self.editor)
        first = SUPPLY_HEADER + "".join(f"A,P,hbo,{2020 + n},10,4\n" for n in range(3))
        self._import("first.csv", first)
        response = self._upload("duo.csv", SUPPLY_HEADER + "Inst,Prog,wo,2024,1200,450\n")
        self.assertContains(response, 'id="import-preview"')
        self.assertContains(response, "1 rij onderwijsaanbod om op te slaan.")
        self.assertContains(
            response,
            "De rijen van het bestand vervangen de 3 rijen onderwijsaanbod die nu zijn opgeslagen",
        )
        self.assertContains(response, "first.csv")
        self.assertContains(response, '__cell">Inst</td>')
        self.assertContains(response, "1.200")  # a figure in the page's notation
        self.assertContains(response, 'value="commit"')
        self.assertEqual(SupplyImport.objects.get().file_name, "first.csv")  # nothing written
        response = self.client.post(reverse(self.URL), {"action": "commit"})
        self.assertRedirects(response, reverse(TALENT))
        self.assertEqual(SupplyImport.objects.order_by("-pk").first().row_count, 1)

    def test_the_preview_heads_its_columns_in_words_and_names_what_the_rows_replace(
        self,
    ) -> None:
        """Nothing imported yet: the rows take the place of the plan's own supply file
        (named); the columns are headed in the page's words, a level in words."""
        plan = current_plan()
        assert plan.talent is not None and plan.talent.supply_file
        self.login(self.editor)
        response = self._upload("duo.csv", SUPPLY_HEADER + "Inst,Prog,other,2024,1200,450\n")
        self.assertContains(
            response, f"in de plaats van het aanbodbestand van het plan ({plan.talent.supply_file})"
        )
        for heading in ("Instelling", "Opleiding", "Niveau", "Jaar", "Ingeschreven"):
            self.assertContains(response, f">{heading}</th>")
        self.assertNotContains(response, ">institution</th>")
        self.assertContains(response, '__cell">Overig</td>')  # the level 'other' in words

    def test_a_supply_stored_between_preview_and_confirmation_shows_the_new_preview(
        self,
    ) -> None:
        from clusterweb.demand.models import SupplyImport

        self.login(self.editor)
        self._upload("duo.csv", SUPPLY_HEADER + "Inst,Prog,wo,2024,1200,450\n")
        services.import_supply(
            self.admin, "other.csv", (SUPPLY_HEADER + "B,Q,mbo,2024,5,2\n").encode()
        )
        response = self.client.post(reverse(self.URL), {"action": "commit"})
        self.assertContains(response, "Er is niets geïmporteerd: wat is opgeslagen is veranderd")
        self.assertContains(response, "vervangen de 1 rij onderwijsaanbod die nu is opgeslagen")
        self.assertEqual(SupplyImport.objects.order_by("-pk").first().file_name, "other.csv")

    def test_one_bad_row_imports_nothing_and_names_row_column_and_reason_in_dutch(self) -> None:
        from clusterweb.demand.models import SupplyImport

        self.login(self.editor)
        text = SUPPLY_HEADER + "Inst,Prog,hbo,2023,100,40\nInst,Prog,phd,2024,100,-1\n"
        response = self._upload("duo.csv", text)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(SupplyImport.objects.exists())
        self.assertContains(
            response, "duo.csv, rij 3, kolom &#x27;level&#x27;: moet een van mbo, hbo, wo, other"
        )
        self.assertContains(
            response, "rij 3, kolom &#x27;graduates&#x27;: mag niet negatief zijn (tussen 0"
        )
        response = self._upload("duo.txt", "x")
        self.assertContains(response, "bestandstype niet ondersteund")
        self.assertFalse(SupplyImport.objects.exists())


class SupplyImportLimitTests(PersonaTestCase):
    def test_a_file_over_the_byte_limit_is_refused_in_dutch_before_it_is_parsed(self) -> None:
        import os
        from unittest import mock

        from django.core.files.uploadedfile import SimpleUploadedFile

        from clusterweb.demand.models import SupplyImport

        self.login(self.editor)
        text = SUPPLY_HEADER + "A,P,hbo,2024,1,1\n"
        with mock.patch.dict(os.environ, {"CLUSTERPLAN_IMPORT_MAX_BYTES": "20"}):
            upload = SimpleUploadedFile("big.csv", text.encode())
            response = self.client.post(reverse("demand:supply_import"), {"file": upload})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "big.csv: het bestand")
        self.assertFalse(SupplyImport.objects.exists())


class TargetLevelsTests(SimpleTestCase):
    def test_a_target_has_a_number_field_per_education_level_of_the_core(self) -> None:
        """A level added to the core fails here until the model has its column (and its
        migration): the form and the history take the levels from the core."""
        self.assertEqual(LEVEL_FIELDS, EDUCATION_LEVELS)
        for level in EDUCATION_LEVELS:
            with self.subTest(level=level):
                field = TalentTarget._meta.get_field(level)
                self.assertIsInstance(field, FloatField)
                self.assertIn(level, TalentTargetForm.base_fields)

    def test_the_form_has_a_field_per_level_of_the_core_named_by_the_cores_words(self) -> None:
        """As the business-case form: the fields follow ``EDUCATION_LEVELS`` in its order,
        within the core's bound, each named by the core's words for its level (the form
        had named them itself: 'MBO-aanwas per jaar'); the history names the column so."""
        from django.utils import translation

        from clusterplan.labels import label
        from clusterplan.plan.bounds import PEOPLE_PER_YEAR
        from clusterweb.formats.fields import NumberField

        hires = {"nl": "Aanwas per jaar: {level}", "en": "Hires per year: {level}"}
        for lang, words in hires.items():
            with self.subTest(lang=lang), translation.override(lang):
                form = TalentTargetForm()
                self.assertEqual(list(form.fields)[: len(EDUCATION_LEVELS)], list(EDUCATION_LEVELS))
                for level in EDUCATION_LEVELS:
                    field = form.fields[level]
                    self.assertIsInstance(field, NumberField)
                    self.assertEqual(field.bound, PEOPLE_PER_YEAR)
                    expected = words.format(level=label("education.level", level, lang))
                    self.assertEqual(str(field.label), expected)
                    column = TalentTarget._meta.get_field(level).verbose_name
                    self.assertEqual(str(column), expected)
