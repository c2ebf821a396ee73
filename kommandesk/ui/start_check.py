"""The check on every start: the database opened and quick-checked; a damaged one is offered the newest good backup
(the damaged file is moved aside, never overwritten)."""

from __future__ import annotations

from kommandesk import logs
from kommandesk.domain.errors import KommanDeskError
from kommandesk.i18n import _


def open_checked(paths) -> tuple[object | None, str | None]:
    """The services over a sound database (and a note for the status bar), or (None, None) once the user was told
    why not. A damaged database (the quick check on every start) is offered the newest good backup."""
    from kommandesk.services.context import Services
    from kommandesk.store.backup import check  # the quick check alone: services.backups is needed only on damage
    from kommandesk.ui.dialogs.errors import show_problem

    try:
        services = Services.open(paths)
    except KommanDeskError as exc:
        from kommandesk.services.backups import damage

        problems = damage(paths.db_file)  # ours but damaged; empty for a file that is not ours at all
        if not problems:
            logs.get("app").error("cannot open the database: %s", exc.message)
            show_problem(None, _("KommanDesk cannot start"), exc.message)
            return None, None
    else:
        problems = check(services.store.conn, quick=True)  # as services.backups.check_database(store)
        if not problems:
            return services, None
        services.close()
    logs.get("app").error("the database is damaged: %s", "; ".join(problems[:3]))
    return offer_backup(paths, problems[0])


def offer_backup(paths, problem: str) -> tuple[object | None, str | None]:
    """Say that the database is damaged and offer the newest good backup (or a file): the damaged file is moved
    aside, never overwritten, and the backup restored as a new database."""
    from kommandesk.services import backups
    from kommandesk.services.context import Services
    from kommandesk.ui.dialogs import backups as dialogs
    from kommandesk.ui.dialogs.errors import show_problem

    folders = backups.candidate_folders(paths)
    newest = backups.newest_good_backup(folders)
    while True:
        answer = dialogs.ask_damaged(paths.db_file, problem, newest, folders)
        if answer == dialogs.QUIT:
            return None, None
        chosen = newest
        if answer == dialogs.CHOOSE:
            path = dialogs.ask_backup_file(None, folders[0])
            if path is None:
                continue
            try:
                chosen = backups.check_backup(path, live=paths.db_file)
            except KommanDeskError as exc:
                show_problem(None, _("This backup cannot be restored"), exc.message)
                continue
        try:
            aside = backups.rescue(paths, chosen)
        except KommanDeskError as exc:
            show_problem(None, _("The backup could not be restored"), exc.message)
            continue
        try:
            services = Services.open(paths)
        except KommanDeskError as exc:
            show_problem(None, _("KommanDesk cannot start"), exc.message)
            return None, None
        from kommandesk.ui.dialogs.backups import when_text

        return services, _("The backup of {when} was restored. The damaged database was kept as {path}.").format(
            when=when_text(chosen.made_at), path=aside)
