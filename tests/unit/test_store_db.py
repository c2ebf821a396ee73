"""Opening the database: schema, pragmas, refusing files that are not ours, copies before migrating, atomic steps."""

from __future__ import annotations

import io
import os
import random
import sqlite3
from pathlib import Path

import pytest
from PIL import Image

from kommandesk import paths as paths_mod
from kommandesk.domain.errors import StorageError
from kommandesk.i18n import set_language
from kommandesk.store import db as db_mod
from kommandesk.store.db import APPLICATION_ID, open_store
from kommandesk.store.migrations import LATEST_VERSION, MIGRATIONS

SIDE_FILES = ("-wal", "-shm", "-journal")


def side_files(path: Path) -> list[Path]:
    return [Path(f"{path}{suffix}") for suffix in SIDE_FILES if Path(f"{path}{suffix}").exists()]


def plain(path: Path) -> sqlite3.Connection:
    """A connection of 'another program': plain sqlite3, none of our pragmas."""
    return sqlite3.connect(str(path))


def header_values(path: Path) -> tuple[int, int, list[str]]:
    conn = plain(path)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = sorted(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'"))
    finally:
        conn.close()
    return version, app_id, tables


def assert_refused_unchanged(path: Path, *, backup_dir: Path | None = None,
                             mentions: Path | None = None) -> StorageError:
    """open_store refuses ``path`` with a message naming it (or ``mentions``), and not one byte changes."""
    before = path.read_bytes()
    with pytest.raises(StorageError) as caught:
        open_store(path, backup_dir=backup_dir)
    assert path.read_bytes() == before
    assert side_files(path) == []
    assert str(mentions or path) in caught.value.message
    return caught.value


@pytest.fixture
def db_file(tmp_path) -> Path:
    return tmp_path / "kommandesk.sqlite3"


@pytest.fixture
def v1_store_file(db_file) -> Path:
    """A database at schema 1 holding one organisation, closed again."""
    store = open_store(db_file)
    store.db["organisation"].insert({"id": "org-1", "created_at": "2026-01-01T00:00:00.000+00:00",
                                     "updated_at": "2026-01-01T00:00:00.000+00:00", "name": "KI Bonn"})
    store.close()
    return db_file


def add_migration(monkeypatch, step) -> int:
    """Pretend the next release adds ``step`` as migration LATEST_VERSION + 1."""
    monkeypatch.setattr(db_mod, "MIGRATIONS", (*MIGRATIONS, step))
    monkeypatch.setattr(db_mod, "LATEST_VERSION", LATEST_VERSION + 1)
    return LATEST_VERSION + 1


# --- a new database --------------------------------------------------------------------------------------------

def test_new_database_is_created_at_latest_schema_and_marked_as_ours(db_file):
    store = open_store(db_file)
    try:
        assert store.schema_version == LATEST_VERSION
        assert store.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert "organisation" in store.db.table_names()
    finally:
        store.close()
    version, app_id, _tables = header_values(db_file)
    assert (version, app_id) == (LATEST_VERSION, APPLICATION_ID)


def test_connection_has_the_required_pragmas(db_file):
    store = open_store(db_file)
    try:
        def pragma(name):
            return store.db.execute(f"PRAGMA {name}").fetchone()[0]

        assert pragma("foreign_keys") == 1
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2  # FULL
        assert pragma("busy_timeout") == 5000
    finally:
        store.close()


def test_foreign_keys_are_enforced(db_file):
    store = open_store(db_file)
    try:
        store.db.execute("CREATE TABLE parent (id TEXT PRIMARY KEY)")
        store.db.execute("CREATE TABLE child (id TEXT PRIMARY KEY, parent_id TEXT REFERENCES parent(id))")
        with pytest.raises(sqlite3.IntegrityError):
            store.db.execute("INSERT INTO child VALUES ('c', 'missing')")
    finally:
        store.close()


def test_reopening_is_idempotent_and_keeps_data(v1_store_file, tmp_path):
    backups = tmp_path / "backups"
    for _ in range(2):
        store = open_store(v1_store_file, backup_dir=backups)
        try:
            assert store.schema_version == LATEST_VERSION
            assert {t: n for t, n in store.table_counts().items() if n} == {"organisation": 1, "areas_of_help": 10,
                                                                                 "allowance_limits": 3, "audit_log": 1}
            assert store.db["organisation"].get("org-1")["name"] == "KI Bonn"
        finally:
            store.close()
    assert not backups.exists() or list(backups.iterdir()) == []  # nothing to migrate, nothing copied


def test_a_new_database_is_not_copied_aside(db_file, tmp_path):
    open_store(db_file, backup_dir=tmp_path / "backups").close()
    assert not (tmp_path / "backups").exists() or list((tmp_path / "backups").iterdir()) == []


def test_an_empty_file_is_treated_as_a_new_database(db_file):
    db_file.write_bytes(b"")
    store = open_store(db_file)
    try:
        assert store.schema_version == LATEST_VERSION
    finally:
        store.close()


# --- files that are not ours -----------------------------------------------------------------------------------

def _random_bytes() -> bytes:
    return random.Random(20260305).randbytes(8192)


def _text() -> bytes:
    return "Name;Vorname;Telefon\nMüller;Jürgen;0211 123456\n".encode() * 20


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (32, 32), (10, 120, 200)).save(buf, "PNG")
    return buf.getvalue()


@pytest.mark.parametrize("content", [_random_bytes, _text, _png, lambda: b"SQLite format 3\x00 too short"],
                         ids=["random-bytes", "text-file", "png", "truncated-sqlite-header"])
def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(db_file, content):
    db_file.write_bytes(content())
    error = assert_refused_unchanged(db_file)
    assert "SQLite" in error.message


def test_another_programs_database_is_refused_and_left_alone(db_file):
    conn = plain(db_file)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Ayşe', '0221 555')")
    conn.commit()
    conn.close()
    assert_refused_unchanged(db_file)
    assert header_values(db_file)[2] == ["contacts"]


def test_another_programs_database_with_only_a_user_version_is_refused(db_file):
    conn = plain(db_file)
    conn.execute("PRAGMA user_version=7")
    conn.close()
    error = assert_refused_unchanged(db_file)
    assert "newer version" not in error.message  # it is not ours, whatever its version


def test_another_programs_database_still_in_its_write_ahead_log_is_refused(db_file):
    """The other program is running (or crashed): its tables are only in the -wal file, not in the header."""
    conn = plain(db_file)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    try:
        with pytest.raises(StorageError):
            open_store(db_file)
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        assert names == ["contacts"]  # we created nothing in their database
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    finally:
        conn.close()


def _make_newer(path: Path) -> None:
    conn = plain(path)
    conn.execute("CREATE TABLE organisation (id TEXT PRIMARY KEY)")
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version={LATEST_VERSION + 1}")
    conn.commit()
    conn.close()


def test_a_database_of_a_newer_kommandesk_is_refused_and_left_alone(db_file, tmp_path):
    _make_newer(db_file)
    error = assert_refused_unchanged(db_file, backup_dir=tmp_path / "backups")
    assert str(LATEST_VERSION + 1) in error.message
    assert not (tmp_path / "backups").exists()


def test_a_newer_database_whose_version_is_still_in_the_write_ahead_log_is_refused(v1_store_file):
    conn = plain(v1_store_file)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA user_version={LATEST_VERSION + 1}")
    conn.commit()
    try:
        with pytest.raises(StorageError):
            open_store(v1_store_file)
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION + 1
    finally:
        conn.close()


def test_refusal_message_is_translated(db_file, german):
    db_file.write_bytes(_text())
    german_message = assert_refused_unchanged(db_file).message
    set_language("en")
    english_message = assert_refused_unchanged(db_file).message
    assert german_message != english_message


# --- migrations ------------------------------------------------------------------------------------------------

def test_migrating_copies_the_old_database_aside_first(v1_store_file, tmp_path, monkeypatch):
    seen_by_migration = []

    def m_next(db):
        backups = list((tmp_path / "backups").glob("*.sqlite3"))
        seen_by_migration.append(len(backups))  # the copy must exist before the step runs
        db["extra"].create({"id": str, "note": str}, pk="id")

    new_version = add_migration(monkeypatch, m_next)
    store = open_store(v1_store_file, backup_dir=tmp_path / "backups")
    try:
        assert store.schema_version == new_version
        assert "extra" in store.db.table_names()
    finally:
        store.close()
    assert seen_by_migration == [1]
    (copy,) = list((tmp_path / "backups").iterdir())
    assert str(LATEST_VERSION) in copy.name
    assert side_files(copy) == []
    version, app_id, tables = header_values(copy)
    assert (version, app_id) == (LATEST_VERSION, APPLICATION_ID)
    assert "extra" not in tables
    conn = plain(copy)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT name FROM organisation").fetchall() == [("KI Bonn",)]
    finally:
        conn.close()


def test_a_second_migration_attempt_does_not_overwrite_the_first_copy(v1_store_file, tmp_path, monkeypatch):
    def m_fails(db):
        db.execute("CREATE TABLE half (id TEXT)")
        db.execute("INSERT INTO no_such_table VALUES (1)")

    add_migration(monkeypatch, m_fails)
    for _ in range(2):
        with pytest.raises(StorageError):
            open_store(v1_store_file, backup_dir=tmp_path / "backups")
    assert len(list((tmp_path / "backups").iterdir())) == 2


def _fails_with_sql_error(db):
    db["half"].create({"id": str}, pk="id")
    db["organisation"].insert({"id": "org-2", "created_at": "x", "updated_at": "x", "name": "half-done"})
    db.execute("INSERT INTO no_such_table VALUES (1)")


def _fails_with_python_error(db):
    db["half"].create({"id": str}, pk="id")
    db["organisation"].insert({"id": "org-2", "created_at": "x", "updated_at": "x", "name": "half-done"})
    raise RuntimeError("bug in a migration")


@pytest.mark.parametrize("step, expected", [(_fails_with_sql_error, StorageError),
                                            (_fails_with_python_error, RuntimeError)], ids=["sql", "python"])
def test_a_failing_migration_leaves_the_database_as_it_was(v1_store_file, tmp_path, monkeypatch, step, expected):
    add_migration(monkeypatch, step)
    with pytest.raises(expected):
        open_store(v1_store_file, backup_dir=tmp_path / "backups")
    version, app_id, tables = header_values(v1_store_file)
    assert (version, app_id) == (LATEST_VERSION, APPLICATION_ID)
    assert "half" not in tables
    conn = plain(v1_store_file)
    try:
        assert conn.execute("SELECT name FROM organisation").fetchall() == [("KI Bonn",)]
    finally:
        conn.close()
    # and the real code still opens it afterwards
    monkeypatch.undo()
    store = open_store(v1_store_file)
    try:
        assert store.schema_version == LATEST_VERSION
    finally:
        store.close()


def test_a_backup_folder_that_cannot_be_made_stops_the_migration(v1_store_file, tmp_path, monkeypatch):
    ran = []
    add_migration(monkeypatch, lambda db: ran.append(True))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(StorageError) as caught:
        open_store(v1_store_file, backup_dir=blocker / "backups")
    assert str(blocker / "backups") in caught.value.message
    assert ran == []
    assert header_values(v1_store_file)[0] == LATEST_VERSION


# --- folders ---------------------------------------------------------------------------------------------------

def test_a_data_folder_below_a_regular_file_cannot_be_created(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    paths = paths_mod.resolve(blocker / "data")
    with pytest.raises(OSError):
        paths.ensure()
    with pytest.raises(StorageError) as caught:
        open_store(paths.db_file)
    assert str(paths.data_dir) in caught.value.message
    assert blocker.read_text() == "not a folder"


def test_a_folder_that_is_not_writable_is_refused(db_file, monkeypatch):
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)
    with pytest.raises(StorageError) as caught:
        open_store(db_file)
    assert str(db_file.parent) in caught.value.message
    assert "--data-dir" in caught.value.message
    assert not db_file.exists()


def test_a_read_only_database_file_is_refused_and_left_alone(v1_store_file, monkeypatch):
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: False if Path(path) == v1_store_file
                        else real_access(path, mode, **kw))
    error = assert_refused_unchanged(v1_store_file, mentions=v1_store_file.parent)
    assert "--data-dir" in error.message
