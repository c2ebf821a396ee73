"""Help > About names the version and where the data lives."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from kommandesk import __version__
from kommandesk.ui.dialogs.about import about_text


def test_about_text_names_version_data_folder_and_log(paths):
    text = about_text(paths)
    assert __version__ in text
    assert f"Data folder: {paths.data_dir}" in text
    assert str(paths.log_file) in text


def test_about_text_in_german(paths, german):
    text = about_text(paths)
    assert __version__ in text
    assert str(paths.data_dir) in text
    assert "Data folder" not in text


def test_about_text_escapes_a_folder_with_markup(tmp_path):
    from kommandesk import paths as paths_mod

    odd = paths_mod.resolve(tmp_path / "<i>&data")
    text = about_text(odd)
    assert "&lt;i&gt;&amp;data" in text
    assert "<i>" not in text


def test_help_about_opens_the_about_box(qtbot, main_window):
    seen = []
    tries = []

    def close_it():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.close()
        elif len(tries) < 200:  # give up after ~2 s rather than poll for ever
            tries.append(1)
            QTimer.singleShot(10, close_it)

    QTimer.singleShot(0, close_it)
    main_window._about.trigger()  # QMessageBox.about is a static C++ call: closed by the timer above

    assert len(seen) == 1
    assert __version__ in seen[0]
    assert str(main_window.services.paths.data_dir) in seen[0]


def test_help_opens_the_log_folder(main_window, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    main_window._log_action.trigger()
    assert [url.toLocalFile() for url in opened] == [str(main_window.services.paths.log_dir)]
