"""Back-casting: target in, milestones per pillar and year out, with the acquisition gap."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from clusterweb.accounts.access import reader_required
from clusterweb.backcast import services
from clusterweb.backcast.forms import BackcastForm
from clusterweb.errors import error_text
from clusterweb.planning.services import current_plan, goal_note
from clusterweb.presentation import download_from, with_query

DOWNLOAD = "backcast:download"

FIELD_OF_CODE = {
    "backcast.target_not_positive": "target_total",
    "backcast.target_year_outside": "target_year",
    "backcast.unknown_shape": "shape",
    "backcast.unknown_dimension": "dimension",
}
"""The form's field a refusal of the core's back-cast is about (shown at that field)."""


def _values(form: BackcastForm) -> dict[str, Any] | None:
    if form.is_bound:
        return dict(form.cleaned_data) if form.is_valid() else None
    return dict(form.initial)


@reader_required
def index(request: HttpRequest) -> HttpResponse:
    """The back-casting page."""
    plan = current_plan()
    form = BackcastForm(plan, request.GET or None)
    values = _values(form)
    context: dict[str, Any] = {
        "title": _("Back-casting"),
        "form": form,
        "goal_note": goal_note(plan),
    }
    if values is not None:
        try:
            result = services.run(plan, values)
        except ValueError as exc:  # an unbound form (the defaults) takes no errors
            field = FIELD_OF_CODE.get(getattr(exc, "code", ""))
            if form.is_bound and field is not None:
                form.add_error(field, error_text(exc))
            else:
                context["error"] = error_text(exc)
        else:
            found = services.backcast_tables(plan, result, DOWNLOAD)
            with_query(found.values(), request.GET.urlencode())
            context.update(
                result=result,
                headline=services.headline(result),
                chart=services.gap_chart(result, found["acquisition-gap"]),
                milestones=found["milestones"],
                additions=found["additions"],
            )
            from clusterweb.startups.access import aggregates_restricted
            from clusterweb.startups.services import startups_against_backcast

            context["cover_table"], context["refused"] = startups_against_backcast(
                plan, result, aggregates_restricted(request.user)
            )
    return render(request, "backcast/index.html", context)


@reader_required
def download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    """A table of the page (for the query's target) as CSV or XLSX."""
    plan = current_plan()
    values = _values(BackcastForm(plan, request.GET or None))
    try:
        result = None if values is None else services.run(plan, values)
    except ValueError:
        result = None
    if result is None:  # the page says what is wrong with the query (it had been ignored)
        return redirect(f"{reverse('backcast:index')}?{request.GET.urlencode()}")
    return download_from(services.backcast_tables(plan, result, None), slug, fmt)
