"""Start a plan: the files of a minimal plan, with comments that explain every field.

:func:`scaffold` returns the files (name to YAML text) of a minimal plan as described in
``docs/plan-data.md``: identity, pillars, base jobs per pillar, the growth dimensions with
target-year jobs per pillar, the plan's funding sources and one project per dimension with
yearly costs and coverage. Jobs and costs are explicit placeholder values the user must
replace; every record says so in its provenance (``assumption: to be filled in``).
Nothing here names a plan: names, pillars, years, dimensions and sources come from the
caller.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from clusterplan.errors import ClusterplanError

PLACEHOLDER = "to be filled in"
"""The provenance of every placeholder: the user replaces the value and names a source."""

PLACEHOLDER_BASE_JOBS = 100
"""Placeholder jobs per pillar in the base year (replace with the plan's figures)."""
PLACEHOLDER_GROWTH_JOBS = 50
"""Placeholder jobs each growth dimension adds per pillar on top of the one it builds on."""
PLACEHOLDER_COST_MEUR = 1.0
"""Placeholder yearly cost of each project, M EUR (replace with the plan's figures)."""

ENABLING = "enabling"
"""The project dimension of enabling projects (they belong to no growth dimension)."""

_ID = re.compile(r"[^a-z0-9_-]+")


class ScaffoldError(ClusterplanError, ValueError):
    """Arguments a plan cannot be started from (the coded message says which and why)."""


@dataclass(frozen=True)
class Entry:
    """An id and the name the user gave."""

    id: str
    name: str


def to_id(name: str) -> str:
    """A plan id from a name: lower case, letters, digits, '-' and '_'."""
    text = _ID.sub("-", name.strip().lower()).strip("-_")
    return text


def named_list(text: str, what: str, *, at_least: int = 1) -> list[Entry]:
    """Comma-separated names as ids and names; refuses empty or repeated ids."""
    names = [n.strip() for n in text.split(",") if n.strip()]
    if len(names) < at_least:
        raise ScaffoldError(
            code="init.too_few", params={"option": f"--{what}", "n": at_least, "value": text}
        )
    out: list[Entry] = []
    for name in names:
        ident = to_id(name)
        if not ident or not ident[0].isalnum():
            raise ScaffoldError(code="init.no_id", params={"option": f"--{what}", "name": name})
        if any(o.id == ident for o in out):
            raise ScaffoldError(
                code="init.twice", params={"option": f"--{what}", "name": name, "id": ident}
            )
        out.append(Entry(ident, name))
    return out


def parse_horizon(text: str) -> tuple[int, int]:
    """``START-END`` as two years, END after START."""
    match = re.fullmatch(r"\s*(\d{4})\s*-\s*(\d{4})\s*", text)
    if not match:
        raise ScaffoldError(code="init.horizon_form", params={"value": text})
    start, end = int(match[1]), int(match[2])
    if end <= start:
        raise ScaffoldError(code="init.horizon_order", params={"value": text})
    return start, end


def _q(value: object) -> str:
    """A value as YAML (JSON is YAML): strings quoted, numbers as they are."""
    return json.dumps(value, ensure_ascii=False)


def _mapping(values: Mapping[str, object] | Mapping[int, object]) -> str:
    """A flow mapping; text keys quoted (an id such as 'null' stays text), years bare."""
    return "{" + ", ".join(f"{_q(k)}: {_q(v)}" for k, v in values.items()) + "}"


def _meta(name: str, start: int, end: int) -> str:
    return f"""\
# Identity of the plan. Replace every "{PLACEHOLDER}" with what the plan document says.
id: {_q(to_id(name))}  # lower case, digits, '-' and '_'
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
    for p in pillars:
        lines.append(f"  - {{id: {_q(p.id)}, name_nl: {_q(p.name)}, name_en: {_q(p.name)}}}")
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
    for s in sources:
        lines.append(f"  - {{id: {_q(s.id)}, name_nl: {_q(s.name)}, name_en: {_q(s.name)}}}")
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
            f"  - id: {_q(f'project-{d.id}')}",
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


def scaffold(
    name: str,
    pillars: Sequence[Entry],
    horizon: tuple[int, int],
    dimensions: Sequence[Entry],
    sources: Sequence[Entry],
) -> dict[str, str]:
    """The files of a minimal plan (file name to YAML text with comments)."""
    if not to_id(name):
        raise ScaffoldError(code="init.name_no_id", params={"value": name})
    if any(d.id == ENABLING for d in dimensions):
        raise ScaffoldError(code="init.reserved", params={"id": ENABLING})
    start, end = horizon
    return {
        "meta.yaml": _meta(name, start, end),
        "taxonomy.yaml": _taxonomy(pillars),
        "employment.yaml": _employment(pillars, dimensions, start, end),
        "finance.yaml": _finance(pillars, dimensions, sources, start, end),
    }


__all__ = [
    "PLACEHOLDER",
    "Entry",
    "ScaffoldError",
    "named_list",
    "parse_horizon",
    "scaffold",
    "to_id",
]
