"""Requests: every support request, searched as you type, filtered, sorted, page by page (like the volunteers).

New (Ctrl+N) and Open (Enter, double-click) open the request form; "Find volunteers" (Ctrl+Shift+F) hands the
chosen request to the Matching page (``match_requested``); "Change status" asks for the new status and a reason
(e.g. cancel a request). Ctrl+F goes to the search box, Esc there clears it. The open requests are shown first;
the status filter shows completed and cancelled ones too.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
                               QTableView, QVBoxLayout)

from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.requests import TRANSITIONS
from kommandesk.i18n import _, current_language, ngettext
from kommandesk.i18n.formatting import format_number
from kommandesk.paths import Paths
from kommandesk.services.requests import RequestQuery
from kommandesk.ui.dialogs.errors import show_problem
from kommandesk.ui.models.requests_model import Column, RequestsModel, column_of
from kommandesk.ui.pages.base import Page
from kommandesk.ui.widgets.headline import Headline
from kommandesk.ui.widgets.list_keys import EnterOpens, SearchKeys
from kommandesk.ui.widgets.request_filters import RequestFilters

SEARCH_DELAY_MS = 150
_WIDTHS = {Column.REFERENCE: 12, Column.PERSON: 13, Column.AREA: 15, Column.LANGUAGES: 18, Column.WHEN: 34,
           Column.SITE: 16, Column.URGENCY: 9, Column.STATUS: 10, Column.VOLUNTEERS: 18, Column.RECEIVED: 12}


def edit_request(parent, requests, volunteers, request_id: str | None):
    """The request form (modal); the saved request, or None when nothing was saved."""
    from kommandesk.ui.dialogs.requests.request_form import edit_request as form

    return form(parent, requests, volunteers, request_id)


class RequestsPage(Page):
    key = "requests"
    match_requested = Signal(str)  # "Find volunteers" for the chosen request

    def __init__(self, requests, volunteers, parent=None, *, paths: Paths | None = None):
        super().__init__(parent)
        self.setObjectName("page_requests")
        self._service = requests
        self._volunteers = volunteers
        self._paths = paths
        self._everyone = 0
        self._notice = None  # a passing message in the status line (a function: made again after a switch)

        self._headline = Headline()
        self.search = QLineEdit()
        self.search.setObjectName("requests_search")
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(200)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.installEventFilter(SearchKeys(self, self.clear_search, self.flush_search, self.focus_table))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.flush_search)

        self.filters = RequestFilters()
        self.filters.setObjectName("requests_filters")
        self.filters.changed.connect(self._requery)

        self.model = RequestsModel(requests, parent=self)
        self.table = QTableView()
        self.table.setObjectName("requests_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setTabKeyNavigation(False)
        vertical = self.table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(column_of(self.model.query.sort), Qt.SortOrder.DescendingOrder)
        header.sortIndicatorChanged.connect(self._sort_clicked)
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.table.installEventFilter(EnterOpens(self, self.open_selected))
        self.table.selectionModel().selectionChanged.connect(self._enable)
        self.model.modelReset.connect(self._model_changed)
        self.model.rowsInserted.connect(self._model_changed)

        self._empty = QLabel(self.table.viewport())
        self._empty.setObjectName("requests_empty")
        self._empty.setTextFormat(Qt.TextFormat.PlainText)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        QVBoxLayout(self.table.viewport()).addWidget(self._empty)
        self._empty.hide()

        self.new_button = self._button("requests_new", self.new_request)
        self.open_button = self._button("requests_open", self.open_selected)
        self.match_button = self._button("requests_match", self.find_volunteers)
        self.status_button = self._button("requests_status", self.change_status_of_selected)
        self.status_line = QLabel()
        self.status_line.setObjectName("requests_count")
        self.status_line.setTextFormat(Qt.TextFormat.PlainText)

        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.match_button, self.status_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.status_line)
        layout = QVBoxLayout(self)
        layout.addWidget(self._headline)
        layout.addWidget(self.search)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self._shortcut(QKeySequence(QKeySequence.StandardKey.Find), "Ctrl+F", self.focus_search)
        self._shortcut(QKeySequence(QKeySequence.StandardKey.New), "Ctrl+N", self.new_request)
        self._shortcut(QKeySequence("Ctrl+Shift+F"), "", self.find_volunteers)

        chain = [self.search, *self.filters.focus_chain(), self.table, self.new_button, self.open_button,
                 self.match_button, self.status_button]
        for first, second in zip(chain, chain[1:]):
            self.setTabOrder(first, second)
        self.retranslate()
        self._enable()

    def _button(self, name: str, slot) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _shortcut(self, keys: QKeySequence, fallback: str, slot) -> None:
        shortcut = QShortcut(keys if not keys.isEmpty() else QKeySequence(fallback), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    # -- texts ------------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self._headline.set_text(self.title())
        self.search.setPlaceholderText(_("Search reference, first name, site, postcode, languages, area of help, "
                                         "description … (Ctrl+F)"))
        self.new_button.setText(_("&New request"))
        self.new_button.setToolTip(_("Record a new support request (Ctrl+N)"))
        self.open_button.setText(_("&Open"))
        self.open_button.setToolTip(_("Open the chosen request (Enter or double-click)"))
        self.match_button.setText(_("&Find volunteers"))
        self.match_button.setToolTip(_("Show the volunteers who fit the chosen request on the Matching page "
                                       "(Ctrl+Shift+F)"))
        self.status_button.setText(_("Change s&tatus…"))
        self.status_button.setToolTip(_("Change the chosen request's status with a reason, e.g. cancel it"))
        self.filters.retranslate()
        self.model.set_area_names(self._area_names())
        self.model.retranslate()
        self._size_columns()
        self._show_counts()

    def _area_names(self) -> dict[str, str]:
        language = current_language()
        return {area.id: area.name(language) for area in self._areas()}

    def _areas(self):
        try:
            return self._volunteers.areas(include_retired=True)
        except KommanDeskError:
            return []

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        average = self.table.fontMetrics().averageCharWidth()
        for column, chars in _WIDTHS.items():
            title = metrics.horizontalAdvance(self.model.headerData(column, Qt.Orientation.Horizontal)) + 32
            header.resizeSection(column, max(chars * average + 16, title))

    # -- loading ----------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Called whenever the page is shown: another page may have assigned a volunteer meanwhile."""
        self._everyone = sum(self._service.status_counts().values())
        self.filters.set_areas([area for area in self._areas() if area.active])
        self.filters.set_sites(self._service.sites())
        self.model.set_area_names(self._area_names())
        if self.model.loaded:
            self._reload_keeping(self._selected_id())
        else:
            self.model.set_query(self._query())

    def _query(self) -> RequestQuery:
        base = dataclasses.replace(RequestQuery(), search=self.search.text(), sort=self.model.query.sort,
                                   descending=self.model.query.descending)
        return self.filters.apply(base)

    def _requery(self) -> None:
        self._search_timer.stop()
        self._notice = None
        query = self._query()
        if query != self.model.query or not self.model.loaded:
            self.model.set_query(query)

    def flush_search(self) -> None:
        self._requery()

    def clear_search(self) -> None:
        self.search.clear()
        self.flush_search()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_table(self) -> None:
        if self._search_timer.isActive():
            self.flush_search()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if self._selected_row() < 0 and self.model.rowCount():
            self.table.selectRow(0)

    def _sort_clicked(self, column: int, order: Qt.SortOrder) -> None:
        header = self.table.horizontalHeader()
        if Column(column).sort_key is None:  # area, languages, volunteers: the order stays, and so does the arrow
            current = column_of(self.model.query.sort)
            blocked = header.blockSignals(True)
            header.setSortIndicator(current, Qt.SortOrder.DescendingOrder if self.model.query.descending
                                    else Qt.SortOrder.AscendingOrder)
            header.blockSignals(blocked)
            return
        self.model.sort(column, order)

    def _reload_keeping(self, request_id: str | None) -> None:
        self.model.reload()
        if request_id:
            self._select_loaded(request_id)

    def _select_loaded(self, request_id: str) -> bool:
        row = self.model.row_of(request_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def select_request(self, request_id: str) -> bool:
        """Select and show the request; the search and filters are cleared when they hide it."""
        if not self.model.loaded:
            self.refresh()
        if self._select_loaded(request_id) or self._fetch_until(request_id):
            return True
        try:
            self._service.get(request_id)
        except KommanDeskError:
            return False
        blocked = self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(blocked)
        blocked = self.filters.blockSignals(True)
        self.filters.show_everything()
        self.filters.blockSignals(blocked)
        self._requery()
        return self._fetch_until(request_id)

    def _fetch_until(self, request_id: str) -> bool:
        while self.model.row_of(request_id) < 0 and self.model.canFetchMore():
            self.model.fetchMore()
        return self._select_loaded(request_id)

    def _model_changed(self, *_args) -> None:
        self._show_counts()
        self._enable()

    def _show_counts(self) -> None:
        shown, everyone = self.model.count(), self._everyone
        if not self.model.loaded:
            text = ""
        elif shown == everyone:
            text = ngettext("{count} request", "{count} requests", everyone).format(count=format_number(everyone))
        else:
            text = ngettext("{shown} of {total} request", "{shown} of {total} requests", everyone).format(
                shown=format_number(shown), total=format_number(everyone))
        if self._notice:
            text = f"{self._notice()}  ·  {text}" if text else self._notice()
        self.status_line.setText(text)
        if self.model.loaded and shown == 0:
            self._empty.setText(_("No requests yet — record the first one with New request.") if everyone == 0
                                else _("No request matches the search.") if self.search.text().strip()
                                else _("No request matches the filters."))
            self._empty.show()
        else:
            self._empty.hide()

    # -- selection and actions --------------------------------------------------------------------------------
    def _selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _selected_id(self) -> str | None:
        item = self.model.row_at(self._selected_row())
        return item.id if item else None

    def _enable(self, *_args) -> None:
        item = self.model.row_at(self._selected_row())
        self.open_button.setEnabled(item is not None)
        self.match_button.setEnabled(item is not None)
        self.status_button.setEnabled(item is not None and bool(TRANSITIONS[item.status]))

    def new_request(self) -> None:
        self._edit(None)

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

    def _edit(self, request_id: str | None) -> None:
        saved = edit_request(self, self._service, self._volunteers, request_id)
        if saved is None:
            return
        reference = saved.reference or ""
        self._after_change(saved.id, lambda: _("{reference} was saved.").format(reference=reference),
                           lambda: _("{reference} was saved; the search or the filters leave it out of the "
                                     "list.").format(reference=reference))

    def _after_change(self, request_id: str, shown, hidden) -> None:
        """Reload, keep the request chosen, and say what happened (``shown`` / ``hidden``: texts made on use)."""
        self._everyone = sum(self._service.status_counts().values())
        self.filters.set_sites(self._service.sites())
        self._reload_keeping(request_id)
        visible = self.model.row_of(request_id) >= 0 or self.model.canFetchMore()
        self._notice = shown if visible else hidden
        self._show_counts()

    def find_volunteers(self) -> None:
        request_id = self._selected_id()
        if request_id:
            self.match_requested.emit(request_id)

    def change_status_of_selected(self) -> None:
        item = self.model.row_at(self._selected_row())
        if item is None or not TRANSITIONS[item.status]:
            return
        from kommandesk.ui.dialogs.requests.status_change import change_request_status

        try:
            changed = change_request_status(self, self._service, item.id)
        except KommanDeskError as error:
            show_problem(self, _("Status not changed"), error.message)
            return
        if changed is not None:
            reference, status = item.reference, changed.status
            self._after_change(item.id, lambda: _("{reference} is now {status}.").format(
                reference=reference, status=status.label()), lambda: _(
                "{reference} is now {status}; the filters leave it out of the list.").format(
                reference=reference, status=status.label()))
