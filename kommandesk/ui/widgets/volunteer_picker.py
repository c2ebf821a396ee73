"""Find a volunteer by typing a few letters of the name or the reference (folded: "sukru" finds "Şükrü"): a search
box over a short list (name, reference, town). Used where one person is picked for something: registering for a
course, a service record, the Ehrenamtskarte check.

Keys: Enter in the search box or the list activates the chosen person (``activated``), Down goes from the search
box to the list. People the caller marks unavailable (``unavailable(row)`` returns the text shown instead of the
name, e.g. "Berg, Anna (already signed up)") are listed greyed out and cannot be chosen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kommandesk.i18n import _
from kommandesk.ui.widgets.list_table import KeyActions, list_table
from kommandesk.ui.widgets.search_field import search_field

SHOWN = 50  # volunteers listed for a search: typing more narrows it
_ID = Qt.ItemDataRole.UserRole
_NAME = Qt.ItemDataRole.UserRole + 1


def listed_name(row) -> str:
    return _("{last_name}, {first_name}").format(last_name=row.last_name, first_name=row.first_name) \
        if row.first_name else row.last_name


class VolunteerPicker(QWidget):
    chosen_changed = Signal()
    activated = Signal()  # Enter in the search box or the list, or a double-click

    def __init__(self, volunteers, parent: QWidget | None = None, *, name: str = "picker",
                 unavailable: Callable[[object], str | None] = lambda row: None, statuses=frozenset()):
        """``statuses``: which volunteers are listed (empty: all but the archived ones, as on the Volunteers
        page)."""
        super().__init__(parent)
        self._volunteers = volunteers
        self._unavailable = unavailable
        self._statuses = frozenset(statuses)

        self.search, self._timer = search_field(self, name, self.flush_search)
        self.model = QStandardItemModel(0, 3, self)
        self.table = list_table(f"{name}_table", self.model)
        self.table.doubleClicked.connect(lambda _index: self.activated.emit())
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self.chosen_changed.emit())
        KeyActions(self, {(self.search, Qt.Key.Key_Return): self._enter_in_search,
                          (self.search, Qt.Key.Key_Down): self.table.setFocus,
                          (self.table, Qt.Key.Key_Return): self.activated.emit})
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        self.setFocusProxy(self.search)
        self.setTabOrder(self.search, self.table)
        self.retranslate()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(_("Type a few letters of the name or the reference…"))
        self.model.setHorizontalHeaderLabels([_("Name"), _("Reference"), _("Town")])
        header = self.table.horizontalHeader()
        header.resizeSection(0, max(header.sectionSize(0), self.fontMetrics().averageCharWidth() * 26))

    def flush_search(self) -> None:
        """List the volunteers the search box finds now, and choose the first one that can be chosen."""
        from kommandesk.services.volunteers import VolunteerQuery

        self._timer.stop()
        rows = self._volunteers.page(VolunteerQuery(search=self.search.text(), statuses=self._statuses), 0, SHOWN)
        self.model.removeRows(0, self.model.rowCount())
        for row in rows:
            instead = self._unavailable(row)
            items = [QStandardItem(instead or listed_name(row)), QStandardItem(row.reference),
                     QStandardItem(row.town)]
            for item in items:
                item.setEditable(False)
                item.setData(row.id, _ID)
                item.setData(f"{row.first_name} {row.last_name}".strip(), _NAME)
                item.setEnabled(instead is None)
            self.model.appendRow(items)
        first = next((n for n in range(self.model.rowCount()) if self.model.item(n, 0).isEnabled()), -1)
        if first >= 0:
            self.table.selectRow(first)
        self.chosen_changed.emit()

    def _enter_in_search(self) -> None:
        if self._timer.isActive():
            self.flush_search()
        self.activated.emit()

    def chosen(self) -> tuple[str, str] | None:
        """(volunteer id, "First Last") of the chosen person, None when nobody (or someone unavailable) is."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.model.item(rows[0].row(), 0)
        return (item.data(_ID), item.data(_NAME)) if item.isEnabled() else None

    def select_volunteer(self, volunteer_id: str) -> bool:
        """Choose ``volunteer_id`` among the listed people (after a search that lists them)."""
        for row in range(self.model.rowCount()):
            if self.model.item(row, 0).data(_ID) == volunteer_id:
                self.table.selectRow(row)
                return True
        return False
