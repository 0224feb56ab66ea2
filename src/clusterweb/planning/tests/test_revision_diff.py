"""The page that compares two kept revisions: every change the core's diff finds, both
revisions' central scenario results side by side; viewers and editors read it."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import translation
from tests.test_one_language import DIFF_WORDS, leaks

from clusterplan.plan.diff import PlanDiff, ScenarioSide, plan_diff, text
from clusterplan.plan.schema import Plan
from clusterweb.planning.models import PlanRevision
from clusterweb.planning.revision_diff import ABSENT, NOT_IN_REVISION, scenario_table
from clusterweb.planning.services import current_plan, record_revision
from clusterweb.presentation import exported
from clusterweb.testing import PersonaTestCase

ADDED_ID = "vergelijk-testproject"
ADDED_NAME = "Vergelijk testproject"
COST_STEP = 7.25


def _changed_revision(plan: Plan) -> tuple[PlanRevision, str, int, float, float]:
    """A revision of ``plan`` with one project's cost changed and one project added."""
    data: dict[str, Any] = plan.model_dump(mode="json")
    projects = data["finance"]["projects"]
    changed = projects[0]
    year = next(y for y, v in changed["costs_meur"].items() if v)
    old = float(changed["costs_meur"][year])
    changed["costs_meur"][year] = old + COST_STEP
    added = dict(projects[-1], id=ADDED_ID, name_nl=ADDED_NAME, name_en=ADDED_NAME)
    projects.append(added)
    revision = record_revision(Plan.model_validate(data))
    return revision, changed["id"], int(year), old, old + COST_STEP


def _dutch(amount: float) -> str:
    """An amount in M EUR as the page writes it: Dutch notation, the decimals it has."""
    text = f"{amount:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


class RevisionDiffPageTests(PersonaTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.plan = current_plan()
        self.old = PlanRevision.objects.get(plan_id=self.plan.meta.id)
        self.new, self.changed, self.year, self.cost_old, self.cost_new = _changed_revision(
            self.plan
        )

    def url(self, **params: int) -> str:
        query = "&".join(f"{k}={v}" for k, v in params.items())
        return reverse("planning:revision_diff") + (f"?{query}" if query else "")

    def test_the_page_lists_the_changed_cost_and_the_added_project(self) -> None:
        self.login(self.viewer)
        response = self.client.get(self.url(old=self.old.pk, new=self.new.pk))
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        # the added project, by its name, marked added
        projects = next(
            t for t in response.context["change_tables"] if t["slug"] == "diff-projects"
        )
        self.assertEqual(_written(projects), [[ADDED_NAME, "toegevoegd", "—", ADDED_NAME]])
        self.assertIn(ADDED_NAME, html)
        # the changed cost: the project's name and the year, both amounts in Dutch notation
        costs = next(t for t in response.context["change_tables"] if t["slug"] == "diff-costs")
        where = f"{self.plan.project(self.changed).name_nl}, {self.year}"
        row = next(r for r in _written(costs) if r[0] == where)
        self.assertEqual(row[1:], ["gewijzigd", _dutch(self.cost_old), _dutch(self.cost_new)])
        self.assertIn(_dutch(self.cost_new), html)
        # in the command line's words and digits (``plan diff``): one way to write a change
        self.assertEqual(row[2:], [text(self.cost_old, "nl"), text(self.cost_new, "nl")])
        # every change the core finds is a row on the page
        diff = response.context["diff"]
        rows = sum(len(t["rows"]) for t in response.context["change_tables"])
        self.assertEqual(rows, len(diff.changes))
        self.assertEqual({c.where for c in diff.part("projects") if c.kind == "added"}, {ADDED_ID})

    def test_both_revisions_scenario_results_side_by_side(self) -> None:
        self.login(self.editor)
        response = self.client.get(self.url(old=self.old.pk, new=self.new.pk))
        self.assertEqual(response.status_code, 200)
        expected = plan_diff(Plan.model_validate(self.old.data), Plan.model_validate(self.new.data))
        chart = response.context["scenario_chart"]
        rows = chart["table"]["rows"]
        self.assertEqual(len(rows), len(self.plan.employment.scenarios))
        for row, side in zip(rows, expected.scenarios, strict=True):
            self.assertEqual(exported(row[2]), round(side.jobs_old))
            self.assertEqual(exported(row[4]), round(side.jobs_new))
        series = chart["spec"]["series"]
        self.assertEqual(
            [s["data"] for s in series][0], [round(s.jobs_old) for s in expected.scenarios]
        )
        self.assertContains(response, "revision-diff-scenarios")

    def test_without_a_choice_it_compares_the_newest_with_the_one_before(self) -> None:
        self.login(self.viewer)
        response = self.client.get(self.url())
        self.assertEqual(response.status_code, 200)
        self.assertIn(ADDED_NAME, response.content.decode())
        self.assertEqual(response.context["diff"].part("projects")[0].where, ADDED_ID)

    def test_the_same_revision_twice_has_no_changes(self) -> None:
        self.login(self.viewer)
        response = self.client.get(self.url(old=self.old.pk, new=self.old.pk))
        self.assertEqual(response.status_code, 200)
        # the command line's sentence (clusterplan diff), not the page's own
        self.assertContains(response, "De twee revisies bevatten hetzelfde plan: geen wijzigingen.")
        self.assertEqual(response.context["change_tables"], [])

    def test_an_unknown_revision_is_a_form_error_not_a_crash(self) -> None:
        self.login(self.viewer)
        response = self.client.get(self.url(old=self.old.pk, new=999999))
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("diff", response.context)
        self.assertContains(response, "utrecht-form-field--invalid")

    def test_outsiders_and_partners_may_not_and_anonymous_users_log_in(self) -> None:
        view = [("planning:revision_diff", {})]
        self.assert_sent_to_login(view)
        self.assert_get_status((self.outsider, self.partner), view, 403)

    def test_in_english_names_and_words_are_english(self) -> None:
        self.login(self.viewer)
        self.client.post(reverse("set_language"), {"language": "en", "next": "/"})
        response = self.client.get(self.url(old=self.old.pk, new=self.new.pk))
        costs = next(t for t in response.context["change_tables"] if t["slug"] == "diff-costs")
        where = f"{self.plan.project(self.changed).name_en}, {self.year}"
        row = next(r for r in _written(costs) if r[0] == where)
        self.assertEqual(row[1], "changed")
        self.assertContains(response, "Compare two revisions")

    def test_the_findings_read_in_the_page_language(self) -> None:
        self.login(self.viewer)
        for lang, kinds in (("nl", {"toegevoegd", "verwijderd"}), ("en", {"added", "removed"})):
            self.client.post(reverse("set_language"), {"language": lang, "next": "/"})
            response = self.client.get(self.url(old=self.old.pk, new=self.new.pk))
            changes = response.context["diff"].part("findings")
            self.assertTrue(changes)  # the changed cost no longer adds up to its total
            found = next(
                t for t in response.context["change_tables"] if t["slug"] == "diff-findings"
            )
            for row, change in zip(_written(found), changes, strict=True):
                text = change.new if change.kind == "added" else change.old
                self.assertEqual(row[0], change.label.text(lang))
                self.assertIn(row[1], kinds)
                self.assertIn(text.text(lang), row[2:])
                if lang == "nl":
                    self.assertNotIn(str(text), row[2:])  # the core's English text


def _written(tab: dict[str, Any]) -> list[list[str]]:
    """A page table's rows as the page writes them (its cells in the table's language)."""
    return [[cell.shown(tab["model"].lang) for cell in row] for row in tab["rows"]]


def _page_text(html: str) -> str:
    """The words a reader sees in a page's main part: its text without tags, scripts and
    styles (the menu and the footer are the site's, not this page's)."""
    main = html[html.index("<main") : html.index("</main>")]
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", main, flags=re.S | re.I)
    return unescape(re.sub(r"<[^>]+>", "\n", body))


def _richly_changed_revision(plan: Plan) -> PlanRevision:
    """A revision of ``plan`` with a cost, a funding figure, an assumption's value and a growth
    dimension's jobs changed and a project removed; the cost and the jobs change without
    their printed totals, so the check's findings change too."""
    data: dict[str, Any] = plan.model_dump(mode="json")
    projects = data["finance"]["projects"]
    first = projects[0]
    year = next(y for y, v in first["costs_meur"].items() if v)
    first["costs_meur"][year] += COST_STEP
    coverage = first["coverage_meur"]
    given = next(s for s, v in coverage.items() if v and v >= 3)
    taken = next(s for s in plan.finance.source_ids if s != given)
    coverage[given] -= 3
    coverage[taken] = (coverage.get(taken) or 0) + 3
    data["finance"]["projects"] = projects[:-1]
    pillar = plan.pillar_ids[0]
    for row in data["employment"]["scenarios"].values():
        row["jobs"][pillar] += 100
    assumption = next(
        a
        for a in data["assumptions"]
        if isinstance(a.get("value"), int | float)
        and not isinstance(a["value"], bool)
        and isinstance(a.get("low"), int | float)
        and isinstance(a.get("high"), int | float)
        and a["low"] < a["high"]
    )
    assumption["value"] = (
        assumption["low"] if assumption["value"] != assumption["low"] else assumption["high"]
    )
    return record_revision(Plan.model_validate(data))


class OneLanguageTests(PersonaTestCase):
    """The comparison page speaks the page's language only: headings, places, values,
    findings and the growth dimensions' names (the plan's own texts aside)."""

    def test_a_changed_revision_reads_in_one_language(self) -> None:
        plan = current_plan()
        old = PlanRevision.objects.get(plan_id=plan.meta.id)
        new = _richly_changed_revision(plan)
        self.login(self.viewer)
        url = reverse("planning:revision_diff") + f"?old={old.pk}&new={new.pk}"
        for lang in ("nl", "en"):
            self.client.post(reverse("set_language"), {"language": lang, "next": "/"})
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200)
            slugs = {t["slug"] for t in response.context["change_tables"]}
            parts = ("figures", "projects", "costs", "coverage", "assumptions", "findings")
            self.assertLessEqual({f"diff-{p}" for p in parts}, slugs)  # every edit was seen
            self.assertEqual(
                leaks(_page_text(response.content.decode()), lang, words=DIFF_WORDS), []
            )


class ScenarioSideTests(SimpleTestCase):
    """A dimension one revision lacks, and a revision the engine refuses, read as such."""

    def test_missing_dimensions_and_refused_runs_are_named_not_zero(self) -> None:
        sides = (
            ScenarioSide("a", "A", 2030, 2031, 100.0, 120.0, gap_old=-5.0, gap_new=None),
            ScenarioSide("b", "B", None, 2031, None, 80.0, note_old=NOT_IN_REVISION),
            ScenarioSide("c", "C", 2030, 2031, None, None, note_old="x", note_new="y"),
        )
        diff = PlanDiff("p", "p", "P", "P", (), sides)
        with translation.override("nl"):
            tab = scenario_table(diff)
        self.assertEqual(
            [[exported(c) for c in row] for row in tab["rows"]],
            [
                ["A", "2030", 100, "2031", 120, 20, -5, ABSENT],
                ["B", ABSENT, "niet in deze versie", "2031", 80, ABSENT, ABSENT, ABSENT],
                ["C", "2030", "geen resultaat", "2031", "geen resultaat", ABSENT, ABSENT, ABSENT],
            ],
        )
        # why a revision has no result is said once, under the table
        self.assertEqual(
            tab["notes"][1:],
            [
                "De oude versie heeft geen scenarioresultaat: x",
                "De nieuwe versie heeft geen scenarioresultaat: y",
            ],
        )
