"""Unexpected errors: the traceback goes to the log file, the user sees a plain message that names that file."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from kommandesk import logs
from kommandesk.ui.dialogs import errors


@pytest.fixture
def log_file(tmp_path, clean_logging, monkeypatch):
    file = tmp_path / "logs" / "kommandesk.log"
    file.parent.mkdir()
    logs.setup(file)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    return file


@pytest.fixture
def problems(monkeypatch):
    shown: list[tuple] = []
    monkeypatch.setattr(errors, "show_problem", lambda parent, title, message: shown.append((parent, title, message)))
    return shown


def raise_and_hook(message: str) -> None:
    def deep_inside():
        raise ValueError(message)

    try:
        deep_inside()
    except ValueError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)


def test_the_hook_logs_the_traceback_and_shows_a_plain_message(qapp, log_file, problems):
    errors.install_excepthook(log_file)

    raise_and_hook("secret-detail-4711")

    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in logged
    assert "deep_inside" in logged
    assert "ValueError: secret-detail-4711" in logged
    assert len(problems) == 1
    _parent, title, message = problems[0]
    assert title == "Unexpected error"
    assert str(log_file) in message
    assert "Traceback" not in message
    assert "secret-detail-4711" not in message
    assert "deep_inside" not in message and 'File "' not in message


def test_the_real_dialog_is_a_critical_message_box(qapp, log_file, answer_dialogs):
    shown = answer_dialogs(QMessageBox.StandardButton.Ok)
    errors.install_excepthook(log_file)

    raise_and_hook("boom")

    assert len(shown) == 1
    assert shown[0]["icon"] == QMessageBox.Icon.Critical
    assert str(log_file) in shown[0]["text"]
    assert "Traceback" not in shown[0]["text"]
    assert list(shown[0]["buttons"]) == [QMessageBox.StandardButton.Ok]


def test_an_error_raised_in_a_slot_reaches_the_hook(qtbot, log_file, problems):
    errors.install_excepthook(log_file)

    def slot():
        raise RuntimeError("raised-in-a-slot")

    QTimer.singleShot(0, slot)
    qtbot.waitUntil(lambda: len(problems) == 1, timeout=2000)

    assert "RuntimeError: raised-in-a-slot" in log_file.read_text(encoding="utf-8")


def test_the_message_is_german_in_german(qapp, log_file, problems, german):
    errors.install_excepthook(log_file)
    raise_and_hook("boom")
    _parent, title, message = problems[0]
    assert title != "Unexpected error"
    assert str(log_file) in message
    assert "Traceback" not in message


def test_a_second_error_while_the_dialog_is_open_is_logged_but_not_shown_twice(qapp, log_file, monkeypatch):
    shown = []

    def show_problem(parent, title, message):
        shown.append(message)
        raise_and_hook("second")  # e.g. a timer firing while the first dialog is open

    monkeypatch.setattr(errors, "show_problem", show_problem)
    errors.install_excepthook(log_file)

    raise_and_hook("first")

    assert len(shown) == 1
    logged = log_file.read_text(encoding="utf-8")
    assert "ValueError: first" in logged and "ValueError: second" in logged


def test_keyboard_interrupt_is_not_turned_into_a_dialog(qapp, log_file, problems, monkeypatch):
    passed_on = []
    monkeypatch.setattr(sys, "__excepthook__", lambda *args: passed_on.append(args))
    errors.install_excepthook(log_file)

    sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)

    assert problems == []
    assert len(passed_on) == 1
