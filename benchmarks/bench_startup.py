"""Start-up: process start to main window shown, KommanDesk versus a bare PySide6 QMainWindow started the same way.

Each round starts both (order alternating between rounds) as fresh processes through ``startup_child.py`` and
times from just before ``Popen`` to reading the child's ``shown`` line; one warm-up round is not counted.
KommanDesk starts on a data folder prepared once with the demo data (the everyday case: an existing database),
in German (translations loaded); a third child per round starts on an empty folder (the very first start:
folders, database, migrations; without the first-start assistant, which would wait for a user).
"""

from __future__ import annotations

import queue
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from run import Context, Row, benchmark

CHILD = Path(__file__).resolve().parent / "startup_child.py"
TIMEOUT = 120
TARGET = 1.5


@dataclass
class Start:
    seconds: float
    peak_rss_kib: int


def start(context: Context, arguments: list[str], label: str) -> Start:
    """Start one ``startup_child.py`` child; the time from just before Popen to its 'shown' line."""
    return run_until_shown([context.python, str(CHILD), *arguments], context.env, context.work / f"{label}.stderr")


def run_until_shown(command: list[str], env: dict[str, str], stderr_file: Path) -> Start:
    """Start ``command``; the seconds from just before Popen to its 'shown' line (and the peak RSS it says after
    it, if any). A child that never says 'shown' (say, a start-up error dialog nobody can answer) is killed after
    TIMEOUT. Also the bundle's benchmark (bench_bundle.py) times its program with this."""
    lines: queue.Queue[str | None] = queue.Queue()
    with stderr_file.open("wb") as stderr:
        began = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, env=env, text=True)

        def read() -> None:
            for line in child.stdout:
                lines.put(line)
            lines.put(None)

        threading.Thread(target=read, daemon=True).start()
        shown, peak, status = None, 0, None
        deadline = began + TIMEOUT
        try:
            while shown is None:
                line = lines.get(timeout=max(0.0, deadline - time.perf_counter()))
                if line is None:
                    break
                if line.startswith("shown"):
                    shown = time.perf_counter() - began
                    fields = line.split()
                    peak = int(fields[1]) if len(fields) > 1 else 0
            status = child.wait(timeout=max(1.0, deadline - time.perf_counter()))
        except (queue.Empty, subprocess.TimeoutExpired):
            child.kill()
            child.wait()
            status = f"killed after {TIMEOUT} s"
    if shown is None or status != 0:
        details = stderr_file.read_text(errors="replace").strip()
        raise RuntimeError(f"{' '.join(command[:3])} did not show its window (exit status {status}):\n{details}")
    return Start(shown, peak)


def prepare_demo_folder(context: Context) -> Path:
    from kommandesk.services.demo.seed import fill_folder

    return fill_folder(context.work / "demo-data", seed=7).data_dir


@benchmark("startup", "process start to main window shown, versus a bare PySide6 QMainWindow")
def startup(context: Context) -> list[Row]:
    data_dir = prepare_demo_folder(context)
    sides = {
        "bare": lambda n: ["bare"],
        "app": lambda n: ["app", "--data-dir", str(data_dir), "--lang", "de"],
        "first": lambda n: ["app", "--data-dir", str(context.work / f"empty-{n}"), "--lang", "de", "--no-assistant"],
    }
    times: dict[str, list[Start]] = {side: [] for side in sides}
    for n in range(context.rounds + 1):  # round 0 warms the disk cache and is not counted
        order = list(sides) if n % 2 == 0 else list(reversed(sides))
        for side in order:
            result = start(context, sides[side](n), side)
            if n > 0:
                times[side].append(result)
        if n > 0:
            context.log(f"  round {n}/{context.rounds}: " + ", ".join(
                f"{side} {times[side][-1].seconds * 1000:.0f} ms" for side in sides))

    def ms(side: str, how=statistics.median) -> float:
        return how(start.seconds for start in times[side]) * 1000

    def mib(side: str) -> float:
        return statistics.median(start.peak_rss_kib for start in times[side]) / 1024

    reference = f"bare PySide6 QMainWindow started the same way ({context.platform})"
    return [
        Row("start-up to window shown, median", ms("app"), ms("bare"), target=TARGET, unit="ms",
            reference_name=reference, note="existing database with demo data, German"),
        Row("start-up to window shown, minimum", ms("app", min), ms("bare", min), unit="ms",
            reference_name=reference),
        Row("first start on an empty folder, median", ms("first"), ms("bare"), unit="ms",
            reference_name=reference, note="creates folders and the database, runs the migrations"),
        Row("peak memory at window shown, median", mib("app"), mib("bare"), unit="MiB",
            reference_name=reference),
    ]
