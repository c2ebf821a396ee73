"""KommanDesk benchmarks: every figure is printed beside a reference measured in the same run.

    .venv/bin/python benchmarks/run.py                    all benchmarks, a table
    .venv/bin/python benchmarks/run.py --rounds 15 startup
    .venv/bin/python benchmarks/run.py --xvfb             Qt on a real X server (Xvfb) instead of offscreen
    .venv/bin/python benchmarks/run.py --json             the rows as JSON (for scripts)
    .venv/bin/python benchmarks/run.py --save             also write benchmarks/results/<time>.json
    .venv/bin/python benchmarks/run.py --list             the benchmarks there are

Machines differ, so no figure is an absolute number to meet: each is compared with a reference run alternately
with it on the same machine, and the target is a ratio (e.g. start-up at most 1.5x a bare PySide6 window).
``--check`` makes the exit status 1 when a target is missed; without it the runner only reports.

Adding a figure: put a module ``bench_<topic>.py`` beside this file with a function decorated with
``@benchmark("<name>", "<what it measures>")`` from ``run`` that takes a :class:`Context` and returns a list of
:class:`Row`. The runner imports every ``bench_*.py`` it finds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"


# -- what a benchmark returns -------------------------------------------------------------------------
@dataclass
class Row:
    """One figure beside its reference. ``target`` is the highest acceptable ratio value/reference (or None)."""

    name: str
    value: float
    reference: float | None = None
    ratio: float | None = None
    target: float | None = None
    unit: str = ""
    reference_name: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        if self.ratio is None and self.reference:
            self.ratio = self.value / self.reference

    @property
    def result(self) -> str:
        if self.target is None or self.ratio is None:
            return ""
        return "PASS" if self.ratio <= self.target else "FAIL"

    def as_dict(self) -> dict:
        return {**asdict(self), "result": self.result}


@dataclass
class Context:
    """What every benchmark gets: options, a scratch folder, and how to start Python children."""

    rounds: int
    work: Path
    env: dict[str, str]
    python: str = sys.executable
    platform: str = "offscreen"
    log: Callable[[str], None] = lambda message: None
    extra: dict = field(default_factory=dict)


@dataclass
class Benchmark:
    name: str
    description: str
    function: Callable[[Context], list[Row]]


BENCHMARKS: dict[str, Benchmark] = {}


def benchmark(name: str, description: str) -> Callable[[Callable[[Context], list[Row]]], Callable]:
    def register(function: Callable[[Context], list[Row]]) -> Callable[[Context], list[Row]]:
        BENCHMARKS[name] = Benchmark(name, description, function)
        return function

    return register


def discover() -> None:
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    sys.modules.setdefault("run", sys.modules[__name__])  # bench modules say `from run import ...`
    for module in sorted(HERE.glob("bench_*.py")):
        importlib.import_module(module.stem)


# -- a real X server on request -----------------------------------------------------------------------
@contextmanager
def xvfb() -> Iterator[str]:
    """Start Xvfb on a free display (it picks one itself and tells us through -displayfd); yield ':N'."""
    if shutil.which("Xvfb") is None:
        raise SystemExit("--xvfb needs Xvfb (Debian/Ubuntu: apt-get install xvfb)")
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp",
                               "-noreset"], pass_fds=(write_fd,), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise SystemExit("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


# -- output -------------------------------------------------------------------------------------------
def number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "-"
    text = f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.3g}"
    return f"{text} {unit}".strip()


def table(rows: list[Row]) -> str:
    header = ("figure", "value", "reference", "ratio", "target", "result")
    lines = [(row.name, number(row.value, row.unit), number(row.reference, row.unit),
              f"{row.ratio:.2f}x" if row.ratio is not None else "-",
              f"<= {row.target:g}x" if row.target is not None else "-", row.result or "-") for row in rows]
    widths = [max(len(str(cells[i])) for cells in [header, *lines]) for i in range(len(header))]
    out = ["  ".join(cell.ljust(width) if i == 0 else cell.rjust(width)
                     for i, (cell, width) in enumerate(zip(cells, widths))).rstrip() for cells in [header, *lines]]
    out.insert(1, "  ".join("-" * width for width in widths))
    references: dict[str, list[str]] = {}
    for row in rows:
        if row.reference_name:
            references.setdefault(row.reference_name, []).append(row.name)
    if references:
        out.append("")
        for reference, names in references.items():
            out.append(f"reference of {', '.join(names)}: {reference}" if len(references) > 1
                       else f"reference: {reference}")
    out += [f"note, {row.name}: {row.note}" for row in rows if row.note]
    return "\n".join(out)


def machine() -> dict[str, str]:
    import PySide6

    return {"python": platform.python_version(), "pyside6": PySide6.__version__, "system": platform.platform(),
            "cpus": str(os.cpu_count()), "time": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")}


# -- command line -------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    discover()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("names", nargs="*", metavar="NAME", help="benchmarks to run (default: all)")
    parser.add_argument("--rounds", type=int, default=7, help="measurements of each side (default: 7)")
    parser.add_argument("--xvfb", action="store_true", help="run Qt on a private Xvfb server, not offscreen")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.add_argument("--save", action="store_true", help="also write the rows to benchmarks/results/")
    parser.add_argument("--check", action="store_true", help="exit status 1 when a target is missed")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and stop")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress messages on stderr")
    args = parser.parse_args(argv)
    if args.list:
        for item in BENCHMARKS.values():
            print(f"{item.name:12} {item.description}")
        return 0
    unknown = [name for name in args.names if name not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)} (known: {', '.join(BENCHMARKS)})")
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    chosen = [BENCHMARKS[name] for name in (args.names or BENCHMARKS)]

    def log(message: str) -> None:
        if not args.quiet:
            print(message, file=sys.stderr, flush=True)

    # What users run is byte-compiled (an installed package, the bundle); a machine with PYTHONDONTWRITEBYTECODE
    # would otherwise compile every module of the app from source at each start and measure that instead.
    import compileall

    compileall.compile_dir(str(ROOT / "kommandesk"), quiet=1)
    env = dict(os.environ)
    for name in ("QT_SCALE_FACTOR", "QT_SCREEN_SCALE_FACTORS", "KOMMANDESK_DATA_DIR"):
        env.pop(name, None)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="kommandesk-bench-") as work, \
            (xvfb() if args.xvfb else _no_display()) as display:
        if display:
            env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
            env.pop("WAYLAND_DISPLAY", None)
        else:
            env["QT_QPA_PLATFORM"] = "offscreen"
        context = Context(rounds=args.rounds, work=Path(work), env=env, platform=env["QT_QPA_PLATFORM"], log=log)
        for item in chosen:
            log(f"{item.name}: {item.description}")
            rows += item.function(context)

    info = {**machine(), "platform": "xcb (Xvfb)" if args.xvfb else "offscreen", "rounds": str(args.rounds)}
    if args.json:
        print(json.dumps({"machine": info, "rows": [row.as_dict() for row in rows]}, indent=2))
    else:
        print(f"KommanDesk benchmarks — {info['system']}, {info['cpus']} CPUs, Python {info['python']}, "
              f"PySide6 {info['pyside6']}, Qt platform {info['platform']}, {args.rounds} rounds")
        print(table(rows))
    if args.save:
        RESULTS.mkdir(exist_ok=True)
        path = RESULTS / f"{dt.datetime.now():%Y%m%d-%H%M%S}.json"
        path.write_text(json.dumps({"machine": info, "rows": [row.as_dict() for row in rows]}, indent=2) + "\n")
        log(f"saved {path}")
    return 1 if args.check and any(row.result == "FAIL" for row in rows) else 0


@contextmanager
def _no_display() -> Iterator[None]:
    yield None


if __name__ == "__main__":
    sys.exit(main())
