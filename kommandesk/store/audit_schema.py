"""The SQL of the audit trail's TEMP triggers (store/audit.py says what they write and why).

The triggers are made from the tables as they are (``PRAGMA table_info``): a column or a table that a later
migration adds is audited without anyone listing it here. What is listed here is what is left out, the rows
recorded under their parent's id, and the rows that are part of their parent's creation.
"""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

NOT_AUDITED = ("audit_log",)
# timestamps, what is derived from other columns, and what the record is told by (its id is the entry's record_id)
EXCLUDED = frozenset({"id", "created_at", "updated_at", "recorded_at", "search_text", "languages_summary", "rank",
                      "position", "clearance_group", "ref_year", "ref_number", "latitude", "longitude", "content",
                      "sha256", "logo_sha256", "registered_at"})
EXCLUDED_SUFFIXES = ("_key", "_rank")
EXCLUDED_IN = {"requests": frozenset({"first_day", "last_day"})}  # the period, from the appointment or recurrence


class Child(NamedTuple):
    """Rows that are part of a row of ``parent`` (through ``parent_column``): their entries always have values.

    ``keys``: for a row without an identity of its own (``own_id`` False), the columns that tell it from its
    siblings; it is recorded under the parent's id and its keys are in every entry. ``rewritten``: a save
    replaces these rows (deletes and inserts them again)."""

    parent: str
    parent_column: str
    keys: tuple[str, ...] = ()
    rewritten: bool = False
    own_id: bool = False


CHILDREN = {
    "volunteer_languages": Child("volunteers", "volunteer_id", ("code",), rewritten=True),
    "volunteer_areas": Child("volunteers", "volunteer_id", ("area_id",), rewritten=True),
    # an absence's id is made anew at each save: it is told by its days and note
    "volunteer_absences": Child("volunteers", "volunteer_id", ("first_day", "last_day", "note"), rewritten=True),
    "volunteer_status_history": Child("volunteers", "volunteer_id", own_id=True),
    "request_languages": Child("requests", "request_id", ("code",), rewritten=True),
    "request_status_history": Child("requests", "request_id", own_id=True),
    "course_areas": Child("courses", "course_id", ("area_id",), rewritten=True),
    "course_attendance": Child("course_registrations", "registration_id", ("session_id",)),
}
# Created by the thousand (imports, demo data) and holding what the form holds: their insert entry says who created
# the record and when, without values (the record holds them, and the first change of a field records the value it
# replaced), and their children written with them are part of that creation.
COMPACT = frozenset({"volunteers", "requests"})
# a write of these begins a save that may replace their children
PARENTS = frozenset(child.parent for child in CHILDREN.values() if child.rewritten) | COMPACT

# an entry's id: a UUID4 like the ids Python makes for every other row (a trigger cannot call Python)
UUID = ("lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' "
        "|| substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' "
        "|| hex(randomblob(6)))")
NOW = "strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')"  # as clock.utc_now() writes it
# a new entry's id, time and who (no row while the audit trail is paused): what every trigger writes from
ENTRY_VIEW = (f"CREATE TEMP VIEW IF NOT EXISTS audit_entry AS SELECT {UUID} AS id, {NOW} AS at, os_user, "
              "coordinator FROM audit_context WHERE active")
COLUMNS = "id, at, os_user, coordinator, action, table_name, record_id, changes"


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class Plan(NamedTuple):
    table: str
    record: str  # the column whose value is the entry's record_id
    columns: tuple[str, ...]  # the audited columns, keys first
    keys: tuple[str, ...]
    child: Child | None

    @property
    def rest(self) -> tuple[str, ...]:
        return tuple(column for column in self.columns if column not in self.keys)


def audited_tables(conn: sqlite3.Connection) -> list[str]:
    """Data tables (not SQLite's, not full-text indexes and their shadow tables, not the audit log)."""
    rows = conn.execute("SELECT name, sql FROM main.sqlite_master WHERE type = 'table' ORDER BY rowid").fetchall()
    virtual = {name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")}
    return [name for name, _sql in rows
            if not name.startswith("sqlite_") and name not in virtual and name not in NOT_AUDITED
            and not any(name.startswith(f"{table}_") for table in virtual)]


def plan(conn: sqlite3.Connection, table: str) -> Plan | None:
    """What the triggers of ``table`` record; None when nothing is left to record (only blobs and hashes)."""
    info = conn.execute(f"PRAGMA main.table_info({q(table)})").fetchall()
    names = [row[1] for row in info]
    child = CHILDREN.get(table)
    if child is not None and not child.own_id:
        record = child.parent_column
    elif "id" in names:
        record = "id"
    else:
        record = next((row[1] for row in sorted(info, key=lambda row: row[5]) if row[5]), names[0])
    left_out = EXCLUDED | EXCLUDED_IN.get(table, frozenset()) | {record}
    columns = [row[1] for row in info
               if row[1] not in left_out and not row[1].endswith(EXCLUDED_SUFFIXES)
               and "BLOB" not in (row[2] or "").upper()]
    if not columns:
        return None
    keys = tuple(key for key in (child.keys if child else ()) if key in columns)
    return Plan(table, record, keys + tuple(c for c in columns if c not in keys), keys, child)


def trigger_statements(conn: sqlite3.Connection) -> list[str]:
    plans = [found for found in (plan(conn, table) for table in audited_tables(conn)) if found is not None]
    statements: list[str] = []
    for item in plans:
        statements += _insert_triggers(item)
        statements += [_update_trigger(item), _delete_trigger(item)]
        if item.table in PARENTS:
            # a write of the parent begins a new save: its creation and what an earlier save removed are done with
            statements.append(
                f"CREATE TEMP TRIGGER audit_{item.table}_save AFTER UPDATE ON main.{q(item.table)} BEGIN "
                f"DELETE FROM audit_created WHERE record_id = NEW.id; "
                f"DELETE FROM audit_rewritten WHERE record_id = NEW.id; END")
    return statements


# -- pieces ---------------------------------------------------------------------------------------------------------

def _values(columns: tuple[str, ...], old: str | None = None, new: str | None = None) -> str:
    """A subquery with one row (k, o, n) per column, o and n read from the rows ``old`` and ``new`` (OLD, NEW or
    NULL): what json_group_object reads."""
    parts = []
    for number, column in enumerate(columns):
        cells = [f"{row}.{q(column)}" if row else "NULL" for row in (old, new)]
        names = (" AS k", " AS o", " AS n") if number == 0 else ("", "", "")
        parts.append(f"SELECT {lit(column)}{names[0]}, {cells[0]}{names[1]}, {cells[1]}{names[2]}")
    return " UNION ALL ".join(parts)


def _log(item: Plan, action: str, row: str, changes: str) -> str:
    return (f"INSERT INTO audit_log ({COLUMNS}) SELECT e.id, e.at, e.os_user, e.coordinator, {lit(action)}, "
            f"{lit(item.table)}, {row}.{q(item.record)}, {changes} FROM temp.audit_entry e;")


ACTIVE = "(SELECT active FROM temp.audit_context)"


def _trigger(item: Plan, name: str, event: str, body: str, when: str = "") -> str:
    """A trigger that does nothing while the audit trail is paused (``audit.paused``: a whole-database load)."""
    condition = f"{ACTIVE} AND ({when})" if when else ACTIVE
    return (f"CREATE TEMP TRIGGER audit_{item.table}_{name} AFTER {event} ON main.{q(item.table)} "
            f"WHEN {condition} BEGIN {body} END")


def _json(columns, row: str) -> str:
    return f"json_array({', '.join(f'{row}.{q(column)}' for column in columns)})"


def _removed(item: Plan, extra: str = "") -> str:
    """The entry of a sibling with the same key that this save removed (a rewritten child)."""
    return (f"SELECT r.audit_rowid FROM temp.audit_rewritten r WHERE r.record_id = NEW.{q(item.record)} "
            f"AND r.table_name = {lit(item.table)} AND r.child_key = {_json(item.keys, 'NEW')}{extra}")


# -- the triggers ---------------------------------------------------------------------------------------------------

def _insert_triggers(item: Plan) -> list[str]:
    if item.table in COMPACT:
        body = (_log(item, "insert", "NEW", "'{}'") + " INSERT OR REPLACE INTO audit_created (record_id) "
                "SELECT NEW.id FROM temp.audit_context WHERE active;")
        return [_trigger(item, "insert", "INSERT", body)]
    added = (f"(SELECT json_group_object(k, json_array(NULL, n)) FROM ({_values(item.columns, new='NEW')}) "
             f"WHERE n IS NOT NULL AND n != '')")
    body = _log(item, "insert", "NEW", added)
    child = item.child
    if child is None:
        return [_trigger(item, "insert", "INSERT", body)]
    # Exactly one of these fires for a row (what they test does not change while they run): put back by a save
    # that removed it, part of its parent's creation (nothing to write), or new.
    conditions = []
    triggers = []
    if child.parent in COMPACT:
        conditions.append(f"NOT EXISTS (SELECT 1 FROM temp.audit_created WHERE record_id = "
                          f"NEW.{q(child.parent_column)})")
    if child.rewritten:
        unused = " AND NOT r.used"
        same = f" AND r.old_values = {_json(item.rest, 'NEW')}"
        pairs = [f"SELECT {lit(key)}{' AS k' if n == 0 else ''}, NEW.{q(key)}{' AS o' if n == 0 else ''}, "
                 f"NEW.{q(key)}{' AS n' if n == 0 else ''}" for n, key in enumerate(item.keys)]
        pairs += [f"SELECT {lit(column)}, (SELECT json_extract(r.old_values, '$[{n}]') FROM temp.audit_rewritten r "
                  f"WHERE r.audit_rowid = ({_removed(item, unused)})), NEW.{q(column)}"
                  for n, column in enumerate(item.rest)]
        keys = ", ".join(lit(key) for key in item.keys)
        changed = (f"(SELECT json_group_object(k, json_array(o, n)) FROM ({' UNION ALL '.join(pairs)}) "
                   f"WHERE o IS NOT n OR k IN ({keys}))")
        put_back = " ".join((
            # as it was: its removal was no change
            f"DELETE FROM audit_log WHERE rowid = ({_removed(item, unused + same)});",
            # with other values: the removal becomes an update of those
            f"UPDATE audit_log SET action = 'update', changes = {changed} WHERE rowid = ({_removed(item, unused)});",
            f"UPDATE audit_rewritten SET used = 1 WHERE audit_rowid = ({_removed(item, unused)});",
        ))
        triggers.append(_trigger(item, "insert_back", "INSERT", put_back, f"EXISTS ({_removed(item, unused)})"))
        conditions.append(f"NOT EXISTS ({_removed(item)})")
    triggers.append(_trigger(item, "insert", "INSERT", body, " AND ".join(conditions)))
    return triggers


def _update_trigger(item: Plan) -> str:
    keys = ", ".join(lit(key) for key in item.keys)
    wanted = f"o IS NOT n OR k IN ({keys})" if item.keys else "o IS NOT n"
    changed = (f"(SELECT json_group_object(k, json_array(o, n)) FROM ({_values(item.columns, 'OLD', 'NEW')}) "
               f"WHERE {wanted})")
    when = " OR ".join(f"OLD.{q(column)} IS NOT NEW.{q(column)}" for column in item.columns)
    return _trigger(item, "update", "UPDATE", _log(item, "update", "NEW", changed), when)


def _delete_trigger(item: Plan) -> str:
    removed = (f"(SELECT json_group_object(k, json_array(o, NULL)) FROM ({_values(item.columns, old='OLD')}) "
               f"WHERE o IS NOT NULL AND o != '')")
    body = _log(item, "delete", "OLD", removed)
    if item.child is not None and item.child.rewritten:  # remembered: the same child may come back in this save
        body += (f" INSERT OR REPLACE INTO audit_rewritten (record_id, table_name, child_key, audit_rowid, "
                 f"old_values, used) SELECT OLD.{q(item.record)}, {lit(item.table)}, {_json(item.keys, 'OLD')}, "
                 f"last_insert_rowid(), {_json(item.rest, 'OLD')}, 0 FROM temp.audit_context WHERE active;")
    return _trigger(item, "delete", "DELETE", body)


def trigger_name(statement: str) -> str:
    return statement.split()[3]  # CREATE TEMP TRIGGER <name> ...


def insert_triggers(conn: sqlite3.Connection, table: str) -> list[str]:
    """The statements of the insert triggers of ``table`` and of its children (a bulk insert drops them)."""
    tables = [table, *(name for name, child in CHILDREN.items() if child.parent == table)]
    names = tuple(f"audit_{name}_insert" for name in tables)
    return [statement for item in (plan(conn, name) for name in tables) if item is not None
            for statement in _insert_triggers(item) if trigger_name(statement).startswith(names)]


def created_statement(table: str) -> str:
    """The insert entries (who and when, see COMPACT) of the rows of ``table`` after rowid ``:after``."""
    return (f"INSERT INTO audit_log ({COLUMNS}) SELECT e.id, e.at, e.os_user, e.coordinator, 'insert', {lit(table)}, "
            f"t.id, '{{}}' FROM main.{q(table)} t, temp.audit_entry e WHERE t.rowid > :after ORDER BY t.rowid")

