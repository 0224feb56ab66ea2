"""What changed between two revisions of a plan.

:func:`plan_diff` compares two validated plans and returns typed records (no text): the
plan's figures (horizon, base and target jobs per pillar and growth dimension, goal and
the other numbers of the employment part), projects added, removed or changed, costs by
year and coverage by source of every cost line, assumptions (value, range, distribution),
the consistency findings present in one revision and not the other, and both revisions'
central scenario side by side. The command line and the web render these records.

Nothing here names a pillar, dimension, source or year: all come from the two plans.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from clusterplan.errors import ClusterplanError, Coded
from clusterplan.i18n import (
    Named,
    current_language,
    format_value,
    has_message,
    normalise_language,
)
from clusterplan.plan.findings import Finding, plan_findings
from clusterplan.plan.schema import Assumption, CostLine, Plan

Part = Literal["meta", "figures", "projects", "costs", "coverage", "assumptions", "findings"]
PARTS: tuple[Part, ...] = (
    "meta",
    "figures",
    "projects",
    "costs",
    "coverage",
    "assumptions",
    "findings",
)
"""The parts of a plan a diff reports on, in the order they are shown."""

ChangeKind = Literal["added", "removed", "changed"]

_TEXT_FIELDS = frozenset(
    {"source", "assumption", "name_nl", "name_en", "includes_nl", "text_nl", "text_en"}
)
"""Provenance and labels: compared for projects and assumptions, not among the figures."""

_COMPARED_ELSEWHERE = frozenset({"costs_meur", "coverage_meur"})

PROJECTS_TOTAL = "projects total"
"""The ``where`` of the yearly total of the projects' costs (``projects total.YEAR``)."""

NOT_IN_REVISION = Coded("diff.not_in_revision")
"""The note of a growth dimension one of the two revisions does not have."""

LINE_PARTS: frozenset[Part] = frozenset({"projects", "costs", "coverage"})
"""Parts whose ``where`` starts with a cost line id (then a field, year or source)."""


@dataclass(frozen=True)
class Change:
    """One difference between the old and the new revision.

    ``part`` is one of :data:`PARTS`; ``where`` names the thing by stable ids (a dotted field
    path, a project id with a year or source, an assumption id with its field; for a finding
    its code); ``label`` says the same in words of any language (a
    :class:`~clusterplan.errors.Coded` whose parameters are the plans' own Dutch and English
    names, see :func:`text`); ``old`` and ``new`` are the values (None where absent or
    unknown: ``kind`` tells which; a finding's message and a project's name are coded or
    named, so they too render in any language).
    """

    part: Part
    kind: ChangeKind
    where: str
    old: Any = None
    new: Any = None
    label: Any = None


@dataclass(frozen=True)
class ScenarioSide:
    """One growth dimension's central scenario in both revisions.

    ``jobs_*`` is the total in that revision's target year, ``pillars_*`` the jobs per
    pillar then, ``gap_*`` the total in the goal year minus the goal's jobs (negative: short
    of the goal; None when the revision has no goal or the goal year is outside the run),
    ``note_*`` why a revision has no result (None when it has one; coded, see :func:`text`).
    """

    dimension: str
    name: str
    """The dimension's name (:class:`~clusterplan.i18n.Named`: Dutch and English)."""
    year_old: int | None
    year_new: int | None
    jobs_old: float | None
    jobs_new: float | None
    pillars_old: dict[str, float] = field(default_factory=dict)
    pillars_new: dict[str, float] = field(default_factory=dict)
    gap_old: float | None = None
    gap_new: float | None = None
    note_old: str | None = None
    note_new: str | None = None


@dataclass(frozen=True)
class PlanDiff:
    """Every change between two revisions, and their scenario results side by side."""

    old_id: str
    new_id: str
    old_title: str
    new_title: str
    changes: tuple[Change, ...]
    scenarios: tuple[ScenarioSide, ...]

    @property
    def unchanged(self) -> bool:
        """Whether the two revisions hold the same plan (no change in any part)."""
        return not self.changes

    def part(self, part: Part) -> list[Change]:
        """The changes of one part, in order."""
        return [c for c in self.changes if c.part == part]

    def as_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The diff as JSON-ready data: stable ids and codes (``part``, ``kind``, ``where``,
        ``dimension``) as they are, every text for a reader in ``lang`` (default: this
        run's language)."""

        def shown(record: Any) -> dict[str, Any]:
            return {k: _json(v, lang) for k, v in asdict(record).items()}

        return {
            "old": {"id": self.old_id, "title": self.old_title},
            "new": {"id": self.new_id, "title": self.new_title},
            "unchanged": self.unchanged,
            "changes": {p: [shown(c) for c in self.part(p)] for p in PARTS},
            "scenarios": [shown(s) for s in self.scenarios],
        }


def text(value: Any, lang: str | None = None) -> str:
    """A label, a name or a note of a diff in ``lang`` (coded and named texts rendered,
    other values as the core's messages write them)."""
    return format_value(value, current_language() if lang is None else normalise_language(lang))


def _json(value: Any, lang: str | None) -> Any:
    """A value for JSON: coded and named texts in ``lang``, the rest as it is."""
    if isinstance(value, Coded | Named):
        return text(value, lang)
    if isinstance(value, dict):
        return {k: _json(v, lang) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json(v, lang) for v in value]
    return value


def _leaves(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Dotted paths and values of the leaves of dumped data (lists are leaves)."""
    if isinstance(value, Mapping):
        for key, inner in value.items():
            yield from _leaves(inner, f"{prefix}.{key}" if prefix else str(key))
    else:
        yield prefix, value


def _is_figure(value: Any) -> bool:
    """A number, a flag, unknown (None), or a list of numbers (e.g. years)."""
    if isinstance(value, list):
        return all(isinstance(v, int | float) for v in value)
    return value is None or isinstance(value, int | float | bool)


def _compare(
    part: Part, old: Mapping[str, Any], new: Mapping[str, Any], *, where: str = ""
) -> list[Change]:
    """Changes between two flat mappings (path to value), keys in order of appearance."""
    out: list[Change] = []
    for key in dict.fromkeys([*old, *new]):
        name = f"{where}.{key}" if where and key else where or key
        if key not in new:
            out.append(Change(part, "removed", name, old[key], None))
        elif key not in old:
            out.append(Change(part, "added", name, None, new[key]))
        elif old[key] != new[key]:
            out.append(Change(part, "changed", name, old[key], new[key]))
    return out


def _figures(old: Plan, new: Plan) -> list[Change]:
    def flat(plan: Plan) -> dict[str, Any]:
        pillars = {"pillars": plan.pillar_ids}
        employment = {
            path: value
            for path, value in _leaves(plan.employment.model_dump(mode="json"))
            if path.rsplit(".", 1)[-1] not in _TEXT_FIELDS and _is_figure(value)
        }
        return {**pillars, **employment}

    return _compare("figures", flat(old), flat(new))


def _meta(old: Plan, new: Plan) -> list[Change]:
    def flat(plan: Plan) -> dict[str, Any]:
        dumped = plan.meta.model_dump(mode="json")
        return {k: v for k, v in dumped.items() if k not in ("source", "assumption")}

    return _compare("meta", flat(old), flat(new))


def _lines(plan: Plan) -> dict[str, CostLine]:
    """Every cost line by id: projects, then the organisation's own lines (when present)."""
    lines: dict[str, CostLine] = {p.id: p for p in plan.finance.projects}
    organisation: Sequence[CostLine] = getattr(plan.finance, "organisation", None) or []
    for line in organisation:
        lines.setdefault(line.id, line)
    return lines


def _projects(old: Plan, new: Plan) -> list[Change]:
    out: list[Change] = []
    before = {p.id: p for p in old.finance.projects}
    after = {p.id: p for p in new.finance.projects}
    for pid in dict.fromkeys([*before, *after]):
        if pid not in after:
            out.append(Change("projects", "removed", pid, _named(before[pid]), None))
        elif pid not in before:
            out.append(Change("projects", "added", pid, None, _named(after[pid])))
        else:
            a = _project_fields(before[pid].model_dump(mode="json"))
            b = _project_fields(after[pid].model_dump(mode="json"))
            out += _compare("projects", a, b, where=pid)
    return out


def _project_fields(dumped: Mapping[str, Any]) -> dict[str, Any]:
    """A project's compared fields by path: a list of records with ids (its phases) by
    record and field (``phases.<id>.start``), so a change names the phase and the field
    instead of the whole list; costs and coverage are compared on their own."""
    out: dict[str, Any] = {}
    for key, value in dumped.items():
        if key in _COMPARED_ELSEWHERE:
            continue
        records = (
            isinstance(value, list)
            and value
            and all(isinstance(v, Mapping) and "id" in v for v in value)
        )
        if records:
            for record in value:
                fields = {k: v for k, v in record.items() if k != "id"}
                for path, leaf in _leaves(fields, f"{key}.{record['id']}"):
                    out[path] = leaf
        else:
            out[key] = value
    return out


def _costs_and_coverage(old: Plan, new: Plan) -> list[Change]:
    costs: list[Change] = []
    coverage: list[Change] = []
    before, after = _lines(old), _lines(new)
    for lid in dict.fromkeys([*before, *after]):
        a = before.get(lid)
        b = after.get(lid)
        a_costs = {str(y): v for y, v in a.costs_meur.items()} if a else {}
        b_costs = {str(y): v for y, v in b.costs_meur.items()} if b else {}
        costs += _compare("costs", a_costs, b_costs, where=lid)
        a_cov = a.model_dump(mode="json")["coverage_meur"] if a else {}
        b_cov = b.model_dump(mode="json")["coverage_meur"] if b else {}
        coverage += _compare("coverage", a_cov, b_cov, where=lid)
    totals = _compare("costs", _year_totals(old), _year_totals(new), where=PROJECTS_TOTAL)
    return costs + totals + coverage


def _year_totals(plan: Plan) -> dict[str, float | None]:
    """The projects' known costs per year (None when every cost of the year is unknown)."""
    out: dict[str, float | None] = {}
    for year in plan.finance.cost_years:
        known = [c for p in plan.finance.projects if (c := p.costs_meur.get(year)) is not None]
        out[str(year)] = sum(known) if known else None
    return out


def _assumption_fields(a: Assumption) -> dict[str, Any]:
    """The compared fields by dotted path: a value that is a mapping (e.g. per pillar) by
    each of its leaves, so a change names what changed in it."""
    fields = {
        k: v
        for k, v in a.model_dump(mode="json").items()
        if k not in ("id", "label_nl", "label_en", "rationale", "rationale_nl", "public_source")
    }
    return dict(_leaves(fields))


def _assumptions(old: Plan, new: Plan) -> list[Change]:
    out: list[Change] = []
    before = {a.id: a for a in old.assumptions}
    after = {a.id: a for a in new.assumptions}
    for aid in dict.fromkeys([*before, *after]):
        if aid not in after:
            out.append(Change("assumptions", "removed", aid, before[aid].value, None))
        elif aid not in before:
            out.append(Change("assumptions", "added", aid, None, after[aid].value))
        else:
            out += _compare(
                "assumptions",
                _assumption_fields(before[aid]),
                _assumption_fields(after[aid]),
                where=aid,
            )
    return out


def _finding_key(f: Finding) -> tuple[str, str, str, str]:
    return (f.kind, f.code, f.where, f.message)


def _finding_where(f: Finding) -> Coded:
    """``kind: where`` of a finding, in any language (``.text(lang)``)."""
    return Coded("finding.where.kind", {"kind": Coded(f.kind), "where": f.where})


def _findings(old: Plan, new: Plan) -> list[Change]:
    before = {_finding_key(f): f for f in plan_findings(old)}
    after = {_finding_key(f): f for f in plan_findings(new)}
    out = [
        Change("findings", "removed", f.code, f.message, None, _finding_where(f))
        for key, f in before.items()
        if key not in after
    ]
    out += [
        Change("findings", "added", f.code, None, f.message, _finding_where(f))
        for key, f in after.items()
        if key not in before
    ]
    return out


def _named(item: Any) -> Named:
    """A plan item's Dutch and English name (or label) as one text of any language."""
    nl = getattr(item, "name_nl", None) or getattr(item, "label_nl", None) or item.id
    en = getattr(item, "name_en", None) or getattr(item, "label_en", None)
    return Named(str(nl), str(en) if en else None)


def _field(key: str) -> Coded | str:
    """A field of the plan's files in words (its key when the catalogue has no words)."""
    code = f"diff.field.{key}"
    return Coded(code) if has_message(code, "en") and has_message(code, "nl") else key


class _Labels:
    """What a change's ``where`` names, in words: ids of both revisions replaced by the
    plans' names (the new revision's name wins), fields by the catalogue's words."""

    def __init__(self, old: Plan, new: Plan) -> None:
        self.ids: dict[str, Named] = {}
        self.lines: dict[str, Named] = {}
        self.sources: dict[str, Named] = {}
        self.assumptions: dict[str, Named] = {}
        for plan in (old, new):
            for pillar in plan.taxonomy.pillars:
                self.ids[pillar.id] = _named(pillar)
            for dim, scenario in plan.employment.scenarios.items():
                self.ids[str(dim)] = _named(scenario)
            for line in _lines(plan).values():
                self.lines[line.id] = _named(line)
            for source in plan.finance.source_ids:
                self.sources[source] = _named(plan.finance.funding_source(source))
            for a in plan.assumptions:
                self.assumptions[a.id] = _named(a)

    def _path(self, path: str) -> list[Any]:
        """Each dotted part in words: a known id by its name, a field, else as it is."""
        return [self.ids.get(p) or _field(p) for p in path.split(".") if p]

    def label(self, change: Change) -> Any:
        if change.label is not None:
            return change.label
        if change.part == "assumptions":
            aid = change.where
            while aid and aid not in self.assumptions:
                aid = aid.rpartition(".")[0]
            if aid:
                parts = [self.assumptions[aid], *self._path(change.where[len(aid) :])]
                return Coded("diff.where", {"parts": parts})
        if change.part in LINE_PARTS:
            if change.where.startswith(PROJECTS_TOTAL):
                tail = change.where[len(PROJECTS_TOTAL) :].lstrip(".")
                return Coded("diff.where", {"parts": [Coded("diff.projects_total"), tail]})
            head, _dot, tail = change.where.partition(".")
            name: Any = self.lines.get(head, head)
            if not tail:
                return Coded("diff.where", {"parts": [name]})
            rest: Any = self.sources.get(tail) or (tail if tail.isdigit() else None)
            more = [rest] if rest is not None else self._path(tail)
            return Coded("diff.where", {"parts": [name, *more]})
        return Coded("diff.where", {"parts": self._path(change.where)})


@dataclass(frozen=True)
class _Result:
    year: int | None
    names: dict[str, Named]
    jobs: dict[str, float]
    pillars: dict[str, dict[str, float]]
    gap: dict[str, float | None]
    note: Coded | None


def _central(plan: Plan) -> _Result:
    """Each dimension's central scenario: jobs in the target year and the goal gap."""
    from clusterplan.model.growth import GrowthError, scenarios

    names = {str(k): _named(s) for k, s in plan.employment.scenarios.items()}
    year = plan.employment.target_year
    try:
        runs = scenarios(plan)
    except Exception as exc:
        # The engine's documented refusals: GrowthError, and any core error with a stable
        # code (e.g. a part the plan lacks). Anything else is a bug and is raised.
        if not (isinstance(exc, GrowthError) or isinstance(getattr(exc, "code", None), str)):
            raise
        note = (
            exc.coded if isinstance(exc, ClusterplanError) else Coded(str(getattr(exc, "code", "")))
        )
        return _Result(year, names, {}, {}, {}, note)
    goal = plan.employment.goal
    goal_jobs = plan.employment.goal_jobs()
    jobs: dict[str, float] = {}
    pillars: dict[str, dict[str, float]] = {}
    gap: dict[str, float | None] = {}
    for dim, run in runs.items():
        if year in run.years:
            pillars[dim] = run.at(year)
            jobs[dim] = run.total_at(year)
        gap[dim] = None
        if goal is not None and goal_jobs is not None and goal.year in run.years:
            gap[dim] = run.total_at(goal.year) - goal_jobs
    return _Result(year, names, jobs, pillars, gap, None)


def _scenarios(old: Plan, new: Plan) -> list[ScenarioSide]:
    a, b = _central(old), _central(new)
    sides = []
    for dim in dict.fromkeys([*a.names, *b.names]):
        sides.append(
            ScenarioSide(
                dimension=dim,
                name=b.names.get(dim) or a.names.get(dim) or Named(dim),
                year_old=a.year if dim in a.names else None,
                year_new=b.year if dim in b.names else None,
                jobs_old=a.jobs.get(dim),
                jobs_new=b.jobs.get(dim),
                pillars_old=a.pillars.get(dim, {}),
                pillars_new=b.pillars.get(dim, {}),
                gap_old=a.gap.get(dim),
                gap_new=b.gap.get(dim),
                note_old=a.note if dim in a.names else NOT_IN_REVISION,
                note_new=b.note if dim in b.names else NOT_IN_REVISION,
            )
        )
    return sides


def plan_diff(old: Plan, new: Plan, *, scenario_results: bool = True) -> PlanDiff:
    """What changed from ``old`` to ``new`` (see the module docstring).

    ``scenario_results`` False skips running the growth engine on both revisions.
    """
    changes = [
        *_meta(old, new),
        *_figures(old, new),
        *_projects(old, new),
        *_costs_and_coverage(old, new),
        *_assumptions(old, new),
        *_findings(old, new),
    ]
    order = {p: i for i, p in enumerate(PARTS)}
    changes.sort(key=lambda c: order[c.part])
    labels = _Labels(old, new)
    changes = [replace(c, label=labels.label(c)) for c in changes]
    return PlanDiff(
        old_id=old.meta.id,
        new_id=new.meta.id,
        old_title=old.meta.title,
        new_title=new.meta.title,
        changes=tuple(changes),
        scenarios=tuple(_scenarios(old, new)) if scenario_results else (),
    )


def part_title(part: Part, lang: str | None = None) -> str:
    """The heading of one part of a diff in ``lang`` (default: this run's language)."""
    return Coded(f"diff.part.{part}").text(lang)


__all__ = [
    "LINE_PARTS",
    "NOT_IN_REVISION",
    "PARTS",
    "PROJECTS_TOTAL",
    "Change",
    "PlanDiff",
    "ScenarioSide",
    "part_title",
    "plan_diff",
    "text",
]
