"""Composition root of the desktop app: QApplication, language, store, services, main window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from kommandesk import APP_NAME, __version__, logs
from kommandesk import paths as paths_mod
from kommandesk.domain.errors import KommanDeskError
from kommandesk.i18n import SUPPORTED_LANGUAGES, _, set_language


def parse_args(argv: Sequence[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="kommandesk", add_help=False)
    parser.add_argument("--data-dir")
    parser.add_argument("--lang", choices=SUPPORTED_LANGUAGES)
    return parser.parse_known_args(argv)


def run(argv: Sequence[str] | None = None, on_shown: Callable[[object], None] | None = None) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kommandesk.i18n.qt import QtLanguage, system_language
    from kommandesk.settings import LANGUAGE_SYSTEM, Settings
    from kommandesk.ui.dialogs.errors import install_excepthook, show_problem
    from kommandesk.ui.icons import icon

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

    try:
        paths.ensure()
    except OSError as exc:
        qt_language.apply(startup_language())
        show_problem(None, _("KommanDesk cannot start"),
                     _("The data folder {folder} cannot be created: {reason}").format(folder=paths.data_dir,
                                                                                    reason=exc.strerror))
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

    from kommandesk.services.context import Services

    try:
        services = Services.open(paths)
    except KommanDeskError as exc:
        logs.get("app").error("cannot open the database: %s", exc.message)
        show_problem(None, _("KommanDesk cannot start"), exc.message)
        return 1
    logs.get("app").info("started %s %s on %s", APP_NAME, __version__, paths.db_file)

    from kommandesk.ui.main_window import MainWindow

    window = MainWindow(services, settings, change_language)
    window.show()
    if on_shown is not None:
        QTimer.singleShot(0, lambda: on_shown(window))
    try:
        return app.exec()
    finally:
        services.close()


def main() -> int:
    return run()
