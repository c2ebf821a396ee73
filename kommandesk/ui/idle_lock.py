"""The lock of an encrypted database's window after N minutes without use (Settings: 0 = never).

A QTimer runs down; an application-wide event filter starts it again on every key press, mouse press, mouse move
and wheel turn. When it fires, the window's content is hidden and the passphrase dialog asks again; the right
passphrase shows it again, three wrong ones tell the user and quit (nothing changed: the data was saved as it was
typed; what is open in a form stays unsaved and is lost, as on any quit)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

ACTIVITY = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                      QEvent.Type.Wheel, QEvent.Type.TouchBegin})


class IdleLock(QObject):
    def __init__(self, window: QMainWindow, path: Path, minutes: int, check: Callable[[str], bool],
                 on_failed: Callable[[], None] | None = None):
        super().__init__(window)
        self.setObjectName("idle_lock")
        self._window, self._path, self._check = window, path, check
        self._on_failed = on_failed
        self.locked = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock)
        self.set_minutes(minutes)
        QApplication.instance().installEventFilter(self)
        window.destroyed.connect(self._stop)

    def set_minutes(self, minutes: int) -> None:
        self.minutes = minutes
        if minutes > 0:
            self.timer.setInterval(minutes * 60_000)
            self.timer.start()
        else:
            self.timer.stop()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if not self.locked and self.minutes > 0 and event.type() in ACTIVITY:
            self.timer.start()
        return False

    def _stop(self, *_args) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def lock(self) -> None:
        """Hide what the window shows and ask for the passphrase again (a modal dialog)."""
        from kommandesk.ui.dialogs.passphrase_dialog import PassphraseDialog, failed_message
        from kommandesk.ui.dialogs.errors import show_problem
        from kommandesk.i18n import _

        if self.locked or not self._window.isVisible():
            return  # a window closed already has nothing to hide
        self.locked = True
        content = self._window.centralWidget()
        if content is not None:
            content.hide()
        dialog = PassphraseDialog(self._path, self._check, self._window, locked=True)
        self.dialog = dialog
        dialog.exec()
        self.dialog = None
        if dialog.passphrase is None:
            if dialog.failed:
                show_problem(self._window, _("KommanDesk is locked"), failed_message())
            self._stop()
            (self._on_failed or QApplication.instance().quit)()
            return
        if content is not None:
            content.show()
        self.locked = False
        if self.minutes > 0:
            self.timer.start()
