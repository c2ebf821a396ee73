"""Encryption at rest: a database (and its backups) encrypted with a passphrase through SQLCipher.

SQLCipher (the ``sqlcipher3`` module of the ``sqlcipher3-wheels`` package) is imported only when an encrypted file is
opened or encryption is switched on: an unencrypted database starts without it.

Keys
  The passphrase of an open database is kept for this process in :class:`Keyring` (``KEYS``), by file path, so that
  every connection the app opens to it (the app's own, a background task's, a backup's) can use it without passing
  it through every layer. A backup written from an encrypted database is encrypted with the same key, and a file
  with no key of its own is tried with the keys already known. When a file needs a key nobody gave yet,
  :func:`obtain_key` asks the *provider* the front end installed (the CLI: environment variable or terminal; the
  GUI: the passphrase dialog).

Compatibility
  The rest of the store was written against the standard ``sqlite3`` module: it sets ``sqlite3.Row`` as row factory
  and catches ``sqlite3.IntegrityError`` and friends. SQLCipher's module has classes of its own, so its connections
  here translate ``sqlite3.Row`` to SQLCipher's Row, and its exception classes are made subclasses of the standard
  ones (once, at first import): ``except sqlite3.IntegrityError`` catches both.

Switching
  :func:`reencrypt` writes the whole database into a new file under the new key (``sqlcipher_export``; an empty key
  writes a plain file), checks the copy (integrity check, the same row counts), then swaps it in place. The old file
  is kept aside until the new one opened with its key, and only then overwritten and removed. Nothing is lost on a
  failure: the new file is removed and the old one stays (or is put back).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from kommandesk.domain.errors import StorageError
from kommandesk.i18n import _

SQLITE_MAGIC = b"SQLite format 3\x00"
SNIFF_BYTES = 1024
MIN_DISTINCT = 160  # 1,024 random bytes show about 250 of the 256 values; text, PDFs and images far fewer
MAX_TRIES = 3
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


class WrongPassphrase(StorageError):
    def __init__(self, message: str | None = None):
        super().__init__(message or _("The passphrase is wrong. Nothing was changed."))


class PassphraseNeeded(StorageError):
    """An encrypted database and no way to ask for its passphrase."""


# -- detection -------------------------------------------------------------------------------------------------

def looks_encrypted(path: Path) -> bool:
    """Whether ``path`` is most likely an encrypted database: not SQLite's header, whole pages, random from byte 0."""
    try:
        with Path(path).open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
            size = os.fstat(fh.fileno()).st_size
    except OSError:
        return False
    if len(head) < SNIFF_BYTES or head.startswith(SQLITE_MAGIC) or size % 512:
        return False
    return len(set(head)) >= MIN_DISTINCT


def encrypted_message(path: Path) -> str:
    # without the key an encrypted database cannot be told from random bytes: the message says both
    return _("{path} is an encrypted KommanDesk database that needs its passphrase, or a file that is not an "
             "SQLite database at all. Nothing was changed.").format(path=path)


# -- SQLCipher, loaded on first use ---------------------------------------------------------------------------------

@functools.cache
def dbapi():
    """SQLCipher's DB-API module, with its classes made compatible with the standard module's (see the top)."""
    from sqlcipher3 import dbapi2 as sc

    # (Error and Warning themselves cannot be re-based; SQLCipher raises their subclasses)
    for name in ("InterfaceError", "DatabaseError", "DataError", "OperationalError", "IntegrityError",
                 "InternalError", "ProgrammingError", "NotSupportedError"):
        theirs, ours = getattr(sc, name), getattr(sqlite3, name)
        if not issubclass(theirs, ours):
            theirs.__bases__ = (ours, *theirs.__bases__)

    def as_theirs(factory):
        return sc.Row if factory is sqlite3.Row else factory

    class Cursor(sc.Cursor):
        @property
        def row_factory(self):
            return sc.Cursor.row_factory.__get__(self)

        @row_factory.setter
        def row_factory(self, value):
            sc.Cursor.row_factory.__set__(self, as_theirs(value))

    class Connection(sc.Connection):
        def cursor(self, factory=Cursor):
            return super().cursor(factory)

        @property
        def row_factory(self):
            return sc.Connection.row_factory.__get__(self)

        @row_factory.setter
        def row_factory(self, value):
            sc.Connection.row_factory.__set__(self, as_theirs(value))

    sc.KommanDeskConnection = Connection
    quiet = sc.connect(":memory:")  # a wrong key is our user's mistake, not SQLCipher's error: no log on stderr
    try:
        quiet.execute("PRAGMA cipher_log_level = NONE")
    except sc.Error:
        pass
    finally:
        quiet.close()
    return sc


# SQLCipher 4's defaults, except the per-page HMAC: SHA-256 instead of SHA-512. Every page read is decrypted and its
# HMAC checked; SHA-256 runs in hardware on current x86 and ARM processors (SHA-512 does not), which brought the
# Volunteers list's first page on a freshly opened 50,000-volunteer database from 1.8x to 1.4x of the unencrypted one
# (benchmarks/bench_encryption.py). The key derivation stays PBKDF2-HMAC-SHA512 with 256,000 iterations. A file is
# always written and opened with these settings (they are not stored in it).
CIPHER_SETTINGS = (("cipher_hmac_algorithm", "HMAC_SHA256"),)


def quote(text: str) -> str:
    if "\x00" in text:
        raise WrongPassphrase(_("A passphrase cannot contain a NUL character."))
    return "'" + text.replace("'", "''") + "'"


def connect_raw(target: str | Path, passphrase: str | None, *, uri: bool = False, timeout: float = 5.0):
    """An SQLCipher connection with the key set and tried (WrongPassphrase when it does not open the file)."""
    sc = dbapi()
    conn = sc.connect(str(target), isolation_level=None, uri=uri, timeout=timeout,
                      factory=sc.KommanDeskConnection, check_same_thread=True)
    try:
        if passphrase is not None:
            conn.execute(f"PRAGMA key = {quote(passphrase)}")
            for name, value in CIPHER_SETTINGS:
                conn.execute(f"PRAGMA {name} = {value}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sc.DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc):
            raise WrongPassphrase() from None
        raise
    except BaseException:
        conn.close()
        raise
    return conn


def check_passphrase(path: Path, passphrase: str) -> bool:
    try:
        connect_raw(f"{Path(path).resolve().as_uri()}?mode=ro", passphrase, uri=True).close()
    except WrongPassphrase:
        return False
    return True


# -- the keys of this process ---------------------------------------------------------------------------------------

def _norm(path: Path | str) -> str:
    return os.path.normcase(os.path.abspath(str(path)))


class Keyring:
    """Passphrases by file path, and the provider asked for one that is not known yet."""

    def __init__(self):
        self._keys: dict[str, str] = {}
        self.provider: Callable[[Path], str] | None = None

    def remember(self, path: Path, passphrase: str) -> None:
        self._keys[_norm(path)] = passphrase

    def forget(self, path: Path) -> None:
        self._keys.pop(_norm(path), None)

    def clear(self) -> None:
        self._keys.clear()
        self.provider = None

    def known(self, path: Path) -> str | None:
        return self._keys.get(_norm(path))

    def key_for(self, path: Path) -> str | None:
        """The key of ``path``: its own, else (an encrypted file such as a backup) a known key that opens it."""
        own = self.known(path)
        if own is not None or not looks_encrypted(path):
            return own
        for passphrase in dict.fromkeys(self._keys.values()):
            if check_passphrase(path, passphrase):
                self.remember(path, passphrase)
                return passphrase
        return None


KEYS = Keyring()


def set_provider(provider: Callable[[Path], str] | None) -> None:
    """What asks for a passphrase: called with the file, returns one that opens it or raises StorageError."""
    KEYS.provider = provider


def obtain_key(path: Path) -> str:
    """The passphrase of the encrypted database ``path``: known already, else asked for through the provider."""
    known = KEYS.key_for(path)
    if known is not None:
        return known
    if KEYS.provider is None:
        raise PassphraseNeeded(encrypted_message(path))
    passphrase = KEYS.provider(path)
    if not check_passphrase(path, passphrase):
        raise WrongPassphrase()
    KEYS.remember(path, passphrase)
    return passphrase


def ask_with_tries(path: Path, ask: Callable[[int], str | None], told: Callable[[], None] | None = None) -> str:
    """Ask (``ask(attempt)``; None: the user gave up) up to three times for a passphrase that opens ``path``."""
    for attempt in range(1, MAX_TRIES + 1):
        passphrase = ask(attempt)
        if passphrase is None:
            raise PassphraseNeeded(_("No passphrase was given. Nothing was changed."))
        if check_passphrase(path, passphrase):
            return passphrase
        if told is not None and attempt < MAX_TRIES:
            told()
    raise WrongPassphrase(_("The passphrase was wrong three times. KommanDesk stops here; nothing was changed."))


# -- switching encryption on, changing the passphrase, switching it off --------------------------------------------

def reencrypt(path: Path, old: str | None, new: str | None) -> None:
    """Write the database at ``path`` (key ``old``, None: plain) anew under ``new`` (None: plain), checked, and put
    it in place; the old file is then overwritten and removed. Every connection to ``path`` must be closed."""
    path = Path(path)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
    fresh = path.with_name(f".{path.name}.{stamp}.new")
    aside = path.with_name(f".{path.name}.{stamp}.old")
    try:
        counts = _export(path, old, fresh, new)
        _verify(fresh, new, counts)
    except BaseException:
        _remove(fresh)
        raise
    _move(path, aside)
    try:
        os.replace(fresh, path)
        _fsync_folder(path.parent)
        _verify(path, new, counts)
    except BaseException:
        if path.exists():
            _remove(path)
        _move(aside, path)
        _remove(fresh)
        raise
    if new is None:
        KEYS.forget(path)
    else:
        KEYS.remember(path, new)
    shred(aside)


def _export(source: Path, old: str | None, target: Path, new: str | None) -> dict[str, int]:
    conn = connect_raw(source, old)
    try:
        conn.execute("PRAGMA busy_timeout=5000")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        counts = table_counts(conn)
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        conn.execute(f"ATTACH DATABASE {quote(str(target))} AS fresh KEY {quote(new or '')}")
        try:
            if new:
                for name, value in CIPHER_SETTINGS:
                    conn.execute(f"PRAGMA fresh.{name} = {value}")
            conn.execute("SELECT sqlcipher_export('fresh')")
            conn.execute(f"PRAGMA fresh.user_version={int(user_version)}")
            conn.execute(f"PRAGMA fresh.application_id={int(application_id)}")
        finally:
            conn.execute("DETACH DATABASE fresh")
    finally:
        conn.close()
    out = connect_raw(target, new)
    try:
        out.execute("PRAGMA journal_mode=WAL")
    finally:
        out.close()
    with target.open("r+b") as fh:
        os.fsync(fh.fileno())
    return counts


def table_counts(conn) -> dict[str, int]:
    names = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def _verify(path: Path, passphrase: str | None, counts: dict[str, int]) -> None:
    conn = connect_raw(path, passphrase)
    try:
        result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        same = table_counts(conn) == counts
    finally:
        conn.close()
    if result != ["ok"] or not same:
        raise StorageError(_("The converted copy of the database did not pass its check. The database was left "
                             "as it was."))


def _move(source: Path, target: Path) -> None:
    os.replace(source, target)
    for suffix in SIDE_SUFFIXES:
        side = Path(f"{source}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{target}{suffix}"))


def _remove(path: Path) -> None:
    for file in (path, *(Path(f"{path}{suffix}") for suffix in SIDE_SUFFIXES)):
        try:
            file.unlink(missing_ok=True)
        except OSError:
            pass


def shred(path: Path) -> None:
    """Overwrite a file (and its side files) with zeros, sync, and remove it. On flash drives the old blocks may
    survive in the drive's spare area: this is the best a program can do."""
    for file in (path, *(Path(f"{path}{suffix}") for suffix in SIDE_SUFFIXES)):
        try:
            size = file.stat().st_size
        except OSError:
            continue
        try:
            with file.open("r+b") as fh:
                block = b"\x00" * 65536
                written = 0
                while written < size:
                    fh.write(block[:min(len(block), size - written)])
                    written += len(block)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError:
            pass
        try:
            file.unlink()
        except OSError:
            pass


def _fsync_folder(folder: Path) -> None:
    if os.name == "nt":
        return
    try:
        fd = os.open(str(folder), os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
