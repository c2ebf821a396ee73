"""A combo box the user can type into to find an entry among hundreds (languages).

Typing shows the entries whose name, or another name given with it, contains the text anywhere, ignoring case and
diacritics ("turk" finds "Türkisch"); Enter or a click picks one. Enter on text that names no entry exactly picks
the best match (a name that is the text, then one that starts with it); text that matches nothing is not kept:
the box shows the entry chosen before.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QCompleter

from kommandesk.domain.search_text import fold

SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1  # folded text the typing is matched against


class _Entries(QAbstractListModel):
    """The entries as Python tuples (text, data, folded search text): hundreds of them are set in one go, without
    an item object or a Qt call per entry."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[tuple[str, object, str]] = []

    def replace(self, rows: list[tuple[str, object, str]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        text, data, search = self.rows[index.row()]
        if role == _DISPLAY or role == _EDIT:
            return text
        if role == _DATA:
            return data
        if role == _SEARCH:
            return search
        return None


_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_EDIT = int(Qt.ItemDataRole.EditRole.value)
_DATA = int(Qt.ItemDataRole.UserRole.value)
_SEARCH = int(SEARCH_ROLE)


class _FoldingCompleter(QCompleter):
    """Matches the folded typed text against SEARCH_ROLE; puts the entry's name (not its search text) in the box."""

    def splitPath(self, path: str) -> list[str]:
        return [fold(path)]

    def pathFromIndex(self, index: QModelIndex) -> str:
        return index.data(Qt.ItemDataRole.DisplayRole) or ""


class SearchableCombo(QComboBox):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._phrases: list[tuple[str, ...]] = []  # per entry: its folded name and other names
        self._entries = _Entries(self)
        self.setModel(self._entries)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = _FoldingCompleter(self._entries, self)
        completer.setCompletionRole(SEARCH_ROLE)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        self.lineEdit().editingFinished.connect(self._settle)

    def set_items(self, items: list[tuple[str, object] | tuple[str, object, str]], selected: object) -> None:
        """Replace the entries — (text, data) or (text, data, other names...) — and choose the one whose data is
        ``selected`` (else the first), without emitting index changes."""
        blocked = self.blockSignals(True)
        self._phrases = [tuple(fold(phrase) for phrase in (item[0], *item[2:]) if phrase) for item in items]
        self._entries.replace([(item[0], item[1], " ".join(phrases)) for item, phrases in zip(items, self._phrases)])
        self.setCurrentIndex(max(self.findData(selected), 0))
        self.blockSignals(blocked)

    def best_match(self, text: str) -> int:
        """The entry ``text`` names: one of its names exactly, else the first with a name that starts with it, else
        the first that contains it; -1 if none."""
        wanted = " ".join(fold(text).split())
        if not wanted:
            return -1
        best, best_rank = -1, 3
        for index, phrases in enumerate(self._phrases):
            if wanted in phrases:
                return index
            rank = 1 if any(phrase.startswith(wanted) for phrase in phrases) else \
                2 if any(wanted in phrase for phrase in phrases) else 3
            if rank < best_rank:
                best, best_rank = index, rank
        return best

    def choose_text(self, text: str) -> bool:
        """Choose the entry ``text`` names (as typing it and pressing Enter does); False if none."""
        index = self.best_match(text)
        if index < 0:
            self._show_current()
            return False
        self.setCurrentIndex(index)
        self._show_current()
        return True

    def _settle(self) -> None:
        """After typing (Enter or leaving the box): choose what the text names, or show the chosen entry again."""
        text = self.lineEdit().text()
        if text == self.itemText(self.currentIndex()):
            return
        self.choose_text(text)

    def _show_current(self) -> None:
        if self.currentIndex() >= 0:
            self.lineEdit().setText(self.itemText(self.currentIndex()))
