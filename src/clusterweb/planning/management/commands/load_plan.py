"""``manage.py load_plan``: load a plan directory (default: the bundled plan) into the database."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from clusterplan.plan.load import PlanError, bundled_plan, load_plan
from clusterweb.planning import services


class Command(BaseCommand):
    help = (
        "Load a plan into the database when it is empty; --replace overwrites the stored plan "
        "(edits are lost, the history stays); without it, when the database already holds "
        "the same plan, its missing assumptions are added."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("plan_dir", nargs="?", help="Plan directory (default: bundled plan).")
        parser.add_argument("--replace", action="store_true", help="Replace the stored plan.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            plan = load_plan(options["plan_dir"]) if options["plan_dir"] else bundled_plan()
        except PlanError as exc:
            raise CommandError(str(exc)) from None
        if options["replace"]:
            services.load_plan_into_db(plan)
            self.stdout.write(f"replaced the stored plan with {plan.meta.id}")
            return
        if services.ensure_plan_loaded(plan):
            self.stdout.write(f"loaded {plan.meta.id}")
            return
        stored = services.stored_plan_id()
        if stored != plan.meta.id:
            raise CommandError(
                f"the database holds plan '{stored}', not '{plan.meta.id}': add --replace to "
                "replace it (edits are lost, the history stays)"
            )
        added = services.add_missing_assumptions(plan)
        self.stdout.write(f"plan already stored; added {len(added)} new assumption(s)")
