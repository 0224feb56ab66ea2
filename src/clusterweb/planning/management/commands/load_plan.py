"""``manage.py load_plan``: load a plan directory (default: the bundled plan) into the database.

It speaks the command line's language (``--lang``, else ``CLUSTERPLAN_LANG`` or the locale),
its help included (:class:`clusterweb.commands.LocalisedCommand`); storing the plan is
:func:`revisions.store_plan`, the same step ``clusterplan serve`` takes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError
from django.utils.translation import gettext_lazy as _

from clusterplan.cli.localised import PLAN_HELP
from clusterplan.errors import ClusterplanError, describe
from clusterplan.i18n import gettext as core_text
from clusterplan.plan.load import bundled_plan, load_plan
from clusterweb.commands import LocalisedCommand
from clusterweb.planning import revisions
from clusterweb.planning.services import PlanInvalid


class Command(LocalisedCommand):
    help = _(
        "Load a plan into the database when it is empty; --replace overwrites the stored plan "
        "(the stored plan, edits included, is kept as a revision first); without it, when the "
        "database already holds the same plan, its missing assumptions are added. All or "
        "nothing."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("plan_dir", nargs="?", help=core_text(PLAN_HELP))
        parser.add_argument("--replace", action="store_true", help=_("Replace the stored plan."))

    def handle(self, *args: Any, **options: Any) -> None:
        self._load(options["plan_dir"], replace=options["replace"])

    def _load(self, folder: str | None, *, replace: bool) -> None:
        plan_dir = Path(folder) if folder else None
        try:
            plan = load_plan(plan_dir) if plan_dir else bundled_plan()
            stored = revisions.store_plan(plan, plan_dir, replace=replace)
        except ClusterplanError as exc:
            raise CommandError(describe(exc)) from None
        except PlanInvalid as exc:
            raise CommandError(exc.unkept()) from None
        if stored.outcome == "other":
            raise CommandError(
                core_text(
                    "the database holds the plan '{stored}', not '{plan}': add --replace to "
                    "replace it (the stored plan, edits included, is kept as a revision)"
                ).format(stored=stored.stored, plan=plan.meta.id)
            )
        if stored.kept is not None:
            self.stdout.write(
                core_text("kept the live plan with its edits as a revision of '{plan}'").format(
                    plan=stored.kept
                )
            )
        self.stdout.write(stored.summary())
        if stored.supply is not None:
            self.stdout.write(
                core_text("imported the plan's education supply file {file}").format(
                    file=stored.supply
                )
            )
