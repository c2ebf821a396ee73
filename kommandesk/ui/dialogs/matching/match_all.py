"""The "match all open requests" run: MatchingService.propose_all off the GUI thread (kommandesk/tasks.py) with
a progress dialog that can be cancelled, then the review dialog. ``done`` reports the assignments made (an
empty list when the coordinator assigned nothing), ``ended`` a message for the status line."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QProgressDialog

from kommandesk.domain.errors import KommanDeskError
from kommandesk.i18n import _
from kommandesk.tasks import TaskRunner


def review(parent, matching, proposal):
    """The review dialog (modal); the assignments made, or None when cancelled. Tests replace this."""
    from kommandesk.ui.dialogs.matching.match_review import review_proposal

    return review_proposal(parent, matching, proposal)


class MatchAllRun(QObject):
    done = Signal(object)  # list of Assignment (empty: nothing assigned)
    ended = Signal(object)  # a function giving the status message in the current language

    def __init__(self, matching, parent, runner: TaskRunner, paths: Callable[[], object | None] = lambda: None):
        """``paths()``: the data folder's Paths, so the run opens a database connection of its own on the worker
        thread (a connection belongs to the thread that opened it); None runs on the service's own store, which
        only works on its thread (a synchronous runner)."""
        super().__init__(parent)
        self._matching = matching
        self._parent = parent
        self._runner = runner
        self._paths = paths
        self.dialog: QProgressDialog | None = None
        self.running = False

    def start(self) -> None:
        if self.running:
            return
        self.running = True
        dialog = QProgressDialog(self._parent)
        dialog.setObjectName("match_all_progress")
        dialog.setWindowTitle(_("Match all open requests"))
        dialog.setLabelText(_("Looking for the best volunteer for every open request …"))
        dialog.setRange(0, 0)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        for label in dialog.findChildren(QLabel):
            label.setTextFormat(Qt.TextFormat.PlainText)
        stop = threading.Event()
        dialog.canceled.connect(stop.set)
        self.dialog = dialog
        matching, paths = self._matching, self._paths()

        def work(ctx):
            def progress(done: int, total: int) -> None:
                if stop.is_set():
                    ctx.cancel()
                ctx.progress(done, total)

            return matching.propose_all(progress=progress, cancelled=lambda: stop.is_set() or ctx.cancelled,
                                        paths=paths)

        def progressed(done: int, total: int) -> None:
            if self.dialog is dialog and not stop.is_set():
                dialog.setMaximum(max(total, 1))
                dialog.setValue(min(done, max(total, 1)))

        def finished(proposal) -> None:
            self._close(dialog)
            if stop.is_set():
                self._end(lambda: _("The run was cancelled; nothing was assigned."))
                return
            assignments = review(self._parent, self._matching, proposal)
            self.running = False
            if assignments is None:
                self.ended.emit(lambda: _("Nothing was assigned."))
            self.done.emit(list(assignments or []))

        def failed(error: BaseException) -> None:
            self._close(dialog)
            if stop.is_set():  # the service stopped because it was asked to
                self._end(lambda: _("The run was cancelled; nothing was assigned."))
                return
            reason = error.message if isinstance(error, KommanDeskError) else \
                _("an unexpected error (details are in the log file)")
            self._end(lambda: _("The run failed: {reason}").format(reason=reason))

        def cancelled() -> None:
            self._close(dialog)
            self._end(lambda: _("The run was cancelled; nothing was assigned."))

        self._runner.start(work, on_done=finished, on_error=failed, on_progress=progressed, on_cancelled=cancelled)

    def _end(self, message) -> None:
        self.running = False
        self.ended.emit(message)

    def _close(self, dialog: QProgressDialog) -> None:
        dialog.canceled.disconnect()  # closing a progress dialog says "canceled": not the user's doing
        if self.dialog is dialog:
            self.dialog = None
        dialog.close()
        dialog.deleteLater()
