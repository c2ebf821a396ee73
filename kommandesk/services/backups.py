"""Backups and restore, the integrity check on start, and the warning about a database on a network drive.

The copies themselves are made by store/backup.py; this module decides where they go (the folder chosen in Settings,
else the data folder's ``backups``), when one is due (the newest is 24 h old), which to keep (domain/backups.py)
and what a user is told when something fails: a missing, read-only or full folder, a backup that is damaged, not
ours or from a newer version. In every such case nothing is changed and no half-written file is left.

Thread use: :meth:`BackupService.settings` reads the database through the app's connection (its thread only);
everything that takes a :class:`BackupSettings` opens its own connections and may run in a background task.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kommandesk import logs
from kommandesk.domain import backups as rules
from kommandesk.domain.errors import StorageError, ValidationError
from kommandesk.domain.organisation import Organisation, validate_backup_settings
from kommandesk.i18n import _
from kommandesk.paths import Paths
from kommandesk.services.organisation import OrganisationService
from kommandesk.store import backup as files
from kommandesk.store.db import Store, open_store

FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
NOT_WRITABLE = (errno.EACCES, errno.EPERM, errno.EROFS)


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made_at: dt.datetime  # UTC: from the file name, else the file's modification time
    size: int
    schema_version: int | None  # None: not a KommanDesk backup (its header says so)

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def restorable(self) -> bool:
        """Ours, and not from a newer version (its content is checked only when it is restored)."""
        return self.schema_version is not None and self.schema_version <= files.LATEST_VERSION


@dataclass(frozen=True)
class BackupSettings:
    folder: Path
    policy: rules.KeepPolicy
    chosen: bool  # a folder chosen in Settings (it must exist: a USB stick that is not plugged in is not made up)


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupFile
    safety_copy: BackupFile  # the data as it was before the restore
    schema_after: int


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class BackupService:
    def __init__(self, paths: Paths, organisation: OrganisationService | None = None,
                 now: Callable[[], dt.datetime] = _utc_now, tz: dt.tzinfo | None = None):
        """``organisation``: where the settings are kept (None: the defaults). ``tz``: the zone whose days, weeks and
        months the keep rule counts (None: the computer's)."""
        self._paths = paths
        self._organisation = organisation
        self._now = now
        self._tz = tz

    @classmethod
    def of(cls, services) -> "BackupService":
        return cls(services.paths, services.organisation)

    @property
    def paths(self) -> Paths:
        return self._paths

    # -- settings (the app's connection: call on its thread) ----------------------------------------------------
    def settings(self) -> BackupSettings:
        org = self._organisation.get() if self._organisation is not None else Organisation()
        return settings_of(self._paths, org)

    def save_settings(self, folder: str, daily: int, weekly: int, monthly: int) -> BackupSettings:
        """Save where backups go and how many are kept; ValidationError (fields backup_*) when refused."""
        if self._organisation is None:
            raise StorageError(_("Backup settings cannot be saved here."))
        if not self._organisation.is_configured():
            raise ValidationError({"backup_folder": _("Enter and save the organisation's details first; then "
                                                      "the backup settings can be saved with them.")})
        org = dataclasses.replace(self._organisation.get(), backup_folder=folder.strip(), backup_keep_daily=daily,
                                  backup_keep_weekly=weekly, backup_keep_monthly=monthly)
        errors = validate_backup_settings(org)
        if "backup_folder" not in errors and org.backup_folder:
            problem = folder_problem(Path(org.backup_folder))
            if problem:
                errors["backup_folder"] = problem
        if errors:
            raise ValidationError(errors)
        return settings_of(self._paths, self._organisation.save(org))

    # -- listing ----------------------------------------------------------------------------------------------
    def list_backups(self, settings: BackupSettings | None = None) -> list[BackupFile]:
        """The backups in the folder, newest first (a folder that is not there has none)."""
        return list_backups((settings or self.settings()).folder)

    def newest(self, settings: BackupSettings | None = None) -> BackupFile | None:
        """The newest backup this version can restore (a file of another program named like one does not count)."""
        return next((backup for backup in self.list_backups(settings) if backup.restorable), None)

    def is_due(self, settings: BackupSettings | None = None) -> bool:
        newest = self.newest(settings)
        return rules.is_due(newest.made_at if newest else None, self._now())

    # -- making and pruning (thread-safe with settings given) ---------------------------------------------------
    def backup_now(self, to: Path | None = None, settings: BackupSettings | None = None) -> BackupFile:
        """A verified copy of the database: in the backup folder, or as the file ``to`` (never overwritten)."""
        now = self._now()
        if to is not None:
            target = Path(to).expanduser().absolute()
            if target.exists():
                raise StorageError(_("The file {path} exists already. Choose another name: KommanDesk does not "
                                     "overwrite files.").format(path=target))
            _ready(target.parent, create=False)
        else:
            settings = settings or self.settings()
            _ready(settings.folder, create=not settings.chosen)
            target = _free_name(settings.folder, lambda n: rules.backup_name(now, n))
        try:
            size = files.write_backup(self._paths.db_file, target)
        except OSError as exc:
            raise _write_failed(exc, target.parent) from exc
        except files.CopyDamaged as exc:
            raise StorageError(_("The new backup did not pass its check ({reason}) and was removed. Run "
                                 "Settings > Backups > Back up now again; if it fails again, the drive may be "
                                 "faulty.").format(reason=exc)) from exc
        except sqlite3.Error as exc:
            raise StorageError(_("The database could not be read for the backup: {reason}. No backup was "
                                 "made.").format(reason=exc)) from exc
        logs.get("backups").info("backup written: %s (%d bytes)", target, size)
        return BackupFile(target, now, size, files.read_header(target).user_version)

    def prune(self, settings: BackupSettings | None = None) -> list[Path]:
        """Remove the backups the keep rule no longer needs; the removed files (a file that cannot be removed
        stays, and is logged)."""
        settings = settings or self.settings()
        found = {backup.made_at.astimezone(self._tz): backup for backup in list_backups(settings.folder)
                 if backup.schema_version is not None}  # a file of another program is never removed
        removed = []
        for stamp in rules.to_remove(found, settings.policy):
            path = found[stamp].path
            try:
                path.unlink()
            except OSError as exc:
                logs.get("backups").warning("old backup %s not removed: %s", path, exc)
                continue
            removed.append(path)
        return removed

    def automatic(self, settings: BackupSettings, *, force: bool = False) -> BackupFile | None:
        """On start (when due) and on close (``force`` when data changed): a backup, then the old ones pruned."""
        if not force and not self.is_due(settings):
            return None
        made = self.backup_now(settings=settings)
        self.prune(settings)
        files.remove_stale_parts(settings.folder)  # left by a backup that was killed half-way
        return made

    # -- restore ------------------------------------------------------------------------------------------------
    def check_backup(self, path: Path) -> BackupFile:
        """The backup at ``path`` if it can be restored; StorageError saying why not (nothing is changed)."""
        return check_backup(path, live=self._paths.db_file)

    def safety_copy(self, settings: BackupSettings) -> BackupFile:
        """The data as it is now, before a restore: in the backup folder, else in the data folder's."""
        try:
            return self.backup_now(settings=settings)
        except StorageError as first:
            if not settings.chosen:
                raise StorageError(_("Before restoring, KommanDesk backs up the current data, but that failed: "
                                     "{reason} Nothing was changed.").format(reason=first.message)) from first
            fallback = dataclasses.replace(settings, folder=self._paths.backup_dir, chosen=False)
            logs.get("backups").warning("safety copy: %s; trying %s", first.message, fallback.folder)
            return self.backup_now(settings=fallback)

    def restore(self, source: Path, close: Callable[[], None],
                settings: BackupSettings | None = None) -> RestoreResult:
        """Check the backup, back up the current data, ``close()`` every connection of the caller, put the backup
        in place and bring it to the current schema. Any refusal before ``close()`` changes nothing."""
        backup = self.check_backup(source)
        copy = self.safety_copy(settings or self.settings())
        close()
        return RestoreResult(backup, copy, restore_checked(self._paths, backup.path))


# -- module functions: no settings needed ------------------------------------------------------------------------

def settings_of(paths: Paths, org: Organisation) -> BackupSettings:
    chosen = bool(org.backup_folder.strip())
    return BackupSettings(folder=Path(org.backup_folder.strip()) if chosen else paths.backup_dir,
                          policy=rules.KeepPolicy(org.backup_keep_daily, org.backup_keep_weekly,
                                                  org.backup_keep_monthly),
                          chosen=chosen)


def list_backups(folder: Path) -> list[BackupFile]:
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        at = rules.made_at(entry.name)
        if at is None or not entry.is_file():
            continue
        try:
            header = files.read_header(Path(entry.path))
            version = header.user_version if header.application_id == files.APPLICATION_ID else None
            size = header.size
        except (OSError, StorageError):
            version, size = None, _size(entry)
        found.append(BackupFile(Path(entry.path), at, size, version))
    return sorted(found, key=lambda backup: backup.made_at, reverse=True)


def _size(entry: os.DirEntry) -> int:
    try:
        return entry.stat().st_size
    except OSError:
        return 0


def _backup_file(path: Path, header: files.FileHeader) -> BackupFile:
    at = rules.made_at(path.name)
    if at is None:
        at = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
    return BackupFile(path, at, header.size, header.user_version)


def check_backup(path: Path, live: Path | None = None) -> BackupFile:
    """The backup at ``path`` if it can be restored (ours, not newer, passes the full check); else StorageError."""
    path = Path(path).expanduser().absolute()
    if live is not None and path.exists() and live.exists() and path.samefile(live):
        raise StorageError(_("{path} is the database KommanDesk is using now, not a backup. Choose a backup "
                             "file.").format(path=path))
    header = files.identify(path)
    problems = files.check_file(path, quick=False)
    if problems:
        raise StorageError(_("The backup {path} is damaged ({reason}) and cannot be restored. Choose another "
                             "backup. Nothing was changed.").format(path=path, reason=problems[0]))
    return _backup_file(path, header)


def folder_problem(folder: Path) -> str | None:
    """Why backups cannot be written to ``folder`` (missing, not a folder, not writable), or None."""
    if not folder.is_absolute():
        return _("Choose the folder with the button, or type its complete path.")
    if not folder.exists():
        return _("The folder {folder} does not exist. Connect the drive, or choose another folder.").format(
            folder=folder)
    if not folder.is_dir():
        return _("{folder} is a file, not a folder. Choose a folder.").format(folder=folder)
    if not os.access(folder, os.W_OK | os.X_OK):
        return _("KommanDesk cannot write to {folder}. Choose another folder, or ask your IT support for write "
                 "access.").format(folder=folder)
    return None


def _ready(folder: Path, *, create: bool) -> None:
    if create:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _write_failed(exc, folder) from exc
    problem = folder_problem(folder)
    if problem:
        raise StorageError(_("No backup was made. {reason}").format(reason=problem))


def _free_name(folder: Path, name: Callable[[int], str]) -> Path:
    counter = 1
    while (folder / name(counter)).exists():
        counter += 1
    return folder / name(counter)


def _write_failed(exc: OSError, folder: Path) -> StorageError:
    if exc.errno in FULL:
        return StorageError(_("The drive of the backup folder {folder} is full. Free some space there or choose "
                              "another folder. No backup was made.").format(folder=folder))
    if exc.errno in NOT_WRITABLE:
        return StorageError(_("KommanDesk cannot write to the backup folder {folder}. Choose another folder, or "
                              "ask your IT support for write access. No backup was made.").format(folder=folder))
    if exc.errno == errno.ENOENT:
        return StorageError(_("The backup folder {folder} does not exist. Connect the drive, or choose another "
                              "folder. No backup was made.").format(folder=folder))
    return StorageError(_("The backup could not be written to {folder}: {reason}. No backup was made.").format(
        folder=folder, reason=exc.strerror or exc))


def restore_checked(paths: Paths, source: Path) -> int:
    """Put the (checked) backup ``source`` in place of the database and migrate it; the schema reached. Every
    connection to the database must be closed. A failure while copying leaves the database as it was."""
    try:
        files.restore_into(source, paths.db_file)
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(_("The backup could not be restored: {reason}. The data was left as it was.").format(
            reason=getattr(exc, "strerror", None) or exc)) from exc
    store = open_store(paths.db_file, backup_dir=paths.backup_dir)  # an older schema is brought up to date
    try:
        logs.get("backups").info("restored %s (schema now %d)", source, store.schema_version)
        return store.schema_version
    finally:
        store.close()


# -- the check on start and a damaged database ----------------------------------------------------------------

def check_database(store: Store, *, quick: bool = True) -> list[str]:
    """What is wrong with the open database; empty when it is sound. ``quick``: SQLite's quick_check, the check
    on every start (under 200 ms at 50,000 volunteers); else the full ``integrity_check`` (`kommandesk-cli check`,
    about 1.6 s there: it also compares every index with its table)."""
    return files.check(store.conn, quick=quick)


def damage(path: Path) -> list[str]:
    """When opening the database failed: what is wrong if it is *our* database, damaged; empty when the file is
    something else (another program's, a newer version's, no database at all: the opening error says so)."""
    try:
        header = files.read_header(path)
    except (OSError, StorageError):
        return []
    if header.application_id not in (0, files.APPLICATION_ID) or header.user_version > files.LATEST_VERSION:
        return []
    return files.check_file(path, quick=True, frozen=False)


def candidate_folders(paths: Paths) -> list[Path]:
    """Where to look for backups when the database cannot be trusted: the folder it names, and the default."""
    chosen = files.backup_folder_setting(paths.db_file).strip()
    folders = [Path(chosen)] if chosen and Path(chosen).is_absolute() else []
    return [*folders, *([paths.backup_dir] if paths.backup_dir not in folders else [])]


def newest_good_backup(folders: list[Path]) -> BackupFile | None:
    """The newest backup in ``folders`` that passes the full check (damaged or foreign ones are skipped)."""
    found = sorted((b for folder in folders for b in list_backups(folder)), key=lambda b: b.made_at, reverse=True)
    for backup in found:
        try:
            return check_backup(backup.path)
        except StorageError as exc:
            logs.get("backups").warning("skipped backup %s: %s", backup.path, exc.message)
    return None


def rescue(paths: Paths, backup: BackupFile, now: dt.datetime | None = None) -> Path:
    """Move the damaged database aside (``kommandesk-damaged-<stamp>.sqlite3`` beside it, with its -wal) and
    restore ``backup`` as a new database; where the damaged one was put. On failure it is put back."""
    now = now or _utc_now()
    folder = paths.db_file.parent
    aside = _free_name(folder, lambda n: rules.damaged_name(now, n))
    try:
        files.move_aside(paths.db_file, aside)
    except OSError as exc:
        raise StorageError(_("The damaged database could not be moved aside: {reason}. Close every other "
                             "KommanDesk window and try again. Nothing was changed.").format(
            reason=exc.strerror or exc)) from exc
    try:
        restore_checked(paths, backup.path)
    except BaseException:
        if not paths.db_file.exists():
            files.move_aside(aside, paths.db_file)
        raise
    logs.get("backups").warning("damaged database kept as %s; restored %s", aside, backup.path)
    return aside


# -- a database on a network drive -------------------------------------------------------------------------------

NETWORK_FILE_SYSTEMS = frozenset({"nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "9p", "ceph", "glusterfs",
                                  "lustre", "gpfs", "davfs", "fuse.sshfs", "fuse.davfs2", "fuse.glusterfs",
                                  "fuse.cephfs", "fuse.rclone"})
DRIVE_REMOTE = 4  # GetDriveTypeW


def mount_type(path: str, mounts_text: str) -> str | None:
    """The file system type of the mount that holds ``path``, from a /proc/mounts text (the longest mount point)."""
    best, kind = "", None
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point = parts[1].replace("\\040", " ").replace("\\011", "\t").replace("\\134", "\\")
        inside = path == point or path.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, parts[2]
    return kind


def is_network_path(path: Path, *, system: str | None = None, mounts_text: str | None = None,
                    drive_type: Callable[[str], int] | None = None) -> bool:
    """Whether ``path`` lies on a network share: a Windows UNC path (\\\\server\\share) or mapped network drive, or
    on Linux a mount of a network file system (nfs, cifs/smb, sshfs, ...). False when it cannot be told."""
    system = system or os.name
    text = str(path)
    if system == "nt":
        if text.startswith(("\\\\", "//")) and not text.startswith(("\\\\?\\", "\\\\.\\")) or \
                text.upper().startswith("\\\\?\\UNC\\"):
            return True
        drive = text[:2]
        if len(drive) == 2 and drive[1] == ":":
            try:
                return (drive_type or _windows_drive_type)(drive + "\\") == DRIVE_REMOTE
            except OSError:
                return False
        return False
    if mounts_text is None:
        try:
            mounts_text = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return False
    kind = mount_type(os.path.realpath(text) if system == os.name else text, mounts_text)
    return kind is not None and (kind in NETWORK_FILE_SYSTEMS or kind.startswith("nfs"))


def _windows_drive_type(root: str) -> int:
    import ctypes

    return ctypes.windll.kernel32.GetDriveTypeW(root)  # type: ignore[attr-defined]


def network_warning(path: Path) -> str | None:
    """What to tell a user whose database is on a network drive; None when it is on this computer."""
    if not is_network_path(path):
        return None
    return _("The database {path} is on a network drive. If the connection drops while KommanDesk saves, the "
             "database can be damaged, and two computers using it at once may have to wait for each other. Keep the "
             "database on this computer and choose the network drive as the backup folder instead.").format(path=path)
