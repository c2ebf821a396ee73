"""Settings > Encryption: whether the database is encrypted; switch it on, change the passphrase, switch it off;
the minutes without use after which an encrypted database's window locks (0: never; saved at once).

Each switch asks in a small :class:`PassphraseChangeDialog`. What the user typed is checked there, by the service
itself (a dry run: the service refuses before it closes anything, see services/encryption.py), so a wrong current
passphrase, a confirmation that differs or a passphrase too short is said in the dialog and nothing is changed.
The switch itself needs every connection to the database closed: that is the application's work (ui/session.py),
asked for through :attr:`EncryptionSettings.switch_requested` with an :class:`EncryptionRequest`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QSpinBox, QVBoxLayout, QWidget)

from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.i18n import _
from kommandesk.services.encryption import MIN_LENGTH, EncryptionService
from kommandesk.settings import IDLE_LOCK_MAX
from kommandesk.ui.widgets.labels import plain_label

SWITCH_ON, CHANGE, SWITCH_OFF = "switch_on", "change", "switch_off"
FIELDS = {SWITCH_ON: ("passphrase", "confirmation"), CHANGE: ("current", "passphrase", "confirmation"),
          SWITCH_OFF: ("current",)}


@dataclass(frozen=True)
class EncryptionRequest:
    """What the application runs with the database closed: ``run(close)`` (the service's call) and, once done,
    ``done`` in the status bar."""

    run: Callable[[Callable[[], None]], None]
    done: str


class _Checked(Exception):
    """Raised by the dry run's ``close``: every check of the service passed."""


def _dry_close() -> None:
    raise _Checked


class PassphraseChangeDialog(QDialog):
    """The passphrases for one switch (``kind``): the current one where needed, the new one twice where needed."""

    def __init__(self, kind: str, service: EncryptionService, parent=None):
        super().__init__(parent)
        self.setObjectName("encryption_dialog")
        self.kind, self._service = kind, service
        self.texts: dict[str, str] | None = None  # what was typed, once accepted
        titles = {SWITCH_ON: _("Encrypt the database"), CHANGE: _("Change the passphrase"),
                  SWITCH_OFF: _("Remove the encryption")}
        self.setWindowTitle(titles[kind])
        warnings = {
            SWITCH_ON: _("Choose a passphrase of at least {count} characters. Keep it in a safe place: if it is lost, "
                         "nobody can open the data again, and it cannot be recovered. Backups made from now on are "
                         "encrypted too; older backups stay as they are.").format(count=MIN_LENGTH),
            CHANGE: _("Choose a new passphrase of at least {count} characters. Keep it in a safe place: if it is "
                      "lost, nobody can open the data again, and it cannot be recovered.").format(count=MIN_LENGTH),
            SWITCH_OFF: _("Without encryption, anyone who can read this computer's files can read the data. Type "
                          "the current passphrase to remove the encryption."),
        }
        self.warning = plain_label(warnings[kind], wrap=True, name="encryption_warning")
        labels = {"current": _("&Current passphrase:"), "passphrase": _("&New passphrase:"),
                  "confirmation": _("&Repeat the new passphrase:")}
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for name in FIELDS[kind]:
            field = QLineEdit()
            field.setObjectName(f"encryption_{name}")
            field.setEchoMode(QLineEdit.EchoMode.Password)
            label = QLabel(labels[name])
            label.setBuddy(field)
            form.addRow(label, field)
            self.fields[name] = field
        self.error = plain_label(wrap=True, name="encryption_error")
        self.error.setStyleSheet("color: palette(highlight); font-weight: bold;")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("encryption_ok")
        self.ok_button.setText({SWITCH_ON: _("Encrypt"), CHANGE: _("Change"), SWITCH_OFF: _("Remove")}[kind])
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(460, 0)
        next(iter(self.fields.values())).setFocus()

    def values(self) -> dict[str, str]:
        return {name: field.text() for name, field in self.fields.items()}

    def confirm(self) -> None:
        """Check what was typed as the service does; a refusal is said here and the dialog stays open."""
        problem = self.problem(self.values())
        if problem is None:
            self.texts = self.values()
            self.accept()
            return
        self.error.setText(problem)
        self.error.show()
        self._fit_height()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        """Tall enough for the wrapped texts at this width (a dialog's layout does not grow it for a label that
        wraps, nor for the refusal shown under the fields)."""
        layout = self.layout()
        layout.activate()
        height = layout.totalHeightForWidth(self.width())
        if height > self.height():
            self.resize(self.width(), height)

    def problem(self, texts: dict[str, str]) -> str | None:
        try:
            run_switch(self._service, self.kind, texts, _dry_close)
        except _Checked:
            return None
        except ValidationError as exc:
            for name in FIELDS[self.kind]:
                if name in exc.errors:
                    self.fields[name].setFocus()
                    self.fields[name].selectAll()
                    return exc.errors[name]
            return " ".join(exc.errors.values())
        except KommanDeskError as exc:
            return exc.message
        return None  # not reached: a passing check ends in close()


def run_switch(service: EncryptionService, kind: str, texts: dict[str, str], close: Callable[[], None]) -> None:
    if kind == SWITCH_ON:
        service.switch_on(texts["passphrase"], texts["confirmation"], close)
    elif kind == CHANGE:
        service.change(texts["current"], texts["passphrase"], texts["confirmation"], close)
    else:
        service.switch_off(texts["current"], close)


def done_text(kind: str) -> str:
    return {SWITCH_ON: _("The database is encrypted now. It opens only with its passphrase."),
            CHANGE: _("The passphrase was changed. The database opens only with the new passphrase."),
            SWITCH_OFF: _("The encryption was removed. The database is stored unencrypted.")}[kind]


class EncryptionSettings(QWidget):
    switch_requested = Signal(object)  # an EncryptionRequest, checked; the application runs it

    def __init__(self, service: EncryptionService, preferences=None, parent=None):
        """``preferences``: settings.Settings, where the idle minutes are kept (None: the minutes are not shown)."""
        super().__init__(parent)
        self._service, self._preferences = service, preferences
        self.state = plain_label(wrap=True, name="encryption_state")
        self.on_button = QPushButton()
        self.on_button.setObjectName("encryption_on")
        self.on_button.clicked.connect(lambda: self.ask(SWITCH_ON))
        self.change_button = QPushButton()
        self.change_button.setObjectName("encryption_change")
        self.change_button.clicked.connect(lambda: self.ask(CHANGE))
        self.off_button = QPushButton()
        self.off_button.setObjectName("encryption_off")
        self.off_button.clicked.connect(lambda: self.ask(SWITCH_OFF))
        buttons = QHBoxLayout()
        for button in (self.on_button, self.change_button, self.off_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.state)
        layout.addLayout(buttons)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setObjectName("idle_lock_minutes")
        self.idle_minutes.setRange(0, IDLE_LOCK_MAX)
        self._idle_label = QLabel()
        self._idle_label.setBuddy(self.idle_minutes)
        self.idle_hint = plain_label(wrap=True, name="idle_lock_hint")
        if preferences is not None:
            self.idle_minutes.setValue(preferences.idle_lock_minutes)
            self.idle_minutes.valueChanged.connect(self._idle_changed)
            form = QFormLayout()
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
            form.addRow(self._idle_label, self.idle_minutes)
            layout.addLayout(form)
            layout.addWidget(self.idle_hint)
        self.retranslate()

    def retranslate(self) -> None:
        self.on_button.setText(_("&Encrypt with a passphrase…"))
        self.change_button.setText(_("C&hange the passphrase…"))
        self.off_button.setText(_("Remo&ve the encryption…"))
        self._idle_label.setText(_("&Lock after minutes without use:"))
        self.idle_minutes.setSpecialValueText(_("Never"))
        self.idle_hint.setText(_("An encrypted database's window hides its content after this many minutes without "
                                 "use and asks for the passphrase again. 0 means never. Saved at once."))
        self.reload()

    def reload(self) -> None:
        encrypted = self._service.is_encrypted()
        self.state.setText(_("The database is encrypted: it opens only with its passphrase.") if encrypted else
                           _("The database is not encrypted: anyone who can read this computer's files can read "
                             "it. Encrypt it on a laptop that leaves the office."))
        self.on_button.setEnabled(not encrypted)
        self.change_button.setEnabled(encrypted)
        self.off_button.setEnabled(encrypted)

    def ask(self, kind: str) -> None:
        """Ask for the passphrases; once they pass the checks, ask the application to make the switch."""
        dialog = PassphraseChangeDialog(kind, self._service, self)
        dialog.exec()
        texts = dialog.texts
        dialog.deleteLater()
        if texts is None:
            return
        service = self._service
        self.switch_requested.emit(EncryptionRequest(lambda close: run_switch(service, kind, texts, close),
                                                     done_text(kind)))

    def _idle_changed(self, minutes: int) -> None:
        self._preferences.idle_lock_minutes = minutes
        from kommandesk.ui.idle_lock import IdleLock

        lock = self.window().findChild(IdleLock, "idle_lock")  # the running lock takes the new minutes at once
        if lock is not None:
            lock.set_minutes(minutes)
