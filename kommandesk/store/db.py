"""Open the KommanDesk database: checks first, pragmas, a copy aside, then migrations.

Before anything is written the file is identified from its header bytes alone, so a
file that is not ours, or one from a newer KommanDesk, is refused with nothing changed.

sqlite-utils is imported only when it is first needed (a migration, a write through
``store.db``): it costs about 50 ms, a fifth of the app's start-up. Reads on the start-up
path go through ``store.conn``. The audit trail's triggers (store/audit.py, about 9 ms to
make) are made with that handle too, before the first write.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import sqlite3
import struct
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from kommandesk.domain.errors import StorageError
from kommandesk.i18n import _
from kommandesk.store import audit, encryption
from kommandesk.store.migrations import LATEST_VERSION, MIGRATIONS

if TYPE_CHECKING:
    from sqlite_utils import Database

SQLITE_MAGIC = b"SQLite format 3\x00"
APPLICATION_ID = 0x4B444553  # "KDES": marks a file as a KommanDesk database
PRAGMAS = ("PRAGMA foreign_keys=ON", "PRAGMA busy_timeout=5000", "PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
           "PRAGMA secure_delete=ON")  # deleted content is overwritten: an erased person is gone from the file


class HeaderInfo(NamedTuple):
    user_version: int
    application_id: int
    page_count: int


def read_header(path: Path) -> HeaderInfo | None:
    """Header fields of an SQLite file; None for a missing or empty file; StorageError if not SQLite."""
    try:
        with path.open("rb") as fh:
            head = fh.read(100)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StorageError(_("The database {path} cannot be read: {reason}").format(path=path, reason=exc.strerror))
    if not head:
        return None
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        if encryption.looks_encrypted(path):
            raise encryption.PassphraseNeeded(encryption.encrypted_message(path))
        raise StorageError(
            _("{path} is not a KommanDesk database (it is not an SQLite file). Nothing was changed.").format(path=path))
    page_count, = struct.unpack(">I", head[28:32])
    user_version, = struct.unpack(">I", head[60:64])
    application_id, = struct.unpack(">I", head[68:72])
    return HeaderInfo(user_version=user_version, application_id=application_id, page_count=page_count)


def wrap(conn: sqlite3.Connection) -> "Database":
    """The sqlite-utils handle over an open connection (plugins are not looked up: we have none)."""
    return _database_class()(conn, execute_plugins=False)


@functools.cache
def _database_class() -> type:
    """sqlite-utils' Database whose outermost ``atomic()`` takes the write lock at once (BEGIN IMMEDIATE).

    A deferred BEGIN only asks for the lock at the first write; when another window or the CLI committed in between,
    SQLite cannot wait for it (the read snapshot is stale) and fails at once with "database is locked" instead of
    waiting out the busy timeout. Nested blocks keep the library's savepoints."""
    from sqlite_utils import Database

    class ImmediateDatabase(Database):
        @contextlib.contextmanager
        def atomic(self):
            if self.conn.in_transaction:
                with super().atomic():
                    yield self
                return
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

    return ImmediateDatabase


class Store:
    """An open database: the connection, its sqlite-utils handle (made on first use), and where it lives."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn = conn
        self.path = path
        self._db: Database | None = None

    @property
    def db(self) -> "Database":
        if self._db is None:
            self._db = wrap(self.conn)
        audit.ensure_triggers(self.conn)  # the audit trail's triggers, before the first write (writes come here)
        return self._db

    def query(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        """Rows as sqlite3.Row (by name and by index)."""
        cursor = self.conn.cursor()
        cursor.row_factory = sqlite3.Row
        return cursor.execute(sql, params).fetchall()

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def change_stamp(self) -> tuple[int, int]:
        """A cheap value that changes whenever any connection wrote to the database: SQLite's data_version
        (it moves when another connection, e.g. a background task's, commits) with this connection's own
        total_changes. Compare it with an earlier one to know whether what is shown may be out of date."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0], self.conn.total_changes

    def table_counts(self) -> dict[str, int]:
        names = [row[0] for row in self.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {name: self.conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names
                if not name.startswith(("sqlite_", "_")) and "_fts" not in name}

    def close(self) -> None:
        self.conn.close()


def _check_writable(path: Path) -> None:
    folder = path.parent
    if not folder.is_dir():
        raise StorageError(_("The data folder {folder} does not exist.").format(folder=folder))
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise StorageError(
            _("KommanDesk cannot write to {folder}. Choose another data folder (--data-dir) "
              "or ask your IT support for write access. Nothing was changed.").format(folder=folder))


def _judge(path: Path, *, application_id: int, user_version: int, has_content: bool) -> None:
    """Refuse a database of another program or of a newer KommanDesk (only a blank file is not marked as ours)."""
    blank = application_id == 0 and user_version == 0 and not has_content
    if application_id != APPLICATION_ID and not blank:
        raise StorageError(
            _("{path} is an SQLite database of another program, not of KommanDesk. Nothing was changed.").format(
                path=path))
    if user_version > LATEST_VERSION:
        raise StorageError(
            _("{path} was written by a newer version of KommanDesk (schema {found}, this version knows {known}). "
              "Please install the newer version. Nothing was changed.").format(
                path=path, found=user_version, known=LATEST_VERSION))


def _check_header(path: Path) -> HeaderInfo | None:
    header = read_header(path)
    if header is None:
        return None
    _judge(path, application_id=header.application_id, user_version=header.user_version,
           has_content=header.page_count > 1)
    return header


def _check_identity(conn: sqlite3.Connection, path: Path) -> None:
    """The header checks again, read through SQLite: the header on disk does not show what is still
    in a write-ahead log (another program that is running, or one that crashed). Reads only."""
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    user_version = conn.execute("PRAGMA user_version").fetchone()[0]
    has_content = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
    _judge(path, application_id=application_id, user_version=user_version, has_content=has_content)


def connect(path: Path) -> sqlite3.Connection:
    """A connection with KommanDesk's pragmas; transactions are explicit (``db.atomic()``).

    The file is identified (reading only) before the first pragma that writes (journal_mode=WAL). An encrypted
    file is opened through SQLCipher with its key (store/encryption.py: known already, or asked for).
    """
    key = encryption.obtain_key(path) if encryption.looks_encrypted(path) else encryption.KEYS.known(path)
    conn = encryption.connect_raw(path, key) if key is not None else sqlite3.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA busy_timeout=5000")
        _check_identity(conn, path)
        for pragma in PRAGMAS:
            conn.execute(pragma)
        audit.setup(conn)  # who works on this connection, for the audit trail (store/audit.py)
    except BaseException:
        conn.close()
        raise
    return conn


def conn_file(conn) -> str:
    """The file of a connection's main database."""
    return next(row[2] for row in conn.execute("PRAGMA database_list") if row[1] == "main")


def copy_aside(conn: sqlite3.Connection, backup_dir: Path, version: int) -> Path:
    """A consistent copy through SQLite's online backup API, made before a migration."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backup_dir / f"before-migration-v{version}-{stamp}.sqlite3"
    counter = 1
    while target.exists():  # never overwrite an earlier copy
        counter += 1
        target = backup_dir / f"before-migration-v{version}-{stamp}-{counter}.sqlite3"
    # written under a hidden name and renamed when whole: a crash mid-copy leaves no file that looks like a copy
    part = backup_dir / f".{target.name}.part"
    key = None if isinstance(conn, sqlite3.Connection) else encryption.KEYS.key_for(Path(conn_file(conn)))
    dest = sqlite3.connect(str(part)) if key is None else encryption.connect_raw(part, key)  # encrypted alike
    try:
        conn.backup(dest)
        dest.close()
        with part.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(part, target)
    except BaseException:
        dest.close()
        part.unlink(missing_ok=True)
        raise
    return target


def migrate(store: Store, backup_dir: Path | None) -> int:
    """Bring the schema to LATEST_VERSION, one transaction per step; returns the version reached."""
    version = store.schema_version
    if version >= LATEST_VERSION:
        return version
    if 0 < version and backup_dir is not None:
        try:
            copy_aside(store.conn, backup_dir, version)
        except OSError as exc:
            raise StorageError(
                _("Before updating the database KommanDesk copies it to {folder}, but that failed: {reason}. "
                  "Nothing was changed. Free some disk space or choose another data folder.").format(
                    folder=backup_dir, reason=exc.strerror or exc)) from exc
    db = store.db
    for number in range(version + 1, LATEST_VERSION + 1):
        with db.atomic():
            MIGRATIONS[number - 1](db)
            db.execute(f"PRAGMA application_id={APPLICATION_ID}")
            db.execute(f"PRAGMA user_version={number}")
    return LATEST_VERSION


def open_store(path: Path, backup_dir: Path | None = None) -> Store:
    """Open (creating if needed) and migrate the database at ``path``; StorageError with a clear message if not."""
    path = Path(path)
    _check_writable(path)
    if not encryption.looks_encrypted(path):  # an encrypted file's header is read through SQLCipher (connect)
        _check_header(path)
    try:
        store = Store(connect(path), path)
    except sqlite3.DatabaseError as exc:
        raise StorageError(_("The database {path} cannot be opened: {reason}").format(path=path, reason=exc))
    try:
        before = store.schema_version
        if migrate(store, backup_dir) != before:
            audit.install_triggers(store.conn)  # over the tables as the migrations left them
    except sqlite3.DatabaseError as exc:
        store.close()
        raise StorageError(_("The database {path} could not be updated: {reason}. It was left as it was.").format(
            path=path, reason=exc))
    except BaseException:
        store.close()
        raise
    return store
