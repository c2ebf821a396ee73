"""`kommandesk-cli backup`, `restore` and `check`: thin over services.backups. Never imports Qt.

    backup [--to FILE] [--json]      a verified copy in the backup folder (or as FILE, never overwritten)
    restore FILE [--yes]             put a backup in place (the current data is backed up first)
    check [--json]                   the full integrity check of the database; exit 1 when it is damaged

Every refusal (a folder that is missing, read-only or full; a file that is damaged, not a KommanDesk backup or from
a newer version) prints its reason on stderr, exits 1 and changes nothing.
"""

from __future__ import annotations

import argparse
import sys

from kommandesk.i18n import _

EXIT_OK, EXIT_PROBLEM = 0, 1


def add_backup_commands(commands: argparse._SubParsersAction) -> None:
    backup = commands.add_parser(
        "backup", help=_("make a backup of the database now"),
        description=_("Make a verified backup of the database: in the backup folder chosen in Settings (by default "
                      "the data folder's backups folder), or as the file given with --to."))
    backup.add_argument("--to", metavar=_("FILE"), help=_("write the backup to this file (it must not exist yet)"))
    backup.add_argument("--json", action="store_true", help=_("print JSON for scripts"))

    restore = commands.add_parser(
        "restore", help=_("replace the data with a backup"),
        description=_("Replace the data with a backup. The backup is checked first, and the current data is backed "
                      "up before it is replaced. A backup of an older version is brought up to date."))
    restore.add_argument("file", metavar=_("FILE"), help=_("the backup file to restore"))
    restore.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))

    check = commands.add_parser(
        "check", help=_("check the database for damage"),
        description=_("Check the whole database for damage (SQLite's integrity check). Exit status 1 when it is "
                      "damaged."))
    check.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    for sub, handler in ((backup, run_backup), (restore, run_restore), (check, run_check)):
        sub.set_defaults(parser=sub, handler=handler)


def _service(services):
    from kommandesk.services.backups import BackupService

    return BackupService.of(services)


def _backup_json(backup) -> dict:
    return {"path": str(backup.path), "size": backup.size, "made_at": backup.made_at.isoformat(),
            "schema_version": backup.schema_version}


def run_backup(args: argparse.Namespace, services) -> int:
    from pathlib import Path

    from kommandesk.cli_requests import print_json
    from kommandesk.i18n.formatting import format_bytes

    made = _service(services).backup_now(to=Path(args.to) if args.to else None)
    if args.json:
        print_json({"backup": _backup_json(made)})
    else:
        print(_("Backup written: {path} ({size}).").format(path=made.path, size=format_bytes(made.size)))
    return EXIT_OK


def run_restore(args: argparse.Namespace, services) -> int:
    from pathlib import Path

    from kommandesk.cli import _error
    from kommandesk.i18n.formatting import format_datetime

    service = _service(services)
    backup = service.check_backup(Path(args.file))  # a file that cannot be restored is refused before asking
    if not args.yes:
        if not sys.stdin.isatty():
            _error(_("Restoring replaces the data. Add --yes to confirm. Nothing was changed."))
            return EXIT_PROBLEM
        answer = input(_("Replace the data with the backup of {made_at}? The current data is backed up first. "
                         "[y/N] ").format(made_at=format_datetime(backup.made_at.astimezone())))
        if answer.strip().lower() not in (_("y"), _("yes"), "y", "yes"):
            print(_("Nothing was changed."))
            return EXIT_OK
    result = service.restore(backup.path, close=services.close)
    print(_("Restored the backup {path} (schema {before}, now {after}).").format(
        path=result.restored.path, before=result.restored.schema_version, after=result.schema_after))
    print(_("The data as it was before is kept in {path}.").format(path=result.safety_copy.path))
    return EXIT_OK


def run_check(args: argparse.Namespace, services) -> int:
    from kommandesk.cli_requests import print_json
    from kommandesk.i18n.formatting import format_datetime
    from kommandesk.services.backups import check_database, network_warning

    database = services.paths.db_file
    problems = check_database(services.store, quick=False)
    backups = _service(services).list_backups()
    warning = network_warning(database)
    if args.json:
        print_json({"database": str(database), "ok": not problems, "problems": problems,
                    "newest_backup": _backup_json(backups[0]) if backups else None,
                    "network_share": warning is not None})
        return EXIT_PROBLEM if problems else EXIT_OK
    if problems:
        from kommandesk.cli import _error

        _error(_("The database {path} is damaged: {problem}").format(path=database, problem=problems[0]))
        if backups:
            _error(_("The newest backup is {path}. Restore it with: kommandesk-cli restore FILE").format(
                path=backups[0].path))
        return EXIT_PROBLEM
    print(_("The database {path} passed the integrity check.").format(path=database))
    if backups:
        print(_("Newest backup: {path} ({made_at}).").format(path=backups[0].path,
                                                             made_at=format_datetime(backups[0].made_at.astimezone())))
    else:
        print(_("There is no backup yet: make one with: kommandesk-cli backup"))
    if warning:
        print(warning)
    return EXIT_OK
