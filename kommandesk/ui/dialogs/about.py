"""Help > About KommanDesk."""

from __future__ import annotations

import html
import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtWidgets import QMessageBox, QWidget

from kommandesk import APP_NAME, __version__
from kommandesk.i18n import _
from kommandesk.paths import Paths


def about_text(paths: Paths) -> str:
    esc = html.escape
    lines = [
        f"<h3>{esc(APP_NAME)} {esc(__version__)}</h3>",
        "<p>" + esc(_("Volunteer coordination for municipal integration centres in North Rhine-Westphalia "
                      "(state programme KOMM-AN NRW).")) + "</p>",
        "<p>" + esc(_("Data folder: {path}").format(path=paths.data_dir)) + "<br>"
        + esc(_("Log file: {path}").format(path=paths.log_file)) + "</p>",
        "<p>" + esc(_("Python {python}, Qt for Python {qt}").format(python=platform.python_version(),
                                                                     qt=pyside_version)) + "</p>",
    ]
    return "".join(lines)


def show_about(parent: QWidget, paths: Paths) -> None:
    QMessageBox.about(parent, _("About KommanDesk"), about_text(paths))
