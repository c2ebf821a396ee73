"""All open requests at once: an exact assignment (scipy's linear_sum_assignment), and a greedy run to compare.

The objective is lexicographic, folded into one number per (request, volunteer) pair by offsets large enough
that no amount of a lower goal outweighs one unit of a higher one:

    benefit = HIGH (if the request is urgent) + SERVED + score (0..100)
    SERVED  = 100 * m + 1            > any total of scores over m requests
    HIGH    = (SERVED + 100) * (m + 1) > any total of SERVED + score over m requests

so the solver first serves as many urgent requests as it can, then as many requests as it can, then the best
total score. Capacity: a volunteer with c free places (max assignments - open ones) becomes c identical columns,
made only for volunteers who fit some request and capped at the number of requests they fit. Each request also
gets its own "unserved" column (benefit 0), so the matrix always has a solution.

Each request keeps only its best m candidates: at most m - 1 other requests take places, so one of its m best
volunteers always has a place left, and swapping to it never lowers the objective.

Two requests whose times overlap must not go to the same volunteer. That is not a constraint an assignment
solver can express, so it is repaired: after a solve, for every volunteer given two overlapping requests the
weaker pair (the lower benefit) is forbidden and the problem solved again, until no volunteer has an overlap
(each round forbids at least one pair, so it ends). This is a heuristic for that case only; without overlapping
requests the result is exactly optimal.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from kommandesk.domain.schedule import Occupancy

MAX_REPAIR_ROUNDS = 100


@dataclass(frozen=True)
class Demand:
    """One request: the pool positions of the volunteers who pass every rule, and their scores."""

    high: bool
    volunteers: np.ndarray  # int64 pool positions
    scores: np.ndarray  # float, 0..100
    occupancy: Occupancy | None


@dataclass(frozen=True)
class Solution:
    chosen: dict[int, int]  # request position -> pool position of the volunteer
    seconds_solver: float
    rounds: int


def offsets(m: int) -> tuple[float, float]:
    served = 100.0 * m + 1
    return (served + 100.0) * (m + 1), served


def _benefit(demand: Demand, scores: np.ndarray, m: int) -> np.ndarray:
    high, served = offsets(m)
    return scores + served + (high if demand.high else 0.0)


def _conflicts(demands: list[Demand], chosen: dict[int, int], m: int) -> list[tuple[int, int]]:
    """(request, volunteer) pairs to forbid: the weaker of two overlapping requests given to one volunteer."""
    by_volunteer: dict[int, list[int]] = {}
    for r, v in chosen.items():
        by_volunteer.setdefault(v, []).append(r)
    forbid = []
    for v, requests in by_volunteer.items():
        if len(requests) < 2:
            continue
        weak: set[int] = set()
        for a_pos, a in enumerate(requests):
            for b in requests[a_pos + 1:]:
                oa, ob = demands[a].occupancy, demands[b].occupancy
                if a in weak or b in weak or oa is None or ob is None or not oa.overlaps(ob):
                    continue
                weak.add(min((a, b), key=lambda r: (_pair_benefit(demands[r], v, m), -r)))
        forbid += [(r, v) for r in weak]
    return forbid


def _pair_benefit(demand: Demand, v: int, m: int) -> float:
    where = np.flatnonzero(demand.volunteers == v)
    return float(_benefit(demand, demand.scores[where[:1]], m)[0]) if where.size else 0.0


def solve(demands: list[Demand], capacity: np.ndarray) -> Solution:
    """``capacity``: free places per pool position (max assignments - open assignments)."""
    from scipy.optimize import linear_sum_assignment

    m = len(demands)
    forbidden: set[tuple[int, int]] = set()
    solver_seconds, rounds = 0.0, 0
    chosen: dict[int, int] = {}
    while True:
        rounds += 1
        kept: list[tuple[np.ndarray, np.ndarray]] = []
        for r, demand in enumerate(demands):
            vols, sc = demand.volunteers, demand.scores
            if forbidden:
                bad = np.array([(r, int(v)) in forbidden for v in vols], dtype=bool)
                vols, sc = vols[~bad], sc[~bad]
            ok = capacity[vols] > 0
            vols, sc = vols[ok], sc[ok]
            if vols.size > m:
                top = np.argpartition(-sc, m - 1)[:m]
                vols, sc = vols[top], sc[top]
            kept.append((vols, _benefit(demand, sc, m)))
        all_vols = np.concatenate([k[0] for k in kept]) if kept else np.zeros(0, np.int64)
        if all_vols.size == 0:
            return Solution({}, solver_seconds, rounds)
        unique, fits = np.unique(all_vols, return_counts=True)
        copies = np.minimum(capacity[unique], fits).astype(np.int64)
        starts = np.concatenate([[0], np.cumsum(copies)[:-1]])
        ncols = int(copies.sum())
        column_start = np.zeros(capacity.size, dtype=np.int64)
        column_copies = np.zeros(capacity.size, dtype=np.int64)
        column_start[unique], column_copies[unique] = starts, copies
        col_volunteer = np.repeat(unique, copies)
        cost = np.full((m, ncols + m), np.inf)
        cost[np.arange(m), ncols + np.arange(m)] = 0.0  # unserved
        for r, (vols, benefit) in enumerate(kept):
            if not vols.size:
                continue
            first, count = column_start[vols], column_copies[vols]
            offsets_in = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
            cost[r, np.repeat(first, count) + offsets_in] = -np.repeat(benefit, count)
        began = time.perf_counter()
        rows, cols = linear_sum_assignment(cost)
        solver_seconds += time.perf_counter() - began
        chosen = {int(r): int(col_volunteer[c]) for r, c in zip(rows, cols) if c < ncols}
        forbid = _conflicts(demands, chosen, m)
        if not forbid:
            return Solution(chosen, solver_seconds, rounds)
        if rounds >= MAX_REPAIR_ROUNDS:  # give up repairing: drop the weaker pairs themselves
            for r, _v in forbid:
                chosen.pop(r, None)
            return Solution(chosen, solver_seconds, rounds)
        forbidden.update(forbid)


def greedy(demands: list[Demand], capacity: np.ndarray) -> dict[int, int]:
    """Best score first over all feasible pairs (urgent requests first on a tie), honouring capacity and
    overlapping times: for comparison with the exact solution."""
    pairs = [(-float(s), 0 if d.high else 1, r, int(v))
             for r, d in enumerate(demands) for v, s in zip(d.volunteers.tolist(), d.scores.tolist())]
    pairs.sort()
    left = {}
    taken: dict[int, list[int]] = {}
    chosen: dict[int, int] = {}
    for _score, _urgency, r, v in pairs:
        if r in chosen:
            continue
        free = left.setdefault(v, int(capacity[v]))
        if free <= 0:
            continue
        mine = demands[r].occupancy
        if mine is not None and any(demands[o].occupancy is not None and mine.overlaps(demands[o].occupancy)
                                    for o in taken.get(v, ())):
            continue
        chosen[r] = v
        left[v] = free - 1
        taken.setdefault(v, []).append(r)
    return chosen
