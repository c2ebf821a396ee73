"""The crash harness's whole-database scenarios: each runs one long operation in a child and kills it half-way.

* export: a whole-database JSON export (services/exports.py); the target is absent, the older file, or the
  complete new export: never half-written;
* fill: a demo fill of many volunteers in one transaction (services/demo/seed.py); all of them or none;
* copy: the copy store.db.copy_aside makes before a migration; each file named like one is a complete copy
  (opened on its own, with a journal beside it as SQLite finds it, it passes the integrity check and holds every
  row of the database);
* backup: store.backup.write_backup; each file named like a backup is a complete copy (the same check);
* restore: store.backup.restore_into; the live database holds its old content or the backup's, nothing between.

After each kill the database is opened as the app's next start opens it and must pass the integrity check.
"""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from crash_scenarios import Child, data_paths, open_checked, sub_delay, wait_for

OLD_EXPORT = b'{"format": "kommandesk-export", "an older export": true}\n'
Log = Callable[[str], None]


@dataclass
class OtherTally:
    """Trials, how they ended, the bad endings (must be none) and the databases damaged (must be 0)."""

    trials: int = 0
    outcomes: Counter = field(default_factory=Counter)
    bad: list[str] = field(default_factory=list)
    damaged: int = 0
    leftovers: int = 0  # temporary files left behind (not the target)
    skipped: str = ""  # why the scenario did not run

    @property
    def ok(self) -> bool:
        return not (self.bad or self.damaged)

    def end(self, child: Child, label: str, outcome: str, bad: bool) -> None:
        self.trials += 1
        if outcome:
            self.outcomes[("killed, " if child.killed else "finished, ") + outcome] += 1
        if child.failed():
            self.bad.append(f"{label}: the child failed: {child.failed()}")
        if bad:
            self.bad.append(f"{label}: {outcome}")

    def reopen(self, paths) -> dict[str, int] | None:
        """Open the database as the app's next start does; its row counts, or None (damaged: counted)."""
        store, damaged = open_checked(paths)
        if store is None:
            self.damaged += 1
            self.bad.append(f"the database is damaged: {damaged}")
            return None
        try:
            return counts(store.conn)
        finally:
            store.close()


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    from kommandesk.store import transfer

    return transfer.counts(conn)


def filled_folder(folder: Path, volunteers: int, seed: int):
    from kommandesk.services.context import Services
    from kommandesk.services.demo.seed import fill_volunteers

    paths = data_paths(folder)
    services = Services.open(paths)
    try:
        fill_volunteers(services, volunteers, seed=seed)
    finally:
        services.close()
    return paths


def kill_after_acks(child: Child, rng: random.Random, prefix: str, most: int, least: int = 1) -> None:
    """Kill after a random number (least..most) of lines starting with prefix, plus a random part of the time
    between two of them; nothing when the child ends first."""
    arrivals: list[float] = []
    if wait_for(child, prefix, rng.randint(least, most), arrivals):
        time.sleep(sub_delay(rng, arrivals))
        child.kill()


def kill_during(child: Child, rng: random.Random, duration: float) -> None:
    """Kill at a random moment of the operation the child announces (TRY), which takes about ``duration``."""
    if wait_for(child, "TRY", 1, []):
        time.sleep(rng.uniform(0, 1.2 * duration))
        child.kill()


def timed_run(child: Child) -> float:
    """Let the child's operation run to its end (a calibration): the seconds from its TRY to its ACK."""
    last = last_lines(child)
    return last["ACK"] - last["TRY"] if {"ACK", "TRY"} <= last.keys() else 0.5


def last_lines(child: Child) -> dict[str, float]:
    """Let the child run to its end; when the last line of each kind (READY, TRY, PROGRESS, ACK) arrived."""
    last: dict[str, float] = {}
    while (item := child.next_line()) is not None:
        last[item[1].split(" ", 1)[0]] = item[0]
    return last


def file_state(path: Path, expected: dict[str, int]) -> str:
    """A database file opened on its own (with a journal beside it, as SQLite would find it): a complete copy?"""
    with tempfile.TemporaryDirectory() as scratch:
        for suffix in ("", "-journal", "-wal"):
            if Path(f"{path}{suffix}").exists():
                shutil.copyfile(f"{path}{suffix}", Path(scratch) / f"copy.sqlite3{suffix}")
        conn = sqlite3.connect(Path(scratch) / "copy.sqlite3")
        try:
            if [row[0] for row in conn.execute("PRAGMA integrity_check")] != ["ok"]:
                return "DAMAGED"
            found = counts(conn)
        except sqlite3.DatabaseError as exc:
            return f"DAMAGED: {exc}"
        finally:
            conn.close()
    return "complete" if found == expected else "INCOMPLETE"


# -- export -----------------------------------------------------------------------------------------------------------

def export_state(target: Path, had_old: bool, expected: dict[str, int]) -> str:
    if not target.exists():
        return "HALF-WRITTEN: the older file is gone" if had_old else "no file (nothing half-written)"
    data = target.read_bytes()
    if had_old and data == OLD_EXPORT:
        return "the older file kept as it was"
    try:
        tables = json.loads(data)["tables"]
        if {name: len(rows) for name, rows in tables.items()} != expected:
            return "HALF-WRITTEN: rows missing"
    except (ValueError, KeyError, TypeError):
        return "HALF-WRITTEN: not a complete JSON export"
    return "the complete new export"


def export_scenario(work: Path, rng: random.Random, trials: int, volunteers: int, log: Log) -> OtherTally:
    tally = OtherTally()
    paths = filled_folder(work / "export", volunteers, seed=rng.randrange(1000))
    expected = tally.reopen(paths)
    folder = paths.data_dir / "exports"
    folder.mkdir()
    target = folder / "alle-daten.json"
    reports = sum(expected.values()) // 500 + 2  # progress at the start, every 500 rows, and before the rename
    tail = 0.05
    for number in range(trials):
        had_old = number % 2 == 1
        target.unlink(missing_ok=True)
        if had_old:
            target.write_bytes(OLD_EXPORT)
        child = Child(["export", str(paths.data_dir), str(target)], work)
        if number == 0 and trials >= 2:  # the first runs to its end: how long the fsync and the rename take
            last = last_lines(child)
            tail = last["ACK"] - last["PROGRESS"] if {"ACK", "PROGRESS"} <= last.keys() else tail
        elif rng.random() < 0.3:  # after the last report, around the fsync and the rename
            if wait_for(child, "PROGRESS", reports, []):
                time.sleep(rng.uniform(0, 1.2 * tail))
                child.kill()
        else:
            kill_after_acks(child, rng, "PROGRESS", reports - 1)
        child.finish()
        state = export_state(target, had_old, expected)
        tally.end(child, f"export {number + 1}", state, state.startswith("HALF"))
        leftovers = [path for path in folder.iterdir() if path.name != target.name]
        tally.leftovers += len(leftovers)
        for path in leftovers:
            path.unlink()
        tally.reopen(paths)
    log(f"  export: {tally.trials} trials, {dict(tally.outcomes)}")
    return tally


# -- demo fill ----------------------------------------------------------------------------------------------------

def fill_scenario(work: Path, rng: random.Random, trials: int, volunteers: int, log: Log) -> OtherTally:
    tally = OtherTally()
    paths = data_paths(work / "fill")
    before, duration = 0, 0.3
    for number in range(trials):
        child = Child(["fill", str(paths.data_dir), str(volunteers), str(rng.randrange(1000))], work)
        if number == 0 and trials >= 2:  # the first runs to its end: how long a fill takes on this machine
            duration = timed_run(child)
        else:
            kill_during(child, rng, duration)
        child.finish()
        found = tally.reopen(paths)
        now = found["volunteers"] if found else before
        outcome = ("none of it (rolled back)" if now == before else "all of it" if now == before + volunteers
                   else f"PART of it: {now} volunteers, {before} before")
        tally.end(child, f"fill {number + 1}", outcome, outcome.startswith("PART"))
        before = now
    log(f"  fill: {tally.trials} trials, {dict(tally.outcomes)}")
    return tally


# -- copies: before a migration, backups --------------------------------------------------------------------------

def copies_scenario(mode: str, pattern: str, work: Path, rng: random.Random, trials: int, volunteers: int,
                    log: Log) -> OtherTally:
    """A child making copies one after the other (``mode`` copy or backup), killed after 1..3 of them: every file
    named like a copy (``pattern``) must be complete."""
    tally = OtherTally()
    paths = filled_folder(work / mode, volunteers, seed=rng.randrange(1000))
    expected = tally.reopen(paths)
    for number in range(trials):
        child = Child([mode, str(paths.data_dir)], work)
        kill_after_acks(child, rng, "ACK", 3)
        child.finish()
        label = f"{mode} {number + 1}"
        tally.end(child, label, "", False)
        for path in sorted(paths.backup_dir.glob(pattern)):
            state = file_state(path, expected)
            tally.outcomes[f"files named like a copy: {state}"] += 1
            if not state.startswith("complete"):
                tally.bad.append(f"{label}: {path.name}: {state}")
        named = set(paths.backup_dir.glob(pattern))
        tally.leftovers += sum(1 for path in paths.backup_dir.iterdir() if path not in named)
        shutil.rmtree(paths.backup_dir)
        tally.reopen(paths)
    log(f"  {mode}: {tally.trials} trials, {dict(tally.outcomes)}")
    return tally


def copy_scenario(work: Path, rng: random.Random, trials: int, volunteers: int, log: Log) -> OtherTally:
    return copies_scenario("copy", "before-migration-*.sqlite3", work, rng, trials, volunteers, log)


def backup_scenario(work: Path, rng: random.Random, trials: int, volunteers: int, log: Log) -> OtherTally:
    missing = backup_functions_missing()
    if missing:
        return OtherTally(skipped=missing)
    return copies_scenario("backup", "kommandesk-backup-*.sqlite3", work, rng, trials, volunteers, log)


def backup_functions_missing() -> str:
    try:
        from kommandesk.store.backup import restore_into, write_backup  # noqa: F401
    except ImportError as exc:
        return f"kommandesk.store.backup has no write_backup / restore_into ({exc})"
    return ""


# -- restore ------------------------------------------------------------------------------------------------------

def restore_scenario(work: Path, rng: random.Random, trials: int, volunteers: int, log: Log) -> OtherTally:
    """Two backups (A: the volunteers, B: half as many more) restored in turn over the live database; a kill
    leaves the content it had or the backup's."""
    missing = backup_functions_missing()
    if missing:
        return OtherTally(skipped=missing)
    from kommandesk.services.context import Services
    from kommandesk.services.demo.seed import fill_volunteers
    from kommandesk.store.backup import write_backup

    tally = OtherTally()
    paths = filled_folder(work / "restore", volunteers, seed=rng.randrange(1000))
    sources = work / "restore-sources"
    sources.mkdir()
    write_backup(paths.db_file, sources / "a.sqlite3")
    services = Services.open(paths)
    fill_volunteers(services, volunteers // 2 + 1, seed=rng.randrange(1000))
    services.close()
    write_backup(paths.db_file, sources / "b.sqlite3")
    contents = {name: file_state_counts(sources / f"{name}.sqlite3") for name in ("a", "b")}
    current, duration = tally.reopen(paths), 0.3
    for number in range(trials):
        was = next((name for name, found in contents.items() if found == current), "?")
        other = "a" if was == "b" else "b"
        child = Child(["restore", str(paths.data_dir), str(sources / f"{other}.sqlite3")], work)
        if number == 0 and trials >= 2:
            duration = timed_run(child)
        else:
            kill_during(child, rng, duration)
        child.finish()
        current = tally.reopen(paths)
        outcome = ("the old content kept" if current == contents[was] else "the backup restored"
                   if current == contents[other] else "NEITHER the old content nor the backup's")
        tally.end(child, f"restore {number + 1}", outcome, outcome.startswith("NEITHER"))
    log(f"  restore: {tally.trials} trials, {dict(tally.outcomes)}")
    return tally


def file_state_counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return counts(conn)
    finally:
        conn.close()
