"""A page whose area arrives in a later version: says so plainly, in the user's language."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout

from kommandesk.i18n import _
from kommandesk.ui.pages.base import Page
from kommandesk.ui.pages.catalogue import COMING_SOON
from kommandesk.ui.widgets.headline import Headline


class ComingSoonPage(Page):
    def __init__(self, key: str, parent=None):
        super().__init__(parent)
        self.key = key
        self._description = COMING_SOON[key]
        self.setObjectName(f"page_{key}")
        self._headline = Headline()
        self._body = QLabel()
        self._body.setWordWrap(True)
        self._body.setTextFormat(Qt.TextFormat.PlainText)
        self._body.setObjectName("coming_soon")
        layout = QVBoxLayout(self)
        layout.addWidget(self._headline)
        layout.addWidget(self._body)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self._headline.set_text(self.title())
        self._body.setText(_("Coming soon.") + "\n\n" + self._description())
