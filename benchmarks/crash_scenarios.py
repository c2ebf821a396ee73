"""The crash harness's scenarios (crash_harness.py runs them and prints the table): a child process started,
killed with SIGKILL at a random moment, and what it left behind checked.

Here: starting and killing a child (crash_child.py), opening the database as the app's next start does, and the
main scenario, many small writes through the services checked against what was acknowledged (crash_checks.py).
The whole-database operations (export, demo fill, copies, backup, restore) are in crash_bulk.py.
"""

from __future__ import annotations

import os
import queue
import random
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from crash_checks import Exchange, Ledger, Verdict  # this folder is on sys.path (the script's, the runner's)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CHILD = HERE / "crash_child.py"
LINE_TIMEOUT = 120.0  # seconds a child may take for one line (a loaded machine is slow, a hung child is a failure)


def can_kill() -> bool:
    """SIGKILL exists (not on Windows: there the harness does not run)."""
    return hasattr(signal, "SIGKILL")


# -- one child process ------------------------------------------------------------------------------------------------

class Child:
    """A crash_child.py process whose stdout lines arrive in a queue as they are printed."""

    def __init__(self, args: list[str], work: Path, python: str = sys.executable):
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
        self.stderr_path = work / "child.stderr"
        self.began = time.monotonic()
        with self.stderr_path.open("wb") as stderr:
            self.process = subprocess.Popen([python, str(CHILD), *args], stdout=subprocess.PIPE, stderr=stderr,
                                            env=env)
        self.lines: queue.Queue[tuple[float, str] | None] = queue.Queue()
        self.taken: list[str] = []
        self.killed = False
        self.ended = False  # its stdout is closed and every line taken
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for raw in iter(self.process.stdout.readline, b""):
            if raw.endswith(b"\n"):  # a line cut off by the kill was never acknowledged
                self.lines.put((time.monotonic(), raw.decode("utf-8").rstrip("\n")))
        self.lines.put(None)

    def next_line(self) -> tuple[float, str] | None:
        """The next line (with the time it arrived), None when the child has ended; a hung child is killed."""
        if self.ended:
            return None
        try:
            item = self.lines.get(timeout=LINE_TIMEOUT)
        except queue.Empty:
            self.kill()
            raise RuntimeError(f"the child printed nothing for {LINE_TIMEOUT:.0f} s:\n{self.stderr()}") from None
        if item is None:
            self.ended = True
        else:
            self.taken.append(item[1])
        return item

    def kill(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.killed = True

    def finish(self) -> Exchange:
        """Wait for the end and read every line it printed (after a kill too: they were in the pipe)."""
        self.process.wait(timeout=LINE_TIMEOUT)
        self._reader.join(timeout=LINE_TIMEOUT)
        while not self.ended:
            self.next_line()
        self.process.stdout.close()
        exchange = Exchange()
        for line in self.taken:
            exchange.take(line)
        return exchange

    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace").strip()

    def failed(self) -> str:
        """Why the child ended by itself ('' after our kill or a clean exit)."""
        code = self.process.returncode
        return "" if self.killed or code == 0 else f"exit status {code}:\n{self.stderr()[-3000:]}"


def sub_delay(rng: random.Random, arrivals: list[float]) -> float:
    """A random part of (1.5 times) the typical time between two acknowledgements: the kill lands anywhere in the
    next write or between writes."""
    gaps = [b - a for a, b in zip(arrivals[-20:], arrivals[-19:])]
    return rng.uniform(0, 1.5 * (statistics.median(gaps) if gaps else 0.002))


def wait_for(child: Child, prefix: str, count: int, arrivals: list[float]) -> bool:
    """Read lines until the count-th line starting with prefix (True) or the child's end (False)."""
    seen = 0
    while seen < count:
        item = child.next_line()
        if item is None:
            return False
        if item[1].startswith(prefix):
            seen += 1
            arrivals.append(item[0])
    return True


# -- checking the database ----------------------------------------------------------------------------------------

def data_paths(folder: Path):
    from kommandesk import paths as paths_mod

    paths = paths_mod.resolve(folder)
    paths.ensure()
    return paths


def open_checked(paths) -> tuple[object | None, str]:
    """The store as the app's next start opens it, and '' — or None and why the database counts as damaged."""
    from kommandesk.domain.errors import StorageError
    from kommandesk.store.db import open_store

    try:
        store = open_store(paths.db_file, backup_dir=paths.backup_dir)
    except (StorageError, sqlite3.DatabaseError) as exc:
        return None, f"does not open: {exc}"
    try:
        integrity = [row[0] for row in store.conn.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            raise ValueError(f"integrity_check: {integrity[:5]}")
        broken = store.conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise ValueError(f"foreign_key_check: {broken[:5]}")
    except (sqlite3.DatabaseError, ValueError) as exc:
        store.close()
        return None, str(exc)
    return store, ""


def check_writes(paths, ledger: Ledger, exchange: Exchange) -> Verdict:
    from kommandesk.services.context import Services

    store, damaged = open_checked(paths)
    if store is None:
        return Verdict(damaged=damaged)
    try:
        return ledger.verify(Services.over(paths, store), exchange)
    finally:
        store.close()


# -- the scenarios ----------------------------------------------------------------------------------------------------

@dataclass
class WritesTally:
    trials: int = 0
    series: int = 0
    acknowledged: int = 0
    lost: int = 0
    damaged: int = 0
    partial: int = 0
    unexplained: int = 0
    failures: list[str] = field(default_factory=list)  # what went wrong, for the report
    landed: Counter = field(default_factory=Counter)  # where the kills landed
    committed: Counter = field(default_factory=Counter)  # interrupted kind -> committed anyway
    rolled_back: Counter = field(default_factory=Counter)  # interrupted kind -> not in the database

    @property
    def ok(self) -> bool:
        return not (self.lost or self.damaged or self.partial or self.unexplained or self.failures)


def writes_trial(folder: Path, work: Path, rng: random.Random, ledger: Ledger, run: str, max_acks: int,
                 ready_times: list[float], tally: WritesTally) -> None:
    child = Child(["writes", str(folder), str(rng.randrange(1 << 30)), run], work)
    arrivals: list[float] = []
    if rng.random() < 0.1:  # while it opens the database (migrations, on the first trial of a series)
        time.sleep(rng.uniform(0, 1.2 * (statistics.median(ready_times) if ready_times else 0.4)))
        child.kill()
    else:
        wait_for(child, "READY", 1, [])
        ready_times.append(time.monotonic() - child.began)
        if wait_for(child, "ACK", rng.randint(1, max_acks), arrivals):
            time.sleep(sub_delay(rng, arrivals))
            child.kill()
    exchange = child.finish()
    problem = child.failed() or ("" if child.killed else "the child ended before it was killed")
    if problem:
        tally.failures.append(f"{run}: {problem}")
    verdict = check_writes(data_paths(folder), ledger, exchange)
    tally.trials += 1
    tally.acknowledged += len(exchange.acks)
    kind = exchange.interrupted
    tally.landed[kind if kind.startswith("(") else "(during a write)"] += 1
    if verdict.committed is not None:
        (tally.committed if verdict.committed else tally.rolled_back)[kind] += 1
    tally.lost += len(verdict.lost)
    tally.damaged += bool(verdict.damaged)
    tally.partial += bool(verdict.partial)
    tally.unexplained += bool(verdict.unexplained)
    for what, lines in (("damaged", [verdict.damaged] if verdict.damaged else []), ("lost", verdict.lost),
                        ("partial", verdict.partial), ("unexplained", verdict.unexplained)):
        tally.failures += [f"{run} {what}: {line}" for line in lines[:10]]


def writes_scenario(work: Path, rng: random.Random, trials: int, per_series: int, max_acks: int,
                    log: Callable[[str], None]) -> WritesTally:
    tally = WritesTally()
    ready_times: list[float] = []
    for series in range((trials + per_series - 1) // per_series):
        folder = work / f"writes-{series + 1}"
        ledger = Ledger()
        tally.series += 1
        for number in range(min(per_series, trials - series * per_series)):
            writes_trial(folder, work, rng, ledger, f"s{series + 1}t{number + 1}", max_acks, ready_times, tally)
        log(f"  writes: series {series + 1}, {tally.trials}/{trials} trials, {tally.acknowledged} acknowledged, "
            f"{tally.lost} lost, {tally.damaged} damaged")
        shutil.rmtree(folder, ignore_errors=True)
    return tally
