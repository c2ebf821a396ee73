"""One request against the whole pool: the hard rules as a boolean matrix (rules x volunteers) and the score
parts as arrays. Everything is numpy; texts are made in explain.py, only for the volunteers shown.

Score = 100 * sum(weight * value) / sum(weights), each value 0..1:
  language    min(rank - needed rank, 3) / 3 for the best needed language (1 when none is needed)
  distance    1 - km / (the volunteer's radius, or 25 km without one), clipped to 0..1; unknown: 0.5
  experience  0.5 when the profile lists the request's area, + min(completed assignments in it, 5) / 10
  trainings   min(relevant completed trainings, 3) / 3 (0 until the trainings issue records them)
  workload    1 - open assignments / max assignments
  continuity  1 when the volunteer helped the same household before (an assignment not declined or cancelled)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from kommandesk.domain.matching.model import PARTS, RULES, MatchWeights, Part, Rule
from kommandesk.domain.matching.pool import CLEARED, FAR_FUTURE, GENDER_CODE, Pool, slots_mask
from kommandesk.domain.requests import GenderPreference, SupportRequest
from kommandesk.domain.schedule import OPEN_END_DAYS, Occupancy

EARTH_RADIUS_KM = 6371.0088  # as services/geo.py
DEFAULT_RADIUS_KM = 25.0
LOOK_AHEAD_DAYS = 14  # weekly help: absences are checked over its first two weeks
RULE_ROW = {rule: row for row, rule in enumerate(RULES)}
PART_ROW = {part: row for row, part in enumerate(PARTS)}


@dataclass(frozen=True)
class RequestFacts:
    """A request in the terms the engine needs."""

    request_id: str
    reference: str
    needed: tuple[tuple[str, int], ...]  # (language code, minimum rank): alternatives
    children: bool
    first_day: dt.date
    last_day: dt.date
    need_mask: int  # weekly slots the volunteer must be free in (0: no fixed time)
    check_days: tuple[dt.date, ...]  # days the volunteer must not be absent on
    occupancy: Occupancy | None
    place: tuple[float, float] | None
    gender: GenderPreference
    area_id: str | None
    household: tuple[str, str]


def facts_of(req: SupportRequest, place: tuple[float, float] | None, today: dt.date) -> RequestFacts:
    period = req.period() or (today, today + dt.timedelta(days=OPEN_END_DAYS - 1))
    need_mask, check_days = 0, ()
    if req.appointment is not None:
        need_mask, check_days = slots_mask(req.appointment.slots), (req.appointment.day,)
    elif req.recurrence is not None and req.recurrence.first_day is not None and req.recurrence.slots:
        need_mask = slots_mask(req.recurrence.slots)
        until = req.recurrence.first_day + dt.timedelta(days=LOOK_AHEAD_DAYS - 1)
        check_days = tuple(req.recurrence.occurrences(until=until))
    return RequestFacts(
        request_id=req.id or "", reference=req.reference or "",
        needed=tuple((skill.code, skill.level.rank) for skill in req.languages), children=req.children,
        first_day=period[0], last_day=period[1], need_mask=need_mask, check_days=check_days,
        occupancy=req.occupancy(), place=place, gender=req.gender, area_id=req.area_id,
        household=req.household_key())


@dataclass
class Evaluation:
    fails: np.ndarray  # bool (len(RULES), n)
    nfail: np.ndarray  # int per volunteer
    already: np.ndarray  # bool: has an OPEN assignment on this very request (left out of every list)
    distance: np.ndarray  # km, nan unknown
    absent_on: np.ndarray  # index into the pool's absences that makes the volunteer unavailable, -1 none
    busy_with: np.ndarray  # index into the pool's open-assignment times that overlaps, -1 none

    def failed(self, i: int) -> list[Rule]:
        return [rule for rule in RULES if self.fails[RULE_ROW[rule], i]]


def haversine(lat: np.ndarray, lon: np.ndarray, place: tuple[float, float]) -> np.ndarray:
    lat1, lon1 = np.radians(lat), np.radians(lon)
    lat2, lon2 = np.radians(place[0]), np.radians(place[1])
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))


def _first_hit(n: int, volunteer_of: np.ndarray, hits: np.ndarray) -> np.ndarray:
    """Per volunteer the first index in ``hits`` (positions into an event table), -1 for none."""
    found = np.full(n, -1, dtype=np.int64)
    if hits.size:
        reverse = hits[::-1]  # later writes win: write backwards so that the first hit stays
        found[volunteer_of[reverse]] = reverse
    return found


def evaluate(facts: RequestFacts, pool: Pool) -> Evaluation:
    n = pool.n
    passes = np.ones((len(RULES), n), dtype=bool)
    passes[RULE_ROW[Rule.ACTIVE]] = pool.active_ok

    if facts.needed:
        speaks = np.zeros(n, dtype=bool)
        for code, min_rank in facts.needed:
            ranks = pool.languages.get(code)
            if ranks is not None:
                speaks |= ranks >= min_rank
        passes[RULE_ROW[Rule.LANGUAGE]] = speaks

    if facts.children:
        passes[RULE_ROW[Rule.CLEARANCE]] = (pool.clearance_group == CLEARED) & \
            (pool.clearance_expiry > facts.last_day.toordinal())

    absent_on = np.full(n, -1, dtype=np.int64)
    if facts.need_mask:
        grid = pool.by_arrangement | ((pool.slots & facts.need_mask) == facts.need_mask)
        if facts.check_days and pool.abs_vol.size:
            days = np.array([day.toordinal() for day in facts.check_days], dtype=np.int64)
            inside = np.searchsorted(days, pool.abs_last, "right") - np.searchsorted(days, pool.abs_first, "left")
            absent_on = _first_hit(n, pool.abs_vol, np.flatnonzero(inside > 0))
        passes[RULE_ROW[Rule.AVAILABILITY]] = grid & (absent_on < 0)

    if facts.gender is not GenderPreference.ANY:
        passes[RULE_ROW[Rule.GENDER]] = pool.gender == GENDER_CODE[facts.gender.value]

    if facts.place is not None:
        distance = haversine(pool.lat, pool.lon, facts.place)
        with np.errstate(invalid="ignore"):
            passes[RULE_ROW[Rule.DISTANCE]] = ~(distance > pool.radius)  # unknown (nan) passes
    else:
        distance = np.full(n, np.nan)

    passes[RULE_ROW[Rule.CAPACITY]] = pool.open_count < pool.max_assignments

    busy_with = np.full(n, -1, dtype=np.int64)
    occ = facts.occupancy
    if occ is not None and pool.occ_vol.size:
        first = occ.first_day.toordinal()
        last = FAR_FUTURE if occ.last_day == dt.date.max else occ.last_day.toordinal()
        hit = (pool.occ_first <= last) & (first <= pool.occ_last) & ((pool.occ_slots & slots_mask(occ.slots)) != 0)
        if occ.span is not None:  # two appointments on the same day collide only when their times do
            both = pool.occ_start >= 0
            hit &= ~both | ((pool.occ_start < occ.span[1]) & (occ.span[0] < pool.occ_end))
        mine = pool.occ_of_request.get(facts.request_id)
        if mine is not None:  # the request's own assignments do not collide with it
            hit[mine] = False
        busy_with = _first_hit(n, pool.occ_vol, np.flatnonzero(hit))
        passes[RULE_ROW[Rule.OVERLAP]] = busy_with < 0

    already = np.zeros(n, dtype=bool)
    own = pool.open_pairs.get(facts.request_id)
    if own is not None:
        already[own] = True
    fails = ~passes
    return Evaluation(fails=fails, nfail=fails.sum(axis=0), already=already, distance=distance,
                      absent_on=absent_on, busy_with=busy_with)


def part_values(facts: RequestFacts, pool: Pool, ev: Evaluation, idx: np.ndarray) -> np.ndarray:
    """The value (0..1) of each part (rows in PARTS order) for the volunteers ``idx``."""
    values = np.zeros((len(PARTS), idx.size), dtype=float)
    if facts.needed:
        best = np.full(idx.size, -99, dtype=np.int64)
        for code, min_rank in facts.needed:
            ranks = pool.languages.get(code)
            if ranks is not None:
                best = np.maximum(best, ranks[idx].astype(np.int64) - min_rank)
        values[PART_ROW[Part.LANGUAGE]] = np.clip(best, 0, 3) / 3
    else:
        values[PART_ROW[Part.LANGUAGE]] = 1.0
    distance = ev.distance[idx]
    scale = np.where(np.isfinite(pool.radius[idx]) & (pool.radius[idx] > 0), pool.radius[idx], DEFAULT_RADIUS_KM)
    with np.errstate(invalid="ignore"):
        near = np.clip(1 - distance / scale, 0, 1)
    values[PART_ROW[Part.DISTANCE]] = np.where(np.isnan(distance), 0.5, near)
    if facts.area_id:
        listed = pool.areas.get(facts.area_id)
        done = pool.completed.get(facts.area_id)
        experience = np.zeros(idx.size)
        if listed is not None:
            experience += 0.5 * listed[idx]
        if done is not None:
            experience += np.minimum(done[idx], 5) / 10
        values[PART_ROW[Part.EXPERIENCE]] = experience
        trained = pool.trainings.get(facts.area_id)
        if trained is not None:
            values[PART_ROW[Part.TRAININGS]] = np.minimum(trained[idx], 3) / 3
    capacity = pool.max_assignments[idx]
    with np.errstate(divide="ignore", invalid="ignore"):
        free = np.where(capacity > 0, 1 - pool.open_count[idx] / np.maximum(capacity, 1), 0.0)
    values[PART_ROW[Part.WORKLOAD]] = np.clip(free, 0, 1)
    helped = helped_before(facts, pool)
    if helped:
        values[PART_ROW[Part.CONTINUITY]] = np.isin(idx, np.array(sorted(helped), dtype=np.int64))
    return values


def helped_before(facts: RequestFacts, pool: Pool) -> dict[int, list[str]]:
    """Volunteer index -> references of the household's other requests they helped with."""
    found: dict[int, list[str]] = {}
    for i, request_id, reference in pool.household.get(facts.household, ()):
        if request_id != facts.request_id:
            found.setdefault(i, [])
            if reference not in found[i]:
                found[i].append(reference)
    return found


def weight_vector(weights: MatchWeights) -> np.ndarray:
    return np.array([weights.of(part) for part in PARTS], dtype=float)


def scores(values: np.ndarray, weights: MatchWeights) -> tuple[np.ndarray, np.ndarray]:
    """(score 0..100 per volunteer, points per part and volunteer)."""
    w = weight_vector(weights)
    total = w.sum() or 1.0
    points = 100 * values * (w / total)[:, None]
    return points.sum(axis=0), points
