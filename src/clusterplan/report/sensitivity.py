"""Sensitivity (Sobol indices) and scenario discovery (PRIM boxes), built once as tables
(:mod:`clusterplan.report.table`): the first- and total-order indices of each uncertain
input for the jobs in the goal year and for reaching the goal, and per PRIM box the input
ranges in which the goal tends to fail. The command line (``clusterplan sensitivity``,
``clusterplan discover``) and the web's sensitivity page show these same tables.

Every figure is computed (:mod:`clusterplan.model.sensitivity`), never printed in the plan.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from clusterplan.app.inputs import label_of
from clusterplan.i18n import gettext
from clusterplan.plan.schema import Plan
from clusterplan.report.messages import msg
from clusterplan.report.numbers import format_number, percent
from clusterplan.report.table import Cell, Row, Table, catalogued, figure, label

if TYPE_CHECKING:
    from clusterplan.model.sensitivity import Discovery, PrimBox, SobolIndices, SobolResult

DECIMALS = 3
"""Decimals of a Sobol index and of a box's input limits."""

OUTPUTS = ("jobs", "goal")
"""The outputs of a Sobol analysis, in the order of their columns: the jobs in the goal
year and whether the goal is reached."""


def _computed(value: float | None) -> Cell:
    """A computed figure with :data:`DECIMALS` decimals (unknown when it is not a number)."""
    known = value is not None and math.isfinite(value)
    return figure(value if known else None, "", printed=False, decimals=DECIMALS)


def _order(result: SobolResult) -> list[str]:
    """The inputs, largest total-order index of the jobs first (of the goal when the jobs
    do not vary; as sampled when neither does)."""
    ranked = result.jobs.ranked() or result.goal_reached.ranked()
    return [name for name, _first, _total in ranked] or list(result.jobs.names)


def _index_cells(indices: SobolIndices, name: str) -> tuple[Cell, Cell]:
    """The first- and total-order index of input ``name`` for one output."""
    at = indices.names.index(name)
    first, total = indices.first, indices.total
    return _computed(None if first is None else first[at]), _computed(
        None if total is None else total[at]
    )


def sobol_table(plan: Plan, result: SobolResult, lang: str) -> Table:
    """Per uncertain input: its first-order (S1) and total-order (ST) Sobol index of the
    jobs in the goal year and of reaching the goal, largest total order of the jobs first.

    An output that does not vary in the samples has no indices: its columns are left out
    and a note says so."""
    varying = {
        key: ix
        for key, ix in zip(OUTPUTS, (result.jobs, result.goal_reached), strict=True)
        if ix.first is not None and ix.total is not None
    }
    rows = [
        Row(
            name,
            (
                label(label_of(plan, name, lang)),
                *[cell for ix in varying.values() for cell in _index_cells(ix, name)],
            ),
        )
        for name in _order(result)
    ]
    heads = ["input", *[f"{key}_{order}" for key in varying for order in ("first", "total")]]
    texts = "sensitivity.sobol"
    notes = [msg(f"{texts}.orders", lang)] + [
        msg(f"{texts}.constant.{key}", lang, year=result.goal_year)
        for key in OUTPUTS
        if key not in varying
    ]
    runs = format_number(result.n_evaluations, lang, 0)
    return catalogued(
        "sobol",
        lang,
        heads,
        rows,
        texts=texts,
        words=("input",),
        notes=notes,
        year=result.goal_year,
        runs=runs,
    )


def sobol_summary(result: SobolResult, lang: str) -> str:
    """The sizes and seed a Sobol analysis ran with, in ``lang``: its base sample N, the
    model runs and the seed. The command line prints it above the indices and the
    sensitivity page shows it, so either names the numbers it used."""
    return gettext("Sobol, N={n} ({runs} runs), seed {seed}", lang).format(
        n=result.n_base, runs=format_number(result.n_evaluations, lang, 0), seed=result.seed
    )


BOX_KEYS = ("input", "lower", "upper", "sampled_lower", "sampled_upper")
"""The columns of a PRIM box's table: the input, the box's limits and the sampled range."""


def box_table(plan: Plan, discovery: Discovery, number: int, lang: str) -> Table:
    """The PRIM box ``number`` (from 1) of ``discovery``: per input it restricts, the
    range in the box and the range sampled; titled by its coverage, density and mass (%)."""
    box: PrimBox = discovery.boxes[number - 1]
    rows = []
    for name, (lower, upper) in box.limits.items():
        low, high = discovery.input_ranges.get(name, (None, None))
        cells = (label(label_of(plan, name, lang)), *map(_computed, (lower, upper, low, high)))
        rows.append(Row(name, cells))
    return catalogued(
        f"prim-box-{number}",
        lang,
        BOX_KEYS,
        rows,
        texts="sensitivity.box",
        words=("input",),
        number=number,
        coverage=_percent(box.coverage, lang),
        density=_percent(box.density, lang),
        mass=_percent(box.mass, lang),
    )


def _percent(share: float, lang: str) -> str:
    """A share (0.25) as a whole percentage in ``lang`` (``25``), for a box's title."""
    return format_number(percent(share, 0), lang, 0)


def discovery_summary(discovery: Discovery, lang: str) -> list[str]:
    """What scenario discovery found, in ``lang``: how often the goal fails over how many
    samples, and that no range of the inputs stands out when no box reaches the density
    threshold. The command line prints it and the sensitivity page shows it."""
    lines = [
        gettext(
            "{n} samples, seed {seed}: goal ({goal} jobs in {year}) fails in {rate}%", lang
        ).format(
            n=format_number(discovery.n, lang, 0),
            seed=discovery.seed,
            goal=format_number(discovery.goal_jobs, lang, 0),
            year=discovery.goal_year,
            rate=format_number(percent(discovery.failure_rate), lang, 1),
        )
    ]
    if not discovery.boxes:
        lines.append(
            gettext(
                "No range of the inputs stands out: no box reaches the density threshold.", lang
            )
        )
    return lines


def discovery_tables(plan: Plan, discovery: Discovery, lang: str) -> list[Table]:
    """One table per PRIM box of ``discovery`` (:func:`box_table`); none when no box
    reaches the density threshold."""
    return [box_table(plan, discovery, i, lang) for i in range(1, len(discovery.boxes) + 1)]
