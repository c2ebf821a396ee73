"""The "match all open requests" run: MatchingService.propose_all off the GUI thread (kommandesk/tasks.py) with
a progress dialog that can be cancelled, then the review dialog. ``done`` reports the assignments made (an
empty list when the coordinator assigned nothing), ``ended`` a message for the status line."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal

from kommandesk.domain.errors import KommanDeskError
from kommandesk.i18n import _
from kommandesk.tasks import TaskRunner
from kommandesk.ui.dialogs.progress_run import ProgressRun


def review(parent, matching, proposal):
    """The review dialog (modal); the assignments made, or None when cancelled. Tests replace this."""
    from kommandesk.ui.dialogs.matching.match_review import review_proposal

    return review_proposal(parent, matching, proposal)


class MatchAllRun(ProgressRun):
    done = Signal(object)  # list of Assignment (empty: nothing assigned)
    ended = Signal(object)  # a function giving the status message in the current language

    def __init__(self, matching, parent, runner: TaskRunner, paths: Callable[[], object | None] = lambda: None):
        """``paths()``: the data folder's Paths, so the run opens a database connection of its own on the worker
        thread (a connection belongs to the thread that opened it); None runs on the service's own store, which
        only works on its thread (a synchronous runner)."""
        super().__init__(parent, runner)
        self._matching = matching
        self._paths = paths

    def start(self) -> None:
        if self.running:
            return
        self.running = True
        dialog, stop = self._open("match_all_progress", _("Match all open requests"),
                                  _("Looking for the best volunteer for every open request …"))
        matching, paths = self._matching, self._paths()

        def work(ctx):
            def progress(done: int, total: int) -> None:
                if stop.is_set():
                    ctx.cancel()
                ctx.progress(done, total)

            return matching.propose_all(progress=progress, cancelled=lambda: stop.is_set() or ctx.cancelled,
                                        paths=paths)

        def progressed(done: int, total: int) -> None:
            self._progressed(dialog, stop, done, total)

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
