"""The bundle (dist/kommandesk, made by build_installer.py): its start-up against the development start, and its size.

Start-up: process start to main window shown, the bundled program (``kommandesk``, which says ``shown`` and quits
when KOMMANDESK_SMOKE_TEST=1) against ``python startup_child.py app`` from the development environment, as
bench_startup measures it; the order alternates between rounds, round 0 warms the disk cache and is not counted.
Both start on a data folder with the demo data in German, and on a new empty folder each round (without the
first-start assistant). Target: the bundle within 1.5x of the development start.

Size: the unpacked folder (as ``du -sb dist/kommandesk`` counts it) against the issue's limit of 200 MB, and the
archive beside it when there is one. Without a bundle the benchmark says so and measures nothing.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from bench_startup import run_until_shown
from run import ROOT, Context, Row, benchmark

CHILD = Path(__file__).resolve().parent / "startup_child.py"
BUNDLE = ROOT / "dist" / "kommandesk"
PROGRAM = BUNDLE / ("kommandesk.exe" if sys.platform == "win32" else "kommandesk")
TARGET = 1.5
SIZE_LIMIT_MB = 200.0


def folder_bytes(folder: Path) -> int:
    """What ``du -sb`` counts: every file, folder and link by its own size."""
    return folder.lstat().st_size + sum(path.lstat().st_size for path in folder.rglob("*"))


def archive_of(bundle: Path) -> Path | None:
    found = sorted(bundle.parent.glob("kommandesk-*.tar.gz")) + sorted(bundle.parent.glob("kommandesk-*.zip"))
    return max(found, key=lambda path: path.stat().st_mtime) if found else None


@benchmark("bundle", "the bundle's start-up versus the development start, and its size (needs build_installer.py)")
def bundle(context: Context) -> list[Row]:
    if not PROGRAM.is_file():
        print(f"bundle: skipped, there is no bundle in {BUNDLE} (build it with .venv/bin/python build_installer.py)",
              file=sys.stderr, flush=True)
        return []
    from kommandesk.services.demo.seed import fill_folder

    data_dir = fill_folder(context.work / "bundle-demo-data", seed=7).data_dir
    env = {key: value for key, value in context.env.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
    bundle_env = {**env, "KOMMANDESK_SMOKE_TEST": "1"}
    sides = {
        "dev": lambda n: ([context.python, str(CHILD), "app", "--data-dir", str(data_dir), "--lang", "de"], env),
        "bundle": lambda n: ([str(PROGRAM), "--data-dir", str(data_dir), "--lang", "de"], bundle_env),
        "dev-first": lambda n: ([context.python, str(CHILD), "app", "--data-dir", str(context.work / f"dev-{n}"),
                                 "--lang", "de", "--no-assistant"], env),
        "bundle-first": lambda n: ([str(PROGRAM), "--data-dir", str(context.work / f"bundle-{n}"), "--lang", "de",
                                    "--no-assistant"], bundle_env),
    }
    times: dict[str, list[float]] = {side: [] for side in sides}
    for n in range(context.rounds + 1):  # round 0 warms the disk cache and is not counted
        order = list(sides) if n % 2 == 0 else list(reversed(sides))
        for side in order:
            command, side_env = sides[side](n)
            seconds = run_until_shown(command, side_env, context.work / f"bundle-{side}.stderr").seconds
            if n > 0:
                times[side].append(seconds)
        if n > 0:
            context.log(f"  round {n}/{context.rounds}: " + ", ".join(
                f"{side} {times[side][-1] * 1000:.0f} ms" for side in sides))

    def ms(side: str) -> float:
        return statistics.median(times[side]) * 1000

    development = f"the development start (python startup_child.py app, {context.platform})"
    size_mb = folder_bytes(BUNDLE) / 1e6
    rows = [
        Row("bundle start-up to window shown, median", ms("bundle"), ms("dev"), target=TARGET, unit="ms",
            reference_name=development, note="existing database with demo data, German"),
        Row("bundle first start on an empty folder, median", ms("bundle-first"), ms("dev-first"), target=TARGET,
            unit="ms", reference_name=development, note="creates folders and the database, runs the migrations"),
        Row("bundle size, unpacked", size_mb, SIZE_LIMIT_MB, target=1.0, unit="MB",
            reference_name="the issue's limit for the unpacked bundle on Linux",
            note=f"du -sb {BUNDLE.relative_to(ROOT).as_posix()}"),
    ]
    packed = archive_of(BUNDLE)
    if packed is not None:
        rows.append(Row("bundle archive", packed.stat().st_size / 1e6, unit="MB", note=packed.name))
    return rows
