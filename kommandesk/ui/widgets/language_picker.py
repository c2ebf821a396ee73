"""Languages a person speaks, each with a level (A1..C2 or native speaker).

A searchable combo lists every language babel names, in the UI language, with the ISO code kept as item data.
Typing filters a completer popup: case and diacritics do not matter ("turk" and "türk" find Turkish / Türkisch),
a word may match anywhere ("arab" finds Arabic), and the English name and the code match too (so "arabic" also
works in German). Adding a language already in the list changes its level.
"""

from __future__ import annotations

from functools import cache

from babel import Locale
from PySide6.QtCore import QAbstractListModel, QEvent, QModelIndex, QObject, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QCompleter, QGridLayout, QHeaderView, QLabel,
                               QPushButton, QTableWidget, QTableWidgetItem, QWidget)

from kommandesk.domain.languages import BABEL_KEYS, LEVEL_HELP, LanguageSkill, Level, is_known_code, known_codes
from kommandesk.domain.search_text import fold
from kommandesk.i18n import _, current_language
from kommandesk.ui.widgets.form_field import error_colour

CODE_ROLE = Qt.ItemDataRole.UserRole
FOLDED_ROLE = Qt.ItemDataRole.UserRole + 1
FOLDED_NAME_ROLE = Qt.ItemDataRole.UserRole + 2


def display_name(code: str, language: str | None = None) -> str:
    """The name of ``code`` in the UI language (Dari too, which CLDR names under "fa_AF"); the code if unknown."""
    names = Locale.parse(language or current_language()).languages
    return names.get(BABEL_KEYS.get(code, code)) or code


@cache
def language_names(language: str) -> tuple[tuple[str, str, str, str], ...]:
    """(code, name in ``language``, folded name, folded search text) for every known code, sorted by name."""
    english = Locale("en").languages
    rows = []
    for code in known_codes():
        name = display_name(code, language)
        english_name = english.get(BABEL_KEYS.get(code, code), "")
        rows.append((code, name, fold(name), fold(f"{name} {english_name} {code}")))
    rows.sort(key=lambda row: (row[2], row[0]))
    return tuple(rows)


class _Languages(QAbstractListModel):
    """Every language, read from a Python tuple (no item objects: building it stays cheap)."""

    def __init__(self, rows: tuple[tuple[str, str, str, str], ...], parent=None):
        super().__init__(parent)
        self._rows = rows

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        code, name, folded_name, folded = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return name
        if role == CODE_ROLE:
            return code
        if role == FOLDED_ROLE:
            return folded
        if role == FOLDED_NAME_ROLE:
            return folded_name
        return None

    def rank(self, row: int, word: str) -> tuple[int, int, int]:
        """How well row ``row`` matches ``word``: the name starts with it, a word of it does, it contains it."""
        code, _name, folded_name, folded = self._rows[row]
        if code == word:
            place = -1
        elif folded_name.startswith(word):
            place = 0
        elif any(part.startswith(word) for part in folded.split()):
            place = 1
        else:
            place = 2
        return place, len(folded_name), row


class _Matches(QSortFilterProxyModel):
    """Rows whose folded text contains every typed word; names that start with the first word come first."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._words: list[str] = []

    def set_text(self, text: str) -> None:
        self._words = fold(text).split()
        self.invalidate()

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        if not self._words:
            return True
        folded = self.sourceModel().index(row, 0, parent).data(FOLDED_ROLE)
        return all(word in folded for word in self._words)

    def lessThan(self, left: QModelIndex, right: QModelIndex) -> bool:
        if not self._words:
            return left.row() < right.row()
        model = self.sourceModel()
        return model.rank(left.row(), self._words[0]) < model.rank(right.row(), self._words[0])


class LanguagePicker(QWidget):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("language_picker")
        self._skills: dict[str, Level] = {}  # in the order they were added

        self._model = _Languages(language_names(current_language()), self)

        self.search = QComboBox()
        self.search.setObjectName("language_search")
        self.search.setEditable(True)
        self.search.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.search.setModel(self._model)
        self.search.setMaxVisibleItems(15)
        self.search.setCurrentIndex(-1)
        self.search.lineEdit().setPlaceholderText(_("Type to search, e.g. Arabic"))
        self.search.setAccessibleName(_("Language"))
        self.search.setMinimumContentsLength(18)
        self.search.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

        self._matches = _Matches(self)
        self._matches.setSourceModel(self._model)
        self._matches.sort(0)
        self.completer = QCompleter(self._matches, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setMaxVisibleItems(12)
        self.search.setCompleter(self.completer)
        self.search.lineEdit().textEdited.connect(self._typed)
        self.completer.activated[QModelIndex].connect(self._completed)
        self.search.lineEdit().installEventFilter(self)

        self.level = QComboBox()
        self.level.setObjectName("language_level")
        self.level.setAccessibleName(_("Level"))
        self.level.addItem(_("Choose a level"), None)
        for level in Level:
            self.level.addItem(level.label(), level.value)
        self.level.installEventFilter(self)

        self.add_button = QPushButton(_("Add"))
        self.add_button.setObjectName("language_add")
        self.add_button.setAutoDefault(False)  # Enter in the picker adds (see eventFilter), never saves the form
        self.add_button.clicked.connect(self._add_chosen)

        self.table = QTableWidget(0, 2)
        self.table.setObjectName("language_list")
        self.table.setHorizontalHeaderLabels([_("Language"), _("Level")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAccessibleName(_("Languages spoken"))
        self.table.installEventFilter(self)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.setObjectName("language_remove")
        self.remove_button.setEnabled(False)
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_selected)

        self.error = QLabel()
        self.error.setObjectName("field_error")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        palette = self.error.palette()
        palette.setColor(QPalette.ColorRole.WindowText, error_colour(palette))
        self.error.setPalette(palette)
        self.error.hide()

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 0, 0)
        layout.addWidget(self.level, 0, 1)
        layout.addWidget(self.add_button, 0, 2)
        layout.addWidget(self.error, 1, 0, 1, 3)
        layout.addWidget(self.table, 2, 0, 1, 2)
        layout.addWidget(self.remove_button, 2, 2, Qt.AlignmentFlag.AlignTop)
        layout.setColumnStretch(0, 1)
        self.setFocusProxy(self.search)

    # -- value ------------------------------------------------------------------------------------------------
    def skills(self) -> tuple[LanguageSkill, ...]:
        return tuple(LanguageSkill(code, level) for code, level in self._skills.items())

    def set_skills(self, skills) -> None:
        """Show a stored list as it is (an unknown code stays, so that saving can say what is wrong)."""
        self._skills = {skill.code: skill.level for skill in skills}
        self._fill()
        self.set_error(None)

    def add(self, code: str, level: Level | str) -> bool:
        """Add ``code`` (ISO 639) at ``level`` ('B2', 'native', Level.B2) or change its level; False, with the
        reason beside the picker, when the code or the level is not one we know."""
        code = (code or "").strip().lower()
        if not is_known_code(code):
            self.set_error(_("Unknown language code: {code}.").format(code=code))
            return False
        try:
            level = level if isinstance(level, Level) else Level.parse(str(level))
        except ValueError:
            self.set_error(_(LEVEL_HELP))
            return False
        self._skills[code] = level
        self._fill(select=code)
        self.set_error(None)
        self.changed.emit()
        return True

    def remove(self, code: str) -> None:
        if self._skills.pop(code, None) is not None:
            self._fill()
            self.changed.emit()

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < self.table.rowCount():
            code = self.table.item(row, 0).data(CODE_ROLE)
            self.remove(code)
            if self.table.rowCount():
                self.table.selectRow(min(row, self.table.rowCount() - 1))

    def set_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.search.setAccessibleDescription(message or "")

    def focus_order(self) -> list[QWidget]:
        return [self.search, self.level, self.add_button, self.table, self.remove_button]

    # -- searching --------------------------------------------------------------------------------------------
    def matches(self, text: str) -> list[tuple[str, str]]:
        """(code, name) of the languages the popup offers for ``text``, best first."""
        self._matches.set_text(text)
        return [(self._matches.index(row, 0).data(CODE_ROLE), self._matches.index(row, 0).data())
                for row in range(self._matches.rowCount())]

    def chosen_code(self) -> str | None:
        """The language the search box names: the item picked, an exact name or code, else the best match."""
        text = self.search.currentText().strip()
        if not text:
            return None
        index = self.search.currentIndex()
        if index >= 0 and self.search.itemText(index) == text:
            return self.search.itemData(index, CODE_ROLE)
        folded = fold(text)
        for code, _name, folded_name, _folded in language_names(current_language()):
            if folded_name == folded or code == folded:
                return code
        found = self.matches(text)
        return found[0][0] if found else None

    def _typed(self, text: str) -> None:
        self._matches.set_text(text)
        self.set_error(None)
        if text.strip():
            self.completer.complete()

    def _completed(self, index: QModelIndex) -> None:
        code = index.data(CODE_ROLE)
        row = self.search.findData(code, CODE_ROLE)
        self.search.setCurrentIndex(row)

    def _add_chosen(self) -> None:
        code = self.chosen_code()
        if code is None:
            text = self.search.currentText().strip()
            self.set_error(_("No language is called \u201c{text}\u201d.").format(text=text) if text
                           else _("Choose a language first."))
            self.search.setFocus()
            return
        level = self.level.currentData()
        if level is None:
            self.set_error(_("Choose a level for {language}.").format(language=display_name(code)))
            self.level.setFocus()
            return
        if self.add(code, level):
            self.search.setCurrentIndex(-1)
            self.search.clearEditText()
            self.level.setCurrentIndex(0)
            self.search.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.search.lineEdit() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.completer.popup().isVisible():
                    return False
                # Enter in the search box goes on to the level (and does not press the dialog's Save button)
                code = self.chosen_code()
                if code is not None:
                    self.search.setCurrentIndex(self.search.findData(code, CODE_ROLE))
                    self.level.setFocus()
                return True
            if watched is self.level and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._add_chosen()  # Enter on the level adds the language (and does not save the form)
                return True
            if watched is self.table and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.remove_selected()
                return True
        return super().eventFilter(watched, event)

    # -- table ------------------------------------------------------------------------------------------------
    def _fill(self, select: str | None = None) -> None:
        self.table.setRowCount(0)
        for row, (code, level) in enumerate(self._skills.items()):
            self.table.insertRow(row)
            name_item = QTableWidgetItem(display_name(code))
            name_item.setData(CODE_ROLE, code)
            name_item.setToolTip(code)
            level_item = QTableWidgetItem(level.label() if isinstance(level, Level) else str(level))
            self.table.setItem(row, 0, name_item)
            self.table.setItem(row, 1, level_item)
            if code == select:
                self.table.selectRow(row)
        self._selection_changed()

    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(bool(self.table.selectedItems()))
