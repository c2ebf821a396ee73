"""The Overview and the funder's report over the issue's data (5,000 volunteers, 20,000 hour entries, 2,000
requests, 200 courses: benchmarks/report_data.py), each beside the same step over a small office's data (100
volunteers, 40 requests, 400 hour entries, 4 courses) measured alternately in the same process.

* Overview: ``OverviewPage.refresh()`` on a page that is shown (counts and to-do read through the service, the
  list filled) and the events processed so it has painted — what a coordinator waits for when the page opens or the
  data changed;
* report: ``ReportService.build`` for the current calendar year, no filters;
* PDF: ``export_report(report, "….pdf")`` for that report (drawn and written whole);
* Excel: the same to ``.xlsx`` (no target; for information).

The issue's targets are absolute (Overview <= 300 ms, report <= 1 s, PDF <= 3 s); each row's note says whether
this machine meets them. The ratio to the small office says how the step grows with the data.

    .venv/bin/python benchmarks/run.py reports
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import time

from run import Context, Row, benchmark
from timing import verdict

BUDGET_OVERVIEW_MS = 300
BUDGET_REPORT_MS = 1000
BUDGET_PDF_MS = 3000
SMALL = {"volunteers": 100, "requests": 40, "hours": 400, "courses": 4, "allowances": 20}


def _open(folder, today, **sizes):
    import report_data

    from kommandesk.services.context import Services

    return Services.open(report_data.build(folder, today, **sizes))


def _steps(services, work, today):
    from PySide6.QtWidgets import QApplication

    from kommandesk.domain.reports import Period
    from kommandesk.services.report_export import export_report
    from kommandesk.ui.pages.overview import OverviewPage

    app = QApplication.instance()
    page = OverviewPage(services.overview, services.organisation, services.store)
    page.resize(1100, 720)
    page.show()
    app.processEvents()
    period = Period.year(today.year)
    report = services.reports.build(period)
    counter = [0]

    def overview():
        page.refresh()
        app.processEvents()

    def build():
        services.reports.build(period)

    def export(suffix):
        def write():
            counter[0] += 1
            export_report(report, work / f"report-{counter[0]}{suffix}")
        return write

    return page, {"overview": overview, "report": build, "pdf": export(".pdf"), "xlsx": export(".xlsx")}


@benchmark("reports", "Overview and the funder's report over 5,000 volunteers, 20,000 hours, 200 courses")
def reports(context: Context) -> list[Row]:
    os.environ.setdefault("QT_QPA_PLATFORM", context.platform)
    from PySide6.QtWidgets import QApplication

    from kommandesk.i18n import set_language

    QApplication.instance() or QApplication([])
    set_language("de")
    today = dt.date.today()
    began = time.perf_counter()
    big = _open(context.work / "reports-big", today)
    small = _open(context.work / "reports-small", today, **SMALL)
    context.log(f"  data ready in {time.perf_counter() - began:.1f} s")
    out = context.work / "reports-out"
    out.mkdir(exist_ok=True)
    try:
        big_page, big_steps = _steps(big, out, today)
        small_page, small_steps = _steps(small, out, today)
        rounds = max(3, context.rounds)
        times: dict[tuple[str, str], list[float]] = {}
        for n in range(rounds + 1):  # round 0 warms caches and is not counted
            sides = [("big", big_steps), ("small", small_steps)]
            for side, steps in (sides if n % 2 == 0 else sides[::-1]):
                for name, step in steps.items():
                    start = time.perf_counter()
                    step()
                    if n:
                        times.setdefault((side, name), []).append(time.perf_counter() - start)
        median = {key: statistics.median(values) * 1000 for key, values in times.items()}
        pdf_size = max(p.stat().st_size for p in out.glob("*.pdf"))
    finally:
        big.close()
        small.close()
    reference = "the same step over a small office (100 volunteers, 40 requests, 400 hours, 4 courses)"
    return [
        Row("reports: Overview shown (counts, to-do list), median", median[("big", "overview")],
            median[("small", "overview")], unit="ms", reference_name=reference,
            note=verdict(median[("big", "overview")], BUDGET_OVERVIEW_MS) + f"; {rounds} rounds"),
        Row("reports: a year's report computed, median", median[("big", "report")], median[("small", "report")],
            unit="ms", reference_name=reference, note=verdict(median[("big", "report")], BUDGET_REPORT_MS)),
        Row("reports: that report exported to PDF, median", median[("big", "pdf")], median[("small", "pdf")],
            unit="ms", reference_name=reference,
            note=verdict(median[("big", "pdf")], BUDGET_PDF_MS) + f"; {pdf_size / 1024:.0f} KB"),
        Row("reports: that report exported to Excel, median", median[("big", "xlsx")], median[("small", "xlsx")],
            unit="ms", reference_name=reference, note="no target"),
    ]
