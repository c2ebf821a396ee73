"""Record a payment of the Ehrenamtspauschale: the day it was paid, the amount, a note. Saved at once.

A line under the fields says while typing what the payment means for its calendar year (paid so far, the limit,
what is left). A payment that takes the year above the tax-free limit is recorded only after a question that names
the year, the total, the limit and the amount above it; "No" records nothing and leaves the dialog open.

``record_payment(parent, allowances, volunteer_id, name)`` returns the recorded Allowance, or None.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QMessageBox, QVBoxLayout, QWidget

from kommandesk.domain.allowances import MAX_NOTE, Allowance
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_cents
from kommandesk.services.allowances import year_text
from kommandesk.ui.dialogs.volunteers.section import add_row, form_layout, hint_label
from kommandesk.ui.widgets.date_field import DateField
from kommandesk.ui.widgets.form_field import FieldWithError
from kommandesk.ui.widgets.labels import plain_label


def after_text(check) -> str:
    """The year with one more payment (``check.adding_cents``); '' when no limit is set for the year."""
    if check.limit_cents is None:
        return ""
    if check.exceeds:
        return _("With this payment: {total} in {year}, {over} above the limit.").format(
            total=format_cents(check.total_cents), year=check.year, over=format_cents(check.over_cents))
    return _("With this payment: {total} in {year}, {left} left tax-free.").format(
        total=format_cents(check.total_cents), year=check.year, left=format_cents(check.left_cents))


def confirm_over_limit(parent: QWidget, message: str) -> bool:
    """The question before a payment above the limit (``message`` names the figures); "No" is the default."""
    box = QMessageBox(QMessageBox.Icon.Warning, _("Above the tax-free limit"),
                      _("{figures}\n\nRecord the payment anyway?").format(figures=message),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setObjectName("allowance_over_limit")
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


class AllowanceDialog(QDialog):
    def __init__(self, allowances, volunteer_id: str, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("allowance_dialog")
        self.setModal(True)
        self.setWindowTitle(_("Record a payment to {name}").format(name=name))
        self._service = allowances
        self._volunteer_id = volunteer_id
        self.saved: Allowance | None = None

        self.day = DateField(required=True, today=allowances.today, name="allowance_date")
        self.day.set_value(allowances.today())
        amount = QLineEdit()
        amount.setObjectName("allowance_amount")
        amount.setMaxLength(30)
        amount.setPlaceholderText(_("e.g. {amount}").format(amount=format_cents(12050)))
        self.amount = FieldWithError(amount, width_chars=12)
        note = QLineEdit()
        note.setObjectName("allowance_note")
        note.setMaxLength(MAX_NOTE + 50)  # a little more than allowed: the message beside says how much
        note.setPlaceholderText(_("e.g. escort to appointments, March"))
        self.note = FieldWithError(note)
        self.fields = {"paid_on": self.day, "amount": self.amount, "note": self.note}

        form = form_layout(self)
        add_row(form, _("Paid on:"), self.day, self.day.line)
        add_row(form, _("Amount in euros:"), self.amount)
        add_row(form, _("Note:"), self.note)
        self.year = plain_label(wrap=True, name="allowance_year")
        self.hint = hint_label(_("The payment is saved at once."), name="allowance_hint")
        self.message = plain_label(wrap=True, name="allowance_message")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("allowance_save")
        self.save_button.setText(_("Record"))
        buttons.accepted.connect(self.save_and_close)
        buttons.rejected.connect(self.reject)
        bottom = QVBoxLayout()
        for widget in (self.year, self.hint, self.message, buttons):
            bottom.addWidget(widget)
        form.addRow(bottom)

        self.day.edited.connect(self._update_year)
        amount.textEdited.connect(self._amount_edited)
        note.textEdited.connect(lambda _text: self.note.set_error(None))
        order = [self.day.line, amount, note, self.save_button]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)
        self._update_year()
        self.resize(max(self.sizeHint().width(), 560), self.sizeHint().height())
        amount.setFocus()

    # -- values -----------------------------------------------------------------------------------------------
    def _cents(self) -> int | None:
        from kommandesk.services.allowances import amount_from_text

        try:
            return amount_from_text(self.amount.editor.text())
        except ValidationError:
            return None

    def value(self) -> Allowance:
        return Allowance(volunteer_id=self._volunteer_id, paid_on=self.day.value() or self._service.today(),
                         amount_cents=self._cents() or 0, note=self.note.editor.text())

    def errors(self) -> dict[str, str]:
        from kommandesk.services.allowances import amount_from_text

        errors: dict[str, str] = {}
        problem = self.day.problem()
        if problem:
            errors["paid_on"] = problem
        try:
            amount_from_text(self.amount.editor.text())
        except ValidationError as exc:
            errors.update(exc.errors)
        for name, message in self._service.validate(self.value()).items():
            errors.setdefault(name, message)
        return errors

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, field in self.fields.items():
            field.set_error(errors.get(name))
        first = next((name for name in self.fields if name in errors), None)
        if first is not None:
            self.fields[first].setFocus()

    def error_text(self, name: str) -> str:
        label = self.fields[name].error
        return label.text() if not label.isHidden() else ""

    def _update_year(self, *_args) -> None:
        """What the payment as typed means for its year."""
        day, cents = self.day.value(), self._cents()
        if day is None:
            self.year.clear()
            return
        lines = [year_text(self._service.year_check(self._volunteer_id, day.year))]
        if cents is not None and cents > 0:
            lines.append(after_text(self._service.year_check(self._volunteer_id, day.year, cents)))
        self.year.setText("\n".join(line for line in lines if line))

    def _amount_edited(self, _text: str) -> None:
        if not self.amount.error.isHidden():  # a message shown goes as soon as the amount is right
            self.amount.set_error(self.errors().get("amount"))
        self._update_year()

    # -- recording --------------------------------------------------------------------------------------------
    def save(self) -> bool:
        """Record the payment; False (messages beside the fields, or "No" to the question) when nothing was."""
        from kommandesk.services.allowances import OverLimit

        errors = self.errors()
        if errors:
            self.show_errors(errors)
            self.message.setText(_("Not recorded: please correct the marked fields."))
            return False
        allowance = self.value()
        try:
            try:
                self.saved = self._service.record(allowance)
            except OverLimit as exc:
                if not confirm_over_limit(self, exc.message):
                    self.message.setText(_("Not recorded."))
                    return False
                self.saved = self._service.record(allowance, confirmed=True)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return False
        except KommanDeskError as exc:
            self.message.setText(exc.message)
            return False
        return True

    def save_and_close(self) -> None:
        if self.save():
            self.accept()


def record_payment(parent: QWidget | None, allowances, volunteer_id: str, name: str) -> Allowance | None:
    dialog = AllowanceDialog(allowances, volunteer_id, name, parent)
    dialog.exec()
    saved = dialog.saved
    dialog.deleteLater()
    return saved
