"""Cross-references and ranges that a single field cannot check.

Each problem is ``(section, location inside the section file, reason)``; the loader
turns it into a :class:`~clusterplan.plan.load.PlanProblem` with file and line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard

from clusterplan.errors import ClusterplanError, Coded
from clusterplan.io.yaml_io import shorten, shorten_message
from clusterplan.plan import bounds
from clusterplan.plan.parts import MissingPart
from clusterplan.plan.schema import (
    ENABLING,
    FLEXIBLE_SPACE,
    SPACE_FUNCTIONS,
    Assumption,
    CostLine,
    Plan,
    unknown_dimension,
)

if TYPE_CHECKING:
    from clusterplan.io.limits import ReadLimits
    from clusterplan.model.talent_supply import SupplyData

Problem = tuple[str, tuple[str | int, ...], str]

COVERAGE_TOLERANCE_MEUR = 1e-6
"""Rounding slack when comparing coverage with cost (amounts are exact decimals)."""

MIX_TOLERANCE = 1e-6
"""Rounding slack when checking that the shares of a mix add up to 1."""

FIRST_YEAR, LAST_YEAR = 1990, 2100
"""The years a year in a plan may be (one outside them is a typing error)."""

UNIT_BOUNDS: dict[str, tuple[float, float | None]] = {
    "m2/job": (0.0, None),
    "m2/m2": (0.0, None),
    "share": (0.0, 1.0),
    "mix": (0.0, 1.0),
    "1/yr": (0.0, 1.0),
    "people/yr": (0.0, None),
}
"""Allowed range of an assumption's value (and of each entry of a mapping value) by unit.
A ``mix`` is a mapping of shares that must also add up to 1."""

UNIT_CHECKED_PREFIXES: tuple[str, ...] = ("space.", "talent.")
"""Assumption ids whose values are checked against :data:`UNIT_BOUNDS` (other models
use their own unit spellings and check their values themselves)."""


def _number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _assumption_problems(index: int, a: Assumption) -> Iterator[Problem]:
    """Range problems of one assumption's value, judged by its unit: the models' own unit
    rules first, then the declared range of its unit (:mod:`clusterplan.plan.bounds`), then
    the assumption's own low-high range; the first of these that finds a problem speaks."""
    found = list(_unit_problems(index, a))
    if not found:
        found = list(_bound_problems(index, a))
    if not found:
        found = list(_own_range_problems(index, a))
    yield from found


def _own_range_problems(index: int, a: Assumption) -> Iterator[Problem]:
    """A number value lies within the assumption's own ``low``-``high`` range (the range it
    is sampled in, and the one its edit form shows)."""
    if not _number(a.value):
        return
    if a.low is not None and a.value < a.low:
        yield (
            "assumptions",
            (index, "value"),
            Coded("value.below_low", {"value": a.value, "low": a.low}),
        )
    elif a.high is not None and a.value > a.high:
        yield (
            "assumptions",
            (index, "value"),
            Coded("value.above_high", {"value": a.value, "high": a.high}),
        )


def _bound_problems(index: int, a: Assumption) -> Iterator[Problem]:
    """Every number in an assumption's value (a scalar, or the entries of a list or mapping)
    lies in the declared range of its unit; text, references and flags are the models'."""
    bound = bounds.for_assumption(a.id, a.unit)
    entries: list[tuple[tuple[str | int, ...], object]]
    if isinstance(a.value, dict):
        entries = [((index, "value", str(k)), v) for k, v in a.value.items()]
    elif isinstance(a.value, list):
        entries = [((index, "value", i), v) for i, v in enumerate(a.value)]
    else:
        entries = [((index, "value"), a.value)]
    for loc, value in entries:
        if _number(value):
            problem = bound.problem(value)
            if problem is not None:
                yield (
                    "assumptions",
                    loc,
                    Coded("value.problem_got", {"problem": problem, "value": value}),
                )


def _plausible(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


def _unit_problems(index: int, a: Assumption) -> Iterator[Problem]:
    if not a.id.startswith(UNIT_CHECKED_PREFIXES):
        return
    if a.unit == "year":
        years = a.value.values() if isinstance(a.value, dict) else [a.value]
        if not all(isinstance(y, int) and _plausible(y) for y in years):
            yield (
                "assumptions",
                (index, "value"),
                Coded("value.years", {"low": FIRST_YEAR, "high": LAST_YEAR}),
            )
        return
    if a.unit not in UNIT_BOUNDS:
        return
    low, high = UNIT_BOUNDS[a.unit]
    at_most = "value.share_at_most" if high == 1.0 else "value.value_at_most"
    entries: list[tuple[tuple[str | int, ...], object]]
    if isinstance(a.value, dict):
        entries = [((index, "value", str(k)), v) for k, v in a.value.items()]
    else:
        entries = [((index, "value"), a.value)]
    entries += [((index, b), getattr(a, b)) for b in ("low", "high") if getattr(a, b) is not None]
    for loc, value in entries:
        if value is None:
            continue
        if not _number(value):
            yield (
                "assumptions",
                loc,
                Coded("value.number_in_unit", {"unit": a.unit, "value": shorten(value)}),
            )
        elif float(value) < low:
            yield (
                "assumptions",
                loc,
                Coded("value.negative_for_unit", {"unit": a.unit, "value": shorten(value)}),
            )
        elif high is not None and float(value) > high:
            yield "assumptions", loc, Coded(at_most, {"high": high, "value": shorten(value)})
    if a.unit == "mix":
        if not isinstance(a.value, dict):
            yield "assumptions", (index, "value"), Coded("value.mix_mapping")
        elif all(_number(v) for v in a.value.values()):
            total = sum(float(v) for v in a.value.values())
            if abs(total - 1.0) > MIX_TOLERANCE:
                yield "assumptions", (index, "value"), Coded("value.mix_sum", {"total": total})


def _unknown_ids(
    section: str,
    loc: tuple[str | int, ...],
    used: Iterable[str],
    known: set[str],
    what: str,
) -> Iterator[Problem]:
    for index, value in enumerate(used):
        if value not in known:
            yield (
                section,
                (*loc, index),
                Coded(
                    "plan.unknown_ref",
                    {"what": Coded(f"term.{what}"), "value": value, "known": sorted(known)},
                ),
            )


def _unknown_organisation(
    section: str, loc: tuple[str | int, ...], value: str | None, organisations: set[str]
) -> list[Problem]:
    """The problem at ``loc`` when ``value`` names an organisation the plan does not list
    (None names none), else nothing."""
    if value is None or value in organisations:
        return []
    return [(section, loc, Coded("plan.unknown_organisation", {"value": value}))]


def _duplicates(section: str, loc: tuple[str | int, ...], ids: list[str]) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, value in enumerate(ids):
        if value in seen:
            yield section, (*loc, index, "id"), Coded("plan.duplicate_id", {"value": value})
        seen.add(value)


def _cost_line_problems(
    section: str, loc: tuple[str | int, ...], line: CostLine, years: set[int]
) -> Iterator[Problem]:
    for year in line.costs_meur:
        if year not in years:
            yield (
                section,
                (*loc, "costs_meur", year),
                Coded(
                    "plan.year_outside_cost_years_range",
                    {"year": year, "first": min(years), "last": max(years)},
                ),
            )
    for year in line.blank_years:
        if year not in years:
            yield (
                section,
                (*loc, "blank_years"),
                Coded("plan.year_outside_cost_years", {"year": year}),
            )
        elif line.costs_meur.get(year) not in (0, 0.0):
            yield section, (*loc, "blank_years"), Coded("plan.blank_not_zero", {"year": year})
    has_unknown_cost = bool(line.unknown_cost_years)
    cost_total = line.printed_total_meur
    if cost_total is None and not has_unknown_cost:
        cost_total = line.known_cost_meur
    coverage = [v for v in line.coverage_meur.as_dict().values() if v is not None]
    if cost_total is not None and not has_unknown_cost:
        if sum(coverage) > cost_total + COVERAGE_TOLERANCE_MEUR:
            yield (
                section,
                (*loc, "coverage_meur"),
                Coded("plan.coverage_above_cost", {"coverage": sum(coverage), "cost": cost_total}),
            )


def _commitment_problems(plan: Plan, horizon: set[int]) -> Iterator[Problem]:
    fin = plan.finance
    lines = {p.id for p in fin.projects} | {o.id for o in fin.organisation}
    instruments = {i.id: i for i in fin.instruments}
    for i, commitment in enumerate(fin.commitments):
        loc: tuple[str | int, ...] = ("commitments", i)
        if commitment.line not in lines:
            yield (
                "finance",
                (*loc, "line"),
                Coded("plan.unknown_line", {"value": commitment.line, "known": sorted(lines)}),
            )
        if commitment.year is not None and commitment.year not in horizon:
            yield (
                "finance",
                (*loc, "year"),
                Coded(
                    "plan.year_outside_horizon_range",
                    {"year": commitment.year, "first": min(horizon), "last": max(horizon)},
                ),
            )
        if commitment.instrument is not None:
            instrument = instruments.get(commitment.instrument)
            if instrument is None:
                yield (
                    "finance",
                    (*loc, "instrument"),
                    Coded(
                        "plan.unknown_instrument",
                        {"value": commitment.instrument, "known": sorted(instruments)},
                    ),
                )
            elif instrument.source_category != commitment.source:
                yield (
                    "finance",
                    (*loc, "instrument"),
                    Coded(
                        "plan.instrument_source",
                        {
                            "id": instrument.id,
                            "source": instrument.source_category,
                            "given": commitment.source,
                        },
                    ),
                )


def cross_check(plan: Plan) -> list[Problem]:
    """Every cross-reference and range problem of a plan (empty when valid)."""
    problems: list[Problem] = []
    pillars = {p.id for p in plan.taxonomy.pillars}
    segments = {s.id for s in plan.taxonomy.segments}
    markets = {m.id for m in plan.taxonomy.markets}
    technologies = {t.id for t in plan.taxonomy.technologies}
    organisations = {o.id for o in plan.organisations}
    horizon = set(plan.years)
    cost_years = set(plan.finance.cost_years)

    for name, items in (
        ("pillars", [p.id for p in plan.taxonomy.pillars]),
        ("segments", [s.id for s in plan.taxonomy.segments]),
        ("markets", [m.id for m in plan.taxonomy.markets]),
        ("technologies", [t.id for t in plan.taxonomy.technologies]),
    ):
        problems += _duplicates("taxonomy", (name,), items)
    problems += _duplicates("organisations", (), [o.id for o in plan.organisations])
    problems += _duplicates("taxonomy", ("judgements",), [j.id for j in plan.taxonomy.judgements])
    for i, judgement in enumerate(plan.taxonomy.judgements):
        for attr, known, what in (
            ("segment", segments, "segment"),
            ("technology", technologies, "technology"),
            ("market", markets, "market"),
        ):
            value = getattr(judgement, attr)
            if value is not None and value not in known:
                problems.append(
                    (
                        "taxonomy",
                        ("judgements", i, attr),
                        Coded(
                            "plan.unknown_ref",
                            {"what": Coded(f"term.{what}"), "value": value, "known": sorted(known)},
                        ),
                    )
                )

    for i, org in enumerate(plan.organisations):
        problems += _unknown_ids("organisations", (i, "pillars"), org.pillars, pillars, "pillar")
        problems += _unknown_ids(
            "organisations", (i, "segments"), org.segments, segments, "segment"
        )
        problems += _unknown_ids("organisations", (i, "markets"), org.markets, markets, "market")
        problems += _unknown_ids(
            "organisations", (i, "technologies"), org.technologies, technologies, "technology"
        )

    emp = plan.employment
    for year, where in ((emp.base_year, "base_year"), (emp.target_year, "target_year")):
        if year not in horizon:
            problems.append(
                ("employment", (where,), Coded("plan.year_outside_horizon", {"year": year}))
            )
    if emp.goal is not None and emp.goal.year not in horizon:
        problems.append(
            (
                "employment",
                ("goal", "year"),
                Coded("plan.year_outside_horizon", {"year": emp.goal.year}),
            )
        )
    problems += _unknown_ids("employment", ("base",), list(emp.base), pillars, "pillar")
    missing = pillars - set(emp.base)
    if missing:
        problems.append(
            ("employment", ("base",), Coded("plan.missing_pillars", {"pillars": sorted(missing)}))
        )
    for key, scenario in emp.scenarios.items():
        problems += _unknown_ids(
            "employment", ("scenarios", key, "jobs"), list(scenario.jobs), pillars, "pillar"
        )
        missing = pillars - set(scenario.jobs)
        if missing:
            problems.append(
                (
                    "employment",
                    ("scenarios", key, "jobs"),
                    Coded("plan.missing_pillars", {"pillars": sorted(missing)}),
                )
            )
        for j, statement in enumerate(scenario.statements):
            problems += _unknown_ids(
                "employment",
                ("scenarios", key, "statements", j, "pillars"),
                statement.pillars,
                pillars,
                "pillar",
            )

    fin = plan.finance
    problems += _duplicates("finance", ("projects",), [p.id for p in fin.projects])
    problems += _duplicates("finance", ("organisation",), [o.id for o in fin.organisation])
    for year in fin.cost_years:
        if year not in horizon:
            problems.append(
                ("finance", ("cost_years",), Coded("plan.year_outside_horizon", {"year": year}))
            )
    dimensions = {*emp.dimension_ids, ENABLING}
    for i, project in enumerate(fin.projects):
        loc: tuple[str | int, ...] = ("projects", i)
        if project.dimension not in dimensions:
            reason = unknown_dimension(project.dimension, [*emp.dimension_ids, ENABLING])
            problems.append(("finance", (*loc, "dimension"), reason))
        problems += _unknown_ids("finance", (*loc, "pillars"), project.pillars, pillars, "pillar")
        problems += _unknown_ids(
            "finance", (*loc, "organisations"), project.organisations, organisations, "organisation"
        )
        problems += _cost_line_problems("finance", loc, project, cost_years)
        for j, phase in enumerate(project.phases):
            for attr in ("start", "end"):
                year = getattr(phase, attr)
                if year is not None and year not in horizon:
                    problems.append(
                        (
                            "finance",
                            (*loc, "phases", j, attr),
                            Coded("plan.year_outside_horizon", {"year": year}),
                        )
                    )
    for i, line in enumerate(fin.organisation):
        problems += _cost_line_problems("finance", ("organisation", i), line, cost_years)
    for table_key in ("projects_printed_totals", "organisation_printed_totals"):
        totals = getattr(fin, table_key)
        for year in totals.costs_meur if totals is not None else []:
            if year not in cost_years:
                problems.append(
                    (
                        "finance",
                        (table_key, "costs_meur", year),
                        Coded("plan.year_outside_cost_years", {"year": year}),
                    )
                )

    problems += _commitment_problems(plan, horizon)

    governance = plan.governance
    for i, member in enumerate(governance.steering_group if governance is not None else []):
        problems += _unknown_organisation(
            "governance",
            ("steering_group", i, "organisation"),
            member.organisation or None,  # a member may leave it empty
            organisations,
        )
    for i, partner in enumerate(governance.programme_partners if governance is not None else []):
        problems += _unknown_organisation(
            "governance",
            ("programme_partners", i, "organisation"),
            partner.organisation,
            organisations,
        )
    if plan.talent is not None:
        problems += _unknown_ids(
            "talent", ("partners",), plan.talent.partners, organisations, "organisation"
        )
    functions = set(SPACE_FUNCTIONS) | set(FLEXIBLE_SPACE)
    plots = plan.space.plots if plan.space is not None else []
    for i, plot in enumerate(plots):
        if plot.available_from is not None and not _plausible(plot.available_from):
            problems.append(
                ("space", ("plots", i, "available_from"), Coded("plan.implausible_year"))
            )
        if plot.function is not None and plot.function not in functions:
            problems.append(
                (
                    "space",
                    ("plots", i, "function"),
                    Coded(
                        "plan.unknown_function",
                        {"value": plot.function, "known": sorted(functions)},
                    ),
                )
            )
    problems += _duplicates("space", ("plots",), [p.id for p in plots])
    programmes = plan.talent.programmes if plan.talent is not None else []
    problems += _duplicates("talent", ("programmes",), [p.id for p in programmes])
    for i, programme in enumerate(programmes):
        problems += _unknown_organisation(
            "talent", ("programmes", i, "organisation"), programme.organisation, organisations
        )
        if programme.from_year is not None and not _plausible(programme.from_year):
            problems.append(
                ("talent", ("programmes", i, "from_year"), Coded("plan.implausible_year"))
            )
    fact_ids = {f.id for f in plan.facts}
    for i, fact in enumerate(plan.facts):
        if fact.same_quantity_as is None:
            continue
        if fact.same_quantity_as == fact.id:
            problems.append(("facts", (i, "same_quantity_as"), Coded("plan.fact_self")))
        elif fact.same_quantity_as not in fact_ids:
            problems.append(
                (
                    "facts",
                    (i, "same_quantity_as"),
                    Coded("plan.unknown_fact", {"value": fact.same_quantity_as}),
                )
            )
    for i, assumption in enumerate(plan.assumptions):
        problems += _assumption_problems(i, assumption)
    problems += _duplicates("assumptions", (), [a.id for a in plan.assumptions])
    return problems


def _model_inputs() -> dict[str, Callable[[Plan], object]]:
    """The function that reads each model's inputs from a plan (imported late: the models
    import the plan schema, not the other way round)."""
    from clusterplan.ecosystem.settings import ecosystem_settings
    from clusterplan.ecosystem.startups import startup_settings
    from clusterplan.model.backcast import backcast_assumptions
    from clusterplan.model.finance import cash_needs
    from clusterplan.model.growth import growth_assumptions
    from clusterplan.model.impact import impact_assumptions
    from clusterplan.model.space import space_assumptions
    from clusterplan.model.talent import talent_assumptions

    return {
        "growth": growth_assumptions,
        "space": space_assumptions,
        "talent": talent_assumptions,
        "ecosystem": ecosystem_settings,
        "startups": startup_settings,
        "finance": cash_needs,
        "impact": impact_assumptions,
        "backcast": backcast_assumptions,
    }


def model_problems(plan: Plan) -> list[tuple[str, str]]:
    """``(model, reason)`` for every model that would refuse this plan (empty when none).

    A plan can be valid field by field and still lack what the models need (no
    assumptions at all, say); ``clusterplan check`` must not call such a plan valid.
    """
    problems: list[tuple[str, str]] = []
    for model, read_inputs in _model_inputs().items():
        if model == "talent" and plan.talent is None:
            continue  # an optional section: the talent commands refuse such a plan
        try:
            read_inputs(plan)
        except MissingPart:
            continue  # an optional part: check's command table says who needs it
        except (ValueError, KeyError, TypeError) as exc:
            reason = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
            if isinstance(exc, ClusterplanError):
                problems.append((model, exc.coded))
            elif exc.args and isinstance(exc.args[0], Coded):  # an error carrying its code
                problems.append((model, exc.args[0]))
            else:
                problems.append((model, shorten_message(str(reason))))
    return problems


def model_refusals(plan: Plan) -> list[Coded]:
    """:func:`model_problems` as coded reasons ("the <model> model cannot use this plan:
    <reason>"): what ``clusterplan check`` refuses, and so the platform's plan edits and
    uploaded revisions."""
    return [
        Coded("plan.model_refuses", {"model": Coded(f"model.{model}"), "reason": reason})
        for model, reason in model_problems(plan)
    ]


def require_usable(plan: Plan, where: str) -> None:
    """Raise :class:`~clusterplan.plan.load.PlanError` with each of :func:`model_refusals`
    at ``where`` (the plan's assumptions): a plan valid field by field that a model cannot
    use is refused where a plan is taken, as ``clusterplan check`` refuses it (uploaded and
    stored plans, a revision made live)."""
    from clusterplan.plan.load import PlanError, PlanProblem

    refused = [PlanProblem(where, None, "", reason) for reason in model_refusals(plan)]
    if refused:
        raise PlanError(refused)


def require_takeable(
    plan: Plan, folder: Path, where: str, limits: ReadLimits | None = None
) -> SupplyData | None:
    """What a plan read from ``folder`` must pass to be taken (``clusterplan check`` and
    ``plan import``, an uploaded revision): :func:`require_usable` (at ``where``), and its
    own education supply file read and checked within ``limits`` (``SupplyError``, by file,
    row and column). Returns that file's data (None when the plan has none)."""
    from clusterplan.model.talent_supply import read_plan_supply

    require_usable(plan, where)
    return read_plan_supply(plan, folder, limits)
