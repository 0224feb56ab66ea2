"""The start-up pages against every persona; confidential figures; the disclosure rule;
the import (all or nothing, errors in Dutch); the edit form; the back-casting page."""

from __future__ import annotations

import io
from datetime import date
from unittest import mock

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from django.utils.text import capfirst
from openpyxl import Workbook

from clusterplan import disclosure
from clusterplan.ecosystem.startups import JOBS_COUNT
from clusterplan.io import cell_values
from clusterplan.labels import names
from clusterplan.report.startups import counting_note
from clusterplan.report.tables import assumption_label
from clusterweb.history.access import visible_changes
from clusterweb.history.models import Change
from clusterweb.history.services import revert
from clusterweb.planning.services import current_plan
from clusterweb.presentation import exported
from clusterweb.startups import services
from clusterweb.startups.models import FundingRound, JobsYear, Milestone, StartUp
from clusterweb.startups.tests.helpers import make_startup
from clusterweb.testing import PersonaTestCase

# Marker figures: a single start-up's jobs and funding (never shown to a viewer).
OWN_JOBS = 7919
OWN_AMOUNT = 3.77
OWN_INVESTORS = "MARKER-INVESTOR"


def _own() -> StartUp:
    """A start-up of the partner persona's organisation, with marker figures."""
    row = make_startup("orbit-photonics", organisation="nxp")
    JobsYear.objects.create(startup=row, year=2024, jobs=OWN_JOBS)
    FundingRound.objects.create(
        startup=row,
        on=date(2024, 5, 1),
        amount_meur=OWN_AMOUNT,
        kind="equity",
        investors=OWN_INVESTORS,
    )
    Milestone.objects.create(startup=row, on=date(2024, 6, 1), title="Eerste klant", done=True)
    return row


READ = [
    ("startups:portfolio", {}),
    ("startups:download", {"slug": "jobs-per-year", "fmt": "csv"}),
    ("startups:download", {"slug": "funding-per-year", "fmt": "xlsx"}),
    ("startups:list", {}),
    ("startups:detail", {"key": "orbit-photonics"}),
]
WRITE = [
    ("startups:add", {}),
    ("startups:edit", {"key": "orbit-photonics"}),
    ("startups:import", {}),
]
POST_ONLY = [
    ("startups:add_round", {"key": "orbit-photonics"}),
    ("startups:set_jobs", {"key": "orbit-photonics"}),
    ("startups:add_milestone", {"key": "orbit-photonics"}),
]


class AccessTests(PersonaTestCase):
    def setUp(self) -> None:
        _own()

    def test_anonymous_is_sent_to_login(self) -> None:
        self.assert_sent_to_login(READ + WRITE + POST_ONLY)

    def test_outsider_gets_403(self) -> None:
        self.assert_get_status((self.outsider,), READ + WRITE + POST_ONLY, 403)

    def test_viewer_reads_but_cannot_write(self) -> None:
        self.assert_get_status((self.viewer,), READ, 200)
        for name, kwargs in WRITE + POST_ONLY:
            with self.subTest(name=name):
                self.assertEqual(self.client.post(reverse(name, kwargs=kwargs)).status_code, 403)

    def test_editor_and_admin_open_every_page(self) -> None:
        self.assert_get_status((self.editor, self.admin), READ + WRITE, 200)

    def test_partner_sees_only_its_own_start_ups_and_no_aggregates(self) -> None:
        other = make_startup("someone-else", organisation="besi")
        self.login(self.partner)
        listing = self.client.get(reverse("startups:list"))
        self.assertContains(listing, "Orbit Photonics")
        self.assertNotContains(listing, other.name)
        own = self.client.get(reverse("startups:detail", kwargs={"key": "orbit-photonics"}))
        self.assertEqual(own.status_code, 200)
        self.assertEqual(
            self.client.get(reverse("startups:detail", kwargs={"key": other.key})).status_code,
            403,
        )
        self.assert_get_status((self.partner,), READ[:3] + WRITE, 403)


class ConfidentialFiguresTests(PersonaTestCase):
    def setUp(self) -> None:
        _own()

    def _detail(self) -> str:
        url = reverse("startups:detail", kwargs={"key": "orbit-photonics"})
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_a_single_start_ups_jobs_and_funding_by_role(self) -> None:
        markers = ("7.919", OWN_INVESTORS, "3,77")
        for user, sees in ((self.editor, True), (self.admin, True), (self.partner, True)):
            self.login(user)
            page = self._detail()
            for marker in markers:
                with self.subTest(user=user.username, marker=marker):
                    self.assertEqual(marker in page, sees)
        self.login(self.viewer)
        page = self._detail()
        self.assertIn("Eerste klant", page)  # the profile and milestones are not confidential
        self.assertIn("<dd>2020</dd>", page)  # the founding year, without a separator
        for marker in markers:
            with self.subTest(user="vera", marker=marker):
                self.assertNotIn(marker, page)

    def test_the_viewer_never_sees_the_single_start_up_on_any_page_or_download(self) -> None:
        self.login(self.viewer)
        for name, kwargs in READ:
            body = self.client.get(reverse(name, kwargs=kwargs)).content
            for marker in (b"7919", b"7.919", b"7,919", OWN_INVESTORS.encode(), b"3,77", b"3.77"):
                with self.subTest(name=name, marker=marker):
                    self.assertNotIn(marker, body)

    def test_history_hides_the_figures_from_viewers_and_shows_them_to_editors(self) -> None:
        row = StartUp.objects.get(key="orbit-photonics")
        services.set_jobs(self.editor, row, 2025, 6373)
        services.set_jobs(self.editor, row, 2025, 6379)
        self.assertEqual(Change.objects.filter(field="jobs").count(), 1)
        self.login(self.viewer)
        page = self.client.get(reverse("history:index")).content.decode()
        self.assertNotIn("6.379", page)
        self.assertNotIn("6379", page)
        self.assertIn("vertrouwelijk", page)
        # The history page is for readers; the filter itself lets a partner see its own.
        own = visible_changes(self.partner, Change.objects.filter(field="jobs"))
        self.assertEqual([(c.hidden, c.new_value) for c in own], [(False, 6379)])
        other = make_startup("other-start-up", organisation="besi")
        services.set_jobs(self.editor, other, 2025, 5)
        services.set_jobs(self.editor, other, 2025, 6)
        theirs = visible_changes(self.partner, Change.objects.filter(object_repr__contains="Other"))
        self.assertTrue(theirs and all(c.hidden for c in theirs if c.field == "jobs"))
        self.login(self.editor)
        self.assertIn("6.379", self.client.get(reverse("history:index")).content.decode())


MARK = disclosure.mark("nl")
"""The core's mark of a withheld figure: the start-up pages write no mark of their own."""


def _note() -> str:
    """The core's note on :data:`MARK` for start-ups, with the plan's minimum."""
    minimum = services.settings_of(current_plan()).disclosure_min
    return disclosure.note(minimum, "startups", "nl")


def _counting() -> str:
    """The core's note on how the portfolio's jobs count, by the plan's assumption: its
    label linked to its row on the assumptions page (the note's words hold nothing to
    escape)."""
    plan = current_plan()
    count = services.settings_of(plan).jobs_count
    label = escape(assumption_label(plan, JOBS_COUNT, "nl"))
    href = f"{reverse('planning:assumptions')}#assumption-{JOBS_COUNT}"
    link = f'<a class="utrecht-link" href="{href}">{label}</a>'
    return counting_note(count, plan.employment.base_year, "nl", link)


class DisclosureTests(PersonaTestCase):
    """Aggregates from fewer than three start-ups are hidden from viewers, not from editors."""

    def setUp(self) -> None:
        for key, jobs in (("alpha", 11), ("beta", 13)):
            row = make_startup(key, founded=2021)
            JobsYear.objects.create(startup=row, year=2022, jobs=jobs)

    def _jobs_rows(self) -> dict[str, list[object]]:
        tab = self.client.get(reverse("startups:portfolio")).context["jobs_chart"]["table"]
        return {r[0].text: r[1:] for r in tab["rows"]}

    def test_two_start_ups_total_is_hidden_from_viewers_and_shown_to_editors(self) -> None:
        year = str(2022)
        self.login(self.viewer)
        response = self.client.get(reverse("startups:portfolio"))
        tab = response.context["jobs_chart"]["table"]
        col = tab["columns"].index(year) - 1
        rows = {r[0].text: r[1:] for r in tab["rows"]}
        self.assertEqual(rows["Totaal"][col].text, MARK)
        # The page says what the mark means, in the core's words.
        self.assertContains(response, escape(_note()))
        csv = self.client.get(
            reverse("startups:download", kwargs={"slug": "jobs-per-year", "fmt": "csv"})
        ).content.decode()
        total_line = next(line for line in csv.splitlines() if line.startswith("Totaal"))
        self.assertEqual(total_line.split(",")[col + 1], MARK)
        self.assertNotIn("24", total_line.split(","))
        self.assertNotIn("11", csv)  # nor a single start-up's own figure
        self.login(self.editor)
        tab = self.client.get(reverse("startups:portfolio")).context["jobs_chart"]["table"]
        rows = {r[0].text: r[1:] for r in tab["rows"]}
        self.assertEqual(exported(rows["Totaal"][col]), 24)

    def test_a_third_start_up_makes_the_total_visible_to_viewers(self) -> None:
        row = make_startup("gamma", founded=2021)
        JobsYear.objects.create(startup=row, year=2022, jobs=17)
        self.login(self.viewer)
        tab = self.client.get(reverse("startups:portfolio")).context["jobs_chart"]["table"]
        col = tab["columns"].index("2022") - 1
        rows = {r[0].text: r[1:] for r in tab["rows"]}
        self.assertEqual(exported(rows["Totaal"][col]), 41)

    def test_the_chart_keeps_a_shown_total_whose_parts_are_withheld(self) -> None:
        """Three start-ups, two in one pillar: the pillars are withheld, the total is not;
        the stacked chart draws it as one part named by the core (it was an empty chart
        that said every value is zero or unknown)."""
        row = make_startup("gamma", founded=2021, pillar="production")
        JobsYear.objects.create(startup=row, year=2022, jobs=17)
        self.login(self.viewer)
        chart = self.client.get(reverse("startups:portfolio")).context["jobs_chart"]
        t = chart["table"]["columns"].index("2022") - 1
        series = {s["name"]: s["data"] for s in chart["spec"]["series"]}
        rest = disclosure.unsplit_label("nl")
        self.assertEqual(rest, "niet uitgesplitst (x)")
        self.assertEqual(series[rest][t], 41)
        self.assertTrue(all(data[t] is None for name, data in series.items() if name != rest))
        self.login(self.editor)
        chart = self.client.get(reverse("startups:portfolio")).context["jobs_chart"]
        self.assertNotIn(rest, {s["name"] for s in chart["spec"]["series"]})

    def test_the_chart_marks_a_year_whose_total_is_withheld(self) -> None:
        """Three start-ups in one year, two after the third closed: the later years' totals
        are withheld with their parts, so they have no bar; the chart writes the core's mark
        at each of them and its note under the drawing, as the table writes the mark."""
        row = make_startup("gamma", founded=2021, status="closed", status_year=2023)
        JobsYear.objects.create(startup=row, year=2022, jobs=17)
        self.login(self.viewer)
        response = self.client.get(reverse("startups:portfolio"))
        chart = response.context["jobs_chart"]
        years = chart["table"]["columns"][1:]
        totals = next(r[1:] for r in chart["table"]["rows"] if r[0].text == "Totaal")
        withheld = [y for y, total in zip(years, totals, strict=True) if total.text == MARK]
        self.assertEqual(exported(totals[years.index("2022")]), 41)
        self.assertIn("2023", withheld)
        (marker,) = [s for s in chart["spec"]["series"] if s.get("id") == "withheld"]
        marked = [y for y, point in zip(years, marker["data"], strict=True) if point]
        self.assertEqual(marked, withheld)
        self.assertEqual({p["name"] for p in marker["data"] if p}, {MARK})
        bars = [s["name"] for s in chart["spec"]["series"] if s["type"] == "bar"]
        self.assertEqual(chart["spec"]["legend"]["data"], bars)  # the mark has no entry
        self.assertEqual(chart["notes"], [_note()])
        figure = response.content.decode().split('id="startup-jobs-chart"')[1]
        self.assertIn(escape(_note()), figure.split("<table")[0])  # under the drawing
        self.login(self.editor)
        chart = self.client.get(reverse("startups:portfolio")).context["jobs_chart"]
        self.assertNotIn("withheld", {s.get("id") for s in chart["spec"]["series"]})
        self.assertEqual(chart["notes"], [])

    def test_a_chart_of_withheld_figures_says_so_with_the_mark(self) -> None:
        """Two start-ups: every jobs figure a viewer may see is zero or withheld; the empty
        chart says that some are withheld, in the table's mark (a core cell)."""
        self.login(self.viewer)
        response = self.client.get(reverse("startups:portfolio"))
        figure = response.content.decode().split('id="startup-jobs-chart"')[1]
        self.assertIn(f"geheim ({MARK})", figure.split("<table")[0])

    def test_survival_of_a_small_cohort_is_hidden_from_viewers(self) -> None:
        self.login(self.viewer)
        tab = self.client.get(reverse("startups:portfolio")).context["survival_table"]
        self.assertEqual([c.text for c in tab["rows"][0][1:]], [MARK] * (len(tab["columns"]) - 1))
        self.login(self.editor)
        tab = self.client.get(reverse("startups:portfolio")).context["survival_table"]
        self.assertEqual([exported(c) for c in tab["rows"][0][:3]], ["2021", 2, 100])


class EditTests(PersonaTestCase):
    def setUp(self) -> None:
        _own()

    def test_editor_adds_a_start_up_and_changes_it(self) -> None:
        self.login(self.editor)
        response = self.client.post(
            reverse("startups:add"),
            {
                "name": "Nieuwe Chip",
                "stage": "idea",
                "programme": "acceleration",
                "founded": 2025,
                "status": "active",
                "pillar": "design",
            },
        )
        self.assertEqual(response.status_code, 302)
        row = StartUp.objects.get(name="Nieuwe Chip")
        url = reverse("startups:edit", kwargs={"key": row.key})
        form = self.edit_form(url, status="closed", status_year="2026")
        self.assertEqual(self.client.post(url, form).status_code, 302)
        row.refresh_from_db()
        self.assertEqual((row.status, row.status_year), ("closed", 2026))

    def test_a_closed_start_up_without_its_year_is_refused_in_dutch(self) -> None:
        self.login(self.editor)
        url = reverse("startups:edit", kwargs={"key": "orbit-photonics"})
        response = self.client.post(url, self.edit_form(url, status="closed"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "jaar")
        self.assertEqual(StartUp.objects.get(key="orbit-photonics").status, "active")

    def test_editor_adds_rows_on_the_start_up_page(self) -> None:
        self.login(self.editor)
        key = {"key": "orbit-photonics"}
        self.client.post(reverse("startups:set_jobs", kwargs=key), {"year": 2025, "jobs": 12})
        self.client.post(
            reverse("startups:add_round", kwargs=key),
            {"on": "2025-02-01", "amount_meur": "0,5", "kind": "grant"},  # a Dutch page
        )
        self.client.post(
            reverse("startups:add_milestone", kwargs=key), {"on": "2025-03-01", "title": "Pilot"}
        )
        row = StartUp.objects.get(key="orbit-photonics")
        self.assertEqual(row.jobs.get(year=2025).jobs, 12)
        self.assertEqual(row.rounds.count(), 2)
        self.assertEqual(row.rounds.get(on="2025-02-01").amount_meur, 0.5)
        self.assertTrue(row.milestones.filter(title="Pilot").exists())
        response = self.client.post(
            reverse("startups:set_jobs", kwargs=key), {"year": 2025, "jobs": -1}, follow=True
        )
        self.assertEqual(row.jobs.get(year=2025).jobs, 12)
        self.assertContains(response, "Banen")

    def test_nothing_is_dated_before_the_founding_year_as_its_import_refuses(self) -> None:
        self.login(self.editor)
        key = {"key": "orbit-photonics"}  # founded 2020
        jobs = self.client.post(
            reverse("startups:set_jobs", kwargs=key), {"year": 2019, "jobs": 4}, follow=True
        )
        self.assertContains(jobs, "2019 ligt vóór het oprichtingsjaar 2020")
        early = self.client.post(
            reverse("startups:add_round", kwargs=key),
            {"on": "2019-12-31", "amount_meur": "1", "kind": "grant"},
            follow=True,
        )
        self.assertContains(early, "2019 ligt vóór het oprichtingsjaar 2020")
        row = StartUp.objects.get(key="orbit-photonics")
        self.assertFalse(row.jobs.filter(year=2019).exists())
        self.assertFalse(row.rounds.filter(on="2019-12-31").exists())
        # nor may the founding year move past the figures already stored (jobs of 2024)
        url = reverse("startups:edit", kwargs=key)
        moved = self.client.post(url, self.edit_form(url, founded="2025"))
        self.assertEqual(moved.status_code, 200)
        self.assertContains(moved, "2024 ligt vóór het oprichtingsjaar 2025")
        row.refresh_from_db()
        self.assertEqual(row.founded, 2020)
        self.assertFalse(Change.objects.exists())


class RevertTests(PersonaTestCase):
    def test_a_revert_that_would_leave_a_closed_start_up_without_its_year_is_refused(
        self,
    ) -> None:
        row = make_startup("quanta-lab")
        services.update_startup(
            row, self.editor, {"status": "closed", "status_year": 2024}, read=None
        )
        year_change = Change.objects.get(field="status_year")
        with self.assertRaises(ValidationError) as refused:
            revert(year_change, self.editor)
        self.assertIn(
            "Quanta Lab: een start-up met status Gestopt heeft het jaar", str(refused.exception)
        )
        row.refresh_from_db()
        self.assertEqual((row.status, row.status_year), ("closed", 2024))
        revert(Change.objects.get(field="status"), self.editor)
        revert(year_change, self.editor)
        row.refresh_from_db()
        self.assertEqual((row.status, row.status_year), ("active", None))


def _upload(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode())


class ImportTests(PersonaTestCase):
    def setUp(self) -> None:
        _own()
        self.login(self.editor)

    def _preview(self, kind: str, upload: SimpleUploadedFile) -> object:
        return self.client.post(reverse("startups:import"), {"kind": kind, "file": upload})

    def test_the_page_names_the_columns_the_core_declares(self) -> None:
        """Each kind's header and what a new start-up needs, from the core's declaration
        (startup_import.COLUMNS, NEEDED_FOR_NEW); the page wrote them by hand, and said
        only that a name is required."""
        from clusterplan.ecosystem.startup_import import COLUMNS, NEEDED_FOR_NEW
        from clusterplan.io.sheets import header_text

        page = self.client.get(reverse("startups:import")).content.decode()
        for kind, (required, optional) in COLUMNS.items():
            with self.subTest(kind=kind):
                self.assertIn(header_text((*required, *optional), required), page)
        self.assertIn("name[,id][,organisation]", page)
        self.assertIn(f"Een nieuwe start-up heeft ook {', '.join(NEEDED_FOR_NEW)} nodig", page)

    def test_a_valid_file_is_previewed_then_committed(self) -> None:
        text = (
            "name,stage,programme,founded,status,status_year,pillar\n"
            "Quanta Lab,seed,incubation,2022,active,,design\n"
            "Orbit Photonics,series_a_plus,,,,,\n"
        )
        response = self._preview("startups", _upload("s.csv", text))
        self.assertEqual(response.context["preview"].count("create"), 1)
        self.assertEqual(response.context["preview"].count("update"), 1)
        self.assertFalse(StartUp.objects.filter(name="Quanta Lab").exists())
        self.client.post(reverse("startups:import"), {"action": "commit"})
        self.assertTrue(StartUp.objects.filter(name="Quanta Lab").exists())
        updated = StartUp.objects.get(key="orbit-photonics")
        self.assertEqual(updated.stage, "series_a_plus")
        self.assertEqual((updated.pillar, updated.organisation), ("design", "nxp"))  # blank: kept

    def test_a_start_up_stored_after_the_preview_stops_the_commit_until_confirmed(
        self,
    ) -> None:
        """The preview said 'create Quanta Lab'; another editor stored Quanta Lab (series
        A) first; the confirmation then overwrote that start-up with this file's values."""
        text = "name,stage,programme,founded\nQuanta Lab,seed,incubation,2022\n"
        self._preview("startups", _upload("s.csv", text))
        make_startup("quanta-lab", founded=2021, stage="series_a_plus")
        response = self.client.post(reverse("startups:import"), {"action": "commit"})
        self.assertContains(response, "Er is niets geïmporteerd: wat is opgeslagen is veranderd")
        self.assertEqual(response.context["preview"].count("update"), 1)
        row = StartUp.objects.get(key="quanta-lab")
        self.assertEqual((row.stage, row.founded), ("series_a_plus", 2021))
        self.client.post(reverse("startups:import"), {"action": "commit"})
        row.refresh_from_db()
        self.assertEqual((row.stage, row.founded), ("seed", 2022))

    def test_the_preview_writes_a_changed_year_without_a_thousands_separator(self) -> None:
        text = "name,stage,programme,founded\nOrbit Photonics,seed,incubation,2021\n"
        response = self._preview("startups", _upload("s.csv", text))
        self.assertEqual(response.context["preview"].count("update"), 1)
        self.assertContains(response, "founded: 2020 → 2021")
        self.assertNotContains(response, "2.021")

    def test_the_preview_writes_choices_by_their_words_and_yes_no_in_the_pages_language(
        self,
    ) -> None:
        """On a Dutch page, a changed stage, programme and status read as on the start-up's
        page (the core's words for them) and a milestone's done as 'ja'/'nee', as an import
        file may hold them; the preview had written the ids (``seed → series_a_plus``) and
        Python's ``True → False``."""
        text = (
            "name,stage,programme,status,status_year\n"
            "Orbit Photonics,series_a_plus,acceleration,acquired,2024\n"
        )
        response = self._preview("startups", _upload("s.csv", text))
        for change in (
            "stage: Seed → Serie A of later",
            "programme: Incubatie → Versnelling",
            "status: Actief → Overgenomen",
            "status_year: ? → 2024",
        ):
            self.assertContains(response, change)
        self.assertNotContains(response, "series_a_plus")
        page = self.client.get(reverse("startups:detail", args=["orbit-photonics"]))
        self.assertContains(page, "Incubatie")  # the word the start-up's page uses
        text = "startup,date,title,done\norbit-photonics,2024-06-01,Eerste klant,no\n"
        response = self._preview("milestones", _upload("m.csv", text))
        self.assertContains(response, "done: ja → nee")
        self.assertNotContains(response, "False")

    def test_a_bad_id_and_a_rule_only_the_database_knows_write_nothing(self) -> None:
        text = "id,name,stage,programme,founded\nQuanta Lab!,Quanta Lab,seed,incubation,2022\n"
        response = self._preview("startups", _upload("s.csv", text))
        self.assertEqual(
            [str(p) for p in response.context["preview"].problems],
            [
                "s.csv, rij 2, kolom 'id': een id bestaat uit kleine letters, cijfers, '-' en '_' "
                "(gegeven: 'Quanta Lab!')"
            ],
        )

        # a rule the core does not know (here one the test gives the model) stops the commit
        def clean(milestone: Milestone) -> None:
            if milestone.title == "Geweigerd":
                raise ValidationError("refused by the database")

        text = "startup,date,title\norbit-photonics,2025-01-01,Pilot\norbit-photonics,2025-02-01,Geweigerd\n"
        response = self._preview("milestones", _upload("m.csv", text))
        self.assertTrue(response.context["preview"].valid)
        with mock.patch.object(Milestone, "clean", clean):
            response = self.client.post(reverse("startups:import"), {"action": "commit"})
        self.assertEqual(response.status_code, 200)
        problems = [str(p) for p in response.context["preview"].problems]
        self.assertEqual(len(problems), 1)
        self.assertTrue(problems[0].startswith("m.csv, rij 3: "), problems)
        self.assertFalse(Milestone.objects.filter(title="Pilot").exists())

    def test_a_title_longer_than_is_stored_is_refused_in_the_preview_at_its_cell(self) -> None:
        """A milestone's title longer than the database keeps is refused by the preview,
        at its row and column, in the words of a start-up's too long name; the preview
        had said the file was valid and the commit then refused it without a column."""
        limit = Milestone._meta.get_field("title").max_length
        text = (
            "startup,date,title\n"
            "orbit-photonics,2025-01-01,Pilot\n"
            f"orbit-photonics,2025-02-01,{'x' * 250}\n"
        )
        response = self._preview("milestones", _upload("m.csv", text))
        self.assertEqual(
            [str(p) for p in response.context["preview"].problems],
            [f"m.csv, rij 3, kolom 'title': 250 tekens lang; hoogstens {limit} zijn toegestaan"],
        )
        self.client.post(reverse("startups:import"), {"action": "commit"})
        self.assertFalse(Milestone.objects.filter(title="Pilot").exists())
        self.assertEqual(Milestone.objects.count(), 1)  # the start-up's own, as before

    def test_an_id_longer_than_is_stored_is_refused_in_the_preview_at_its_cell(self) -> None:
        """A new start-up's id longer than the database keeps is refused by the preview at
        its row and column (the commit had refused it after a valid preview)."""
        limit = StartUp._meta.get_field("key").max_length
        text = f"id,name,stage,programme,founded\n{'a' * 120},Lange BV,seed,incubation,2024\n"
        response = self._preview("startups", _upload("s.csv", text))
        self.assertEqual(
            [str(p) for p in response.context["preview"].problems],
            [f"s.csv, rij 2, kolom 'id': 120 tekens lang; hoogstens {limit} zijn toegestaan"],
        )
        self.assertFalse(StartUp.objects.filter(name="Lange BV").exists())

    def test_one_bad_row_writes_nothing_and_names_file_row_column_and_reason_in_dutch(
        self,
    ) -> None:
        text = "startup,year,jobs\norbit-photonics,2025,30\nonbekend,2025,4\norbit-photonics,x,3\n"
        response = self._preview("jobs", _upload("banen.csv", text))
        problems = [str(p) for p in response.context["preview"].problems]
        self.assertIn(
            "banen.csv, rij 3, kolom 'startup': geen start-up met id of naam 'onbekend'", problems
        )
        self.assertIn(
            "banen.csv, rij 4, kolom 'year': moet een geheel getal zijn (gegeven: 'x')", problems
        )
        self.assertContains(response, "rij 3")
        self.assertNotContains(response, "Traceback")
        self.client.post(reverse("startups:import"), {"action": "commit"})
        self.assertFalse(JobsYear.objects.filter(year=2025).exists())

    def test_cells_are_read_by_the_rule_of_every_import(self) -> None:
        """The start-up import takes a number, whole number, date or yes/no cell exactly
        when the core's rule does (:mod:`clusterplan.io.cell_values`)."""
        cases = [
            (
                "funding",
                "startup,date,amount_meur,kind",
                "orbit-photonics,2025-06-01,{},grant",
                cell_values.number,
                ["0,75", "1 234", "1e3", "1_000", "1,234.5", "nan", "inf", "x"],
            ),
            (
                "jobs",
                "startup,year,jobs",
                "orbit-photonics,2025,{}",
                cell_values.whole,
                ["30", "30.0", "30,0", "30.5", "3_0", "nan", "x"],
            ),
            (
                "milestones",
                "startup,date,title",
                "orbit-photonics,{},Pilot",
                cell_values.day,
                ["2025-06-01", "2025-06-01 10:00:00", "2025-06-01junk", "01-06-2025"],
            ),
            (
                "funding",
                "startup,date,amount_meur,kind",
                "orbit-photonics,2025-06-01,1,{}",
                lambda cell: cell_values.choice(cell, names("startup.funding")),
                ["grant", "GRANT", "Lening", "subsidie", "Eigen-Vermogen", "x"],
            ),
            (
                "milestones",
                "startup,date,title,done",
                "orbit-photonics,2025-06-01,Pilot,{}",
                cell_values.flag,
                ["ja", "nee", "1", "onwaar", "misschien"],
            ),
        ]
        for kind, header, row, parse, cells in cases:
            for cell in cells:
                with self.subTest(kind=kind, cell=cell):
                    try:
                        parse(cell)
                        taken = True
                    except cell_values.CellError:
                        taken = False
                    quoted = '"' + cell + '"'
                    data = f"{header}\n{row.format(quoted)}\n".encode()
                    result = services.preview(kind, "f.csv", data)
                    self.assertEqual(result.valid, taken, [str(p) for p in result.problems])

    def test_a_new_key_is_made_from_the_name_by_the_cores_rule(self) -> None:
        from clusterplan.plan.schema import id_from_name
        from clusterweb.fields import unused_key

        for name in ("Über Chips B.V.", "R&D Lab", "Foo -- bar"):
            self.assertEqual(unused_key(StartUp, name, "start-up"), id_from_name(name))
        text = "name,stage,programme,founded\nÜber Chips B.V.,seed,incubation,2022\n"
        self._preview("startups", _upload("s.csv", text))
        self.client.post(reverse("startups:import"), {"action": "commit"})
        self.assertTrue(StartUp.objects.filter(key="uber-chips-bv").exists())

    def test_a_missing_column_and_an_unreadable_file_are_named(self) -> None:
        response = self._preview(
            "funding", _upload("geld.csv", "startup,date,kind\nx,2024-01-01,loan\n")
        )
        self.assertIn(
            "geld.csv, rij 1, kolom 'amount_meur': verplichte kolom ontbreekt",
            [str(p) for p in response.context["preview"].problems],
        )
        response = self._preview("funding", _upload("kop.csv", "startup,date,amount_meur,kind\n"))
        self.assertContains(response, "kop.csv: het bestand heeft geen gegevensrijen")
        unreadable = SimpleUploadedFile("kapot.csv", b"startup\n\xff\xfe\x00")
        response = self._preview("funding", unreadable)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "kapot.csv: geen UTF-8-tekst")
        twice = _upload("dubbel.csv", "startup,year,year\nx,2024,3\n")
        response = self._preview("jobs", twice)
        self.assertContains(
            response, "dubbel.csv, rij 1, kolom &#x27;year&#x27;: kolom staat twee keer"
        )

    def test_an_xlsx_file_of_funding_rounds_is_imported(self) -> None:
        book = Workbook()
        sheet = book.active
        sheet.append(["startup", "date", "amount_meur", "kind", "investors"])
        sheet.append(["Orbit Photonics", date(2025, 4, 1), 1.25, "lening", "Regiofonds"])
        sheet.append(["orbit-photonics", "2025-06-01", "0,75", "Grant", ""])
        data = io.BytesIO()
        book.save(data)
        upload = SimpleUploadedFile("rondes.xlsx", data.getvalue())
        response = self._preview("funding", upload)
        self.assertEqual(response.context["preview"].problems, [])
        self.client.post(reverse("startups:import"), {"action": "commit"})
        self.assertTrue(FundingRound.objects.filter(amount_meur=1.25, kind="loan").exists())
        self.assertTrue(FundingRound.objects.filter(amount_meur=0.75, kind="grant").exists())


class OneRuleTests(PersonaTestCase):
    """The form and the import refuse a start-up's years by the core's one rule, in the same
    words (:func:`clusterplan.ecosystem.startups.status_problems`): the import's after the
    column it names, the form's as a sentence under the field (a capital first)."""

    def setUp(self) -> None:
        self.login(self.editor)

    def _form_errors(self, **fields: object) -> dict[str, list[str]]:
        data = {"name": "Nieuwe Chip", "stage": "idea", "programme": "acceleration"}
        data |= {"founded": 2020, "status": "active", "pillar": "design"}
        data |= fields
        response = self.client.post(reverse("startups:add"), data)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(StartUp.objects.filter(name="Nieuwe Chip").exists())
        return dict(response.context["form"].errors)

    def _import_problems(self, **fields: object) -> dict[str, str]:
        cells = {"name": "Nieuwe Chip", "stage": "idea", "programme": "acceleration"}
        cells |= {"founded": 2020, "status": "active", "status_year": ""}
        cells |= fields
        text = ",".join(cells) + "\n" + ",".join(str(v) for v in cells.values()) + "\n"
        result = services.preview("startups", "s.csv", text.encode())
        self.assertFalse(result.valid)
        return {p.column or "": str(p).split(": ", 1)[1] for p in result.problems}

    def test_a_founding_year_out_of_range_or_in_the_future_is_refused_alike(self) -> None:
        this_year = date.today().year
        for founded in (1800, 2300, this_year + 1):
            with self.subTest(founded=founded):
                form = self._form_errors(founded=founded)
                imported = self._import_problems(founded=founded)
                self.assertEqual(form["founded"], [capfirst(imported["founded"])])
        self.assertEqual(
            self._import_problems(founded=this_year + 1)["founded"],
            f"mag niet na dit jaar ({this_year}) liggen",
        )

    def test_a_status_change_in_the_future_is_refused_alike(self) -> None:
        later = date.today().year + 1
        form = self._form_errors(status="closed", status_year=later)
        imported = self._import_problems(status="closed", status_year=later)
        self.assertEqual(form["status_year"], [capfirst(imported["status_year"])])
        self.assertIn("na dit jaar", imported["status_year"])

    def test_the_import_speaks_english_on_an_english_page(self) -> None:
        from django.utils import translation

        with translation.override("en"):
            problems = self._import_problems(founded=1800, id="Bad!")
        self.assertEqual(
            problems,
            {
                "founded": "must be between 1900 and 2200",
                "id": "ids use lower-case letters, digits, '-' and '_' (got 'Bad!')",
            },
        )


class GrowthEngineTests(PersonaTestCase):
    def test_the_back_casting_page_shows_what_start_ups_bring(self) -> None:
        plan = current_plan()
        base = plan.employment.base_year
        for key, jobs in (("alpha", (10, 25)), ("beta", (0, 5)), ("gamma", (4, 4))):
            row = make_startup(key, founded=base - 1)
            JobsYear.objects.create(startup=row, year=base, jobs=jobs[0])
            JobsYear.objects.create(startup=row, year=base + 1, jobs=jobs[1])
        make_startup("late", founded=base + 1, pillar="production")
        JobsYear.objects.create(startup=StartUp.objects.get(key="late"), year=base + 1, jobs=8)
        pillars = [p.id for p in plan.taxonomy.pillars]
        jobs, sources = services.portfolio_contribution(plan, pillars, [base, base + 1])
        # Above base-year jobs: 15 + 5 + 0 (design) and all 8 of the later one (production).
        self.assertEqual(jobs[pillars.index("design")].tolist(), [0.0, 20.0])
        self.assertEqual(jobs[pillars.index("production")].tolist(), [0.0, 8.0])
        self.assertEqual(sources, [3, 4])
        self.login(self.viewer)
        response = self.client.get(reverse("backcast:index"))
        tab = response.context["cover_table"]
        rows = {str(r[0].value): r for r in tab["rows"]}
        self.assertEqual(exported(rows[str(base + 1)][3]), 28)
        self.assertContains(response, "gap-and-startups")
        # how the start-ups count (the assumption's way, in words), no mark to explain; the
        # assumption by its label, linked to its row on the assumptions page (plain text, it
        # had no link)
        self.assertEqual(tab["notes"], [_counting()])
        self.assertContains(response, _counting())

    def test_the_back_casting_page_withholds_what_fewer_than_three_start_ups_bring(self) -> None:
        base = current_plan().employment.base_year
        for key in ("alpha", "beta"):
            row = make_startup(key, founded=base - 1)
            JobsYear.objects.create(startup=row, year=base + 1, jobs=7)
        self.login(self.viewer)
        tab = self.client.get(reverse("backcast:index")).context["cover_table"]
        rows = {str(r[0].value): r for r in tab["rows"]}
        self.assertEqual([c.text for c in rows[str(base + 1)][3:5]], [MARK, MARK])
        self.assertEqual(tab["notes"], [_counting(), _note()])
        self.login(self.editor)
        tab = self.client.get(reverse("backcast:index")).context["cover_table"]
        rows = {str(r[0].value): r for r in tab["rows"]}
        self.assertEqual(exported(rows[str(base + 1)][3]), 14)
        self.assertEqual(tab["notes"], [_counting()])
