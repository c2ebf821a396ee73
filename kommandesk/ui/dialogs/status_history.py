"""The status group of a form (volunteer, request): the current status as a badge with the button that changes it,
above the history of changes (date, status, reason; newest first). The section that holds it keeps the widgets as
its own attributes and names the status row as the target of the "status" message."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_date
from kommandesk.ui.dialogs.volunteers.badge import Badge
from kommandesk.ui.dialogs.volunteers.section import group
from kommandesk.ui.widgets.form_field import FieldWithError


class StatusHistory:
    """Widgets named ``{prefix}_status``, ``{prefix}_change_status`` and ``{prefix}_history`` in the group
    ``box_name``; the button emits ``change_requested``."""

    def __init__(self, prefix: str, box_name: str, change_requested):
        self.current = Badge(name=f"{prefix}_status")
        self.change_button = QPushButton(_("Change status…"))
        self.change_button.setObjectName(f"{prefix}_change_status")
        self.change_button.setAutoDefault(False)
        self.change_button.clicked.connect(change_requested)
        status_row = QWidget()
        row = QHBoxLayout(status_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.current)
        row.addWidget(self.change_button)
        row.addStretch(1)
        status_row.setFocusProxy(self.change_button)
        self.field = FieldWithError(status_row)

        self.history = QTableWidget(0, 3)
        self.history.setObjectName(f"{prefix}_history")
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

        self.box = group(_("Status"), box_name)
        layout = QVBoxLayout(self.box)
        layout.addWidget(self.field)
        layout.addWidget(self.history, 1)

    def show(self, status, history: Sequence, kinds: Mapping[str, str], transitions: Mapping) -> None:
        """``status``: an enum with ``label()``; ``history``: changes with ``on``, ``status``, ``reason``, oldest
        first (as stored); ``kinds``: status value -> badge kind; ``transitions``: status -> the steps allowed."""
        self.current.show_as(status.label(), kinds.get(status.value, "neutral"))
        self.change_button.setEnabled(bool(transitions.get(status)))
        self.history.setRowCount(0)
        for row, change in enumerate(reversed(history)):
            self.history.insertRow(row)
            for column, text in enumerate((format_date(change.on), change.status.label(), change.reason)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.history.setItem(row, column, item)
        self.history.resizeRowsToContents()
