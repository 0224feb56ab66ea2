"""Plan revisions on the web: editors upload a zipped plan folder (kept whole or not at
all), admins make a kept revision the live plan; viewers do neither."""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path
from unittest import mock

import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from typer.testing import CliRunner

from clusterplan.cli import app
from clusterplan.plan.load import bundled_plan, load_plan
from clusterweb.planning.models import PlanRevision
from clusterweb.planning.services import current_plan, published_plan, record_revision
from clusterweb.planning.tests.variant import (
    VARIANT_ID,
    VARIANT_TITLE,
    write_bundled_plan_without,
    write_variant_plan,
)
from clusterweb.testing import PersonaTestCase


def zipped(folder: Path, prefix: str = "plan") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, f"{prefix}/{path.relative_to(folder)}")
    return buffer.getvalue()


class VariantTestCase(PersonaTestCase):
    """The personas, the bundled plan live, and the variant plan's folder (``folder``)."""

    upload_as = ("plan.zip", "application/zip")  # the uploaded file's name and content type

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls._tmp = tempfile.TemporaryDirectory()
        cls.folder, _ = write_variant_plan(Path(cls._tmp.name) / "plan")

    @classmethod
    def tearDownClass(cls) -> None:
        cls._tmp.cleanup()
        super().tearDownClass()

    def upload(self, data: bytes) -> str:
        """The revisions page after uploading ``data`` as a new revision."""
        name, content_type = self.upload_as
        response = self.client.post(
            reverse("planning:revisions"),
            {"file": SimpleUploadedFile(name, data, content_type)},
            follow=True,
        )
        self.assertEqual(response.status_code, 200)
        return response.content.decode()


class RevisionPageTests(VariantTestCase):
    def test_an_editor_uploads_a_revision_that_is_kept_but_not_live(self) -> None:
        self.login(self.editor)
        html = self.upload(zipped(self.folder))
        self.assertIn(VARIANT_TITLE, html)
        self.assertTrue(PlanRevision.objects.filter(plan_id=VARIANT_ID).exists())
        self.assertEqual(published_plan().meta.id, bundled_plan().meta.id)

    def test_a_broken_plan_is_refused_whole_with_every_problem(self) -> None:
        broken = Path(self._tmp.name) / "broken"
        write_variant_plan(broken)
        text = (broken / "meta.yaml").read_text(encoding="utf-8")
        (broken / "meta.yaml").write_text(text.replace("horizon_end:", "horizon_endx:"))
        self.login(self.editor)
        before = PlanRevision.objects.count()
        html = self.upload(zipped(broken))
        self.assertIn("Er is niets bewaard", html)
        self.assertIn("meta.yaml", html)
        self.assertIn("horizon_end: verplicht veld ontbreekt", html)  # the reason in Dutch
        self.assertNotIn("required field", html)
        self.assertNotIn(self._tmp.name, html)  # no server paths on the page
        self.assertEqual(PlanRevision.objects.count(), before)

    def test_paths_outside_the_folder_and_non_zips_are_refused(self) -> None:
        self.login(self.editor)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("../meta.yaml", "id: x\n")
        self.assertIn("buiten zijn map", self.upload(buffer.getvalue()))
        self.assertIn("geen zipbestand", self.upload(b"not a zip"))
        self.assertFalse(PlanRevision.objects.filter(plan_id=VARIANT_ID).exists())

    def test_a_file_over_the_byte_limit_is_refused_in_the_cores_words(self) -> None:
        self.login(self.editor)
        data = zipped(self.folder)
        with mock.patch.dict(os.environ, {"CLUSTERPLAN_IMPORT_MAX_BYTES": "1000"}):
            html = self.upload(data)
        self.assertIn("het bestand is groter dan 1.000 bytes, het toegestane maximum", html)
        self.assertFalse(PlanRevision.objects.filter(plan_id=VARIANT_ID).exists())

    def test_a_zip_that_cannot_be_unpacked_is_refused_naming_the_member(self) -> None:
        """A damaged member, a password-protected one, one packed by an unknown method and
        a file where the zip also holds a folder of that name each ended in a 500 (zipfile's
        and the disk's errors were not caught)."""
        meta = (self.folder / "meta.yaml").read_bytes()

        def patched(data: bytes, header: int, entry: int, value: int) -> bytes:
            """A zip of one member with the byte at ``header`` in its local header and
            at ``entry`` in its central directory entry ORed with ``value``."""
            out = bytearray(data)
            out[header] |= value
            out[out.find(b"PK\x01\x02") + entry] |= value
            return bytes(out)

        stored = io.BytesIO()
        with zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as archive:
            archive.writestr("plan/meta.yaml", meta)
        damaged = bytearray(stored.getvalue())
        damaged[damaged.find(b"horizon")] = ord("H")  # the CRC no longer matches
        conflict = io.BytesIO()
        with zipfile.ZipFile(conflict, "w") as archive:
            archive.writestr("plan/meta.yaml", meta)
            archive.writestr("plan/meta.yaml/notes.txt", "x")
        cases = {
            "damaged": (bytes(damaged), "beschadigd"),
            # the general purpose flag's first bit: encrypted
            "password": (patched(stored.getvalue(), 6, 8, 1), "wachtwoord"),
            # compression method 99 (AES), which zipfile cannot read
            "method": (patched(stored.getvalue(), 8, 10, 99), "beschadigd"),
            "file and folder": (conflict.getvalue(), "een bestand of map met die naam"),
        }
        self.login(self.editor)
        before = PlanRevision.objects.count()
        for case, (data, words) in cases.items():
            with self.subTest(case=case):
                html = self.upload(data)
                self.assertIn("Er is niets bewaard", html)
                self.assertRegex(html, r"plan/meta\.yaml(/notes\.txt)? in de zip")
                self.assertIn(words, html)
        self.assertEqual(PlanRevision.objects.count(), before)

    def test_unreadable_yaml_is_named_in_the_pages_words_never_the_parsers(self) -> None:
        """The parser's English ('while scanning for the next token ...') and Python's
        ('invalid continuation byte') stood on the Dutch page and the English one; a YAML
        file not in UTF-8 was told to be saved 'as CSV UTF-8'."""
        broken = Path(self._tmp.name) / "unreadable"
        write_variant_plan(broken)
        meta = (broken / "meta.yaml").read_text(encoding="utf-8")
        (broken / "meta.yaml").write_text("\t" + meta, encoding="utf-8")
        finance = (broken / "finance.yaml").read_text(encoding="utf-8")
        (broken / "finance.yaml").write_text("lines: [open\n" + finance, encoding="utf-8")
        (broken / "facts.yaml").write_bytes("title: Caf\u00e9\n".encode("latin-1"))
        self.login(self.editor)
        before = PlanRevision.objects.count()
        expected = {
            "nl": [
                "plan/meta.yaml:1: (bestand): een tab-teken: spring in met spaties, niet met tabs",
                "plan/finance.yaml:1: (bestand): een lijst tussen haken of een verzameling "
                "tussen accolades die hier begint, wordt niet gesloten",
                "plan/facts.yaml: (bestand): geen UTF-8-tekst (sla het bestand op als UTF-8)",
            ],
            "en": [
                "plan/meta.yaml:1: (file): a tab character: indent with spaces, not tabs",
                "plan/finance.yaml:1: (file): a list in brackets or a mapping in braces that "
                "begins here is not closed",
                "plan/facts.yaml: (file): not UTF-8 text (save the file as UTF-8)",
            ],
        }
        for lang, lines in expected.items():
            with self.subTest(lang=lang):
                self.client.cookies.load({"django_language": lang})
                html = self.upload(zipped(broken)).replace("&#x27;", "'")
                for line in lines:
                    self.assertIn(line, html)
                refusal = html.split('role="alert"', 1)[1].split("</div>", 1)[0]
                for words in ("while ", "token", "expected", "byte", "CSV UTF-8"):
                    self.assertNotIn(words, refusal)
        self.assertEqual(PlanRevision.objects.count(), before)

    def test_only_an_admin_makes_a_revision_live(self) -> None:
        self.login(self.editor)
        self.upload(zipped(self.folder))
        revision = PlanRevision.objects.get(plan_id=VARIANT_ID)
        url = reverse("planning:revision_make_live", kwargs={"pk": revision.pk})
        for user in (self.viewer, self.editor):
            self.login(user)
            with self.subTest(user=user.username):
                self.assertEqual(self.client.post(url).status_code, 403)
        self.assertEqual(current_plan().meta.id, bundled_plan().meta.id)
        self.login(self.admin)
        self.assertEqual(self.client.get(url).status_code, 405)
        self.client.post(url)
        self.assertEqual(current_plan().meta.id, VARIANT_ID)
        self.assertEqual(published_plan().meta.title, VARIANT_TITLE)
        html = self.client.get(reverse("dashboard:public")).content.decode()
        self.assertIn(VARIANT_TITLE, html)

    def test_a_live_plan_that_cannot_be_kept_is_said_in_the_load_commands_line(self) -> None:
        """Making a revision live keeps the live plan first; when that plan does not
        validate, the page says so in the line ``load_plan`` prints (it had its own)."""
        from clusterweb.planning import revisions
        from clusterweb.planning.services import PlanInvalid, Problem

        self.login(self.editor)
        self.upload(zipped(self.folder))
        revision = PlanRevision.objects.get(plan_id=VARIANT_ID)
        self.login(self.admin)
        problem = Problem("assumption", "a.b", "value", "moet positief zijn", "Een aanname, waarde")
        refused = PlanInvalid([problem])
        url = reverse("planning:revision_make_live", kwargs={"pk": revision.pk})
        with mock.patch.object(revisions, "make_live", side_effect=refused):
            page = self.client.post(url, follow=True)
        self.assertContains(
            page,
            "Het opgeslagen plan is niet geldig en kan dus niet bewaard worden; er is niets "
            "veranderd: Een aanname, waarde: moet positief zijn",
        )
        self.assertEqual(current_plan().meta.id, bundled_plan().meta.id)

    def _unusable(self) -> Path:
        """The variant plan without an assumption the growth model needs: valid field by
        field, refused by ``clusterplan check``."""
        folder = Path(self._tmp.name) / "unusable"
        write_variant_plan(folder)
        growth = folder / "assumptions" / "growth.yaml"
        rows = yaml.safe_load(growth.read_text(encoding="utf-8"))
        kept = [row for row in rows if row["id"] != "growth.productivity-growth"]
        self.assertEqual(len(kept), len(rows) - 1)
        growth.write_text(yaml.safe_dump(kept, allow_unicode=True), encoding="utf-8")
        return folder

    def test_a_plan_a_model_cannot_use_is_refused_as_clusterplan_check_refuses_it(self) -> None:
        """An upload, a stored revision made live and ``load_plan`` refuse a plan that
        ``clusterplan check`` refuses (the pages had answered 500 once it was live)."""
        folder = self._unusable()
        check = CliRunner().invoke(app, ["--lang", "nl", "check", str(folder)])
        self.assertEqual(check.exit_code, 1)
        reason = "het groeimodel kan dit plan niet gebruiken"
        self.assertIn(reason, check.output)
        self.login(self.editor)
        before = PlanRevision.objects.count()
        html = self.upload(zipped(folder))
        self.assertIn("Er is niets bewaard", html)
        self.assertIn(reason, html)
        self.assertEqual(PlanRevision.objects.count(), before)
        # a revision kept before the check is not made live
        revision = record_revision(load_plan(folder))
        self.login(self.admin)
        url = reverse("planning:revision_make_live", kwargs={"pk": revision.pk})
        page = self.client.post(url, follow=True)
        self.assertContains(page, "kan niet het actieve plan worden; er is niets veranderd")
        self.assertContains(page, reason)
        self.assertEqual(current_plan().meta.id, bundled_plan().meta.id)
        with self.assertRaisesMessage(CommandError, reason):
            call_command(
                "load_plan", str(folder), "--replace", "--lang", "nl", stdout=io.StringIO()
            )
        self.assertEqual(current_plan().meta.id, bundled_plan().meta.id)

    def test_an_upload_never_made_live_is_not_the_previous_plan(self) -> None:
        """The report's previous plan is one that was live: a draft revision of the live
        plan uploaded later is not it (the report had listed the changes against it,
        backwards); the plan made live and then edited is compared with what it was."""
        from clusterweb.planning.models import Assumption
        from clusterweb.planning.revisions import keep_uploaded_revision, previous_revision
        from clusterweb.planning.services import update_assumption

        live = current_plan()
        draft = Path(self._tmp.name) / "draft"
        write_bundled_plan_without(draft)
        impact = draft / "assumptions" / "impact.yaml"
        text = impact.read_text(encoding="utf-8")
        self.assertIn("value: 0.70", text)
        impact.write_text(text.replace("value: 0.70", "value: 0.71", 1), encoding="utf-8")
        kept = keep_uploaded_revision(zipped(draft))
        self.assertEqual(kept.plan_id, live.meta.id)
        self.assertIsNone(kept.live_from)
        self.assertIsNone(previous_revision(current_plan()))  # as loaded: nothing before
        row = Assumption.objects.get(key="impact.additionality")
        update_assumption(row, self.editor, {"value": 0.35, "low": 0.3}, read=None)
        previous = previous_revision(current_plan())
        self.assertIsNotNone(previous)
        self.assertNotEqual(previous.pk, kept.pk)
        self.assertIsNotNone(previous.live_from)

    def test_outsiders_do_not_see_the_revisions(self) -> None:
        for user in (self.outsider, self.partner):
            self.login(user)
            with self.subTest(user=user.username):
                self.assertEqual(self.client.get(reverse("planning:revisions")).status_code, 403)

    def test_a_revision_goes_live_with_its_own_supply_and_no_other(self) -> None:
        from clusterweb.demand.services import supply_data

        name = bundled_plan().talent.supply_file if bundled_plan().talent else None
        assert name
        without = Path(self._tmp.name) / "without-supply"
        write_variant_plan(without)
        (without / name).unlink()
        self.login(self.editor)
        self.upload(zipped(without))
        revision = PlanRevision.objects.get(plan_id=VARIANT_ID)
        self.assertIsNone(revision.supply_rows)
        self.login(self.admin)
        self.client.post(reverse("planning:revision_make_live", kwargs={"pk": revision.pk}))
        self.assertEqual(supply_data(current_plan()), (None, None))
        live = PlanRevision.objects.get(plan_id=bundled_plan().meta.id)
        self.client.post(reverse("planning:revision_make_live", kwargs={"pk": live.pk}))
        data, _label = supply_data(current_plan())
        self.assertIsNotNone(data)

    def test_an_uploaded_revision_keeps_its_supply_file(self) -> None:
        self.login(self.editor)
        self.upload(zipped(self.folder))
        revision = PlanRevision.objects.get(plan_id=VARIANT_ID)
        self.assertTrue(revision.supply_rows)
        self.login(self.admin)
        self.client.post(reverse("planning:revision_make_live", kwargs={"pk": revision.pk}))
        from clusterweb.demand.services import supply_data

        data, _label = supply_data(current_plan())
        assert data is not None
        self.assertEqual(len(data.rows), len(revision.supply_rows))


class WorkbookRevisionTests(VariantTestCase):
    """A revision uploaded as the plan's workbook (``clusterplan plan export --format xlsx``)."""

    upload_as = ("plan.xlsx", "application/vnd.ms-excel")

    def test_a_plan_workbook_is_kept_as_the_same_plan(self) -> None:
        from clusterplan.plan.load import load_plan
        from clusterplan.plan.workbook import export_workbook

        self.login(self.editor)
        html = self.upload(export_workbook(self.folder))
        self.assertIn(VARIANT_TITLE, html)
        revision = PlanRevision.objects.get(plan_id=VARIANT_ID)
        self.assertEqual(revision.data, load_plan(self.folder).model_dump(mode="json"))

    def test_an_unchanged_plan_reuploaded_as_a_workbook_is_the_same_revision(self) -> None:
        # The workbook's cells write the plan's 1.0 as 1 (a spreadsheet keeps no such
        # difference): the same plan, so no second revision.
        from clusterplan.plan.workbook import export_workbook

        self.login(self.editor)
        self.upload(zipped(self.folder))
        self.upload(export_workbook(self.folder))
        self.assertEqual(PlanRevision.objects.filter(plan_id=VARIANT_ID).count(), 1)

    def test_a_broken_workbook_is_refused_naming_sheet_row_and_column_in_dutch(self) -> None:
        from openpyxl import load_workbook

        from clusterplan.plan.workbook import export_workbook

        book = load_workbook(io.BytesIO(export_workbook(self.folder)))
        projects = book["projects"]
        header = [c.value for c in projects[1]]
        column = next(h for h in header if str(h).startswith("costs_meur."))
        projects.cell(row=2, column=header.index(column) + 1).value = "lots"
        projects.cell(row=3, column=header.index("pillars[]") + 1).value = "[x"
        book["facts"].title = "factz"
        buffer = io.BytesIO()
        book.save(buffer)
        self.login(self.editor)
        before = PlanRevision.objects.count()
        html = self.upload(buffer.getvalue())
        self.assertIn("Er is niets bewaard", html)
        self.assertIn("werkblad &#x27;projects&#x27;, rij 2, kolom &#x27;" + column, html)
        # The reasons in Dutch too: the plan's own, and the workbook's.
        self.assertIn("moet een getal zijn", html)
        self.assertIn("rij 3, kolom &#x27;pillars[]&#x27;: geen geldige JSON", html)
        self.assertIn("werkblad &#x27;factz&#x27;: onbekend werkblad", html)
        self.assertIn("werkblad &#x27;facts&#x27;: werkblad ontbreekt", html)
        for english in ("unknown sheet", "sheet is missing", "not valid JSON", "listed in"):
            self.assertNotIn(english, html)
        self.assertEqual(PlanRevision.objects.count(), before)


THREE_PILLARS = Path(__file__).resolve().parents[4] / "tests" / "plans" / "three-pillars"


class AnyPlanTests(VariantTestCase):
    """Several plans, one live: edits survive a switch, the selector groups by plan, and
    the branding follows the live plan."""

    def upload(self, data: bytes) -> PlanRevision:
        self.login(self.editor)
        before = set(PlanRevision.objects.values_list("pk", flat=True))
        response = self.client.post(
            reverse("planning:revisions"),
            {"file": SimpleUploadedFile("plan.zip", data, "application/zip")},
        )
        self.assertEqual(response.status_code, 302)
        return PlanRevision.objects.exclude(pk__in=before).get()

    def make_live(self, revision: PlanRevision) -> str:
        self.login(self.admin)
        url = reverse("planning:revision_make_live", kwargs={"pk": revision.pk})
        response = self.client.post(url, follow=True)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def edit_a_cost(self) -> tuple[str, int, float]:
        """An editor changes one yearly cost of the live plan; (project, year, new amount)."""
        from clusterweb.planning.models import Project
        from clusterweb.planning.services import update_project

        project = Project.objects.order_by("position").first()
        assert project is not None
        cost = project.costs.exclude(amount_meur=None).order_by("year").first()
        assert cost is not None and cost.amount_meur is not None
        amount = cost.amount_meur + 1.25
        update_project(project, self.editor, {}, {cost.year: amount}, read=None)
        return project.key, cost.year, amount

    def cost_of(self, key: str, year: int) -> float | None:
        project = next(p for p in current_plan().finance.projects if p.id == key)
        return project.costs_meur[year]

    def test_edits_to_the_live_plan_are_kept_when_another_plan_goes_live(self) -> None:
        bundled_id = bundled_plan().meta.id
        loaded = PlanRevision.objects.get(plan_id=bundled_id)
        key, year, amount = self.edit_a_cost()
        variant = self.upload(zipped(self.folder))
        html = self.make_live(variant)
        self.assertEqual(current_plan().meta.id, VARIANT_ID)
        kept = PlanRevision.objects.get(plan_id=bundled_id, kept_from_edits=True)
        self.assertIn("met zijn wijzigingen", html)  # the admin is told the edits were kept
        self.assertNotEqual(kept.digest, loaded.digest)
        self.make_live(kept)
        self.assertEqual(current_plan().meta.id, bundled_id)
        self.assertEqual(self.cost_of(key, year), amount)
        self.make_live(loaded)  # the plan as loaded: the edit is gone, still kept
        self.assertNotEqual(self.cost_of(key, year), amount)
        self.assertEqual(PlanRevision.objects.filter(plan_id=bundled_id).count(), 2)

    def test_adopted_talent_targets_stay_with_their_plan(self) -> None:
        """Talent targets adopted on the live plan are kept with it when another plan goes
        live and do not show on that plan (they had stayed, on another plan's pages)."""
        from clusterweb.demand.models import TalentTarget

        bundled_id = bundled_plan().meta.id
        section = current_plan().talent
        assert section is not None
        year = section.interim_years[0]
        TalentTarget.objects.create(year=year, mbo=344, hbo=120, wo=40, other=0, reason="ja")
        self.make_live(self.upload(zipped(self.folder)))
        self.assertFalse(TalentTarget.objects.exists())
        kept = PlanRevision.objects.get(plan_id=bundled_id, kept_from_edits=True)
        targets = {t["year"]: t for t in kept.data["talent"]["targets"]}
        self.assertEqual(targets[year]["hires"]["mbo"], 344)
        self.assertEqual(targets[year]["reason"], "ja")

    def test_an_unedited_live_plan_is_not_kept_twice(self) -> None:
        before = PlanRevision.objects.filter(plan_id=bundled_plan().meta.id).count()
        self.make_live(self.upload(zipped(self.folder)))
        self.assertEqual(
            PlanRevision.objects.filter(plan_id=bundled_plan().meta.id).count(), before
        )
        self.assertFalse(PlanRevision.objects.filter(kept_from_edits=True).exists())

    def test_the_edited_plan_keeps_its_supply_import(self) -> None:
        from clusterweb.demand.models import SupplyImport
        from clusterweb.demand.services import supply_data

        self.make_live(self.upload(zipped(self.folder)))
        imported = SupplyImport.objects.get()
        self.edit_a_cost()
        self.make_live(PlanRevision.objects.get(plan_id=bundled_plan().meta.id))
        kept = PlanRevision.objects.get(plan_id=VARIANT_ID, kept_from_edits=True)
        self.assertEqual(kept.supply_rows, imported.rows)
        self.make_live(kept)
        data, _label = supply_data(current_plan())
        assert data is not None
        self.assertEqual(len(data.rows), len(imported.rows))

    def test_a_failed_switch_keeps_nothing_and_changes_nothing(self) -> None:
        from unittest import mock

        from clusterweb.planning import revisions

        key, year, amount = self.edit_a_cost()
        variant = self.upload(zipped(self.folder))
        before = PlanRevision.objects.count()
        with (
            mock.patch.object(revisions, "use_plan_supply", side_effect=RuntimeError("boom")),
            self.assertRaises(RuntimeError),
        ):
            revisions.make_live(variant)
        self.assertEqual(PlanRevision.objects.count(), before)
        self.assertEqual(current_plan().meta.id, bundled_plan().meta.id)
        self.assertEqual(self.cost_of(key, year), amount)

    def test_a_live_plan_that_does_not_validate_is_not_replaced(self) -> None:
        from unittest import mock

        from clusterweb.planning import services

        variant = self.upload(zipped(self.folder))
        broken = services.PlanInvalid([services.Problem("plan", "meta", "title", "kapot")])
        with mock.patch.object(services, "current_plan", side_effect=broken):
            html = self.make_live(variant)
        self.assertIn("niets veranderd", html)
        self.assertIn("kapot", html)
        self.assertEqual(current_plan().meta.id, bundled_plan().meta.id)

    def test_another_plan_is_kept_as_a_new_plan_and_the_page_groups_by_plan(self) -> None:
        other = self.upload(zipped(THREE_PILLARS))
        self.assertNotEqual(other.plan_id, bundled_plan().meta.id)
        self.assertEqual(other.title, load_plan(THREE_PILLARS).meta.title)
        self.login(self.admin)
        html = self.client.get(reverse("planning:revisions")).content.decode()
        sections = html.split("<section")[1:]
        self.assertEqual(len(sections), 2)
        live, kept = sections
        self.assertIn(bundled_plan().meta.title, live)
        self.assertIn("actief plan", live)
        self.assertIn(f"({bundled_plan().meta.id})", live)
        self.assertIn(f"({other.plan_id})", kept)
        switch = reverse("planning:revision_make_live", kwargs={"pk": other.pk})
        self.assertIn(f'action="{switch}"', kept)
        self.assertNotIn(f'action="{switch}"', live)

    def test_viewers_see_the_plans_but_neither_upload_nor_switch(self) -> None:
        self.upload(zipped(THREE_PILLARS))
        self.login(self.viewer)
        response = self.client.get(reverse("planning:revisions"))
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertIn(load_plan(THREE_PILLARS).meta.title, html)
        self.assertNotIn('type="file"', html)
        self.assertNotIn("/make-live/", html)
        before = PlanRevision.objects.count()
        data = zipped(self.folder)
        response = self.client.post(
            reverse("planning:revisions"),
            {"file": SimpleUploadedFile("plan.zip", data, "application/zip")},
        )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(PlanRevision.objects.count(), before)

    def test_the_header_and_the_public_page_follow_the_live_plan(self) -> None:
        first = bundled_plan().meta
        other = load_plan(THREE_PILLARS).meta
        self.login(self.viewer)
        html = self.client.get(reverse("dashboard:index")).content.decode()
        header = html.split("</header>")[0]
        self.assertIn(first.title, header)
        self.assertIn(f'href="{reverse("planning:revisions")}"', header)
        self.make_live(self.upload(zipped(THREE_PILLARS)))
        self.assertEqual(current_plan().meta.id, other.id)
        for user in (self.viewer, self.partner, None):
            if user is None:
                self.client.logout()
            else:
                self.login(user)
            for name in ("dashboard:public", "dashboard:index"):
                response = self.client.get(reverse(name))
                if response.status_code != 200:
                    continue  # a page this persona may not open
                html = response.content.decode()
                with self.subTest(user=getattr(user, "username", None), page=name):
                    self.assertIn(other.title, html)
                    for word in (first.title, first.cluster, first.region):
                        self.assertNotIn(word, html)
        self.login(self.viewer)
        header = self.client.get(reverse("dashboard:index")).content.decode()
        self.assertIn(other.title, header.split("</header>")[0])
