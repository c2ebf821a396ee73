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
