"""The JSON shapes of the API (its OpenAPI schema is built from these)."""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from datetime import date, datetime
from typing import Annotated, Any, Literal, get_type_hints

from ninja import Field, Schema
from pydantic import AllowInfNan, ConfigDict, Strict, create_model

from clusterplan.app.demand import VARY
from clusterplan.app.scenarios import PERCENTILES, EnsembleOutcome
from clusterplan.model.finance import Unknown
from clusterplan.model.phasing import PhasingResult
from clusterplan.plan import bounds
from clusterweb.ecosystem.forms import SEARCH_MAX

Number = Annotated[float, Strict(), AllowInfNan(False)]
"""A request's number: a finite JSON number. A text is refused, never read in the request's
language (as a form reads "1.234": 1234 in Dutch, 1.234 in English). Named values judged by
a form (a scenario's ``values``, re-phasing ``caps``) are checked so by the endpoint, which
names the input's label."""

Whole = Annotated[int, Strict()]
"""A request's whole number: a JSON integer (not 3.0, "3" or true)."""

Dimension = str
"""A growth dimension id of the loaded plan (GET /api/plan lists them); unknown: 422."""

Vary = Literal[VARY]  # type: ignore[valid-type]
"""What a demand ensemble varies (:data:`clusterplan.model.demand.VARY`)."""


def dimension_field() -> Any:
    """A request's optional growth dimension (unknown: 422, in the core's words)."""
    return Field(default=None, description="A growth dimension of the plan; default: its last.")


def seed_field(reproduces: str) -> Any:
    """A request's optional ensemble seed, within :data:`clusterplan.plan.bounds.SEED`
    (default: the platform's); ``reproduces`` says what the same seed gives."""
    return Field(
        default=None,
        ge=int(bounds.SEED.low),
        le=int(bounds.SEED.high),
        description=f"Seed of the ensemble; default: the platform's (CLUSTERWEB_SEED). {reproduces}",
    )


class Detail(Schema):
    """A refusal: what is wrong, in the user's language (Accept-Language)."""

    detail: str


class Problem(Schema):
    """One invalid input: where (``loc``), why (``msg``, in the user's language), and a
    stable code (``type``)."""

    loc: list[str | int]
    msg: str
    type: str


class Invalid(Schema):
    detail: list[Problem]


class GoalOut(Schema):
    year: int
    factor: float
    jobs: float = Field(description="Goal jobs: the factor times the base-year jobs.")


class ProjectOut(Schema):
    id: str
    name: str


class PlanOut(Schema):
    id: str
    title: str
    cluster: str
    region: str
    published: str
    horizon_start: int
    horizon_end: int
    revision: str = Field(description="Changes whenever the stored plan changes.")
    goal: GoalOut | None = Field(description="None when the plan sets no goal.")
    projects: list[ProjectOut]


class InputOut(Schema):
    """A named input of a scenario (declared once in ``clusterplan.app.inputs``)."""

    name: str
    label: str
    help: str = ""
    low: float | None
    high: float | None
    unit: str = Field(description="The unit's code (as clusterplan inputs --json gives it).")
    unit_label: str = Field(description="The unit in the user's language (Accept-Language).")
    default: Any
    required: bool
    choices: list[str] | None = None


class Strict(Schema):
    """An input: an unknown field is refused (named), never silently ignored."""

    model_config = ConfigDict(extra="forbid")


class NarrativeOut(Schema):
    """A market stress narrative of the plan (``growth.market.stress``)."""

    name: str
    label: str


class ScenarioIn(Strict):
    dimension: Dimension | None = dimension_field()
    values: dict[str, Any] = Field(
        default_factory=dict,
        description="Named inputs (GET /api/scenarios/inputs), each a number; missing: the "
        "plan's default. The scenario form judges each one, as on the scenario page: an "
        "unknown name, or a value that is not a number in its range, is refused naming it.",
    )
    stress: str | None = Field(
        default=None,
        max_length=100,
        description="A market stress narrative of the plan (GET /api/scenarios/narratives): "
        "the jobs and the band under it, as clusterplan scenarios --stress; default: none, "
        "every market on its central path.",
    )


class Band(Schema):
    n: int
    p_goal: float | None = Field(
        description="Probability of the goal. The plan's goal, or when it sets none (GET /api/plan: goal null) the target of its last growth dimension."
    )
    p5: list[float]
    p50: list[float]
    p95: list[float]


class ScenarioOut(Schema):
    dimension: Dimension
    values: dict[str, Any]
    years: list[int]
    pillars: list[str]
    jobs: dict[str, list[float]]
    total: list[float]
    goal_jobs: float | None = Field(
        description="The plan's goal, or when it sets none (GET /api/plan: goal null) the target of its last growth dimension."
    )
    goal_year: int | None
    ensemble: Band | None
    stress: str | None = Field(
        description="The market stress narrative the jobs and the band are under, or null."
    )


def _server_max_samples(schema: dict[str, Any]) -> None:
    """An ensemble size's maximum in the schema: this server's limit
    (:func:`clusterweb.scenarios.services.ensemble_max_samples`, which the ensemble form
    holds too), read when the schema is served."""
    from clusterweb.scenarios.services import ensemble_max_samples

    schema["maximum"] = ensemble_max_samples()


class EnsembleIn(Strict):
    samples: Whole = Field(
        ge=int(bounds.SAMPLES.low),
        json_schema_extra=_server_max_samples,  # a larger one: the ensemble form's refusal
        description="Ensemble size, at most this server's maximum (CLUSTERWEB_ENSEMBLE_MAX_"
        "SAMPLES, within the declared bound of an ensemble's size).",
    )
    dimension: Dimension | None = dimension_field()
    seed: Whole | None = seed_field(
        "The same seed, samples and dimension give the numbers of clusterplan simulate."
    )


def _ensemble_out() -> type[Schema]:
    """The answer of an ensemble: the core's :class:`EnsembleOutcome` (its fields are declared
    there) with the plan's revision, its percentiles as ``p5``, ``p50``, ... and without the
    report year."""
    hints = get_type_hints(EnsembleOutcome)
    described = {
        "goal_year": "The plan's goal year, or when it sets none (GET /api/plan: goal null) "
        "the target year of its last growth dimension.",
        "goal_declared": "False when the plan sets no goal and goal_year, goal_jobs and "
        "p_goal are those of that reference.",
    }
    out: dict[str, Any] = {"revision": (str, ...)}
    for f in dataclass_fields(EnsembleOutcome):
        if f.name not in ("percentiles", "year"):
            default = Field(description=described[f.name]) if f.name in described else ...
            out[f.name] = (hints[f.name], default)
    out |= {f"p{q}": (list[float], ...) for q in PERCENTILES}
    return create_model("EnsembleOut", __base__=Schema, **out)


EnsembleOut = _ensemble_out()


class TaskOut(Schema):
    task: int
    status: str
    url: str = Field(description="The task's page on the web platform (progress, result).")
    status_url: str = Field(
        description="The task for this token (GET /api/tasks/{task}): status, progress and, "
        "when done, the result."
    )


class TaskStatusOut(Schema):
    """A background task this user started (as its page shows it)."""

    task: int
    status: str = Field(description="queued, running, done or failed.")
    status_label: str = Field(description="The status in the user's language.")
    percent: int = Field(description="Progress in whole percent.")
    message: str = Field(description="Why it failed, in the user's language; else empty.")
    url: str = Field(description="The task's page on the web platform.")
    result: EnsembleOut | None = Field(  # type: ignore[valid-type]
        description="When done: the answer the request that started it would have given at "
        "once (an ensemble: as the 200 of POST /api/ensembles); null before."
    )


class OrganisationQuery(Schema):
    """A search of the registry (or of the public showcase)."""

    q: str = Field(
        default="",
        max_length=SEARCH_MAX,
        description="Text in an organisation's name, place or public texts (the registry page's search).",
    )


class DemandQuery(Schema):
    """The space and talent demand asked for: a dimension and the ensemble's size, seed
    (their ranges: :data:`clusterplan.plan.bounds.DEMAND_SAMPLES` and ``SEED``, as on the
    command line and for the platform's own setting) and what it varies."""

    dimension: Dimension | None = dimension_field()
    samples: int | None = Field(
        default=None,
        ge=int(bounds.DEMAND_SAMPLES.low),
        le=int(bounds.DEMAND_SAMPLES.high),
        description="Ensemble size; default: the platform's (CLUSTERWEB_DEMAND_SAMPLES).",
    )
    seed: int | None = seed_field("The same seed and samples give the same ensemble.")
    vary: Vary = Field(
        default=VARY[0],
        description="What the ensemble varies: the growth assumptions (job paths), the space "
        "and talent parameters, or both (as clusterplan space/talent --vary).",
    )


class DemandEnsembleOut(Schema):
    """One ensemble of both models, in the form the command line gives it: each band's
    percentiles (``p5``, ``p50``, ``p95``) per year; null where the figure is unknown."""

    space: dict[str, Any] | None = Field(
        description="As the ensemble of clusterplan space --json: size, seed, what it "
        "varies, the probability of a shortfall per year and the bands of the yearly demand, "
        "the demand so far and the shortfall so far (m²); null when the plan has no space "
        "part."
    )
    talent: dict[str, Any] | None = Field(
        description="As the ensemble of clusterplan talent --json: the bands of the hires "
        "needed and of the gap per education level; null when the plan has no talent part."
    )


class DemandOut(Schema):
    dimension: Dimension
    until: int
    space: dict[str, Any] | None = Field(
        description="As clusterplan space --json; null when the plan has no space part."
    )
    talent: dict[str, Any] | None = Field(
        description="As clusterplan talent --json; null when the plan has no talent part."
    )
    ensemble: DemandEnsembleOut | None = Field(
        description="The space and talent bands and the probability of a shortfall, of one "
        "ensemble; null without one."
    )


class ChangeIn(Strict):
    project: str
    shift: Whole | None = Field(default=None, description="Years later (negative: earlier).")
    stretch: Whole | None = Field(default=None, description="Extra years.")
    scale: Number | None = Field(default=None, description="Factor on the amounts.")


class WhatIfIn(Strict):
    changes: list[ChangeIn] = Field(
        description="Cost lines moved, spread out or resized; each line at most once."
    )


class RephaseIn(Strict):
    caps: dict[str, Any] = Field(
        description="Yearly cap per funding source (M EUR), each a number; missing or null: "
        "no cap. The re-phasing form judges each one, as on the re-phasing page: a source "
        "the plan has not, or a value that is not a number in its range, is refused naming it."
    )


# --------------------------------------------------------------------------- finance
# The answers of GET /api/finance, POST /api/finance/whatif (the core's finance_data, as
# clusterplan finance --json) and POST /api/finance/rephase (phasing_data, as clusterplan
# phase --json): M EUR throughout; ids (of sources, cost lines, pillars) as the plan gives
# them; a year as a key is text (JSON's keys are).

ByYear = dict[str, float]
"""A figure per year (the year as text)."""
BySource = dict[str, ByYear]
"""A figure per funding source and year."""
PerSource = dict[str, float]
"""A figure per funding source (no year)."""
UnknownTable = get_type_hints(Unknown)["table"]
"""The table of a cost line an unknown is in (the core's :class:`Unknown`)."""
UnknownKind = get_type_hints(Unknown)["kind"]
"""What is unknown: a yearly cost, a source's coverage, a total."""
PhasingStatus = get_type_hints(PhasingResult)["status"]
"""How a re-phasing ended (the core's :class:`PhasingResult`)."""


class FinancePartOut(Schema):
    """The cash needs of one part of the cost lines (the projects or the organisation)."""

    by_source: BySource
    by_source_incomplete_years: dict[str, list[int]] = Field(
        description="Per source, the years whose figure leaves an unknown out (a lower bound)."
    )
    year_totals: ByYear
    year_totals_incomplete_years: list[int]
    total_meur: float
    unknown_count: int


class CumulativeOut(Schema):
    cost: ByYear = Field(description="The cost so far, per year.")
    by_source: BySource = Field(description="Each source's cash need so far, per year.")


class FinanceUnknownOut(Schema):
    """Something the plan leaves unknown, so a figure that includes it is a lower bound."""

    line: str = Field(description="The cost line's id.")
    table: UnknownTable  # type: ignore[valid-type]
    kind: UnknownKind  # type: ignore[valid-type]
    year: int | None
    source: str | None
    text: str = Field(description="The unknown in words, in the user's language.")


class FundingOut(Schema):
    """Secured and pipeline funding against the cash needs, and the gap, per source."""

    needed: BySource
    needed_incomplete_years: dict[str, list[int]]
    secured: BySource
    secured_without_year: PerSource
    pipeline: BySource
    pipeline_without_year: PerSource
    gap: BySource
    gap_total: PerSource
    outside_years_meur: float = Field(
        description="Secured or pipeline funding dated outside the years."
    )


class JobsEffectOut(Schema):
    """Jobs per year before and after the what-if changes (growth dimension ``dimension``)."""

    dimension: Dimension
    years: list[int]
    before: ByYear
    after: ByYear
    delta: ByYear
    delta_by_pillar: BySource = Field(description="The change in jobs per pillar and year.")
    not_in_growth_model: list[str] = Field(
        description="Changed cost lines the growth model has no jobs for."
    )


class ChangeOut(Schema):
    shift_years: int
    stretch_years: int
    scale: float


class FinanceOut(Schema):
    """Cash needs per cost line, source and year, the unknowns and the funding status (as
    clusterplan finance --json); with what-if changes also their effect on jobs."""

    units: str
    years: list[int]
    sources: list[str]
    public_sources: list[str]
    by_source: BySource
    by_source_incomplete_years: dict[str, list[int]]
    by_project: dict[str, ByYear] = Field(description="The cost per project and year.")
    by_organisation_line: dict[str, ByYear] = Field(
        description="The cost per line of the programme organisation and year."
    )
    cost_unknown_years: dict[str, list[int]] = Field(
        description="Per cost line with an unknown cost, the years it is unknown in."
    )
    coverage_by_line: dict[str, BySource] = Field(
        description="Per cost line, what each source covers per year."
    )
    uncovered_by_line: dict[str, ByYear] = Field(
        description="Per cost line that its sources do not cover whole, the rest per year."
    )
    unscheduled_coverage_by_line: dict[str, PerSource] = Field(
        description="Per cost line, coverage per source that has no year."
    )
    year_totals: ByYear
    year_totals_incomplete_years: list[int]
    public_share: ByYear = Field(description="The public sources' part per year.")
    public_fraction: dict[str, float | None] = Field(
        description="The public sources' fraction per year; null where there is no cost."
    )
    cumulative: CumulativeOut
    projects: FinancePartOut
    organisation: FinancePartOut
    unknown: list[FinanceUnknownOut]
    grand_total_meur: float
    grand_total_unknown_count: int
    grand_total_is_lower_bound: bool
    overflow_meur: PerSource = Field(
        description="Per cost line, cost that falls after the last year."
    )
    advanced_meur: PerSource = Field(description="Per cost line, cost moved before the first year.")
    funding: FundingOut
    jobs_effect: JobsEffectOut | None = Field(
        default=None,
        description="Only with changes (POST /api/finance/whatif): their effect on jobs.",
    )
    plan: str = Field(description="The plan's id.")
    changes: dict[str, ChangeOut] = Field(
        description="The changes applied, per cost line (a change that changes nothing is "
        "left out); empty for GET /api/finance."
    )


class PhasingShiftOut(Schema):
    shift_years: int
    stretch_years: int
    start_year: int


class TightCapOut(Schema):
    source: str
    year: int


class BindingCapOut(Schema):
    """A cap that makes the phasing infeasible, and how much more it would need."""

    source: str
    cap_meur: float
    relaxation_meur: float
    years: list[int]
    peak_need_meur: float


class PrecedenceOut(Schema):
    before: str
    after: str
    min_lag_years: int


class RephaseOut(Schema):
    """The phasing chosen under the caps (as clusterplan phase --json)."""

    status: PhasingStatus  # type: ignore[valid-type]
    feasible: bool
    message: str = Field(description="The outcome in words, in the user's language.")
    goal_year: int | None
    years: list[int]
    caps_meur: PerSource
    shifts: dict[str, PhasingShiftOut] = Field(description="The phasing chosen per project.")
    by_source: BySource = Field(description="The cash need per source and year, re-phased.")
    jobs_goal_year_before: float | None
    jobs_goal_year_after: float | None
    total_delay_years: int
    tight_caps: list[TightCapOut] = Field(description="Caps the phasing reaches.")
    binding_caps: list[BindingCapOut]
    precedence: list[PrecedenceOut]
    precedence_conflicts: list[PrecedenceOut]
    notes: list[str] = Field(description="Notes in the user's language.")


# --------------------------------------------------------------------------- actuals


class ActualsQuery(Schema):
    """Which stored figures: of one indicator, of one year (default: every one)."""

    indicator: str | None = Field(
        default=None,
        max_length=64,
        description="An indicator's id of the plan's monitoring part (422 for another).",
    )
    year: int | None = Field(
        default=None, ge=int(bounds.YEAR.low), le=int(bounds.YEAR.high), description="A year."
    )


class ActualOut(Schema):
    """A stored figure as the page of stored figures shows it: indicator and subject by id
    and by name in the request's language, year, value in the indicator's unit, where it
    comes from, and the partner organisation that submitted it (null: plan data such as a
    statistic or annual accounts)."""

    id: int
    indicator: str = Field(description="The indicator's id (the plan's monitoring part).")
    indicator_label: str
    subject: str | None = Field(description="A pillar, project, source or level; null: total.")
    subject_label: str
    year: int
    value: float
    unit: str = Field(description="The indicator's unit code.")
    unit_label: str = Field(description="The unit in the request's language.")
    source: str
    received: date | None
    organisation: str | None = Field(description="The submitting organisation's key.")


# --------------------------------------------------------------------------- leads


class LeadOut(Schema):
    """A lead of the acquisition funnel as the core reads it (``clusterplan.ecosystem.funnel.
    Lead``); one the core refuses (stored before one of its rules) as stored, with why."""

    id: str = Field(description="The lead's key.")
    company: str
    source: str = Field(description="Where the lead comes from (a lead source's code).")
    via_organisation: str | None
    stage: str = Field(description="The funnel stage's code.")
    owner: str | None
    next_action: str | None
    next_action_date: date | None
    expected_jobs: dict[str, Any] = Field(
        description="Expected jobs per pillar: whole numbers or null; a lead the core refuses "
        "gives them as stored (its ``problem`` says what is wrong)."
    )
    area_m2: float | None
    capex_meur: float | None
    fills_segment: str | None
    fills_technology: str | None
    fills_market: str | None
    landing_year: int | None
    probability: float | None = Field(description="Its own; null: its stage's default.")
    problem: str = Field(
        default=None,
        description="Only for a lead the core refuses: the reason, in the user's language "
        "(such a lead is not counted in the pipeline until it is corrected on its page).",
    )


class OrganisationOut(Schema):
    key: str
    name: str
    fields: dict[str, Any] = Field(description="Every field this user may see.")
    hidden: list[str] = Field(description="Names of the fields this user may not see.")


class LeadMoveIn(Strict):
    stage: str
    on: date = Field(
        description="When the lead entered the stage: a date of what has happened, its year "
        f"from {int(bounds.YEAR.low)} and not after this year (the move form's rule); else 422."
    )
    from_stage: str = Field(
        description="The stage the lead was in when you read it: a move of a lead someone "
        "else moved meanwhile is refused (409)."
    )


class EventOut(Schema):
    id: int
    name: str
    date: date
    venue: str
    description: str
    registration_opens: datetime
    registration_closes: datetime
    registration_open: bool
    url: str
