"""Registry, import, white spots, concentration and the showcase against every persona;
no confidential value on any public page."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils.html import escape
from typer.testing import CliRunner

from clusterplan.cli import app
from clusterplan.ecosystem import registry_grid
from clusterplan.ecosystem.importing import HINTS_SHOWN
from clusterplan.io.sheets import grid_to_xlsx
from clusterplan.report.table import render_text
from clusterweb.ecosystem.models import Organisation
from clusterweb.ecosystem.services import ensure_registry_loaded, registry, settings_of
from clusterweb.ecosystem.views import SESSION_KEY
from clusterweb.history.models import Change
from clusterweb.planning.services import current_plan
from clusterweb.tasks.constants import Status
from clusterweb.tasks.models import TaskRecord
from clusterweb.tasks.services import execute
from clusterweb.testing import PersonaTestCase


def _command_line(*args: str, lang: str = "en") -> str:
    """What the command line writes in ``lang`` (English unless told) for ``args`` on the
    stored registry."""
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "registry.csv"
        with store.open("w", encoding="utf-8", newline="") as out:
            csv.writer(out).writerows(
                ["" if v is None else v for v in row] for row in registry_grid(registry())
            )
        result = CliRunner().invoke(app, ["--lang", lang, *args, "--store", str(store)])
    assert result.exit_code == 0, result.output
    return result.stdout


READ = [
    ("ecosystem:registry", {}),
    ("ecosystem:whitespots", {}),
    ("ecosystem:concentration", {}),
]
WRITE = [("ecosystem:import", {})]

SECRET_JOBS = {"nxp": 918273, "besi": 564738, "trymax": 192837}
SECRET_REVENUE = {"nxp": 7654.25, "besi": 3141.5}
SECRET_PLANS = {"nxp": "Plan-Zeta-confidential-expansion", "besi": "Project Orion new hall"}


def _set_secrets() -> None:
    ensure_registry_loaded()
    for key, jobs in SECRET_JOBS.items():
        Organisation.objects.filter(key=key).update(jobs=jobs)
    for key, revenue in SECRET_REVENUE.items():
        Organisation.objects.filter(key=key).update(revenue_meur=revenue)
    for key, text in SECRET_PLANS.items():
        Organisation.objects.filter(key=key).update(growth_plans=text)
    Organisation.objects.filter(key="nxp").update(
        description_public="Chips for cars from Nijmegen",
        capabilities_offered="High-voltage ICs",
        collaboration_opportunities="Pilot lines with start-ups",
    )


def _secret_texts() -> list[str]:
    texts = []
    for value in SECRET_JOBS.values():
        texts += [str(value), f"{value:,}".replace(",", "."), f"{value:,}"]
    for value in SECRET_REVENUE.values():
        texts += [str(value), str(value).replace(".", ",")]
    texts += list(SECRET_PLANS.values())
    return texts


class AccessTests(PersonaTestCase):
    def test_only_staff_reach_the_registry_pages_and_the_viewer_cannot_import(self) -> None:
        self.assert_only_staff_read(READ, WRITE)
        self.assertEqual(self.client.get(reverse("ecosystem:import")).status_code, 403)

    def test_editor_may_import(self) -> None:
        self.login(self.editor)
        self.assertEqual(self.client.get(reverse("ecosystem:import")).status_code, 200)


class ConfidentialityTests(PersonaTestCase):
    def setUp(self) -> None:
        _set_secrets()

    def test_no_public_page_shows_any_confidential_value(self) -> None:
        pages = [
            reverse("ecosystem:showcase"),
            reverse("ecosystem:showcase") + "?q=nxp",
            reverse("ecosystem:showcase") + "?q=chips",
            reverse("ecosystem:showcase") + "?segment=back_end",
            reverse("ecosystem:showcase") + "?kind=idm&technology=&market=automotive",
            reverse("dashboard:public"),
        ]
        for url in pages:
            response = self.client.get(url)
            self.assertEqual(response.status_code, 200, url)
            body = response.content.decode()
            for secret in _secret_texts():
                with self.subTest(url=url, secret=secret):
                    self.assertNotIn(secret, body)

    def test_the_showcase_shows_public_fields(self) -> None:
        body = self.client.get(reverse("ecosystem:showcase") + "?q=cars").content.decode()
        self.assertIn("Chips for cars from Nijmegen", body)
        self.assertIn("High-voltage ICs", body)
        self.assertIn("Pilot lines with start-ups", body)
        self.assertNotIn("Besi", body)

    def test_viewer_pages_show_no_confidential_value(self) -> None:
        self.login(self.viewer)
        for url in [reverse(n) for n, _ in READ] + [
            reverse("ecosystem:organisation", kwargs={"key": "nxp"}),
            reverse("ecosystem:whitespots") + "?axis=markets",
        ]:
            body = self.client.get(url).content.decode()
            for secret in _secret_texts():
                with self.subTest(url=url, secret=secret):
                    self.assertNotIn(secret, body)

    def test_editor_sees_confidential_figures(self) -> None:
        self.login(self.editor)
        body = self.client.get(
            reverse("ecosystem:organisation", kwargs={"key": "besi"})
        ).content.decode()
        self.assertIn("564.738", body)
        self.assertIn("Project Orion new hall", body)
        registry = self.client.get(reverse("ecosystem:registry")).content.decode()
        self.assertIn("918.273", registry)
        # revenue in M EUR's one decimal, as the organisation's page writes it (7.654,2)
        self.assertIn(">7.654,2</td>", registry)
        self.assertIn(
            "<dd>7.654,2</dd>",
            self.client.get(
                reverse("ecosystem:organisation", kwargs={"key": "nxp"})
            ).content.decode(),
        )
        # each name in the table links to its page (once; no second list of the names)
        besi = reverse("ecosystem:organisation", kwargs={"key": "besi"})
        self.assertEqual(registry.count(f'href="{besi}"'), 1)
        self.assertRegex(registry, rf'<th scope="row"[^>]*><a [^>]*href="{besi}">Besi</a></th>')

    def test_partner_sees_only_its_own_organisations_confidential_data(self) -> None:
        self.login(self.partner)  # partner of NXP
        own = self.client.get(reverse("ecosystem:organisation", kwargs={"key": "nxp"}))
        self.assertEqual(own.status_code, 200)
        self.assertIn("918.273", own.content.decode())
        self.assertIn("Plan-Zeta-confidential-expansion", own.content.decode())
        other = self.client.get(reverse("ecosystem:organisation", kwargs={"key": "besi"}))
        self.assertEqual(other.status_code, 403)
        self.assertNotIn("564738", other.content.decode())
        self.assertNotIn("564.738", other.content.decode())


class ImportTests(PersonaTestCase):
    def _upload(self, text: str, name: str = "orgs.csv"):  # noqa: ANN202
        return self.client.post(
            reverse("ecosystem:import"),
            {"action": "preview", "file": SimpleUploadedFile(name, text.encode("utf-8"))},
        )

    def test_a_file_without_rows_is_refused_as_every_import_refuses_it(self) -> None:
        """A file of only its header was previewed as fine and 'imported: 0 created, 0
        updated' (the other import pages refuse it)."""
        self.login(self.editor)
        ensure_registry_loaded()
        for name, data in (
            ("orgs.csv", b"name,kind,jobs\n"),
            ("orgs.xlsx", grid_to_xlsx([["name", "kind", "jobs"]])),
        ):
            with self.subTest(file=name):
                response = self.client.post(
                    reverse("ecosystem:import"),
                    {"action": "preview", "file": SimpleUploadedFile(name, data)},
                )
                self.assertContains(response, f"{name}: het bestand heeft geen gegevensrijen")
                self.assertNotContains(response, 'value="commit"')
                self.assertNotIn(SESSION_KEY, self.client.session)

    def test_preview_shows_matches_and_creations_and_writes_nothing(self) -> None:
        self.login(self.editor)
        ensure_registry_loaded()
        count = Organisation.objects.count()
        response = self._upload(
            "name,kind,jobs\nBESI,,1900\nASMPT ALSI,,\nNova Chips,supplier,12\n"
        )
        body = response.content.decode()
        # how it matched and how similar, in the command line's words and two decimals
        self.assertIn("Besi (exacte naam, 1,00)", body)  # Dutch decimal comma
        self.assertIn('<td class="utrecht-table__cell">ASMPT ALSI</td>', body)
        self.assertIn("ASMPT-ALSI (exacte naam, 1,00)", body)
        self.assertIn("nieuw (nova-chips)", body)  # the action as the command line names it
        self.assertIn("nova-chips", body)
        self.assertIn("jobs: ? → 1900", body)  # the new value as the file holds it
        self.assertEqual(Organisation.objects.count(), count)
        self.assertIsNone(Organisation.objects.get(key="besi").jobs)

    def test_a_row_that_matches_none_names_the_closest_as_the_command_line_does(self) -> None:
        """The same closest organisations, as many and as similar, on the preview page and
        on the command line's preview of the same file (they had named two and one)."""
        self.login(self.editor)
        ensure_registry_loaded()
        text = "name,kind\nNova Chips,supplier\n"
        body = self._upload(text).content.decode()
        shown = body.split("geen koppeling; dichtstbij: ", 1)[1].split("</td>", 1)[0]
        with tempfile.TemporaryDirectory() as folder:
            file = Path(folder) / "in.csv"
            file.write_text(text, encoding="utf-8")
            line = _command_line("ecosystem", "import", str(file))
        cli = line.split("(closest: ", 1)[1].split("; below the match threshold)", 1)[0]
        self.assertEqual(shown.count("("), HINTS_SHOWN)
        self.assertEqual(cli.replace(".", ","), shown)  # the same, in each language's notation

    def test_the_changes_read_as_the_file_holds_them_as_on_the_command_line(self) -> None:
        """A yes/no, a list, a number and a choice that a row changes read the same on the
        preview page and on the command line's preview of the same file, in each language
        as an import file holds them (the command line had printed Python's ``True``,
        ``None`` and ``['...']``, the page ``True`` on a Dutch page and a grouped
        ``1.500``, which an import reads as 1,5)."""
        self.login(self.editor)
        ensure_registry_loaded()
        text = (
            "name,aliases,on_campus,jobs,revenue_meur,kind\n"
            "Nexperia,Nexperia BV; NXP Nijmegen,nee,1500,12.345,supplier\n"
        )
        expected = {
            "nl": [
                ("aliases", "?", "Nexperia BV; NXP Nijmegen"),
                ("on_campus", "ja", "nee"),
                ("jobs", "?", "1500"),
                ("revenue_meur", "?", "12,345"),
                ("kind", "Integrated device manufacturer (IDM)", "Toeleverancier"),
            ],
            "en": [
                ("aliases", "?", "Nexperia BV; NXP Nijmegen"),
                ("on_campus", "yes", "no"),
                ("jobs", "?", "1500"),
                ("revenue_meur", "?", "12.345"),
                ("kind", "Integrated device manufacturer", "Supplier"),
            ],
        }
        with tempfile.TemporaryDirectory() as folder:
            file = Path(folder) / "in.csv"
            file.write_text(text, encoding="utf-8")
            for lang, changes in expected.items():
                with self.subTest(lang=lang):
                    self.client.cookies["django_language"] = lang
                    body = self._upload(text).content.decode()
                    line = _command_line("ecosystem", "import", str(file), lang=lang)
                    for field, old, new in changes:
                        self.assertIn(f"{field}: {escape(old)} → {escape(new)}<", body)
                        self.assertIn(f"    {field}: {old} -> {new}\n", line)

    def test_commit_writes_everything_and_keeps_history(self) -> None:
        self.login(self.editor)
        self._upload("name,kind,jobs\nBESI,,1900\nNova Chips,supplier,12\n")
        response = self.client.post(reverse("ecosystem:import"), {"action": "commit"})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Organisation.objects.get(key="besi").jobs, 1900)
        self.assertEqual(Organisation.objects.get(key="nova-chips").kind, "supplier")
        self.assertTrue(Change.objects.filter(object_repr="Besi", field="jobs").exists())
        self.assertTrue(Change.objects.filter(object_repr="Nova Chips").exists())

    def test_an_invalid_row_shows_row_and_column_and_nothing_is_written(self) -> None:
        self.login(self.editor)
        ensure_registry_loaded()
        response = self._upload("name,jobs\nBesi,10\nTrymax,-4\n")
        body = response.content.decode()
        self.assertIn(
            "orgs.csv, rij 3, kolom &#x27;jobs&#x27;: mag niet negatief zijn (tussen 0 en 5.000.000 banen)",
            body,
        )
        self.assertNotIn("must not", body)
        self.assertNotIn('value="commit"', body)
        commit = self.client.post(reverse("ecosystem:import"), {"action": "commit"})
        self.assertEqual(commit.status_code, 302)  # no stored preview: back to the upload
        self.assertIsNone(Organisation.objects.get(key="besi").jobs)

    def test_row_errors_are_dutch_in_dutch_and_english_in_english(self) -> None:
        self.login(self.editor)
        ensure_registry_loaded()
        text = "name,kind,jobs,in_region\nNova Chips,alien,3.5,misschien\nNieuw,,,\n"
        dutch = self._upload(text).content.decode()
        for reason in ("moet een van idm", "moet ja of nee zijn", "moet een geheel getal zijn"):
            self.assertIn(reason, dutch)
        self.assertIn("is nieuw en heeft een soort nodig", dutch)
        for english in ("must be", "unknown kind", "needs a kind", "(got"):
            self.assertNotIn(english, dutch)
        self.client.cookies["django_language"] = "en"
        english_page = self._upload(text, name="en.csv").content.decode()
        self.assertIn("must be a whole number", english_page)
        self.assertNotIn("moet een", english_page)

    def test_a_broken_xlsx_names_the_file(self) -> None:
        self.login(self.editor)
        body = self._upload("not a workbook", name="orgs.xlsx").content.decode()
        self.assertIn("orgs.xlsx: geen leesbare XLSX-werkmap", body)


class AnalysisPageTests(PersonaTestCase):
    def test_whitespots_show_counts_flags_and_judgements(self) -> None:
        self.login(self.viewer)
        body = self.client.get(reverse("ecosystem:whitespots")).content.decode()
        self.assertIn("Azië", body)  # the plan's judgement, in Dutch, with its source
        self.assertIn("Potentie, Technology-push", body)
        self.assertIn("leeg", body)

    def test_the_page_says_whom_the_cells_count_as_the_assumption_says(self) -> None:
        """The text said 'in the region' also when an editor had the cells count every
        organisation of the registry (``ecosystem.whitespot-region-only`` off)."""
        from clusterweb.planning.models import Assumption
        from clusterweb.planning.services import update_assumption

        self.login(self.viewer)
        region_only = settings_of(current_plan()).region_only
        body = self.client.get(reverse("ecosystem:whitespots")).content.decode()
        self.assertEqual("in de regio of daarbuiten" in body, not region_only)
        row = Assumption.objects.get(key="ecosystem.whitespot-region-only")
        update_assumption(row, self.editor, {"value": not region_only}, read=None)
        body = self.client.get(reverse("ecosystem:whitespots")).content.decode()
        self.assertEqual("in de regio of daarbuiten" in body, region_only)

    def test_the_page_shows_the_command_lines_table(self) -> None:
        """The page's matrix is the core's table: the same cells as ``clusterplan ecosystem
        whitespots`` writes for the same registry (an editor sees the jobs, as the command
        line does)."""
        _set_secrets()
        self.login(self.editor)
        self.client.cookies["django_language"] = "en"
        response = self.client.get(reverse("ecosystem:whitespots") + "?axis=markets")
        model = response.context["chart"]["table"]["model"]
        self.assertIn(" jobs", render_text(model))
        output = _command_line("ecosystem", "whitespots", "--by", "markets")
        self.assertIn(render_text(model, width=100), output)
        # what a cell counts and the judgements' heading: the command line's words
        self.assertIn(f"\n{response.context['legend']}\n", output)
        self.assertTrue(response.context["legend"].startswith("Each cell counts"))
        self.assertIn(f"\n{response.context['judgements_heading']}:\n", output)
        # each judgement where it applies, the ecosystem's as the command line names it
        judgements = response.context["judgements"]
        self.assertIn("The ecosystem as a whole", [j.where for j in judgements])
        body = response.content.decode()
        for j in judgements:
            self.assertIn(f"[{j.kind}] {j.where}: {j.text}", output)
            self.assertIn(escape(f"{j.kind} · {j.where}"), body)

    def test_an_english_page_shows_the_judgements_in_english(self) -> None:
        self.login(self.viewer)
        self.client.cookies["django_language"] = "en"
        body = self.client.get(reverse("ecosystem:whitespots")).content.decode()
        judgement = current_plan().taxonomy.judgements[0]
        self.assertIn(escape(judgement.text_en), body)
        self.assertNotIn(escape(judgement.text_nl), body)

    def test_editor_sees_pillar_shares_and_a_departure(self) -> None:
        _set_secrets()
        self.login(self.editor)
        url = reverse("ecosystem:concentration") + "?leave=nxp&from_year=2030"
        body = self.client.get(url).content.decode()
        # NXP's 918273 jobs, split over design and production, 459136.5 each.
        self.assertIn("459.136", body)
        self.assertIn("-918.273", body)
        last = list(current_plan().employment.scenarios.values())[-1]
        self.assertIn(f"Banen met en zonder de organisatie ({last.name_nl})", body)

    def test_a_year_outside_the_plan_is_refused_at_its_field_in_the_cores_words(self) -> None:
        """The page had its own rule (the horizon as the field's bounds); the refusal is now
        the core's, as on the command line, and no departure is shown."""
        self.login(self.editor)
        plan = current_plan()
        late = plan.years[-1] + 1
        url = reverse("ecosystem:concentration") + f"?leave=nxp&from_year={late}"
        response = self.client.get(url)
        form = response.context["form"]
        self.assertNotIn("departure", response.context)
        self.assertEqual(
            form.errors["from_year"],
            [
                f"het jaar van vertrek moet een jaar van het plan zijn "
                f"({plan.years[0]}-{plan.years[-1]}), niet {late}"
            ],
        )

    def test_an_unknown_organisation_is_refused_at_its_field_in_the_cores_words(self) -> None:
        """As ``clusterplan ecosystem concentration --leave``; the field had refused it first
        in Django's words, which name no organisation."""
        self.login(self.editor)
        url = reverse("ecosystem:concentration") + "?leave=bogus&from_year=2030"
        response = self.client.get(url)
        self.assertNotIn("departure", response.context)
        self.assertEqual(
            response.context["form"].errors["leave"], ["geen organisatie heeft id 'bogus'"]
        )

    def test_the_concentration_page_shows_the_command_lines_tables(self) -> None:
        """The page's tables are the core's: the same as ``clusterplan ecosystem
        concentration`` writes for the same registry (an editor sees the pillar shares)."""
        _set_secrets()
        self.login(self.editor)
        self.client.cookies["django_language"] = "en"
        url = reverse("ecosystem:concentration") + "?leave=nxp&from_year=2030"
        context = self.client.get(url).context
        output = _command_line("ecosystem", "concentration", "--leave", "nxp", "--from", "2030")
        self.assertIn(render_text(context["data"]["pillars"]["model"], width=100), output)
        self.assertIn(render_text(context["data"]["single_points"]["model"]), output)
        self.assertIn(render_text(context["departure"]["table"]["model"]), output)
        self.assertIn("NXP", render_text(context["departure"]["table"]["model"]))
        # what no organisation carries: the command line's line (the page wrote its own)
        uncovered = context["data"]["uncovered"]
        self.assertTrue(uncovered.startswith("Not covered by any organisation in the region: "))
        self.assertIn(f"\n{uncovered}\n", output)

    def test_a_viewer_sees_the_single_points_but_no_pillar_shares(self) -> None:
        _set_secrets()
        self.login(self.viewer)
        data = self.client.get(reverse("ecosystem:concentration")).context["data"]
        self.assertNotIn("pillars", data)
        self.assertEqual(data["single_points"]["slug"], "single-points")


class BackgroundImportTests(PersonaTestCase):
    """An import of more rows than the threshold is committed by the background worker."""

    def _upload(self, text: str) -> None:
        self.client.post(
            reverse("ecosystem:import"),
            {"action": "preview", "file": SimpleUploadedFile("big.csv", text.encode("utf-8"))},
        )

    @override_settings(CLUSTERWEB_IMPORT_TASK_THRESHOLD=2)
    def test_a_large_import_is_committed_by_the_worker_with_progress(self) -> None:
        self.login(self.editor)
        ensure_registry_loaded()
        self._upload(
            "name,kind,jobs\nNova Chips,supplier,12\nOrbit Optics,supplier,7\nBESI,,1900\n"
        )
        response = self.client.post(reverse("ecosystem:import"), {"action": "commit"})
        record = TaskRecord.objects.get(kind="ecosystem.import")
        self.assertRedirects(
            response,
            reverse("tasks:detail", kwargs={"pk": record.pk}),
            fetch_redirect_response=False,
        )
        self.assertFalse(Organisation.objects.filter(key="nova-chips").exists())  # not yet
        execute(record.pk)  # what the worker does
        record.refresh_from_db()
        self.assertEqual(record.status, Status.DONE)
        self.assertEqual(record.result, {"created": 2, "updated": 1})
        self.assertEqual(record.done, record.total)
        self.assertEqual(Organisation.objects.get(key="besi").jobs, 1900)
        self.assertTrue(Change.objects.filter(object_repr="Orbit Optics").exists())

    @override_settings(CLUSTERWEB_IMPORT_TASK_THRESHOLD=2)
    def test_the_worker_writes_nothing_that_the_confirmed_preview_did_not_show(self) -> None:
        """Another editor changes an organisation the file updates after the preview: the
        file still fits, with the same counts, but would write over that change; the worker
        writes nothing and says why (as a confirmation in the request shows a new preview)."""
        self.login(self.editor)
        ensure_registry_loaded()
        self._upload(
            "name,kind,jobs\nNova Chips,supplier,12\nOrbit Optics,supplier,7\nBESI,,1900\n"
        )
        besi = Organisation.objects.get(key="besi")
        besi.jobs = 1750  # stored in between by someone else
        besi.save()
        self.client.post(reverse("ecosystem:import"), {"action": "commit"})
        record = TaskRecord.objects.get(kind="ecosystem.import")
        execute(record.pk)
        record.refresh_from_db()
        self.assertEqual(record.status, Status.FAILED)
        self.assertEqual(Organisation.objects.get(key="besi").jobs, 1750)
        self.assertFalse(Organisation.objects.filter(key="nova-chips").exists())
        for lang, words in (("en", "nothing was written"), ("nl", "niets weggeschreven")):
            with self.subTest(lang=lang):
                self.client.post(reverse("set_language"), {"language": lang, "next": "/"})
                self.assertContains(self.client.get(f"/tasks/{record.pk}/"), words)

    @override_settings(CLUSTERWEB_IMPORT_TASK_THRESHOLD=10)
    def test_a_small_import_is_committed_in_the_request(self) -> None:
        self.login(self.editor)
        self._upload("name,kind\nNova Chips,supplier\n")
        self.client.post(reverse("ecosystem:import"), {"action": "commit"})
        self.assertTrue(Organisation.objects.filter(key="nova-chips").exists())

    def test_a_file_the_worker_cannot_read_is_named_in_each_language(self) -> None:
        """The core's words for an unreadable file, written by the worker in each language
        (the file's name as it is) and read in the page's."""
        import base64

        from clusterweb.tasks.services import start_task

        record = start_task(
            self.editor,
            "ecosystem.import",
            name="orgs.csv",
            data=base64.b64encode(b"name\n\xff\xfe").decode(),
        )
        execute(record.pk)
        record.refresh_from_db()
        self.assertEqual(record.status, Status.FAILED)
        self.assertTrue(record.reasons["nl"].startswith("orgs.csv: geen UTF-8-tekst"))
        self.assertTrue(record.reasons["en"].startswith("orgs.csv: not UTF-8 text"))
        self.login(self.editor)
        for lang, words in (("en", "not UTF-8 text"), ("nl", "geen UTF-8-tekst")):
            with self.subTest(lang=lang):
                self.client.post(reverse("set_language"), {"language": lang, "next": "/"})
                self.assertContains(self.client.get(f"/tasks/{record.pk}/"), words)


class AlphabeticalTests(PersonaTestCase):
    def test_the_registry_lists_names_alphabetically_whatever_their_case(self) -> None:
        """'imec' stood last, after every name with a capital, and 'ASMPT' before 'Ampleon'
        (the database's binary order); a person reads 'imec' between 'Holst' and 'ITEC'."""
        ensure_registry_loaded()
        for key, name in (("holst-x", "Holst"), ("imec-x", "imec"), ("itec-x", "ITEC")):
            Organisation.objects.update_or_create(
                key=key, defaults={"name": name, "kind": "cluster"}
            )
        names = [o.name for o in Organisation.objects.all()]
        self.assertEqual(names, sorted(names, key=lambda n: (n.lower(), n)))
        self.login(self.editor)
        page = self.client.get(reverse("ecosystem:registry")).content.decode()
        self.assertLess(page.index(">Holst<"), page.index(">imec<"))
        self.assertLess(page.index(">imec<"), page.index(">ITEC<"))
