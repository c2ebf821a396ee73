"""The certificate register in the database: every certificate issued with what it printed (its content as JSON),
the logos printed on them (each kept once, under the hash of its bytes), and the hours logged for a volunteer that
a service record and the Ehrenamtskarte confirmation print.

Numbers are gapless per prefix and year over the certificates *registered*: ``next_serial`` is the highest serial
so far plus one, and a certificate is registered only after its file was written. Writes hold no transaction of
their own: the service wraps each use case in one (``store.db.atomic()``).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Collection, Sequence

from kommandesk.domain.search_text import fold, tokens
from kommandesk.store.clock import new_id, utc_now
from kommandesk.store.db import Store

# everything but the content (JSON, a few kB each): what the register's list shows
ROW_COLUMNS = ("id, created_at, number, prefix, year, serial, check_code, kind, volunteer_id, course_id, person_name, "
               "person_key, title, issued_on, language, sha256, logo_sha256, override_reason, revoked_on, "
               "revoke_reason")
INSERT_COLUMNS = ("number", "prefix", "year", "serial", "check_code", "kind", "volunteer_id", "course_id",
                  "person_name", "person_key", "title", "issued_on", "language", "sha256", "content", "logo_sha256",
                  "override_reason")


def _words(row) -> list[str]:
    """The folded words a search looks at: the person (with German spellings of umlauts), the title, the number."""
    return [*row["person_key"].split(), *tokens(row["title"]), *tokens(row["number"]), fold(row["number"])]


def _matches(wanted: Sequence[str], row) -> bool:
    found = _words(row)
    return all(any(word.startswith(token) for word in found) for token in wanted)


class CertificateRepository:
    def __init__(self, store: Store):
        self._store = store

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._store.conn

    # -- numbers -----------------------------------------------------------------------------------------------

    def next_serial(self, prefix: str, year: int) -> int:
        return self._conn.execute("SELECT coalesce(max(serial), 0) + 1 FROM certificates WHERE prefix = ? AND year = ?",
                                  (prefix, year)).fetchone()[0]

    # -- the register ------------------------------------------------------------------------------------------

    def insert(self, row: dict, logo: bytes | None, pdf: bytes) -> str:
        """One register entry (the columns of INSERT_COLUMNS) with its PDF; the logo is stored once under
        ``logo_sha256``."""
        if logo is not None:
            self._conn.execute("INSERT OR IGNORE INTO certificate_logos (sha256, created_at, data) VALUES (?, ?, ?)",
                               (row["logo_sha256"], utc_now(), logo))
        now, certificate_id = utc_now(), new_id()
        values = {column: row.get(column) for column in INSERT_COLUMNS}
        values["override_reason"] = values["override_reason"] or ""
        values |= {"id": certificate_id, "created_at": now, "updated_at": now}
        columns = list(values)
        self._conn.execute(f"INSERT INTO certificates ({', '.join(columns)}) "
                           f"VALUES ({', '.join(':' + c for c in columns)})", values)
        self._conn.execute("INSERT INTO certificate_files (certificate_id, pdf) VALUES (?, ?)", (certificate_id, pdf))
        return certificate_id

    def pdf(self, number: str) -> bytes | None:
        """The PDF as it was issued."""
        row = self._conn.execute("SELECT f.pdf FROM certificate_files f JOIN certificates c ON c.id = f.certificate_id "
                                 "WHERE c.number = ?", (number,)).fetchone()
        return bytes(row[0]) if row else None

    def get_by_number(self, number: str):
        rows = self._store.query(f"SELECT {ROW_COLUMNS}, content FROM certificates WHERE number = ?", (number,))
        return rows[0] if rows else None

    def rows(self, search_key_tokens: Sequence[str] = (), kinds: Collection[str] = (), include_revoked: bool = True,
             course_id: str | None = None, volunteer_id: str | None = None, limit: int | None = None) -> list:
        """Register entries without their content, the newest first; ``search_key_tokens`` (folded) each the
        prefix of a word of the person's name, the title or the number."""
        clauses, params = [], []
        if kinds:
            clauses.append(f"kind IN ({', '.join('?' for _ in kinds)})")
            params += sorted(kinds)
        if not include_revoked:
            clauses.append("revoked_on IS NULL")
        if course_id is not None:
            clauses.append("course_id = ?")
            params.append(course_id)
        if volunteer_id is not None:
            clauses.append("volunteer_id = ?")
            params.append(volunteer_id)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        found = self._store.query(f"SELECT {ROW_COLUMNS} FROM certificates{where} "
                                  "ORDER BY issued_on DESC, year DESC, serial DESC, created_at DESC", params)
        if search_key_tokens:
            found = [row for row in found if _matches(search_key_tokens, row)]
        return found[:limit] if limit is not None else found

    def issued_for_course(self, course_id: str) -> dict:
        """Volunteer id -> the latest certificate of attendance for the course that is not revoked."""
        found: dict = {}
        for row in self._store.query(
                f"SELECT {ROW_COLUMNS} FROM certificates WHERE course_id = ? AND kind = 'attendance' "
                "AND revoked_on IS NULL AND volunteer_id IS NOT NULL ORDER BY year, serial", (course_id,)):
            found[row["volunteer_id"]] = row
        return found

    def revoke(self, number: str, on: dt.date, reason: str) -> bool:
        """Mark the certificate revoked (once); False when it is unknown or revoked already."""
        return self._conn.execute(
            "UPDATE certificates SET revoked_on = ?, revoke_reason = ?, updated_at = ? "
            "WHERE number = ? AND revoked_on IS NULL", (on.isoformat(), reason, utc_now(), number)).rowcount > 0

    def logo(self, sha256: str | None) -> bytes | None:
        if not sha256:
            return None
        row = self._conn.execute("SELECT data FROM certificate_logos WHERE sha256 = ?", (sha256,)).fetchone()
        return bytes(row[0]) if row else None

    # -- hours logged (service record, Ehrenamtskarte) ---------------------------------------------------------

    def minutes_by_day(self, volunteer_id: str, until: dt.date) -> dict[dt.date, int]:
        """Day -> minutes logged that day for any of the volunteer's assignments, up to ``until`` (included)."""
        return {dt.date.fromisoformat(day): minutes for day, minutes in self._conn.execute(
            "SELECT h.day, sum(h.minutes) FROM assignment_hours h JOIN assignments a ON a.id = h.assignment_id "
            "WHERE a.volunteer_id = ? AND h.day <= ? GROUP BY h.day ORDER BY h.day",
            (volunteer_id, until.isoformat()))}

    def most_hours_volunteer(self) -> str | None:
        """The id of the volunteer with the most minutes logged (the demo's service record), None without hours."""
        row = self._conn.execute(
            "SELECT a.volunteer_id FROM assignment_hours h JOIN assignments a ON a.id = h.assignment_id "
            "GROUP BY a.volunteer_id ORDER BY sum(h.minutes) DESC, a.volunteer_id LIMIT 1").fetchone()
        return row[0] if row else None

    def activities(self, volunteer_id: str, first: dt.date, last: dt.date) -> list:
        """Hours logged from ``first`` to ``last`` (both included) by the area of help of the assignment's request:
        rows (area_id, name_de, name_en, minutes, assignments); area_id and the names are NULL for requests
        without an area."""
        return self._store.query(
            "SELECT r.area_id AS area_id, ar.name_de AS name_de, ar.name_en AS name_en, "
            "sum(h.minutes) AS minutes, count(DISTINCT a.id) AS assignments "
            "FROM assignment_hours h JOIN assignments a ON a.id = h.assignment_id "
            "JOIN requests r ON r.id = a.request_id LEFT JOIN areas_of_help ar ON ar.id = r.area_id "
            "WHERE a.volunteer_id = ? AND h.day BETWEEN ? AND ? "
            "GROUP BY r.area_id ORDER BY minutes DESC", (volunteer_id, first.isoformat(), last.isoformat()))
