"""The Volunteers page with 50,000 volunteers, against the same page over 100 volunteers (the reference).

Each round starts two fresh child processes (this file run as a script), one per data folder, alternating which goes
first; one warm-up round is not counted. A child opens the main window as the app does (German, on the overview)
and measures:

* first rows: from ``window.show_page("volunteers")`` (the page is built then, as a user's first click does) until
  the model holds rows, events processed so the view has painted them;
* keystroke to results: for each successive prefix of two common surnames ("Müller", "Yılmaz"), the time from
  setting the search box's text, through flushing the debounce timer directly, to the model reset done and the
  view repainted (the 150 ms typing pause itself is not counted: it is a deliberate wait);
* the raw FTS5 query for the same prefixes (``volunteers_fts MATCH``, the store's ``fts_match``), and the list
  query alone (service ``page`` + ``count`` without Qt): where the keystroke time goes;
* peak resident memory (ru_maxrss) with the page open after the searches.

The reference is the same child over 100 volunteers: what does 50,000 cost over a list that fits in one page?
Paging means opening the page and its memory should not grow with the data: their target is 1.5x the reference.
A search must look at more rows in a larger list, so the keystroke rows have no ratio target. The issue's budgets
are absolute (first rows <= 200 ms, keystroke <= 30 ms median, memory <= 300 MB); each row's note says whether
the budget is met on this machine.

    .venv/bin/python benchmarks/run.py volunteers_ui
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

BIG = 50_000
SMALL = 100
SURNAMES = ("Müller", "Yılmaz")
TIMEOUT = 300
SAME_AS_SMALL = 1.5  # paging: opening the page and its memory must not grow with the number of volunteers
BUDGET_FIRST_ROWS_MS = 200
BUDGET_KEYSTROKE_MS = 30
BUDGET_RSS_MB = 300


def prefixes() -> list[str]:
    return [name[:length] for name in SURNAMES for length in range(1, len(name) + 1)]


# -- the child ----------------------------------------------------------------------------------------------------
def peak_rss_kib() -> int:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def child(data_dir: str) -> dict:
    from PySide6.QtWidgets import QApplication

    from kommandesk import paths as paths_mod
    from kommandesk.i18n import set_language
    from kommandesk.services.context import Services
    from kommandesk.settings import Settings
    from kommandesk.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    set_language("de")
    paths = paths_mod.resolve(Path(data_dir))
    services = Services.open(paths)
    settings = Settings(paths.settings_file)
    settings.last_page = "overview"  # every child opens the page itself (the one before remembered it)
    window = MainWindow(services, settings, lambda _choice: None)
    window.show()
    for _ in range(5):
        app.processEvents()

    began = time.perf_counter()
    window.show_page("volunteers")
    page = window.current_page()
    while True:
        app.processEvents()
        if page.model.rowCount() > 0:
            break
    first_rows = time.perf_counter() - began

    keystrokes = []
    for text in prefixes():
        began = time.perf_counter()
        page.search.setText(text)
        page.flush_search()  # the debounce timer, flushed directly
        app.processEvents()  # the view repaints the new rows
        keystrokes.append(time.perf_counter() - began)
        assert page.model.query.search == text
    matches = page.model.count()
    page.search.setText("")
    page.flush_search()
    app.processEvents()

    from kommandesk.domain.search_text import tokens
    from kommandesk.services.volunteers import VolunteerQuery
    from kommandesk.store.volunteers_repo import fts_match, match_expression

    raw, listing = [], []
    for text in prefixes():
        expression = match_expression(tokens(text))
        began = time.perf_counter()
        fts_match(services.store, expression)
        raw.append(time.perf_counter() - began)
        query = VolunteerQuery(search=text)
        began = time.perf_counter()
        services.volunteers.page(query, 0, 200)
        services.volunteers.count(query)
        listing.append(time.perf_counter() - began)

    result = {"first_rows": first_rows, "keystrokes": keystrokes, "raw_fts": raw, "list_query": listing,
              "peak_rss_kib": peak_rss_kib(), "rows": page.model.rowCount(), "total": page.model.count(),
              "last_matches": matches}
    window.close()
    services.close()
    return result


# -- the parent ---------------------------------------------------------------------------------------------------
try:
    from run import Context, Row, benchmark
    from timing import alternating_rounds, child_result
except ImportError:  # run as the child, from anywhere
    Context = Row = None

    def benchmark(_name, _description):
        return lambda function: function


def run_child(context, data_dir: Path, label: str) -> dict:
    return child_result(context, str(Path(__file__).resolve()), data_dir, "volunteers_ui", label, TIMEOUT)


def prepare(context, count: int) -> Path:
    from kommandesk.services.demo.seed import fill_folder

    folder = context.work / f"volunteers-{count}"
    if not folder.exists():
        began = time.perf_counter()
        fill_folder(folder, seed=11, volunteers=count)
        context.log(f"  {count:,} demo volunteers generated in {time.perf_counter() - began:.1f} s")
    return folder


@benchmark("volunteers_ui", "Volunteers page over 50,000 volunteers: first rows, keystroke to results, memory")
def volunteers_ui(context: Context) -> list[Row]:
    folders = {"big": prepare(context, BIG), "small": prepare(context, SMALL)}
    results = alternating_rounds(
        context, folders, lambda side: run_child(context, folders[side], side),
        lambda done: ", ".join(f"{side} first rows {done[side][-1]['first_rows'] * 1000:.0f} ms, keystroke median "
                               f"{statistics.median(done[side][-1]['keystrokes']) * 1000:.1f} ms" for side in done))

    def ms(side: str, key: str) -> float:
        values = [value for outcome in results[side] for value in
                  (outcome[key] if isinstance(outcome[key], list) else [outcome[key]])]
        return statistics.median(values) * 1000

    def mib(side: str) -> float:
        return statistics.median(outcome["peak_rss_kib"] for outcome in results[side]) / 1024

    def slowest(side: str) -> float:
        return statistics.median(max(outcome["keystrokes"]) for outcome in results[side]) * 1000

    def verdict(value: float, budget: float, unit: str) -> str:
        return f"budget <= {budget} {unit} (issue 3): {'met' if value <= budget else 'MISSED'}"

    first, keystroke, rss = ms("big", "first_rows"), ms("big", "keystrokes"), mib("big")
    reference = f"the same page over {SMALL} volunteers, same child, same run ({context.platform})"
    big_total = results["big"][0]["total"]
    return [
        Row("volunteers: first rows after opening the page, median", first, ms("small", "first_rows"),
            target=SAME_AS_SMALL, unit="ms",
            reference_name=reference,
            note=f"{BIG:,} volunteers ({big_total:,} listed, 200 loaded), German; "
                 + verdict(first, BUDGET_FIRST_ROWS_MS, "ms")),
        Row("volunteers: search keystroke to results, median", keystroke, ms("small", "keystrokes"), unit="ms",
            reference_name=reference,
            note=f"prefixes of {', '.join(SURNAMES)}, debounce flushed; " + verdict(keystroke, BUDGET_KEYSTROKE_MS,
                                                                                      "ms")),
        Row("volunteers: slowest keystroke (the first letter), median", slowest("big"), slowest("small"),
            unit="ms", reference_name=reference,
            note="one letter matches the most rows: count and sort over all of them"),
        Row("volunteers: list query alone (page + count), median", ms("big", "list_query"),
            ms("small", "list_query"), unit="ms", reference_name=reference),
        Row("volunteers: raw FTS5 MATCH, same prefixes, median", ms("big", "raw_fts"), ms("small", "raw_fts"),
            unit="ms", reference_name=reference),
        Row("volunteers: peak memory with the page open, median", rss, mib("small"), target=SAME_AS_SMALL,
            unit="MiB",
            reference_name=reference, note=verdict(rss, BUDGET_RSS_MB, "MB")),
    ]


if __name__ == "__main__":
    sys.stdout.write(json.dumps(child(sys.argv[1])) + "\n")
    sys.stdout.flush()
