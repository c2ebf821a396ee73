"""A sidebar page that is one long list (volunteers, requests): search as you type, a filter bar, a table fed page
by page (a PagedTableModel), buttons below and a status line with the counts and a passing notice.

The subclass makes its buttons, then calls ``_build`` with its model, filter bar (``changed``, ``apply(query)``,
``retranslate()``, ``focus_chain()``) and column widths, adds its own shortcuts, and answers the hooks: the texts
(``retranslate``, ``_count_text``, ``_empty_texts``), ``_refresh_choices`` (what the filters offer) and
``_enable`` (the buttons). The service answers ``status_counts()``.

Keys: Ctrl+F goes to the search box; there Esc clears it, Enter searches at once and Down goes to the list;
Enter or a double-click on a row opens it (``open_row``).
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kommandesk.ui.pages.search_list import SearchListPage
from kommandesk.ui.widgets.headline import Headline
from kommandesk.ui.widgets.list_keys import EnterOpens
from kommandesk.ui.widgets.list_table import list_table

_NOTICE_GAP = "  ·  "


class ListPage(SearchListPage):
    def __init__(self, service, parent=None):
        super().__init__(parent)
        self._service = service
        self._everyone = 0  # rows in the database, whatever the filters (archived or closed ones too)
        self._notice = None  # a passing message in the status line (a function: made again after a switch)
        self._widths: dict[int, int] = {}
        self._sizing = False
        self._user_sized = False  # set once the user drags a column border

    def _build(self, name: str, model, filters: QWidget, widths: dict[int, int],
               buttons: list[QPushButton]) -> None:
        """The search box, filters, table and status line named ``<name>_...``; ``buttons`` in a row below.
        ``widths``: starting widths in average characters (the user can drag them, the last one stretches)."""
        self._widths = widths
        self._headline = Headline()
        self._build_search(name)

        self.filters = filters
        self.filters.setObjectName(f"{name}_filters")
        self.filters.changed.connect(self._requery)

        self.model = model
        self.table = list_table(f"{name}_table", model)
        header = self.table.horizontalHeader()
        header.sectionResized.connect(self._section_resized)
        header.setSortIndicatorShown(True)
        self._show_sort_indicator()
        header.sortIndicatorChanged.connect(self._sort_clicked)  # a header click: a new query
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.table.installEventFilter(EnterOpens(self, self.open_selected))
        self.table.selectionModel().selectionChanged.connect(self._enable)
        model.modelReset.connect(self._model_changed)
        model.rowsInserted.connect(self._model_changed)

        self._empty = QLabel(self.table.viewport())  # over the empty table, the header stays visible
        self._empty.setObjectName(f"{name}_empty")
        self._empty.setTextFormat(Qt.TextFormat.PlainText)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        QVBoxLayout(self.table.viewport()).addWidget(self._empty)
        self._empty.hide()

        self.status_line = QLabel()
        self.status_line.setObjectName(f"{name}_count")
        self.status_line.setTextFormat(Qt.TextFormat.PlainText)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.status_line)
        layout = QVBoxLayout(self)
        layout.addWidget(self._headline)
        layout.addWidget(self.search)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

        self._shortcut(QKeySequence.StandardKey.Find, self.focus_search, "Ctrl+F")
        chain = [self.search, *self.filters.focus_chain(), self.table, *buttons]
        for first, second in zip(chain, chain[1:]):
            self.setTabOrder(first, second)

    # -- texts ------------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        """The subclass sets its own texts (search placeholder, buttons) first, then calls this."""
        self._headline.set_text(self.title())
        self.filters.retranslate()
        self.model.retranslate()
        self._size_columns()
        self._show_counts()

    def _size_columns(self) -> None:
        """Widths with room for typical values and for the column's title in the language now shown. Once the
        user has dragged a column, a language switch only widens columns too narrow for their new title."""
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        average = self.table.fontMetrics().averageCharWidth()
        self._sizing = True
        try:
            for column, chars in self._widths.items():
                title = metrics.horizontalAdvance(self.model.headerData(column, Qt.Orientation.Horizontal)) + 32
                if not self._user_sized:
                    header.resizeSection(column, max(chars * average + 16, title))
                elif header.sectionSize(column) < title:
                    header.resizeSection(column, title)
        finally:
            self._sizing = False

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        last = self.table.horizontalHeader().count() - 1  # it stretches with the window by itself
        if not self._sizing and column != last:
            self._user_sized = True

    def _count_text(self, shown: int, everyone: int) -> str:
        """The counts in the status line ("12 volunteers", "3 of 12 volunteers")."""
        raise NotImplementedError

    def _empty_texts(self) -> tuple[str, str, str]:
        """Over an empty list: nothing recorded yet; nothing matches the search; nothing matches the filters."""
        raise NotImplementedError

    # -- loading ----------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Called whenever the page is shown: the first page of rows (or the same rows again), the counts and
        what the filters offer (another page may have changed them meanwhile)."""
        self._recount()
        self._refresh_choices()
        if self.model.loaded:
            self._reload_keeping(self._selected_id())
        else:
            self.model.set_query(self._query())

    def _recount(self) -> None:
        """After a change: how many rows there are in all (and whatever else the filters offer that can change)."""
        self._everyone = sum(self._service.status_counts().values())

    def _refresh_choices(self) -> None:
        """What the filters offer (e.g. the areas of help), read when the page is shown."""

    def _query(self):
        """A fresh query (of the model's type) with the search, the order and the filters shown."""
        base = dataclasses.replace(type(self.model.query)(), search=self.search.text(), sort=self.model.query.sort,
                                   descending=self.model.query.descending)
        return self.filters.apply(base)

    def _requery(self) -> None:
        self._search_timer.stop()
        self._notice = None
        query = self._query()
        if query != self.model.query or not self.model.loaded:
            self.model.set_query(query)

    def flush_search(self) -> None:
        """Search for what the box holds now (the typing pause ends, or a test or benchmark asks)."""
        self._requery()

    def _show_sort_indicator(self) -> None:
        descending = self.model.query.descending
        self.table.horizontalHeader().setSortIndicator(
            self.model.sort_column(), Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)

    def _sort_clicked(self, column: int, order: Qt.SortOrder) -> None:
        if self.model.columns(column).sort_key is None:  # the order stays, and so does the arrow
            header = self.table.horizontalHeader()
            blocked = header.blockSignals(True)
            self._show_sort_indicator()
            header.blockSignals(blocked)
            return
        self.model.sort(column, order)

    def _reload_keeping(self, row_id: str | None) -> None:
        """Read the list again and select ``row_id`` if it is among the rows."""
        self.model.reload()
        if row_id:
            self._select_loaded(row_id)

    def _select_loaded(self, row_id: str) -> bool:
        row = self.model.row_of(row_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def _model_changed(self, *_args) -> None:
        self._show_counts()
        self._enable()

    def _show_counts(self) -> None:
        shown, everyone = self.model.count(), self._everyone
        text = self._count_text(shown, everyone) if self.model.loaded else ""
        if self._notice:
            text = f"{self._notice()}{_NOTICE_GAP}{text}" if text else self._notice()
        self.status_line.setText(text)
        if self.model.loaded and shown == 0:
            nothing_yet, no_match, filtered_out = self._empty_texts()
            self._empty.setText(nothing_yet if everyone == 0 else no_match if self.search.text().strip()
                                else filtered_out)
            self._empty.show()
        else:
            self._empty.hide()

    def _after_change(self, row_id: str, shown, hidden) -> None:
        """Reload, keep the row chosen, and say what happened: ``shown`` when the row is (or may be) in the list,
        ``hidden`` when the search or the filters leave it out (texts made on use)."""
        self._recount()
        self._reload_keeping(row_id)
        visible = self.model.row_of(row_id) >= 0 or self.model.canFetchMore()
        self._notice = shown if visible else hidden
        self._show_counts()

    # -- selection --------------------------------------------------------------------------------------------
    def _selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _selected_id(self) -> str | None:
        item = self.model.row_at(self._selected_row())
        return item.id if item else None

    def open_selected(self) -> None:
        row = self._selected_row()
        if row < 0:
            row = self.table.currentIndex().row()
        if row >= 0:
            self.open_row(row)

    def open_row(self, row: int) -> None:
        item = self.model.row_at(row)
        if item is not None:
            self._edit(item.id)

    def _edit(self, row_id: str | None) -> None:
        """Open the form of ``row_id`` (None: a new one)."""
        raise NotImplementedError
