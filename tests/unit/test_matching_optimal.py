"""Assigning all open requests at once: served first (urgent ones before all), then the total score; capacity;
no volunteer given two requests at the same time; and the greedy run it is compared with."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import numpy as np

from kommandesk.domain.matching.optimal import Demand, greedy, offsets, solve
from kommandesk.domain.schedule import Appointment, occupancy

MONDAY = dt.date(2026, 3, 16)


def demand(fits: dict[int, float], high: bool = False, when=None) -> Demand:
    vols = np.array(sorted(fits), dtype=np.int64)
    return Demand(high, vols, np.array([fits[v] for v in vols.tolist()], dtype=float),
                  occupancy(when, None) if when else None)


def at(day_offset: int, start: int, end: int) -> Appointment:
    return Appointment(MONDAY + dt.timedelta(days=day_offset), dt.time(start), dt.time(end))


def caps(*values: int) -> np.ndarray:
    return np.array(values, dtype=np.int32)


def test_greedy_serves_fewer_requests_than_the_optimal_run():
    # Anna (0) fits both and scores best on the first; Ben (1) fits only the first.
    demands = [demand({0: 90, 1: 50}), demand({0: 80})]
    assert len(greedy(demands, caps(1, 1))) == 1  # the first takes Anna: the second is left without anyone
    solution = solve(demands, caps(1, 1))
    assert solution.chosen == {0: 1, 1: 0}


def test_more_requests_served_beats_a_higher_total_score():
    demands = [demand({0: 100, 1: 1}), demand({0: 1})]
    assert solve(demands, caps(1, 1)).chosen == {0: 1, 1: 0}


def test_then_the_total_score_decides():
    demands = [demand({0: 90, 1: 60}), demand({0: 70, 1: 20})]
    # 90 + 20 = 110 < 60 + 70 = 130
    assert solve(demands, caps(1, 1)).chosen == {0: 1, 1: 0}


def test_urgent_requests_are_served_first():
    demands = [demand({0: 100}), demand({0: 5}, high=True)]
    assert solve(demands, caps(1)).chosen == {1: 0}
    # even when serving the urgent one costs a second normal request
    demands = [demand({0: 100}), demand({0: 100}), demand({0: 5, 1: 5}, high=True), demand({1: 90}, high=True)]
    chosen = solve(demands, caps(1, 1)).chosen
    assert set(chosen) == {2, 3}


def test_capacity_is_honoured_and_used():
    demands = [demand({0: 50}), demand({0: 60}), demand({0: 70})]
    chosen = solve(demands, caps(2)).chosen
    assert sorted(chosen) == [1, 2]
    assert solve(demands, caps(0)).chosen == {}
    assert len(solve(demands, caps(5)).chosen) == 3


def test_overlapping_requests_never_go_to_the_same_volunteer():
    same_time = [demand({0: 90}, when=at(0, 9, 11)), demand({0: 80, 1: 40}, when=at(0, 10, 12))]
    solution = solve(same_time, caps(2, 1))
    assert solution.chosen == {0: 0, 1: 1}  # repaired: the weaker pair (80) was forbidden, Ben takes it
    assert solution.rounds == 2
    only_anna = [demand({0: 90}, when=at(0, 9, 11)), demand({0: 80}, when=at(0, 10, 12))]
    assert solve(only_anna, caps(2)).chosen == {0: 0}
    apart = [demand({0: 90}, when=at(0, 9, 11)), demand({0: 80}, when=at(0, 11, 12))]
    assert solve(apart, caps(2)).chosen == {0: 0, 1: 0}
    assert greedy(only_anna, caps(2)) == {0: 0}


def test_nobody_fits():
    assert solve([demand({}), demand({})], caps(1)).chosen == {}
    assert solve([], caps(1)).chosen == {}


def _brute_force(demands: list[Demand], capacity: np.ndarray) -> float:
    high, served = offsets(len(demands))
    options = [[None, *zip(d.volunteers.tolist(), d.scores.tolist())] for d in demands]
    best = 0.0
    for combo in itertools.product(*options):
        used: dict[int, int] = {}
        value = 0.0
        for d, pick in zip(demands, combo):
            if pick is None:
                continue
            used[pick[0]] = used.get(pick[0], 0) + 1
            value += served + pick[1] + (high if d.high else 0)
        if all(count <= capacity[v] for v, count in used.items()):
            best = max(best, value)
    return best


def test_the_solution_is_optimal_on_small_random_cases():
    rng = random.Random(5)
    for _case in range(40):
        n_vol, n_req = rng.randint(1, 3), rng.randint(1, 4)
        capacity = np.array([rng.randint(0, 2) for _ in range(n_vol)], dtype=np.int32)
        demands = [demand({v: float(rng.randint(0, 100)) for v in range(n_vol) if rng.random() < 0.6},
                          high=rng.random() < 0.3) for _ in range(n_req)]
        chosen = solve(demands, capacity).chosen
        high, served = offsets(n_req)
        value = sum(served + float(demands[r].scores[demands[r].volunteers.tolist().index(v)])
                    + (high if demands[r].high else 0) for r, v in chosen.items())
        assert value == _brute_force(demands, capacity)
        assert all(list(chosen.values()).count(v) <= capacity[v] for v in set(chosen.values()))
