"""UI fixtures: a main window over a fresh database, tasks run synchronously."""

from __future__ import annotations

import pytest

_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    if outcome.get_result().when == "call" and outcome.get_result().failed:
        item.stash[_FAILED] = True


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item):
    """A test that failed half-way may leave unsaved changes behind. pytest-qt closes the windows before any
    fixture is finalised, and the 'unsaved changes' question would then fail the next test too: forget them."""
    if item.stash.get(_FAILED, False):
        from PySide6.QtWidgets import QApplication

        for widget in QApplication.topLevelWidgets():
            for page in getattr(widget, "_built", {}).values():  # only pages that exist: building one needs the DB
                if getattr(page, "dirty", False):
                    page.revert()
    return (yield)


@pytest.fixture
def settings(paths):
    from kommandesk.settings import Settings

    return Settings(paths.settings_file)


@pytest.fixture
def main_window(qtbot, services, settings, qapp):
    from kommandesk.i18n import set_language
    from kommandesk.i18n.qt import QtLanguage
    from kommandesk.ui.main_window import MainWindow

    qt_language = QtLanguage(qapp)

    def change_language(choice: str) -> None:
        settings.language = choice
        qt_language.apply(set_language("en" if choice == "system" else choice))

    window = MainWindow(services, settings, change_language)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    qt_language.apply("en")


# -- helpers shared by the UI tests -------------------------------------------------------------------------------

@pytest.fixture(autouse=True)
def _no_blocking_dialogs(monkeypatch):
    """A modal dialog nobody answers would hang the suite: fail loudly instead (tests patch exec to answer)."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    def refuse(self, *_args):
        text = self.text() if isinstance(self, QMessageBox) else ""
        raise AssertionError(f"unexpected modal dialog {self.windowTitle()!r}: {text!r}")

    monkeypatch.setattr(QMessageBox, "exec", refuse)
    monkeypatch.setattr(QDialog, "exec", refuse)


@pytest.fixture
def answer_dialogs(monkeypatch):
    """answer_dialogs(StandardButton.X): every QMessageBox returns X; the returned list records the boxes shown."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[dict] = []

    def install(button):
        def fake_exec(box):
            shown.append({"title": box.windowTitle(), "text": box.text(), "icon": box.icon(),
                          "buttons": {box.standardButton(b): b.text() for b in box.buttons()}})
            return int(button)

        monkeypatch.setattr(QMessageBox, "exec", fake_exec)
        return shown

    return install


@pytest.fixture
def make_window(qtbot, services, settings, qapp):
    """Another MainWindow over the same database and (optionally another view of) the same settings file."""
    from kommandesk.ui.main_window import MainWindow

    def make(window_settings=None):
        window = MainWindow(services, window_settings or settings, lambda _choice: None)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


@pytest.fixture
def clean_logging():
    """Remove file handlers that kommandesk.logs.setup() added during the test (they point into tmp_path)."""
    import logging

    from kommandesk import logs

    logger = logging.getLogger(logs.LOGGER_NAME)
    before = list(logger.handlers)
    level = logger.level
    yield logger
    for handler in list(logger.handlers):
        if handler not in before:
            logger.removeHandler(handler)
            handler.close()
    logger.setLevel(level)


@pytest.fixture
def make_page(qtbot, services, paths):
    """A Volunteers page of its own, shown and loaded; background work runs at once (synchronous tasks)."""
    from kommandesk.tasks import TaskRunner
    from kommandesk.ui.pages.volunteers_page import VolunteersPage

    def make(**kwargs) -> VolunteersPage:
        kwargs.setdefault("paths", paths)
        kwargs.setdefault("runner", TaskRunner(synchronous=True))
        page = VolunteersPage(services.volunteers, **kwargs)
        qtbot.addWidget(page)
        page.resize(1100, 700)
        page.show()
        qtbot.waitExposed(page)
        page.refresh()
        return page

    return make


@pytest.fixture(autouse=True)
def _no_idle_lock_left(qapp):
    """An idle lock (encrypted database) watches every event of the application until its window is destroyed; a
    window a test leaves behind would slow every later test (measured: +50 % on the volunteer pages' tests)."""
    yield
    from kommandesk.ui.idle_lock import IdleLock

    for widget in qapp.topLevelWidgets():
        for lock in widget.findChildren(IdleLock):
            lock._stop()
