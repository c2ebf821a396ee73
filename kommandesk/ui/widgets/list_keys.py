"""Keyboard helpers for a list page: Enter on the table opens the row; in the search box Esc clears, Enter
searches at once and Down goes to the list. Event filters that call the page back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class EnterOpens(QObject):
    def __init__(self, parent: QObject, open_current: Callable[[], None]):
        super().__init__(parent)
        self._open = open_current

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in _ENTER \
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self._open()
            return True
        return False


class SearchKeys(QObject):
    def __init__(self, parent: QObject, clear: Callable[[], None], flush: Callable[[], None],
                 to_list: Callable[[], None]):
        super().__init__(parent)
        self._clear, self._flush, self._to_list = clear, flush, to_list

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        if event.key() == Qt.Key.Key_Escape and watched.text():
            self._clear()
            return True
        if event.key() in _ENTER:
            self._flush()
            return True
        if event.key() == Qt.Key.Key_Down:
            self._to_list()
            return True
        return False
