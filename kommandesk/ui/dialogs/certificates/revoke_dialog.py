"""Revoke a certificate: it stays in the register, marked no longer valid from today, with the reason (required,
at most 300 characters); verifying it then says so. Revoke stays disabled until a reason is typed; what the
service refuses is shown beside the field and the dialog stays open."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout

from kommandesk.domain.certificates import MAX_REVOKE_REASON
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_date
from kommandesk.ui.widgets.form_field import FieldWithError
from kommandesk.ui.widgets.labels import plain_label


class RevokeDialog(QDialog):
    def __init__(self, certificates, row, parent=None):
        super().__init__(parent)
        self.setObjectName("revoke_dialog")
        self.setWindowTitle(_("Revoke certificate"))
        self._certificates = certificates
        self._row = row
        self.revoked = None

        self.intro = plain_label(_("{number}: {kind} for {name}, {title}, issued on {date}.").format(
            number=row.number, kind=row.kind.label(), name=row.person_name, title=row.title,
            date=format_date(row.issued_on)), wrap=True, name="revoke_intro")
        self.prompt = plain_label(_("Write why it is revoked. The certificate stays in the register; verifying it "
                                    "will say it is no longer valid, with this reason."), wrap=True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("revoke_reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(_("e.g. Issued to the wrong person; replaced by KD-2026-00031."))
        self.reason.textChanged.connect(self._changed)
        self.prompt.setBuddy(self.reason)
        self.field = FieldWithError(self.reason)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Revoke"))
        self.ok_button.setObjectName("revoke_ok")
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.prompt)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.buttons)
        self.resize(540, 320)
        self.reason.setFocus()
        self._changed()

    def text(self) -> str:
        return self.reason.toPlainText().strip()

    def _changed(self) -> None:
        if len(self.text()) > MAX_REVOKE_REASON:
            self.field.set_error(_("At most {limit} characters, please.").format(limit=MAX_REVOKE_REASON))
            self.ok_button.setEnabled(False)
            return
        if self.field.error.text() and self.text():
            self.field.set_error(None)
        self.ok_button.setEnabled(bool(self.text()))

    def confirm(self) -> bool:
        """Revoke with the reason typed; False (and the message beside the field) when refused."""
        try:
            self.revoked = self._certificates.revoke(self._row.number, self.reason.toPlainText())
        except ValidationError as exc:
            self.field.set_error(exc.errors.get("reason") or exc.message)
            self.reason.setFocus()
            return False
        except KommanDeskError as exc:
            self.field.set_error(exc.message)
            return False
        self.accept()
        return True


def revoke_certificate(parent, certificates, row):
    """Ask for the reason and revoke; the revoked CertificateRow, or None when cancelled."""
    dialog = RevokeDialog(certificates, row, parent)
    try:
        dialog.exec()
        return dialog.revoked
    finally:
        dialog.deleteLater()
