"""A plan without a part the growth engine's revenue needs (``revenue_growth``: no revenue
figures and a productivity rate to calibrate to them): every page still answers, and one
that needs the part says so in the core's words (which part, and where to add it), as
``clusterplan`` refuses such a command; none answers 500."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlsplit

import yaml
from django.core.management import call_command
from django.test import TestCase
from django.urls import resolve, reverse
from django.utils.html import escape

from clusterplan.plan import parts
from clusterplan.plan.load import BUNDLED_PLAN_DIR, load_plan
from clusterweb.accounts.constants import Role
from clusterweb.accounts.services import create_user
from clusterweb.testing import PASSWORD
from clusterweb.tests.test_other_plans import MAX_PAGES, crawl


def write_plan_without_revenue(target: Path) -> Path:
    """The bundled plan without revenue figures (its productivity is calibrated to them)."""
    import shutil

    shutil.copytree(BUNDLED_PLAN_DIR, target)
    path = target / "employment.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for row in data["scenarios"].values():
        row.pop("printed_revenue_growth_pct", None)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return target


class PlanWithoutRevenuePages(TestCase):
    plan_dir: ClassVar[Path]

    @classmethod
    def setUpTestData(cls) -> None:
        folder = Path(cls.enterClassContext(tempfile.TemporaryDirectory()))
        cls.plan_dir = write_plan_without_revenue(folder / "plan")
        assert not parts.has(load_plan(cls.plan_dir), "revenue_growth")
        call_command("load_plan", str(cls.plan_dir), "--replace", verbosity=0)
        cls.admin = create_user("alice", PASSWORD, Role.ADMIN)

    def test_no_page_fails_and_each_that_needs_the_part_says_so(self) -> None:
        self.client.raise_request_exception = False  # a failing page is a 500 to count
        self.client.force_login(self.admin)
        crawled = crawl(self.client)
        self.assertLess(len(crawled), MAX_PAGES)
        refusal = parts.MissingPart("revenue_growth", parts.REVENUE_WHERE).text("nl")
        refused = []
        for url, (status, _kind, body) in crawled.items():
            with self.subTest(url=url):
                self.assertNotEqual(status, 500, resolve(urlsplit(url).path).view_name)
                if escape(refusal[1:40]) in body:  # as a sentence: its first letter up
                    refused.append(url)
        # the pages of the growth engine say why, in the core's words (as a sentence)
        for name in ("dashboard:index", "scenarios:index", "backcast:index", "monitoring:index"):
            self.assertIn(reverse(name), refused)
        page = self.client.get(reverse("dashboard:index"))
        self.assertContains(page, "Niet beschikbaar voor dit plan")
        self.assertContains(page, escape(refusal[:1].upper() + refusal[1:]))

    def test_the_annual_report_task_fails_in_the_cores_words(self) -> None:
        """As ``clusterplan report`` refuses the plan; the task had failed with the generic
        'unexpected error' and offered a retry that could not help."""
        from clusterweb.monitoring.report_tasks import REPORT
        from clusterweb.tasks.services import execute, start_task

        record = start_task(self.admin, REPORT, year=2030, lang="nl")
        execute(record.pk)
        record.refresh_from_db()
        refused = parts.MissingPart("revenue_growth", parts.REVENUE_WHERE)
        self.assertEqual((record.status, record.retryable), ("failed", False))
        self.assertEqual(record.reasons["nl"], refused.text("nl"))
