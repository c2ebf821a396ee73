"""The large title at the top of a page."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from kommandesk.ui.widgets.labels import make_plain


class Headline(QLabel):
    def __init__(self, text: str = "", parent=None):
        super().__init__(text, parent)
        make_plain(self)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.setFont(font)
        self.setContentsMargins(0, 0, 0, 8)

    def set_text(self, text: str) -> None:
        self.setText(text)
