"""Work off the GUI thread with progress and cancel; results arrive on the GUI thread.

    runner = TaskRunner()
    handle = runner.start(work, on_done=show, on_error=report, on_progress=bar.setValue)
    handle.cancel()

``work`` receives a :class:`TaskContext`: ``ctx.progress(done, total)`` reports progress and
``ctx.check_cancelled()`` raises :class:`Cancelled` once the user asked to stop. A sqlite-utils
Database belongs to the thread that opened it, so work that touches the store opens its own.
``TaskRunner(synchronous=True)`` runs everything at once on the calling thread (tests).
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

from kommandesk import logs


PROGRESS_INTERVAL = 0.05  # seconds between two progress reports that reach the GUI


class Cancelled(Exception):
    """Raised inside a task when the user cancelled it."""


class TaskContext:
    """Handed to the work function. Progress reports are thinned to one per ``min_interval`` seconds
    (the first and the last always pass), so a loop of 100,000 steps does not flood the GUI thread."""

    def __init__(self, min_interval: float = 0.0):
        self._cancel = threading.Event()
        self.reporter: Callable[[int, int], None] = lambda done, total: None  # set by TaskRunner.start
        self._min_interval = min_interval
        self._last_report = float("-inf")

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check_cancelled(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def progress(self, done: int, total: int) -> None:
        self.check_cancelled()
        now = time.monotonic()
        if done >= total or now - self._last_report >= self._min_interval:
            self._last_report = now
            self.reporter(done, total)


class _Signals(QObject):
    """The worker's side: emitted on the worker thread, queued to the relay on the GUI thread."""

    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class TaskHandle:
    """What the caller keeps: cancel it, ask whether it is finished."""

    def __init__(self, context: TaskContext):
        self._context = context
        self.finished = False

    def cancel(self) -> None:
        self._context.cancel()


class _Job(QRunnable):
    def __init__(self, work: Callable[[TaskContext], Any], context: TaskContext, signals: _Signals):
        super().__init__()
        self._work, self._context, self._signals = work, context, signals

    def run(self) -> None:
        _execute(self._work, self._context, self._signals)


def _execute(work: Callable[[TaskContext], Any], context: TaskContext, signals: _Signals) -> None:
    """Run ``work`` and report through ``signals``, then hand the emitter back to its own thread to delete.

    The emitter lives on the GUI thread and Qt owns it (its parent is the application), so the worker's last
    Python reference never deletes it; deleteLater() queues the deletion behind the results already posted,
    and nothing touches it afterwards. (Deleting it on the GUI thread as soon as the result arrived raced with
    the worker still inside emit(): a crash seen once in a few hundred runs.)"""
    try:
        result = work(context)
    except Cancelled:
        signals.cancelled.emit()
    except Exception as exc:  # delivered to on_error, logged with its traceback
        logs.get("tasks").error("background task failed:\n%s", traceback.format_exc())
        signals.failed.emit(exc)
    else:
        signals.done.emit(result)
    finally:
        signals.deleteLater()


class _Relay(QObject):
    """Lives on the thread that started the task, so the callbacks run there (queued from the worker)."""

    def __init__(self, handle: TaskHandle, on_done, on_error, on_progress, on_cancelled, release):
        # Owned by Qt (the application is its parent), not by Python's reference count: it outlives a TaskRunner
        # that is dropped while its tasks still run, and it is deleted on its own thread (deleteLater in _finish).
        super().__init__(QCoreApplication.instance())
        self._handle, self._release = handle, release
        self._on_done, self._on_error = on_done, on_error
        self._on_progress, self._on_cancelled = on_progress, on_cancelled

    def _finish(self) -> None:
        self._handle.finished = True
        self._release(self)
        self.deleteLater()

    @Slot(int, int)
    def progress(self, done: int, total: int) -> None:
        if self._on_progress:
            self._on_progress(done, total)

    @Slot(object)
    def done(self, result: object) -> None:
        self._finish()
        if self._on_done:
            self._on_done(result)

    @Slot(object)
    def failed(self, error: object) -> None:
        self._finish()
        if self._on_error:
            self._on_error(error)

    @Slot()
    def cancelled(self) -> None:
        self._finish()
        if self._on_cancelled:
            self._on_cancelled()


class TaskRunner:
    def __init__(self, synchronous: bool = False, pool: QThreadPool | None = None):
        self.synchronous = synchronous
        self._pool = pool or QThreadPool.globalInstance()
        self._alive: set[_Relay] = set()

    def start(self, work: Callable[[TaskContext], Any], *, on_done: Callable[[Any], None] | None = None,
              on_error: Callable[[BaseException], None] | None = None,
              on_progress: Callable[[int, int], None] | None = None,
              on_cancelled: Callable[[], None] | None = None) -> TaskHandle:
        context = TaskContext(min_interval=0.0 if self.synchronous else PROGRESS_INTERVAL)
        handle = TaskHandle(context)
        relay = _Relay(handle, on_done, on_error, on_progress, on_cancelled, self._alive.discard)
        signals = _Signals(QCoreApplication.instance())
        signals.progress.connect(relay.progress)
        signals.done.connect(relay.done)
        signals.failed.connect(relay.failed)
        signals.cancelled.connect(relay.cancelled)
        context.reporter = signals.progress.emit
        self._alive.add(relay)
        if self.synchronous:
            _execute(work, context, signals)
        else:
            self._pool.start(_Job(work, context, signals))
        return handle

    def active(self) -> int:
        """How many started tasks have not reported back yet."""
        return len(self._alive)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until the pool is idle (shutdown and tests)."""
        return self._pool.waitForDone(msecs)
