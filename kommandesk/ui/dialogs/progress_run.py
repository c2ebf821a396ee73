"""Long work off the GUI thread (kommandesk/tasks.py) with a progress dialog that can be cancelled: the part the
runs share (a batch of certificates, matching all open requests).

A subclass calls ``_open`` for the dialog and the stop flag its work watches, passes ``_progressed`` on as the
runner's progress callback, and calls ``_close`` when the work reports back (done, failed or cancelled)."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel, QProgressDialog

from kommandesk.tasks import TaskRunner


class ProgressRun(QObject):
    def __init__(self, parent, runner: TaskRunner):
        super().__init__(parent)
        self._parent = parent
        self._runner = runner
        self.dialog: QProgressDialog | None = None
        self.running = False

    def _open(self, name: str, title: str, label: str) -> tuple[QProgressDialog, threading.Event]:
        """The progress dialog (busy until the first progress, shown after 300 ms) and the flag Cancel sets."""
        dialog = QProgressDialog(self._parent)
        dialog.setObjectName(name)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setRange(0, 0)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        for text in dialog.findChildren(QLabel):
            text.setTextFormat(Qt.TextFormat.PlainText)
        stop = threading.Event()
        dialog.canceled.connect(stop.set)
        self.dialog = dialog
        return dialog, stop

    def _progressed(self, dialog: QProgressDialog, stop: threading.Event, done: int, total: int) -> bool:
        """Show ``done`` of ``total`` unless the run was cancelled or ended; whether it was shown."""
        if self.dialog is not dialog or stop.is_set():
            return False
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))
        return True

    def _close(self, dialog: QProgressDialog) -> None:
        dialog.canceled.disconnect()  # closing a progress dialog says "canceled": not the user's doing
        if self.dialog is dialog:
            self.dialog = None
        dialog.reset()  # stops the timer that would show the dialog 300 ms after it began, even once closed
        dialog.close()
        dialog.deleteLater()
