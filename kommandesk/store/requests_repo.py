"""Support requests in the database: the list (page by page, search, filters), whole requests with their needed
languages and status history, and writes in one transaction each.

Search goes through the FTS5 table ``requests_fts`` over ``search_text`` (folded reference, person, site, site
contact, postcode, description, needed and spoken language names in German and English, area names); every query
word is a prefix and all words must match, as in the volunteers' list.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from kommandesk.domain.availability import Availability
from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.domain.requests import (
    GenderPreference, RequestConsent, RequestStatus, RequestStatusChange, SupportRequest, Urgency,
)
from kommandesk.domain.schedule import Appointment, Recurrence
from kommandesk.domain.search_text import fold
from kommandesk.i18n.language_codes import BABEL_KEYS
from kommandesk.store.bulk_insert import (coordinate_columns, history_rows, indexed_insert, new_row_columns,
                                         next_number, stored_area_names)
from kommandesk.store.clock import new_id, utc_now
from kommandesk.store.db import Store
from kommandesk.store.volunteers_repo import _language_names, _words, match_expression

STATUS_RANK = {status.value: rank for rank, status in enumerate(RequestStatus)}  # the lifecycle order
URGENCY_RANK = {Urgency.NORMAL.value: 0, Urgency.HIGH.value: 1}
OPEN_ASSIGNMENT = ("proposed", "contacted", "accepted", "active")  # domain.assignments.OPEN

# sort key -> ORDER BY columns; the reference last: paging is stable
ORDER: dict[str, tuple[str, ...]] = {
    "reference": ("ref_year", "ref_number"),
    "received_on": ("received_on", "ref_year", "ref_number"),
    "person": ("person_key", "ref_year", "ref_number"),
    "site": ("site_key", "person_key", "ref_year", "ref_number"),
    "status": ("status_rank", "received_on", "ref_year", "ref_number"),
    "urgency": ("urgency_rank", "received_on", "ref_year", "ref_number"),
    "first_day": ("first_day", "ref_year", "ref_number"),
}

LIST_COLUMNS = ("r.id, r.reference, r.person, r.household_size, r.site, r.area_id, r.status, r.urgency, "
                "r.received_on, r.children, r.languages_summary, r.first_day, r.last_day, r.appointment_day, "
                "r.appointment_start, r.appointment_end, r.recurrence_slots")


@dataclass(frozen=True)
class RequestFilter:
    """What the list shows, in store terms (the service turns a RequestQuery into this)."""

    tokens: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()  # empty: all
    area_id: str | None = None
    urgency: str | None = None
    site_key: str | None = None
    children: bool | None = None
    sort: str = "received_on"
    descending: bool = True


def where_clause(flt: RequestFilter) -> tuple[str, dict]:
    clauses: list[str] = []
    params: dict = {}
    if flt.tokens:
        clauses.append("r.rowid IN (SELECT rowid FROM requests_fts WHERE requests_fts MATCH :match)")
        params["match"] = match_expression(flt.tokens)
    if flt.statuses:
        names = []
        for number, status in enumerate(flt.statuses):
            names.append(f":status{number}")
            params[f"status{number}"] = status
        clauses.append(f"r.status IN ({', '.join(names)})")
    if flt.area_id:
        clauses.append("r.area_id = :area")
        params["area"] = flt.area_id
    if flt.urgency:
        clauses.append("r.urgency = :urgency")
        params["urgency"] = flt.urgency
    if flt.site_key is not None:
        clauses.append("r.site_key = :site_key")
        params["site_key"] = flt.site_key
    if flt.children is not None:
        clauses.append("r.children = :children")
        params["children"] = int(flt.children)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def format_reference(year: int, number: int) -> str:
    return f"A-{year}-{number:04d}"


_INSERT_HISTORY = ("INSERT INTO request_status_history (id, created_at, request_id, position, status, changed_on, "
                   "reason) VALUES (?, ?, ?, ?, ?, ?, ?)")


def languages_summary(skills: Sequence[LanguageSkill]) -> str:
    return ", ".join(f"{skill.code} ({skill.level.value})" for skill in skills)


def search_text(req: SupportRequest, area_names: dict[str, tuple[str, str]], reference: str | None = None) -> str:
    """The folded text the FTS table indexes for one request."""
    german, english = _language_names()
    parts = [reference or req.reference or "", req.person, req.site, req.site_contact, req.postcode,
             req.description]
    for code in (*(skill.code for skill in req.languages), *req.person_languages):
        key = BABEL_KEYS.get(code, code)  # Dari: babel names it under fa_AF
        parts += [german.get(key, ""), english.get(key, ""), code]
    if req.area_id:
        parts += list(area_names.get(req.area_id, ()))
    words: dict[str, None] = {}
    for part in parts:
        if part:
            words.update(dict.fromkeys(_words(part)))
    return " ".join(words)


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _time(text: str | None) -> dt.time | None:
    return dt.time.fromisoformat(text) if text else None


def appointment_of(row) -> Appointment | None:
    if not row["appointment_day"]:
        return None
    return Appointment(_day(row["appointment_day"]), _time(row["appointment_start"]), _time(row["appointment_end"]))


def request_columns(req: SupportRequest, area_names: dict[str, tuple[str, str]], reference: str | None = None) -> dict:
    """The requests row of a request (without id, reference, timestamps and coordinates)."""
    appointment, recurrence, consent = req.appointment, req.recurrence, req.consent
    period = req.period()
    return {
        "person": req.person, "person_key": fold(req.person), "household_size": req.household_size,
        "person_languages": ",".join(req.person_languages), "site": req.site, "site_key": fold(req.site),
        "site_contact": req.site_contact, "area_id": req.area_id, "gender_preference": req.gender.value,
        "children": int(req.children), "postcode": req.postcode,
        "appointment_day": _iso(appointment.day) if appointment else None,
        "appointment_start": appointment.start.strftime("%H:%M") if appointment else None,
        "appointment_end": appointment.end.strftime("%H:%M") if appointment else None,
        "recurrence_slots": Availability.encode_slots(recurrence.slots) if recurrence else None,
        "recurrence_first_day": _iso(recurrence.first_day) if recurrence else None,
        "recurrence_last_day": _iso(recurrence.last_day) if recurrence else None,
        "first_day": _iso(period[0]) if period else None, "last_day": _iso(period[1]) if period else None,
        "urgency": req.urgency.value, "urgency_rank": URGENCY_RANK[req.urgency.value],
        "description": req.description,
        "consent_given_on": _iso(consent.given_on) if consent else None,
        "consent_agreed": consent.agreed if consent else None,
        "status": req.status.value, "status_rank": STATUS_RANK[req.status.value],
        "received_on": _iso(req.received_on),
        "languages_summary": languages_summary(req.languages),
        "search_text": search_text(req, area_names, reference),
    }


class RequestRepository:
    def __init__(self, store: Store):
        self._store = store

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._store.conn

    # -- the list ----------------------------------------------------------------------------------------------

    def count(self, flt: RequestFilter) -> int:
        where, params = where_clause(flt)
        return self._conn.execute(f"SELECT count(*) FROM requests r{where}", params).fetchone()[0]

    def page(self, flt: RequestFilter, offset: int, limit: int) -> list[tuple[sqlite3.Row, str]]:
        """The list's rows in the filter's order, each with the names of the volunteers assigned (open)."""
        where, params = where_clause(flt)
        direction = " DESC" if flt.descending else ""
        order = ", ".join(f"r.{column}{direction}" for column in ORDER[flt.sort])
        params |= {"limit": limit, "offset": offset}
        rows = self._store.query(f"SELECT {LIST_COLUMNS} FROM requests r{where} ORDER BY {order} "
                                 "LIMIT :limit OFFSET :offset", params)
        names = self._volunteer_names([row["id"] for row in rows])
        return [(row, names.get(row["id"], "")) for row in rows]

    def _volunteer_names(self, ids: Sequence[str]) -> dict[str, str]:
        """request id -> "Anna Berg, Ali Kaya": the volunteers with an open assignment, in the order assigned."""
        if not ids:
            return {}
        marks = ", ".join("?" for _ in ids)
        open_marks = ", ".join("?" for _ in OPEN_ASSIGNMENT)
        rows = self._conn.execute(
            f"SELECT request_id, group_concat(name, ', ') FROM ("
            f"SELECT a.request_id, v.first_name || ' ' || v.last_name AS name FROM assignments a "
            f"JOIN volunteers v ON v.id = a.volunteer_id "
            f"WHERE a.request_id IN ({marks}) AND a.status IN ({open_marks}) "
            f"ORDER BY a.request_id, a.proposed_on, a.rowid) GROUP BY request_id",
            (*ids, *OPEN_ASSIGNMENT)).fetchall()
        return dict(rows)

    def sites(self) -> list[str]:
        """Distinct sites (one spelling per folded name), in folded order."""
        return [row[0] for row in self._conn.execute(
            "SELECT min(site) FROM requests WHERE site_key != '' GROUP BY site_key ORDER BY site_key")]

    def status_counts(self) -> dict[str, int]:
        return dict(self._conn.execute("SELECT status, count(*) FROM requests GROUP BY status").fetchall())

    def unassigned(self) -> list[SupportRequest]:
        rows = self._store.query(
            "SELECT * FROM requests WHERE status IN ('new', 'matching') "
            "ORDER BY urgency_rank DESC, received_on, ref_year, ref_number")
        return self._requests(rows)

    def household_ids(self, person_key: str, site_key: str, exclude_id: str | None) -> list[str]:
        return [row[0] for row in self._conn.execute(
            "SELECT id FROM requests WHERE person_key = ? AND site_key = ? AND id IS NOT ? "
            "ORDER BY received_on, ref_year, ref_number", (person_key, site_key, exclude_id))]

    # -- one request -------------------------------------------------------------------------------------------

    def get(self, request_id: str) -> SupportRequest | None:
        found = self._requests(self._store.query("SELECT * FROM requests WHERE id = ?", (request_id,)))
        return found[0] if found else None

    def get_by_reference(self, reference: str) -> SupportRequest | None:
        found = self._requests(self._store.query("SELECT * FROM requests WHERE reference = ?", (reference,)))
        return found[0] if found else None

    def status_of(self, request_id: str) -> RequestStatus | None:
        row = self._conn.execute("SELECT status FROM requests WHERE id = ?", (request_id,)).fetchone()
        return RequestStatus(row[0]) if row else None

    def coordinates(self, request_id: str) -> tuple[float, float] | None:
        row = self._conn.execute("SELECT latitude, longitude FROM requests WHERE id = ?", (request_id,)).fetchone()
        return (row[0], row[1]) if row and row[0] is not None else None

    def _requests(self, rows: Sequence[sqlite3.Row]) -> list[SupportRequest]:
        """Whole requests for these rows: their languages and histories in one query each."""
        if not rows:
            return []
        ids = [row["id"] for row in rows]
        languages: dict[str, list[LanguageSkill]] = {rid: [] for rid in ids}
        history: dict[str, list[RequestStatusChange]] = {rid: [] for rid in ids}
        for chunk_start in range(0, len(ids), 500):
            chunk = ids[chunk_start:chunk_start + 500]
            marks = ", ".join("?" for _ in chunk)
            for rid, code, level in self._conn.execute(
                    f"SELECT request_id, code, level FROM request_languages WHERE request_id IN ({marks}) "
                    "ORDER BY request_id, position", chunk):
                languages[rid].append(LanguageSkill(code, Level(level)))
            for rid, status, on, reason in self._conn.execute(
                    f"SELECT request_id, status, changed_on, reason FROM request_status_history "
                    f"WHERE request_id IN ({marks}) ORDER BY request_id, position", chunk):
                history[rid].append(RequestStatusChange(RequestStatus(status), _day(on), reason))
        return [self._request(row, tuple(languages[row["id"]]), tuple(history[row["id"]])) for row in rows]

    @staticmethod
    def _request(row, languages: tuple[LanguageSkill, ...], history: tuple[RequestStatusChange, ...]) -> SupportRequest:
        recurrence = None
        if row["recurrence_slots"] is not None:
            recurrence = Recurrence(Availability.decode_slots(row["recurrence_slots"]),
                                    _day(row["recurrence_first_day"]), _day(row["recurrence_last_day"]))
        consent = None
        if row["consent_given_on"]:
            consent = RequestConsent(_day(row["consent_given_on"]), row["consent_agreed"] or "")
        return SupportRequest(
            person=row["person"], household_size=row["household_size"],
            person_languages=tuple(code for code in row["person_languages"].split(",") if code),
            site=row["site"], site_contact=row["site_contact"], area_id=row["area_id"], languages=languages,
            gender=GenderPreference(row["gender_preference"]), children=bool(row["children"]),
            postcode=row["postcode"], appointment=appointment_of(row), recurrence=recurrence,
            urgency=Urgency(row["urgency"]), description=row["description"], consent=consent,
            status=RequestStatus(row["status"]), received_on=_day(row["received_on"]), history=history,
            id=row["id"], reference=row["reference"], created_at=row["created_at"], updated_at=row["updated_at"])

    # -- writes ------------------------------------------------------------------------------------------------

    def create(self, req: SupportRequest, coordinates: tuple[float, float] | None, year: int) -> SupportRequest:
        """Insert a new request with its languages and history in one transaction; gives id and reference."""
        with self._store.db.atomic():
            saved = self.insert_many([(req, coordinates)], year)[0]
        return self.get(saved)

    def insert_many(self, items: Sequence[tuple[SupportRequest, tuple[float, float] | None]], year: int) -> list[str]:
        """Bulk insert (imports, demo data): references numbered in order; the caller holds the transaction."""
        area_names = stored_area_names(self._conn)
        number = next_number(self._conn, "requests", year)
        now = utc_now()
        main, languages, history, ids = [], [], [], []
        for req, coordinates in items:
            rid = new_id()
            ids.append(rid)
            reference = format_reference(year, number)
            number += 1
            row = request_columns(req, area_names, reference)
            row |= new_row_columns(rid, now, reference, year, number - 1, coordinates)
            main.append(row)
            languages += _language_rows(rid, req)
            history += history_rows(now, rid, enumerate(req.history))
        if not main:
            return []
        with indexed_insert(self._conn, "requests", main):
            self._insert_languages(languages)
            self._conn.executemany(_INSERT_HISTORY, history)
        return ids

    def update(self, req: SupportRequest, coordinates: tuple[float, float] | None, keep_coordinates: bool) -> None:
        """Replace the request's row, languages and new history entries (id, reference, created_at stay)."""
        rid = req.id
        with self._store.db.atomic():
            reference = self._conn.execute("SELECT reference FROM requests WHERE id = ?", (rid,)).fetchone()[0]
            row = request_columns(req, stored_area_names(self._conn), reference)
            row["updated_at"] = utc_now()
            if not keep_coordinates:
                row |= coordinate_columns(coordinates)
            assignments = ", ".join(f"{column} = :{column}" for column in row)
            self._conn.execute(f"UPDATE requests SET {assignments} WHERE id = :id", row | {"id": rid})
            self._conn.execute("DELETE FROM request_languages WHERE request_id = ?", (rid,))
            self._insert_languages(_language_rows(rid, req))
            stored = self._conn.execute("SELECT count(*) FROM request_status_history WHERE request_id = ?",
                                        (rid,)).fetchone()[0]
            self._insert_history(rid, list(enumerate(req.history))[stored:])

    def set_status(self, request_id: str, change: RequestStatusChange) -> None:
        """The new status and its history entry (the caller holds the transaction or gets one here)."""
        with self._store.db.atomic():
            self._conn.execute("UPDATE requests SET status = ?, status_rank = ?, updated_at = ? WHERE id = ?",
                               (change.status.value, STATUS_RANK[change.status.value], utc_now(), request_id))
            position = self._conn.execute("SELECT count(*) FROM request_status_history WHERE request_id = ?",
                                          (request_id,)).fetchone()[0]
            self._insert_history(request_id, [(position, change)])

    def reindex_area(self, area_id: str) -> None:
        """Rebuild the search text of the requests with this area (after a rename; the caller holds the
        transaction). AreaRepository.rename should call this beside VolunteerRepository.reindex_area."""
        area_names = stored_area_names(self._conn)
        found = self._requests(self._store.query("SELECT * FROM requests WHERE area_id = ?", (area_id,)))
        self._conn.executemany("UPDATE requests SET search_text = ? WHERE id = ?",
                               [(search_text(req, area_names), req.id) for req in found])

    def _insert_history(self, rid: str, changes: Sequence[tuple[int, RequestStatusChange]]) -> None:
        self._conn.executemany(_INSERT_HISTORY, history_rows(utc_now(), rid, changes))

    def _insert_languages(self, rows: list) -> None:
        self._conn.executemany(
            "INSERT INTO request_languages (request_id, code, level, rank, position) VALUES (?, ?, ?, ?, ?)", rows)


def _language_rows(rid: str, req: SupportRequest) -> list[tuple]:
    return [(rid, skill.code, skill.level.value, skill.level.rank, position)
            for position, skill in enumerate(req.languages)]
