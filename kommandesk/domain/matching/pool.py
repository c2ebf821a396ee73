"""The volunteers as columns (one numpy array per attribute), built once and reused for every request.

A request is then checked against everyone with a handful of array operations (see score.py) instead of a
Python loop over 50,000 profiles. The store hands over plain rows (store/matching_repo.py); tests build the
same rows from domain objects with :func:`source_from_volunteers`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from kommandesk.domain.assignments import AssignmentStatus
from kommandesk.domain.availability import Availability, Period, Slot
from kommandesk.domain.clearance import ClearancePolicy, add_months
from kommandesk.domain.schedule import Occupancy
from kommandesk.domain.volunteers import Gender, Volunteer

# the order of the columns of a volunteer row (store/matching_repo.py selects them so)
VOLUNTEER_COLUMNS = ("id", "reference", "first_name", "last_name", "status", "has_consent", "gender", "latitude",
                     "longitude", "travel_radius_km", "max_assignments", "availability_slots", "by_arrangement",
                     "clearance_group", "clearance_issued_on")
GENDER_CODE = {gender.value: code for code, gender in enumerate(Gender)}
PERIOD_INDEX = {period: index for index, period in enumerate(Period)}
NO_CLEARANCE, RELEVANT_ENTRY, CLEARED = 0, 1, 2  # as volunteers.clearance_group
FAR_FUTURE = dt.date.max.toordinal()


def slot_bit(slot: Slot) -> int:
    """The weekly grid as 21 bits: weekday * 3 + period (morning, afternoon, evening)."""
    day, period = slot
    return 1 << (day * 3 + PERIOD_INDEX[period])


def slots_mask(slots: Iterable[Slot]) -> int:
    mask = 0
    for slot in slots:
        mask |= slot_bit(slot)
    return mask


def slot_of_bit(bit: int) -> Slot:
    return bit // 3, list(Period)[bit % 3]


@dataclass(frozen=True)
class PoolAssignment:
    """A volunteer's assignment that still matters: open ones take a place and time; completed ones count as
    experience; any not declined or cancelled makes the family's next request a continuity."""

    volunteer_id: str
    request_id: str
    reference: str  # the request's reference
    status: AssignmentStatus
    household: tuple[str, str]  # SupportRequest.household_key() of its request
    area_id: str | None
    occupancy: Occupancy | None


@dataclass
class PoolSource:
    volunteers: list[tuple]  # rows in VOLUNTEER_COLUMNS order (archived volunteers left out)
    languages: list[tuple[str, str, int]]  # volunteer id, code, Level.rank
    areas: list[tuple[str, str]]  # volunteer id, area id
    absences: list[tuple[str, object, object]]  # volunteer id, first day, last day (date or ISO text)
    assignments: list[PoolAssignment]
    trainings: dict[str, dict[str, int]] = field(default_factory=dict)  # area id -> volunteer id -> completed
    #                                                                     relevant trainings (issue 6 fills it)


def _ordinal(value: object) -> int:
    if isinstance(value, dt.date):
        return value.toordinal()
    return dt.date.fromisoformat(str(value)).toordinal()


@dataclass
class Pool:
    n: int
    ids: list[str]
    references: list[str]
    names: list[str]
    statuses: list[str]
    has_consent: np.ndarray  # bool
    active_ok: np.ndarray  # bool: active and with consent
    gender: np.ndarray  # int8, GENDER_CODE
    lat: np.ndarray  # float64, nan unknown
    lon: np.ndarray
    radius: np.ndarray  # float64 km, inf: no limit
    max_assignments: np.ndarray  # int32
    slots: np.ndarray  # int32, 21-bit weekly mask
    by_arrangement: np.ndarray  # bool
    clearance_group: np.ndarray  # int8
    clearance_expiry: np.ndarray  # int64 ordinal of the first day it is no longer valid (0: none)
    languages: dict[str, np.ndarray]  # code -> int8 rank per volunteer, -1 does not speak it
    areas: dict[str, np.ndarray]  # area id -> bool per volunteer
    abs_vol: np.ndarray  # absences: volunteer index, first and last day (ordinals)
    abs_first: np.ndarray
    abs_last: np.ndarray
    open_count: np.ndarray  # int32 OPEN assignments per volunteer
    occ_vol: np.ndarray  # open assignments with a time: volunteer index, days, weekly mask, minutes (-1: weekly)
    occ_first: np.ndarray
    occ_last: np.ndarray
    occ_slots: np.ndarray
    occ_start: np.ndarray
    occ_end: np.ndarray
    occ_request: list[str]
    occ_reference: list[str]
    occ_of_request: dict[str, np.ndarray]  # request id -> its positions in the occ_* arrays
    open_pairs: dict[str, np.ndarray]  # request id -> indices of volunteers with an OPEN assignment on it
    completed: dict[str, np.ndarray]  # area id -> completed assignments in that area per volunteer
    household: dict[tuple[str, str], list[tuple[int, str, str]]]  # key -> (volunteer, request id, reference)
    trainings: dict[str, np.ndarray]  # area id -> relevant completed trainings per volunteer
    index: dict[str, int] = field(default_factory=dict)

    def position(self, volunteer_id: str) -> int | None:
        return self.index.get(volunteer_id)


def build_pool(source: PoolSource, policy: ClearancePolicy) -> Pool:
    rows = source.volunteers
    n = len(rows)
    cols = list(zip(*rows)) if rows else [()] * len(VOLUNTEER_COLUMNS)
    c = dict(zip(VOLUNTEER_COLUMNS, cols))
    ids = list(c["id"])
    index = {vid: i for i, vid in enumerate(ids)}
    statuses = list(c["status"])
    has_consent = np.array(c["has_consent"], dtype=bool).reshape(n)
    active_ok = (np.array(statuses, dtype=object) == "active").astype(bool).reshape(n) & has_consent

    mask_memo: dict[str, int] = {}

    def mask_of(text: str) -> int:
        found = mask_memo.get(text)
        if found is None:
            found = mask_memo[text] = slots_mask(Availability.decode_slots(text))
        return found

    expiry_memo: dict[object, int] = {}

    def expiry_of(issued: object) -> int:
        if issued is None:
            return 0
        found = expiry_memo.get(issued)
        if found is None:
            day = issued if isinstance(issued, dt.date) else dt.date.fromisoformat(issued)
            found = expiry_memo[issued] = add_months(day, 12 * policy.validity_years).toordinal()
        return found

    radius = np.array([np.inf if r is None else float(r) for r in c["travel_radius_km"]], dtype=float).reshape(n)
    pool = Pool(
        n=n, ids=ids, references=list(c["reference"]),
        names=[f"{first} {last}".strip() for first, last in zip(c["first_name"], c["last_name"])],
        statuses=statuses, has_consent=has_consent, active_ok=active_ok,
        gender=np.array([GENDER_CODE.get(g, GENDER_CODE["not_stated"]) for g in c["gender"]], dtype=np.int8).reshape(n),
        lat=np.array(c["latitude"], dtype=float).reshape(n), lon=np.array(c["longitude"], dtype=float).reshape(n),
        radius=radius, max_assignments=np.array(c["max_assignments"], dtype=np.int32).reshape(n),
        slots=np.array([mask_of(text or "") for text in c["availability_slots"]], dtype=np.int32).reshape(n),
        by_arrangement=np.array(c["by_arrangement"], dtype=bool).reshape(n),
        clearance_group=np.array(c["clearance_group"], dtype=np.int8).reshape(n),
        clearance_expiry=np.array([expiry_of(day) for day in c["clearance_issued_on"]], dtype=np.int64).reshape(n),
        languages={}, areas={}, abs_vol=np.zeros(0, np.int64), abs_first=np.zeros(0, np.int64),
        abs_last=np.zeros(0, np.int64), open_count=np.zeros(n, np.int32), occ_vol=np.zeros(0, np.int64),
        occ_first=np.zeros(0, np.int64), occ_last=np.zeros(0, np.int64), occ_slots=np.zeros(0, np.int32),
        occ_start=np.zeros(0, np.int32), occ_end=np.zeros(0, np.int32), occ_request=[], occ_reference=[],
        occ_of_request={}, open_pairs={}, completed={}, household={}, trainings={}, index=index)

    by_code: dict[str, tuple[list[int], list[int]]] = {}
    for vid, code, rank in source.languages:
        i = index.get(vid)
        if i is not None:
            where, ranks = by_code.setdefault(code, ([], []))
            where.append(i)
            ranks.append(rank)
    for code, (where, ranks) in by_code.items():
        column = np.full(n, -1, dtype=np.int8)
        column[np.array(where, dtype=np.int64)] = np.array(ranks, dtype=np.int8)
        pool.languages[code] = column

    by_area: dict[str, list[int]] = {}
    for vid, area_id in source.areas:
        i = index.get(vid)
        if i is not None:
            by_area.setdefault(area_id, []).append(i)
    for area_id, where in by_area.items():
        column = np.zeros(n, dtype=bool)
        column[np.array(where, dtype=np.int64)] = True
        pool.areas[area_id] = column

    absences = [(index[vid], _ordinal(first), _ordinal(last)) for vid, first, last in source.absences if vid in index]
    if absences:
        vol, first, last = zip(*absences)
        pool.abs_vol, pool.abs_first, pool.abs_last = (np.array(vol, np.int64), np.array(first, np.int64),
                                                       np.array(last, np.int64))
    _add_assignments(pool, source.assignments)
    for area_id, counts in source.trainings.items():
        column = np.zeros(n, dtype=np.int32)
        for vid, count in counts.items():
            if vid in index:
                column[index[vid]] = count
        pool.trainings[area_id] = column
    return pool


def with_assignments(pool: Pool, assignments: Sequence[PoolAssignment]) -> Pool:
    """The same volunteers with fresh assignments (after an assignment was made or changed: the volunteers'
    columns stay, which saves most of a rebuild)."""
    fresh = dataclasses.replace(pool, occ_request=[], occ_reference=[], occ_of_request={}, open_pairs={},
                                completed={}, household={})
    _add_assignments(fresh, assignments)
    return fresh


def _add_assignments(pool: Pool, assignments: Sequence[PoolAssignment]) -> None:
    from kommandesk.domain.assignments import OPEN

    open_count = np.zeros(pool.n, dtype=np.int32)
    occ: list[tuple[int, int, int, int, int, int]] = []
    pairs: dict[str, list[int]] = {}
    completed: dict[str, list[int]] = {}
    for a in assignments:
        i = pool.index.get(a.volunteer_id)
        if i is None:
            continue
        if a.status in (AssignmentStatus.DECLINED, AssignmentStatus.CANCELLED):
            continue
        pool.household.setdefault(a.household, []).append((i, a.request_id, a.reference))
        if a.status is AssignmentStatus.COMPLETED and a.area_id:
            completed.setdefault(a.area_id, []).append(i)
        if a.status in OPEN:
            open_count[i] += 1
            pairs.setdefault(a.request_id, []).append(i)
            o = a.occupancy
            if o is not None:
                start, end = o.span if o.span is not None else (-1, -1)
                last = FAR_FUTURE if o.last_day == dt.date.max else o.last_day.toordinal()
                occ.append((i, o.first_day.toordinal(), last, slots_mask(o.slots), start, end))
                pool.occ_of_request.setdefault(a.request_id, []).append(len(pool.occ_request))
                pool.occ_request.append(a.request_id)
                pool.occ_reference.append(a.reference)
    pool.open_count = open_count
    if occ:
        vol, first, last, mask, start, end = zip(*occ)
        pool.occ_vol, pool.occ_first, pool.occ_last = (np.array(vol, np.int64), np.array(first, np.int64),
                                                       np.array(last, np.int64))
        pool.occ_slots = np.array(mask, np.int32)
        pool.occ_start, pool.occ_end = np.array(start, np.int32), np.array(end, np.int32)
    pool.occ_of_request = {rid: np.array(where, np.int64) for rid, where in pool.occ_of_request.items()}
    pool.open_pairs = {rid: np.array(where, np.int64) for rid, where in pairs.items()}
    for area_id, where in completed.items():
        pool.completed[area_id] = np.bincount(np.array(where, np.int64), minlength=pool.n).astype(np.int32)


def volunteer_row(vol: Volunteer, coordinates: tuple[float, float] | None = None) -> tuple:
    """The row the store would give for a profile (tests and the comparison loop of the benchmark)."""
    from kommandesk.domain.clearance import ClearanceResult

    c = vol.clearance
    complete = c.issued_on is not None and c.inspected_on is not None and c.result is not None
    group = NO_CLEARANCE if not complete else (
        RELEVANT_ENTRY if c.result is ClearanceResult.RELEVANT_ENTRY else CLEARED)
    lat, lon = coordinates if coordinates else (None, None)
    return (vol.id, vol.reference or "", vol.first_name, vol.last_name, vol.status.value, vol.consent is not None,
            vol.gender.value, lat, lon, vol.travel_radius_km, vol.max_assignments,
            Availability.encode_slots(vol.availability.slots), int(vol.availability.by_arrangement), group,
            c.issued_on.isoformat() if c.issued_on else None)


def source_from_volunteers(volunteers: Sequence[Volunteer],
                           coordinates: dict[str, tuple[float, float]] | None = None,
                           assignments: Sequence[PoolAssignment] = (),
                           trainings: dict[str, dict[str, int]] | None = None) -> PoolSource:
    """A pool source from domain objects (each volunteer needs its ``id``)."""
    from kommandesk.domain.volunteers import Status

    coordinates = coordinates or {}
    kept = [vol for vol in volunteers if vol.status is not Status.ARCHIVED]
    return PoolSource(
        volunteers=[volunteer_row(vol, coordinates.get(vol.id)) for vol in kept],
        languages=[(vol.id, skill.code, skill.level.rank) for vol in kept for skill in vol.languages],
        areas=[(vol.id, area_id) for vol in kept for area_id in dict.fromkeys(vol.areas)],
        absences=[(vol.id, a.first_day, a.last_day) for vol in kept for a in vol.availability.absences],
        assignments=list(assignments), trainings=dict(trainings or {}))
