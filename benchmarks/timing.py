"""Small helpers the benchmarks share (imported as ``timing``: the runner puts this folder on sys.path)."""

from __future__ import annotations

import statistics
import time


def median_ms(seconds: list[float]) -> float:
    """The median of timings in seconds, in milliseconds."""
    return statistics.median(seconds) * 1000


def verdict(value_ms: float, target_ms: float) -> str:
    """A row's note: the issue's absolute target and whether the figure meets it."""
    return f"issue target <= {target_ms:g} ms: {'met' if value_ms <= target_ms else 'MISSED'}"


def timed(function) -> float:
    """Seconds one call of ``function`` takes."""
    began = time.perf_counter()
    function()
    return time.perf_counter() - began


def child_result(context, script: str, data_dir, name: str, label: str, timeout: float) -> dict:
    """Run a bench module's child mode (``python script data_dir``) in a fresh process, as a user starts the app;
    the last line it prints is its result as JSON."""
    import json
    import subprocess

    done = subprocess.run([context.python, script, str(data_dir)], capture_output=True, text=True, env=context.env,
                          timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"{name} child {label!r} failed (exit status {done.returncode}):\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def alternating_rounds(context, sides, run, describe) -> dict[str, list[dict]]:
    """``run(side)`` once per side and round, the order alternating so that neither side always goes first;
    round 0 warms the disk cache and is not counted. ``describe(results)`` is the log line of a counted round."""
    results: dict[str, list[dict]] = {side: [] for side in sides}
    for n in range(context.rounds + 1):
        order = list(sides) if n % 2 == 0 else list(reversed(sides))
        for side in order:
            outcome = run(side)
            if n > 0:
                results[side].append(outcome)
        if n > 0:
            context.log(f"  round {n}/{context.rounds}: " + describe(results))
    return results
