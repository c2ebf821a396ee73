"""The status with its history (date, status, reason; newest first) and the button that changes it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from kommandesk.domain.volunteers import TRANSITIONS, Volunteer
from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_date
from kommandesk.ui.dialogs.volunteers.badge import Badge
from kommandesk.ui.dialogs.volunteers.section import Section, group
from kommandesk.ui.widgets.form_field import FieldWithError

STATUS_KIND = {"applicant": "neutral", "active": "good", "paused": "warn", "inactive": "neutral",
               "archived": "neutral"}


class StatusSection(Section):
    expands = True

    change_requested = Signal()

    def __init__(self, context, parent=None):
        super().__init__(context, parent)
        self.current = Badge(name="vol_status")
        self.change_button = QPushButton(_("Change status…"))
        self.change_button.setObjectName("vol_change_status")
        self.change_button.setAutoDefault(False)
        self.change_button.clicked.connect(self.change_requested)
        status_row = QWidget()
        row = QHBoxLayout(status_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.current)
        row.addWidget(self.change_button)
        row.addStretch(1)
        status_row.setFocusProxy(self.change_button)
        self.status_field = FieldWithError(status_row)
        self._targets["status"] = self.status_field

        self.history = QTableWidget(0, 3)
        self.history.setObjectName("vol_history")
        self.history.setHorizontalHeaderLabels([_("Date"), _("Status"), _("Reason")])
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.verticalHeader().hide()
        self.history.setWordWrap(True)
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.history.setAccessibleName(_("Status history"))

        box = group(_("Status"), "section_status")
        layout = QVBoxLayout(box)
        layout.addWidget(self.status_field)
        layout.addWidget(self.history, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(box)
        self.set_tab_order()

    def focus_order(self):
        return [self.change_button, self.history]

    def load(self, vol: Volunteer) -> None:
        self.current.show_as(vol.status.label(), STATUS_KIND.get(vol.status.value, "neutral"))
        self.change_button.setEnabled(bool(TRANSITIONS.get(vol.status)))
        self.history.setRowCount(0)
        for row, change in enumerate(reversed(vol.history)):
            self.history.insertRow(row)
            for column, text in enumerate((format_date(change.on), change.status.label(), change.reason)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.history.setItem(row, column, item)
        self.history.resizeRowsToContents()

    def apply(self, vol: Volunteer) -> Volunteer:
        return vol  # the status changes only through the "Change status" dialog
