"""Crash safety, the suite's short run of benchmarks/crash_harness.py: a child process writing through the services
is killed with SIGKILL at random moments; afterwards the database opens, passes the integrity check, and holds every
write that was acknowledged. An export, a demo fill, backups and a restore are killed half-way too.

The harness lives in benchmarks/ (its long run is ``crash_harness.py --trials 200``); these tests import its modules
from there, so that the suite and the long run check with the same code. No test here depends on timing: where the
kills land varies from run to run, and every place they can land must leave the data whole.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"),
                                reason="the crash harness kills with SIGKILL, which this platform does not have")


@pytest.fixture(scope="module")
def harness():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import crash_bulk
        import crash_checks
        import crash_child
        import crash_scenarios

        yield SimpleNamespace(bulk=crash_bulk, checks=crash_checks, child=crash_child, scenarios=crash_scenarios)
    finally:
        sys.path.remove(str(BENCHMARKS))


def no_log(message: str) -> None:
    pass


# -- the checks catch what they are meant to catch (no child process: the writer runs in the test) -----------------

def written(harness, services, capsys, steps: int) -> list[str]:
    """The writer's lines after the course setup and ``steps`` random writes, run here through ``services``."""
    writer = harness.child.Writer(services, random.Random(4), "t1")
    writer.setup()
    for _ in range(steps):
        writer.step()
    writer.volunteer_create()  # the last write is always a new volunteer
    return capsys.readouterr().out.splitlines()


def exchange_of(harness, lines: list[str]):
    exchange = harness.checks.Exchange()
    for line in ["READY", *lines]:
        exchange.take(line)
    return exchange


def verify(harness, paths, exchange):
    return harness.scenarios.check_writes(paths, harness.checks.Ledger(), exchange)


def test_every_write_written_here_is_found_as_acknowledged(harness, services, paths, capsys):
    lines = written(harness, services, capsys, 60)
    services.close()
    exchange = exchange_of(harness, lines)
    kinds = {kind for kind, _, _ in exchange.acks}
    assert {"volunteer.create", "hours.log", "allowance.record", "course.register"} <= kinds
    verdict = verify(harness, paths, exchange)
    assert verdict.ok and verdict.committed is None, verdict


def test_the_check_notices_a_lost_write_and_a_changed_value(harness, services, paths, capsys):
    lines = written(harness, services, capsys, 60)
    services.close()
    exchange = exchange_of(harness, lines)
    allowance = next(primary for kind, primary, _ in exchange.acks if kind == "allowance.record")
    volunteer = next(primary for kind, primary, _ in exchange.acks if kind == "volunteer.create")
    with sqlite3.connect(paths.db_file) as conn:  # what a crash must never do, done by hand
        conn.execute("DELETE FROM allowances WHERE id = ?", (allowance,))
        conn.execute("UPDATE volunteers SET first_name = 'Someone' WHERE id = ?", (volunteer,))
    conn.close()
    verdict = verify(harness, paths, exchange)
    assert len(verdict.lost) == 2
    assert f"allowance {allowance} is missing" in verdict.lost[0] + verdict.lost[1]
    assert f"volunteer {volunteer} first_name is 'Someone'" in verdict.lost[0] + verdict.lost[1]
    assert verdict.unexplained and "allowances" in verdict.unexplained[0]


def test_a_write_committed_but_not_acknowledged_counts_when_it_is_whole(harness, services, paths, capsys):
    lines = written(harness, services, capsys, 5)
    services.close()
    assert lines[-1].startswith("ACK volunteer.create")
    verdict = verify(harness, paths, exchange_of(harness, lines[:-1]))  # the kill came just before the ACK
    assert verdict.ok and verdict.committed is True, verdict


def test_a_write_half_there_is_caught(harness, services, paths, capsys):
    lines = written(harness, services, capsys, 5)
    services.close()
    volunteer = lines[-1].split()[2]
    with sqlite3.connect(paths.db_file) as conn:  # the new volunteer without its languages
        conn.execute("DELETE FROM volunteer_languages WHERE volunteer_id = ?", (volunteer,))
    conn.close()
    verdict = verify(harness, paths, exchange_of(harness, lines[:-1]))
    assert verdict.partial and "languages" in verdict.partial[0]


def test_a_write_that_never_happened_is_not_expected(harness, paths):
    planned = {"allowance": {"new": {"volunteer_id": "nobody", "paid_on": "2026-03-02", "amount_cents": 1200,
                                     "note": "Fahrtkosten t9-0001", "tag": "note"}}}
    exchange = exchange_of(harness, [f"TRY allowance.record {harness.child.dumps(planned)}"])
    verdict = verify(harness, paths, exchange)
    assert verdict.ok and verdict.committed is False, verdict
    assert exchange.interrupted == "allowance.record"


def test_a_database_that_is_not_one_counts_as_damaged(harness, paths):
    paths.db_file.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    verdict = verify(harness, paths, exchange_of(harness, []))
    assert verdict.damaged and not verdict.ok


# -- kills (child processes) ----------------------------------------------------------------------------------------

def test_writes_killed_at_random_moments_lose_nothing(harness, tmp_path):
    tally = harness.scenarios.writes_scenario(tmp_path, random.Random(), trials=6, per_series=3, max_acks=30,
                                              log=no_log)
    assert tally.trials == 6 and tally.series == 2
    assert tally.acknowledged > 0
    assert tally.lost == 0, tally.failures
    assert tally.damaged == 0, tally.failures
    assert tally.partial == tally.unexplained == 0, tally.failures
    assert tally.failures == []


def test_an_export_killed_half_way_leaves_no_half_written_file(harness, tmp_path):
    tally = harness.bulk.export_scenario(tmp_path, random.Random(), trials=2, volunteers=300, log=no_log)
    assert tally.trials == 2
    assert tally.bad == [] and tally.damaged == 0
    allowed = {"no file (nothing half-written)", "the older file kept as it was", "the complete new export"}
    assert {outcome.split(", ", 1)[1] for outcome in tally.outcomes} <= allowed


def test_a_demo_fill_killed_half_way_is_all_or_nothing(harness, tmp_path):
    tally = harness.bulk.fill_scenario(tmp_path, random.Random(), trials=3, volunteers=300, log=no_log)
    assert tally.trials == 3
    assert tally.bad == [] and tally.damaged == 0
    assert {outcome.split(", ", 1)[1] for outcome in tally.outcomes} <= {"none of it (rolled back)", "all of it"}


def test_backups_and_a_restore_killed_half_way_leave_only_whole_files(harness, tmp_path):
    missing = harness.bulk.backup_functions_missing()
    if missing:
        pytest.skip(missing)
    backups = harness.bulk.backup_scenario(tmp_path, random.Random(), trials=1, volunteers=300, log=no_log)
    assert backups.trials == 1 and backups.bad == [] and backups.damaged == 0
    restores = harness.bulk.restore_scenario(tmp_path, random.Random(), trials=2, volunteers=300, log=no_log)
    assert restores.trials == 2 and restores.bad == [] and restores.damaged == 0
