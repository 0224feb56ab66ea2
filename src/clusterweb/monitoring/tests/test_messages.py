"""Every reason the core gives for refusing actuals is shown in Dutch on the web."""

from __future__ import annotations

from django.test import SimpleTestCase
from django.utils import translation

from clusterplan.io.sheets import TableError, parse_csv_text
from clusterplan.monitor.actuals import ActualsError, parse_actual_rows
from clusterplan.plan.load import bundled_plan
from clusterweb.monitoring.messages import translate_reason

HEADER = "indicator,subject,year,value,source,received,organisation"
ROWS = [
    ",design,2027,1,src,,",  # empty indicator
    "no-such-indicator,design,2027,1,src,,",  # unknown indicator
    "jobs,nowhere,2027,1,src,,",  # not a pillar (with choices)
    "spending,nowhere,2027,1,src,,",  # not a project
    "spending-by-source,nowhere,2027,1,src,,",  # not a funding source
    "graduates,nowhere,2027,1,src,,",  # not an education level
    "revenue,nowhere,2027,1,src,,",  # an indicator without subjects
    "jobs,design,20x7,1,src,,",  # not a whole year
    "jobs,design,1800,1,src,,",  # outside the years (history allowed)
    "spending-by-source,private,1999,1,src,,",  # outside the years (no history)
    "jobs,design,2027,abc,src,,",  # not a number
    "jobs,design,2028,inf,src,,",  # not finite
    "jobs,design,2029,-5,src,,",  # negative
    "jobs,equipment,2027,5,,,",  # empty source
    "jobs,production,2027,5,src,2027-13-45,",  # bad date
    "partner-jobs,design,2027,5,src,,",  # organisation missing
    "jobs,applications,2027,5,src,,",
    "jobs,applications,2027,6,src,,",  # duplicate
]


def _core_reasons(text: str) -> list[str]:
    try:
        table = parse_csv_text(text, "t.csv")
    except TableError as exc:
        return [exc.reason]
    try:
        parse_actual_rows(table.rows, bundled_plan(), table.file, table.columns)
    except ActualsError as exc:
        return [p.reason for p in exc.problems]
    return []


class ReasonTests(SimpleTestCase):
    def test_every_reason_of_the_core_is_translated(self) -> None:
        reasons = _core_reasons("\n".join([HEADER, *ROWS]) + "\n")
        reasons += _core_reasons("indicator,year,value,source,colour\njobs,2027,1,x,red\n")
        reasons += _core_reasons("")
        reasons += _core_reasons("indicator,indicator\n")
        reasons += _core_reasons("indicator,\n")
        reasons += _core_reasons("indicator\njobs,extra\n")
        self.assertGreaterEqual(len(reasons), len(ROWS) + 5)
        with translation.override("nl"):
            untranslated = [r for r in reasons if translate_reason(r) == r]
        self.assertEqual(untranslated, [])

    def test_values_are_kept_and_english_stays_english(self) -> None:
        [reason] = _core_reasons(HEADER + "\njobs,nowhere,2027,1,src,,\n")
        with translation.override("nl"):
            dutch = translate_reason(reason)
        self.assertIn("'nowhere' is geen pijler-id van het plan", dutch)
        self.assertIn("design", dutch)
        with translation.override("en"):
            self.assertIn("'nowhere' is not a pillar id of the plan", translate_reason(reason))
