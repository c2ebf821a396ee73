"""Crash safety in the benchmark table: a short run of the crash harness (crash_harness.py; the long run is
``crash_harness.py --trials 200``). Its figures are counts, not times: the rows that must be 0 carry the target 0
(``--check`` fails when one is not), the others are for information."""

from __future__ import annotations

import random

from run import Context, Row, benchmark


def must_be_zero(name: str, value: int, note: str = "") -> Row:
    return Row(name, value, ratio=float(value), target=0.0, note="must be 0" + (f"; {note}" if note else ""))


@benchmark("crash", "SIGKILL at random moments during writes, an export, a fill, backups, a restore: nothing lost")
def crash(context: Context) -> list[Row]:
    from crash_harness import Plan, run
    from crash_scenarios import can_kill

    if not can_kill():
        return [Row("crash harness", 0, note="not run: this platform has no SIGKILL")]
    seed = random.randrange(1 << 20)
    work = context.work / "crash"
    work.mkdir()
    report = run(Plan.short(), seed, work, log=context.log)
    writes, others = report.writes, report.others.values()
    return [
        Row("crash: writers killed", writes.trials, note=f"seed {seed}; kills during a write "
            f"{writes.landed['(during a write)']}, between writes {writes.landed['(between writes)']}"),
        Row("crash: writes acknowledged", writes.acknowledged),
        must_be_zero("crash: writes lost", writes.lost),
        must_be_zero("crash: databases damaged", writes.damaged + sum(tally.damaged for tally in others)),
        must_be_zero("crash: half-written writes, files or transactions",
                     writes.partial + writes.unexplained + sum(len(tally.bad) for tally in others),
                     note=", ".join(f"{name} {tally.trials}" for name, tally in report.others.items())),
        Row("crash: run time", report.seconds, unit="s"),
    ]
