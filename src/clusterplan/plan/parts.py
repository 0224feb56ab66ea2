"""The optional parts of a plan, and the one error a command gives when it needs one.

A minimal plan is its identity, pillars, base jobs, one or more growth dimensions with
target-year jobs, and projects with costs and coverage (see ``docs/plan-data.md``).
Everything else is an optional *part*. A function that needs a part calls
:func:`require` (or one of the typed accessors below, which return it); when the plan
lacks it, :class:`MissingPart` names the part and the file to add it to. The command
line prints that in one line and exits 2. :data:`COMMAND_PARTS` says which parts each
command needs, so ``clusterplan check`` can report per command whether it will run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from clusterplan.errors import ClusterplanError, Coded
from clusterplan.plan.schema import Goal, Governance, Plan, Space, Talent


@dataclass(frozen=True)
class Part:
    """An optional part: its id, where it lives in a plan directory, and whether a plan has it."""

    id: str
    where: str
    present: Callable[[Plan], bool]


REVENUE_WHERE = (
    "employment.yaml (printed_revenue_growth_pct) or assumption growth.productivity-growth"
)


def _revenue(plan: Plan) -> bool:
    """Revenue figures to calibrate productivity to, or a productivity rate that needs none."""
    scenarios = plan.employment.scenarios.values()
    if any(s.printed_revenue_growth_pct is not None for s in scenarios):
        return True
    from clusterplan.model.growth import CALIBRATE  # the growth engine imports this module

    rate = next((a.value for a in plan.assumptions if a.id == "growth.productivity-growth"), None)
    return rate != CALIBRATE


def _market_growth(plan: Plan) -> bool:
    return getattr(plan.employment, "market_growth_factor", None) is not None


PARTS: Mapping[str, Part] = {
    p.id: p
    for p in (
        Part("goal", "employment.yaml (goal)", lambda p: p.employment.goal is not None),
        Part("space", "space.yaml", lambda p: p.space is not None),
        Part("talent", "talent.yaml", lambda p: p.talent is not None),
        Part("governance", "governance.yaml", lambda p: p.governance is not None),
        Part("facts", "facts.yaml", lambda p: bool(p.facts)),
        Part("organisations", "organisations.yaml", lambda p: bool(p.organisations)),
        Part(
            "organisation_costs",
            "finance.yaml (organisation)",
            lambda p: bool(p.finance.organisation),
        ),
        Part("segments", "taxonomy.yaml (segments)", lambda p: bool(p.taxonomy.segments)),
        Part("markets", "taxonomy.yaml (markets)", lambda p: bool(p.taxonomy.markets)),
        Part(
            "technologies",
            "taxonomy.yaml (technologies)",
            lambda p: bool(p.taxonomy.technologies),
        ),
        Part("revenue_growth", REVENUE_WHERE, _revenue),
        Part("market_growth", "employment.yaml (market_growth_factor)", _market_growth),
        Part("monitoring", "monitoring.yaml", lambda p: p.monitoring is not None),
    )
}
"""Every optional part a command may need, by id."""


class MissingPart(ClusterplanError):
    """A command needs a part of the plan that the plan does not have.

    ``code`` is stable (``plan.missing_part``); ``params`` holds ``part`` and ``where``
    (the file, and the field in it, to add the part to). Its text reads "the plan has no
    PART; add it in WHERE" in the reader's language (the core's catalogue).
    """

    default_code = "plan.missing_part"

    def __init__(self, part: str, where: str) -> None:
        self.part = part
        self.where = where
        params = {"part": part_name(part), "where": where}
        super().__init__(code="plan.missing_part", params=params)


def part_name(part: str) -> Coded:
    """An optional part by its name in the reader's language (the catalogue's
    ``plan.part.<id>``, "ruimte" / "space"), never its id ("geen onderdeel space" on a
    Dutch page)."""
    return Coded(f"plan.part.{part}")


def has(plan: Plan, part: str) -> bool:
    """Whether the plan has this optional part (KeyError for an unknown part id)."""
    return PARTS[part].present(plan)


def require(plan: Plan, *parts: str) -> None:
    """Raise :class:`MissingPart` for the first of ``parts`` the plan lacks."""
    for part in parts:
        info = PARTS[part]
        if not info.present(plan):
            raise MissingPart(part, info.where)


def missing(plan: Plan, parts: tuple[str, ...]) -> list[str]:
    """The ids of ``parts`` the plan lacks, in order."""
    return [part for part in parts if not has(plan, part)]


def goal(plan: Plan) -> Goal:
    """The plan's goal, or :class:`MissingPart`."""
    require(plan, "goal")
    assert plan.employment.goal is not None
    return plan.employment.goal


REFERENCE_PROVENANCE = "the plan sets no goal: the target of its last growth dimension"
"""How a goal a plan does not set is taken (the one rule, :func:`reference_goal`)."""


@dataclass(frozen=True)
class GoalTarget:
    """What the goal-based commands compare with: the plan's goal, or its reference.

    A plan with a goal: ``factor`` x base-year jobs in ``year`` (``dimension`` None). A plan
    without one: the target of its last growth dimension, ``jobs`` in the plan's target
    year (``dimension`` is that dimension's id; see :func:`reference_goal`).
    """

    year: int
    factor: float | None
    jobs: float | None
    dimension: str | None
    provenance: str
    goal: Goal | None = None
    """The plan's own goal, when it sets one."""

    @property
    def declared(self) -> bool:
        """True when the plan sets this goal itself."""
        return self.dimension is None

    def jobs_for(self, base_jobs: float) -> float:
        """The goal in jobs for these base-year jobs (the reference's jobs are fixed)."""
        if self.goal is not None:
            return self.goal.jobs_for(base_jobs)
        assert self.jobs is not None
        return self.jobs


def reference_goal(plan: Plan) -> GoalTarget:
    """The goal of a plan that sets none: its last growth dimension's total jobs in the
    target year (``employment.scenarios[last].jobs``, ``employment.target_year``)."""
    emp = plan.employment
    last = emp.last_dimension
    return GoalTarget(
        year=emp.target_year,
        factor=None,
        jobs=float(emp.scenarios[last].total),
        dimension=last,
        provenance=f"{REFERENCE_PROVENANCE} ({last})",
    )


def goal_target(plan: Plan) -> GoalTarget:
    """The plan's goal when it sets one, else :func:`reference_goal`."""
    g = plan.employment.goal
    if g is None:
        return reference_goal(plan)
    return GoalTarget(
        year=g.year,
        factor=g.factor,
        jobs=None,
        dimension=None,
        provenance=g.source or g.assumption or "",
        goal=g,
    )


def space(plan: Plan) -> Space:
    """The plan's space part, or :class:`MissingPart`."""
    require(plan, "space")
    assert plan.space is not None
    return plan.space


def talent(plan: Plan) -> Talent:
    """The plan's talent programme, or :class:`MissingPart`."""
    require(plan, "talent")
    assert plan.talent is not None
    return plan.talent


def governance(plan: Plan) -> Governance:
    """The plan's governance part, or :class:`MissingPart`."""
    require(plan, "governance")
    assert plan.governance is not None
    return plan.governance


COMMAND_PARTS: Mapping[str, tuple[str, ...]] = {
    "check": (),
    "overview": (),
    "tables": (),
    "scenarios": ("revenue_growth",),
    "finance": (),
    "impact": ("revenue_growth",),
    "simulate": ("revenue_growth",),
    "sensitivity": ("revenue_growth",),
    "discover": ("revenue_growth",),
    "backcast": ("revenue_growth",),
    "phase": ("revenue_growth",),
    "space": ("space", "revenue_growth"),
    "talent": ("talent", "revenue_growth"),
    "monitor": ("monitoring", "revenue_growth"),
    "nowcast": ("monitoring", "revenue_growth"),
    "report": ("monitoring", "revenue_growth"),
    "pipeline": ("revenue_growth",),
    "ecosystem whitespots": ("segments", "technologies"),
    "ecosystem whitespots --by markets": ("segments", "markets"),
    "ecosystem concentration": (),
}
"""The optional parts each command needs with its defaults (``simulate``, ``sensitivity``,
``discover``, ``backcast``, ``phase``, ``pipeline``, ``nowcast`` and ``report`` run without
a goal: they compare with :func:`reference_goal`)."""


@dataclass(frozen=True)
class Readiness:
    """Whether a command can run on a plan, and which parts it would miss."""

    command: str
    missing: tuple[str, ...]

    @property
    def ready(self) -> bool:
        """True when the plan has every part the command needs."""
        return not self.missing


def readiness(plan: Plan) -> list[Readiness]:
    """Per command of :data:`COMMAND_PARTS`: ready, or the parts it misses."""
    return [Readiness(cmd, tuple(missing(plan, needs))) for cmd, needs in COMMAND_PARTS.items()]


def assumption_value(
    plan: Plan,
    assumption_id: str,
    error: type[ClusterplanError],
    code: str = "plan.lacks_assumption",
) -> Any:
    """The value of the plan's assumption ``assumption_id``; ``error`` with ``code``, naming
    the id, when the plan has no such assumption."""
    try:
        return plan.assumption(assumption_id).value
    except KeyError:
        raise error(code=code, params={"id": assumption_id}) from None
