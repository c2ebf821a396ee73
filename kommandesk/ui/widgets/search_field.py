"""A search box that searches as you type: ``search_now`` runs after a short pause in typing (the timer, so that a
caller can flush it at once or see whether a search is pending)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLineEdit

SEARCH_DELAY_MS = 150


def search_field(owner: QObject, name: str, search_now: Callable[[], None]) -> tuple[QLineEdit, QTimer]:
    """The box ``<name>_search`` (a clear button, at most 200 characters) and its typing-pause timer."""
    search = QLineEdit()
    search.setObjectName(f"{name}_search")
    search.setClearButtonEnabled(True)
    search.setMaxLength(200)
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(SEARCH_DELAY_MS)
    timer.timeout.connect(search_now)
    search.textChanged.connect(lambda _text: timer.start())
    return search, timer
