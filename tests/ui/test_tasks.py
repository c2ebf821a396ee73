"""tasks.py: work off the GUI thread, results/progress/errors/cancel delivered on the GUI thread."""

from __future__ import annotations

import logging
import threading
import time

import pytest
from PySide6.QtCore import QThread, QThreadPool

from kommandesk.tasks import Cancelled, TaskRunner


class Recorder:
    def __init__(self):
        self.done, self.errors, self.progress, self.cancelled = [], [], [], []
        self.threads: dict[str, QThread] = {}

    def kwargs(self):
        return dict(on_done=self.on_done, on_error=self.on_error, on_progress=self.on_progress,
                    on_cancelled=self.on_cancelled)

    def on_done(self, result):
        self.threads["done"] = QThread.currentThread()
        self.done.append(result)

    def on_error(self, error):
        self.threads["error"] = QThread.currentThread()
        self.errors.append(error)

    def on_progress(self, done, total):
        self.threads["progress"] = QThread.currentThread()
        self.progress.append((done, total))

    def on_cancelled(self):
        self.threads["cancelled"] = QThread.currentThread()
        self.cancelled.append(True)


@pytest.fixture
def pool():
    """A private pool, so a stuck task of one test cannot slow down another."""
    own = QThreadPool()
    own.setMaxThreadCount(2)
    yield own
    own.waitForDone(5000)


# -- synchronous (what the other UI tests use) ------------------------------------------------------------------

def test_synchronous_runner_delivers_progress_and_result_at_once(qapp):
    rec = Recorder()

    def work(ctx):
        for i in range(1, 4):
            ctx.progress(i, 3)
        return "fertig"

    runner = TaskRunner(synchronous=True)
    handle = runner.start(work, **rec.kwargs())

    assert rec.progress == [(1, 3), (2, 3), (3, 3)]
    assert rec.done == ["fertig"]
    assert rec.errors == [] and rec.cancelled == []
    assert handle.finished
    assert runner.active() == 0


def test_synchronous_runner_delivers_errors(qapp, caplog):
    rec = Recorder()

    def work(ctx):
        raise ValueError("kaputt")

    with caplog.at_level(logging.ERROR, logger="kommandesk"):
        handle = TaskRunner(synchronous=True).start(work, **rec.kwargs())

    assert [str(e) for e in rec.errors] == ["kaputt"]
    assert isinstance(rec.errors[0], ValueError)
    assert rec.done == []
    assert handle.finished
    assert "ValueError: kaputt" in caplog.text


def test_synchronous_runner_delivers_cancel(qapp):
    rec = Recorder()

    def work(ctx):
        ctx.progress(1, 10)
        ctx.cancel()  # as if the user pressed Cancel between two steps
        ctx.progress(2, 10)
        return "never"

    handle = TaskRunner(synchronous=True).start(work, **rec.kwargs())

    assert rec.cancelled == [True]
    assert rec.done == []
    assert rec.progress == [(1, 10)]
    assert handle.finished


def test_callbacks_are_optional(qapp):
    handle = TaskRunner(synchronous=True).start(lambda ctx: 1)
    assert handle.finished
    handle = TaskRunner(synchronous=True).start(lambda ctx: (_ for _ in ()).throw(Cancelled()))
    assert handle.finished


# -- asynchronous (the thread pool) ----------------------------------------------------------------------------

def test_the_result_arrives_on_the_gui_thread(qtbot, qapp, pool):
    rec = Recorder()
    worker = {}

    def work(ctx):
        worker["thread"] = QThread.currentThread()
        worker["ident"] = threading.get_ident()
        ctx.progress(1, 1)
        return 42

    runner = TaskRunner(pool=pool)
    handle = runner.start(work, **rec.kwargs())
    qtbot.waitUntil(lambda: bool(rec.done), timeout=5000)

    assert rec.done == [42]
    assert worker["ident"] != threading.get_ident()  # the work really ran elsewhere
    assert worker["thread"] is not qapp.thread()
    assert rec.threads["done"] is qapp.thread()
    assert rec.threads["progress"] is qapp.thread()
    assert rec.progress == [(1, 1)]
    assert handle.finished
    assert runner.active() == 0


def test_the_gui_keeps_running_while_the_task_works(qtbot, qapp, pool):
    rec = Recorder()
    release = threading.Event()

    def work(ctx):
        release.wait(5)
        return "ok"

    runner = TaskRunner(pool=pool)
    handle = runner.start(work, **rec.kwargs())
    assert not handle.finished  # start() returned while the work is still waiting
    assert runner.active() == 1
    release.set()
    qtbot.waitUntil(lambda: handle.finished, timeout=5000)
    assert rec.done == ["ok"]


def test_cancel_stops_a_long_loop_and_reports_cancelled(qtbot, qapp, pool):
    rec = Recorder()
    steps = 100_000
    reached = []

    def work(ctx):
        for i in range(steps):
            ctx.progress(i, steps)
            reached.append(i)
            time.sleep(0.001)
        return "finished"

    runner = TaskRunner(pool=pool)
    handle = runner.start(work, **rec.kwargs())
    qtbot.waitUntil(lambda: len(rec.progress) >= 3, timeout=5000)

    handle.cancel()
    qtbot.waitUntil(lambda: bool(rec.cancelled), timeout=5000)

    assert rec.cancelled == [True]
    assert rec.threads["cancelled"] is qapp.thread()
    assert rec.done == [] and rec.errors == []
    assert len(reached) < steps
    assert handle.finished
    assert runner.active() == 0


def test_an_exception_in_the_work_goes_to_on_error_and_the_log(qtbot, qapp, pool, caplog):
    rec = Recorder()

    def work(ctx):
        raise RuntimeError("import exploded")

    with caplog.at_level(logging.ERROR, logger="kommandesk"):
        handle = TaskRunner(pool=pool).start(work, **rec.kwargs())
        qtbot.waitUntil(lambda: bool(rec.errors), timeout=5000)

    assert isinstance(rec.errors[0], RuntimeError)
    assert str(rec.errors[0]) == "import exploded"
    assert rec.threads["error"] is qapp.thread()
    assert rec.done == []
    assert handle.finished
    assert "Traceback" in caplog.text and "RuntimeError: import exploded" in caplog.text


def test_many_tasks_all_report_back(qtbot, qapp, pool):
    rec = Recorder()
    runner = TaskRunner(pool=pool)
    for n in range(20):
        runner.start(lambda ctx, n=n: n * n, **rec.kwargs())
    qtbot.waitUntil(lambda: len(rec.done) == 20, timeout=5000)
    assert sorted(rec.done) == [n * n for n in range(20)]
    assert runner.active() == 0


def test_the_default_runner_uses_the_global_pool(qtbot, qapp):
    rec = Recorder()
    runner = TaskRunner()
    runner.start(lambda ctx: "global", **rec.kwargs())
    qtbot.waitUntil(lambda: bool(rec.done), timeout=5000)
    assert rec.done == ["global"]
    assert runner.wait(5000)


def test_progress_of_a_long_loop_is_thinned_but_the_last_step_arrives(qtbot, qapp, pool):
    rec = Recorder()
    steps = 100_000

    def work(ctx):
        for done in range(1, steps + 1):
            ctx.progress(done, steps)
        return "ok"

    TaskRunner(pool=pool).start(work, **rec.kwargs())
    qtbot.waitUntil(lambda: bool(rec.done), timeout=10_000)
    qapp.processEvents()

    assert rec.progress[0] == (1, steps)
    assert rec.progress[-1] == (steps, steps)
    assert len(rec.progress) < 1_000  # not one queued event per step
    assert [done for done, _ in rec.progress] == sorted(done for done, _ in rec.progress)
