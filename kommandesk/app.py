"""Composition root of the desktop app: QApplication, language, store, services, main window.

The check on every start is in ui/start_check.py; the open database and its window (automatic backups, restore,
switching the encryption) in ui/session.py."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from kommandesk import APP_NAME, __version__, logs
from kommandesk import paths as paths_mod
from kommandesk.i18n import SUPPORTED_LANGUAGES, _, set_language


AFTER_SHOWN_MS = 1500  # the checks after start wait until the window is painted and the user can work


def parse_args(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="kommandesk", add_help=False)
    parser.add_argument("--data-dir")
    parser.add_argument("--lang", choices=SUPPORTED_LANGUAGES)
    parser.add_argument("--no-assistant", action="store_true")  # no first-start assistant (scripts, smoke tests)
    return parser.parse_known_args(argv)


def run(argv: Sequence[str] | None = None, on_shown: Callable[[object], None] | None = None) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kommandesk.i18n.qt import QtLanguage, system_language
    from kommandesk.settings import LANGUAGE_SYSTEM, Settings
    from kommandesk.ui.dialogs.errors import install_excepthook, show_problem
    from kommandesk.ui.icons import icon
    from kommandesk.ui.session import Session
    from kommandesk.ui.start_check import open_checked

    argv = list(sys.argv[1:] if argv is None else argv)
    args, qt_args = parse_args(argv)
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    app.setWindowIcon(icon("app"))
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    qt_language = QtLanguage(app)

    paths = paths_mod.resolve(args.data_dir)

    def startup_language() -> str:
        return set_language(args.lang or system_language())

    problem = paths.prepare()
    if problem is not None:
        qt_language.apply(startup_language())
        show_problem(None, _("KommanDesk cannot start"), problem)
        return 1
    settings = Settings(paths.settings_file)

    def change_language(choice: str) -> None:
        settings.language = choice
        language = set_language(system_language() if choice == LANGUAGE_SYSTEM else choice)
        qt_language.apply(language)

    chosen = args.lang or (settings.language if settings.language != LANGUAGE_SYSTEM else system_language())
    qt_language.apply(set_language(chosen))

    try:
        logs.setup(paths.log_file)
    except OSError:
        pass  # reported as a storage problem just below
    install_excepthook(paths.log_file)

    first_start = not (paths.db_file.exists() or args.no_assistant)  # a new data folder: the assistant first
    _ask_for_passphrases()  # an encrypted database: the passphrase dialog when it is opened
    services, notice = open_checked(paths)
    if services is None:
        return 1
    logs.get("app").info("started %s %s on %s", APP_NAME, __version__, paths.db_file)
    then = None
    if first_start:
        from kommandesk.ui.first_run_start import run_assistant

        services, then = run_assistant(paths, services, change_language)
        if services is None:
            return 1

    session = Session(paths, settings, change_language)
    window = session.show(services, notice)
    if then is not None:  # after the assistant: its message; the import dialog over the window if chosen
        QTimer.singleShot(0, window, lambda: then(window))
    if on_shown is not None:
        QTimer.singleShot(0, lambda: on_shown(window))
    QTimer.singleShot(AFTER_SHOWN_MS, window, session.after_shown)  # the network check, the backup when due
    try:
        return app.exec()
    finally:
        session.close()


def _ask_for_passphrases() -> None:
    from kommandesk.store import encryption  # SQLCipher itself is loaded only for an encrypted file

    def ask(path):
        from kommandesk.ui.dialogs.passphrase_dialog import ask_at_start

        return ask_at_start(path)

    encryption.set_provider(ask)


def main() -> int:
    if os.environ.get("KOMMANDESK_SMOKE_TEST") == "1":  # build_installer.py's smoke test: "shown" once shown, quit
        from PySide6.QtCore import QCoreApplication
        return run(on_shown=lambda _window: (print("shown", flush=True), QCoreApplication.quit()))
    return run()
