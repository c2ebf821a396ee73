"""Volunteers at 50,000: the list's first page, a search keystroke, saving a profile, generating the demo data.

All figures come from one database in the run's scratch folder, filled once with ``kommandesk-cli demo
--volunteers 50000`` (the same code). Each figure is a median over rounds, measured through the services the
Volunteers page calls (``count`` + ``page`` of 100 rows), beside a plain SQL reference in the same run:

* first rows: a freshly opened database each round (the page being opened), versus
  ``SELECT * FROM volunteers LIMIT 100`` on a freshly opened database;
* keystroke: the list query (count + first 100 rows, sorted by name) for each successive prefix of a surname,
  versus the raw FTS5 ``MATCH`` of the same prefix alone;
* save: ``update()`` of one profile (validation, children replaced, search text, one transaction on a WAL
  database with synchronous=FULL), versus a one-column ``UPDATE`` committed the same way.

The issue sets absolute targets (first rows <= 200 ms, keystroke <= 30 ms median, save <= 50 ms); they are given
in each row's note with the verdict, and the ratio to the reference is printed as well.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

from run import Context, Row, benchmark
from timing import median_ms, timed, verdict

N = 50_000
PAGE = 100
PREFIXES = ("m", "mu", "mul", "mull", "mulle", "muller")  # a user typing "Müller" without the umlaut


def _cold(service) -> None:
    """Forget the count the repository keeps for the last filter: every measured query is counted afresh."""
    service._repo._last_count = None


def _open(data_dir: Path):
    from kommandesk import paths as paths_mod
    from kommandesk.services.context import Services

    return Services.open(paths_mod.resolve(data_dir))


@benchmark("volunteers", "50,000 volunteers: first rows, search keystroke, saving a profile, generating them")
def volunteers(context: Context) -> list[Row]:
    from kommandesk import paths as paths_mod
    from kommandesk.services.context import Services
    from kommandesk.services.demo.seed import fill
    from kommandesk.services.volunteers import SortKey, VolunteerQuery
    from kommandesk.store.volunteers_repo import fts_match, match_expression

    data_dir = context.work / "volunteers-50k"
    paths = paths_mod.resolve(data_dir)
    paths.ensure()
    services = Services.open(paths)
    try:
        began = time.perf_counter()
        fill(services, seed=11, volunteers=N)
        generate = time.perf_counter() - began
    finally:
        services.close()
    context.log(f"  generated {N:,} volunteers in {generate:.1f} s")

    first, opened, reference_first = [], [], []
    for n in range(context.rounds + 1):  # round 0 warms the OS file cache and is not counted
        for side in (("app", "plain") if n % 2 == 0 else ("plain", "app")):
            services = _open(data_dir)
            try:
                service = services.volunteers
                if side == "app":
                    query = VolunteerQuery()
                    took = timed(lambda: (service.count(query), service.page(query, 0, PAGE)))
                    # what the page asks for besides when it is opened: the status counts and the areas
                    more = timed(lambda: (service.status_counts(), service.areas()))
                    if n:
                        first.append(took)
                        opened.append(took + more)
                else:
                    took = timed(lambda: services.store.conn.execute(
                        f"SELECT * FROM volunteers LIMIT {PAGE}").fetchall())
                    if n:
                        reference_first.append(took)
            finally:
                services.close()

    services = _open(data_dir)
    try:
        service = services.volunteers
        keystroke, raw = [], []
        per_prefix: dict[str, list[float]] = {prefix: [] for prefix in PREFIXES}
        raw_prefix: dict[str, list[float]] = {prefix: [] for prefix in PREFIXES}
        matches = {}
        for _round in range(context.rounds):
            for prefix in PREFIXES:
                query = VolunteerQuery(search=prefix)
                _cold(service)
                took = timed(lambda: (service.count(query), service.page(query, 0, PAGE)))
                keystroke.append(took)
                per_prefix[prefix].append(took)
                expression = match_expression([prefix])
                took = timed(lambda: matches.__setitem__(prefix, len(fts_match(services.store, expression))))
                raw.append(took)
                raw_prefix[prefix].append(took)

        extra = {}
        for label, query, offset in (
                ("clearance sort", VolunteerQuery(sort=SortKey.CLEARANCE), 0),
                ("languages sort, descending", VolunteerQuery(sort=SortKey.LANGUAGES, descending=True), 0),
                ("last page (offset 49,900)", VolunteerQuery(statuses=frozenset()), N - PAGE),
                ("filters: Arabic >= B1, Tuesday evening", _filtered(), 0),
                ("search 'sukru oz'", VolunteerQuery(search="sukru oz"), 0)):
            times = []
            for _round in range(context.rounds):
                _cold(service)
                times.append(timed(lambda: (service.count(query), service.page(query, offset, PAGE))))
            extra[label] = median_ms(times)

        row = service.page(VolunteerQuery(search="muller"), 0, 1)[0]
        vol = service.get(row.id)
        saves, plain_saves = [], []
        for n in range(context.rounds * 3):
            vol = dataclasses.replace(vol, notes=f"Benchmark round {n}")
            saves.append(timed(lambda: service.update(vol)))
            vol = service.get(vol.id)
            db = services.store.db

            def plain_update() -> None:
                with db.atomic():
                    services.store.conn.execute("UPDATE volunteers SET updated_at = ? WHERE id = ?",
                                                (f"round {n}", vol.id))

            plain_saves.append(timed(plain_update))
            vol = service.get(vol.id)
    finally:
        services.close()

    first_ms, keystroke_ms, save_ms = median_ms(first), median_ms(keystroke), median_ms(saves)
    plain_ref = f"SELECT * FROM volunteers LIMIT {PAGE} on a freshly opened database"
    return [
        Row(f"volunteers: first rows (count + {PAGE}), median", first_ms, median_ms(reference_first), unit="ms",
            reference_name=plain_ref, note=verdict(first_ms, 200) + "; freshly opened database each round"),
        Row("volunteers: page opened (+ status counts, areas), median", median_ms(opened), median_ms(reference_first),
            unit="ms", reference_name=plain_ref, note=verdict(median_ms(opened), 200)),
        Row("volunteers: search keystroke (count + 100), median", keystroke_ms, median_ms(raw), unit="ms",
            reference_name="raw FTS5 MATCH of the same prefix",
            note=verdict(keystroke_ms, 30) + "; median per prefix: " + ", ".join(
                f"{p!r} {median_ms(per_prefix[p]):.1f} ms ({matches[p]:,} matches)" for p in PREFIXES)),
        Row("volunteers: raw FTS5 MATCH, median", median_ms(raw), unit="ms", note="median per prefix: " + ", ".join(
            f"{p!r} {median_ms(raw_prefix[p]):.2f} ms" for p in PREFIXES)),
        *(Row(f"volunteers: {label} (count + 100), median", value, first_ms, unit="ms",
              reference_name="first rows, default order") for label, value in extra.items()),
        Row("volunteers: save a profile, median", save_ms, median_ms(plain_saves), unit="ms",
            reference_name="one-column UPDATE committed the same way (WAL, synchronous=FULL)",
            note=verdict(save_ms, 50)),
        Row(f"volunteers: generate {N:,} (demo --volunteers)", generate * 1000, unit="ms",
            note="goal: well under a minute"),
    ]


def _filtered():
    from kommandesk.domain.availability import Period
    from kommandesk.domain.languages import Level
    from kommandesk.services.volunteers import VolunteerQuery

    return VolunteerQuery(language="ar", min_level=Level.B1, weekday=1, period=Period.EVENING)
