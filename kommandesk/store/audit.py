"""The audit trail: who changed what and when, written by SQLite itself for every change made through the app.

Each connection KommanDesk opens (``db.connect``) gets, in its TEMP schema, a table ``audit_context`` with who is
working (the OS user and the coordinator's name: :func:`set_actor`), and before its first write (``Store.db``)
triggers AFTER INSERT, UPDATE and DELETE on every data table (store/audit_schema.py), which add a row to
``main.audit_log``: the action, the table, the record's id, the UTC time and the changed columns as JSON
``{column: [old, new]}``. TEMP triggers belong to the connection that made them: another program, or a plain
``sqlite3`` connection, writes no audit rows and meets no error. The app has no way to change or delete an entry.

What is written
  update: the columns whose value changed (``old IS NOT new``); an update that changed none of them (only a
  timestamp or the search text) writes nothing. delete: every column that had a value, as ``[old, null]``.
  insert: every column with a value, as ``[null, new]`` -- except for a new volunteer or request, whose entry
  says who created it and when, ``{}``: the record holds its values, and the first change of a field records
  the value it replaced, so each value is in the trail once, not twice. They are created by the thousand
  (imports, demo data), and a copy of every profile in the audit log would double the data kept about a person.
  Their languages, areas, absences and first status written with them are part of the creation (no entries).
  Left out everywhere: timestamps (created_at, updated_at, recorded_at), what is derived from other columns
  (``*_key``, ``*_rank``, rank, position, search_text, languages_summary, clearance_group, ref_year/ref_number,
  coordinates, a request's period, a certificate's printed content and hashes) and blobs (the logo, PDFs). A table
  with nothing left (certificate_files, certificate_logos) is not audited.

Which record
  ``record_id`` is the row's ``id``. Rows without an identity of their own are recorded under their parent's id
  (``audit_schema.CHILDREN``): a volunteer's languages, areas of help and absences (an absence's id is made anew
  at each save) under the volunteer, a request's languages under the request, a course's areas under the course,
  an attendance mark under the registration (with its session_id in every entry, to say which session).

Children that a save replaces
  Saving a profile deletes the volunteer's languages, areas and absences and inserts them again. Row by row this
  would log every unchanged language as removed and added at each save. So a deleted child is remembered (TEMP
  table ``audit_rewritten``) with the entry it wrote; when the same child (same key) comes back in the same save,
  that entry is taken back if nothing changed, or becomes the update of the columns that did. Every repository
  writes the parent's row first in such a save, and a write of the parent forgets what was remembered, so an
  entry of an earlier save is never touched. These are the only entries ever changed or removed, and only by the
  save that wrote them, before it commits.

Pausing, bulk inserts
  :func:`paused` switches the triggers of a connection off: for loading a whole-database file (``transfer``),
  whose rows bring their own audit trail. :func:`bulk_inserting` writes the entries of many new volunteers or
  requests in one statement (any trigger costs a bulk insert about 30 us a row).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache


class Actor(tuple):
    """(OS user, coordinator's name). A plain tuple subclass: a NamedTuple costs about 1 ms to define, and this
    module is imported on every start."""

    __slots__ = ()

    def __new__(cls, os_user: str, coordinator: str) -> "Actor":
        return super().__new__(cls, (os_user, coordinator))

    @property
    def os_user(self) -> str:
        return self[0]

    @property
    def coordinator(self) -> str:
        return self[1]


@cache
def system_user() -> str:
    """The OS user name ('' when the system cannot say)."""
    for variable in ("LOGNAME", "USER", "LNAME", "USERNAME"):  # what getpass.getuser() reads first, in its order
        if os.environ.get(variable):
            return os.environ[variable]
    import getpass  # the password database: getpass and the modules it needs cost about 1 ms of a start

    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return ""


# Who works in this process: set once at start by the app or the CLI (and when the coordinator's name changes in
# Settings); every connection opened later (a worker thread's) starts with it. Like the UI language, one per process.
_process_actor: list[Actor] = []


def default_actor() -> Actor:
    return _process_actor[-1] if _process_actor else Actor(system_user(), "")


def set_default_actor(os_user: str | None = None, coordinator: str = "") -> Actor:
    """Who the connections opened from now on write as (``os_user`` None: the OS user)."""
    actor = Actor(system_user() if os_user is None else os_user.strip(), (coordinator or "").strip())
    _process_actor[:] = [actor]
    return actor


# -- per connection ---------------------------------------------------------------------------------------------

_CONTEXT = ("CREATE TEMP TABLE IF NOT EXISTS audit_context (os_user TEXT NOT NULL, coordinator TEXT NOT NULL, "
            "active INTEGER NOT NULL)")
_REWRITTEN = ("CREATE TEMP TABLE IF NOT EXISTS audit_rewritten (record_id TEXT NOT NULL, table_name TEXT NOT NULL, "
              "child_key TEXT NOT NULL, audit_rowid INTEGER NOT NULL, old_values TEXT NOT NULL, used INTEGER NOT NULL, "
              "PRIMARY KEY (record_id, table_name, child_key))")
_CREATED = "CREATE TEMP TABLE IF NOT EXISTS audit_created (record_id TEXT PRIMARY KEY NOT NULL)"


def setup(conn: sqlite3.Connection) -> None:
    """Give ``conn`` its audit context, as :func:`default_actor` (``db.connect`` calls this on every start: it is
    cheap; the triggers are made by :func:`ensure_triggers` before the first write, ``Store.db``, or after a
    migration)."""
    conn.execute(_CONTEXT)
    if conn.execute("SELECT count(*) FROM temp.audit_context").fetchone()[0] == 0:
        conn.execute("INSERT INTO temp.audit_context (os_user, coordinator, active) VALUES (?, ?, 1)", default_actor())


def ensure_triggers(conn: sqlite3.Connection) -> bool:
    """Make the triggers unless they are there; not for a connection without the audit context (a plain one, such
    as the in-memory database ``transfer.upgrade`` migrates rows in) nor for a schema that is not yet current (the
    migrations would change the tables under them). True when ``conn`` writes the audit trail."""
    if is_set_up(conn):
        return True
    if not _has_context(conn) or not _schema_is_current(conn):
        return False
    install_triggers(conn)
    return True


def _has_context(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT count(*) FROM temp.sqlite_master WHERE name = 'audit_context'").fetchone()[0] > 0


def _schema_is_current(conn: sqlite3.Connection) -> bool:
    from kommandesk.store import db  # imports this module: read when needed

    return conn.execute("PRAGMA user_version").fetchone()[0] == db.LATEST_VERSION


def install_triggers(conn: sqlite3.Connection) -> int:
    """(Re)make the TEMP triggers over the tables as they are now; returns how many were made."""
    from kommandesk.store.audit_schema import ENTRY_VIEW, trigger_statements  # SQL made when first needed

    setup(conn)
    for statement in (_REWRITTEN, _CREATED, ENTRY_VIEW):
        conn.execute(statement)
    for (name,) in conn.execute("SELECT name FROM temp.sqlite_master WHERE type = 'trigger' "
                                "AND name LIKE 'audit\\_%' ESCAPE '\\'").fetchall():
        conn.execute(f'DROP TRIGGER temp."{name}"')
    if conn.execute("SELECT count(*) FROM main.sqlite_master WHERE type = 'table' AND name = 'audit_log'"
                    ).fetchone()[0] == 0:  # a schema from before the audit trail (m007)
        return 0
    statements = trigger_statements(conn)
    for statement in statements:
        conn.execute(statement)
    return len(statements)


def is_set_up(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT count(*) FROM temp.sqlite_master WHERE type = 'trigger' "
                        "AND name LIKE 'audit\\_%' ESCAPE '\\'").fetchone()[0] > 0


def set_actor(conn: sqlite3.Connection, os_user: str, coordinator: str) -> None:
    """Who the changes of ``conn`` are recorded for from now on."""
    conn.execute(_CONTEXT)
    if conn.execute("UPDATE temp.audit_context SET os_user = ?, coordinator = ?",
                    (os_user.strip(), coordinator.strip())).rowcount == 0:
        conn.execute("INSERT INTO temp.audit_context (os_user, coordinator, active) VALUES (?, ?, 1)",
                     (os_user.strip(), coordinator.strip()))


def actor(conn: sqlite3.Connection) -> Actor | None:
    """Who ``conn`` records changes for; None when it was not set up."""
    try:
        row = conn.execute("SELECT os_user, coordinator FROM temp.audit_context").fetchone()
    except sqlite3.OperationalError:
        return None
    return Actor(*row) if row else None


@contextmanager
def paused(conn: sqlite3.Connection) -> Iterator[None]:
    """No audit rows from ``conn`` inside the block (a whole-database load: its rows bring their own trail)."""
    try:
        before = conn.execute("SELECT active FROM temp.audit_context").fetchone()
    except sqlite3.OperationalError:  # a connection without the audit trail
        yield
        return
    conn.execute("UPDATE temp.audit_context SET active = 0")
    try:
        yield
    finally:
        conn.execute("UPDATE temp.audit_context SET active = ?", (before[0] if before else 1,))


@contextmanager
def bulk_inserting(conn: sqlite3.Connection, table: str) -> Iterator[None]:
    """Around a bulk insert of new volunteers or requests with their children (an import, demo data): the audit
    trail's insert triggers of the table and its children are dropped for the block, and after it one statement
    writes the insert entry of each new row (who and when; its children are part of its creation).

    Any trigger on a table costs a bulk insert about 30 us a row (10,000 volunteers: 0.3 s), whatever it does;
    the FTS index is filled the same way (``bulk_insert.indexed_insert``). If the block fails, the triggers
    are made again and nothing is written (the caller's savepoint rolls its rows back)."""
    from kommandesk.store.audit_schema import COMPACT, created_statement, insert_triggers, trigger_name

    missing = conn.execute("SELECT count(*) FROM temp.sqlite_master WHERE type = 'trigger' AND name = ?",
                           (f"audit_{table}_insert",)).fetchone()[0] == 0  # not set up, or inside another bulk
    if table not in COMPACT or missing or not _active(conn):
        yield
        return
    last_rowid = conn.execute(f'SELECT coalesce(max(rowid), 0) FROM main."{table}"').fetchone()[0]
    statements = insert_triggers(conn, table)
    for statement in statements:
        conn.execute(f'DROP TRIGGER IF EXISTS temp."{trigger_name(statement)}"')
    try:
        yield
    finally:
        for statement in statements:
            conn.execute(f'DROP TRIGGER IF EXISTS temp."{trigger_name(statement)}"')
            conn.execute(statement)
    conn.execute(created_statement(table), {"after": last_rowid})


def _active(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT active FROM temp.audit_context").fetchone()
    return bool(row and row[0])


# -- erasure (GDPR, Art. 17) --------------------------------------------------------------------------------------

def erase_values(conn: sqlite3.Connection, record_ids: Iterable[str]) -> int:
    """Blank the old and new values of every entry of these records (which columns changed, the action, the
    table, the time and who stay: counts and "who did what when" remain). Returns the entries blanked.

    Call it after deleting the person, in the same transaction: the delete entries the triggers wrote (with
    every old value) are blanked with the rest."""
    ids = sorted(set(record_ids))
    done = 0
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" for _ in chunk)
        done += conn.execute(
            "UPDATE audit_log SET changes = (SELECT coalesce(json_group_object(key, json('[null,null]')), '{}') "
            f"FROM json_each(audit_log.changes)) WHERE record_id IN ({marks})", chunk).rowcount
    return done

