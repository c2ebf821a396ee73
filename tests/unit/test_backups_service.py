"""BackupService: verified backups, pruning, restore (old schemas migrated), every bad input refused with nothing
changed, the check on start, a damaged database rescued, two connections writing, network drives."""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import os
import shutil
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from kommandesk.domain.backups import KeepPolicy
from kommandesk.domain.errors import StorageError, ValidationError
from kommandesk.services import backups as backups_mod
from kommandesk.services.backups import BackupService, BackupSettings
from kommandesk.services.context import Services
from kommandesk.store import backup as files
from kommandesk.store.migrations import LATEST_VERSION
from tests.unit.backup_data import (add_volunteer, damage_one_page, damaged_copy, flip_pages, names, names_in,
                                    newer_copy, old_schema_file, other_apps_database, text_file)

UTC = dt.UTC
NOW = dt.datetime(2026, 3, 10, 9, 30, tzinfo=UTC)


@pytest.fixture
def service(services):
    return BackupService(services.paths, services.organisation, now=lambda: NOW, tz=UTC)


def folder_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def configure(services, **backup_fields):
    org = dataclasses.replace(services.organisation.get(), name="KI Köln", postcode="50667", **backup_fields)
    return services.organisation.save(org)


# -- making a backup ---------------------------------------------------------------------------------------------

def test_a_backup_is_a_checked_single_file_copy_in_the_data_folders_backups(services, service):
    add_volunteer(services, "Amira")
    add_volunteer(services, "Łucja")

    made = service.backup_now()

    assert made.path == services.paths.backup_dir / "kommandesk-backup-20260310T093000Z.sqlite3"
    assert folder_files(services.paths.backup_dir) == [made.name]  # one file: no -wal, no temporary left
    assert (made.made_at, made.schema_version, made.size) == (NOW, LATEST_VERSION, made.path.stat().st_size)
    assert names_in(made.path) == {"Amira", "Łucja"}
    assert files.check_file(made.path) == []
    assert made.path.read_bytes()[18:20] == b"\x01\x01"  # a rollback journal: opening it makes no -wal beside it
    assert services.store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"  # the live one keeps WAL


def test_two_backups_in_one_second_do_not_overwrite_each_other(services, service):
    first = service.backup_now()
    second = service.backup_now()
    assert first.path != second.path
    assert second.name == "kommandesk-backup-20260310T093000Z-2.sqlite3"
    assert [b.path for b in service.list_backups()] == [second.path, first.path]


def test_a_backup_to_a_chosen_file(services, service, tmp_path):
    add_volunteer(services, "Amira")
    made = service.backup_now(to=tmp_path / "copy.sqlite3")
    assert names_in(made.path) == {"Amira"}
    assert not services.paths.backup_dir.exists()


def test_a_backup_is_consistent_while_another_connection_writes(services, service):
    """A write transaction open in another connection is not half in the backup (and does not block it)."""
    add_volunteer(services, "Amira")
    other = sqlite3.connect(services.paths.db_file, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE volunteers SET first_name = 'Half'")
    try:
        made = service.backup_now()
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert names_in(made.path) == {"Amira"}


# -- bad backup folders: a clear message, no file that looks like a backup -----------------------------------------

def test_a_chosen_folder_that_is_missing_is_not_made_up(services, service, tmp_path):
    missing = tmp_path / "usb-stick" / "Backups"
    settings = BackupSettings(missing, KeepPolicy(), chosen=True)
    with pytest.raises(StorageError) as caught:
        service.backup_now(settings=settings)
    assert str(missing) in caught.value.message
    assert "does not exist" in caught.value.message
    assert "No backup was made" in caught.value.message
    assert not missing.exists() and not missing.parent.exists()


def test_a_folder_that_cannot_be_written(services, service, tmp_path, monkeypatch):
    folder = tmp_path / "read-only"
    folder.mkdir()
    monkeypatch.setattr(backups_mod.os, "access", lambda path, mode: False)  # the test may run as root
    with pytest.raises(StorageError) as caught:
        service.backup_now(settings=BackupSettings(folder, KeepPolicy(), chosen=True))
    assert f"cannot write to {folder}" in caught.value.message
    assert folder_files(folder) == []


def test_a_write_refused_by_the_system(services, service, tmp_path, monkeypatch):
    def refuse(path):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(files, "_open_target", refuse)
    with pytest.raises(StorageError) as caught:
        service.backup_now()
    assert "cannot write to the backup folder" in caught.value.message
    assert folder_files(services.paths.backup_dir) == []


def test_a_full_drive_says_so_and_leaves_no_partial_file(services, service, monkeypatch):
    add_volunteer(services, "Amira")
    written = []

    def full(source, dest):
        dest.execute("CREATE TABLE started (x)")  # something of the copy is on disk already
        written.append(dest)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files, "_copy", full)
    with pytest.raises(StorageError) as caught:
        service.backup_now()
    assert written
    assert caught.value.message == (f"The drive of the backup folder {service.settings().folder} is full. Free some "
                                    "space there or choose another folder. No backup was made.")
    assert folder_files(services.paths.backup_dir) == []
    assert names(services) == {"Amira"}


def test_sqlites_own_disk_full_is_the_same_message(services, service, monkeypatch):
    add_volunteer(services, "Amira")
    opened = files._open_target

    def tiny(path):
        conn = opened(path)
        conn.execute("PRAGMA max_page_count=3")  # SQLite reports SQLITE_FULL after three pages
        return conn

    monkeypatch.setattr(files, "_open_target", tiny)
    with pytest.raises(StorageError) as caught:
        service.backup_now()
    assert "is full" in caught.value.message
    assert folder_files(services.paths.backup_dir) == []


def test_a_copy_that_fails_its_check_is_removed(services, service, monkeypatch):
    monkeypatch.setattr(files, "check", lambda conn, quick: ["Page 7: btreeInitPage() returns error code 11"])
    with pytest.raises(StorageError) as caught:
        service.backup_now()
    assert "did not pass its check" in caught.value.message
    assert folder_files(services.paths.backup_dir) == []


def test_a_chosen_file_that_exists_is_not_overwritten(services, service, tmp_path):
    target = text_file(tmp_path / "notes.sqlite3")
    before = target.read_bytes()
    with pytest.raises(StorageError) as caught:
        service.backup_now(to=target)
    assert "exists already" in caught.value.message
    assert target.read_bytes() == before


# -- keeping and pruning -----------------------------------------------------------------------------------------

def put_backups(service, folder: Path, stamps: list[dt.datetime]) -> None:
    """Backups 'made' at ``stamps``: copies of one real backup under those names."""
    real = service.backup_now(to=folder.parent / "seed.sqlite3")
    folder.mkdir(parents=True, exist_ok=True)
    for stamp in stamps:
        shutil.copyfile(real.path, folder / f"kommandesk-backup-{stamp:%Y%m%dT%H%M%SZ}.sqlite3")


def test_pruning_keeps_the_newest_of_each_day_week_and_month_and_nothing_else(services, service):
    folder = services.paths.backup_dir
    days = [dt.datetime(2026, 3, d, h, tzinfo=UTC) for d in (1, 2, 8, 9, 10) for h in (8, 17)]
    put_backups(service, folder, [*days, dt.datetime(2026, 1, 15, 12, tzinfo=UTC)])
    others = ("before-migration-v6-20250101T000000Z.sqlite3", ".kommandesk-backup-x.sqlite3.part", "notes.txt",
              "kommandesk-backup-20260101T000000Z.sqlite3")  # the last: another program's file named like a backup
    for other in others:
        (folder / other).write_text("keep me", encoding="utf-8")

    removed = service.prune(BackupSettings(folder, KeepPolicy(daily=2, weekly=2, monthly=2), chosen=False))

    # days: 10 Mar 17:00, 9 Mar 17:00; weeks: week 11 (9-10 Mar) -> 10 Mar, week 10 (2-8 Mar) -> 8 Mar 17:00;
    # months: March -> 10 Mar, February has none, January -> 15 Jan
    assert [b.made_at for b in service.list_backups(BackupSettings(folder, KeepPolicy(), False))] == [
        dt.datetime(2026, 3, 10, 17, tzinfo=UTC), dt.datetime(2026, 3, 9, 17, tzinfo=UTC),
        dt.datetime(2026, 3, 8, 17, tzinfo=UTC), dt.datetime(2026, 1, 15, 12, tzinfo=UTC),
        dt.datetime(2026, 1, 1, tzinfo=UTC)]
    assert len(removed) == 11 - 4
    for other in others:
        assert (folder / other).read_text(encoding="utf-8") == "keep me"


def test_the_automatic_backup_waits_24_hours_then_makes_one_and_prunes(services, tmp_path):
    clock = [NOW]
    service = BackupService(services.paths, services.organisation, now=lambda: clock[0], tz=UTC)
    settings = BackupSettings(services.paths.backup_dir, KeepPolicy(daily=1, weekly=0, monthly=0), chosen=False)

    first = service.automatic(settings)
    assert first is not None
    clock[0] = NOW + dt.timedelta(hours=23)
    assert service.automatic(settings) is None  # not due yet
    assert service.automatic(settings, force=True) is not None  # on close after changes: made, the older pruned
    assert [b.made_at for b in service.list_backups(settings)] == [NOW + dt.timedelta(hours=23)]
    clock[0] = NOW + dt.timedelta(hours=47)
    assert service.automatic(settings) is not None


def test_a_foreign_or_newer_file_named_like_a_backup_does_not_stop_the_automatic_backups(services, service):
    folder = services.paths.backup_dir
    folder.mkdir(parents=True)
    text_file(folder / "kommandesk-backup-20260310T080000Z.sqlite3")  # an hour before NOW
    assert service.newest() is None
    assert service.is_due()
    made = service.backup_now()
    newer_copy(made.path, folder / "kommandesk-backup-20260310T093001Z.sqlite3")
    assert service.newest().path == made.path


def test_what_a_killed_backup_left_is_removed_by_the_next_automatic_one_once_it_is_old(services, service):
    folder = services.paths.backup_dir
    folder.mkdir(parents=True)
    stale = folder / ".kommandesk-backup-20260301T000000Z.sqlite3.part"
    fresh = folder / ".kommandesk-backup-20260310T093000Z.sqlite3.part"  # another window's backup, being written
    for path in (stale, fresh):
        path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    os.utime(stale, (stale.stat().st_atime, stale.stat().st_mtime - 7200))
    service.automatic(BackupSettings(folder, KeepPolicy(), chosen=False))
    assert not stale.exists()
    assert fresh.exists()


def test_the_list_tells_size_and_schema_and_marks_a_foreign_file(services, service):
    made = service.backup_now()
    foreign = text_file(services.paths.backup_dir / "kommandesk-backup-20260101T000000Z.sqlite3")
    found = service.list_backups()
    assert [(b.path, b.schema_version) for b in found] == [(made.path, LATEST_VERSION), (foreign, None)]
    assert found[1].size == foreign.stat().st_size
    assert service.list_backups(BackupSettings(services.paths.data_dir / "nowhere", KeepPolicy(), True)) == []


# -- backup settings ---------------------------------------------------------------------------------------------

def test_settings_are_the_defaults_until_chosen(services, service):
    settings = service.settings()
    assert settings == BackupSettings(services.paths.backup_dir, KeepPolicy(7, 4, 12), chosen=False)


def test_saving_the_settings(services, service, tmp_path):
    configure(services)
    saved = service.save_settings(f"  {tmp_path}  ", 3, 0, 6)
    assert saved == BackupSettings(tmp_path, KeepPolicy(3, 0, 6), chosen=True)
    assert services.organisation.get().backup_folder == str(tmp_path)
    assert services.organisation.get().name == "KI Köln"
    assert service.save_settings("", 7, 4, 12).folder == services.paths.backup_dir


@pytest.mark.parametrize("folder,counts,field,words", [
    ("{tmp}/missing", (7, 4, 12), "backup_folder", "does not exist"),
    ("{tmp}/a-file", (7, 4, 12), "backup_folder", "is a file, not a folder"),
    ("relative/folder", (7, 4, 12), "backup_folder", "complete path"),
    ("", (0, 0, 0), "backup_keep_daily", "at least one backup"),
    ("", (7, 101, 12), "backup_keep_weekly", "Between 0 and 100"),
])
def test_bad_settings_are_refused_and_nothing_is_saved(services, service, tmp_path, folder, counts, field, words):
    configure(services)
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        service.save_settings(folder.format(tmp=tmp_path), *counts)
    assert list(caught.value.errors) == [field]
    assert words in caught.value.errors[field]
    assert service.settings() == BackupSettings(services.paths.backup_dir, KeepPolicy(7, 4, 12), chosen=False)


def test_settings_wait_for_the_organisation(services, service, tmp_path):
    with pytest.raises(ValidationError) as caught:
        service.save_settings(str(tmp_path), 7, 4, 12)
    assert "organisation's details first" in caught.value.errors["backup_folder"]
    assert not services.organisation.is_configured()


# -- restore -----------------------------------------------------------------------------------------------------

def reopen(services) -> Services:
    services.close()
    return Services.open(services.paths)


def test_restore_backs_up_the_current_data_first_then_puts_the_backup_in_place(services, service):
    add_volunteer(services, "Amira")
    backup = service.backup_now()
    add_volunteer(services, "Bogdan")
    closed = []

    result = service.restore(backup.path, close=lambda: (closed.append(True), services.close()))

    assert closed == [True]
    assert result.restored.path == backup.path
    assert result.schema_after == LATEST_VERSION
    assert names_in(result.safety_copy.path) == {"Amira", "Bogdan"}  # the data as it was before
    again = Services.open(services.paths)
    try:
        assert names(again) == {"Amira"}
        add_volunteer(again, "Chiara")  # the restored database works
        assert names(again) == {"Amira", "Chiara"}
    finally:
        again.close()


def test_a_backup_of_an_older_schema_is_migrated_after_restore(services, service, tmp_path):
    add_volunteer(services, "Amira")
    old = old_schema_file(tmp_path / "old-v6.sqlite3", 6)
    assert files.read_header(old).user_version == 6

    result = service.restore(old, close=services.close)

    assert result.schema_after == LATEST_VERSION
    again = Services.open(services.paths)
    try:
        org = again.organisation.get()
        assert (org.name, org.backup_keep_daily, org.backup_folder) == ("KI Altstadt", 7, "")
        assert again.store.schema_version == LATEST_VERSION
        assert names(again) == set()
    finally:
        again.close()
    assert names_in(result.safety_copy.path) == {"Amira"}
    assert list(services.paths.backup_dir.glob("before-migration-v6-*.sqlite3"))  # copied aside before migrating


@pytest.mark.parametrize("make,words", [
    (lambda live, tmp: damaged_copy(live, tmp / "damaged.sqlite3"), "is damaged"),
    (lambda live, tmp: text_file(tmp / "list.csv"), "not a database file"),
    (lambda live, tmp: other_apps_database(tmp / "music.db"), "another program"),
    (lambda live, tmp: newer_copy(live, tmp / "newer.sqlite3"), "newer version of KommanDesk"),
    (lambda live, tmp: tmp / "missing.sqlite3", "does not exist"),
    (lambda live, tmp: tmp, "is a folder"),
    (lambda live, tmp: live, "KommanDesk is using now"),
    (lambda live, tmp: (tmp / "empty.sqlite3", (tmp / "empty.sqlite3").write_bytes(b""))[0], "not a database file"),
])
def test_a_restore_is_refused_with_nothing_changed(services, service, tmp_path, make, words):
    add_volunteer(services, "Amira")
    good = service.backup_now(to=tmp_path / "good.sqlite3")
    source_dir = tmp_path / "sources"
    source_dir.mkdir()
    source = make(good.path if words != "KommanDesk is using now" else services.paths.db_file, source_dir)
    before = source.read_bytes() if source.is_file() else None
    closed = []

    with pytest.raises(StorageError) as caught:
        service.restore(source, close=lambda: closed.append(True))

    assert words in caught.value.message
    assert "Traceback" not in caught.value.message
    assert closed == []  # refused before anything was closed
    assert names(services) == {"Amira"}
    assert folder_files(services.paths.backup_dir) == []  # not even the safety copy
    if before is not None and source != services.paths.db_file:
        assert source.read_bytes() == before
        assert not Path(f"{source}-wal").exists()  # read without a trace


def test_a_restore_that_fails_while_copying_leaves_the_data_as_it_was(services, service, monkeypatch):
    add_volunteer(services, "Amira")
    backup = service.backup_now()
    add_volunteer(services, "Bogdan")
    copy = files._copy

    def full_on_restore(source, dest):
        if dest.execute("PRAGMA database_list").fetchone()[2] == str(services.paths.db_file):
            raise sqlite3.OperationalError("database or disk is full")
        copy(source, dest)

    monkeypatch.setattr(files, "_copy", full_on_restore)
    with pytest.raises(StorageError) as caught:
        service.restore(backup.path, close=services.close)
    assert "could not be restored" in caught.value.message
    assert "left as it was" in caught.value.message
    again = Services.open(services.paths)
    try:
        assert names(again) == {"Amira", "Bogdan"}
    finally:
        again.close()


# -- the check on start, a damaged database ------------------------------------------------------------------------

def test_the_start_check_passes_a_sound_database(services):
    add_volunteer(services, "Amira")
    assert backups_mod.check_database(services.store) == []


def test_the_start_check_finds_a_damaged_page(services, tmp_path):
    for n in range(60):
        add_volunteer(services, f"V{n}")
    paths = services.paths
    services.close()
    damage_one_page(paths.db_file)
    damaged = Services.open(paths)  # the header and the schema are fine: it opens
    try:
        assert backups_mod.check_database(damaged.store) != []
    finally:
        damaged.close()


def test_damage_is_told_apart_from_a_file_that_is_not_ours(services, tmp_path):
    paths = services.paths
    services.close()
    assert backups_mod.damage(paths.db_file) == []
    assert backups_mod.damage(text_file(tmp_path / "t.sqlite3")) == []
    assert backups_mod.damage(other_apps_database(tmp_path / "o.sqlite3")) == []
    assert backups_mod.damage(newer_copy(paths.db_file, tmp_path / "n.sqlite3")) == []
    assert backups_mod.damage(damaged_copy(paths.db_file, tmp_path / "d.sqlite3")) != []


def test_a_damaged_database_is_moved_aside_untouched_and_the_backup_restored(services, service):
    add_volunteer(services, "Amira")
    backup = service.backup_now()
    add_volunteer(services, "Bogdan")
    paths = services.paths
    services.close()
    flip_pages(paths.db_file)
    damaged_bytes = paths.db_file.read_bytes()

    found = backups_mod.newest_good_backup(backups_mod.candidate_folders(paths))
    assert found.path == backup.path
    aside = backups_mod.rescue(paths, found, now=NOW)

    assert aside == paths.data_dir / "kommandesk-damaged-20260310T093000Z.sqlite3"
    assert aside.read_bytes() == damaged_bytes  # kept for rescue, byte for byte
    again = Services.open(paths)
    try:
        assert names(again) == {"Amira"}
        assert backups_mod.check_database(again.store) == []
    finally:
        again.close()


def test_the_newest_good_backup_skips_damaged_and_foreign_ones(services, service, tmp_path):
    add_volunteer(services, "Amira")
    good = service.backup_now()
    folder = services.paths.backup_dir
    damaged_copy(good.path, folder / "kommandesk-backup-20260311T000000Z.sqlite3")
    text_file(folder / "kommandesk-backup-20260312T000000Z.sqlite3")
    assert backups_mod.newest_good_backup([folder, tmp_path / "missing"]).path == good.path
    assert backups_mod.newest_good_backup([tmp_path / "missing"]) is None


def test_the_backup_folder_named_in_a_damaged_database_is_searched_first(services, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    configure(services, backup_folder=str(usb))
    paths = services.paths
    services.close()
    assert backups_mod.candidate_folders(paths) == [usb, paths.backup_dir]


def test_a_rescue_that_fails_puts_the_damaged_file_back(services, service, monkeypatch):
    backup = service.backup_now()
    paths = services.paths
    services.close()
    flip_pages(paths.db_file)
    damaged_bytes = paths.db_file.read_bytes()

    def fail(source, dest):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files, "_copy", fail)
    with pytest.raises(StorageError):
        backups_mod.rescue(paths, backup, now=NOW)
    assert paths.db_file.read_bytes() == damaged_bytes
    assert [p.name for p in paths.data_dir.glob("kommandesk-damaged-*")] == []


# -- two connections on one file ---------------------------------------------------------------------------------

def test_two_services_over_one_file_see_each_others_writes(paths):
    first, second = Services.open(paths), Services.open(paths)
    try:
        stamp = first.store.change_stamp()
        add_volunteer(first, "Amira")
        add_volunteer(second, "Bogdan")
        add_volunteer(first, "Chiara")
        assert names(first) == names(second) == {"Amira", "Bogdan", "Chiara"}
        assert first.store.change_stamp() != stamp  # the Overview of the first window reads again
    finally:
        first.close()
        second.close()


def test_a_save_waits_while_another_window_saves(paths):
    """Another window (its own Services, its own thread) is in the middle of saving when this one saves: this one
    waits (busy timeout 5 s) and both records arrive; no 'database is locked' reaches the user."""
    Services.open(paths).close()
    holding, errors = threading.Event(), []

    def other_window() -> None:
        mine = Services.open(paths)
        try:
            with mine.store.db.atomic():
                add_volunteer(mine, "Amira")
                holding.set()
                time.sleep(0.4)  # a slow save (an import, a batch of certificates) still writing
        except Exception as exc:  # noqa: BLE001 - what that user would see
            errors.append(exc)
        finally:
            mine.close()

    second = Services.open(paths)
    thread = threading.Thread(target=other_window)
    try:
        thread.start()
        assert holding.wait(5)
        add_volunteer(second, "Bogdan")  # starts while the other one holds the write lock
        thread.join(10)
        assert errors == []
        assert names(second) == {"Amira", "Bogdan"}
    finally:
        thread.join(10)
        second.close()


# -- network drives ----------------------------------------------------------------------------------------------

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
server:/export/home /home/shared nfs4 rw,relatime 0 0
//nas/kommandesk /mnt/nas cifs rw,vers=3.0 0 0
user@host:/srv /mnt/ssh fuse.sshfs rw 0 0
/dev/sdb1 /mnt/nas/usb vfat rw 0 0
//nas/with\\040space /mnt/with\\040space smb3 rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""


@pytest.mark.parametrize("path,network", [
    ("/home/shared/kommandesk/kommandesk.sqlite3", True),
    ("/mnt/nas/kommandesk.sqlite3", True),
    ("/mnt/ssh/db.sqlite3", True),
    ("/mnt/with space/db.sqlite3", True),
    ("/mnt/nas/usb/db.sqlite3", False),  # a USB stick mounted inside the share: the longer mount point wins
    ("/home/sharedother/db.sqlite3", False),
    ("/var/lib/kommandesk.sqlite3", False),
    ("/tmp/x.sqlite3", False),
])
def test_network_file_systems_on_linux(path, network):
    assert backups_mod.is_network_path(Path(path), system="posix", mounts_text=MOUNTS) is network


@pytest.mark.parametrize("path,remote_drives,network", [
    (r"\\server\share\KommanDesk\kommandesk.sqlite3", "", True),
    ("//server/share/kommandesk.sqlite3", "", True),
    (r"\\?\UNC\server\share\kommandesk.sqlite3", "", True),
    (r"\\?\C:\Daten\kommandesk.sqlite3", "", False),
    (r"Z:\KommanDesk\kommandesk.sqlite3", "Z", True),  # a mapped network drive
    (r"C:\Users\anna\AppData\kommandesk.sqlite3", "Z", False),
])
def test_network_paths_on_windows(path, remote_drives, network):
    def drive_type(root: str) -> int:
        return backups_mod.DRIVE_REMOTE if root[0] in remote_drives else 3

    assert backups_mod.is_network_path(Path(path) if os.name == "nt" else path, system="nt",
                                       drive_type=drive_type) is network


def test_the_warning_names_the_path_and_what_to_do(monkeypatch, tmp_path):
    monkeypatch.setattr(backups_mod, "is_network_path", lambda path: True)
    text = backups_mod.network_warning(tmp_path / "kommandesk.sqlite3")
    assert str(tmp_path / "kommandesk.sqlite3") in text
    assert "network drive" in text and "backup folder" in text
    monkeypatch.setattr(backups_mod, "is_network_path", lambda path: False)
    assert backups_mod.network_warning(tmp_path) is None
