"""Reading the audit trail (store/audit.py writes it): the entries of one record and of the rows that belong to it,
a filtered list of all entries, and labels that say which record an entry is about. Reads only: nothing here
changes or deletes an entry.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kommandesk.store.audit_schema import CHILDREN
from kommandesk.store.db import Store

ENTRY_COLUMNS = "id, at, os_user, coordinator, action, table_name, record_id, changes"
CHUNK = 500  # ids per IN (...): SQLite allows 999 parameters in older builds

# The rows that belong to a volunteer or a request (and are shown with it), by table: the column that names the
# owner, and the table of that owner. Rows of the owner's own children without an id are filed under the owner's
# id already (audit_schema.CHILDREN).
OWNED = {
    "volunteers": (("volunteer_status_history", "volunteer_id"), ("allowances", "volunteer_id"),
                   ("assignments", "volunteer_id"), ("course_registrations", "volunteer_id"),
                   ("certificates", "volunteer_id")),
    "requests": (("request_status_history", "request_id"), ("assignments", "request_id")),
    "assignments": (("assignment_status_history", "assignment_id"), ("assignment_hours", "assignment_id")),
}
# rows that can be deleted on their own: their delete entry (it holds the owner's id) finds them when they are gone
DELETABLE = {"allowances": "volunteer_id", "assignment_hours": "assignment_id"}

# table -> (id, reference, name) of the rows with these ids, for labels; a child without an id is labelled by its
# parent (LABEL_TABLE)
_NAME = "v.first_name || ' ' || v.last_name"
LABELS = {
    "volunteers": f"SELECT v.id, v.reference, {_NAME} FROM volunteers v WHERE v.id IN ({{}})",
    "requests": "SELECT id, reference, person FROM requests WHERE id IN ({})",
    "courses": "SELECT id, reference, title FROM courses WHERE id IN ({})",
    "assignments": f"SELECT a.id, r.reference, {_NAME} FROM assignments a JOIN requests r ON r.id = a.request_id "
                   f"LEFT JOIN volunteers v ON v.id = a.volunteer_id WHERE a.id IN ({{}})",
    "assignment_hours": f"SELECT h.id, r.reference, {_NAME} FROM assignment_hours h "
                        f"JOIN assignments a ON a.id = h.assignment_id JOIN requests r ON r.id = a.request_id "
                        f"LEFT JOIN volunteers v ON v.id = a.volunteer_id WHERE h.id IN ({{}})",
    "assignment_status_history": f"SELECT h.id, r.reference, {_NAME} FROM assignment_status_history h "
                                 f"JOIN assignments a ON a.id = h.assignment_id JOIN requests r ON r.id = a.request_id "
                                 f"LEFT JOIN volunteers v ON v.id = a.volunteer_id WHERE h.id IN ({{}})",
    "volunteer_status_history": f"SELECT h.id, v.reference, {_NAME} FROM volunteer_status_history h "
                                f"JOIN volunteers v ON v.id = h.volunteer_id WHERE h.id IN ({{}})",
    "request_status_history": "SELECT h.id, r.reference, r.person FROM request_status_history h "
                              "JOIN requests r ON r.id = h.request_id WHERE h.id IN ({})",
    "allowances": f"SELECT a.id, v.reference, {_NAME} FROM allowances a JOIN volunteers v ON v.id = a.volunteer_id "
                  f"WHERE a.id IN ({{}})",
    "course_registrations": f"SELECT g.id, c.reference, {_NAME} FROM course_registrations g "
                            f"JOIN courses c ON c.id = g.course_id LEFT JOIN volunteers v ON v.id = g.volunteer_id "
                            f"WHERE g.id IN ({{}})",
    "course_sessions": "SELECT s.id, c.reference, s.day || ' ' || s.start FROM course_sessions s "
                       "JOIN courses c ON c.id = s.course_id WHERE s.id IN ({})",
    "certificates": "SELECT id, number, person_name FROM certificates WHERE id IN ({})",
    "organisation": "SELECT id, '', name FROM organisation WHERE id IN ({})",
    "areas_of_help": "SELECT id, name_de, name_en FROM areas_of_help WHERE id IN ({})",
    "allowance_limits": "SELECT id, CAST(year AS TEXT), '' FROM allowance_limits WHERE id IN ({})",
}
LABEL_TABLE = {table: child.parent for table, child in CHILDREN.items() if not child.own_id}


@dataclass(frozen=True)
class AuditQuery:
    """The filtered list in store terms: ``since``/``until`` UTC ISO texts (from inclusive, to exclusive),
    ``tables`` (empty: all), ``user`` (an OS user or a coordinator's name, exactly), ``text`` (a piece of a
    value, a user, or a record's reference or name)."""

    since: str | None = None
    until: str | None = None
    tables: tuple[str, ...] = ()
    user: str = ""
    text: str = ""


def _marks(values: Sequence) -> str:
    return ", ".join("?" for _ in values)


def _chunks(values: Sequence[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), CHUNK):
        yield list(values[start:start + CHUNK])


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class AuditRepository:
    def __init__(self, store: Store):
        self._store = store

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._store.conn

    def _ids(self, sql: str, params: Sequence) -> list[str]:
        return [row[0] for row in self._conn.execute(sql, params)]

    # -- one record ------------------------------------------------------------------------------------------

    def record_ids(self, table: str, record_id: str) -> list[str]:
        """The ids whose entries belong to the record: its own, and those of the rows that belong to it (also
        rows deleted since, found through their delete entry), e.g. a volunteer's allowances and assignments with
        their hours, a request's assignments."""
        found = {record_id}
        deleted = self._deleted_rows()
        pending = [(table, [record_id])]
        while pending:
            owner, ids = pending.pop()
            for child, column in OWNED.get(owner, ()):
                children: list[str] = []
                for chunk in _chunks(ids):
                    children += self._ids(f'SELECT id FROM "{child}" WHERE "{column}" IN ({_marks(chunk)})', chunk)
                children += [row_id for owner_id in ids for row_id in deleted.get((child, owner_id), ())]
                new = [child_id for child_id in dict.fromkeys(children) if child_id not in found]
                found.update(new)
                if new and child in OWNED:
                    pending.append((child, new))
        return sorted(found)

    def _deleted_rows(self) -> dict[tuple[str, str], list[str]]:
        """(table, owner id) -> ids of the rows of DELETABLE tables deleted since (one pass over the entries: at
        100,000 entries about 10 ms; through the index of record ids it would be ten times that)."""
        owner = "CASE table_name " + " ".join(f"WHEN '{table}' THEN json_extract(changes, '$.{column}[0]')"
                                              for table, column in DELETABLE.items()) + " END"
        found: dict[tuple[str, str], list[str]] = {}
        for table, row_id, owner_id in self._conn.execute(
                f"SELECT table_name, record_id, {owner} FROM audit_log WHERE action = 'delete' "
                f"AND table_name IN ({_marks(list(DELETABLE))})", list(DELETABLE)):
            found.setdefault((table, owner_id), []).append(row_id)
        return found

    def entries_of(self, record_ids: Sequence[str]) -> list[sqlite3.Row]:
        """The entries of these records, newest first."""
        rows: list[sqlite3.Row] = []
        for chunk in _chunks(sorted(set(record_ids))):
            rows += self._store.query(f"SELECT rowid AS number, {ENTRY_COLUMNS} FROM audit_log "
                                      f"WHERE record_id IN ({_marks(chunk)})", chunk)
        return sorted(rows, key=lambda row: (row["at"], row["number"]), reverse=True)

    # -- all records -----------------------------------------------------------------------------------------

    def _where(self, query: AuditQuery) -> tuple[str, list]:
        clauses, params = [], []
        if query.since:
            clauses.append("at >= ?")
            params.append(query.since)
        if query.until:
            clauses.append("at < ?")
            params.append(query.until)
        if query.tables:
            clauses.append(f"table_name IN ({_marks(query.tables)})")
            params += list(query.tables)
        if query.user:
            clauses.append("(os_user = ? OR coordinator = ?)")
            params += [query.user, query.user]
        if query.text:
            like = _like(query.text)
            named = ("SELECT id FROM volunteers WHERE reference LIKE :t ESCAPE '\\' OR first_name || ' ' || last_name "
                     "LIKE :t ESCAPE '\\' UNION ALL SELECT id FROM requests WHERE reference LIKE :t ESCAPE '\\' "
                     "OR person LIKE :t ESCAPE '\\' UNION ALL SELECT id FROM courses WHERE reference LIKE :t "
                     "ESCAPE '\\' OR title LIKE :t ESCAPE '\\'").replace(":t", "?")
            clauses.append("(changes LIKE ? ESCAPE '\\' OR os_user LIKE ? ESCAPE '\\' OR coordinator LIKE ? "
                           f"ESCAPE '\\' OR record_id IN ({named}))")
            params += [like] * 9
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def count(self, query: AuditQuery) -> int:
        where, params = self._where(query)
        return self._conn.execute(f"SELECT count(*) FROM audit_log{where}", params).fetchone()[0]

    def search(self, query: AuditQuery, limit: int) -> list[sqlite3.Row]:
        """The newest ``limit`` entries the query finds, newest first."""
        where, params = self._where(query)
        return self._store.query(f"SELECT rowid AS number, {ENTRY_COLUMNS} FROM audit_log{where} "
                                 f"ORDER BY at DESC, rowid DESC LIMIT ?", [*params, limit])

    def users(self) -> list[tuple[str, str]]:
        """Every (OS user, coordinator) pair that made an entry."""
        return [(row[0], row[1]) for row in self._conn.execute(
            "SELECT DISTINCT os_user, coordinator FROM audit_log ORDER BY coordinator, os_user")]

    # -- which record ----------------------------------------------------------------------------------------

    def labels(self, refs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, str]]:
        """(table, id) -> (reference, name) of records that still exist (a child without an id of its own:
        its parent's; areas of help: (German name, English name))."""
        refs = set(refs)
        wanted: dict[str, set[str]] = {}
        for table, record_id in refs:
            wanted.setdefault(LABEL_TABLE.get(table, table), set()).add(record_id)
        found: dict[tuple[str, str], tuple[str, str]] = {}
        for table, ids in wanted.items():
            sql = LABELS.get(table)
            if sql is None:
                continue
            for chunk in _chunks(sorted(ids)):
                for record_id, reference, name in self._conn.execute(sql.format(_marks(chunk)), chunk):
                    found[(table, record_id)] = (reference or "", name or "")
        return {(table, record_id): found[key] for table, record_id in refs
                if (key := (LABEL_TABLE.get(table, table), record_id)) in found}
