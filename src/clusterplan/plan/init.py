"""Start a plan: the files of a minimal plan, with comments that explain every field.

:func:`scaffold` returns the files (name to YAML text) of a minimal plan as described in
``docs/plan-data.md``: identity, pillars, base jobs per pillar, the growth dimensions with
target-year jobs per pillar, the plan's funding sources and one project per dimension with
yearly costs and coverage, and the model assumptions the engines need for those pillars,
dimensions and sources (``assumptions/*.yaml``). Jobs and costs are explicit placeholder
values the user must replace; every record says so in its provenance (``assumption: to be
filled in``), and every assumption's rationale starts with :data:`STARTING_VALUE`. A
default is data with its rationale in the plan's folder, never a value hidden in code.
Nothing here names a plan: names, pillars, years, dimensions and sources come from the
caller.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from clusterplan.errors import ClusterplanError
from clusterplan.i18n import Count
from clusterplan.io.limits import START_LIMITS, StartLimits
from clusterplan.io.yaml_io import MAX_QUOTED_CHARS
from clusterplan.plan.bounds import YEAR, refused
from clusterplan.plan.schema import ENABLING, ID_MAX, id_from_name

PLACEHOLDER = "to be filled in"
"""The provenance of every placeholder: the user replaces the value and names a source."""

STARTING_VALUE = f"Starting value written by clusterplan init ({PLACEHOLDER})"
"""How every assumption's rationale starts: replace the value and the rationale with the
plan's own (or keep the value and say why)."""

PLACEHOLDER_BASE_JOBS = 100
"""Placeholder jobs per pillar in the base year (replace with the plan's figures)."""
PLACEHOLDER_GROWTH_JOBS = 50
"""Placeholder jobs each growth dimension adds per pillar on top of the one it builds on."""
PLACEHOLDER_COST_MEUR = 1.0
"""Placeholder yearly cost of each project, M EUR (replace with the plan's figures)."""
PLACEHOLDER_MARKET_FACTOR = 1.5
"""Starting market growth factor from base to target year: with the placeholder jobs (the
first dimension 50% above the base) the calibrated elasticities start at 1."""


class ScaffoldError(ClusterplanError, ValueError):
    """Arguments a plan cannot be started from (the coded message says which and why)."""


@dataclass(frozen=True)
class Entry:
    """An id and the name the user gave."""

    id: str
    name: str


def _check_length(option: str, name: str, ident: str, limits: StartLimits) -> None:
    """Refuse a name longer than ``limits`` allow, or the id made from it longer than an id
    of a plan may be (:data:`~clusterplan.plan.schema.ID_MAX`), naming ``option``, the
    name's beginning, the length and the limit."""
    checks = (
        ("init.too_long", len(name), limits.max_name_chars),
        ("init.id_too_long", len(ident), ID_MAX),
    )
    for code, length, limit in checks:
        if length > limit:
            shown = name[:MAX_QUOTED_CHARS]
            raise ScaffoldError(
                code=code,
                params={
                    "option": option,
                    "shown": shown + ("..." if len(name) > len(shown) else ""),
                    "length": Count(length),
                    "limit": Count(limit),
                },
            )


def named_list(
    text: str, what: str, *, at_least: int = 1, limits: StartLimits = START_LIMITS
) -> list[Entry]:
    """Comma-separated names as ids and names; refuses empty or repeated ids, and more
    names or longer ones than ``limits`` allow."""
    option = f"--{what}"
    names = [n.strip() for n in text.split(",") if n.strip()]
    if len(names) < at_least:
        raise ScaffoldError(
            code="init.too_few", params={"option": option, "n": at_least, "value": text}
        )
    if len(names) > limits.max_names:
        raise ScaffoldError(
            code="init.too_many",
            params={"option": option, "n": Count(len(names)), "limit": Count(limits.max_names)},
        )
    out: list[Entry] = []
    for name in names:
        ident = id_from_name(name)
        _check_length(option, name, ident, limits)
        if not ident or not ident[0].isalnum():
            raise ScaffoldError(code="init.no_id", params={"option": option, "name": name})
        if any(o.id == ident for o in out):
            raise ScaffoldError(
                code="init.twice", params={"option": option, "name": name, "id": ident}
            )
        out.append(Entry(ident, name))
    return out


def parse_horizon(text: str) -> tuple[int, int]:
    """``START-END`` as two years of the calendar-year bound a plan's years keep
    (:data:`clusterplan.plan.bounds.YEAR`, which also bounds the span), END after START."""
    match = re.fullmatch(r"\s*(\d{4})\s*-\s*(\d{4})\s*", text)
    if not match:
        raise ScaffoldError(code="init.horizon_form", params={"value": text})
    start, end = int(match[1]), int(match[2])
    for year in (start, end):
        problem = YEAR.problem(year)
        if problem is not None:
            reason = refused("--horizon", year, problem)
            raise ScaffoldError(code=reason.code, params=reason.params)
    if end <= start:
        raise ScaffoldError(code="init.horizon_order", params={"value": text})
    return start, end


def _q(value: object) -> str:
    """A value as YAML (JSON is YAML): strings quoted, numbers as they are."""
    return json.dumps(value, ensure_ascii=False)


def _mapping(values: Mapping[str, object] | Mapping[int, object]) -> str:
    """A flow mapping; text keys quoted (an id such as 'null' stays text), years bare."""
    return "{" + ", ".join(f"{_q(k)}: {_q(v)}" for k, v in values.items()) + "}"


def _entry(entry: Entry) -> str:
    """A list item ``{id, name_nl, name_en}``: the one name given serves both languages."""
    return f"  - {{id: {_q(entry.id)}, name_nl: {_q(entry.name)}, name_en: {_q(entry.name)}}}"


def _meta(name: str, start: int, end: int) -> str:
    return f"""\
# Identity of the plan. Replace every "{PLACEHOLDER}" with what the plan document says.
id: {_q(id_from_name(name))}  # lower case, digits, '-' and '_'
title: {_q(name)}  # the plan's title as printed
cluster: {_q(name)}  # the cluster the plan is about
region: {_q(PLACEHOLDER)}  # the region
published: {_q(PLACEHOLDER)}  # when this revision was published, e.g. YYYY-MM
horizon_start: {start}  # first year of the plan
horizon_end: {end}  # last year of the plan
language: nl  # language of the plan's texts (nl or en)
document: {_q(PLACEHOLDER)}  # the document's full title, for citations
# Provenance: 'source' names the section or page of the plan a figure comes from;
# 'assumption' gives a rationale where the plan does not give the figure.
assumption: {_q(PLACEHOLDER)}
"""


def _taxonomy(pillars: Sequence[Entry]) -> str:
    lines = [
        "# The plan's pillars (economic sectors of the cluster), in the plan's order.",
        "# Each has an id (used in every other file) and a Dutch and an English name.",
        f"assumption: {_q(PLACEHOLDER)}",
        "pillars:",
    ]
    lines += [_entry(p) for p in pillars]
    lines += [
        "# Optional: value-chain segments, application markets and technologies.",
        "segments: []",
        "markets: []",
        "technologies: []",
    ]
    return "\n".join(lines) + "\n"


def _employment(pillars: Sequence[Entry], dimensions: Sequence[Entry], start: int, end: int) -> str:
    base = {p.id: PLACEHOLDER_BASE_JOBS for p in pillars}
    lines = [
        "# Jobs per pillar: the base year and, per growth dimension, the target year.",
        f"# Every number below is a placeholder ({PLACEHOLDER}): replace it with the plan's",
        "# figure and replace the 'assumption' by a 'source' naming the table or page.",
        f"assumption: {_q(PLACEHOLDER)}",
        f"base_year: {start}  # the year the base jobs are counted",
        f"target_year: {end}  # the year the dimensions' jobs are reached",
        f"base: {_mapping(base)}   # jobs per pillar in the base year",
        "# The growth dimensions, in the plan's order. A dimension may build on another",
        "# ('builds_on'): its jobs then include that one's growth.",
        "scenarios:",
    ]
    for k, d in enumerate(dimensions):
        jobs = {p.id: PLACEHOLDER_BASE_JOBS + PLACEHOLDER_GROWTH_JOBS * (k + 1) for p in pillars}
        lines += [
            f"  {_q(d.id)}:",
            f"    name_nl: {_q(d.name)}",
            f"    name_en: {_q(d.name)}",
            f"    includes_nl: {_q(PLACEHOLDER)}   # what the plan says this dimension holds",
            f"    jobs: {_mapping(jobs)}   # jobs per pillar in the target year",
            f"    assumption: {_q(PLACEHOLDER)}",
        ]
        if k:
            lines.append(f"    builds_on: {dimensions[k - 1].id}")
    lines += [
        "# Optional: the plan's goal, e.g.",
        f'# goal: {{year: {end}, factor: 2.0, source: "..."}}   (jobs = factor x base jobs)',
    ]
    return "\n".join(lines) + "\n"


def _project_id(dimension: Entry) -> str:
    """The id of the placeholder project of a growth dimension."""
    return f"project-{dimension.id}"


def _finance(
    pillars: Sequence[Entry],
    dimensions: Sequence[Entry],
    sources: Sequence[Entry],
    start: int,
    end: int,
) -> str:
    years = list(range(start, end))
    lines = [
        "# The financing agenda: funding sources, projects with yearly costs and coverage, M EUR.",
        "# Cells: a number is a number, null is unknown ('?'), never read as zero.",
        f"assumption: {_q(PLACEHOLDER)}",
        "# The plan's funding sources, in the order of its table's columns.",
        "sources:",
    ]
    lines += [_entry(s) for s in sources]
    lines += [
        f"cost_years: {_q(years)}   # the years the cost table has columns for",
        "# One placeholder project per growth dimension: replace with the plan's projects.",
        "# 'dimension' is a growth dimension id or 'enabling'; coverage is per source.",
        "projects:",
    ]
    total = PLACEHOLDER_COST_MEUR * len(years)
    coverage = {s.id: (total if i == 0 else 0.0) for i, s in enumerate(sources)}
    for d in dimensions:
        lines += [
            f"  - id: {_q(_project_id(d))}",
            f"    name_nl: {_q(f'Project ({d.name})')}",
            f"    name_en: {_q(f'Project ({d.name})')}",
            f"    dimension: {_q(d.id)}",
            f"    pillars: {_q([p.id for p in pillars])}",
            f"    costs_meur: {_mapping({y: PLACEHOLDER_COST_MEUR for y in years})}",
            f"    coverage_meur: {_mapping(coverage)}",
            f"    assumption: {_q(PLACEHOLDER)}",
        ]
    lines += [
        "# Funding instruments the plan names (optional): id, name, level, source_category.",
        "instruments: []",
    ]
    return "\n".join(lines) + "\n"


def _assumption(
    aid: str,
    label_nl: str,
    label_en: str,
    value: object,
    unit: str,
    why: str,
    **extra: object,
) -> list[str]:
    """One assumption record (block style, values as JSON flow YAML)."""
    lines = [
        f"- id: {_q(aid)}",
        f"  label_nl: {_q(label_nl)}",
        f"  label_en: {_q(label_en)}",
        f"  value: {_q(value)}",
        f"  unit: {_q(unit)}",
    ]
    lines += [f"  {k}: {_q(v)}" for k, v in extra.items()]
    lines.append(f"  rationale: {_q(f'{STARTING_VALUE}. {why}')}")
    return lines


def _file(header: str, records: list[list[str]]) -> str:
    lines = [f"# {row}" if row else "#" for row in header.splitlines()]
    for record in records:
        lines += record
    return "\n".join(lines) + "\n"


_ASSUMPTIONS_HEADER = """\
{what}
Every value below is a starting value so that the commands run on a new plan; its rationale
says so. Replace each with the plan's figure or your own judgement and say why in 'rationale'
(add 'public_source' when a public source gives it). 'low' and 'high' are the range the
uncertainty analysis draws from ('distribution')."""


def _job_split(pillars: Sequence[Entry], dimensions: Sequence[Entry]) -> dict[str, object]:
    """Each dimension's increment over the one it builds on, on that dimension's project
    (the first dimension grows with the market and needs no project jobs)."""
    return {
        _project_id(d): {"row": d.id, "jobs": {p.id: PLACEHOLDER_GROWTH_JOBS for p in pillars}}
        for d in dimensions[1:]
    }


def _growth_assumptions(pillars: Sequence[Entry], dimensions: Sequence[Entry], end: int) -> str:
    first = dimensions[0].id
    factor = PLACEHOLDER_MARKET_FACTOR
    records = [
        _assumption(
            "growth.market-growth-factor",
            "Marktgroeifactor van basisjaar tot doeljaar",
            "Market growth factor from base year to target year",
            factor,
            "factor",
            "The market the cluster sells to grows by this factor over the plan's horizon; "
            "the elasticities below are calibrated to it and to the first growth dimension.",
            low=round(factor * 0.85, 3),
            high=round(factor * 1.15, 3),
            distribution="triangular",
        ),
        _assumption(
            "growth.market-path",
            "Verloop van de marktgroei",
            "Shape of the market growth path",
            "constant-rate",
            "shape",
            "The same growth rate every year between the base and the target year.",
        ),
        _assumption(
            "growth.market.pull",
            "Marktvraag per afzetmarkt",
            "Market pull per application market",
            False,
            "switch",
            "The plan names no application markets: one market factor drives every pillar.",
        ),
        _assumption(
            "growth.extension.until-year",
            "Banenpaden verlengen tot",
            "Extend job trajectories until",
            end + 10,
            "year",
            "Ten years past the plan's horizon, for questions about later years.",
        ),
        _assumption(
            "growth.extension.market-growth-rate",
            "Marktgroei per jaar na de horizon",
            "Market growth per year after the horizon",
            0.03,
            "1/year",
            "A long-run growth rate for the years after the target year.",
            low=0.01,
            high=0.06,
            distribution="uniform",
        ),
    ]
    for p in pillars:
        records.append(
            _assumption(
                f"growth.elasticity.{p.id}",
                f"Elasticiteit van de banen naar de markt: {p.name}",
                f"Elasticity of jobs to the market: {p.name}",
                "calibrate",
                "ratio",
                f"Calibrated so that the pillar reaches the jobs of the first growth "
                f"dimension ('{first}') in the target year.",
                low=0.3,
                high=2.5,
                distribution="triangular",
            )
        )
    records += [
        _assumption(
            "growth.project.lag-years",
            "Vertraging tussen uitgaven en banen",
            "Lag between spending and jobs",
            1,
            "years",
            "Jobs follow a project's spending after one year.",
        ),
        _assumption(
            "growth.project.job-split",
            "Verdeling van de banen over de projecten",
            "Split of the jobs over the projects",
            _job_split(pillars, dimensions),
            "jobs in the target year at full realisation",
            "Each growth dimension after the first adds its increment over the one it builds "
            "on through its placeholder project; split it over the plan's own projects.",
        ),
    ]
    for d in dimensions[1:]:
        project = _project_id(d)
        records += [
            _assumption(
                f"growth.project.realisation.{project}",
                f"Realisatiegraad Project ({d.name})",
                f"Realisation of Project ({d.name})",
                1.0,
                "fraction",
                "The plan's jobs assume full realisation; the range says how far it may fall "
                "short or exceed it.",
                low=0.5,
                high=1.2,
                distribution="triangular",
            ),
            _assumption(
                f"growth.project.delay-years.{project}",
                f"Vertraging Project ({d.name})",
                f"Delay of Project ({d.name})",
                0,
                "years",
                "The plan's timing; projects often start a year or two late.",
                low=-1,
                high=2,
                distribution="triangular",
            ),
        ]
    records += [
        _assumption(
            "growth.productivity-growth",
            "Productiviteitsgroei per jaar",
            "Productivity growth per year",
            0.01,
            "1/year",
            "The plan gives no revenue figures to calibrate productivity to; write 'calibrate' "
            "once employment.yaml has printed_revenue_growth_pct.",
        ),
        _assumption(
            "growth.backcast.pillar-split",
            "Verdeling van een totaal doel over de pijlers",
            "Split of a total target over the pillars",
            first,
            "growth dimension",
            "A total target is split over the pillars like this dimension's increment.",
        ),
        _assumption(
            "growth.backcast.delivered-dimension",
            "Wat autonome groei en toegezegde projecten opleveren",
            "What organic growth and committed projects deliver",
            first,
            "growth dimension",
            "The first growth dimension is taken as what the cluster delivers without new "
            "projects.",
        ),
    ]
    header = _ASSUMPTIONS_HEADER.format(what="The growth engine's assumptions.")
    return _file(header, records)


def _per_pillar(pillars: Sequence[Entry], value: float) -> dict[str, float]:
    return {p.id: value for p in pillars}


def _impact_assumptions(pillars: Sequence[Entry]) -> str:
    records = [
        _assumption(
            "impact.revenue-per-fte",
            "Omzet per voltijdbaan",
            "Revenue per FTE",
            _per_pillar(pillars, 0.2),
            "M EUR per FTE",
            "One figure for every pillar; give each pillar its own from national statistics.",
        ),
        _assumption(
            "impact.value-added-share",
            "Aandeel toegevoegde waarde in de omzet",
            "Value-added share of revenue",
            _per_pillar(pillars, 0.4),
            "share",
            "One share for every pillar.",
        ),
        _assumption(
            "impact.type1-multiplier",
            "Type I-multiplier (toeleveranciers)",
            "Type I multiplier (suppliers)",
            _per_pillar(pillars, 1.5),
            "ratio",
            "One multiplier for every pillar; input-output tables give each its own.",
        ),
        _assumption(
            "impact.type2-multiplier",
            "Type II-multiplier (toeleveranciers en bestedingen)",
            "Type II multiplier (suppliers and spending)",
            _per_pillar(pillars, 1.8),
            "ratio",
            "One multiplier for every pillar, above the Type I multiplier.",
        ),
        _assumption(
            "impact.additionality",
            "Additionaliteit",
            "Additionality",
            0.6,
            "share",
            "The share of the jobs that would not have come without the plan.",
        ),
        _assumption(
            "impact.displacement",
            "Verdringing",
            "Displacement",
            0.2,
            "share",
            "The share of the additional jobs taken from elsewhere in the region.",
        ),
    ]
    return _file(_ASSUMPTIONS_HEADER.format(what="The economic-impact assumptions."), records)


def _finance_assumptions(sources: Sequence[Entry], start: int) -> str:
    public = [s.id for s in sources[1:]] if len(sources) > 1 else []
    records = [
        _assumption(
            "finance.coverage-spread",
            "Spreiding van de dekking over de jaren",
            "Spread of the coverage over the years",
            "proportional-to-spending",
            "method",
            "Coverage follows spending year by year.",
        ),
        _assumption(
            "finance.coverage-by-year",
            "Dekking per jaar waar het plan die noemt",
            "Coverage per year where the plan gives it",
            {},
            "M EUR per project, source and year",
            "None given.",
        ),
        _assumption(
            "finance.public-sources",
            "Publieke financieringsbronnen",
            "Public funding sources",
            public,
            "sources",
            "Every source after the first is taken as public; the first covers the "
            "placeholder projects and is taken as private.",
        ),
        _assumption(
            "finance.precedence",
            "Volgorde tussen projecten",
            "Order between projects",
            [],
            "years between project starts",
            "No project waits for another.",
        ),
        _assumption(
            "finance.phase-window",
            "Hoeveel jaar een project mag schuiven",
            "Years a project may move",
            [-1, 2],
            "years (earliest, latest)",
            "A project may move one year earlier or two years later.",
        ),
        _assumption(
            "finance.phase-stretch-options",
            "Hoeveel jaar een project mag uitrekken",
            "Years a project may stretch",
            [0],
            "years",
            "No stretching.",
        ),
        _assumption(
            "finance.phase-earliest-year",
            "Eerste jaar waarin iets mag vallen",
            "First year anything may move to",
            start,
            "year",
            "Nothing moves before the plan's first year.",
        ),
        _assumption(
            "finance.phase-organisation-in-caps",
            "Organisatiekosten tellen mee in de plafonds",
            "Organisation costs count in the caps",
            True,
            "flag",
            "The programme organisation's costs count against the yearly caps.",
        ),
    ]
    return _file(_ASSUMPTIONS_HEADER.format(what="The financing assumptions."), records)


def _ecosystem_assumptions() -> str:
    records = [
        _assumption(
            "ecosystem.name-match-min-similarity",
            "Minimale naamgelijkenis voor een match",
            "Minimum name similarity for a match",
            0.85,
            "ratio",
            "Accepts one dropped or doubled letter in longer names; below it an imported row "
            "creates a new organisation (shown before commit).",
            low=0.7,
            high=0.95,
        ),
        _assumption(
            "ecosystem.name-match-ambiguity-margin",
            "Marge waarbinnen twee kandidaten een twijfelgeval zijn",
            "Margin within which two candidate names are ambiguous",
            0.03,
            "ratio",
            "When the two best candidates are this close the import asks for the id.",
        ),
        _assumption(
            "ecosystem.name-legal-suffixes",
            "Rechtsvormen die bij naamvergelijking wegvallen",
            "Legal-form suffixes ignored when comparing names",
            ["bv", "nv", "vof", "gmbh", "ag", "inc", "ltd", "llc", "sa", "holding", "group"],
            "words",
            "Legal forms carry no identity.",
        ),
        _assumption(
            "ecosystem.whitespot-thin-max-organisations",
            "Dunne cel: hoogstens zoveel organisaties",
            "Thin cell: at most this many organisations",
            1,
            "organisations",
            "A cell carried by one organisation is one departure away from empty.",
            low=1,
            high=3,
        ),
        _assumption(
            "ecosystem.whitespot-region-only",
            "Witte vlekken: alleen organisaties in de regio tellen",
            "White spots count only organisations in the region",
            True,
            "flag",
            "White spots are gaps in the regional ecosystem.",
        ),
        _assumption(
            "ecosystem.size-bands",
            "Grootteklassen naar aantal banen",
            "Size bands by jobs",
            [
                {"id": "micro", "min_jobs": 0, "max_jobs": 9},
                {"id": "small", "min_jobs": 10, "max_jobs": 49},
                {"id": "medium", "min_jobs": 50, "max_jobs": 249},
                {"id": "large", "min_jobs": 250, "max_jobs": None},
            ],
            "jobs",
            "The EU SME definition by headcount.",
            public_source="Commission Recommendation 2003/361/EC, Annex Article 2",
        ),
        _assumption(
            "ecosystem.jobs-pillar-split",
            "Banen van een organisatie over haar pijlers",
            "Jobs of an organisation over its pillars",
            "even",
            "rule",
            "Without better data an organisation's jobs are split evenly over its pillars.",
        ),
        _assumption(
            "acquisition.stage-probability",
            "Kans op vestiging per fase van de acquisitiefunnel",
            "Probability of landing per funnel stage",
            {
                "identified": 0.05,
                "contacted": 0.1,
                "visit": 0.2,
                "proposal": 0.4,
                "decision": 0.7,
                "landed": 1.0,
                "lost": 0.0,
                "on_hold": 0.05,
            },
            "probability",
            "A common sales-funnel weighting; replace with the programme's own statistics.",
        ),
        _assumption(
            "acquisition.years-to-landing",
            "Jaren tot vestiging per fase (als de lead geen jaar noemt)",
            "Years to landing per stage (when a lead names no year)",
            {
                "identified": 3,
                "contacted": 3,
                "visit": 2,
                "proposal": 2,
                "decision": 1,
                "on_hold": 3,
            },
            "years",
            "A site decision takes roughly one to three years from first contact.",
        ),
        _assumption(
            "acquisition.ramp-years",
            "Aanloop van banen na vestiging",
            "Years for a landed firm's jobs to ramp up",
            1,
            "years",
            "All expected jobs count from the landing year.",
            low=1,
            high=5,
        ),
        _assumption(
            "startups.jobs-count",
            "Hoe banen van start-ups meetellen in de groeimotor",
            "How start-up jobs count in the growth engine",
            "above-base-year",
            "rule",
            "A start-up adds its jobs above its base-year jobs (the base year counts them).",
        ),
        _assumption(
            "startups.disclosure-min-count",
            "Start-upcijfers: minimaal aantal start-ups per getoond totaal",
            "Start-up figures: minimum number of start-ups behind a shown total",
            3,
            "start-ups",
            "The usual minimum-frequency rule of statistical disclosure control.",
            low=3,
            high=10,
        ),
        _assumption(
            "startups.survival-after-years",
            "Overleving van een cohort na zoveel jaren",
            "Cohort survival after this many years",
            [1, 3, 5],
            "years",
            "Survival of new firms is usually reported after one, three and five years.",
        ),
    ]
    return _file(
        _ASSUMPTIONS_HEADER.format(what="The ecosystem, acquisition and start-up assumptions."),
        records,
    )


def scaffold(
    name: str,
    pillars: Sequence[Entry],
    horizon: tuple[int, int],
    dimensions: Sequence[Entry],
    sources: Sequence[Entry],
) -> dict[str, str]:
    """The files of a minimal plan (file name to YAML text with comments); refuses a name
    longer than :data:`~clusterplan.io.limits.START_LIMITS` allow."""
    ident = id_from_name(name)
    _check_length("--name", name, ident, START_LIMITS)
    if not ident:
        raise ScaffoldError(code="init.name_no_id", params={"value": name})
    if any(d.id == ENABLING for d in dimensions):
        raise ScaffoldError(code="init.reserved", params={"id": ENABLING})
    start, end = horizon
    return {
        "meta.yaml": _meta(name, start, end),
        "taxonomy.yaml": _taxonomy(pillars),
        "employment.yaml": _employment(pillars, dimensions, start, end),
        "finance.yaml": _finance(pillars, dimensions, sources, start, end),
        "assumptions/growth.yaml": _growth_assumptions(pillars, dimensions, end),
        "assumptions/impact.yaml": _impact_assumptions(pillars),
        "assumptions/finance.yaml": _finance_assumptions(sources, start),
        "assumptions/ecosystem.yaml": _ecosystem_assumptions(),
    }


__all__ = [
    "PLACEHOLDER",
    "STARTING_VALUE",
    "Entry",
    "ScaffoldError",
    "named_list",
    "parse_horizon",
    "scaffold",
]
