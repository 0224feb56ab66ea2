"""The named inputs of a scenario, each declared once.

:data:`SCENARIO_INPUTS` lists every input a user can set for a scenario (the command line's
options, the web's scenario form and the JSON API's ``/scenarios/inputs`` are all built
from it): its name, its label and help in Dutch and English, the declared range
(:mod:`clusterplan.plan.bounds`) and which growth assumption it sets. The default of an
input is the plan's (:func:`clusterplan.model.growth.growth_assumptions`, which reads the
plan's assumptions), never a number written here. Adding an input is one entry in
:data:`SCENARIO_INPUTS` (plus its assumption in the plan's data when it has none yet).

Per-project inputs are declared once and built for every project the growth engine knows;
their names are ``<key>__<project id>`` (e.g. ``realisation__acp``), the scheme of
:mod:`clusterplan.model.naming` that the sampled inputs of Monte Carlo, Sobol and PRIM share.
:func:`label_of` labels any of these names, scenario or sampled, in either language.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from clusterplan.errors import ClusterplanError, Coded
from clusterplan.i18n import Text, unit_words
from clusterplan.model import uncertainty
from clusterplan.model.growth import (
    GrowthAssumptions,
    growth_assumptions,
    has_facility,
)
from clusterplan.model.naming import (
    DELAY,
    REALISATION,
    split_name,
)
from clusterplan.model.naming import input_name as named
from clusterplan.plan import bounds
from clusterplan.plan.schema import Named, Plan

Language = Literal["nl", "en"]

DIMENSION = "dimension"
"""The input that chooses the growth dimension (a choice, not a growth assumption)."""

ACQUISITION = "acquisition_jobs"
"""The input of extra jobs from acquisition (added to the trajectory, not an assumption)."""


def _horizon(a: GrowthAssumptions) -> tuple[float, float]:
    return float(a.base_year), float(a.target_year)


@dataclass(frozen=True)
class InputKind:
    """The declaration of one input (or, with ``per_project``, of one input per project).

    ``target`` is the field of :class:`~clusterplan.model.growth.GrowthAssumptions` the
    value sets (merged per project when ``per_project``), or :data:`DIMENSION` or
    :data:`ACQUISITION`. ``within`` narrows the bound for a plan (e.g. to its horizon).
    ``label`` may name ``{project}``; ``help`` may name ``{default}``, ``{base_year}`` and
    ``{target_year}``; ``column`` is the short header of a per-project table.
    ``applies`` says whether a plan has the input at all (default: every plan has it); an
    input that does not apply is not offered, and a value for it is an unknown input.
    """

    key: str
    label: Text
    bound: bounds.Bound | None
    target: str
    help: Text | None = None
    per_project: bool = False
    required: bool = True
    within: Callable[[GrowthAssumptions], tuple[float, float]] | None = None
    column: Text | None = None
    applies: Callable[[Plan], bool] | None = None

    def applies_to(self, plan: Plan) -> bool:
        """Whether ``plan`` has this input (see ``applies``)."""
        return self.applies is None or self.applies(plan)


SCENARIO_INPUTS: tuple[InputKind, ...] = (
    InputKind(
        key=DIMENSION,
        label=Text("Groeidimensie", "Growth dimension"),
        bound=None,
        target=DIMENSION,
    ),
    InputKind(
        key="market_growth_factor",
        label=Text("Marktgroeifactor tot het doeljaar", "Market growth factor to the target year"),
        bound=bounds.MARKET_FACTOR,
        target="market_growth_factor",
        help=Text(
            "Het plan: de markt groeit van {base_year} tot {target_year} met een factor {default}.",
            "The plan: the market grows by a factor of {default} from {base_year} to "
            "{target_year}.",
        ),
    ),
    InputKind(
        key="fab_closure_year",
        label=Text(
            "Jaar van sluiting van de fab (leeg: de fab gaat door)",
            "Fab closure year (empty: the fab continues)",
        ),
        bound=bounds.YEAR,
        target="fab_closure_year",
        help=Text("De bedreigde fab sluit in dit jaar.", "The fab at risk closes in this year."),
        required=False,
        within=_horizon,
        applies=has_facility,  # only a plan with a facility at risk can close it
    ),
    InputKind(
        key=ACQUISITION,
        label=Text("Banen uit acquisitie in het doeljaar", "Acquisition jobs in the target year"),
        bound=bounds.JOBS,
        target=ACQUISITION,
        help=Text(
            "Extra banen uit acquisitie, verdeeld over de pijlers zoals de banen in het "
            "basisjaar en lineair groeiend vanaf het basisjaar.",
            "Extra jobs from acquisition, shared over the pillars as the base-year jobs are "
            "and growing linearly from the base year.",
        ),
    ),
    InputKind(
        key=REALISATION,
        label=Text("Realisatie: {project}", "Realisation: {project}"),
        bound=bounds.REALISATION,
        target="realisation",
        help=Text(
            "Aandeel van de geplande banen van het project dat gerealiseerd wordt (0 tot 2; "
            "boven 1: meer dan gepland).",
            "Share of the project's planned jobs that is realised (0 to 2; above 1: beyond plan).",
        ),
        per_project=True,
        column=Text("Realisatie (0-2)", "Realisation (0-2)"),
    ),
    InputKind(
        key=DELAY,
        label=Text("Vertraging (jaren): {project}", "Delay (years): {project}"),
        bound=bounds.DELAY_YEARS,
        target="delay_years",
        per_project=True,
        column=Text("Vertraging (jaren)", "Delay (years)"),
    ),
)
"""Every input of a scenario, in the order the interfaces show them."""


@dataclass(frozen=True)
class Input:
    """One named input of a scenario for one plan: range, default and texts."""

    name: str
    kind: InputKind
    project: str | None
    project_name: Text | None
    low: float | None
    high: float | None
    default: Any
    choices: tuple[str, ...] | None
    params: Mapping[str, Any]

    @property
    def unit(self) -> str:
        """The unit of the value ('' for a choice)."""
        return self.kind.bound.unit if self.kind.bound else ""

    @property
    def required(self) -> bool:
        return self.kind.required

    @property
    def integer(self) -> bool:
        return bool(self.kind.bound and self.kind.bound.integer)

    def label(self, lang: str) -> str:
        """The label in ``lang`` (``nl`` or ``en``)."""
        return self.kind.label(lang, project=self.project_title(lang))

    def project_title(self, lang: str) -> str:
        """The project's name in ``lang`` ('' for an input that is not per project)."""
        if self.project_name is None:
            return self.project or ""
        return self.project_name(lang) or self.project_name.nl

    def help(self, lang: str) -> str:
        """The help text in ``lang`` ('' when the input has none)."""
        return self.kind.help(lang, **self.params) if self.kind.help else ""

    def problem(self, value: Any) -> Coded | None:
        """Why ``value`` is not valid for this input (coded: any language), or None."""
        if value is None:
            return None if not self.required else Coded("input.required")
        if self.choices is not None:
            choices = {"choices": ", ".join(self.choices)}
            return None if value in self.choices else Coded("input.not_a_choice", choices)
        bound = self.kind.bound
        assert bound is not None and self.low is not None and self.high is not None
        narrowed = dataclasses.replace(bound, low=self.low, high=self.high)
        return narrowed.problem(value)

    def as_data(self, lang: str) -> dict[str, Any]:
        """The input as JSON data in ``lang`` (``clusterplan inputs --json`` and
        ``GET /api/scenarios/inputs``)."""
        return {
            "name": self.name,
            "label": self.label(lang),
            "help": self.help(lang),
            "low": self.low,
            "high": self.high,
            "unit": self.unit,
            "unit_label": unit_words(self.unit, lang) if self.unit else "",
            "default": self.default,
            "required": self.required,
            "choices": list(self.choices) if self.choices is not None else None,
        }


class InputError(ClusterplanError, ValueError):
    """A named input value that is unknown or invalid: code ``input.unknown`` (``name``) or
    ``input.invalid`` (``name``, coded ``reason``); the words are the catalogue's."""


def project_ids(plan: Plan) -> list[str]:
    """The projects the growth engine knows (those with job effects), in plan order."""
    return list(growth_assumptions(plan).project_ids)


def input_name(kind: InputKind, project: str | None = None) -> str:
    """The name of an input: its key, or ``<key>__<project>`` per project."""
    return named(kind.key, project)


def _default(
    kind: InputKind, a: GrowthAssumptions, project: str | None, dims: tuple[str, ...]
) -> Any:
    if kind.target == DIMENSION:
        return dims[-1]  # the plan's last dimension: every project of the plan counted
    if kind.target == ACQUISITION:
        assert kind.bound is not None
        return float(kind.bound.low)  # no acquisition beyond the plan's own figures
    value = getattr(a, kind.target)
    if project is not None:
        value = value[project]
    integer = kind.bound is not None and kind.bound.integer
    return float(value) if isinstance(value, int | float) and not integer else value


def _project_name(plan: Plan, pid: str) -> Text:
    try:
        project = plan.project(pid)
    except KeyError:
        return Text(pid, pid)
    return Text(project.name_nl, project.name_en or project.name_nl)


def scenario_inputs(plan: Plan) -> list[Input]:
    """Every input of a scenario that applies to ``plan``, in :data:`SCENARIO_INPUTS` order
    (per-project inputs grouped by project)."""
    a = growth_assumptions(plan)
    dims = tuple(plan.employment.dimension_ids)
    shown = {pid: _project_name(plan, pid) for pid in a.project_ids}
    params = {
        "base_year": a.base_year,
        "target_year": a.target_year,
    }
    kinds = [kind for kind in SCENARIO_INPUTS if kind.applies_to(plan)]
    out: list[Input] = []
    for kind in kinds:
        if kind.per_project:
            continue
        out.append(_input(kind, a, None, None, params, dims))
    for pid in a.project_ids:
        for kind in kinds:
            if kind.per_project:
                out.append(_input(kind, a, pid, shown[pid], params, dims))
    return out


def _input(
    kind: InputKind,
    a: GrowthAssumptions,
    project: str | None,
    project_name: Text | None,
    params: Mapping[str, Any],
    dims: tuple[str, ...],
) -> Input:
    default = _default(kind, a, project, dims)
    low = high = None
    if kind.bound is not None:
        low, high = float(kind.bound.low), float(kind.bound.high)
        if kind.within is not None:
            lo, hi = kind.within(a)
            low, high = max(low, lo), min(high, hi)
    return Input(
        name=input_name(kind, project),
        kind=kind,
        project=project,
        project_name=project_name,
        low=low,
        high=high,
        default=default,
        choices=dims if kind.target == DIMENSION else None,
        params={**params, "default": default},  # written in the reader's language by Text
    )


def defaults(plan: Plan) -> dict[str, Any]:
    """Input name to the plan's default value."""
    return {i.name: i.default for i in scenario_inputs(plan)}


def check(plan: Plan, values: Mapping[str, Any]) -> dict[str, Any]:
    """The values, checked: an unknown name or an invalid value raises :class:`InputError`
    (the first, in declaration order); numbers come back as float (int for whole-number
    inputs)."""
    inputs = {i.name: i for i in scenario_inputs(plan)}
    unknown = sorted(set(values) - set(inputs))
    if unknown:
        raise InputError(code="input.unknown", params={"name": unknown[0]})
    out: dict[str, Any] = {}
    for name, spec in inputs.items():
        if name not in values:
            continue
        value = values[name]
        if isinstance(value, float) and spec.integer and math.isfinite(value):
            value = int(value) if value.is_integer() else value
        problem = spec.problem(value)
        if problem is not None:
            raise InputError(code="input.invalid", params={"name": name, "reason": problem})
        out[name] = float(value) if isinstance(value, int) and not spec.integer else value
    return out


def overrides(plan: Plan, values: Mapping[str, Any]) -> dict[str, Any]:
    """Growth-assumption overrides (for ``growth_assumptions``) from named values; the
    dimension and acquisition inputs are not assumptions and are left out."""
    inputs = {i.name: i for i in scenario_inputs(plan)}
    out: dict[str, Any] = {}
    for name, value in values.items():
        spec = inputs.get(name)
        if spec is None or spec.kind.target in (DIMENSION, ACQUISITION):
            continue
        if spec.project is not None:
            if value is not None:
                out.setdefault(spec.kind.target, {})[spec.project] = float(value)
        elif value is None or value == "":
            if not spec.required:
                out[spec.kind.target] = None
        else:
            out[spec.kind.target] = int(value) if spec.integer else float(value)
    return out


def per_project_kinds() -> list[InputKind]:
    """The per-project input kinds, in declaration order (the columns of a project table)."""
    return [k for k in SCENARIO_INPUTS if k.per_project]


def by_project(inputs: Sequence[Input]) -> dict[str, list[Input]]:
    """Project id to its inputs (in declaration order)."""
    out: dict[str, list[Input]] = {}
    for i in inputs:
        if i.project is not None:
            out.setdefault(i.project, []).append(i)
    return out


def _scenario_kind(key: str, item: str | None) -> InputKind | None:
    """The declaration in :data:`SCENARIO_INPUTS` of a named input's key (per project when
    the name has an item), or None."""
    per_project = item is not None
    return next((k for k in SCENARIO_INPUTS if k.key == key and k.per_project == per_project), None)


def unit_of(plan: Plan, name: str) -> str:
    """The unit of any named input: a scenario input's declared bound's, else the unit of
    the assumption a sampled input is drawn from (:data:`clusterplan.model.uncertainty.
    SAMPLED`), else ''."""
    key, item = split_name(name)
    kind = _scenario_kind(key, item)
    if kind is not None:
        return kind.bound.unit if kind.bound else ""
    sampled = uncertainty.sampled_kind(key)
    if sampled is None:
        return ""
    assumption = next(
        (a for a in plan.assumptions if a.id == sampled.assumption.format(id=item)), None
    )
    return "" if assumption is None else assumption.unit


def label_of(plan: Plan, name: str, lang: str) -> str:
    """The label of any named input in ``lang``: a scenario input's declared label, else a
    sampled input's (:data:`clusterplan.model.uncertainty.SAMPLED`, with the plan's name of
    its pillar, market or project), else the name itself."""
    key, item = split_name(name)
    kind = _scenario_kind(key, item)
    if kind is not None:
        project = _project_name(plan, item)(lang) if item is not None else ""
        return kind.label(lang, project=project)
    sampled = uncertainty.sampled_kind(key)
    if sampled is None or sampled.label is None or (sampled.per is None) != (item is None):
        return name
    if sampled.per is None or item is None:
        return sampled.label(lang)
    return sampled.label(lang, item=_item_name(plan, sampled.per, item, lang))


def _item_name(plan: Plan, per: str, item: str, lang: str) -> str:
    """The plan's name of a pillar, market or project in ``lang`` (its id when the plan
    lacks it)."""
    if per == "project":
        return _project_name(plan, item)(lang)
    found: Sequence[Named] = plan.taxonomy.pillars if per == "pillar" else plan.taxonomy.markets
    for entry in found:
        if entry.id == item:
            return (entry.name_en or entry.name_nl) if lang.startswith("en") else entry.name_nl
    return item
