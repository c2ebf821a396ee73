"""Volunteers in the database: the list (page by page over an index), full profiles, writes in one transaction.

Search goes through the FTS5 table ``volunteers_fts`` over ``search_text`` (folded name, email, phone, town,
postcode, notes, reference, language and area names in German and English); every query word is a prefix,
all words must match. The clearance state is computed in SQL from the issue date and the policy, as ranges
on ``clearance_issued_on`` (indexed), so that it matches ``Clearance.state`` day for day.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from kommandesk.domain.availability import Absence, Availability, Period
from kommandesk.domain.clearance import Clearance, ClearanceResult, add_months
from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.domain.search_text import fold, searchable
from kommandesk.domain.volunteers import (
    Consent, ConsentPurpose, Gender, Mobility, Status, StatusChange, Volunteer,
)
from kommandesk.i18n.language_codes import BABEL_KEYS
from kommandesk.store.bulk_insert import (coordinate_columns, history_rows, indexed_insert, new_row_columns,
                                         next_number, stored_area_names)
from kommandesk.store.clock import new_id, utc_now
from kommandesk.store.db import Store

STATUS_RANK = {status.value: rank for rank, status in enumerate(Status)}  # the lifecycle order

# sort key -> ORDER BY columns (each has its index, made by migration m002); id last: paging is stable
ORDER: dict[str, tuple[str, ...]] = {
    "reference": ("ref_year", "ref_number", "id"),
    "last_name": ("last_key", "first_key", "id"),
    "first_name": ("first_key", "last_key", "id"),
    "town": ("town_key", "last_key", "first_key", "id"),
    "postcode": ("postcode", "last_key", "first_key", "id"),
    "status": ("status_rank", "last_key", "first_key", "id"),
    "clearance": ("clearance_group", "clearance_issued_on", "last_key", "first_key", "id"),
    "registered_on": ("registered_on", "last_key", "first_key", "id"),
    "languages": ("languages_summary", "last_key", "first_key", "id"),
    "email": ("email", "id"),
    "phone": ("phone", "id"),
}

# clearance_group: 0 nothing (complete) recorded, 1 inspected with a relevant entry, 2 inspected and clear.
# Within group 2 the issue date orders expired < expiring < valid, so (group, issued_on) sorts by state, then expiry.
NO_CLEARANCE, RELEVANT_ENTRY, CLEARED = 0, 1, 2

LIST_COLUMNS = ("id, reference, first_name, last_name, email, phone, postcode, town, status, registered_on, "
                "languages_summary")
STATE_SQL = ("CASE WHEN clearance_group = 0 THEN 'none' WHEN clearance_group = 1 THEN 'relevant_entry' "
              "WHEN clearance_issued_on <= :expired_until THEN 'expired' "
              "WHEN clearance_issued_on <= :expiring_until THEN 'expiring' ELSE 'valid' END")


@dataclass(frozen=True)
class ListFilter:
    """What the list shows, in store terms (the service turns a VolunteerQuery into this)."""

    tokens: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()  # empty: everything but archived
    language: str | None = None
    min_rank: int | None = None
    area_id: str | None = None
    clearance: str | None = None  # a ClearanceState value
    weekday: int | None = None
    period: str | None = None
    sort: str = "last_name"
    descending: bool = False
    today: dt.date = dt.date(2000, 1, 1)
    validity_years: int = 5
    warning_days: int = 60


def latest_issue_date(limit: dt.date, years: int) -> dt.date:
    """The last issue date whose certificate has expired by ``limit`` (expiry = issue + years, as the domain)."""
    months = 12 * years
    candidate = add_months(limit, -months)
    while add_months(candidate + dt.timedelta(days=1), months) <= limit:
        candidate += dt.timedelta(days=1)
    while add_months(candidate, months) > limit:
        candidate -= dt.timedelta(days=1)
    return candidate


def match_expression(tokens: Sequence[str]) -> str:
    """An FTS5 query: every token a quoted prefix, all required. Quoting keeps AND, NOT, *, ", ( as words."""
    return " ".join('"' + token.replace('"', '""') + '"*' for token in tokens)


def fts_match(store: Store, expression: str) -> list[int]:
    """Raw FTS5 lookup (benchmarks compare the list query with it)."""
    return [row[0] for row in store.conn.execute(
        "SELECT rowid FROM volunteers_fts WHERE volunteers_fts MATCH ?", (expression,))]


BROAD = 2000  # rows; a list this long is read by walking its sort index, not by fetching every match and sorting


def _search_only(flt: ListFilter) -> bool:
    return bool(flt.tokens) and not (flt.language or flt.area_id or flt.clearance or flt.weekday is not None
                                     or flt.period is not None)


def where_clause(flt: ListFilter, walk: bool = False) -> tuple[str, dict]:
    """The WHERE clause and its parameters.

    ``walk``: the rows are read in the order of an index and each filter is only tested (a ``+`` before a
    column keeps SQLite from looking rows up through it). The rowid, the id and the status are in every sort
    index, so a search, a language or an area is answered from the index without reading the row, and the
    first 100 are found quickly when many rows match. When few match, looking them up and sorting them is
    faster (``walk=False``). At 50,000 rows a one-letter search takes about 15 ms instead of 45.
    """
    plus = "+" if walk else ""
    clauses: list[str] = []
    params: dict = {
        "expired_until": latest_issue_date(flt.today, flt.validity_years).isoformat(),
        "expiring_until": latest_issue_date(flt.today + dt.timedelta(days=flt.warning_days),
                                            flt.validity_years).isoformat(),
    }
    if flt.tokens:
        clauses.append(f"{plus}v.rowid IN (SELECT rowid FROM volunteers_fts WHERE volunteers_fts MATCH :match)")
        params["match"] = match_expression(flt.tokens)
    if flt.statuses:
        names = []
        for number, status in enumerate(flt.statuses):
            names.append(f":status{number}")
            params[f"status{number}"] = status
        clauses.append(f"{plus}v.status IN ({', '.join(names)})")
    else:
        clauses.append(f"{plus}v.status != 'archived'")
    if flt.language:
        clauses.append(f"{plus}v.id IN (SELECT l.volunteer_id FROM volunteer_languages l "
                       "WHERE l.code = :language AND l.rank >= :min_rank)")
        params["language"] = flt.language
        params["min_rank"] = flt.min_rank or 0
    if flt.area_id:
        clauses.append(f"{plus}v.id IN (SELECT a.volunteer_id FROM volunteer_areas a WHERE a.area_id = :area)")
        params["area"] = flt.area_id
    if flt.clearance:
        clauses.append({
            "none": f"{plus}v.clearance_group = 0",
            "relevant_entry": f"{plus}v.clearance_group = 1",
            "expired": f"{plus}v.clearance_group = 2 AND {plus}v.clearance_issued_on <= :expired_until",
            "expiring": f"{plus}v.clearance_group = 2 AND {plus}v.clearance_issued_on > :expired_until "
                        f"AND {plus}v.clearance_issued_on <= :expiring_until",
            "valid": f"{plus}v.clearance_group = 2 AND {plus}v.clearance_issued_on > :expiring_until",
        }[flt.clearance])
    if flt.weekday is not None or flt.period is not None:
        days = [flt.weekday] if flt.weekday is not None else list(range(7))
        periods = [flt.period] if flt.period is not None else [p.value for p in Period]
        tests = []
        for number, slot in enumerate(f",{day}:{period}," for day in days for period in periods):
            tests.append(f"instr(',' || v.availability_slots || ',', :slot{number}) > 0")
            params[f"slot{number}"] = slot
        clauses.append(f"(v.by_arrangement = 1 OR {' OR '.join(tests)})")
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


@cache
def _language_names() -> tuple[dict[str, str], dict[str, str]]:
    from babel import Locale

    return dict(Locale("de").languages), dict(Locale("en").languages)


def _phone_forms(phone: str) -> list[str]:
    """'+49 151 2345678' is found as '01512345678' and '4915123...' too."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if not digits:
        return []
    forms = [digits]
    if phone.strip().startswith("+49"):
        forms.append("0" + digits[2:])
    elif digits.startswith("0049"):
        forms.append("0" + digits[4:])
    return forms


def search_text(vol: Volunteer, area_names: dict[str, tuple[str, str]], reference: str | None = None) -> str:
    """The folded text the FTS table indexes for one profile."""
    german, english = _language_names()
    parts = [reference or vol.reference or "", vol.first_name, vol.last_name, vol.email, vol.phone, *_phone_forms(vol.phone),
             vol.postcode, vol.town, vol.notes]
    for skill in vol.languages:
        key = BABEL_KEYS.get(skill.code, skill.code)  # Dari: babel names it under fa_AF
        parts += [german.get(key, ""), english.get(key, ""), skill.code]
    for area_id in vol.areas:
        parts += list(area_names.get(area_id, ()))
    words: dict[str, None] = {}  # each word once: the index is as good, the row and the index smaller
    for part in parts:
        if part:
            words.update(dict.fromkeys(_words(part)))
    return " ".join(words)


@lru_cache(maxsize=8192)
def _words(part: str) -> tuple[str, ...]:
    """The searchable words of one part (names, towns, languages and areas repeat: a bulk insert folds each once)."""
    return tuple(searchable(part).split())


def languages_summary(skills: Iterable[LanguageSkill]) -> str:
    return ", ".join(f"{skill.code} ({skill.level.value})" for skill in skills)


def clearance_group(clearance: Clearance) -> int:
    if clearance.issued_on is None or clearance.inspected_on is None or clearance.result is None:
        return NO_CLEARANCE
    return RELEVANT_ENTRY if clearance.result is ClearanceResult.RELEVANT_ENTRY else CLEARED


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def format_reference(year: int, number: int) -> str:
    return f"V-{year}-{number:04d}"


_INSERT_HISTORY = ("INSERT INTO volunteer_status_history (id, created_at, volunteer_id, position, status, "
                   "changed_on, reason) VALUES (?, ?, ?, ?, ?, ?, ?)")


def volunteer_columns(vol: Volunteer, area_names: dict[str, tuple[str, str]], reference: str | None = None) -> dict:
    """The volunteers row of a profile (without id, reference, timestamps and coordinates)."""
    clearance, consent = vol.clearance, vol.consent
    return {
        "first_name": vol.first_name, "last_name": vol.last_name,
        "first_key": fold(vol.first_name), "last_key": fold(vol.last_name),
        "birth_date": _iso(vol.birth_date), "gender": vol.gender.value,
        "email": vol.email, "phone": vol.phone, "street": vol.street, "postcode": vol.postcode,
        "town": vol.town, "town_key": fold(vol.town),
        "travel_radius_km": vol.travel_radius_km,
        "mobility": ",".join(sorted(m.value for m in vol.mobility)),
        "status": vol.status.value, "status_rank": STATUS_RANK[vol.status.value], "notes": vol.notes,
        "registered_on": _iso(vol.registered_on),
        "availability_slots": Availability.encode_slots(vol.availability.slots),
        "by_arrangement": int(vol.availability.by_arrangement), "max_assignments": vol.max_assignments,
        "clearance_issued_on": _iso(clearance.issued_on), "clearance_inspected_on": _iso(clearance.inspected_on),
        "clearance_inspected_by": clearance.inspected_by,
        "clearance_result": clearance.result.value if clearance.result else None,
        "clearance_self_commitment_on": _iso(clearance.self_commitment_on),
        "clearance_group": clearance_group(clearance),
        "consent_given_on": _iso(consent.given_on) if consent else None,
        "consent_purposes": ",".join(sorted(p.value for p in consent.purposes)) if consent else None,
        "consent_text_version": consent.text_version if consent else None,
        "languages_summary": languages_summary(vol.languages),
        "search_text": search_text(vol, area_names, reference),
    }


class VolunteerRepository:
    def __init__(self, store: Store):
        self._store = store
        self._last_count: tuple[ListFilter, tuple[int, int], int] | None = None

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._store.conn

    # -- the list ----------------------------------------------------------------------------------------------

    def count(self, flt: ListFilter) -> int:
        """How many rows the filter shows (the last answer is kept until the database changes: the list asks
        for the count and then for a page, and the page's plan depends on the count)."""
        version = (self._conn.total_changes, self._conn.execute("PRAGMA data_version").fetchone()[0])
        if self._last_count is not None and self._last_count[:2] == (flt, version):
            return self._last_count[2]
        walk = _search_only(flt) and self._fts_count(flt.tokens) >= BROAD
        where, params = where_clause(flt, walk=walk)
        hint = " INDEXED BY idx_volunteers_status" if walk else ""  # rowid and status: all a broad search needs
        count = self._conn.execute(f"SELECT count(*) FROM volunteers v{hint}{where}", params).fetchone()[0]
        self._last_count = (flt, version, count)
        return count

    def _fts_count(self, tokens: Sequence[str]) -> int:
        return self._conn.execute("SELECT count(*) FROM volunteers_fts WHERE volunteers_fts MATCH ?",
                                  (match_expression(tokens),)).fetchone()[0]

    def page(self, flt: ListFilter, offset: int, limit: int) -> list[sqlite3.Row]:
        """Rows with the list's columns and ``clearance_state``, in the filter's order."""
        filtered = flt.tokens or flt.language or flt.area_id or flt.clearance
        where, params = where_clause(flt, walk=not filtered or self.count(flt) >= BROAD)
        direction = " DESC" if flt.descending else ""
        order = ", ".join(f"v.{column}{direction}" for column in ORDER[flt.sort])
        params |= {"limit": limit, "offset": offset}
        return self._store.query(
            f"SELECT {LIST_COLUMNS}, {STATE_SQL} AS clearance_state FROM volunteers v{where} "
            f"ORDER BY {order} LIMIT :limit OFFSET :offset", params)

    def rows_by_ids(self, ids: Sequence[str], flt: ListFilter) -> list[sqlite3.Row]:
        if not ids:
            return []
        _where_sql, params = where_clause(ListFilter(today=flt.today, validity_years=flt.validity_years,
                                               warning_days=flt.warning_days))
        names = []
        for number, volunteer_id in enumerate(ids):
            names.append(f":id{number}")
            params[f"id{number}"] = volunteer_id
        return self._store.query(
            f"SELECT {LIST_COLUMNS}, {STATE_SQL} AS clearance_state FROM volunteers "
            f"WHERE id IN ({', '.join(names)}) ORDER BY last_key, first_key, id", params)

    def status_counts(self) -> dict[str, int]:
        return dict(self._conn.execute("SELECT status, count(*) FROM volunteers GROUP BY status").fetchall())

    def duplicate_ids(self, by_name: tuple[str, str, str] | None, email: str | None,
                      exclude_id: str | None) -> list[str]:
        clauses, params = [], []
        if by_name:
            clauses.append("(first_key = ? AND last_key = ? AND birth_date = ?)")
            params += list(by_name)
        if email:
            clauses.append("email = ?")
            params.append(email.lower())
        if not clauses:
            return []
        rows = self._conn.execute(f"SELECT id FROM volunteers WHERE ({' OR '.join(clauses)}) AND id IS NOT ?",
                                  (*params, exclude_id)).fetchall()
        return [row[0] for row in rows]

    def policy_values(self) -> tuple[int, int] | None:
        """(validity years, warning days) of the organisation, without reading its logo."""
        row = self._conn.execute("SELECT clearance_validity_years, clearance_warning_days FROM organisation "
                                 "ORDER BY created_at LIMIT 1").fetchone()
        return (row[0], row[1]) if row else None

    # -- one profile -------------------------------------------------------------------------------------------

    def get(self, volunteer_id: str) -> Volunteer | None:
        rows = self._store.query("SELECT * FROM volunteers WHERE id = ?", (volunteer_id,))
        return self._volunteer(rows[0]) if rows else None

    def get_by_reference(self, reference: str) -> Volunteer | None:
        rows = self._store.query("SELECT * FROM volunteers WHERE reference = ?", (reference,))
        return self._volunteer(rows[0]) if rows else None

    def status_of(self, volunteer_id: str) -> Status | None:
        row = self._conn.execute("SELECT status FROM volunteers WHERE id = ?", (volunteer_id,)).fetchone()
        return Status(row[0]) if row else None

    def coordinates(self, volunteer_id: str) -> tuple[float, float] | None:
        row = self._conn.execute("SELECT latitude, longitude FROM volunteers WHERE id = ?",
                                 (volunteer_id,)).fetchone()
        return (row[0], row[1]) if row and row[0] is not None else None

    def _volunteer(self, row: sqlite3.Row) -> Volunteer:
        vid = row["id"]
        languages = tuple(LanguageSkill(code, Level(level)) for code, level in self._conn.execute(
            "SELECT code, level FROM volunteer_languages WHERE volunteer_id = ? ORDER BY position", (vid,)))
        areas = tuple(r[0] for r in self._conn.execute(
            "SELECT area_id FROM volunteer_areas WHERE volunteer_id = ? ORDER BY position", (vid,)))
        absences = tuple(Absence(_day(first), _day(last), note) for first, last, note in self._conn.execute(
            "SELECT first_day, last_day, note FROM volunteer_absences WHERE volunteer_id = ? ORDER BY rowid",
            (vid,)))
        history = tuple(StatusChange(Status(status), _day(on), reason) for status, on, reason in self._conn.execute(
            "SELECT status, changed_on, reason FROM volunteer_status_history WHERE volunteer_id = ? "
            "ORDER BY position", (vid,)))
        consent = None
        if row["consent_given_on"]:
            consent = Consent(given_on=_day(row["consent_given_on"]),
                              purposes=frozenset(ConsentPurpose(p) for p in row["consent_purposes"].split(",") if p),
                              text_version=row["consent_text_version"] or "")
        result = row["clearance_result"]
        return Volunteer(
            first_name=row["first_name"], last_name=row["last_name"], birth_date=_day(row["birth_date"]),
            gender=Gender(row["gender"]), email=row["email"], phone=row["phone"], street=row["street"],
            postcode=row["postcode"], town=row["town"], status=Status(row["status"]), notes=row["notes"],
            registered_on=_day(row["registered_on"]), languages=languages, areas=areas,
            availability=Availability(Availability.decode_slots(row["availability_slots"]),
                                      bool(row["by_arrangement"]), absences),
            max_assignments=row["max_assignments"], travel_radius_km=row["travel_radius_km"],
            mobility=frozenset(Mobility(m) for m in row["mobility"].split(",") if m),
            clearance=Clearance(issued_on=_day(row["clearance_issued_on"]),
                                inspected_on=_day(row["clearance_inspected_on"]),
                                inspected_by=row["clearance_inspected_by"],
                                result=ClearanceResult(result) if result else None,
                                self_commitment_on=_day(row["clearance_self_commitment_on"])),
            consent=consent, history=history, id=vid, reference=row["reference"],
            created_at=row["created_at"], updated_at=row["updated_at"],
        )

    # -- writes ------------------------------------------------------------------------------------------------

    def create(self, vol: Volunteer, coordinates: tuple[float, float] | None, year: int) -> Volunteer:
        """Insert a new profile with its children in one transaction; gives id, reference and timestamps."""
        with self._store.db.atomic():
            saved = self.insert_many([(vol, coordinates)], year)[0]
        return self.get(saved)

    def insert_many(self, items: Sequence[tuple[Volunteer, tuple[float, float] | None]], year: int) -> list[str]:
        """Bulk insert (demo data, imports): one executemany per table; the caller holds the transaction."""
        area_names = stored_area_names(self._conn)
        number = next_number(self._conn, "volunteers", year)
        now = utc_now()
        main, languages, areas, absences, history = [], [], [], [], []
        ids = []
        for vol, coordinates in items:
            vid = new_id()
            ids.append(vid)
            reference = format_reference(year, number)
            row = volunteer_columns(vol, area_names, reference)
            row |= new_row_columns(vid, now, reference, year, number, coordinates)
            main.append(row)
            number += 1
            self._children(vid, vol, languages, areas, absences)
            history += history_rows(now, vid, enumerate(vol.history))
        if not main:
            return []
        with indexed_insert(self._conn, "volunteers", main):
            self._insert_children(languages, areas, absences)
            self._conn.executemany(_INSERT_HISTORY, history)
        return ids

    def update(self, vol: Volunteer, coordinates: tuple[float, float] | None, keep_coordinates: bool) -> Volunteer:
        """Replace the profile's row and children in one transaction; id, reference, created_at stay."""
        vid = vol.id
        with self._store.db.atomic():
            row = volunteer_columns(vol, stored_area_names(self._conn))
            row["updated_at"] = utc_now()
            if not keep_coordinates:
                row |= coordinate_columns(coordinates)
            assignments = ", ".join(f"{column} = :{column}" for column in row)
            self._conn.execute(f"UPDATE volunteers SET {assignments} WHERE id = :id", row | {"id": vid})
            for table in ("volunteer_languages", "volunteer_areas", "volunteer_absences"):
                self._conn.execute(f"DELETE FROM {table} WHERE volunteer_id = ?", (vid,))
            languages, areas, absences = [], [], []
            self._children(vid, vol, languages, areas, absences)
            self._insert_children(languages, areas, absences)
            self._append_history(vid, vol.history)
        return self.get(vid)

    def set_status(self, volunteer_id: str, status: Status, change: StatusChange) -> Volunteer:
        with self._store.db.atomic():
            self._conn.execute("UPDATE volunteers SET status = ?, status_rank = ?, updated_at = ? WHERE id = ?",
                               (status.value, STATUS_RANK[status.value], utc_now(), volunteer_id))
            position = self._conn.execute(
                "SELECT count(*) FROM volunteer_status_history WHERE volunteer_id = ?", (volunteer_id,)).fetchone()[0]
            self._insert_history(volunteer_id, [(position, change)])
        return self.get(volunteer_id)

    def reindex_area(self, area_id: str) -> None:
        """Rebuild the search text of everyone with this area (after a rename; the caller holds the transaction)."""
        area_names = stored_area_names(self._conn)
        ids = [row[0] for row in self._conn.execute(
            "SELECT volunteer_id FROM volunteer_areas WHERE area_id = ?", (area_id,))]
        for vid in ids:
            vol = self.get(vid)
            self._conn.execute("UPDATE volunteers SET search_text = ? WHERE id = ?",
                               (search_text(vol, area_names), vid))

    def _append_history(self, vid: str, history: Sequence[StatusChange]) -> None:
        stored = self._conn.execute("SELECT count(*) FROM volunteer_status_history WHERE volunteer_id = ?",
                                    (vid,)).fetchone()[0]
        self._insert_history(vid, list(enumerate(history))[stored:])

    def _insert_history(self, vid: str, changes: Sequence[tuple[int, StatusChange]]) -> None:
        self._conn.executemany(_INSERT_HISTORY, history_rows(utc_now(), vid, changes))

    @staticmethod
    def _children(vid: str, vol: Volunteer, languages: list, areas: list, absences: list) -> None:
        languages += [(vid, skill.code, skill.level.value, skill.level.rank, position)
                      for position, skill in enumerate(vol.languages)]
        areas += [(vid, area_id, position) for position, area_id in enumerate(dict.fromkeys(vol.areas))]
        absences += [(new_id(), vid, a.first_day.isoformat(), a.last_day.isoformat(), a.note)
                     for a in vol.availability.absences]

    def _insert_children(self, languages: list, areas: list, absences: list) -> None:
        self._conn.executemany(
            "INSERT INTO volunteer_languages (volunteer_id, code, level, rank, position) VALUES (?, ?, ?, ?, ?)",
            languages)
        self._conn.executemany("INSERT INTO volunteer_areas (volunteer_id, area_id, position) VALUES (?, ?, ?)", areas)
        self._conn.executemany(
            "INSERT INTO volunteer_absences (id, volunteer_id, first_day, last_day, note) VALUES (?, ?, ?, ?, ?)",
            absences)

