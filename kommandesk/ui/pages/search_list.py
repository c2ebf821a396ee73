"""A sidebar page with a list searched as you type (volunteers, requests, courses, certificates): the search box
and its typing pause, the keys, the buttons and shortcuts, and (for a list loaded whole and sorted by the view)
the table with its "nothing here" line. ListPage builds on it for the long lists fed page by page.

Keys: Ctrl+F goes to the search box; there Esc clears it, Enter searches at once and Down goes to the list;
Enter on the table opens the chosen row. A subclass answers ``reload()`` (read the list again with the search)
and ``_enable()`` (the buttons for the chosen row).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QPushButton, QTableView, QVBoxLayout

from kommandesk.ui.pages.base import Page
from kommandesk.ui.widgets.labels import plain_label
from kommandesk.ui.widgets.list_keys import EnterOpens, SearchKeys
from kommandesk.ui.widgets.list_table import list_table
from kommandesk.ui.widgets.search_field import search_field


class SearchListPage(Page):
    search: QLineEdit
    table: QTableView

    def _button(self, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _shortcut(self, keys, slot: Callable[[], object], fallback: str = "") -> None:
        """``keys`` (a QKeySequence, a standard key or a text) in this page; ``fallback`` where the platform has
        no such standard key."""
        sequence = QKeySequence(keys)
        if sequence.isEmpty() and fallback:
            sequence = QKeySequence(fallback)
        shortcut = QShortcut(sequence, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    def _build_search(self, name: str) -> None:
        """The search box ``<name>_search``: it searches after a pause in typing (``flush_search``)."""
        self.search, self._search_timer = search_field(self, name, self.flush_search)
        self.search.installEventFilter(SearchKeys(self, self.clear_search, self.flush_search, self.focus_table))

    def _build_table(self, name: str, model, open_current: Callable[[], object]) -> None:
        """``table`` (``<name>_table``) over ``model``, sorted by a header click (the model's own order until
        then), Enter runs ``open_current``; ``empty`` (``<name>_empty``) is the line over an empty list."""
        self.model = model
        self.table = list_table(f"{name}_table", model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the service's order
        self.table.installEventFilter(EnterOpens(self, open_current))
        self.table.selectionModel().selectionChanged.connect(self._enable)
        self.empty = plain_label(wrap=True, name=f"{name}_empty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        QVBoxLayout(self.table.viewport()).addWidget(self.empty)

    def _enable(self, *_args) -> None:
        """Enable the buttons for the chosen row (if any)."""

    def reload(self) -> None:
        raise NotImplementedError

    # -- search keys ------------------------------------------------------------------------------------------
    def flush_search(self) -> None:
        """Search for what the box holds now (the typing pause ends, or a test or benchmark asks)."""
        self._search_timer.stop()
        self.reload()

    def clear_search(self) -> None:
        self.search.clear()
        self.flush_search()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_table(self) -> None:
        """Put the keyboard in the list, on the chosen row or the first one."""
        if self._search_timer.isActive():
            self.flush_search()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.selectionModel().selectedRows() and self.model.rowCount():
            self.table.selectRow(0)
