"""UI fixtures: a main window over a fresh database, tasks run synchronously."""

from __future__ import annotations

import pytest


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
