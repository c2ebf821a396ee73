"""Labels that show their text as plain text, always (user data such as "<b>" or "&amp;" stays literal).

The format is set through Qt's property system instead of ``setTextFormat(Qt.TextFormat.PlainText)``: the
first use of ``Qt`` from Python builds the whole Qt namespace of enums, 12 ms, and the widgets of the first
frame (sidebar, overview) avoid it so the window shows sooner. Later pages use ``Qt`` freely.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

PLAIN_TEXT = 0  # Qt.TextFormat.PlainText


def make_plain(label: QLabel) -> QLabel:
    label.setProperty("textFormat", PLAIN_TEXT)
    return label


def plain_label(text: str = "", *, wrap: bool = False, name: str = "") -> QLabel:
    label = make_plain(QLabel(text))
    label.setWordWrap(wrap)
    if name:
        label.setObjectName(name)
    return label


def message_label(name: str) -> QLabel:
    """A plain-text, word-wrapped line in the error colour (hidden while it is empty)."""
    from PySide6.QtGui import QPalette

    from kommandesk.ui.widgets.form_field import error_colour

    label = plain_label(wrap=True, name=name)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, error_colour(palette))
    label.setPalette(palette)
    label.hide()
    return label
