"""``manage.py load_plan DIR`` and ``clusterplan serve --plan DIR`` store and serve DIR's
plan, and never add the bundled plan's assumptions to another plan."""

from __future__ import annotations

import argparse
import io
import os
import tempfile
from contextlib import redirect_stdout
from pathlib import Path
from unittest import mock

import typer
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import SimpleTestCase, TestCase, TransactionTestCase

from clusterplan.cli.web_cmds import ensure_site_plan
from clusterplan.i18n import LANGUAGES
from clusterplan.plan.load import bundled_plan, load_plan
from clusterweb.commands import DJANGO_OPTIONS, run_language
from clusterweb.planning.management.commands.load_plan import Command
from clusterweb.planning.models import Assumption, PlanDocument
from clusterweb.planning.services import current_plan, published_plan, stored_plan_id
from clusterweb.planning.tests.variant import (
    VARIANT_ID,
    VARIANT_ONLY_ASSUMPTION,
    VARIANT_TITLE,
    write_variant_plan,
)


class VariantPlanTestCase(TestCase):
    """A variant plan directory, written once for the class."""

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls._tmp = tempfile.TemporaryDirectory()
        cls.plan_dir, cls.bundled_only = write_variant_plan(Path(cls._tmp.name) / "plan")
        cls.variant = load_plan(cls.plan_dir)

    @classmethod
    def tearDownClass(cls) -> None:
        cls._tmp.cleanup()
        super().tearDownClass()

    def stored_assumptions(self) -> set[str]:
        return set(Assumption.objects.values_list("key", flat=True))


class LoadPlanCommandTests(VariantPlanTestCase):
    def load(self, *args: str, lang: str = "en") -> str:
        out = io.StringIO()
        call_command("load_plan", *args, "--lang", lang, stdout=out)
        return out.getvalue()

    def test_it_stores_the_given_directory_on_an_empty_database(self) -> None:
        self.assertIn(VARIANT_ID, self.load(str(self.plan_dir)))
        self.assertEqual(list(PlanDocument.objects.values_list("plan_id", flat=True)), [VARIANT_ID])
        self.assertEqual(current_plan().meta.title, VARIANT_TITLE)
        self.assertEqual(published_plan().meta.id, VARIANT_ID)
        self.assertEqual(self.stored_assumptions(), {a.id for a in self.variant.assumptions})
        self.assertNotIn(self.bundled_only, self.stored_assumptions())

    def test_without_a_directory_it_stores_the_bundled_plan(self) -> None:
        self.load()
        self.assertEqual(current_plan().meta.id, bundled_plan().meta.id)

    def test_loading_the_same_plan_again_adds_only_its_own_missing_assumptions(self) -> None:
        self.load(str(self.plan_dir))
        Assumption.objects.filter(key=VARIANT_ONLY_ASSUMPTION).delete()
        self.assertIn("added 1", self.load(str(self.plan_dir)))
        self.assertEqual(self.stored_assumptions(), {a.id for a in self.variant.assumptions})

    def test_it_refuses_to_mix_another_plan_into_the_stored_one(self) -> None:
        self.load(str(self.plan_dir))
        with self.assertRaisesMessage(CommandError, "--replace"):
            self.load()
        self.assertNotIn(self.bundled_only, self.stored_assumptions())
        self.assertEqual(published_plan().meta.id, VARIANT_ID)

    def test_replace_swaps_the_stored_plan(self) -> None:
        self.load(str(self.plan_dir))
        self.load("--replace")
        self.assertEqual(published_plan().meta.id, bundled_plan().meta.id)
        self.assertEqual(self.stored_assumptions(), {a.id for a in bundled_plan().assumptions})

    def test_replace_keeps_the_edited_plan_as_a_revision(self) -> None:
        from clusterweb.planning.models import PlanRevision
        from clusterweb.planning.services import update_assumption

        self.load(str(self.plan_dir))
        assumption = Assumption.objects.exclude(rationale="").order_by("position").first()
        assert assumption is not None
        rationale = assumption.rationale + " (edited)"
        update_assumption(assumption, None, {"rationale": rationale}, read=None)
        self.assertIn("kept the live plan", self.load("--replace"))
        kept = PlanRevision.objects.get(plan_id=VARIANT_ID, kept_from_edits=True)
        rationales = {a["id"]: a["rationale"] for a in kept.data["assumptions"]}
        self.assertEqual(rationales[assumption.key], rationale)

    def test_a_broken_directory_is_one_clear_error(self) -> None:
        (self.plan_dir.parent / "empty").mkdir(exist_ok=True)
        with self.assertRaises(CommandError):
            self.load(str(self.plan_dir.parent / "empty"))
        self.assertFalse(PlanDocument.objects.exists())

    def test_a_stored_plan_that_cannot_be_kept_is_not_replaced(self) -> None:
        """Replacing keeps the stored plan first; when it does not validate, one line says
        so and nothing changes."""
        self.load(str(self.plan_dir))
        Assumption.objects.filter(key=VARIANT_ONLY_ASSUMPTION).update(value=-1e9, low=None)
        before = list(PlanDocument.objects.values_list("pk", flat=True))
        with self.assertRaisesMessage(CommandError, "cannot be kept; nothing changed") as no:
            self.load("--replace")
        self.assertIn("must not be negative", str(no.exception).lower())  # the run's language
        self.assertEqual(list(PlanDocument.objects.values_list("pk", flat=True)), before)
        self.assertEqual(stored_plan_id(), VARIANT_ID)

    def test_loading_the_stored_plan_again_says_so(self) -> None:
        self.load(str(self.plan_dir))
        self.assertIn("holds the plan", self.load(str(self.plan_dir)))

    def test_it_speaks_the_language_of_the_run(self) -> None:
        """Dutch with --lang nl: what it did, its refusals and the core's errors."""
        said = self.load(str(self.plan_dir), lang="nl")
        self.assertEqual(
            said.splitlines(),
            [
                f"het plan '{VARIANT_ID}' is in de database geladen",
                "het bestand met het onderwijsaanbod van het plan is geïmporteerd: "
                + str(self.variant.talent.supply_file if self.variant.talent else None),
            ],
        )
        with self.assertRaises(CommandError) as refused:
            self.load(lang="nl")
        self.assertIn("voeg --replace toe", str(refused.exception))
        (self.plan_dir.parent / "empty").mkdir(exist_ok=True)
        with self.assertRaises(CommandError) as broken:
            self.load(str(self.plan_dir.parent / "empty"), "--replace", lang="nl")
        self.assertIn("meta.yaml", str(broken.exception))
        self.assertNotIn("file", str(broken.exception).replace("meta.yaml", ""))
        self.assertIn("het opgeslagen plan is vervangen door", self.load("--replace", lang="nl"))


class LoadPlanHelpTests(SimpleTestCase):
    """``manage.py load_plan --help`` in the run's language, Django's own options included."""

    def helps(self, lang: str) -> dict[str, str]:
        with run_language(lang):
            parser = Command().create_parser("manage.py", "load_plan")
        return {
            (action.option_strings or [action.dest])[-1]: str(action.help)
            for action in parser._actions
            if action.help is not argparse.SUPPRESS
        }

    def test_every_argument_and_option_has_dutch_help(self) -> None:
        english, dutch = self.helps("en"), self.helps("nl")
        self.assertEqual(english.keys(), dutch.keys())
        self.assertIn("--verbosity", dutch)
        self.assertEqual([k for k in english if english[k] == dutch[k]], [], "still English")

    def test_each_django_option_it_words_is_one_django_gives(self) -> None:
        self.assertLessEqual(DJANGO_OPTIONS.keys(), self.helps("en").keys())

    def test_the_help_follows_lang_before_the_environment(self) -> None:
        printed = io.StringIO()
        english_env = mock.patch.dict(os.environ, {"CLUSTERPLAN_LANG": "en"})
        with english_env, redirect_stdout(printed), self.assertRaises(SystemExit) as done:
            Command().run_from_argv(["manage.py", "load_plan", "--lang", "nl", "--help"])
        self.assertEqual(done.exception.code, 0)
        lines = printed.getvalue().splitlines()
        self.assertTrue(lines[0].startswith("Gebruik: manage.py load_plan"), lines[0])
        self.assertIn("Argumenten:", lines)
        self.assertIn("Opties:", lines)
        self.assertIn("Laad een plan in de database", printed.getvalue())
        # --lang lists the core's languages, as the command line's does
        self.assertIn(f"Taal van de meldingen: {', '.join(LANGUAGES)} (", " ".join(lines))


class ServePlanTests(VariantPlanTestCase):
    """The plan step of ``clusterplan serve`` (migrations and static files aside)."""

    def test_serve_with_a_plan_stores_and_keeps_that_plan_only(self) -> None:
        ensure_site_plan(self.variant, self.plan_dir)
        ensure_site_plan(self.variant, self.plan_dir)  # a second start adds nothing
        self.assertEqual(published_plan().meta.id, VARIANT_ID)
        self.assertEqual(self.stored_assumptions(), {a.id for a in self.variant.assumptions})

    def test_serve_without_a_plan_serves_the_stored_plan_and_adds_no_bundled_assumption(
        self,
    ) -> None:
        ensure_site_plan(self.variant, self.plan_dir)
        ensure_site_plan(bundled_plan(), None)
        self.assertEqual(published_plan().meta.id, VARIANT_ID)
        self.assertNotIn(self.bundled_only, self.stored_assumptions())

    def test_serve_with_another_plan_than_the_stored_one_stops_with_one_line(self) -> None:
        ensure_site_plan(bundled_plan(), None)
        with self.assertRaises(typer.Exit) as stop:
            ensure_site_plan(self.variant, self.plan_dir)
        self.assertEqual(stop.exception.exit_code, 2)
        self.assertEqual(published_plan().meta.id, bundled_plan().meta.id)

    def test_serve_on_the_bundled_plan_adds_its_new_assumptions(self) -> None:
        ensure_site_plan(bundled_plan(), None)
        Assumption.objects.filter(key=self.bundled_only).delete()
        ensure_site_plan(bundled_plan(), None)
        self.assertIn(self.bundled_only, self.stored_assumptions())


class PlanSupplyTests(VariantPlanTestCase):
    """A plan's education supply file comes from its own directory, never the bundled one."""

    def supply_file(self) -> str | None:
        from clusterweb.demand.services import supply_data

        data, _label = supply_data(current_plan())
        return None if data is None else str(data.file)

    def test_the_plan_directory_brings_its_own_supply_file(self) -> None:
        name = self.variant.talent.supply_file if self.variant.talent else None
        assert name
        call_command("load_plan", str(self.plan_dir), stdout=io.StringIO())
        self.assertEqual(self.supply_file(), name)

    def test_without_its_own_file_a_plan_gets_no_supply(self) -> None:
        name = self.variant.talent.supply_file if self.variant.talent else None
        assert name
        with tempfile.TemporaryDirectory() as tmp:
            plan_dir, _ = write_variant_plan(Path(tmp) / "plan")
            (plan_dir / name).unlink()
            ensure_site_plan(load_plan(plan_dir), plan_dir)
        self.assertIsNone(self.supply_file())

    def test_replacing_the_plan_drops_the_old_plans_supply(self) -> None:
        from clusterweb.demand.models import SupplyImport

        call_command("load_plan", str(self.plan_dir), stdout=io.StringIO())
        self.assertEqual(SupplyImport.objects.count(), 1)
        with tempfile.TemporaryDirectory() as tmp:
            plan_dir, _ = write_variant_plan(Path(tmp) / "plan")
            name = self.variant.talent.supply_file if self.variant.talent else None
            assert name
            (plan_dir / name).unlink()
            call_command("load_plan", str(plan_dir), "--replace", stdout=io.StringIO())
        self.assertEqual(SupplyImport.objects.count(), 0)
        self.assertIsNone(self.supply_file())

    def test_replacing_it_by_the_bundled_plan_drops_the_old_plans_supply(self) -> None:
        from clusterweb.demand.models import SupplyImport

        call_command("load_plan", str(self.plan_dir), stdout=io.StringIO())
        self.assertEqual(SupplyImport.objects.count(), 1)
        call_command("load_plan", "--replace", stdout=io.StringIO())
        self.assertEqual(SupplyImport.objects.count(), 0)
        from clusterplan.plan.load import BUNDLED_PLAN_DIR

        bundled = bundled_plan().talent
        assert bundled and bundled.supply_file
        self.assertEqual(self.supply_file(), str(BUNDLED_PLAN_DIR / bundled.supply_file))


class RevisionTests(VariantPlanTestCase):
    """Every plan loaded is kept as a revision: a whole plan as published."""

    def test_each_distinct_plan_loaded_is_kept_once(self) -> None:
        from clusterweb.planning.models import PlanRevision

        call_command("load_plan", str(self.plan_dir), stdout=io.StringIO())
        call_command("load_plan", "--replace", stdout=io.StringIO())
        call_command("load_plan", str(self.plan_dir), "--replace", stdout=io.StringIO())
        kept = sorted(PlanRevision.objects.values_list("plan_id", flat=True))
        self.assertEqual(kept, sorted([VARIANT_ID, bundled_plan().meta.id]))

    def test_a_revision_reads_back_as_the_plan_that_was_loaded(self) -> None:
        from clusterplan.plan.schema import Plan
        from clusterweb.planning.models import PlanRevision

        call_command("load_plan", str(self.plan_dir), stdout=io.StringIO())
        revision = PlanRevision.objects.get(plan_id=VARIANT_ID)
        self.assertEqual(revision.title, VARIANT_TITLE)
        back = Plan.model_validate(revision.data)
        self.assertEqual(back.model_dump(mode="json"), self.variant.model_dump(mode="json"))


class RevisionMigrationTests(TransactionTestCase):
    """The plan a database holds before revisions existed becomes its first revision."""

    def test_the_stored_plan_becomes_a_revision(self) -> None:
        from django.db import connection
        from django.db.migrations.executor import MigrationExecutor

        before = [("planning", "0004_coverage_by_plan_source")]
        after = [("planning", "0005_plan_revision")]
        executor = MigrationExecutor(connection)
        executor.migrate(before)
        old_apps = executor.loader.project_state(before).apps
        data = bundled_plan().model_dump(mode="json")
        old_apps.get_model("planning", "PlanDocument").objects.create(
            plan_id=bundled_plan().meta.id, data=data
        )
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(after)
        new_apps = executor.loader.project_state(after).apps
        revisions = new_apps.get_model("planning", "PlanRevision").objects.all()
        self.assertEqual([r.plan_id for r in revisions], [bundled_plan().meta.id])
        self.assertEqual(revisions[0].data, data)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
