"""app.run(): start-up problems end in a clear dialog and exit code 1 with nothing changed; a normal start works."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kommandesk import app as app_mod
from kommandesk.i18n import qt as qt_mod
from kommandesk.ui.dialogs import errors


class RecordingQtLanguage(qt_mod.QtLanguage):
    """The QtLanguage that run() creates, remembered so that its translators can be removed after the test."""

    made: list["RecordingQtLanguage"] = []

    def __init__(self, app):
        super().__init__(app)
        RecordingQtLanguage.made.append(self)


@pytest.fixture
def isolated_run(monkeypatch, clean_logging, qapp):
    """run() changes process-wide things (excepthook, logging, Qt translators, app name): put them back."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(qt_mod, "system_language", lambda: "en")  # the test machine's locale must not matter
    monkeypatch.setattr(qt_mod, "QtLanguage", RecordingQtLanguage)
    names = (qapp.applicationName(), qapp.applicationDisplayName(), qapp.organizationName())
    window_icon = qapp.windowIcon()
    RecordingQtLanguage.made.clear()
    yield
    for language in RecordingQtLanguage.made:
        language.apply("en")
    RecordingQtLanguage.made.clear()
    qapp.setApplicationName(names[0])
    qapp.setApplicationDisplayName(names[1])
    qapp.setOrganizationName(names[2])
    qapp.setWindowIcon(window_icon)


@pytest.fixture
def problems(monkeypatch):
    shown: list[tuple] = []
    monkeypatch.setattr(errors, "show_problem", lambda parent, title, message: shown.append((title, message)))
    return shown


def run_until_shown(argv, action):
    """app.run(argv) with on_shown calling ``action(window)``; a safety timer ends a run that does not quit."""
    seen = {}

    def on_shown(window):
        seen["window"] = window
        action(window, seen)

    safety = QTimer()
    safety.setSingleShot(True)
    safety.timeout.connect(lambda: (seen.setdefault("safety", True), QApplication.instance().quit()))
    safety.start(10_000)
    try:
        code = app_mod.run(argv, on_shown=on_shown)
    finally:
        safety.stop()
    window = seen.get("window")
    if window is not None:
        window.hide()
        window.deleteLater()
    assert "safety" not in seen, "closing the main window did not end the application"
    return code, seen


def test_a_file_that_is_not_sqlite_is_refused_with_a_dialog_and_left_alone(tmp_path, isolated_run, problems):
    data = tmp_path / "data"
    data.mkdir()
    db = data / "kommandesk.sqlite3"
    content = b"Name;Vorname\nM\xfcller;Hans\n" * 20
    db.write_bytes(content)

    code = app_mod.run(["--data-dir", str(data)])

    assert code == 1
    assert len(problems) == 1
    title, message = problems[0]
    assert title == "KommanDesk cannot start"
    assert str(db) in message
    assert "not an SQLite file" in message
    assert "Traceback" not in message
    assert db.read_bytes() == content
    assert sorted(p.name for p in data.iterdir() if p.name not in ("logs", "settings.ini")) == ["kommandesk.sqlite3"]
    assert "cannot open the database" in (data / "logs" / "kommandesk.log").read_text(encoding="utf-8")


def test_the_start_up_problem_is_german_with_lang_de(tmp_path, isolated_run, problems):
    data = tmp_path / "data"
    data.mkdir()
    (data / "kommandesk.sqlite3").write_bytes(b"x" * 200)

    assert app_mod.run(["--data-dir", str(data), "--lang", "de"]) == 1

    title, message = problems[0]
    assert title != "KommanDesk cannot start"
    assert "Nothing was changed" not in message


def test_a_data_folder_that_cannot_be_created_is_reported(tmp_path, isolated_run, problems):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")

    code = app_mod.run(["--data-dir", str(blocker / "data")])

    assert code == 1
    assert len(problems) == 1
    assert str(blocker / "data") in problems[0][1]
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_a_normal_start_shows_the_window_and_closing_it_ends_the_app(tmp_path, isolated_run, problems):
    data = tmp_path / "data"

    def close(window, seen):
        seen["title"] = window.windowTitle()
        seen["visible"] = window.isVisible()
        seen["page"] = window.current_page().key
        window.close()

    code, seen = run_until_shown(["--data-dir", str(data), "--no-assistant"], close)  # assistant: test_first_run.py

    assert code == 0
    assert problems == []
    assert seen["title"] == "KommanDesk"
    assert seen["visible"]
    assert seen["page"] == "overview"
    assert (data / "kommandesk.sqlite3").is_file()
    assert (data / "settings.ini").is_file()  # geometry saved on close
    assert not QApplication.windowIcon().isNull()


def test_the_saved_language_is_used_at_start(tmp_path, isolated_run, problems):
    from kommandesk.settings import Settings

    data = tmp_path / "data"
    data.mkdir()
    saved = Settings(data / "settings.ini")
    saved.language = "de"
    saved.last_page = "trainings"
    saved.sync()

    def look(window, seen):
        seen["sidebar"] = [window.sidebar.item(row).text() for row in range(window.sidebar.count())]
        seen["page"] = window.current_page().key
        window.close()

    code, seen = run_until_shown(["--data-dir", str(data), "--no-assistant"], look)

    assert code == 0
    assert seen["page"] == "trainings"
    assert seen["sidebar"][1] == "Ehrenamtliche"
    assert seen["sidebar"][7] == "Einstellungen"
