"""The audit trail in Settings: the name changes made on this computer are recorded under (beside the computer's
user name), and "Audit trail…", the list of every change. The name is a preference of this installation
(settings.py), not of the database: two coordinators on two computers share one database."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kommandesk.i18n import _
from kommandesk.settings import COORDINATOR_MAX
from kommandesk.ui.widgets.labels import plain_label


class AuditSettings(QWidget):
    def __init__(self, service, preferences=None, parent=None):
        """``service``: the AuditService. ``preferences``: where the name is kept (settings.Settings); without
        it the name is not offered here."""
        super().__init__(parent)
        self._service = service
        self._preferences = preferences
        self.name = QLineEdit()
        self.name.setObjectName("coordinator_name")
        self.name.setMaxLength(COORDINATOR_MAX)
        self.name.setClearButtonEnabled(True)
        self.name.editingFinished.connect(self.apply)
        self.name_label = QLabel()
        self.name_label.setBuddy(self.name)
        self.hint = plain_label(wrap=True, name="coordinator_hint")
        self.open_button = QPushButton()
        self.open_button.setObjectName("open_audit_trail")
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self.open_trail)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        if preferences is not None:
            self.name.setText(preferences.coordinator_name)
            self.name.setMinimumWidth(self.name.fontMetrics().horizontalAdvance("M" * 24))
            form.addRow(self.name_label, self.name)
        else:
            self.name.hide()
            self.name_label.hide()
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.name_label.setText(_("Your &name:"))
        self.name.setPlaceholderText(_("e.g. Karin Koordinatorin"))
        self.open_button.setText(_("Audit &trail…"))
        self.open_button.setToolTip(_("Every change: who changed what and when"))
        self._show_hint()

    def _show_hint(self) -> None:
        actor = self._service.actor()
        user = actor.os_user or _("unknown")
        if actor.coordinator:
            text = _("Changes made on this computer are recorded as made by {name} (computer user {user}).").format(
                name=actor.coordinator, user=user)
        else:
            text = _("Changes made on this computer are recorded with the computer user {user}. Add your name "
                     "if several people share this user.").format(user=user)
        self.hint.setText(text)

    def apply(self) -> None:
        """Keep the name typed and record the changes from now on under it."""
        if self._preferences is None:
            return
        name = " ".join(self.name.text().split())
        if name != self._preferences.coordinator_name:
            self._preferences.coordinator_name = name
        if name != self._service.actor().coordinator:
            self._service.set_actor(None, name)
        self._show_hint()

    def open_trail(self) -> None:
        from kommandesk.ui.dialogs.audit_dialog import show_audit_trail

        show_audit_trail(self, self._service)
