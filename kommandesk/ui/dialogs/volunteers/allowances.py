"""The allowances (Ehrenamtspauschale) paid to the volunteer: the payments, newest first, and each calendar year's
total against the tax-free limit with what is left. "Record a payment…" and "Delete payment…" save at once, not
with the profile's Save (which they neither need nor change), so they are offered only for a saved profile."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QMessageBox, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout)

from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.volunteers import Volunteer
from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_cents, format_date
from kommandesk.services.allowances import year_text
from kommandesk.ui.dialogs.volunteers.allowance_dialog import record_payment
from kommandesk.ui.dialogs.volunteers.section import Section, group, hint_label
from kommandesk.ui.widgets.form_field import error_colour
from kommandesk.ui.widgets.labels import plain_label

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
DASH = "\u2013"


def _table(columns: list[str], name: str, stretch: int | None) -> QTableWidget:
    """A read-only table; column ``stretch`` takes the width left (None: the last one)."""
    table = QTableWidget(0, len(columns))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    for column in range(len(columns)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column == stretch
                                    else QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(stretch is None)
    return table


def _item(text: str, right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)  # shown as plain text: a note with markup stays literal
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if right:
        item.setTextAlignment(RIGHT)
    return item


class AllowancesSection(Section):
    expands = True

    def __init__(self, context, allowances, parent=None):
        super().__init__(context, parent)
        self._service = allowances
        self._volunteer: Volunteer | None = None
        self._payments: list = []

        self.hint = hint_label(name="allowances_hint")
        self.this_year = plain_label(wrap=True, name="allowances_this_year")
        font = self.this_year.font()
        font.setBold(True)
        self.this_year.setFont(font)

        self.payments = _table([_("Paid on"), _("Amount"), _("Note")], "allowances_payments", 2)
        self.payments.setAccessibleName(_("Payments"))
        self.payments.itemSelectionChanged.connect(self._enable)
        self.record_button = QPushButton(_("&Record a payment…"))
        self.record_button.setObjectName("allowances_record")
        self.record_button.setAutoDefault(False)
        self.record_button.clicked.connect(self.record)
        self.delete_button = QPushButton(_("&Delete payment…"))
        self.delete_button.setObjectName("allowances_delete")
        self.delete_button.setAutoDefault(False)
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        self.message = plain_label(wrap=True, name="allowances_message")
        payments_box = group(_("Payments"), "section_allowance_payments")
        payments_layout = QVBoxLayout(payments_box)
        payments_layout.addWidget(self.payments, 1)
        payments_layout.addLayout(buttons)
        payments_layout.addWidget(self.message)

        self.years = _table([_("Year"), _("Paid"), _("Tax-free limit"), _("Left tax-free"), _("Above the limit")],
                            "allowances_years", None)
        self.years.setAccessibleName(_("Tax-free limit by year"))
        years_box = group(_("Tax-free limit by year"), "section_allowance_years")
        years_layout = QVBoxLayout(years_box)
        years_layout.addWidget(self.years, 1)
        years_layout.addWidget(hint_label(_("The Ehrenamtspauschale is tax-free up to the limit of the calendar "
                                            "year; the part above it is taxable. The limits are set in "
                                            "Settings.")))

        row = QHBoxLayout()
        row.addWidget(payments_box, 3)
        row.addWidget(years_box, 2)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.hint)
        outer.addWidget(self.this_year)
        outer.addLayout(row, 1)
        self.set_tab_order()

    def focus_order(self):
        return [self.payments, self.record_button, self.delete_button, self.years]

    # -- data -------------------------------------------------------------------------------------------------
    def load(self, vol: Volunteer) -> None:
        self._volunteer = vol
        self.message.clear()
        self.reload()

    def apply(self, vol: Volunteer) -> Volunteer:
        return vol  # payments are saved at once, never with the profile

    def reload(self) -> None:
        vol = self._volunteer
        saved = vol is not None and vol.id is not None
        self.hint.setText(_("Payments are saved as soon as they are recorded or deleted, not with the profile's "
                            "Save button.") if saved else
                          _("Save the profile first: payments can be recorded for a saved volunteer only."))
        self.record_button.setEnabled(saved)
        self._payments = self._service.for_volunteer(vol.id) if saved else []
        self._fill_payments()
        self._fill_years(vol.id if saved else None)
        self._enable()

    def _fill_payments(self) -> None:
        self.payments.setRowCount(0)
        for number, payment in enumerate(self._payments):
            self.payments.insertRow(number)
            for column, item in enumerate((_item(format_date(payment.paid_on)),
                                           _item(format_cents(payment.amount_cents), right=True),
                                           _item(payment.note))):
                self.payments.setItem(number, column, item)

    def _fill_years(self, volunteer_id: str | None) -> None:
        self.years.setRowCount(0)
        self.this_year.setVisible(volunteer_id is not None)
        if volunteer_id is None:
            self.this_year.clear()
            return
        year = self.context.today().year
        checks = self._service.years(volunteer_id)
        if all(check.year != year for check in checks):
            checks = sorted([*checks, self._service.year_check(volunteer_id, year)], key=lambda c: -c.year)
        current = next(check for check in checks if check.year == year)
        self.this_year.setText(year_text(current))
        warning = error_colour(self.palette())
        for number, check in enumerate(checks):
            self.years.insertRow(number)
            unset = check.limit_cents is None
            texts = (str(check.year), format_cents(check.total_cents),
                     DASH if unset else format_cents(check.limit_cents),
                     DASH if unset else format_cents(check.left_cents),
                     format_cents(check.over_cents) if check.exceeds else DASH)
            for column, text in enumerate(texts):
                item = _item(text, right=column > 0)
                if check.exceeds and column == 4:
                    item.setForeground(warning)
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.years.setItem(number, column, item)

    def _enable(self) -> None:
        self.delete_button.setEnabled(self.selected() is not None)

    def selected(self):
        rows = self.payments.selectionModel().selectedRows()
        return self._payments[rows[0].row()] if rows else None

    # -- actions ----------------------------------------------------------------------------------------------
    def record(self) -> None:
        vol = self._volunteer
        if vol is None or vol.id is None:
            return
        saved = record_payment(self, self._service, vol.id, vol.full_name)
        if saved is not None:
            self.reload()
            self.message.setText(_("Recorded: {amount} on {day}.").format(amount=format_cents(saved.amount_cents),
                                                                          day=format_date(saved.paid_on)))
            self._select(saved.id)

    def delete_selected(self) -> None:
        payment = self.selected()
        if payment is None:
            return
        box = QMessageBox(QMessageBox.Icon.Question, _("Delete payment"),
                          _("Delete the payment of {amount} on {day}? It cannot be restored.").format(
                              amount=format_cents(payment.amount_cents), day=format_date(payment.paid_on)),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("allowance_delete_question")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        try:
            self._service.delete(payment.id)
        except KommanDeskError as exc:
            self.message.setText(exc.message)
            self.reload()
            return
        self.reload()
        self.message.setText(_("The payment of {amount} on {day} was deleted.").format(
            amount=format_cents(payment.amount_cents), day=format_date(payment.paid_on)))

    def _select(self, allowance_id: str) -> None:
        for number, payment in enumerate(self._payments):
            if payment.id == allowance_id:
                self.payments.selectRow(number)
                return

