"""The dashboard's report button: a background task that makes the annual progress report,
then its PDF and XLSX annex for the one who asked; the PDF's numbers are the page's."""

from __future__ import annotations

import io
import shutil
import subprocess
from typing import Any
from unittest import skipIf

from django.urls import reverse
from openpyxl import load_workbook

from clusterplan.report.numbers import format_number
from clusterweb.monitoring import services
from clusterweb.monitoring.report_tasks import REPORT
from clusterweb.monitoring.tests.fictional import FictionalActualsTestCase
from clusterweb.presentation import exported
from clusterweb.tasks.models import TaskRecord
from clusterweb.tasks.services import execute, task_url

YEAR = 2030  # the last year of the fictional set


def _pdf_text(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


class ReportButtonTests(FictionalActualsTestCase):
    def _start(self, user, **data) -> TaskRecord:  # type: ignore[no-untyped-def]
        self.login(user)
        response = self.client.post(
            reverse("monitoring:report"), {"year": YEAR, "lang": "nl", **data}
        )
        self.assertEqual(response.status_code, 302)
        record = TaskRecord.objects.filter(owner=user, kind=REPORT).latest("pk")
        self.assertEqual(response["Location"], task_url(record))
        return record

    def _annex(self) -> Any:
        """The XLSX annex of a report the viewer asks for and the worker makes."""
        record = self._start(self.viewer)
        execute(record.pk)
        record.refresh_from_db()
        self.assertEqual(record.status, "done", record.message)
        xlsx = self.client.get(
            reverse("monitoring:report_download", kwargs={"pk": record.pk, "fmt": "xlsx"})
        )
        return load_workbook(io.BytesIO(xlsx.content))

    def test_the_dashboard_has_the_button_with_the_latest_year(self) -> None:
        self.login(self.viewer)
        response = self.client.get(reverse("monitoring:index"))
        self.assertContains(response, 'id="report-form"')
        self.assertContains(response, reverse("monitoring:report"))
        self.assertEqual(response.context["report_form"]["year"].initial, YEAR)

    @skipIf(shutil.which("pdftotext") is None, "needs poppler-utils")
    def test_the_report_has_the_pages_numbers_and_downloads(self) -> None:
        record = self._start(self.viewer)
        execute(record.pk)  # what the worker does
        record.refresh_from_db()
        self.assertEqual(record.status, "done", record.message)
        page = self.client.get(reverse("monitoring:report_result", kwargs={"pk": record.pk}))
        self.assertContains(page, 'id="report-downloads"')
        pdf = self.client.get(
            reverse("monitoring:report_download", kwargs={"pk": record.pk, "fmt": "pdf"})
        )
        self.assertEqual(pdf["Content-Type"], "application/pdf")
        self.assertIn("private", pdf["Cache-Control"])
        text = _pdf_text(pdf.content)
        # the dashboard's figures, as the same viewer sees them, are in the PDF
        dashboard = self.client.get(reverse("monitoring:index")).context
        units = {i.id: i.unit for i in services.indicators()}
        labels = {services.label(i): i for i in services.indicators()}
        checked = 0
        for row in dashboard["table"]["rows"]:
            ind = labels[row[0].text]
            if ind.confidential or row[3].unknown or row[4].unknown:
                continue
            decimals = 1 if units[ind.id] == "meur" else 0
            for value in map(exported, (row[3], row[4], row[5])):
                if not isinstance(value, int | float):
                    continue  # unknown (no plan value): '?' on both
                with self.subTest(indicator=ind.id, value=value):
                    self.assertIn(format_number(float(value), "nl", decimals), text)
                    checked += 1
            self.assertIn(row[6].text, text)  # the status label
        self.assertGreaterEqual(checked, 15)
        nowcast = dashboard["nowcast"]
        for p in (nowcast["p_goal_prior"], nowcast["p_goal"]):
            self.assertIn(format_number(100 * p, "nl", 1) + "%", text)
        xlsx = self.client.get(
            reverse("monitoring:report_download", kwargs={"pk": record.pk, "fmt": "xlsx"})
        )
        book = load_workbook(io.BytesIO(xlsx.content))
        self.assertEqual(book.sheetnames[0], "Inhoud")
        self.assertTrue(any(name.endswith(" Alle indicatoren") for name in book.sheetnames))

    def test_the_report_holds_the_talent_targets_adopted_on_the_platform(self) -> None:
        """As the talent page shows them; the report had the plan's own targets only."""
        from clusterweb.demand.models import TalentTarget

        TalentTarget.objects.create(
            year=2030, mbo=4321, hbo=0, wo=0, other=0, reason="test", set_by=self.editor
        )
        book = self._annex()
        cells = [c for sheet in book for row in sheet.iter_rows(values_only=True) for c in row]
        self.assertIn(4321, cells)

    def test_a_plan_that_lost_its_monitoring_part_fails_the_report_in_the_cores_words(
        self,
    ) -> None:
        """The plan changed under a queued report: it fails with the core's one line on a
        missing part, in each language of the site (the task had its own sentence)."""
        from unittest import mock

        from clusterplan.plan.parts import PARTS, MissingPart
        from clusterweb.monitoring import report_tasks

        record = self._start(self.viewer)
        plan = services.current_plan().model_copy(update={"monitoring": None})
        with mock.patch.object(report_tasks, "current_plan", return_value=plan):
            execute(record.pk)
        record.refresh_from_db()
        self.assertEqual(record.status, "failed")
        missing = MissingPart("monitoring", PARTS["monitoring"].where)
        self.assertEqual(record.reasons, {lang: missing.text(lang) for lang in ("nl", "en")})

    def test_only_the_owner_and_admins_get_the_report(self) -> None:
        record = self._start(self.viewer)
        execute(record.pk)
        for name, kwargs in (
            ("monitoring:report_result", {"pk": record.pk}),
            ("monitoring:report_download", {"pk": record.pk, "fmt": "pdf"}),
            ("monitoring:report_download", {"pk": record.pk, "fmt": "xlsx"}),
        ):
            url = reverse(name, kwargs=kwargs)
            with self.subTest(name=name):
                self.login(self.editor)
                self.assertEqual(self.client.get(url).status_code, 404)
                self.login(self.admin)
                self.assertEqual(self.client.get(url).status_code, 200)
                self.login(self.viewer)
                self.assertEqual(self.client.get(url).status_code, 200)
        self.client.logout()
        self.assert_sent_to_login([("monitoring:report_result", {"pk": record.pk})])
        self.login(self.viewer)
        other = reverse("monitoring:report_download", kwargs={"pk": record.pk, "fmt": "exe"})
        self.assertEqual(self.client.get(other).status_code, 404)

    def test_outsiders_cannot_start_it_and_a_bad_year_is_named(self) -> None:
        self.login(self.outsider)
        self.assertEqual(
            self.client.post(
                reverse("monitoring:report"), {"year": YEAR, "lang": "nl"}
            ).status_code,
            403,
        )
        self.login(self.viewer)
        self.assertEqual(self.client.get(reverse("monitoring:report")).status_code, 405)
        response = self.client.post(reverse("monitoring:report"), {"year": 1800, "lang": "nl"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("year", response.context["form"].errors)
        self.assertFalse(TaskRecord.objects.filter(kind=REPORT).exists())

    def test_the_report_lists_what_changed_since_the_last_revision(self) -> None:
        """As ``clusterplan report --previous-plan``: an edit of the live plan is listed
        against the revision it was made live from; the platform had always said there
        was no previous revision to compare with."""
        from clusterweb.planning.models import Assumption
        from clusterweb.planning.revisions import previous_revision
        from clusterweb.planning.services import current_plan, update_assumption

        self.assertIsNone(previous_revision(current_plan()))  # as loaded: nothing before
        row = Assumption.objects.get(key="impact.additionality")
        update_assumption(row, self.editor, {"value": 0.35, "low": 0.3}, read=None)
        self.assertIsNotNone(previous_revision(current_plan()))
        book = self._annex()
        rows = [r for sheet in book for r in sheet.iter_rows(values_only=True)]
        changed = [r for r in rows if r and any("impact.additionality" in str(c) for c in r)]
        self.assertTrue(changed, "the edited assumption is not among the changes")
        self.assertIn(0.35, [c for r in changed for c in r])

    def test_a_report_the_core_refuses_fails_in_the_cores_words(self) -> None:
        """A year the plan no longer has by the time the worker runs (a new revision moved
        its horizon): the task fails with the core's reason, as clusterplan report gives
        it, in each language; it had said only that the report could not be made."""
        from clusterplan.report.annual import ReportError, report_years
        from clusterweb.planning.services import current_plan
        from clusterweb.tasks.services import start_task

        years = report_years(current_plan())
        first, last = years[0], years[-1]
        record = start_task(self.viewer, REPORT, year=last + 1, lang="nl")
        execute(record.pk)
        record.refresh_from_db()
        self.assertEqual(record.status, "failed")
        refused = ReportError(
            code="report.year", params={"year": last + 1, "first": first, "last": last}
        )
        self.assertEqual(record.reasons, {"nl": refused.text("nl"), "en": refused.text("en")})
        self.assertIn(f"valt buiten het plan ({first}-{last})", record.reasons["nl"])

    def test_the_files_are_named_in_the_reports_language(self) -> None:
        """An English report downloads as progress-report-YEAR.pdf, whatever the page's
        language; the names were Dutch for every report."""
        from clusterweb.tasks.models import TaskRecord as Record

        for lang, pdf, xlsx in (
            ("en", f"progress-report-{YEAR}.pdf", f"progress-report-{YEAR}-annex.xlsx"),
            ("nl", f"voortgangsrapportage-{YEAR}.pdf", f"voortgangsrapportage-{YEAR}-bijlage.xlsx"),
        ):
            with self.subTest(lang=lang):
                record = self._start(self.viewer, lang=lang)
                Record.objects.filter(pk=record.pk).update(
                    status="done", result={"pdf": "JVBERg==", "xlsx": "UEsDBA=="}
                )
                for fmt, name in (("pdf", pdf), ("xlsx", xlsx)):
                    url = reverse(
                        "monitoring:report_download", kwargs={"pk": record.pk, "fmt": fmt}
                    )
                    response = self.client.get(url)  # the page in Dutch
                    self.assertEqual(
                        response["Content-Disposition"], f'attachment; filename="{name}"'
                    )

    def test_an_unfinished_report_has_no_downloads(self) -> None:
        record = self._start(self.viewer, lang="en")
        page = self.client.get(reverse("monitoring:report_result", kwargs={"pk": record.pk}))
        self.assertNotContains(page, 'id="report-downloads"')
        url = reverse("monitoring:report_download", kwargs={"pk": record.pk, "fmt": "pdf"})
        self.assertEqual(self.client.get(url).status_code, 404)
