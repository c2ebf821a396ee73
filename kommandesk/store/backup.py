"""Backups on disk: a verified copy through SQLite's online backup API, the checks, and restoring into the live file.

Every function opens its own connections, so it may run on any thread (a background task) while the app's own
connection stays on the GUI thread. Nothing here decides *where* or *when*: that is services/backups.py.

* :func:`write_backup` copies a database to a temporary name beside the target, switches the copy to a plain
  rollback journal (a backup is one file, no ``-wal``), checks it (``PRAGMA integrity_check``), fsyncs it and only
  then renames it to its final name. On any failure the temporary file is removed: nothing that looks like a backup
  is left half-written. "Disk full" comes out as ``OSError(ENOSPC)``, whether the OS or SQLite noticed it.
* :func:`identify` reads a file's header (100 bytes) and refuses what is not a KommanDesk database or is newer.
* :func:`restore_into` writes a backup's pages into the live database through the backup API, in one transaction:
  a failure half-way leaves the live database as it was. Other connections must be closed first.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path
from typing import NamedTuple

from kommandesk.domain.errors import StorageError
from kommandesk.i18n import _
from kommandesk.store import encryption
from kommandesk.store.db import APPLICATION_ID, SQLITE_MAGIC
from kommandesk.store.migrations import LATEST_VERSION

SQLITE_FULL = 13
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
BUSY_MS = 5000
CHECK_CACHE_KIB = 65536  # the check of a copy compares every index with its table: with 64 MiB of page cache it
# takes 1.6 s instead of 2.3 s at 50,000 volunteers (memory-mapping would be faster still, but a USB stick pulled
# out during the check would then crash the app instead of failing the backup)


class CopyDamaged(Exception):
    """The copy just written did not pass its integrity check (it was removed)."""


class FileHeader(NamedTuple):
    user_version: int
    application_id: int
    size: int


def temporary_name(target: Path) -> Path:
    """Where a copy is written before it is renamed: hidden, not a name any listing takes for a backup, and its own
    (two KommanDesk windows backing up into one folder in the same second do not write into one file)."""
    import secrets

    return target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.part")


def _as_os_error(exc: sqlite3.Error, where: Path) -> Exception:
    """SQLite's "database or disk is full" as the OSError it is; other SQLite errors unchanged."""
    if getattr(exc, "sqlite_errorcode", None) == SQLITE_FULL or "disk is full" in str(exc):
        return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(where))
    return exc


def _open_target(path: Path, key: str | None = None) -> sqlite3.Connection:
    """A new copy: encrypted with ``key`` when the database it copies is (store/encryption.py)."""
    if key is not None:
        return encryption.connect_raw(path, key)
    return sqlite3.connect(str(path), isolation_level=None)


def _copy(source: sqlite3.Connection, dest: sqlite3.Connection) -> None:
    source.backup(dest)  # all pages in one step: one consistent snapshot, even while others write


def fsync_file(path: Path) -> None:
    with path.open("r+b") as fh:
        os.fsync(fh.fileno())


def fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX; Windows has no directory handles to sync)."""
    if os.name == "nt":
        return
    fd = os.open(str(folder), os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (network, FAT on Linux) do not sync folders: the file itself is synced
    finally:
        os.close(fd)


def open_source(path: Path) -> sqlite3.Connection:
    """A connection to read a live database from (its own: any thread), waiting for writers up to 5 s."""
    key = encryption.KEYS.key_for(path)
    if key is not None:
        conn = encryption.connect_raw(path, key, timeout=BUSY_MS / 1000)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout={BUSY_MS}")
    return conn


def open_frozen(path: Path) -> sqlite3.Connection:
    """A connection that reads a file nobody writes (a backup) without locking it or creating files beside it."""
    return _open_uri(path, "immutable=1")


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection (a database that may be damaged: it must not be written, not even checkpointed)."""
    return _open_uri(path, "mode=ro")


def _open_uri(path: Path, query: str) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?{query}"
    key = encryption.KEYS.key_for(path)
    if key is not None:
        return encryption.connect_raw(uri, key, uri=True, timeout=BUSY_MS / 1000)
    return sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_MS / 1000)


def check(conn: sqlite3.Connection, *, quick: bool) -> list[str]:
    """The problems ``PRAGMA quick_check`` (or the full ``integrity_check``) finds; empty when the file is sound."""
    pragma = "PRAGMA quick_check" if quick else "PRAGMA integrity_check"
    try:
        rows = [row[0] for row in conn.execute(pragma).fetchall()]
    except sqlite3.DatabaseError as exc:  # "database disk image is malformed", "file is not a database"
        return [str(exc)]
    return [] if rows == ["ok"] else [str(row) for row in rows]


def check_file(path: Path, *, quick: bool = False, frozen: bool = True) -> list[str]:
    """:func:`check` of the file at ``path`` (``frozen``: a backup; otherwise read-only, a live database)."""
    try:
        conn = open_frozen(path) if frozen else open_read_only(path)
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    try:
        return check(conn, quick=quick)
    finally:
        conn.close()


def write_backup(source_path: Path, target: Path) -> int:
    """Copy the database at ``source_path`` to ``target`` (which must not exist), verified; returns its size.

    Raises OSError (folder missing, not writable, full: ``ENOSPC``), CopyDamaged, or sqlite3.Error; in every case
    no file is left at ``target`` or at its temporary name."""
    part = temporary_name(target)
    if target.exists():
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(target))
    source = open_source(source_path)
    try:
        key = encryption.KEYS.key_for(source_path)  # a backup is encrypted as its database
        dest = _open_target(part) if key is None else _open_target(part, key)
        try:
            _copy(source, dest)
            dest.execute("PRAGMA journal_mode=DELETE")  # the copy is one file; the live database stays in WAL
            dest.execute(f"PRAGMA cache_size=-{CHECK_CACHE_KIB}")
            problems = check(dest, quick=False)
        finally:
            dest.close()
        if problems:
            raise CopyDamaged("; ".join(problems[:3]))
        fsync_file(part)
        os.replace(part, target)
    except sqlite3.Error as exc:
        _remove(part)
        raise _as_os_error(exc, target.parent) from exc
    except BaseException:
        _remove(part)
        raise
    finally:
        source.close()
    fsync_folder(target.parent)
    return target.stat().st_size


def remove_stale_parts(folder: Path, older_than_s: float = 3600) -> list[Path]:
    """Remove what a backup killed half-way left (its temporary file), once it is ``older_than_s`` old: a copy still
    being written by another KommanDesk is younger. The paths removed."""
    import time

    removed = []
    try:
        candidates = [p for p in folder.glob(".kommandesk-backup-*.part*") if p.is_file()]
    except OSError:
        return removed
    for path in candidates:
        try:
            if time.time() - path.stat().st_mtime >= older_than_s:
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed


def _remove(path: Path) -> None:
    for file in (path, *(Path(f"{path}{suffix}") for suffix in SIDE_SUFFIXES)):
        try:
            file.unlink(missing_ok=True)
        except OSError:
            pass  # the failure that brought us here is the one to report


def read_header(path: Path) -> FileHeader:
    """The header fields of a database file; OSError when it cannot be read, StorageError when it is no SQLite file."""
    with path.open("rb") as fh:
        head = fh.read(100)
        size = os.fstat(fh.fileno()).st_size
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        if encryption.KEYS.key_for(path) is not None:  # encrypted with a key this process knows
            return _keyed_header(path, size)
        if encryption.looks_encrypted(path):
            raise StorageError(_("{path} is an encrypted backup, and the passphrase of the open database does not "
                                 "open it. Nothing was changed.").format(path=path))
        raise StorageError(_("{path} is not a KommanDesk backup: it is not a database file. "
                             "Nothing was changed.").format(path=path))
    return FileHeader(user_version=int.from_bytes(head[60:64], "big"),
                      application_id=int.from_bytes(head[68:72], "big"), size=size)


def _keyed_header(path: Path, size: int) -> FileHeader:
    try:
        conn = open_frozen(path)
        try:
            user_version = conn.execute("PRAGMA user_version").fetchone()[0]
            application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise StorageError(_("The file {path} cannot be read: {reason}").format(path=path, reason=exc)) from None
    return FileHeader(user_version=user_version, application_id=application_id, size=size)


def identify(path: Path) -> FileHeader:
    """The header of a backup we can restore; StorageError with the reason for any other file."""
    try:
        header = read_header(path)
    except FileNotFoundError:
        raise StorageError(_("The file {path} does not exist.").format(path=path)) from None
    except IsADirectoryError:
        raise StorageError(_("{path} is a folder, not a backup file.").format(path=path)) from None
    except OSError as exc:
        raise StorageError(_("The file {path} cannot be read: {reason}").format(
            path=path, reason=exc.strerror or exc)) from None
    if header.application_id != APPLICATION_ID or header.user_version < 1:
        raise StorageError(_("{path} is a database of another program, not a KommanDesk backup. "
                             "Nothing was changed.").format(path=path))
    if header.user_version > LATEST_VERSION:
        raise StorageError(_("The backup {path} was made by a newer version of KommanDesk (schema {found}; this "
                             "version knows up to {known}). Install the newer version to restore it. "
                             "Nothing was changed.").format(path=path, found=header.user_version,
                                                            known=LATEST_VERSION))
    return header


def restore_into(source: Path, live: Path) -> None:
    """Replace the content of the live database at ``live`` by the backup at ``source``, in one transaction.
    Every other connection of this process must be closed. A missing ``live`` is made from a temporary file
    renamed when complete."""
    if live.exists() and encryption.KEYS.key_for(source) != encryption.KEYS.key_for(live):
        raise StorageError(_("The backup {path} and the database are not encrypted alike (one has a passphrase, "
                             "the other not, or another one). Switch the database's encryption to match the backup "
                             "in Settings, then restore it. Nothing was changed.").format(path=source))
    if not live.exists():
        _restore_new(source, live)
        return
    src = open_frozen(source)
    try:
        dest = open_source(live)
        try:
            _copy(src, dest)
        except sqlite3.Error as exc:
            raise _as_os_error(exc, live.parent) from exc
        finally:
            dest.close()
    finally:
        src.close()


def _restore_new(source: Path, live: Path) -> None:
    part = temporary_name(live)
    src = open_frozen(source)
    try:
        key = encryption.KEYS.key_for(source)
        dest = _open_target(part) if key is None else _open_target(part, key)
        try:
            _copy(src, dest)
            dest.execute("PRAGMA journal_mode=WAL")
        finally:
            dest.close()
        fsync_file(part)
        if live.exists():
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(live))
        os.replace(part, live)
    except sqlite3.Error as exc:
        _remove(part)
        raise _as_os_error(exc, live.parent) from exc
    except BaseException:
        _remove(part)
        raise
    finally:
        src.close()
    fsync_folder(live.parent)


def move_aside(live: Path, aside: Path) -> None:
    """Rename the database at ``live`` and its side files (-wal, -shm) to ``aside``: nothing is deleted or
    overwritten. All connections to it must be closed."""
    if aside.exists():
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(aside))
    os.rename(live, aside)
    for suffix in SIDE_SUFFIXES:
        side = Path(f"{live}{suffix}")
        if side.exists():
            os.rename(side, Path(f"{aside}{suffix}"))
    fsync_folder(live.parent)


def backup_folder_setting(path: Path) -> str:
    """The backup folder chosen in Settings, read from a database that may be damaged ("" when unreadable)."""
    try:
        conn = open_read_only(path)
    except sqlite3.Error:
        return ""
    try:
        row = conn.execute("SELECT backup_folder FROM organisation ORDER BY created_at LIMIT 1").fetchone()
    except sqlite3.Error:
        return ""
    finally:
        conn.close()
    return row[0] if row and isinstance(row[0], str) else ""
