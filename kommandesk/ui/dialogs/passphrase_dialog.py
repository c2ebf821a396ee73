"""The passphrase of an encrypted database: asked on start and when the app was locked after idle minutes.

Each passphrase typed is tried on the file (``check``); a wrong one says so in the dialog, which stays open. After
three wrong tries the dialog closes with ``failed`` set, and the caller tells the user and quits: nothing changed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

from kommandesk.i18n import _, ngettext
from kommandesk.ui.widgets.labels import plain_label

MAX_TRIES = 3


class PassphraseDialog(QDialog):
    def __init__(self, path: Path, check: Callable[[str], bool], parent=None, *, locked: bool = False):
        super().__init__(parent)
        self.setObjectName("passphrase_dialog")
        self.setWindowTitle(_("KommanDesk is locked") if locked else _("Encrypted database"))
        self._check = check
        self.tries = 0
        self.failed = False
        self.passphrase: str | None = None

        intro = (_("KommanDesk was locked after a time without use. Type the passphrase to go on.") if locked else
                 _("The database {path} is encrypted. Type its passphrase to open it.").format(path=path))
        self.intro = plain_label(intro, wrap=True, name="passphrase_intro")
        self.field = QLineEdit()
        self.field.setObjectName("passphrase_field")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setPlaceholderText(_("Passphrase"))
        self.error = QLabel()
        self.error.setObjectName("passphrase_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: palette(highlight); font-weight: bold;")
        self.error.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("passphrase_ok")
        self.ok_button.setText(_("Unlock") if locked else _("Open"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(_("Quit KommanDesk"))
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.field)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(420, 160)
        self.field.setFocus()

    def confirm(self) -> None:
        typed = self.field.text()
        if self._check(typed):
            self.passphrase = typed
            self.accept()
            return
        self.tries += 1
        self.field.clear()
        if self.tries >= MAX_TRIES:
            self.failed = True
            self.reject()
            return
        left = MAX_TRIES - self.tries
        self.error.setText(ngettext("The passphrase is wrong. {count} try left.",
                                    "The passphrase is wrong. {count} tries left.", left).format(count=left))
        self.error.show()
        self.field.setFocus()


def failed_message() -> str:
    return _("The passphrase was wrong three times. KommanDesk closes now; nothing was changed. Start it again "
             "to try once more.")


def ask_at_start(path: Path) -> str:
    """The store's provider in the GUI (store/encryption.py): the passphrase, or StorageError when the user gave
    up or typed it wrong three times (the start shows that message and quits)."""
    from kommandesk.domain.errors import StorageError
    from kommandesk.store import encryption

    dialog = PassphraseDialog(path, lambda typed: encryption.check_passphrase(path, typed))
    dialog.exec()
    if dialog.passphrase is not None:
        return dialog.passphrase
    if dialog.failed:
        raise encryption.WrongPassphrase(failed_message())
    raise StorageError(_("No passphrase was given: KommanDesk closes. Nothing was changed."))
