"""The offer on start when retention periods have run out: a button in the status bar, found off the GUI thread,
that opens the retention dialog and goes away once nothing is due any more."""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtWidgets import QLabel


def retention_button(window) -> QLabel | None:
    return window.statusBar().findChild(QLabel, "status_retention")


def test_nothing_due_offers_nothing(main_window, services):
    from kommandesk.ui.session import Session
    from kommandesk.tasks import TaskRunner

    session = Session(services.paths, None, lambda _choice: None, runner=TaskRunner(synchronous=True))
    session.services, session.window = services, main_window
    session.check_retention()
    assert retention_button(main_window) is None


def test_due_retention_is_offered_in_the_status_bar_and_opens_the_review(main_window, services, monkeypatch):
    from kommandesk.ui.session import Session
    from kommandesk.tasks import TaskRunner
    from kommandesk.ui.dialogs.privacy import retention_dialog

    due = [True]

    @contextmanager
    def elsewhere():
        yield services.privacy

    monkeypatch.setattr(services.privacy, "retention_due", lambda today=None: due[0])
    monkeypatch.setattr(services.privacy, "elsewhere", elsewhere)
    session = Session(services.paths, None, lambda _choice: None, runner=TaskRunner(synchronous=True))
    session.services, session.window = services, main_window
    session.check_retention()
    button = retention_button(main_window)
    assert button is not None and button.isVisibleTo(main_window)
    assert "Retention periods have run out" in button.text()

    opened = []

    def reviewed(dialog):
        opened.append(dialog)
        due[0] = False  # the coordinator applied the rules
        return 0

    monkeypatch.setattr(retention_dialog.RetentionDialog, "exec", reviewed)
    assert button.height() <= main_window.statusBar().height()  # a link: the status bar keeps its height
    button.linkActivated.emit("#retention")
    assert len(opened) == 1
    assert retention_button(main_window) is None or not retention_button(main_window).isVisibleTo(main_window)
