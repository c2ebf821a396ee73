"""No traceback ever reaches a user: unexpected errors are logged and shown as a plain, translated message."""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from kommandesk import logs
from kommandesk.i18n import _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def unexpected_error_text(log_file: Path) -> str:
    return _("Something went wrong that KommanDesk did not expect. What you saved before is safe.\n\n"
             "Details were written to the log file:\n{log}\n\n"
             "If it happens again, please send that file to your IT support.").format(log=log_file)


def show_problem(parent: "QWidget | None", title: str, message: str) -> None:
    from PySide6.QtWidgets import QMessageBox  # on use: the dialog classes cost start-up time

    box = QMessageBox(QMessageBox.Icon.Critical, title, message, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("problem_dialog")
    box.exec()


def install_excepthook(log_file: Path) -> None:
    """Route uncaught exceptions (also those raised in slots) to the log and a dialog."""
    showing = False

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        import traceback

        from PySide6.QtWidgets import QApplication

        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        logs.get("ui").error("unexpected error:\n%s", "".join(traceback.format_exception(kind, error, tb)))
        if showing or QApplication.instance() is None:
            return
        showing = True
        try:
            show_problem(QApplication.activeWindow(), _("Unexpected error"), unexpected_error_text(log_file))
        finally:
            showing = False

    sys.excepthook = hook
