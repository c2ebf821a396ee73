"""An input with its message right beside it (shown in red when the value is refused)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget


ERROR_ON_LIGHT = QColor("#b00020")  # 6:1 against a light window: readable, not just "red"
ERROR_ON_DARK = QColor("#ff8a80")


def error_colour(palette: QPalette) -> QColor:
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return ERROR_ON_DARK if dark else ERROR_ON_LIGHT


class FieldWithError(QWidget):
    def __init__(self, editor: QWidget, parent=None, width_chars: int | None = None):
        """``width_chars``: a short field (a postcode) is only as wide as that many characters."""
        super().__init__(parent)
        self.editor = editor
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setObjectName("field_error")
        palette = self.error.palette()
        palette.setColor(QPalette.ColorRole.WindowText, error_colour(palette))
        self.error.setPalette(palette)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        if width_chars:
            editor.setMaximumWidth(editor.fontMetrics().horizontalAdvance("M" * width_chars) + 16)
            row = QHBoxLayout()
            row.addWidget(editor)
            row.addStretch(1)
            layout.addLayout(row)
        else:
            layout.addWidget(editor)
        layout.addWidget(self.error)
        self.setFocusProxy(editor)

    def set_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.editor.setAccessibleDescription(message or "")
        self._fit_error()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_error()

    def _fit_error(self) -> None:
        """Room for every line of a wrapped message: forms lay out rows by their one-line size hint, and a long
        message would be cut off at the top and bottom."""
        if self.error.isVisibleTo(self):
            width = max(self.width(), self.editor.width(), 120)
            self.error.setMinimumHeight(self.error.heightForWidth(width))
