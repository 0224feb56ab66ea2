"""Plan revisions on the web: editors upload a zipped plan folder (kept whole or not at
all), admins make a kept revision the live plan; viewers do neither."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clusterplan.plan.load import bundled_plan
from clusterweb.planning.models import PlanRevision
from clusterweb.planning.services import current_plan, published_plan
from clusterweb.planning.tests.variant import VARIANT_ID, VARIANT_TITLE, write_variant_plan
from clusterweb.testing import PersonaTestCase


def zipped(folder: Path, prefix: str = "plan") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, f"{prefix}/{path.relative_to(folder)}")
    return buffer.getvalue()


class RevisionPageTests(PersonaTestCase):
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
        response = self.client.post(
            reverse("planning:revisions"),
            {"file": SimpleUploadedFile("plan.zip", data, "application/zip")},
            follow=True,
        )
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

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

    def test_viewers_do_not_see_the_revisions(self) -> None:
        self.login(self.viewer)
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


class WorkbookRevisionTests(PersonaTestCase):
    """A revision uploaded as the plan's workbook (``clusterplan plan export --format xlsx``)."""

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
        response = self.client.post(
            reverse("planning:revisions"),
            {"file": SimpleUploadedFile("plan.xlsx", data, "application/vnd.ms-excel")},
            follow=True,
        )
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_a_plan_workbook_is_kept_as_the_same_plan(self) -> None:
        from clusterplan.plan.load import load_plan
        from clusterplan.plan.workbook import export_workbook

        self.login(self.editor)
        html = self.upload(export_workbook(self.folder))
        self.assertIn(VARIANT_TITLE, html)
        revision = PlanRevision.objects.get(plan_id=VARIANT_ID)
        self.assertEqual(revision.data, load_plan(self.folder).model_dump(mode="json"))

    def test_a_broken_workbook_is_refused_naming_sheet_row_and_column_in_dutch(self) -> None:
        from openpyxl import load_workbook

        from clusterplan.plan.workbook import export_workbook

        book = load_workbook(io.BytesIO(export_workbook(self.folder)))
        projects = book["projects"]
        header = [c.value for c in projects[1]]
        column = next(h for h in header if str(h).startswith("costs_meur."))
        projects.cell(row=2, column=header.index(column) + 1).value = "lots"
        buffer = io.BytesIO()
        book.save(buffer)
        self.login(self.editor)
        before = PlanRevision.objects.count()
        html = self.upload(buffer.getvalue())
        self.assertIn("Er is niets bewaard", html)
        self.assertIn("werkblad &#x27;projects&#x27;, rij 2, kolom &#x27;" + column, html)
        self.assertIn("moet een getal zijn", html)  # the reason in Dutch too
        self.assertEqual(PlanRevision.objects.count(), before)
