"""Space and talent: demand against supply per year, from the core's demand models.

Jobs per pillar and year come from the growth engine (a growth dimension, default
assumptions); ``clusterplan.model.space.space_balance`` and
``clusterplan.model.talent.talent_balance`` compute demand, supply and shortfalls.
This module only arranges their results as tables and charts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from clusterplan.app import demand as app_demand
from clusterplan.cache import PlanCache
from clusterplan.model.space import SpaceResult
from clusterplan.model.talent_supply import SupplyData
from clusterplan.model.uncertainty import BAND_ENDS
from clusterplan.plan.schema import Plan
from clusterplan.report import demand as core_demand
from clusterplan.report import talent as core_talent
from clusterplan.report.messages import msg
from clusterplan.report.numbers import json_number, percent
from clusterweb.demand.constants import EducationLevel, label
from clusterweb.presentation import (
    Table,
    chart,
    line_spec,
    missing_part,
    moment,
    page_language,
    shown,
    web_table,
)

if TYPE_CHECKING:
    from clusterweb.demand.models import SupplyImport

Demand = app_demand.DemandOutcome
"""Space and talent results for one growth dimension, with the bands of an ensemble."""


_CACHE: PlanCache[Demand] = PlanCache(16)
"""Space and talent demand per plan, dimension, last year and ensemble (samples, seed,
what it varies)."""


def demand(
    plan: Plan,
    dimension: str | None = None,
    until: int | None = None,
    *,
    samples: int | None = None,
    seed: int | None = None,
    vary: str = app_demand.VARY[0],
) -> Demand:
    """Space and talent demand of a dimension (:func:`clusterplan.app.demand.demand`) of
    the models the plan has a part for (:func:`clusterplan.app.demand.plan_models`, which
    refuses a plan with neither part: ``MissingPart``), with the education supply of
    :func:`supply_data`; an ensemble of ``samples`` drawn with ``seed`` (default: the
    platform's ``CLUSTERWEB_DEMAND_SAMPLES`` and ``CLUSTERWEB_SEED``) that varies what
    ``vary`` names."""
    models = app_demand.plan_models(plan)
    dimension = dimension or plan.employment.last_dimension
    end = app_demand.last_year(plan, until)
    n = settings.CLUSTERWEB_DEMAND_SAMPLES if samples is None else samples
    drawn = settings.CLUSTERWEB_SEED if seed is None else seed
    key = (dimension, end, n, drawn, vary)
    return _CACHE.get(plan, key, lambda: _demand(plan, dimension, end, n, drawn, vary, models))


def _demand(
    plan: Plan,
    dimension: str,
    end: int,
    samples: int,
    seed: int,
    vary: str,
    models: tuple[str, ...],
) -> Demand:
    data, _label = supply_data(plan)
    return app_demand.demand(
        plan, dimension, end, supply=data, samples=samples, seed=seed, vary=vary, models=models
    )


def space_table(result: Demand, download_view: str | None) -> Table:
    """Space per year (:func:`clusterplan.report.demand.space_year_table`)."""
    model = core_demand.space_year_table(
        result.space,
        page_language(),
        probability=result.shortfall_probability,
        samples=result.samples,
        bands=result.space_bands,
    )
    return web_table(model, download_view)


def _band_note(text: str, samples: int) -> str:
    """A chart's note on its bands: ``text`` with the band's ends and the samples filled."""
    low, high = BAND_ENDS
    return text % {"low": low, "high": high, "n": shown(samples)}


def space_chart(result: Demand, download_view: str | None) -> dict[str, Any]:
    """Cumulative demand against cumulative supply, with the shortfall; with an ensemble,
    the band of the demand and of the shortfall so far around each, in its line's colour."""
    s = result.space
    tab = space_table(result, download_view)
    lang = page_language()  # each line named as the table's column of its figure
    demand, supply, shortfall = (
        msg(f"space.col.{key}", lang)
        for key in ("demand_so_far", "supply_so_far", "shortfall_so_far")
    )
    series = {
        demand: [float(v) for v in s.total_demand_so_far_m2],
        supply: [float(v) for v in s.total_supply_so_far_m2],
        shortfall: [float(v) for v in s.total_shortfall_m2],
    }
    bands, notes = None, []
    if result.space_bands is not None:
        bands = {
            demand: result.space_bands.ends("demand_so_far"),
            shortfall: result.space_bands.ends("shortfall_so_far"),
        }
        notes.append(
            _band_note(
                _(
                    "The shaded bands run from %(low)s to %(high)s of %(n)s samples of the "
                    "growth and space assumptions; the lines use the default assumptions, so "
                    "they can lie outside their band."
                ),
                result.samples,
            )
        )
    spec = line_spec(s.years, series, unit="m²", bands=bands)
    return chart("space", _("Space: demand against supply"), spec, tab, notes)


def space_functions_table(result: Demand, download_view: str | None) -> Table:
    """Per function, over the whole period
    (:func:`clusterplan.report.demand.space_function_table`)."""
    return web_table(core_demand.space_function_table(result.space, page_language()), download_view)


def talent_table(result: Demand, download_view: str | None) -> Table:
    """Hires needed, supply and gap per education level and year, with an ensemble the
    band of the hires needed (:func:`clusterplan.report.demand.talent_year_table`)."""
    assert result.talent is not None
    model = core_demand.talent_year_table(result.talent, page_language(), bands=result.talent_bands)
    return web_table(model, download_view)


def supply_note(plan: Plan) -> str:
    """Where the talent balance's supply comes from (the core's words, as ``clusterplan
    talent`` ends with them): the file, and whether its figures are illustrative."""
    lang = page_language()
    return f"{_('Education supply:')} {core_demand.supply_source(supply_data(plan)[1], lang)}"


def talent_chart(
    result: Demand, download_view: str | None, supply: str | None = None
) -> dict[str, Any]:
    """Hires needed per year, a line per education level; with an ensemble, the band of
    each level's hires needed around its line, in its colour; ``supply`` (the
    :func:`supply_note`) under it."""
    t = result.talent
    tab = talent_table(result, download_view)
    names = {level: label(EducationLevel, level) for level in t.levels}
    series = {
        names[level]: [round(float(v)) for v in t.need[k]] for k, level in enumerate(t.levels)
    }
    bands, notes = None, [] if supply is None else [supply]
    if result.talent_bands is not None:
        bands = {names[level]: result.talent_bands.ends("need", level) for level in t.levels}
        notes.append(
            _band_note(
                _(
                    "The shaded bands run from %(low)s to %(high)s of %(n)s samples of the "
                    "growth assumptions and the retirement and turnover rates; the lines use "
                    "the default assumptions, so they can lie outside their band."
                ),
                result.samples,
            )
        )
    spec = line_spec(t.years, series, unit=_("people"), bands=bands)
    return chart("talent", _("Hires needed per year by education level"), spec, tab, notes)


def headlines(result: Demand, supply: str | None = None) -> list[dict[str, Any]]:
    """First shortfall year, when the plots are used up, the space shortfall at the end, the
    talent gap per year (each of a part the result has; its provenance names the
    ``supply``, the :func:`supply_note`)."""
    s, t = result.space, result.talent
    out = [] if s is None else _space_headlines(s)
    if t is not None:
        short = float(t.short_total[-1])
        out.append(
            {
                "label": _("Hires short in %(year)s (levels with known supply)")
                % {"year": t.years[-1]},
                "value": "?" if math.isnan(short) else round(short),
                "unit": _("people"),
                "provenance": _("computed by the talent model")
                + ("" if supply is None else f"; {supply}"),
            }
        )
    if s is not None and result.shortfall_probability is not None:
        out.insert(
            3,
            {
                "label": _("Probability of a space shortfall in %(year)s") % {"year": s.years[-1]},
                "value": percent(result.shortfall_probability[-1]),
                "unit": "%",
                "provenance": _("computed: %(n)s samples of the growth and space assumptions")
                % {"n": shown(result.samples)},
            },
        )
    return out


def _space_headlines(s: SpaceResult) -> list[dict[str, Any]]:
    """First shortfall year, when the plots are used up and the shortfall at the end."""
    first, first_in = core_demand.first_shortfall(s, page_language())
    used_up, used_up_in = core_demand.plots_used_up(s, page_language())
    return [
        {  # no shortfall is "none" (the command line's word), not the mark of an empty cell
            "label": first,
            "value": first_in,
            "provenance": _("computed by the space model"),
        },
        {  # when the demand so far exceeds every plot, as the command line says it
            "label": used_up,
            "value": used_up_in,
            "provenance": _("computed by the space model"),
        },
        {
            "label": _("Space shortfall in %(year)s") % {"year": s.years[-1]},
            "value": round(float(s.total_shortfall_m2[-1])),
            "unit": "m²",
            "provenance": _("computed by the space model"),
        },
    ]


def demand_tables(result: Demand, download_view: str | None) -> dict[str, Table]:
    """Every table of the page by slug (those of the parts the result has)."""
    tables: dict[str, Table] = {}
    if result.space is not None:
        tables["space-per-year"] = space_table(result, download_view)
        tables["space-per-function"] = space_functions_table(result, download_view)
    if result.talent is not None:
        tables["talent-per-year"] = talent_table(result, download_view)
    return tables


# ---------------------------------------------------------------------------------------
# The talent programme: targets, supply, measures


def space_refusal(plan: Plan) -> str | None:
    """The one line the space page gives for a plan without a space part, or None."""
    return missing_part(plan, "space")


def talent_refusal(plan: Plan) -> str | None:
    """The one line every talent page gives for a plan without a talent part, or None."""
    return missing_part(plan, "talent")


def with_adopted_targets(plan: Plan) -> Plan:
    """The plan with the targets adopted on the web laid over its own ``talent.targets``
    (a stored year the plan no longer has as a target year is left out)."""
    from clusterplan.plan.schema import TalentTarget as CoreTarget
    from clusterweb.demand.models import TalentTarget

    section = plan.talent
    if section is None:
        return plan
    years = {*section.interim_years, section.goal_year}
    stored = {t.year: t for t in TalentTarget.objects.select_related("set_by") if t.year in years}
    if not stored:
        return plan
    targets = [t for t in section.targets if t.year not in stored]
    for row in stored.values():
        targets.append(
            CoreTarget(
                year=row.year,
                hires={lv: getattr(row, lv) for lv in EducationLevel.values},
                set_by=row.set_by.get_username() if row.set_by else None,
                reason=row.reason or None,
                derived=row.derived or None,
            )
        )
    targets.sort(key=lambda t: t.year)
    return plan.model_copy(update={"talent": section.model_copy(update={"targets": targets})})


def supply_data(plan: Plan) -> tuple[Any, str | None]:
    """The education supply data and a label saying where it comes from: the latest import
    on the web (a plan loaded from a directory brings its own file as an import, see
    :func:`replace_supply_with_plan_file`), else, for the bundled plan, its
    ``talent.supply_file``; (None, None) without."""
    from clusterplan.model.talent_supply import (
        illustrative_supply,
        plan_supply_path,
        read_supply,
        supply_from_json,
        supply_label,
    )
    from clusterplan.plan.load import BUNDLED_PLAN_DIR, bundled_plan
    from clusterweb.demand.models import SupplyImport

    if plan.talent is None:
        return None, None
    latest = SupplyImport.objects.order_by("-pk").first()
    if latest is not None:
        if illustrative_supply(plan, latest.file_name):
            label = supply_label(plan, latest.file_name, page_language())
        else:  # real data: say when it came
            label = _("%(file)s, imported %(when)s") % {
                "file": latest.file_name,
                "when": moment(latest.imported_at),
            }
        return supply_from_json(latest.file_name, latest.rows), label
    if plan.meta.id != bundled_plan().meta.id:
        return None, None  # never the bundled plan's file for another plan
    path = plan_supply_path(BUNDLED_PLAN_DIR, plan.talent.supply_file)
    if path is None or not path.is_file():
        return None, None
    return read_supply(path), supply_label(plan, path.name, page_language())


Programme = app_demand.TalentProgramme
"""The talent programme's result for the page: the core's result, its odds and where the
supply comes from."""


def talent_programme(plan: Plan, source: str = app_demand.BACKCAST) -> Programme:
    """Targets, gap before and after measures and the odds of meeting the targets
    (:func:`clusterplan.app.demand.talent_programme`), with the targets adopted on the
    platform and the supply of :func:`supply_data`.

    Raises the core's ``TalentPlanMissing`` (one line) when there is no supply and no measure.
    """
    plan = with_adopted_targets(plan)
    data, label = supply_data(plan)
    return app_demand.talent_programme(
        plan,
        data,
        source,
        supply_label=label,
        samples=settings.CLUSTERWEB_DEMAND_SAMPLES,
        seed=settings.CLUSTERWEB_SEED,
    )


def path_choices(plan: Plan) -> list[tuple[str, str]]:
    """The job paths targets can be derived from (the core's
    :func:`~clusterplan.model.talent_plan.path_sources`), each by the core's name
    (:func:`clusterplan.report.talent.path_name`, which ``clusterplan talent --targets``
    prints) in the page's language, as an option's label."""
    from clusterplan.model.talent_plan import path_sources

    lang = page_language()
    return [(s, capfirst(core_talent.path_name(plan, s, lang))) for s in path_sources(plan)]


def targets_table(plan: Plan, programme: Programme, can_edit: bool) -> Table:
    """Per target year: derived and in-force hires per level, who set them, the odds
    (:func:`clusterplan.report.talent.targets_table`). ``edit``: per row the year whose
    adopted target an editor may change (else None), for the link in the row's header
    (``demand/_targets_table.html``)."""
    r = programme.result
    model = core_talent.targets_table(r, programme.odds, page_language(), plan)
    edit = [
        year if year in r.targets.adopted and can_edit and year in r.years else None
        for year in r.targets.years
    ]
    return {**web_table(model, None), "edit": edit}


def gap_table(programme: Programme, download_view: str | None) -> Table:
    """Gap per level and year before and after the measures
    (:func:`clusterplan.report.talent.gap_table`; need and supply: the space and talent
    page)."""
    return web_table(core_talent.gap_table(programme.result, page_language()), download_view)


def measures_table(programme: Programme, download_view: str | None) -> Table:
    """Measures ranked by gap closed per euro, with hires and cost per person
    (:func:`clusterplan.report.talent.measures_table`)."""
    return web_table(core_talent.measures_table(programme.result, page_language()), download_view)


def adopt_derived(user: Any, plan: Plan, programme: Programme) -> int:
    """Store the targets ``programme`` derived (along the job path it shows) for every
    target year that has none stored yet, as derived (kept in history); returns how many
    were adopted. Stored targets are never overwritten here."""
    from django.db import transaction

    from clusterweb.demand.models import TalentTarget
    from clusterweb.history.services import save_new

    t = programme.result.targets
    adopted = 0
    with transaction.atomic():
        taken = set(TalentTarget.objects.values_list("year", flat=True))
        for year in t.years:
            # whole people, as the targets table shows them (the job path gives fractions)
            values = {lv: json_number(v, 0) for lv, v in t.derived[year].items()}
            if year in taken or all(v is None for v in values.values()):
                continue
            row = TalentTarget(  # no reason of its own: the path it was derived from says
                year=year,  # why, in the reader's language (core_talent.adoption_reason)
                **values,
                reason="",
                derived=t.source,
                set_by=user,
            )
            save_new(user, row)
            adopted += 1
    return adopted


def update_target(row: Any, user: Any, fields: dict[str, Any], *, read: Any) -> None:
    """Change an adopted target (refused with ``locking.Stale`` when the form is stale);
    every changed field is kept in history, with who set it."""
    from django.db import transaction

    from clusterweb.demand.forms import LEVEL_FIELDS
    from clusterweb.history.services import save_changes
    from clusterweb.locking import claim

    names = [*LEVEL_FIELDS, "reason"]
    with transaction.atomic():
        claim(row, read)
        save_changes(user, row, {**{n: fields[n] for n in names}, "set_by": user}, names)


def supply_problem_text(problem: Any) -> str:
    """A supply problem in the user's language: file, row, column and reason (from the
    reason's code, through the core's catalogue)."""
    return str(problem.text(get_language()))


def plan_supply(plan: Plan, plan_dir: Path) -> tuple[str, list[dict[str, Any]]] | None:
    """The plan's own ``talent.supply_file`` in ``plan_dir`` as (file name, checked rows),
    or None without one; ``SupplyError`` when the file is refused (the core's
    :func:`~clusterplan.model.talent_supply.read_plan_supply`, as ``clusterplan check``
    and ``plan import`` read it, within the import limits)."""
    from clusterplan.io.limits import ReadLimits
    from clusterplan.model.talent_supply import read_plan_supply

    return supply_entry(read_plan_supply(plan, plan_dir, ReadLimits.from_env()))


def supply_entry(data: SupplyData | None) -> tuple[str, list[dict[str, Any]]] | None:
    """A plan's own supply file read by the core as (file name, checked rows), the form a
    revision and a supply import keep it in; None without one."""
    from clusterplan.model.talent_supply import supply_rows_json

    return None if data is None else (data.file, supply_rows_json(data))


def use_plan_supply(supply: tuple[str, list[dict[str, Any]]] | None) -> None:
    """The live plan changed: drop the supply imports of the plan it replaces and use the
    new plan's own supply rows (as an import) when it has them."""
    from clusterweb.demand.models import SupplyImport

    SupplyImport.objects.all().delete()
    if supply is not None:
        name, rows = supply
        SupplyImport.objects.create(file_name=name[:255], rows=rows, row_count=len(rows))


def replace_supply_with_plan_file(plan: Plan, plan_dir: Path) -> str | None:
    """After a plan is stored from ``plan_dir``: use its own supply file (see
    :func:`use_plan_supply`) and keep it with the plan's revision. Returns the file's name
    (None without one); ``SupplyError`` when the file is refused."""
    from clusterweb.planning.services import record_revision

    supply = plan_supply(plan, plan_dir)
    use_plan_supply(supply)
    record_revision(plan, supply)
    return None if supply is None else supply[0]


@dataclass(frozen=True)
class SupplyPreview:
    """What importing an education supply file would do (or, once committed, did): store
    every row of the file (``rows``, as :func:`~clusterplan.model.talent_supply.supply_rows_json`
    gives them) in place of the supply imported before (``replaces``: that import, None
    without one), or nothing, for the ``problems`` (each in the page's language)."""

    file: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    replaces: SupplyImport | None = None

    @property
    def valid(self) -> bool:
        return not self.problems and bool(self.rows)

    def count(self, action: str) -> int:
        """Every row of the file is stored anew (``create``); none is updated or kept."""
        return len(self.rows) if action == "create" else 0

    def planned(self) -> dict[str, Any]:
        """What committing writes: the rows, in place of which import
        (``ImportPage.planned``); another import stored since the preview changes it."""
        replaced = None if self.replaces is None else (self.replaces.pk, self.replaces.row_count)
        return {"rows": self.rows, "replaces": replaced}


def preview_supply(name: str, data: bytes) -> SupplyPreview:
    """What importing this education supply file would do (nothing is written): the core
    checks it whole, within the import limits (:class:`~clusterplan.io.limits.ReadLimits`)."""
    from clusterplan.io.limits import ReadLimits
    from clusterplan.model.talent_supply import SupplyError, parse_supply_bytes, supply_rows_json
    from clusterweb.demand.models import SupplyImport

    replaces = SupplyImport.objects.order_by("-pk").first()
    try:
        parsed = parse_supply_bytes(name, data, ReadLimits.from_env())
    except SupplyError as exc:
        problems = [supply_problem_text(p) for p in exc.problems]
        return SupplyPreview(name, problems=problems, replaces=replaces)
    return SupplyPreview(name, rows=supply_rows_json(parsed), replaces=replaces)


def import_supply(user: Any, name: str, data: bytes) -> SupplyPreview:
    """Import an education supply file, all or nothing (call inside a transaction: the
    import page's confirmation checks what it wrote against its preview); the import is kept
    in history and becomes the supply of the talent pages. Returns the preview it applied
    (check ``valid``: nothing is written otherwise)."""
    from django.db import transaction

    from clusterweb.demand.models import SupplyImport
    from clusterweb.history.services import record_create

    result = preview_supply(name, data)
    if result.valid:
        with transaction.atomic():
            row = SupplyImport.objects.create(
                file_name=name[:255],
                rows=result.rows,
                row_count=len(result.rows),
                imported_by=user,
            )
            record_create(user, row, note=f"{len(result.rows)} rows")
    return result
