"""The annual progress report as a background task (issue 12, item 5).

The dashboard's button starts the task kind ``monitoring.report`` with a year and a
language; the worker builds the report with the core (:mod:`clusterplan.report.annual`)
from every stored actual (the report itself withholds every partner figure of fewer than
the plan's minimum of organisations, whoever asks, because a PDF travels) and the nowcast's samples and
seed of the monitoring page, so the report's numbers are the page's. The PDF and the XLSX
annex are stored in the task's result (base64, one update at the end, so a killed worker
leaves nothing half-written) and downloaded from the result page by their owner only.
"""

from __future__ import annotations

import base64
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from clusterplan.plan import parts
from clusterplan.plan.schema import Plan
from clusterweb.monitoring import services
from clusterweb.planning import revisions
from clusterweb.planning.services import current_plan
from clusterweb.tasks.models import TaskRecord
from clusterweb.tasks.services import Progress, TaskFailed, register

REPORT = "monitoring.report"

FILES: dict[str, tuple[str, str]] = {
    "pdf": ("application/pdf", "pdf"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}
"""Files of a finished report: key -> (content type, suffix)."""

_MESSAGES = {
    "compare": gettext_noop("Holding the actuals against the plan"),
    "nowcast": gettext_noop("Conditioning the ensemble on the actuals"),
}
_WRITING = gettext_noop("Writing the PDF and the annex")
_SECTIONS = gettext_noop("Writing the report's sections")


def _talent_supply(plan: Any) -> Any:
    """The education supply of the talent pages (the latest web import, else the plan's
    file); None when there is none or it cannot be read (the section then says so)."""
    from clusterplan.model.talent_supply import SupplyError
    from clusterweb.demand.services import supply_data

    try:
        return supply_data(plan)[0]
    except SupplyError:
        return None


def _result_url(record: TaskRecord) -> str:
    return reverse("monitoring:report_result", kwargs={"pk": record.pk})


@register(REPORT, _("Annual progress report"), result_url=_result_url)
def run_report(record: TaskRecord, progress: Progress) -> dict[str, Any]:
    """The report of ``params['year']`` in ``params['lang']`` as PDF and XLSX annex."""
    from clusterplan.report.annual import (
        STEPS,
        ReportError,
        annual_report,
        pdf_bytes,
        xlsx_annex,
    )
    from clusterweb.demand.services import with_adopted_targets

    plan = with_adopted_targets(current_plan())  # the talent page's targets, adopted ones too
    try:
        parts.require(plan, *parts.COMMAND_PARTS["report"])  # what clusterplan report needs
    except parts.MissingPart as exc:  # the core's words, in each language of the site
        raise TaskFailed(exc) from None
    year, lang = int(record.params["year"]), str(record.params["lang"])
    # the revision before: the report lists what changed since, as --previous-plan does
    previous = revisions.previous_revision(plan)
    actuals = services.core_actuals(plan)  # the report applies the disclosure rule itself
    total = len(STEPS) + 1

    def step(name: str) -> None:
        done = STEPS.index(name) + 1 if name in STEPS else 0
        progress(done, total, _MESSAGES.get(name, _SECTIONS))

    progress(0, total, _MESSAGES["compare"])
    try:
        report = annual_report(
            plan,
            actuals,
            year,
            lang,
            progress=step,
            samples=services.nowcast_samples(plan),
            seed=services.nowcast_seed(plan),
            talent_supply=_talent_supply(plan),
            previous_plan=None if previous is None else Plan.model_validate(previous.data),
        )
    except ReportError as exc:  # why, in the core's words (as clusterplan report says it)
        raise TaskFailed(exc) from None
    progress(len(STEPS), total, _WRITING)
    pdf, xlsx = pdf_bytes(report), xlsx_annex(report)
    progress(total, total)
    return {
        "year": year,
        "lang": lang,
        "pdf": base64.b64encode(pdf).decode("ascii"),
        "xlsx": base64.b64encode(xlsx).decode("ascii"),
        "pages_title": report.title,
    }


def file_of(record: TaskRecord, key: str) -> bytes | None:
    """A finished report's file (None when the task has no such file)."""
    result = record.result if isinstance(record.result, dict) else {}
    data = result.get(key)
    if key not in FILES or not isinstance(data, str):
        return None
    return base64.b64decode(data)
