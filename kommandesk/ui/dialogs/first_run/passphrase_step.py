"""Step 3: encrypt the database with a passphrase, or not (optional; recommended for laptops). The passphrase is
checked on Next by the rules of services/encryption.py; an encrypted database is only said to be so."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout

from kommandesk.i18n import _
from kommandesk.services.encryption import MIN_LENGTH, check_new
from kommandesk.ui.dialogs.first_run.common import Step, intro_label
from kommandesk.ui.widgets.form_field import FieldWithError

FIELDS = ("passphrase", "confirmation")


class PassphraseStep(Step):
    def __init__(self, encrypted: bool, parent=None):
        """``encrypted``: the database is encrypted already (the assistant opened again): nothing to choose."""
        super().__init__(parent)
        self.setObjectName("first_run_passphrase")
        self.encrypted = encrypted
        self.intro = intro_label("first_run_passphrase_intro")
        self.encrypt = QCheckBox()
        self.encrypt.setObjectName("first_run_encrypt")
        self.encrypt.toggled.connect(self._toggled)
        self.warning = intro_label("first_run_passphrase_warning")
        font = self.warning.font()
        font.setBold(True)
        self.warning.setFont(font)
        self.later = intro_label("first_run_passphrase_later")
        self.fields: dict[str, FieldWithError] = {}
        self._labels: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setContentsMargins(24, 0, 0, 0)  # under the check box: they belong to it
        for name in FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"first_run_{name}")
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            field = FieldWithError(edit)
            label = QLabel()
            label.setBuddy(edit)
            form.addRow(label, field)
            self.fields[name] = field
            self._labels[name] = label

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(8)
        layout.addWidget(self.encrypt)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addSpacing(8)
        layout.addWidget(self.later)
        layout.addStretch(1)
        for widget in (self.encrypt, self.warning, *self.fields.values(), *self._labels.values()):
            widget.setVisible(not encrypted)
        self._toggled(False)

    def title(self) -> str:
        return _("Encryption")

    def retranslate(self) -> None:
        if self.encrypted:
            self.intro.setText(_("The database is encrypted already: it opens only with its passphrase."))
            self.later.setText(_("To change the passphrase or to remove the encryption, go to Settings > "
                                 "Encryption."))
        else:
            self.intro.setText(_("KommanDesk keeps the data of volunteers and of the people they help on this "
                                 "computer. Encrypted, the data opens only with a passphrase, so a lost or stolen "
                                 "laptop does not give it away."))
            self.later.setText(_("You can also switch the encryption on later in Settings > Encryption."))
        self.encrypt.setText(_("&Encrypt the database with a passphrase (recommended for laptops)"))
        self._labels["passphrase"].setText(_("&Passphrase:"))
        self._labels["confirmation"].setText(_("&Repeat the passphrase:"))
        self.warning.setText(_("Choose a passphrase of at least {count} characters. Keep it in a safe place: if it "
                               "is lost, nobody can open the data again, and it cannot be recovered.").format(
                                   count=MIN_LENGTH))
        for name, field in self.fields.items():  # a message shown already: made again in the new language
            if field.error.text():
                field.set_error(self.problems().get(name))

    def _toggled(self, on: bool) -> None:
        for name, field in self.fields.items():
            field.editor.setEnabled(on)
            self._labels[name].setEnabled(on)
            if not on:
                field.set_error(None)
        self.warning.setEnabled(on)

    def wanted(self) -> bool:
        return not self.encrypted and self.encrypt.isChecked()

    def texts(self) -> dict[str, str]:
        return {name: field.editor.text() for name, field in self.fields.items()}

    def problems(self) -> dict[str, str]:
        if not self.wanted():
            return {}
        texts = self.texts()
        return check_new(texts["passphrase"], texts["confirmation"])

    def check(self) -> bool:
        problems = self.problems()
        for name, field in self.fields.items():
            field.set_error(problems.get(name))
        first = next((name for name in FIELDS if name in problems), None)
        if first is not None:
            editor = self.fields[first].editor
            editor.setFocus()
            editor.selectAll()
        return first is None

    def focus_first(self) -> None:
        if self.encrypted:
            self.setFocus()
        else:
            self.encrypt.setFocus()
