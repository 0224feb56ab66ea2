"""``manage.py load_plan``: load a plan directory (default: the bundled plan) into the database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from clusterplan.model.talent_supply import SupplyError
from clusterplan.plan.load import PlanError, bundled_plan, load_plan
from clusterplan.plan.schema import Plan
from clusterweb.planning import services
from clusterweb.planning.revisions import keep_live_plan


class Command(BaseCommand):
    help = (
        "Load a plan into the database when it is empty; --replace overwrites the stored plan "
        "(the stored plan, edits included, is kept as a revision first); without it, when the "
        "database already holds the same plan, its missing assumptions are added. All or "
        "nothing."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("plan_dir", nargs="?", help="Plan directory (default: bundled plan).")
        parser.add_argument("--replace", action="store_true", help="Replace the stored plan.")

    def handle(self, *args: Any, **options: Any) -> None:
        plan_dir = Path(options["plan_dir"]) if options["plan_dir"] else None
        try:
            plan = load_plan(plan_dir) if plan_dir else bundled_plan()
        except PlanError as exc:
            raise CommandError(str(exc)) from None
        try:
            with transaction.atomic():
                self._store(plan, plan_dir, replace=options["replace"])
        except SupplyError as exc:
            raise CommandError("; ".join(exc.problems)) from None

    def _store(self, plan: Plan, plan_dir: Path | None, *, replace: bool) -> None:
        if replace:
            kept = keep_live_plan()
            if kept is not None:
                self.stdout.write(
                    f"kept the live plan with its edits as a revision of {kept.plan_id}"
                )
            services.load_plan_into_db(plan)
            self._supply(plan, plan_dir)
            self.stdout.write(f"replaced the stored plan with {plan.meta.id}")
            return
        if services.ensure_plan_loaded(plan):
            self._supply(plan, plan_dir)
            self.stdout.write(f"loaded {plan.meta.id}")
            return
        stored = services.stored_plan_id()
        if stored != plan.meta.id:
            raise CommandError(
                f"the database holds plan '{stored}', not '{plan.meta.id}': add --replace to "
                "replace it (the stored plan, edits included, is kept as a revision)"
            )
        added = services.add_missing_assumptions(plan)
        self.stdout.write(f"plan already stored; added {len(added)} new assumption(s)")

    def _supply(self, plan: Plan, plan_dir: Path | None) -> None:
        """The stored plan's education supply comes from its own directory."""
        from clusterweb.demand.services import replace_supply_with_plan_file

        if plan_dir is not None and replace_supply_with_plan_file(plan, plan_dir):
            self.stdout.write("imported the plan's education supply file")
