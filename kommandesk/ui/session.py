"""One open database and its main window; both are made again when a backup is restored or the encryption is
switched. Also the work after the window shows (network-share warning, the backup when due, the retention check)
and the backup when the window closes."""

from __future__ import annotations

from collections.abc import Callable

from kommandesk import logs
from kommandesk.domain.errors import KommanDeskError
from kommandesk.i18n import _


class Session:
    """The open database and its main window; both are made again when a backup is restored. Owns the automatic
    backups: on start when due (in the background, after the window shows) and when the window closes."""

    def __init__(self, paths, settings, change_language: Callable[[str], None], runner=None):
        self._paths, self._settings, self._change_language = paths, settings, change_language
        self._runner = runner
        self.services = None
        self.window = None
        self.lock = None
        self._stamp = None

    def show(self, services, notice: str | None = None):
        from kommandesk.ui.main_window import MainWindow

        self.services = services
        services.audit.set_actor(None, self._settings.coordinator_name)  # who the audit trail records (Settings)
        self._stamp = services.store.change_stamp()
        window = MainWindow(services, self._settings, self._change_language, on_close=self._closed)
        window.restore_requested.connect(self.restore)
        window.encryption_requested.connect(self.switch_encryption)
        window.show()
        self.window = window
        self.lock = self._idle_lock(window)
        if notice:
            window.statusBar().showMessage(notice, 60_000)
        return window

    def _idle_lock(self, window):
        """The lock after idle minutes, for an encrypted database (Settings: the minutes; 0 never)."""
        from kommandesk.store import encryption

        path = self._paths.db_file
        if encryption.KEYS.known(path) is None:
            return None
        from kommandesk.ui.idle_lock import IdleLock

        return IdleLock(window, path, self._settings.idle_lock_minutes,
                        lambda typed: encryption.check_passphrase(path, typed))

    def runner(self):
        if self._runner is None:
            from kommandesk.tasks import TaskRunner

            self._runner = TaskRunner()
        return self._runner

    def _backups(self):
        from kommandesk.services.backups import BackupService

        return BackupService.of(self.services)

    def after_shown(self) -> None:
        from kommandesk.services.backups import network_warning

        if self.services is None:
            return  # closed already

        path = self._paths.db_file
        if self.window is not None and network_warning(path):
            self.window.warn_storage(lambda: network_warning(path) or "")
        self.start_automatic()
        self.check_retention()

    def check_retention(self) -> None:
        """Whether retention periods have run out, found off the GUI thread (0.2 s at 50,000 volunteers); if so the
        window offers the review in its status bar."""
        window, privacy = self.window, self.services.privacy

        def work(_ctx) -> bool:
            with privacy.elsewhere() as own:
                return own.retention_due()

        def done(due: bool) -> None:
            if due and window is self.window:
                window.offer_retention()

        self.runner().start(work, on_done=done, on_error=lambda error: logs.get("app").warning(
            "retention check failed: %s", error))

    # -- automatic backups ------------------------------------------------------------------------------------
    def start_automatic(self) -> None:
        """The backup on start, when the newest is a day old: off the GUI thread, its result in the status bar."""
        service = self._backups()
        settings = service.settings()
        self.runner().start(lambda _ctx: service.automatic(settings), on_done=self._automatic_done,
                            on_error=self._automatic_failed)

    def _automatic_done(self, made) -> None:
        if made is not None and self.window is not None:
            self.window.statusBar().showMessage(_("Backup made: {name}.").format(name=made.name), 10_000)

    def _automatic_failed(self, error: BaseException) -> None:
        reason = error.message if isinstance(error, KommanDeskError) else _("Details are in the log file.")
        logs.get("app").warning("automatic backup failed: %s", reason)
        if self.window is not None:
            self.window.statusBar().showMessage(_("The automatic backup failed. {reason}").format(reason=reason),
                                                120_000)

    def _closed(self, window) -> None:
        """The window closed for good: a backup if anything changed since the start (or one is due)."""
        if window is not self.window or self.services is None:
            return  # a window replaced after a restore
        self.runner().wait()
        service = self._backups()
        changed = self.services.store.change_stamp() != self._stamp
        try:
            service.automatic(service.settings(), force=changed)
        except KommanDeskError as exc:
            logs.get("app").warning("backup on close failed: %s", exc.message)
        except Exception:  # noqa: BLE001 - closing must go on; the reason goes to the log
            logs.get("app").exception("backup on close failed")

    # -- restore ---------------------------------------------------------------------------------------------
    def restore(self, path) -> None:
        """Check the backup and back up the current data (in the background), then close this database, put the
        backup in place and open everything again in a new window. Refusals change nothing."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QProgressDialog

        window = self.window
        page = window.current_page()
        if page is not None and not page.can_leave():
            return
        self.runner().wait()  # an automatic backup still running
        service = self._backups()
        settings = service.settings()
        progress = QProgressDialog(_("Checking the backup and backing up the current data…"), "", 0, 0, window)
        progress.setObjectName("restore_progress")
        progress.setWindowTitle(_("Restore a backup"))
        progress.setCancelButton(None)
        progress.setMinimumDuration(300)
        progress.setWindowModality(Qt.WindowModality.WindowModal)

        def done(result) -> None:
            progress.close()
            self._put_in_place(*result)

        def failed(error: BaseException) -> None:
            progress.close()
            self._restore_failed(error)

        self.runner().start(lambda _ctx: (service.check_backup(path), service.safety_copy(settings)),
                            on_done=done, on_error=failed)

    def _restore_failed(self, error: BaseException) -> None:
        from kommandesk.ui.dialogs.errors import show_problem, unexpected_error_text

        message = error.message if isinstance(error, KommanDeskError) else unexpected_error_text(
            self._paths.log_file)
        show_problem(self.window, _("The backup was not restored"), message)

    def _put_in_place(self, backup, safety) -> None:
        from kommandesk.services.backups import restore_checked
        from kommandesk.ui.dialogs.backups import when_text

        old = self.window  # stays on screen until the new window is shown (no event is handled in between)
        self.services.close()
        problem = None
        try:
            restore_checked(self._paths, backup.path)
        except KommanDeskError as exc:
            problem = exc.message  # the data was left as it was: it is opened again below
        notice = _("The backup of {when} was restored. The data as it was before is kept in {path}.").format(
            when=when_text(backup.made_at), path=safety.path)
        self._reopen(old, notice, _("The backup was not restored"), problem)

    def _reopen(self, old, notice: str, title: str, problem: str | None) -> None:
        """Open the database (closed by the caller) again in a new window on the Settings page, then close ``old``.
        ``problem``: why the change was not made (the data was left as it was), said under ``title``."""
        from kommandesk.services.context import Services
        from kommandesk.ui.dialogs.errors import show_problem

        try:
            services = Services.open(self._paths)
        except KommanDeskError as exc:
            show_problem(None, _("KommanDesk cannot go on"), exc.message)
            old.close()
            return
        window = self.show(services, None if problem else notice)
        window.show_page("settings")
        old.close()
        old.deleteLater()
        if problem:
            show_problem(window, title, problem)

    # -- encryption ------------------------------------------------------------------------------------------
    def switch_encryption(self, request) -> None:
        """Settings > Encryption: close this database, let ``request.run(close)`` write it anew (encrypted, under a
        new passphrase, or plain), then open it again (with the key this process now knows) in a new window. A
        refusal before the database was closed changes nothing and keeps this window."""
        from kommandesk.ui.dialogs.errors import show_problem

        old = self.window
        page = old.current_page()
        if page is not None and not page.can_leave():
            return
        self.runner().wait()  # an automatic backup still running
        closed = []

        def close() -> None:
            self.services.close()
            closed.append(True)

        problem = None
        try:
            request.run(close)
        except KommanDeskError as exc:
            problem = exc.message
            if not closed:
                show_problem(old, _("The encryption was not changed"), problem)
                return
        self._reopen(old, request.done, _("The encryption was not changed"), problem)

    def close(self) -> None:
        if self._runner is not None:
            self._runner.wait()
        if self.services is not None:
            self.services.close()
            self.services = None
