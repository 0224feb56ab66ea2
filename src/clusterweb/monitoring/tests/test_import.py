"""Import of actuals: preview, then all or nothing; every problem names file, row, column and
reason; every figure is in the history and can be reverted."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clusterplan.errors import Coded
from clusterweb.history.constants import Action
from clusterweb.history.models import Change
from clusterweb.history.services import revert
from clusterweb.monitoring import services
from clusterweb.monitoring.models import Actual
from clusterweb.monitoring.tests.fictional import FICTIONAL
from clusterweb.testing import PersonaTestCase

HEADER = "indicator,subject,year,value,source\n"
GOOD = HEADER + (
    "jobs,design,2027,1070,Register (test)\n"
    "jobs,equipment,2027,1830,Register (test)\n"
    "revenue,,2027,2500.5,Jaarrekeningen (test)\n"
)
ONE_BAD_ROW = HEADER + (
    "jobs,design,2027,1070,Register (test)\n"
    "jobs,no-such-pillar,2027,1830,Register (test)\n"
    "revenue,,2027,2500.5,Jaarrekeningen (test)\n"
)


def upload(text: str, name: str = "actuals.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


class ImportServiceTests(PersonaTestCase):
    def test_a_good_file_is_stored_whole_with_one_history_entry_per_figure(self) -> None:
        result = services.commit_import(self.editor, "actuals.csv", GOOD.encode())
        self.assertTrue(result.valid, result.problems)
        self.assertEqual(result.counts, {"create": 3, "update": 0, "unchanged": 0})
        self.assertEqual(Actual.objects.count(), 3)
        revenue = Actual.objects.get(indicator="revenue")
        self.assertEqual((revenue.subject, revenue.value), ("", 2500.5))
        self.assertEqual(revenue.entered_by, self.editor)
        created = Change.objects.filter(action=Action.CREATE, content_type__model="actual")
        self.assertEqual(created.count(), 3)

    def test_the_bulk_history_entry_is_what_saving_one_by_one_records(self) -> None:
        import json

        from django.core.serializers.json import DjangoJSONEncoder

        from clusterweb.history.services import snapshot

        services.commit_import(self.editor, "actuals.csv", GOOD.encode())
        for row in Actual.objects.all():
            change = Change.objects.get(action=Action.CREATE, object_id=str(row.pk))
            expected = json.loads(json.dumps(snapshot(row), cls=DjangoJSONEncoder))
            self.assertEqual(change.new_value, expected)
            self.assertEqual(change.object_repr, str(row))
            self.assertNotIn("total", change.object_repr)  # no English word in the name
            self.assertEqual((change.user, change.username), (self.editor, "erik"))
            self.assertIn("actuals.csv", change.note)
        total = Change.objects.get(object_id=str(Actual.objects.get(subject="").pk))
        self.assertEqual(total.object_repr, "revenue · 2027")

    def test_a_file_with_one_bad_row_changes_nothing_and_names_the_row(self) -> None:
        services.commit_import(self.editor, "first.csv", GOOD.encode())
        before = list(Actual.objects.values_list("indicator", "subject", "year", "value"))
        changes = Change.objects.count()
        changed = ONE_BAD_ROW.replace("1070", "9999")
        result = services.commit_import(self.editor, "second.csv", changed.encode())
        self.assertFalse(result.valid)
        self.assertEqual(len(result.problems), 1)
        problem = result.problems[0]
        self.assertEqual((problem.file, problem.row, problem.column), ("second.csv", 3, "subject"))
        self.assertIn("no-such-pillar", problem.reason)
        after = list(Actual.objects.values_list("indicator", "subject", "year", "value"))
        self.assertEqual(after, before)
        self.assertEqual(Change.objects.count(), changes)

    def test_an_unknown_organisation_is_a_problem_of_its_row(self) -> None:
        text = (
            "indicator,subject,year,value,source,organisation\n"
            "partner-jobs,design,2028,95,Eigen opgave,no-such-firm\n"
        )
        result = services.commit_import(self.editor, "partners.csv", text.encode())
        self.assertFalse(result.valid)
        self.assertEqual(
            [(p.row, p.column) for p in result.problems if "no-such-firm" in p.reason],
            [(2, "organisation")],
        )
        self.assertFalse(Actual.objects.exists())
        # in the core's words for an organisation the registry lacks, as the leads say it
        unknown = Coded("registry.unknown_organisation", {"value": "no-such-firm"})
        (problem,) = [p for p in result.problems if p.column == "organisation"]
        self.assertEqual(
            problem.text("nl"), f"partners.csv, rij 2, kolom 'organisation': {unknown.text('nl')}"
        )

    def test_an_organisation_cell_of_only_spaces_names_no_organisation(self) -> None:
        text = HEADER.replace("\n", ",organisation\n") + "jobs,design,2027,1070,Register,  \n"
        result = services.commit_import(self.editor, "actuals.csv", text.encode())
        self.assertTrue(result.valid, [str(p) for p in result.problems])

    def test_importing_again_updates_changed_figures_and_keeps_the_old_value(self) -> None:
        services.commit_import(self.editor, "first.csv", GOOD.encode())
        result = services.commit_import(
            self.editor, "second.csv", GOOD.replace("1070", "1075").encode()
        )
        self.assertEqual(result.counts, {"create": 0, "update": 1, "unchanged": 2})
        row = Actual.objects.get(indicator="jobs", subject="design")
        self.assertEqual(row.value, 1075)
        change = Change.objects.get(action=Action.UPDATE, field="value")
        self.assertEqual((change.old_value, change.new_value), (1070.0, 1075.0))
        revert(change, self.editor)
        row.refresh_from_db()
        self.assertEqual(row.value, 1070)

    def test_reverting_an_imported_figure_removes_it(self) -> None:
        services.commit_import(self.editor, "first.csv", GOOD.encode())
        row = Actual.objects.get(indicator="revenue")
        created = Change.objects.get(action=Action.CREATE, object_id=str(row.pk))
        revert(created, self.editor)
        self.assertFalse(Actual.objects.filter(pk=row.pk).exists())

    def test_the_fictional_set_imports_whole(self) -> None:
        data = FICTIONAL.read_bytes()
        result = services.commit_import(self.editor, FICTIONAL.name, data)
        self.assertTrue(result.valid, [str(p) for p in result.problems])
        rows = [line for line in data.decode().splitlines()[1:] if line.strip()]
        self.assertEqual(Actual.objects.count(), len(rows))
        self.assertEqual(Actual.objects.filter(organisation__isnull=False).count(), 11)


class ImportPageTests(PersonaTestCase):
    def test_preview_then_commit(self) -> None:
        self.login(self.editor)
        url = reverse("monitoring:import")
        response = self.client.post(url, {"file": upload(GOOD), "action": "preview"})
        self.assertContains(response, 'id="import-preview"')
        self.assertContains(response, "3 cijfers toevoegen")
        # each figure named as the stored figures are: indicator and subject by their names
        page = response.content.decode()
        revenue = services.label(next(i for i in services.indicators() if i.id == "revenue"))
        self.assertNotEqual(revenue, "revenue")
        self.assertIn(f">{revenue}</td>", page)
        self.assertIn(">Clustertotaal</td>", page)  # the revenue row has no subject
        self.assertNotIn(">revenue</td>", page)
        self.assertFalse(Actual.objects.exists())  # the preview writes nothing
        response = self.client.post(url, {"action": "commit"})
        self.assertRedirects(response, reverse("monitoring:actuals"))
        self.assertEqual(Actual.objects.count(), 3)

    def test_a_long_file_lists_the_first_rows_as_every_import_preview_does(self) -> None:
        """The fictional set with a run of earlier years: more figures than a preview lists
        (PREVIEW_ROWS, one declaration for every import page); the counts cover them all."""
        from clusterweb.imports import PREVIEW_ROWS

        lines = FICTIONAL.read_text(encoding="utf-8").splitlines()
        have = {tuple(line.split(",")[:3]) for line in lines}
        extra = [
            f"jobs,design,{y},1000,Test,2027-03-15,"
            for y in range(2000, 2026)
            if ("jobs", "design", str(y)) not in have
        ]
        text = "\n".join([*lines, *extra]) + "\n"
        figures = len(lines) - 1 + len(extra)
        self.assertGreater(figures, PREVIEW_ROWS)
        self.login(self.editor)
        url = reverse("monitoring:import")
        response = self.client.post(url, {"file": upload(text), "action": "preview"})
        self.assertContains(response, f"{figures} cijfers toevoegen")
        self.assertContains(response, f"De eerste {PREVIEW_ROWS} cijfers worden getoond.")
        table = response.context["table"]
        self.assertEqual(len(table["rows"]), PREVIEW_ROWS)

    def test_a_bad_row_is_named_in_dutch_and_offers_no_commit(self) -> None:
        self.login(self.editor)
        url = reverse("monitoring:import")
        response = self.client.post(url, {"file": upload(ONE_BAD_ROW), "action": "preview"})
        self.assertContains(response, 'id="import-problems"')
        self.assertContains(
            response,
            "actuals.csv, rij 3, kolom &#x27;subject&#x27;: &#x27;no-such-pillar&#x27; is geen pijler-id",
        )
        self.assertNotContains(response, "is not a pillar id")
        self.assertNotContains(response, 'value="commit"')
        # A commit without a valid preview in the session writes nothing.
        response = self.client.post(url, {"action": "commit"}, follow=True)
        self.assertContains(response, "verlopen")
        self.assertFalse(Actual.objects.exists())

    def test_a_file_that_is_not_a_table_is_named(self) -> None:
        self.login(self.editor)
        url = reverse("monitoring:import")
        response = self.client.post(url, {"file": upload("", "empty.csv"), "action": "preview"})
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Actual.objects.exists())

    def test_an_unreadable_file_is_named_without_pythons_words_in_each_language(self) -> None:
        """The English page added Python's reason to the core's ('not a readable XLSX
        workbook: File is not a zip file', 'not UTF-8 text: invalid continuation byte')."""
        self.login(self.editor)
        url = reverse("monitoring:import")
        files = {
            "broken.xlsx": b"not a workbook",
            "latin.csv": "indicator,subject,year,value,source\njobs,,2027,1,Caf\u00e9\n".encode(
                "latin-1"
            ),
        }
        expected = {
            "nl": [
                "broken.xlsx: geen leesbare XLSX-werkmap",
                "latin.csv: geen UTF-8-tekst (sla het bestand op als CSV UTF-8)",
            ],
            "en": [
                "broken.xlsx: not a readable XLSX workbook",
                "latin.csv: not UTF-8 text (save the file as CSV UTF-8)",
            ],
        }
        for lang, lines in expected.items():
            self.client.cookies.load({"django_language": lang})
            for (name, data), line in zip(files.items(), lines, strict=True):
                with self.subTest(lang=lang, file=name):
                    response = self.client.post(
                        url,
                        {"file": SimpleUploadedFile(name, data), "action": "preview"},
                    )
                    problems = response.content.decode().split('id="import-problems">')[1]
                    problems = problems.split("</ul>")[0]
                    self.assertIn(f"{line}</li>", problems)
                    for words in ("zip file", "byte", "codec"):
                        self.assertNotIn(words, problems)
        self.assertFalse(Actual.objects.exists())

    def test_a_commit_that_would_do_otherwise_than_the_preview_writes_nothing(self) -> None:
        """The preview said 'add 3 figures'; another editor stored one of them (another
        value) before the confirmation, which then overwrote it and said '2 added, 1
        changed': the other editor's figure was lost without anyone being asked."""
        self.login(self.editor)
        url = reverse("monitoring:import")
        self.client.post(url, {"file": upload(GOOD), "action": "preview"})
        other = HEADER + "jobs,design,2027,999,Telling (test)\n"
        services.commit_import(self.admin, "other.csv", other.encode())
        response = self.client.post(url, {"action": "commit"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Er is niets geïmporteerd: wat is opgeslagen is veranderd")
        self.assertContains(response, 'value="commit"')  # the file as it would be written now
        stored = Actual.objects.get(indicator="jobs", subject="design")
        self.assertEqual((stored.value, Actual.objects.count()), (999, 1))
        # Confirmed again, it writes what the new preview said.
        response = self.client.post(url, {"action": "commit"}, follow=True)
        self.assertContains(response, "Geïmporteerd: 2 toegevoegd, 1 gewijzigd, 0 ongewijzigd.")
        self.assertEqual(Actual.objects.count(), 3)

    def test_a_commit_that_would_write_other_figures_with_the_same_counts_writes_nothing(
        self,
    ) -> None:
        """The preview said '1 to change, 1 unchanged'; another editor then stored the
        file's value of the one and another value of the other: still 1 to change and 1
        unchanged, so the confirmation (which compared counts only) overwrote the other
        editor's figure, a change no preview had shown."""
        self.login(self.editor)
        url = reverse("monitoring:import")
        rows = (
            "jobs,design,2027,{design},Register (test)\n",
            "jobs,equipment,2027,{equipment},Register (test)\n",
        )
        before = HEADER + "".join(rows).format(design=1000, equipment=1830)
        services.commit_import(self.admin, "before.csv", before.encode())
        file = HEADER + "".join(rows).format(design=1070, equipment=1830)
        response = self.client.post(url, {"file": upload(file), "action": "preview"})
        self.assertContains(response, "0 cijfers toevoegen, 1 wijzigen, 1 ongewijzigd")
        other = HEADER + "".join(rows).format(design=1070, equipment=1900)
        services.commit_import(self.admin, "other.csv", other.encode())
        response = self.client.post(url, {"action": "commit"})
        self.assertContains(response, "Er is niets geïmporteerd: wat is opgeslagen is veranderd")
        self.assertContains(response, "0 cijfers toevoegen, 1 wijzigen, 1 ongewijzigd")
        equipment = Actual.objects.get(indicator="jobs", subject="equipment")
        self.assertEqual(equipment.value, 1900)  # the other editor's figure stands
        # Confirmed again, it writes what the new preview showed.
        response = self.client.post(url, {"action": "commit"}, follow=True)
        self.assertContains(response, "Geïmporteerd: 0 toegevoegd, 1 gewijzigd, 1 ongewijzigd.")
        equipment.refresh_from_db()
        self.assertEqual(equipment.value, 1830)

    def test_a_source_changed_by_another_editor_since_the_preview_is_not_written_over(
        self,
    ) -> None:
        """The preview said 'change (was 1000)'; another editor then gave the stored figure
        another source: still one change of 1000, and the confirmation wrote over the new
        source unseen."""
        self.login(self.editor)
        url = reverse("monitoring:import")
        services.commit_import(
            self.admin, "before.csv", (HEADER + "jobs,design,2027,1000,A\n").encode()
        )
        self.client.post(
            url, {"file": upload(HEADER + "jobs,design,2027,1070,A\n"), "action": "preview"}
        )
        stored = Actual.objects.get()
        stored.source = "B"
        stored.save()
        response = self.client.post(url, {"action": "commit"})
        self.assertContains(response, "Er is niets geïmporteerd: wat is opgeslagen is veranderd")
        stored.refresh_from_db()
        self.assertEqual((stored.value, stored.source), (1000, "B"))

    def test_viewers_cannot_import(self) -> None:
        self.login(self.viewer)
        response = self.client.post(
            reverse("monitoring:import"), {"file": upload(GOOD), "action": "preview"}
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(Actual.objects.exists())


class OneFigureTests(PersonaTestCase):
    def _add(self, **fields: str) -> Any:
        """Post the new-figure form with these fields; the optional ones left out are empty."""
        optional = {"subject": "", "received": "", "organisation": ""}
        return self.client.post(reverse("monitoring:add"), optional | fields)

    def test_an_editor_adds_and_corrects_a_figure_and_both_are_in_the_history(self) -> None:
        self.login(self.editor)
        response = self._add(
            indicator="revenue", year="2027", value="12,5", source="Jaarverslag (test)"
        )
        self.assertRedirects(response, reverse("monitoring:actuals"))
        row = Actual.objects.get(indicator="revenue")
        self.assertEqual(row.value, 12.5)
        url = reverse("monitoring:edit", kwargs={"pk": row.pk})
        response = self.client.post(url, self.edit_form(url, value="13"))
        self.assertEqual(response.status_code, 302)
        row.refresh_from_db()
        self.assertEqual(row.value, 13)
        self.assertEqual(Change.objects.filter(object_id=str(row.pk)).count(), 2)

    def test_a_figure_the_core_refuses_names_the_field(self) -> None:
        self.login(self.editor)
        response = self._add(indicator="jobs", subject="design", year="1900", value="5", source="x")
        self.assertEqual(response.status_code, 200)
        self.assertIn("year", response.context["form"].errors)
        self.assertFalse(Actual.objects.exists())

    def test_a_second_figure_of_the_same_kind_is_refused_in_words(self) -> None:
        """The database's one-figure rule, in the page's words and not the constraint's
        name ('Constraint "monitoring_actual_one_figure" is violated')."""
        Actual.objects.create(indicator="revenue", year=2027, value=1, source="x")
        self.login(self.editor)
        response = self._add(indicator="revenue", year="2027", value="2", source="y")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            response.context["form"].non_field_errors(),
            [
                "Voor deze indicator, dit onderwerp, jaar en deze organisatie is al een cijfer "
                "opgeslagen: corrigeer dat in de lijst met cijfers."
            ],
        )
        self.assertEqual(Actual.objects.count(), 1)

    def test_a_viewer_cannot_correct(self) -> None:
        row = Actual.objects.create(indicator="revenue", year=2027, value=1, source="x")
        self.login(self.viewer)
        url = reverse("monitoring:edit", kwargs={"pk": row.pk})
        self.assertEqual(self.client.get(url).status_code, 403)
        self.assertEqual(self.client.post(url, {"value": "5", "source": "y"}).status_code, 403)
        row.refresh_from_db()
        self.assertEqual(row.value, 1)


class ConcurrentImportTests(PersonaTestCase):
    def test_a_figure_stored_between_preview_and_write_refuses_the_whole_file(self) -> None:
        from unittest import mock

        from clusterplan.io.sheets import parse_csv_text

        table = parse_csv_text(GOOD, "late.csv")
        stale = services.preview_table(table)  # read before the other import
        services.commit_import(self.editor, "first.csv", GOOD.encode())
        before = Actual.objects.count()
        with mock.patch.object(services, "preview_table", return_value=stale):
            result = services.commit_table(self.editor, table)
        self.assertFalse(result.valid)
        self.assertIn("late.csv", str(result.problems[0]))
        self.assertEqual(Actual.objects.count(), before)
