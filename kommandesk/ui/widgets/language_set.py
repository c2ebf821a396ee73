"""A set of languages without levels (the languages a family speaks): type to find one, Add, Remove.

The names follow the UI language (babel, Dari too); the English name and the ISO code find a language as well.
``codes()`` keeps the order the languages were added in.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QListWidget, QListWidgetItem, QPushButton, QWidget

from kommandesk.i18n import _, current_language
from kommandesk.ui.widgets.language_picker import display_name, language_names
from kommandesk.ui.widgets.searchable_combo import SearchableCombo

CODE_ROLE = Qt.ItemDataRole.UserRole


class LanguageSet(QWidget):
    changed = Signal()

    def __init__(self, parent=None, *, name: str = "language_set"):
        super().__init__(parent)
        self.setObjectName(name)
        self._codes: list[str] = []
        self.search = SearchableCombo()
        self.search.setObjectName(f"{name}_search")
        self.search.setAccessibleName(_("Language"))
        self.search.setMinimumContentsLength(16)
        self.search.set_items([(_("Choose a language"), None)]
                              + [(row_name, code, folded) for code, row_name, _folded_name, folded
                                 in language_names(current_language())], None)
        self.search.lineEdit().installEventFilter(self)
        self.add_button = QPushButton(_("Add"))
        self.add_button.setObjectName(f"{name}_add")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_chosen)
        self.list = QListWidget()
        self.list.setObjectName(f"{name}_list")
        self.list.setAccessibleName(_("Languages"))
        self.list.setMaximumHeight(self.list.fontMetrics().height() * 5 + 12)
        self.list.installEventFilter(self)
        self.list.itemSelectionChanged.connect(self._enable)
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.setObjectName(f"{name}_remove")
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_selected)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 0, 0)
        layout.addWidget(self.add_button, 0, 1)
        layout.addWidget(self.list, 1, 0)
        layout.addWidget(self.remove_button, 1, 1, Qt.AlignmentFlag.AlignTop)
        layout.setColumnStretch(0, 1)
        self.setFocusProxy(self.search)
        self._enable()

    def codes(self) -> tuple[str, ...]:
        return tuple(self._codes)

    def set_codes(self, codes) -> None:
        self._codes = list(dict.fromkeys(codes))
        self._fill()

    def add(self, code: str) -> bool:
        if not code or code in self._codes:
            return False
        self._codes.append(code)
        self._fill()
        self.changed.emit()
        return True

    def add_chosen(self) -> None:
        text = self.search.currentText()
        if text != self.search.itemText(self.search.currentIndex()):
            self.search.choose_text(text)
        if self.add(self.search.currentData()):
            self.search.setCurrentIndex(0)
        self.search.setFocus()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._codes):
            del self._codes[row]
            self._fill()
            if self._codes:
                self.list.setCurrentRow(min(row, len(self._codes) - 1))
            self.changed.emit()

    def _fill(self) -> None:
        self.list.clear()
        for code in self._codes:
            item = QListWidgetItem(display_name(code))
            item.setData(CODE_ROLE, code)
            item.setToolTip(code)
            self.list.addItem(item)
        self._enable()

    def _enable(self) -> None:
        self.remove_button.setEnabled(bool(self.list.selectedItems()))

    def focus_order(self) -> list[QWidget]:
        return [self.search, self.add_button, self.list, self.remove_button]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.search.lineEdit() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                    and not self.search.completer().popup().isVisible():
                self.add_chosen()  # Enter adds the language (and does not press the dialog's Save button)
                return True
            if watched is self.list and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.remove_selected()
                return True
        return super().eventFilter(watched, event)
