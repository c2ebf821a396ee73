"""Revoke a certificate: it stays in the register, marked no longer valid from today, with the reason (required,
at most 300 characters); verifying it then says so. Revoke stays disabled until a reason is typed; what the
service refuses is shown beside the field and the dialog stays open (ReasonDialog)."""

from __future__ import annotations

from kommandesk.domain.certificates import MAX_REVOKE_REASON
from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_date
from kommandesk.ui.dialogs.reason_dialog import ReasonDialog, ask_reason


class RevokeDialog(ReasonDialog):
    def __init__(self, certificates, row, parent=None):
        self._certificates = certificates
        self._row = row
        super().__init__(
            parent, name="revoke", title=_("Revoke certificate"),
            intro=_("{number}: {kind} for {name}, {title}, issued on {date}.").format(
                number=row.number, kind=row.kind.label(), name=row.person_name, title=row.title,
                date=format_date(row.issued_on)),
            prompt=_("Write why it is revoked. The certificate stays in the register; verifying it "
                     "will say it is no longer valid, with this reason."),
            placeholder=_("e.g. Issued to the wrong person; replaced by KD-2026-00031."),
            ok_text=_("Revoke"), limit=MAX_REVOKE_REASON, width=540)

    @property
    def revoked(self):
        """The revoked CertificateRow, once confirmed."""
        return self.outcome

    def submit(self):
        return self._certificates.revoke(self._row.number, self.reason.toPlainText())


def revoke_certificate(parent, certificates, row):
    """Ask for the reason and revoke; the revoked CertificateRow, or None when cancelled."""
    return ask_reason(RevokeDialog(certificates, row, parent))
