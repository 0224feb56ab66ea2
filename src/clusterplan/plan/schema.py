"""The plan as typed, validated data (pydantic v2).

Every figure carries provenance: ``source`` (a section or table of the plan) or
``assumption`` (a rationale, when the plan does not give the figure). Unknown values
('?' in the plan) are ``None`` and are never read as zero.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from enum import StrEnum
from typing import (
    TYPE_CHECKING,
    Annotated,
    Any,
    ClassVar,
    Final,
    Literal,
    Protocol,
    TypeVar,
    get_args,
)

from pydantic import BaseModel, ConfigDict, Field, RootModel, model_validator

from clusterplan.errors import Coded
from clusterplan.i18n import Named as Words
from clusterplan.i18n import without_accents
from clusterplan.plan.bounds import (
    AreaM2,
    Jobs,
    MarketSizeBEUR,
    MoneyMEUR,
    MoneyTotalMEUR,
    Number,
    PeoplePerYear,
    PositiveFactor,
    PowerMW,
    Share,
)
from clusterplan.plan.bounds import Year as Year

if TYPE_CHECKING:
    from clusterplan.monitor.indicators import Monitoring

ENABLING = "enabling"
"""The dimension of a project that enables growth without being a growth dimension itself."""


SpaceFunction = Literal["production", "lab", "other", "office"]
SPACE_FUNCTIONS: tuple[str, ...] = get_args(SpaceFunction)
"""The plan's four space functions (Groeiplan IV, Ruimte): Productieruimte,
Laboratoriumruimte, Overige bedrijfsruimte, Kantoorruimte, in that order."""

FLEXIBLE_SPACE: tuple[str, ...] = ("bedrijfsruimte", "mixed")
"""Plot functions that can serve any of :data:`SPACE_FUNCTIONS` (the plan's plots are
offered 'voor bedrijfsruimten', without a function)."""

EducationLevel = Literal["mbo", "hbo", "wo", "other"]
EDUCATION_LEVELS: tuple[str, ...] = get_args(EducationLevel)
"""Education levels of the talent model (MBO, HBO, WO, other)."""


ID_PATTERN: Final = r"^[a-z0-9][a-z0-9_-]*$"
"""The form of an id in the plan: a lowercase letter or digit, then also ``_`` and ``-``."""
ID_MAX: Final = 100
"""The longest an id in the plan may be: what the platform keeps of an id."""
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=ID_MAX)]


def id_from_name(name: str, legal_suffixes: tuple[str, ...] = ()) -> str:
    """An id of :data:`ID_PATTERN` made from a name, the one way every new id is made (a
    plan's items, an organisation, a lead, a start-up): accents and punctuation dropped,
    lower case, words joined by ``-`` (``'Über Chips B.V.'`` -> ``'uber-chips-bv'``, or
    ``'uber-chips'`` when ``bv`` is one of the ``legal_suffixes``). Empty when the name has
    no letter or digit."""
    words = re.sub(
        r"[^a-z0-9_]+", " ", re.sub(r"[^\w\s-]", "", without_accents(name).casefold())
    ).split()
    while len(words) > 1 and words[-1] in legal_suffixes:
        words.pop()
    return "-".join(words).strip("_-")


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_WithId = TypeVar("_WithId", bound=_HasId)


def refused(where: str, problem: Coded) -> ValueError:
    """A validator's refusal of one field inside the record: ``where`` (a path such as
    ``scenarios.b.builds_on``) and the coded ``problem`` there."""
    return ValueError(Coded("value.field_problem", {"field": where, "problem": problem}))


def unknown_dimension(value: str, known: Iterable[str]) -> Coded:
    """The reason for a growth dimension the plan does not have (``known``: the ones it has)."""
    return Coded(
        "plan.unknown_ref", {"what": Coded("term.dimension"), "value": value, "known": list(known)}
    )


def by_id(items: Iterable[_WithId], wanted: str) -> _WithId:
    """The item of ``items`` whose ``id`` is ``wanted`` (KeyError if none is)."""
    for item in items:
        if item.id == wanted:
            return item
    raise KeyError(wanted)


class Strict(BaseModel):
    """Base: unknown fields are errors, models are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Provenance(Strict):
    """Where a record's figures come from: the plan (``source``) or an assumption."""

    source: str | None = Field(default=None, description="Section/table of the plan.")
    assumption: str | None = Field(default=None, description="Rationale when not in the plan.")

    @model_validator(mode="after")
    def _has_provenance(self) -> Provenance:
        if not (self.source or self.assumption):
            raise ValueError(Coded("plan.needs_provenance"))
        return self


class Named(Strict):
    """Something with an id and a Dutch and an English name."""

    id: Id
    name_nl: str
    name_en: str
    description_nl: str | None = None


class Pillar(Named):
    """One of the plan's economic pillars."""


class Segment(Named):
    """A value-chain segment (HighTechNL, Figure 1)."""


class MarketOutlook(Provenance):
    """An application market's size in the base year and its growth to the target year.

    ``low``, ``central`` and ``high`` are growth factors from the base year to the plan's
    target year (1.5 = +50%); the growth engine samples between them (``central`` is the
    mode) and follows each on a constant yearly rate.
    """

    size_beur: MarketSizeBEUR = Field(description="World market size in the base year, bn EUR.")
    low: PositiveFactor
    central: PositiveFactor
    high: PositiveFactor

    @model_validator(mode="after")
    def _ordered(self) -> MarketOutlook:
        if not self.low <= self.central <= self.high:
            raise ValueError(
                Coded(
                    "plan.growth_factors_order",
                    {"low": self.low, "central": self.central, "high": self.high},
                )
            )
        return self


class Market(Named):
    """An application market (market-pull)."""

    outlook: MarketOutlook | None = None


class Technology(Named):
    """A technology-push area."""


class CellJudgement(Provenance):
    """The plan's own judgement on a part of the value chain (a cell of a white-spot matrix).

    ``segment`` with ``technology`` or ``market`` names a cell; a judgement may also
    concern a whole segment, technology or market (the other fields None).
    """

    id: Id
    kind: Literal["strength", "weakness", "white_spot"]
    segment: str | None = None
    technology: str | None = None
    market: str | None = None
    text_nl: str
    text_en: str


class Taxonomy(Provenance):
    """Pillars, value-chain segments, markets and technologies."""

    pillars: list[Pillar] = Field(min_length=1)
    segments: list[Segment] = Field(default_factory=list, description="Optional part.")
    markets: list[Market] = Field(default_factory=list, description="Optional part.")
    technologies: list[Technology] = Field(default_factory=list, description="Optional part.")
    judgements: list[CellJudgement] = Field(
        default_factory=list, description="The plan's judgements on segments and cells."
    )


class OrgKind(StrEnum):
    """What kind of organisation."""

    IDM = "idm"
    EQUIPMENT_OEM = "equipment_oem"
    OSAT_EMS = "osat_ems"
    DESIGN_HOUSE = "design_house"
    SUPPLIER = "supplier"
    TEST_SERVICES = "test_services"
    SYSTEM_INTEGRATOR = "system_integrator"
    KNOWLEDGE_INSTITUTE = "knowledge_institute"
    EDUCATION = "education"
    GOVERNMENT = "government"
    SUPPORT = "support_organisation"
    NETWORK = "business_network"
    CAMPUS = "campus"
    RESEARCH_FIRM = "research_firm"
    NATIONAL_PLATFORM = "national_platform"
    CLUSTER = "cluster"
    OTHER = "other"


ORGANISATION_TEXT_MAX: dict[str, int] = {
    "id": ID_MAX,
    "name": 200,
    "place": 100,
    "campus": 100,
    "size_band": 40,
    "source": 300,
}
"""The longest text of each short field of an organisation, in characters: a name several
times the longest real company name, a place or campus far beyond any Dutch place name, a
size band's id, a source line. One declaration: a plan, an import (command line and
platform) and the platform's registry columns all take these."""


def _text_max(name: str) -> Any:
    return Field(max_length=ORGANISATION_TEXT_MAX[name])


class Organisation(Provenance):
    """An organisation the plan names."""

    source: Annotated[str, _text_max("source")] | None = Field(
        default=None, description="Section/table of the plan."
    )
    id: Annotated[Id, _text_max("id")]
    name: Annotated[str, _text_max("name")]
    aliases: list[str] = Field(default_factory=list)
    kind: OrgKind
    pillars: list[str] = Field(default_factory=list)
    segments: list[str] = Field(default_factory=list)
    technologies: list[str] = Field(default_factory=list)
    markets: list[str] = Field(default_factory=list)
    place: Annotated[str, _text_max("place")] | None = None
    on_campus: bool | None = None
    in_region: bool = True
    role_nl: str | None = None
    # Registry fields (issue 7); all optional, unknown = None.
    campus: Annotated[str, _text_max("campus")] | None = None
    size_band: Annotated[str, _text_max("size_band")] | None = Field(
        default=None, description="Id of a size band assumption."
    )
    description_public: str | None = None
    capabilities_offered: str | None = None
    offered_tags: list[str] = Field(default_factory=list)
    capabilities_needed: str | None = None
    needed_tags: list[str] = Field(default_factory=list)
    collaboration_opportunities: str | None = None
    # Confidential: only editors and the organisation's own partner users may see these.
    jobs: Jobs | None = None
    revenue_meur: MoneyMEUR | None = None
    growth_plans: str | None = None

    CONFIDENTIAL_FIELDS: ClassVar[tuple[str, ...]] = ("jobs", "revenue_meur", "growth_plans")
    """Fields that no public page, export or role without the right may show."""


class Goal(Provenance):
    """The plan's headline goal: ``factor`` times the base year's jobs by ``year``."""

    year: Year
    factor: PositiveFactor

    def jobs_for(self, base_jobs: float) -> float:
        """The goal in jobs: ``factor`` times the base-year jobs (the one place of the rule)."""
        return self.factor * base_jobs


class PillarStatement(Provenance):
    """What the plan's text says about some pillars of a growth dimension.

    ``kind`` ``excluded``: the text says these pillars do not grow in this dimension
    (e.g. organic growth "in every pillar except ..."); ``clusterplan check`` compares the
    statement with the row's numbers.
    """

    kind: Literal["excluded"] = "excluded"
    pillars: list[str] = Field(min_length=1)
    text_en: str
    text_nl: str | None = None


class EmploymentScenario(Provenance):
    """A growth dimension: jobs per pillar in the target year (a row of the plan's job figure).

    ``builds_on`` names the dimension this one adds to (its projects come on top of that
    dimension's); None means it stands on the base alone.
    """

    name_nl: str
    name_en: str
    builds_on: str | None = Field(
        default=None, description="Id of the growth dimension this one adds to."
    )
    includes_nl: str | None = None
    jobs: dict[str, Jobs]
    printed_total: Jobs | None = None
    printed_revenue_growth_pct: Number | None = None
    statements: list[PillarStatement] = Field(
        default_factory=list, description="What the plan's text says about this row's pillars."
    )

    @property
    def total(self) -> int:
        """The dimension's total jobs in the target year: the sum over the pillars (a plan's
        printed total is ``printed_total``, checked against it)."""
        return sum(self.jobs.values())


class Employment(Provenance):
    """Jobs per pillar: the base year and the plan's growth dimensions (one or more)."""

    base_year: Year
    target_year: Year
    goal: Goal | None = Field(default=None, description="Optional part: the headline goal.")
    approximate: bool = True
    base: dict[str, Jobs]
    printed_base_total: Jobs | None = None
    scenarios: dict[str, EmploymentScenario] = Field(
        min_length=1, description="The growth dimensions, in the plan's order."
    )
    market_growth_factor: PositiveFactor | None = Field(
        default=None, description="Market growth to the target year (optional)."
    )
    milestone_years: list[Year] = Field(
        default_factory=list,
        description="Years the back-casting marks as job milestones (optional; none if the "
        "plan sets none).",
    )

    @model_validator(mode="after")
    def _dimensions(self) -> Employment:
        for key in self.scenarios:
            if key == ENABLING or not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", key):
                problem = Coded("plan.dimension_id", {"value": key, "reserved": ENABLING})
                raise refused("scenarios", problem)
        first = next(iter(self.scenarios))
        if self.scenarios[first].builds_on is not None:
            raise refused(f"scenarios.{first}.builds_on", Coded("plan.first_builds_on"))
        for key, scenario in self.scenarios.items():
            seen = [key]
            step = scenario.builds_on
            while step is not None:
                if step not in self.scenarios:
                    raise refused(
                        f"scenarios.{key}.builds_on", unknown_dimension(step, self.scenarios)
                    )
                if step in seen:
                    circle = Coded("plan.builds_on_circle", {"path": " -> ".join([*seen, step])})
                    raise refused(f"scenarios.{key}.builds_on", circle)
                seen.append(step)
                step = self.scenarios[step].builds_on
        return self

    @property
    def dimension_ids(self) -> list[str]:
        """The growth dimensions' ids in the plan's order; the first is the market-driven
        path."""
        return list(self.scenarios)

    @property
    def last_dimension(self) -> str:
        """The plan's last growth dimension: every project, and so the default of a
        scenario, an ensemble, a back-cast and a page."""
        return self.dimension_ids[-1]

    def chain(self, dimension: str) -> list[str]:
        """``dimension`` and every dimension it builds on, the deepest first (KeyError if
        unknown)."""
        out = [dimension]
        step = self.scenarios[dimension].builds_on
        while step is not None:
            out.insert(0, step)
            step = self.scenarios[step].builds_on
        return out

    @property
    def base_total(self) -> int:
        """The base year's total jobs: the sum over the pillars (the one place of the sum;
        a plan's printed total is ``printed_base_total``, checked against it)."""
        return sum(self.base.values())

    def goal_jobs(self) -> float | None:
        """The goal in jobs: the goal's factor times the base year's total jobs (None when
        the plan sets no goal)."""
        return None if self.goal is None else self.goal.jobs_for(self.base_total)


class Phase(Provenance):
    """A phase of a project."""

    id: str
    name_nl: str
    start: Year | None = None
    end: Year | None = None
    description_nl: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Phase:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(Coded("plan.phase_order", {"end": self.end, "start": self.start}))
        return self

    def runs_in(self, year: int) -> bool:
        """Whether the phase is under way in ``year``: started by then and not ended before
        it (no end: open-ended; no start: not dated, so never)."""
        return (
            self.start is not None and self.start <= year and (self.end is None or year <= self.end)
        )


class Coverage(RootModel[dict[str, MoneyMEUR | None]]):
    """Coverage of a cost line by funding source (source id -> M EUR). None = unknown ('?').

    The ids are the plan's ``finance.sources``; :class:`Finance` checks them.
    """

    model_config = ConfigDict(frozen=True)

    def as_dict(self) -> dict[str, float | None]:
        """Source id to amount."""
        return dict(self.root)

    def __getitem__(self, source: str) -> float | None:
        return self.root[source]

    def get(self, source: str) -> float | None:
        """The amount for ``source`` (None when unknown or absent)."""
        return self.root.get(source)


class FundingSource(Named):
    """A funding source: a coverage column of the plan's cost tables."""


class CostLine(Provenance):
    """A row of a cost table (projects or organisation): yearly costs and coverage, M EUR."""

    id: Id
    name_nl: str
    name_en: str
    costs_meur: dict[Year, MoneyMEUR | None]
    printed_total_meur: MoneyTotalMEUR | None = None
    coverage_meur: Coverage
    blank_years: list[Year] = Field(
        default_factory=list,
        description="Cells left blank in the printed table, read as 0 (totals confirm).",
    )

    @property
    def unknown_cost_years(self) -> list[int]:
        """The years whose cost the plan does not give (unknown, never read as zero)."""
        return [y for y, v in self.costs_meur.items() if v is None]

    @property
    def known_cost_meur(self) -> float:
        """The sum of the yearly costs the plan gives (the unknown years left out)."""
        return sum(v for v in self.costs_meur.values() if v is not None)


class YearJobs(Strict):
    """Direct jobs of a project in one year: structural (lasting) and temporary."""

    structural: Jobs = 0
    temporary: Jobs = 0


class Milestone(Strict):
    """A dated milestone of a business case, with the KPI that shows it is met."""

    date: datetime.date
    name: str = Field(min_length=1)
    kpi: str | None = None


class BusinessCase(Strict):
    """A project's own business case: what it says it delivers, and where that comes from.

    Where a project has one, the growth engine takes its structural jobs per year instead of
    the ``growth.project.job-split`` assumption. ``pillar_shares`` spreads them over pillars
    (default: the split's shares, else the project's pillars equally). Temporary jobs
    (construction, start-up) are reported but never counted as cluster growth.
    """

    jobs: dict[Year, YearJobs] = Field(min_length=1)
    pillar_shares: dict[str, Share] = Field(default_factory=dict)
    floor_area_m2: dict[SpaceFunction, AreaM2] = Field(default_factory=dict)
    energy_mw: PowerMW | None = None
    talent: dict[EducationLevel, Jobs] = Field(default_factory=dict)
    milestones: list[Milestone] = Field(default_factory=list)
    sources: list[str] = Field(min_length=1, description="Documents the figures come from.")

    @model_validator(mode="after")
    def _shares(self) -> BusinessCase:
        if self.pillar_shares and abs(sum(self.pillar_shares.values()) - 1.0) > 1e-6:
            total = sum(self.pillar_shares.values())
            raise refused("pillar_shares", Coded("value.mix_sum", {"total": total}))
        return self


class Project(CostLine):
    """A flagship project or programme (a row of the projects table)."""

    dimension: str = Field(
        description="A growth dimension id of employment.yaml, or 'enabling'.",
        pattern=ID_PATTERN,
    )
    pillars: list[str] = Field(default_factory=list)
    organisations: list[str] = Field(default_factory=list)
    phases: list[Phase] = Field(default_factory=list)
    description_nl: str | None = None
    business_case: BusinessCase | None = None


class TableTotals(Provenance):
    """The printed totals row of a table."""

    costs_meur: dict[Year, MoneyTotalMEUR | None]
    total_meur: MoneyTotalMEUR | None
    coverage_meur: Coverage


CommitmentStatus = Literal["planned", "applied", "granted", "paid"]
"""How far a funding commitment has come, in order."""
COMMITMENT_STATUSES: tuple[str, ...] = get_args(CommitmentStatus)

SECURED_COMMITMENT_STATUSES: tuple[str, ...] = ("granted", "paid")
"""Statuses of a commitment whose money is secured (the rest is in the pipeline)."""


class Commitment(Strict):
    """An amount a funder has been asked for or has pledged, for one cost line and source.

    ``line`` is a project id or an organisation line id; ``year`` None
    means the commitment is not tied to a year. Granted and paid commitments are secured.
    """

    line: str
    source: str = Field(description="A funding source id of finance.sources.")
    amount_meur: MoneyMEUR
    year: Year | None = None
    status: CommitmentStatus
    instrument: str | None = Field(default=None, description="Id from finance.instruments.")
    note: str | None = None
    provenance: Provenance

    @property
    def secured(self) -> bool:
        """True when the money is secured: granted or paid (the one place of the rule)."""
        return self.status in SECURED_COMMITMENT_STATUSES


class Finance(Provenance):
    """The cost tables with their printed totals, the funding sources, instruments and
    commitments."""

    sources: list[FundingSource] = Field(
        min_length=1, description="The funding sources, in the plan's column order."
    )
    cost_years: list[Year]
    projects: list[Project]
    projects_printed_totals: TableTotals | None = Field(
        default=None, description="Optional part: the printed totals row of the projects table."
    )
    organisation: list[CostLine] = Field(
        default_factory=list, description="Optional part: the organisation cost table."
    )
    organisation_printed_totals: TableTotals | None = Field(
        default=None, description="Optional part: the organisation table's printed totals."
    )
    instruments: list[Instrument] = Field(default_factory=list)
    agenda_meur_approx: MoneyTotalMEUR | None = None
    commitments: list[Commitment] = Field(default_factory=list)

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The funding sources' ids in the plan's column order."""
        return tuple(s.id for s in self.sources)

    def funding_source(self, source_id: str) -> FundingSource:
        """The funding source with this id (KeyError if absent)."""
        return by_id(self.sources, source_id)

    @model_validator(mode="before")
    @classmethod
    def _source_order(cls, data: Any) -> Any:
        """Every coverage mapping in the order of ``sources`` (unknown ids last, reported
        by the check after validation)."""
        if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
            return data
        order = [s.get("id") for s in data["sources"] if isinstance(s, dict)]

        def ordered(row: Any) -> Any:
            if not isinstance(row, dict) or not isinstance(row.get("coverage_meur"), dict):
                return row
            cov = row["coverage_meur"]
            keys = [k for k in order if k in cov] + [k for k in cov if k not in order]
            return {**row, "coverage_meur": {k: cov[k] for k in keys}}

        out = dict(data)
        for name in ("projects", "organisation"):
            if isinstance(out.get(name), list):
                out[name] = [ordered(row) for row in out[name]]
        for name in ("projects_printed_totals", "organisation_printed_totals"):
            out[name] = ordered(out.get(name))
        return out

    @model_validator(mode="after")
    def _sources(self) -> Finance:
        ids = self.source_ids
        twice = sorted({s for s in ids if ids.count(s) > 1})
        if twice:
            raise refused("sources", Coded("plan.ids_twice", {"ids": twice}))
        known = set(ids)
        rows: list[tuple[str, Coverage]] = [
            *((f"projects[{i}] {p.id!r}", p.coverage_meur) for i, p in enumerate(self.projects)),
            *(
                [("projects_printed_totals", self.projects_printed_totals.coverage_meur)]
                if self.projects_printed_totals is not None
                else []
            ),
            *(
                (f"organisation[{i}] {o.id!r}", o.coverage_meur)
                for i, o in enumerate(self.organisation)
            ),
            *(
                [("organisation_printed_totals", self.organisation_printed_totals.coverage_meur)]
                if self.organisation_printed_totals is not None
                else []
            ),
        ]
        for where, coverage in rows:
            unknown = [s for s in coverage.root if s not in known]
            if unknown:
                params = {"sources": unknown, "known": ids}
                raise refused(where, Coded("plan.coverage_unknown_sources", params))
            missing = [s for s in ids if s not in coverage.root]
            if missing:
                raise refused(where, Coded("plan.coverage_lacks_sources", {"sources": missing}))
        source = Coded("term.source")
        for i, c in enumerate(self.commitments):
            if c.source not in known:
                params = {"what": source, "value": c.source, "known": ids}
                raise refused(f"commitments[{i}] ({c.line})", Coded("plan.unknown_ref", params))
        for i, inst in enumerate(self.instruments):
            if inst.source_category not in known:
                params = {"what": source, "value": inst.source_category, "known": ids}
                where = f"instruments[{i}] {inst.id!r} source_category"
                raise refused(where, Coded("plan.unknown_ref", params))
        return self


class Instrument(Provenance):
    """A funding instrument the plan names."""

    id: Id
    name: str
    level: Literal["eu", "national", "regional", "private", "mixed"]
    source_category: str = Field(description="A funding source id of finance.sources.")


class Plot(Provenance):
    """A plot or building that can supply space."""

    id: Id
    name: str
    area_m2: AreaM2
    location: str
    available_from: Year | None = None
    function: str | None = Field(
        default=None,
        description="One of SPACE_FUNCTIONS or FLEXIBLE_SPACE; None = any function.",
    )
    kind: Literal["plot", "building"] = "plot"


class RangeM2(Provenance):
    """An area given as a range."""

    low_m2: AreaM2
    high_m2: AreaM2

    @model_validator(mode="after")
    def _ordered(self) -> RangeM2:
        if self.high_m2 < self.low_m2:
            raise ValueError(Coded("value.high_below_low"))
        return self


class SpaceFigure(Provenance):
    """One space figure of the plan."""

    value_m2: AreaM2
    period: str | None = None


class Development(Strict):
    """A development near the cluster that the plan's space section names (homes, jobs)."""

    name: str
    homes: int | None = Field(default=None, ge=0, description="Homes planned; None: unknown.")
    jobs: Jobs | None = None


class Space(Provenance):
    """Space: the plots the plan names and its demand studies.

    ``demand`` is the plan's space demand figure to the end year of its ``period``;
    ``realised`` the space already realised in its ``period`` (before the base year);
    ``developments`` the nearby developments the plan names (none: an empty list).
    """

    plots: list[Plot]
    demand: SpaceFigure
    realised: SpaceFigure
    production_firms: SpaceFigure
    production_firms_count: tuple[int, int]
    office_estimate: RangeM2
    functions_nl: list[str]
    developments: list[Development] = Field(default_factory=list)

    @property
    def plots_m2(self) -> float:
        """The area of the plots and buildings the plan names, together."""
        return sum(p.area_m2 for p in self.plots)


class TalentComponent(Strict):
    """A programme component of the talent plan (a-h)."""

    id: str
    text_nl: str


class EducationProgramme(Provenance):
    """A supply line of talent: an education programme or an LLO (retraining) route.

    ``graduates_per_year`` and ``join_share`` are for the programme office to fill in;
    None means unknown (the plan gives no numbers), never zero.
    """

    id: Id
    name: str
    organisation: str | None = Field(default=None, description="Organisation id.")
    level: EducationLevel
    route: Literal["regular", "llo"] = "regular"
    graduates_per_year: PeoplePerYear | None = None
    join_share: Share | None = Field(
        default=None, description="Share of graduates that joins the cluster."
    )
    from_year: Year | None = None


class TalentTarget(Strict):
    """An adopted talent target: hires per education level in one year, and who set it why.

    ``hires`` maps a level of :data:`EDUCATION_LEVELS` to hires per year (None: unknown,
    never zero). ``derived`` is what the target was derived from (e.g. ``backcast`` or a
    growth dimension); ``set_by`` and ``reason`` say who adopted it and why.
    """

    year: Year
    hires: dict[EducationLevel, PeoplePerYear | None]
    set_by: str | None = None
    reason: str | None = None
    derived: str | None = None


class TalentMeasure(Provenance):
    """A measure of the talent programme (a component a-h) with a yearly effect.

    ``kind`` says what the effect counts: ``graduates`` (extra graduates of regional
    programmes; only the join share of them joins the cluster), ``retraining`` (people
    retrained for the cluster; likewise times the join share), ``international`` (hires
    recruited abroad) or ``retention`` (leavers kept, i.e. hires no longer needed). The
    effect per year, the cost per year and the join share are assumptions
    (``talent.measure.effect``, ``talent.measure.cost``, ``talent.measure.join_share``).
    """

    id: Id
    component: str
    name_nl: str
    kind: Literal["graduates", "retraining", "international", "retention"]
    level: EducationLevel
    from_year: Year | None = None


class Talent(Provenance):
    """The talent plan: interim years, end goal, programme components, partners."""

    interim_years: list[Year]
    goal_year: Year
    ambition_nl: str
    components: list[TalentComponent]
    partners: list[str]
    programme_team_nl: list[str]
    targets: list[TalentTarget] = Field(
        default_factory=list,
        description="Adopted targets (hires per level) per interim year and the end goal.",
    )
    programmes: list[EducationProgramme] = Field(
        default_factory=list, description="Supply lines: programmes and LLO routes."
    )
    measures: list[TalentMeasure] = Field(
        default_factory=list, description="The components a-h as measures with an effect."
    )
    supply_file: Annotated[str, _plan_text_max("supply_file")] | None = Field(
        default=None,
        description="Education supply file (CSV/XLSX) next to talent.yaml, in the shape of "
        "the national open education data.",
    )
    supply_illustrative: bool = Field(
        default=False, description="The supply file holds made-up, illustrative figures."
    )

    @model_validator(mode="after")
    def _targets(self) -> Talent:
        years = [t.year for t in self.targets]
        twice = sorted({y for y in years if years.count(y) > 1})
        if twice:
            raise ValueError(Coded("plan.target_year_twice", {"years": twice}))
        allowed = {*self.interim_years, self.goal_year}
        stray = sorted(set(years) - allowed)
        if stray:
            raise ValueError(Coded("plan.target_year_stray", {"years": stray}))
        components = [c.id for c in self.components]
        for i, m in enumerate(self.measures):
            if m.component not in components:
                params = {
                    "what": Coded("term.component"),
                    "value": m.component,
                    "known": components,
                }
                raise refused(
                    f"measures[{i}] {m.id!r} component", Coded("plan.unknown_ref", params)
                )
        ids = [m.id for m in self.measures]
        doubled = sorted({x for x in ids if ids.count(x) > 1})
        if doubled:
            raise refused("measures", Coded("plan.ids_twice", {"ids": doubled}))
        return self


class Fact(Provenance):
    """A figure stated in the plan."""

    id: Id
    label_nl: str
    label_en: str
    value: Number | None
    high: Number | None = None
    unit: str
    approximate: bool = False
    bound: Literal["lower", "upper"] | None = Field(
        default=None,
        description="The plan states 'more than' (lower) or 'at most' (upper): the value is a "
        "bound, not a central figure (and not approximate).",
    )
    same_quantity_as: str | None = Field(
        default=None,
        description="Id of another fact that states the same quantity in another unit, e.g. "
        "per week and per year; `clusterplan check` compares the two.",
    )

    @model_validator(mode="after")
    def _bound_is_not_approximate(self) -> Fact:
        if self.bound is not None and self.approximate:
            raise ValueError(Coded("plan.fact_approximate_bound"))
        return self


class SteeringMember(Strict):
    """A member of the steering group (regiegroep)."""

    name: str
    role_nl: str
    organisation: str | None = None
    chair: bool = False


class PartnerRole(Strict):
    """An organisation involved by the programme organisation, and its role."""

    organisation: str
    role_nl: str


class Governance(Provenance):
    """Steering group, programme organisation, LSI."""

    steering_group: list[SteeringMember]
    programme_partners: list[PartnerRole]
    director_from: Year
    extra_fte: Number
    extra_fte_period: tuple[Year, Year]
    lsi_founded: Year
    lsi_chairs_every_years: int
    lsi_chairs_count: int
    long_term_structure_decision_nl: str


class Assumption(Strict):
    """A model parameter that the plan does not give: named, editable, with a rationale.

    ``rationale`` is the English text; ``rationale_nl`` the Dutch, when the plan gives one
    (:func:`clusterplan.report.tables.item_rationale` picks by language, falling back to
    the English).
    """

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]*$")
    label_nl: str
    label_en: str
    value: Any
    unit: str
    rationale: str = Field(description="Why the value is what it is, in English.")
    rationale_nl: str | None = Field(
        default=None, description="The rationale in Dutch (else the English is shown)."
    )
    public_source: str | None = None
    low: Number | None = None
    high: Number | None = None
    distribution: Literal["uniform", "triangular", "normal", "bernoulli", "fixed"] = "fixed"

    @model_validator(mode="after")
    def _range(self) -> Assumption:
        if self.low is not None and self.high is not None and self.high < self.low:
            raise ValueError(Coded("value.high_below_low"))
        return self


PLAN_TEXT_MAX: dict[str, int] = {"id": ID_MAX, "title": 300, "published": 100, "supply_file": 255}
"""The longest a plan's id, title, publication date and supply file's name may be: what the
platform keeps with each revision of a plan (its columns take these, one declaration). A
plan over them is refused when it is read, naming the field, not when the platform stores
it."""


def _plan_text_max(name: str) -> Any:
    return Field(max_length=PLAN_TEXT_MAX[name])


class Meta(Provenance):
    """What plan this is."""

    id: Annotated[str, _plan_text_max("id")]
    title: Annotated[str, _plan_text_max("title")]
    cluster: str
    region: str
    published: Annotated[str, _plan_text_max("published")]
    horizon_start: Year
    horizon_end: Year
    language: str = "nl"
    document: str

    @model_validator(mode="after")
    def _horizon(self) -> Meta:
        if self.horizon_end <= self.horizon_start:
            raise ValueError(
                Coded("plan.horizon_order", {"start": self.horizon_start, "end": self.horizon_end})
            )
        return self


class Plan(Strict):
    """A whole plan: the validated contents of a plan directory."""

    meta: Meta
    taxonomy: Taxonomy
    organisations: list[Organisation] = Field(
        default_factory=list, description="Optional part: organisations (organisations.yaml)."
    )
    employment: Employment
    finance: Finance
    space: Space | None = Field(default=None, description="Optional part: space (space.yaml).")
    talent: Talent | None = Field(
        default=None, description="Optional part: the talent programme (talent.yaml)."
    )
    facts: list[Fact] = Field(
        default_factory=list, description="Optional part: figures stated in the plan (facts.yaml)."
    )
    governance: Governance | None = Field(
        default=None, description="Optional part: steering and organisation (governance.yaml)."
    )
    assumptions: list[Assumption] = Field(default_factory=list)
    monitoring: Monitoring | None = Field(
        default=None, description="Optional part: indicators and status rules (monitoring.yaml)."
    )

    @property
    def years(self) -> list[int]:
        """Every year of the horizon, inclusive."""
        return list(range(self.meta.horizon_start, self.meta.horizon_end + 1))

    @property
    def pillar_ids(self) -> list[str]:
        """Pillar ids in the plan's order."""
        return [p.id for p in self.taxonomy.pillars]

    def assumption(self, assumption_id: str) -> Assumption:
        """The assumption with this id (KeyError if absent)."""
        return by_id(self.assumptions, assumption_id)

    def assumption_name(self, assumption_id: str) -> Words:
        """How a message names the assumption ``assumption_id`` for a reader: its label in
        Dutch and English (a :class:`~clusterplan.i18n.Named` parameter, written in the
        reader's language), never its id; the id when the plan has no such assumption."""
        try:
            found = self.assumption(assumption_id)
        except KeyError:
            return Words(assumption_id)
        return Words(found.label_nl, found.label_en or None)

    def project(self, project_id: str) -> Project:
        """The project with this id (KeyError if absent)."""
        return by_id(self.finance.projects, project_id)


Finance.model_rebuild()

# Monitoring's models build on the ones above; importing them completes Plan (they call
# Plan.model_rebuild). A plain module import also works when that module is imported first.
import clusterplan.monitor.indicators  # noqa: E402, F401
