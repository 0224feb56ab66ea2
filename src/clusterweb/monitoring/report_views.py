"""The annual progress report on the web: start it from the dashboard, then download it.

Views of their own (``report_urls``, included by the monitoring URLs) so the dashboard's
app can absorb them later.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from clusterweb.accounts.access import reader_required
from clusterweb.monitoring.forms_report import ReportForm
from clusterweb.monitoring.report_tasks import FILES, REPORT, file_of
from clusterweb.planning.services import current_plan
from clusterweb.tasks.access import get_task_for_user
from clusterweb.tasks.constants import Status
from clusterweb.tasks.services import start_task, task_url


def report_form(user: object) -> ReportForm:
    """The dashboard's report form: the latest year with a stored figure preselected."""
    from django.db.models import Max

    from clusterweb.monitoring.models import Actual

    plan = current_plan()
    latest = Actual.objects.filter(year__lte=plan.meta.horizon_end).aggregate(y=Max("year"))["y"]
    return ReportForm(plan, initial_year=latest, initial={"lang": (get_language() or "nl")[:2]})


@reader_required
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    """Start the report of the chosen year as a background task; go to its progress page."""
    form = ReportForm(current_plan(), request.POST)
    if not form.is_valid():
        context = {"title": _("Annual progress report"), "form": form}
        return render(request, "monitoring/report_start.html", context, status=400)
    record = start_task(
        request.user,
        REPORT,
        year=form.cleaned_data["year"],
        lang=form.cleaned_data["lang"] or (get_language() or "nl")[:2],
    )
    return redirect(task_url(record))


def _finished(request: HttpRequest, pk: int):  # type: ignore[no-untyped-def]
    record = get_task_for_user(request.user, pk)
    if record.kind != REPORT:
        raise Http404
    return record


@reader_required
def result(request: HttpRequest, pk: int) -> HttpResponse:
    """A finished report: its two downloads (or where it stands)."""
    record = _finished(request, pk)
    done = record.status == Status.DONE and file_of(record, "pdf") is not None
    return render(
        request,
        "monitoring/report_result.html",
        {
            "title": _("Progress report %(year)s") % {"year": record.params.get("year")},
            "record": record,
            "done": done,
            "params": record.params,
        },
    )


@reader_required
def download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The report's PDF or its XLSX annex (owner or admin only)."""
    record = _finished(request, pk)
    if fmt not in FILES:
        raise Http404
    data = file_of(record, fmt)
    if data is None:
        raise Http404
    content_type, suffix = FILES[fmt]
    year = record.params.get("year", "")
    with translation.override(str(record.params.get("lang") or get_language())):
        name = (  # in the report's language, as its pages are
            _("progress-report-%(year)s") if fmt == "pdf" else _("progress-report-%(year)s-annex")
        ) % {"year": year}
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{suffix}"'
    return response
