"""Reading the volunteers for matching on a worker thread when the Matching page opens.

At 50,000 volunteers reading every profile into the matching pool takes about 0.6 s; ranking with the pool in
memory takes milliseconds. The page asks for a reading when it is shown and the service says one is needed (none
yet, or a profile changed), and ranks when it is done instead of blocking the window meanwhile.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from kommandesk.tasks import TaskRunner

log = logging.getLogger(__name__)


class PoolWarmUp(QObject):
    finished = Signal()  # the pool is in memory (or reading it failed: ranking then reads it itself)

    def __init__(self, matching, runner: TaskRunner, paths: Callable[[], object], parent=None):
        super().__init__(parent)
        self._matching = matching
        self._runner = runner
        self._paths = paths
        self.busy = False

    def start_if_needed(self) -> bool:
        """Start reading when the next ranking would have to; False when nothing needs doing."""
        paths = self._paths()
        if self.busy or paths is None or not self._matching.needs_reading():
            return False
        self.busy = True
        self._runner.start(lambda _context: self._matching.load_pool(paths),
                           on_done=self._done, on_error=self._failed)
        return True

    def _done(self, loaded) -> None:
        self._matching.adopt_pool(*loaded)
        self.busy = False
        self.finished.emit()

    def _failed(self, error: BaseException) -> None:
        log.warning("reading the volunteers for matching in the background failed: %r", error)
        self.busy = False
        self.finished.emit()
