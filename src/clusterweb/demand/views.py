"""Space and talent: demand against supply per year, shortfalls."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from clusterplan.model.demand_data import DemandDataError
from clusterplan.model.growth import GrowthError
from clusterplan.model.talent_supply import SUPPLY_COLUMNS, SupplyError
from clusterplan.plan.schema import Plan
from clusterweb.accounts.access import can_edit_plan, editor_required, reader_required
from clusterweb.demand import services
from clusterweb.demand.constants import EducationLevel, label
from clusterweb.demand.forms import SupplyImportForm, TalentTargetForm
from clusterweb.demand.models import TalentTarget
from clusterweb.errors import error_text, reason_text
from clusterweb.imports import PREVIEW_ROWS, ImportPage, import_page, preview_table
from clusterweb.locking import save_form
from clusterweb.planning.services import current_plan
from clusterweb.presentation import (
    MISSING,
    Table,
    download_from,
    moment,
    shown,
    table,
    with_query,
)
from clusterweb.scenarios.services import dimension_choices

DOWNLOAD = "demand:download"
TALENT_DOWNLOAD = "demand:talent_download"
TITLE = gettext_lazy("Space and talent")
TALENT_TITLE = gettext_lazy("Talent")


def _dimension(request: HttpRequest) -> str:
    """The growth dimension asked for (default: the plan's last); one the plan does not
    have is the core's to refuse (it had been replaced by the last without a word)."""
    return request.GET.get("dimension") or current_plan().employment.last_dimension


def _parts(plan: Plan) -> tuple[dict[str, object], bool]:
    """The page's line for each demand part the plan lacks (the core's words; None where it
    has the part), and whether it has neither (then there is nothing to compute)."""
    space_refusal, talent_refusal = services.space_refusal(plan), services.talent_refusal(plan)
    refusals = {"space_refusal": space_refusal, "talent_refusal": talent_refusal}
    return refusals, space_refusal is not None and talent_refusal is not None


@reader_required
def index(request: HttpRequest) -> HttpResponse:
    """The space and talent page for one growth dimension: each part the plan has, and a
    line for each it lacks."""
    plan = current_plan()
    dimension = _dimension(request)
    refusals, neither = _parts(plan)
    context: dict[str, object] = {"title": TITLE, **refusals}
    if neither:  # both parts are optional: say so, a line each
        return render(request, "demand/index.html", context)
    context.update({"dimension": dimension, "dimensions": dimension_choices(plan)})
    try:
        result = services.demand(plan, dimension)
    except GrowthError as exc:
        return render(request, "demand/index.html", {**context, "error": error_text(exc)})
    shown: dict[str, object] = {"space_chart": None, "functions": None, "talent_chart": None}
    tabs = []
    # where the talent supply comes from, and whether it is illustrative (as the CLI says)
    supply = None if result.talent is None else services.supply_note(plan)
    if result.space is not None:
        shown["space_chart"] = space_chart = services.space_chart(result, DOWNLOAD)
        shown["functions"] = functions = services.space_functions_table(result, DOWNLOAD)
        tabs += [space_chart["table"], functions]
    if result.talent is not None:
        shown["talent_chart"] = talent_chart = services.talent_chart(result, DOWNLOAD, supply)
        tabs.append(talent_chart["table"])
    with_query(tabs, f"dimension={dimension}")
    context.update({"result": result, "stats": services.headlines(result, supply), **shown})
    return render(request, "demand/index.html", context)


@reader_required
def download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """A table of the page as CSV or XLSX (those of the parts the plan has)."""
    if _parts(current_plan())[1]:
        raise Http404
    try:
        result = services.demand(current_plan(), _dimension(request))
    except GrowthError:
        return redirect(f"{reverse('demand:index')}?{request.GET.urlencode()}")
    return download_from(services.demand_tables(result, None), slug, fmt)


def _source(request: HttpRequest) -> str:
    """The job path asked for (default: the back-cast); one the plan does not have is the
    core's to refuse (it had been replaced by the back-cast without a word)."""
    from clusterplan.model.talent_plan import BACKCAST

    query = request.POST if request.method == "POST" else request.GET
    return str(query.get("source", BACKCAST))


def _programme(request: HttpRequest) -> tuple[services.Programme | None, str | None]:
    plan = current_plan()
    refusal = services.talent_refusal(plan)
    if refusal is not None:
        return None, refusal
    try:
        return services.talent_programme(plan, _source(request)), None
    except SupplyError as exc:
        return None, services.supply_problem_text(exc.problems[0])
    except DemandDataError as exc:
        return None, error_text(exc)


@reader_required
def talent(request: HttpRequest) -> HttpResponse:
    """The talent programme: targets, the gap before and after measures, the ranking."""
    programme, refusal = _programme(request)
    context: dict[str, object] = {"title": TALENT_TITLE, "refusal": refusal}
    if programme is not None:
        source = _source(request)
        query = f"source={source}"
        gap = services.gap_table(programme, TALENT_DOWNLOAD)
        ranked = services.measures_table(programme, TALENT_DOWNLOAD)
        with_query((gap, ranked), query)
        can_edit = can_edit_plan(request.user)
        context.update(
            {
                "programme": programme,
                "source": source,
                "sources": services.path_choices(current_plan()),
                "targets": services.targets_table(current_plan(), programme, can_edit),
                "gap": gap,
                "measures": ranked,
                "can_edit": can_edit,
                "missing": [reason_text(m) for m in programme.result.missing],
            }
        )
    return render(request, "demand/talent.html", context)


@reader_required
def talent_download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """A table of the talent page as CSV or XLSX."""
    programme, refusal = _programme(request)
    if programme is None:
        raise Http404(refusal)
    tables = {
        "talent-gap": services.gap_table(programme, None),
        "talent-measures": services.measures_table(programme, None),
    }
    return download_from(tables, slug, fmt)


@editor_required
@require_POST
def targets_adopt(request: HttpRequest) -> HttpResponse:
    """Adopt the derived targets of every target year that has no adopted target yet."""
    programme, refusal = _programme(request)
    if programme is None:
        messages.error(request, refusal or "")
        return redirect("demand:talent")
    count = services.adopt_derived(request.user, current_plan(), programme)
    messages.success(request, _("%(n)s target(s) adopted.") % {"n": count})
    source = programme.result.targets.source
    return redirect(f"{reverse('demand:talent')}?{urlencode({'source': source})}")


@editor_required
def target_edit(request: HttpRequest, year: int) -> HttpResponse:
    """Change an adopted target (versioned: a stale form is refused)."""
    refusal = services.talent_refusal(current_plan())
    if refusal is not None:
        return render(request, "demand/talent.html", {"title": TALENT_TITLE, "refusal": refusal})
    row = get_object_or_404(TalentTarget, year=year)
    form = TalentTargetForm(request.POST or None, instance=row)
    done = save_form(
        request,
        form,
        lambda: services.update_target(row, request.user, dict(form.cleaned_data), read=form),
        _("Target saved."),
        lambda _saved: redirect("demand:talent"),
        row=row,
    )
    title = _("Talent target %(year)s") % {"year": year}
    return done or render(request, "demand/target_form.html", {"form": form, "title": title})


SUPPLY_HEADINGS = {
    "institution": gettext_lazy("Institution"),
    "programme": gettext_lazy("Programme"),
    "level": gettext_lazy("Level"),
    "year": gettext_lazy("Year"),
    "enrolled": gettext_lazy("Enrolled"),
    "graduates": gettext_lazy("Graduates"),
}
"""The words over each column of a supply file (``SUPPLY_COLUMNS``, the names the file
itself uses, which the page's introduction lists) in the preview."""


def _supply_table(result: services.SupplyPreview) -> Table:
    """The first rows the import stores, each as the file gives it (its row, then the
    columns the core reads, headed in the page's words; a level in words)."""
    rows = [
        [str(r["row"]), r["institution"], r["programme"]]
        + [label(EducationLevel, r["level"]), str(r["year"])]
        + [MISSING if r[c] is None else shown(r[c]) for c in ("enrolled", "graduates")]
        for r in result.rows[:PREVIEW_ROWS]
    ]
    columns = [_("Row"), *(str(SUPPLY_HEADINGS[c]) for c in SUPPLY_COLUMNS)]
    numeric = [False] * (len(columns) - 2) + [True, True]
    return preview_table(table(_("Rows of the file"), columns, rows, numeric=numeric))


def _supply_shown(result: services.SupplyPreview) -> dict[str, object]:
    """The preview: how many rows it stores, that they replace the supply stored now (how
    many rows, from which file), the first rows, and every problem."""
    n = len(result.rows)
    stored = result.replaces
    talent = current_plan().talent
    plan_file = talent.supply_file if talent is not None else None
    if stored is None and plan_file:
        replaces = _(
            "No education supply has been imported yet: these rows take the place of the "
            "plan's own supply file (%(file)s)."
        ) % {"file": plan_file}
    elif stored is None:
        replaces = _("No education supply is stored yet: these rows become the supply.")
    else:
        replaces = ngettext(
            "The rows of the file replace the %(n)s row of education supply stored now (%(file)s, "
            "imported %(when)s).",
            "The rows of the file replace the %(n)s rows of education supply stored now (%(file)s, "
            "imported %(when)s).",
            stored.row_count,
        ) % {
            "n": shown(stored.row_count),
            "file": stored.file_name,
            "when": moment(stored.imported_at),
        }
    summary = ngettext(
        "%(n)s row of education supply to store.", "%(n)s rows of education supply to store.", n
    ) % {"n": shown(n)}
    return {
        "preview": result,
        "summary": summary,
        "replaces": replaces,
        "table": _supply_table(result),
        "rows_cut": n > PREVIEW_ROWS,
        "shown_rows": PREVIEW_ROWS,
    }


def _supply_imported(result: services.SupplyPreview) -> str:
    done = ngettext(
        "%(n)s row of education supply imported.",
        "%(n)s rows of education supply imported.",
        len(result.rows),
    )
    return done % {"n": shown(len(result.rows))}


SUPPLY_IMPORT = ImportPage(
    session_key="demand_supply_import",
    template="demand/supply_import.html",
    form=SupplyImportForm,
    page="demand:supply_import",
    done="demand:talent",
    preview=lambda _form, name, data: services.preview_supply(name, data),
    commit=lambda request, stored, data: services.import_supply(request.user, stored["name"], data),
    planned=services.SupplyPreview.planned,
    shown=_supply_shown,
    message=_supply_imported,
    context={"title": gettext_lazy("Import education supply")},
)


@editor_required
def supply_import(request: HttpRequest) -> HttpResponse:
    """Upload an education supply file (CSV/XLSX), see what it stores in place of the
    supply stored now, and confirm: all rows or none."""
    refusal = services.talent_refusal(current_plan())
    if refusal is not None:
        return render(request, "demand/talent.html", {"title": TALENT_TITLE, "refusal": refusal})
    return import_page(request, SUPPLY_IMPORT)
