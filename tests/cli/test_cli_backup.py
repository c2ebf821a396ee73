"""kommandesk-cli backup | restore | check, end to end in-process: verified backups, restore with a copy of the data
before it, every bad input a clear line on stderr with exit 1 and nothing changed."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from kommandesk import paths as paths_mod
from kommandesk.services.context import Services
from kommandesk.store import backup as files
from kommandesk.store.migrations import LATEST_VERSION
from tests.unit.backup_data import (add_volunteer, damage_one_page, damaged_copy, names, names_in, newer_copy,
                                    old_schema_file, other_apps_database, text_file)


@pytest.fixture
def paths(data_dir):
    paths = paths_mod.resolve(data_dir)
    paths.ensure()
    return paths


@pytest.fixture
def filled(paths):
    """A database with two volunteers."""
    services = Services.open(paths)
    try:
        add_volunteer(services, "Amira")
        add_volunteer(services, "Şükrü")
    finally:
        services.close()
    return paths


def stored_names(paths) -> set[str]:
    services = Services.open(paths)
    try:
        return names(services)
    finally:
        services.close()


def test_backup_writes_a_verified_copy_in_the_backup_folder(run, filled):
    code, out, err = run("backup")
    assert (code, err) == (0, "")
    (made,) = filled.backup_dir.glob("kommandesk-backup-*.sqlite3")
    assert out.startswith(f"Backup written: {made} (")
    assert names_in(made) == {"Amira", "Şükrü"}
    assert files.check_file(made) == []


def test_backup_json_and_to_a_file(run, filled, tmp_path):
    target = tmp_path / "stick" / "copy.sqlite3"
    target.parent.mkdir()
    code, out, err = run("backup", "--to", str(target), "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)["backup"]
    assert (data["path"], data["size"], data["schema_version"]) == (str(target), target.stat().st_size,
                                                                   LATEST_VERSION)
    assert names_in(target) == {"Amira", "Şükrü"}


def test_backup_to_a_file_that_exists_is_refused(run, filled, tmp_path):
    target = text_file(tmp_path / "notes.txt")
    before = target.read_bytes()
    code, out, err = run("backup", "--to", str(target))
    assert (code, out) == (1, "")
    assert err.startswith("kommandesk-cli: error: The file")
    assert "exists already" in err
    assert target.read_bytes() == before


def test_backup_to_a_missing_folder(run, filled, tmp_path):
    code, out, err = run("backup", "--to", str(tmp_path / "no-stick" / "copy.sqlite3"))
    assert code == 1
    assert "does not exist" in err and "No backup was made" in err
    assert not (tmp_path / "no-stick").exists()


def test_backup_to_a_full_drive(run, filled, monkeypatch):
    def full(source, dest):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files, "_copy", full)
    code, out, err = run("backup")
    assert code == 1
    assert "is full" in err and "Traceback" not in err
    assert list(filled.backup_dir.iterdir()) == []


def test_backup_messages_in_german(run, filled, tmp_path):
    code, out, err = run("--lang", "de", "backup", "--to", str(tmp_path / "no-stick" / "copy.sqlite3"))
    assert code == 1
    assert err.startswith("kommandesk-cli: Fehler:")


# -- restore -----------------------------------------------------------------------------------------------------

def test_restore_puts_the_backup_in_place_and_keeps_the_data_before(run, filled, tmp_path):
    backup = tmp_path / "monday.sqlite3"
    assert run("backup", "--to", str(backup))[0] == 0
    services = Services.open(filled)
    add_volunteer(services, "Bogdan")
    services.close()

    code, out, err = run("restore", str(backup), "--yes")

    assert (code, err) == (0, "")
    assert f"Restored the backup {backup} (schema {LATEST_VERSION}, now {LATEST_VERSION})." in out
    assert stored_names(filled) == {"Amira", "Şükrü"}
    (before,) = filled.backup_dir.glob("kommandesk-backup-*.sqlite3")
    assert f"The data as it was before is kept in {before}." in out
    assert names_in(before) == {"Amira", "Şükrü", "Bogdan"}


def test_restore_of_a_schema_6_backup_migrates_it(run, filled, tmp_path):
    old = old_schema_file(tmp_path / "2025.sqlite3", 6, organisation="KI Altstadt")
    code, out, err = run("restore", str(old), "--yes")
    assert (code, err) == (0, "")
    assert f"(schema 6, now {LATEST_VERSION})" in out
    code, out, _err = run("organisation", "show", "--json")
    org = json.loads(out)
    assert (org["name"], org["backup_keep_monthly"]) == ("KI Altstadt", 12)


def test_restore_without_yes_asks_and_without_a_terminal_refuses(run, filled, tmp_path):
    backup = tmp_path / "b.sqlite3"
    run("backup", "--to", str(backup))
    code, out, err = run("restore", str(backup))
    assert code == 1
    assert "--yes" in err and "Nothing was changed" in err
    assert list(filled.backup_dir.glob("*")) == []  # not even the copy of the data before


@pytest.mark.parametrize("make,words", [
    (lambda db, tmp: damaged_copy(db, tmp / "damaged.sqlite3"), "is damaged"),
    (lambda db, tmp: text_file(tmp / "list.csv"), "not a database file"),
    (lambda db, tmp: other_apps_database(tmp / "music.db"), "another program"),
    (lambda db, tmp: newer_copy(db, tmp / "newer.sqlite3"), "newer version of KommanDesk"),
    (lambda db, tmp: tmp / "missing.sqlite3", "does not exist"),
])
def test_restore_refuses_a_bad_file_and_changes_nothing(run, filled, tmp_path, make, words):
    good = tmp_path / "good.sqlite3"
    run("backup", "--to", str(good))
    bad_dir = tmp_path / "bad"
    bad_dir.mkdir()
    source = make(good, bad_dir)
    before = source.read_bytes() if source.exists() else None

    code, out, err = run("restore", str(source), "--yes")

    assert (code, out) == (1, "")
    assert err.startswith("kommandesk-cli: error: ")
    assert words in err and "Traceback" not in err
    assert stored_names(filled) == {"Amira", "Şükrü"}
    assert not filled.backup_dir.exists() or list(filled.backup_dir.iterdir()) == []
    if before is not None:
        assert source.read_bytes() == before


# -- check -------------------------------------------------------------------------------------------------------

def test_check_of_a_sound_database(run, filled):
    code, out, err = run("check")
    assert (code, err) == (0, "")
    assert "passed the integrity check" in out
    assert "There is no backup yet" in out
    run("backup")
    code, out, _err = run("check", "--json")
    data = json.loads(out)
    assert (code, data["ok"], data["problems"], data["network_share"]) == (0, True, [], False)
    assert Path(data["newest_backup"]["path"]).parent == filled.backup_dir


def test_check_of_a_damaged_database_exits_1_and_names_the_newest_backup(run, filled):
    services = Services.open(filled)
    for n in range(60):
        add_volunteer(services, f"V{n}")
    services.close()
    run("backup")
    damage_one_page(filled.db_file)
    code, out, err = run("check")
    assert code == 1
    assert f"The database {filled.db_file} is damaged" in err
    assert "kommandesk-cli restore" in err
    code, out, err = run("check", "--json")
    assert code == 1 and json.loads(out)["ok"] is False


def test_check_of_a_database_that_does_not_even_open(run, filled):
    from tests.unit.backup_data import flip_pages

    flip_pages(filled.db_file)
    code, out, err = run("check")
    assert (code, out) == (1, "")
    assert str(filled.db_file) in err and "Traceback" not in err
