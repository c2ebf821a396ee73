"""Settings > Ehrenamtspauschale: the tax-free limit by year (add, change, remove), saved at once.

A year takes the limit of the greatest year set up to it, so one row per change of the law is enough (720 EUR from
2013, 840 EUR from 2021, 960 EUR from 2026). Amounts are typed as in German or English; a bad value is said beside
the field and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QMessageBox, QPushButton, QSpinBox, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from kommandesk.domain.allowances import LIMIT_YEARS, limit_for
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_cents, format_number
from kommandesk.ui.widgets.form_field import FieldWithError
from kommandesk.ui.widgets.labels import plain_label

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _amount_for_edit(cents: int) -> str:
    """'960' / '1.234,56' / '1,234.56' to edit: the amount without the currency sign."""
    return format_number(cents / 100)


class LimitDialog(QDialog):
    """Year and limit; ``submit(year, cents)`` saves them and may raise ValidationError or KommanDeskError, whose
    messages are shown beside the fields (the dialog stays open). The year is fixed when a limit is changed."""

    def __init__(self, title: str, submit: Callable[[int, int], None], year: int, cents: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("allowance_limit_dialog")
        self.setWindowTitle(title)
        self._submit = submit
        year_spin = QSpinBox()
        year_spin.setObjectName("limit_year")
        year_spin.setRange(LIMIT_YEARS[0], LIMIT_YEARS[-1])
        year_spin.setValue(year)
        year_spin.setEnabled(cents is None)
        amount = QLineEdit(_amount_for_edit(cents) if cents is not None else "")
        amount.setObjectName("limit_amount")
        amount.setMaxLength(30)
        self.fields = {"year": FieldWithError(year_spin, width_chars=8),
                       "amount": FieldWithError(amount, width_chars=14)}
        form = QFormLayout()
        for name, label in (("year", _("From the year:")), ("amount", _("Tax-free limit in euros:"))):
            row_label = plain_label(label)
            row_label.setBuddy(self.fields[name].editor)
            form.addRow(row_label, self.fields[name])
        self.message = plain_label(wrap=True, name="limit_message")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(420, self.sizeHint().height())
        (amount if cents is not None else year_spin).setFocus()

    def accept(self) -> None:
        from kommandesk.services.allowances import limit_from_text

        year = self.fields["year"].editor.value()
        try:
            self._submit(year, limit_from_text(self.fields["amount"].editor.text()))
        except ValidationError as exc:
            for name, field in self.fields.items():
                field.set_error(exc.errors.get(name))
            return
        except KommanDeskError as exc:
            self.message.setText(exc.message)
            return
        super().accept()


class AllowanceLimitsEditor(QWidget):
    changed = Signal()

    def __init__(self, service, parent=None):
        super().__init__(parent)
        self._service = service
        self._limits: dict[int, int] = {}
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("allowance_limits")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._enable)
        self.table.itemDoubleClicked.connect(lambda _item: self.change())
        self.table.setMinimumHeight(150)
        self.table.setMaximumWidth(self.table.fontMetrics().horizontalAdvance("M") * 28)  # two short columns
        self.add_button, self.change_button, self.remove_button = QPushButton(), QPushButton(), QPushButton()
        buttons = QVBoxLayout()
        for button, name, slot in ((self.add_button, "limits_add", self.add),
                                   (self.change_button, "limits_change", self.change),
                                   (self.remove_button, "limits_remove", self.remove)):
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.hint = QLabel()
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.message = plain_label(wrap=True, name="limits_message")
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        row.addLayout(buttons)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.retranslate()

    # -- data ---------------------------------------------------------------------------------------------------
    def current_year(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole) if rows else None

    def reload(self, select: int | None = None) -> None:
        select = select if select is not None else self.current_year()
        self._limits = self._service.limits()
        self.table.setRowCount(0)
        for number, (year, cents) in enumerate(sorted(self._limits.items(), reverse=True)):
            self.table.insertRow(number)
            year_item = QTableWidgetItem(_("from {year}").format(year=year))
            year_item.setData(Qt.ItemDataRole.UserRole, year)
            amount_item = QTableWidgetItem(format_cents(cents))
            amount_item.setTextAlignment(RIGHT)
            for column, item in enumerate((year_item, amount_item)):
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(number, column, item)
            if year == select:
                self.table.selectRow(number)
        self._enable()

    def retranslate(self) -> None:
        self.hint.setText(_("The Ehrenamtspauschale is tax-free up to a limit per calendar year. A year takes the "
                            "limit of the greatest year set up to it. Changes here are saved at once."))
        self.table.setHorizontalHeaderLabels([_("Year"), _("Tax-free limit")])
        self.add_button.setText(_("Add a &limit…"))
        self.change_button.setText(_("C&hange…"))
        self.remove_button.setText(_("Remo&ve…"))
        self.message.clear()
        self.reload()

    def _enable(self) -> None:
        chosen = self.current_year() is not None
        self.change_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    # -- actions ------------------------------------------------------------------------------------------------
    def add(self) -> None:
        def submit(year: int, cents: int) -> None:
            if year in self._service.limits():
                raise ValidationError({"year": _("A limit is set for {year} already: choose it in the list and "
                                                 "change it.").format(year=year)})
            self._service.set_limit(year, cents)

        latest = max(self._limits, default=LIMIT_YEARS[0] - 1)
        dialog = LimitDialog(_("New tax-free limit"), submit, min(latest + 1, LIMIT_YEARS[-1]), parent=self)
        if dialog.exec():
            year = dialog.fields["year"].editor.value()
            self._done(year, _("The limit from {year} was saved.").format(year=year))

    def change(self) -> None:
        year = self.current_year()
        if year is None:
            return
        dialog = LimitDialog(_("Change the tax-free limit"), self._service.set_limit, year, self._limits[year],
                             parent=self)
        if dialog.exec():
            self._done(year, _("The limit from {year} was saved.").format(year=year))

    def remove(self) -> None:
        year = self.current_year()
        if year is None:
            return
        rest = {y: cents for y, cents in self._limits.items() if y != year}
        earlier = limit_for(year, rest)
        then = (_("From {year} on, the limit of {amount} set for an earlier year applies.").format(
            year=year, amount=format_cents(earlier)) if earlier is not None else
            _("Payments from {year} on are then not checked against a limit.").format(year=year))
        box = QMessageBox(QMessageBox.Icon.Question, _("Remove tax-free limit"),
                          _("Remove the limit of {amount} set from {year}?").format(
                              amount=format_cents(self._limits[year]), year=year) + "\n\n" + then,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        try:
            self._service.remove_limit(year)
        except KommanDeskError as exc:
            self.message.setText(exc.message)
            return
        self._done(None, _("The limit from {year} was removed.").format(year=year))

    def _done(self, year: int | None, message: str) -> None:
        self.reload(select=year)
        self.message.setText(message)
        self.changed.emit()
