"""Every table of the database out as plain rows, and back into an empty database, in one transaction.

The tables are found in ``sqlite_master``, not listed here: a table a later migration adds is carried along
without anyone remembering to add it. Left out are SQLite's own tables (``sqlite_*``) and full-text indexes
(FTS virtual tables and their shadow tables): they are derived from the other tables and made again after a
load (``'rebuild'``).

Rows are dictionaries column -> value with the values SQLite holds (text, integer, real, blob, None); the file
format around them (JSON, base64 for blobs) is :mod:`kommandesk.services.exports`'. Rows are read in the order
they were stored (rowid; the primary key for tables without one) and inserted in that order, so an order that
rests on insertion (a volunteer's absences) survives the round trip.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from kommandesk.store import audit
from kommandesk.store.db import Store
from kommandesk.store.migrations import LATEST_VERSION, MIGRATIONS

FTS_SHADOW_SUFFIXES = ("_data", "_idx", "_content", "_docsize", "_config", "_segments", "_segdir", "_stat")

Progress = Callable[[int, int], None]


class TransferError(Exception):
    """The rows do not fit the database (unknown table or column, a broken reference, a duplicate).
    ``kind`` says which (for the service's translated message); ``detail`` names the table or column."""

    def __init__(self, kind: str, detail: str = ""):
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def table_names(conn: sqlite3.Connection) -> list[str]:
    """The data tables, in the order they were created (sqlite_master order)."""
    entries = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY rowid").fetchall()
    virtual = [name for name, sql in entries if (sql or "").upper().startswith("CREATE VIRTUAL TABLE")]
    shadows = {f"{name}{suffix}" for name in virtual for suffix in FTS_SHADOW_SUFFIXES}
    return [name for name, _sql in entries
            if not name.startswith("sqlite_") and name not in virtual and name not in shadows]


def fts_tables(conn: sqlite3.Connection) -> list[str]:
    """Full-text tables (FTS3/4/5) whose content can be rebuilt."""
    return [name for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
            if (sql or "").upper().startswith("CREATE VIRTUAL TABLE") and " FTS" in sql.upper()]


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"PRAGMA table_info({_quote(table)})")]


def _order(conn: sqlite3.Connection, table: str) -> str:
    without_rowid = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    if "WITHOUT ROWID" not in (without_rowid or "").upper():
        return "rowid"
    keys = sorted((row[5], row[1]) for row in conn.execute(f"PRAGMA table_info({_quote(table)})") if row[5])
    return ", ".join(_quote(name) for _position, name in keys)


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {table: conn.execute(f"SELECT count(*) FROM {_quote(table)}").fetchone()[0]
            for table in table_names(conn)}


@contextmanager
def snapshot(store: Store) -> Iterator[None]:
    """One read transaction, so that every table comes from the same moment."""
    store.conn.execute("BEGIN")
    try:
        yield
    finally:
        store.conn.execute("COMMIT")


def dump(conn: sqlite3.Connection, table: str) -> Iterator[dict]:
    """The rows of ``table`` as dictionaries, in stored order."""
    names = columns(conn, table)
    cursor = conn.execute(f"SELECT {', '.join(_quote(n) for n in names)} FROM {_quote(table)} "
                          f"ORDER BY {_order(conn, table)}")
    while batch := cursor.fetchmany(1000):
        for row in batch:
            yield dict(zip(names, row))


def dump_all(conn: sqlite3.Connection) -> dict[str, list[dict]]:
    return {table: list(dump(conn, table)) for table in table_names(conn)}


def load(store: Store, tables: Mapping[str, Sequence[Mapping[str, object]]], progress: Progress | None = None,
         schema_version: int = LATEST_VERSION, check: Callable[[], None] | None = None) -> dict[str, int]:
    """Replace the content of every data table with ``tables`` (table -> rows) in ONE transaction, then rebuild
    the full-text indexes. Rows from an older schema are first brought up to date through the migrations
    (in a database in memory). Tables not in ``tables`` end up empty. Any exception (a TransferError, an
    sqlite3 error, one raised by ``progress``) rolls everything back. Returns the rows per table.

    The caller decides whether the database may be replaced (KommanDesk loads only into an empty one): ``check``
    runs inside the transaction, before anything is deleted, and may raise to refuse."""
    if schema_version < LATEST_VERSION:
        tables = upgrade(tables, schema_version)
    with audit.paused(store.conn):  # the rows bring their own audit trail: it is not written again row by row
        return _replace(store, tables, progress, check)


def _replace(store: Store, tables: Mapping[str, Sequence[Mapping[str, object]]],
             progress: Progress | None, check: Callable[[], None] | None = None) -> dict[str, int]:
    conn = store.conn
    known = table_names(conn)
    unknown = sorted(set(tables) - set(known))
    if unknown:
        raise TransferError("unknown_table", unknown[0])
    plans = {}
    for table in known:
        allowed = set(columns(conn, table))
        for row in tables.get(table, ()):
            extra = set(row) - allowed
            if extra:
                raise TransferError("unknown_column", f"{table}.{sorted(extra)[0]}")
        plans[table] = allowed
    total = sum(len(tables.get(table, ())) for table in known)
    done = 0
    loaded: dict[str, int] = {}
    conn.execute("BEGIN IMMEDIATE")
    try:
        if check is not None:
            check()
        conn.execute("PRAGMA defer_foreign_keys = ON")  # rows may come in any order; checked before COMMIT
        for table in reversed(known):
            conn.execute(f"DELETE FROM {_quote(table)}")
        for table in known:
            rows = tables.get(table, ())
            loaded[table] = len(rows)
            for start in range(0, len(rows), 1000):
                _insert(conn, table, rows[start:start + 1000])
                done += len(rows[start:start + 1000])
                if progress:
                    progress(done, total)
        broken = conn.execute("PRAGMA foreign_key_check").fetchone()
        if broken:
            raise TransferError("broken_reference", f"{broken[0]} -> {broken[2]}")
        for fts in fts_tables(conn):
            conn.execute(f"INSERT INTO {_quote(fts)} ({_quote(fts)}) VALUES ('rebuild')")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    if progress:
        progress(total, total)
    return loaded


def _insert(conn: sqlite3.Connection, table: str, rows: Sequence[Mapping[str, object]]) -> None:
    """Insert rows; rows with the same set of columns go through one executemany."""
    groups: dict[tuple[str, ...], list[tuple]] = {}
    for row in rows:
        keys = tuple(row)
        groups.setdefault(keys, []).append(tuple(row.values()))
    for keys, values in groups.items():
        names = ", ".join(_quote(k) for k in keys)
        marks = ", ".join("?" for _k in keys)
        conn.executemany(f"INSERT INTO {_quote(table)} ({names}) VALUES ({marks})", values)


def upgrade(tables: Mapping[str, Sequence[Mapping[str, object]]], version: int) -> dict[str, list[dict]]:
    """Rows of schema ``version`` as rows of the current schema: loaded into a database in memory made by the
    first ``version`` migrations, migrated like a user's database, and read out again."""
    from kommandesk.store.db import migrate

    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        store = Store(conn, Path(":memory:"))
        db = store.db
        for number in range(1, version + 1):
            with db.atomic():
                MIGRATIONS[number - 1](db)
                db.execute(f"PRAGMA user_version={number}")
        _replace(store, tables, None)
        migrate(store, backup_dir=None)
        return dump_all(conn)
    finally:
        conn.close()
