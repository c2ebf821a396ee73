"""Encryption at rest: an encrypted database and its backups show no readable text (`strings`), a wrong passphrase
is refused with nothing changed, and switching on, changing and switching off keep every record."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kommandesk.domain.errors import StorageError, ValidationError
from kommandesk.services.backups import BackupService, check_database
from kommandesk.services.context import Services
from kommandesk.services.encryption import EncryptionService
from kommandesk.store import encryption as crypt
from kommandesk.store.db import read_header
from tests.unit.backup_data import add_volunteer, names, text_file

SECRET = "correct horse battery"
OTHER = "another passphrase"
UNIQUE = "Zyphrinexa"  # a name found nowhere else: if it shows in the file, the file is readable


REAL_SETTINGS = crypt.CIPHER_SETTINGS  # as imported, before tests/conftest.py makes key derivation quick


@pytest.fixture(autouse=True)
def _no_keys():
    crypt.KEYS.clear()
    yield
    crypt.KEYS.clear()


def readable(path: Path) -> str:
    if shutil.which("strings") is None:
        pytest.skip("the strings tool is not installed")
    return subprocess.run(["strings", "-n", "4", str(path)], capture_output=True, text=True, check=True).stdout


def encrypted_services(paths, *firsts: str) -> Services:
    plain = Services.open(paths)
    for first in firsts:
        add_volunteer(plain, first)
    EncryptionService(paths).switch_on(SECRET, SECRET, close=plain.close)
    return Services.open(paths)  # this process knows the key now


def test_an_encrypted_database_and_its_backup_show_no_readable_text(paths):
    plain = Services.open(paths)
    add_volunteer(plain, UNIQUE)
    plain.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = readable(paths.db_file)
    assert UNIQUE in before and "SQLite format 3" in before and "volunteers" in before  # the test can see

    EncryptionService(paths).switch_on(SECRET, SECRET, close=plain.close)
    services = Services.open(paths)
    try:
        add_volunteer(services, "Qwyneth")
        backup = BackupService(services.paths, services.organisation).backup_now()
        services.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        for path in (paths.db_file, backup.path):
            text = readable(path)
            for word in (UNIQUE, "Qwyneth", "SQLite format 3", "volunteers", "audit_log", "organisation",
                         "CREATE TABLE"):
                assert word not in text, (path.name, word)
        assert backup.schema_version is not None and check_database(services.store, quick=False) == []
    finally:
        services.close()
    leftovers = [p.name for p in paths.db_file.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []  # the plain copy kept aside during the switch is gone


def test_pages_are_authenticated_with_sha256_and_that_is_needed_to_open_the_file(paths, monkeypatch):
    monkeypatch.setattr(crypt, "CIPHER_SETTINGS", REAL_SETTINGS)  # not the tests' quick key derivation
    services = encrypted_services(paths, "Ada")
    try:
        conn = services.store.conn
        assert conn.execute("PRAGMA cipher_hmac_algorithm").fetchone()[0] == "HMAC_SHA256"
        assert conn.execute("PRAGMA kdf_iter").fetchone()[0] == "256000"
    finally:
        services.close()
    plain_defaults = crypt.dbapi().connect(str(paths.db_file))
    try:
        plain_defaults.execute(f"PRAGMA key = {crypt.quote(SECRET)}")  # SQLCipher 4's defaults: HMAC-SHA512
        with pytest.raises(crypt.dbapi().DatabaseError):
            plain_defaults.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        plain_defaults.close()
    assert crypt.check_passphrase(paths.db_file, SECRET)


def test_an_unencrypted_start_does_not_load_sqlcipher():
    code = ("import sys, tempfile, pathlib; from kommandesk import paths; from kommandesk.services.context import "
            "Services; p = paths.resolve(pathlib.Path(tempfile.mkdtemp())); p.ensure(); Services.open(p).close(); "
            "print('sqlcipher3' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_without_the_passphrase_the_database_is_recognised_and_not_opened(paths):
    encrypted_services(paths, "Amira").close()
    crypt.KEYS.clear()

    with pytest.raises(crypt.PassphraseNeeded, match="encrypted KommanDesk database that needs its passphrase"):
        Services.open(paths)
    with pytest.raises(crypt.PassphraseNeeded, match="not an SQLite database"):
        read_header(paths.db_file)


def test_a_file_that_is_not_ours_is_still_told_apart(tmp_path):
    with pytest.raises(StorageError, match="not an SQLite file"):
        read_header(text_file(tmp_path / "notes.sqlite3"))
    assert not crypt.looks_encrypted(text_file(tmp_path / "other.sqlite3"))


def test_a_wrong_passphrase_is_refused_and_nothing_changes(paths):
    encrypted_services(paths, "Amira").close()
    crypt.KEYS.clear()
    before = paths.db_file.read_bytes()
    crypt.set_provider(lambda path: "not the passphrase")

    with pytest.raises(crypt.WrongPassphrase, match="The passphrase is wrong"):
        Services.open(paths)
    assert paths.db_file.read_bytes() == before

    crypt.set_provider(lambda path: SECRET)
    services = Services.open(paths)
    assert names(services) == {"Amira"}
    services.close()


def test_three_wrong_tries_stop_with_a_clear_message(paths):
    encrypted_services(paths).close()
    crypt.KEYS.clear()
    asked, told = [], []

    with pytest.raises(crypt.WrongPassphrase, match="wrong three times"):
        crypt.ask_with_tries(paths.db_file, lambda attempt: asked.append(attempt) or "nope", lambda: told.append(1))
    assert asked == [1, 2, 3] and len(told) == 2
    assert crypt.ask_with_tries(paths.db_file, lambda attempt: "nope" if attempt < 3 else SECRET) == SECRET


def test_change_and_remove_keep_every_record(paths):
    services = encrypted_services(paths, "Amira", "Łucja", "Şükrü")
    service = EncryptionService(paths)
    service.change(SECRET, OTHER, OTHER, close=services.close)
    crypt.KEYS.clear()
    assert not crypt.check_passphrase(paths.db_file, SECRET) and crypt.check_passphrase(paths.db_file, OTHER)

    crypt.set_provider(lambda path: OTHER)
    services = Services.open(paths)
    assert names(services) == {"Amira", "Łucja", "Şükrü"}
    from kommandesk.services.volunteers import VolunteerQuery

    assert services.volunteers.count(VolunteerQuery(search="sukru")) == 1  # the search index came along
    service.switch_off(OTHER, close=services.close)
    crypt.KEYS.clear()

    assert paths.db_file.read_bytes()[:16] == b"SQLite format 3\x00"
    services = Services.open(paths)
    assert names(services) == {"Amira", "Łucja", "Şükrü"}
    assert check_database(services.store, quick=False) == []
    services.close()


@pytest.mark.parametrize(("new", "again", "field"), [
    ("short", "short", "passphrase"),
    ("long enough", "long enougH", "confirmation"),
    ("", "", "passphrase"),
])
def test_a_bad_new_passphrase_is_refused_before_anything_is_touched(paths, new, again, field):
    services = Services.open(paths)
    closed = []
    with pytest.raises(ValidationError) as caught:
        EncryptionService(paths).switch_on(new, again, close=lambda: closed.append(1))
    assert field in caught.value.errors and closed == []
    assert paths.db_file.read_bytes()[:16] == b"SQLite format 3\x00"
    services.close()


def test_a_wrong_current_passphrase_changes_nothing(paths):
    services = encrypted_services(paths, "Amira")
    before = paths.db_file.stat().st_mtime_ns
    service = EncryptionService(paths)
    with pytest.raises(ValidationError) as caught:
        service.change("guessing wrong", OTHER, OTHER, close=services.close)
    assert "current" in caught.value.errors
    with pytest.raises(ValidationError):
        service.switch_off("guessing wrong", close=services.close)
    with pytest.raises(StorageError, match="encrypted already"):
        service.switch_on(OTHER, OTHER, close=services.close)
    assert names(services) == {"Amira"}  # still open: nothing was closed or swapped
    assert paths.db_file.stat().st_mtime_ns == before
    services.close()


def test_a_failed_conversion_leaves_the_database_as_it_was(paths, monkeypatch):
    services = Services.open(paths)
    add_volunteer(services, "Amira")
    services.close()
    before = sorted(p.name for p in paths.db_file.parent.iterdir())

    def broken(path, passphrase, counts):
        raise StorageError("check failed")

    monkeypatch.setattr(crypt, "_verify", broken)
    with pytest.raises(StorageError):
        EncryptionService(paths).switch_on(SECRET, SECRET, close=lambda: None)
    assert sorted(p.name for p in paths.db_file.parent.iterdir()) == before
    services = Services.open(paths)
    assert names(services) == {"Amira"}
    services.close()


def test_an_encrypted_backup_restores_with_the_key_and_is_refused_without(paths):
    services = encrypted_services(paths, "Amira")
    backups = BackupService(services.paths, services.organisation)
    made = backups.backup_now()
    add_volunteer(services, "Later")
    result = backups.restore(made.path, close=services.close)
    assert result.restored.schema_version is not None
    services = Services.open(paths)
    assert names(services) == {"Amira"}
    services.close()

    crypt.KEYS.clear()
    with pytest.raises(StorageError, match="encrypted backup"):
        backups.check_backup(made.path)
