"""A small coloured tag ("minor", "valid until ...", "expired"): plain text, readable in light and dark mode."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from kommandesk.ui.widgets.labels import make_plain

# text and background colours, each pair at least 4.5:1
KINDS = {
    "good": ("#0b4f1f", "#d6f5de"),
    "warn": ("#5a3b00", "#fde7b0"),
    "bad": ("#7a0016", "#fbd5da"),
    "neutral": ("#30343a", "#e3e6ea"),
}


class Badge(QLabel):
    def __init__(self, text: str = "", kind: str = "neutral", name: str = "", parent=None):
        super().__init__(text, parent)
        make_plain(self)
        if name:
            self.setObjectName(name)
        self.kind = ""
        self.set_kind(kind)

    def set_kind(self, kind: str) -> None:
        if kind == self.kind:
            return
        self.kind = kind
        foreground, background = KINDS[kind]
        self.setStyleSheet(f"QLabel {{ color: {foreground}; background: {background}; border-radius: 4px;"
                           f" padding: 2px 8px; }}")

    def show_as(self, text: str, kind: str) -> None:
        self.setText(text)
        self.set_kind(kind)
        self.setVisible(bool(text))
