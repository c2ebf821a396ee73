"""What the certificate dialogs and the page say alike: the language of a document, the validity's colour, the
save dialog's start, and the choice of a document language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QComboBox, QFileDialog, QLabel

from kommandesk.domain.certificates import Validity
from kommandesk.i18n import _
from kommandesk.ui.widgets.form_field import error_colour

DOCUMENT_LANGUAGES = ("de", "en", "both")
_GOOD_ON_LIGHT, _GOOD_ON_DARK = QColor("#1b5e20"), QColor("#81c784")
_DOUBT_ON_LIGHT, _DOUBT_ON_DARK = QColor("#8a4b00"), QColor("#ffb74d")


def language_text(code: str) -> str:
    """'German', 'English', 'German and English' (the language a document is printed in)."""
    return {"de": _("German"), "en": _("English"), "both": _("German and English")}.get(code, code)


def fill_languages(combo: QComboBox, chosen: str | None) -> None:
    """The document languages, ``chosen`` (or the one chosen before) selected, without a signal."""
    chosen = combo.currentData() if combo.count() else chosen
    blocked = combo.blockSignals(True)
    combo.clear()
    for code in DOCUMENT_LANGUAGES:
        combo.addItem(language_text(code), code)
    combo.setCurrentIndex(max(combo.findData(chosen), 0))
    combo.blockSignals(blocked)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def good_colour(palette: QPalette) -> QColor:
    return _GOOD_ON_DARK if is_dark(palette) else _GOOD_ON_LIGHT


def doubt_colour(palette: QPalette) -> QColor:
    return _DOUBT_ON_DARK if is_dark(palette) else _DOUBT_ON_LIGHT


def validity_colour(validity: Validity, palette: QPalette) -> QColor:
    if validity is Validity.VALID:
        return good_colour(palette)
    if validity is Validity.REVOKED:
        return error_colour(palette)
    return doubt_colour(palette)


def colour_label(label: QLabel, colour: QColor | None) -> None:
    """The label's text in ``colour`` (None: the usual text colour)."""
    from PySide6.QtGui import QGuiApplication

    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, colour if colour is not None
                     else QGuiApplication.palette().color(QPalette.ColorRole.WindowText))
    label.setPalette(palette)


def ask_save_path(parent, title: str, suggested_name: str, start: Path | None = None) -> Path | None:
    """Where to save a PDF (the user's documents folder first); None when cancelled."""
    from kommandesk.ui.pages.course_documents import documents_folder

    folder = start if start is not None and start.is_dir() else documents_folder()
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, str(folder / suggested_name), _("PDF files (*.pdf)"))
    return Path(chosen) if chosen else None
