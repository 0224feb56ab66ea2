"""Monitoring benchmark, report case: the annual progress report against a plain baseline.

Both start from the same inputs: the bundled plan and the fictional actuals set (five
years of actuals from the base year, every indicator kind). Ours: the whole report
(:func:`clusterplan.report.annual.annual_report`: comparison, nowcast, sections with SVG
charts), its PDF (WeasyPrint) and its XLSX annex. The baseline, measured in the same run:
the same model (comparison, nowcast, the tables; its SVG strings take milliseconds), then
its tables written as plain CSV text (no layout, no PDF). The difference is what the
report's layout, PDF and annex cost.
Wall time and the process's CPU time are both printed (the machine may be shared).
"""

from __future__ import annotations

import time
from pathlib import Path

from clusterplan.io.export import export_tables
from clusterplan.monitor.actuals import read_actuals
from clusterplan.plan.load import bundled_plan
from clusterplan.report.annual import (
    actuals_up_to,
    annex_grids,
    annual_report,
    pdf_bytes,
    render_html,
    xlsx_annex,
)

FICTIONAL = (
    Path(__file__).resolve().parents[1] / "tests" / "monitor" / "data" / "actuals_fictional.csv"
)
TARGET_S = 10.0
"""Issue 12: one report in under 10 s on the bundled plan with five years of actuals."""


class _Clock:
    def __init__(self) -> None:
        self.wall = time.perf_counter()
        self.cpu = time.process_time()

    def lap(self) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        out = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu
        return out


def main_report(quick: bool = False) -> None:
    """Print the report's time against the plain baseline, in the same run."""
    plan = bundled_plan()
    actuals = read_actuals(FICTIONAL, plan)
    year = plan.employment.base_year + 4
    observed = actuals_up_to(actuals, year)
    rounds = 1 if quick else 3
    best_ours: tuple[float, float] | None = None
    best_base: tuple[float, float] | None = None
    for _ in range(rounds):
        clock = _Clock()
        report = annual_report(plan, actuals, year)
        export_tables(annex_grids(report), "csv", titles=True)
        base_total = clock.lap()
        clock = _Clock()
        report = annual_report(plan, actuals, year)
        model = clock.lap()
        html = render_html(report)
        html_t = clock.lap()
        pdf = pdf_bytes(report)
        pdf_t = clock.lap()
        xlsx = xlsx_annex(report)
        xlsx_t = clock.lap()
        ours = (
            model[0] + html_t[0] + pdf_t[0] + xlsx_t[0],
            model[1] + html_t[1] + pdf_t[1] + xlsx_t[1],
        )
        if best_ours is None or ours[0] < best_ours[0]:
            best_ours = ours
            detail = (model, html_t, pdf_t, xlsx_t, len(pdf), len(xlsx), len(html))
        if best_base is None or base_total[0] < best_base[0]:
            best_base = base_total
    assert best_ours is not None and best_base is not None
    model, html_t, pdf_t, xlsx_t, pdf_size, xlsx_size, html_size = detail
    tables = len(report.tables())
    figures = len(report.figures())
    print(
        f"report: year {year}, {len(observed)} actuals, {tables} tables, {figures} SVG charts; "
        f"best of {rounds}"
    )
    print(
        f"report (ours): {best_ours[0]:.2f} s wall, {best_ours[1]:.2f} s CPU | model with "
        f"comparison, nowcast and charts {model[0]:.2f} s, HTML {html_t[0]:.3f} s "
        f"({html_size / 1024:.0f} KiB), PDF {pdf_t[0]:.2f} s ({pdf_size / 1024:.0f} KiB), "
        f"XLSX annex {xlsx_t[0]:.2f} s ({xlsx_size / 1024:.0f} KiB)"
    )
    print(
        f"plain baseline (same model, tables as CSV text): "
        f"{best_base[0]:.2f} s wall, {best_base[1]:.2f} s CPU"
    )
    print(
        f"  ratio: the report takes {best_ours[0] / max(best_base[0], 1e-9):.1f}x the plain "
        f"baseline; target {TARGET_S:.0f} s: "
        + ("met" if best_ours[1] < TARGET_S else "MISSED")
        + " (CPU time)"
    )
