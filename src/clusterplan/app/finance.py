"""Use cases of the finance model: cash needs with what-if changes, and re-phasing.

The command line (``finance``, ``phase``), the web's finance pages and the API call these,
so the call sequence of each (cash needs, funding status, jobs effect; settings, value
table, other jobs, problem, solver) is written once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from clusterplan.model.changes import ProjectChange
from clusterplan.model.finance import CashNeeds, FundingStatus, cash_needs, funding_status
from clusterplan.model.jobs_effect import (
    JobsEffect,
    goal_year_other_jobs,
    goal_year_value_table,
    jobs_effect,
)
from clusterplan.model.phasing import (
    PhasingProblem,
    PhasingResult,
    ValueTable,
    option_keys,
    phaseable_projects,
    phasing_problem,
    phasing_settings,
    solve_phasing,
)
from clusterplan.plan.schema import Plan
from clusterplan.report.finance import finance_data, finance_tables, jobs_effect_data
from clusterplan.report.table import Table


@dataclass(frozen=True)
class FinanceOutcome:
    """Cash needs and funding status of the plan (with what-if changes), and the effect of
    the changes on jobs (None without changes); ``plan_needs`` are the cash needs without
    the changes (``needs`` itself when there are none)."""

    needs: CashNeeds
    status: FundingStatus
    changes: Mapping[str, ProjectChange]
    effect: JobsEffect | None
    plan_needs: CashNeeds

    def as_data(self, plan: Plan, lang: str) -> dict[str, Any]:
        """The JSON of ``clusterplan finance --json`` and the API's finance endpoints, its
        texts in ``lang`` (the run's, the request's)."""
        data = finance_data(plan, self.needs, lang, self.status)
        if self.effect is not None:
            data["jobs_effect"] = jobs_effect_data(self.effect)
        data["plan"] = plan.meta.id
        data["changes"] = {
            key: {"shift_years": c.shift_years, "stretch_years": c.stretch_years, "scale": c.scale}
            for key, c in self.changes.items()
        }
        return data

    def tables(self, plan: Plan, lang: str) -> list[Table]:
        """The tables of ``clusterplan finance`` in ``lang`` (text, CSV and XLSX), with the
        what-if result when there are changes."""
        changed = self.effect is not None
        return finance_tables(
            plan,
            self.needs,
            self.status,
            lang,
            base=self.plan_needs if changed else None,
            effect=self.effect,
        )


def finance(plan: Plan, changes: Mapping[str, ProjectChange] | None = None) -> FinanceOutcome:
    """Cash needs per source and year and the funding status, with what-if ``changes``
    (project id to shift, stretch, scale) and their effect on jobs. A change that changes
    nothing (no shift, no stretch, scale 1) is no change: it is left out.

    Raises :class:`~clusterplan.model.finance.FinanceInputError` for a change the model
    cannot apply.
    """
    chosen = {key: c for key, c in (changes or {}).items() if not c.is_identity}
    needs = cash_needs(plan, changes=chosen)
    return FinanceOutcome(
        needs=needs,
        status=funding_status(plan, needs),
        changes=chosen,
        effect=jobs_effect(plan, chosen) if chosen else None,
        plan_needs=cash_needs(plan) if chosen else needs,
    )


def rephase(
    plan: Plan,
    caps_meur: Mapping[str, float],
    *,
    window: tuple[int, int] | None = None,
    stretches: tuple[int, ...] | None = None,
    values: ValueTable | None = None,
) -> tuple[PhasingProblem, PhasingResult]:
    """Re-phase the movable projects under yearly caps per funding source (M EUR).

    ``window`` (earliest, latest shift of a start in years) and ``stretches`` (allowed extra
    years) replace the plan's assumptions; ``values`` (project to option key to jobs in the
    goal year) replaces the growth model's value table. Raises
    :class:`~clusterplan.model.finance.FinanceInputError` for caps or settings the model
    refuses.
    """
    settings = phasing_settings(plan)
    if window is not None:
        settings = dataclasses.replace(settings, window=window)
    if stretches is not None:
        settings = dataclasses.replace(settings, stretches=stretches)
    movable = phaseable_projects(plan)
    table = (
        values
        if values is not None
        else goal_year_value_table(plan, option_keys(settings), movable)
    )
    other = goal_year_other_jobs(plan, movable)
    problem = phasing_problem(plan, dict(caps_meur), table, settings=settings, other_jobs=other)
    return problem, solve_phasing(problem)
