"""A dialog that asks why (revoke a certificate, assign despite a failed rule): an introduction, the prompt, the
reason (required, at most ``limit`` characters) and an OK button that stays disabled until a reason is typed.
What the service refuses is shown beside the field and the dialog stays open, with nothing saved.

A subclass passes its texts and object names to ``__init__`` and does the work in ``submit()`` (the result, kept
in ``outcome``); a ValidationError's message for ``error_key`` (or its own) goes beside the field."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout

from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.i18n import _
from kommandesk.ui.widgets.form_field import FieldWithError
from kommandesk.ui.widgets.labels import plain_label


class ReasonDialog(QDialog):
    error_key = "reason"  # the field of a ValidationError that concerns the reason

    def __init__(self, parent, *, name: str, title: str, intro: str, prompt: str, placeholder: str, ok_text: str,
                 limit: int, width: int):
        """``name``: the prefix of the object names (``<name>_dialog``, ``_intro``, ``_reason``, ``_ok``)."""
        super().__init__(parent)
        self.setObjectName(f"{name}_dialog")
        self.setWindowTitle(title)
        self._limit = limit
        self.outcome = None  # what submit() returned

        self.intro = plain_label(intro, wrap=True, name=f"{name}_intro")
        self.prompt = plain_label(prompt, wrap=True)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName(f"{name}_reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(placeholder)
        self.reason.textChanged.connect(self._changed)
        self.prompt.setBuddy(self.reason)
        self.field = FieldWithError(self.reason)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.ok_button.setObjectName(f"{name}_ok")
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.prompt)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.buttons)
        self.resize(width, 320)
        self.reason.setFocus()
        self._changed()

    def text(self) -> str:
        return self.reason.toPlainText().strip()

    def _changed(self) -> None:
        if len(self.text()) > self._limit:
            self.field.set_error(_("At most {limit} characters, please.").format(limit=self._limit))
            self.ok_button.setEnabled(False)
            return
        if self.field.error.text() and self.text():
            self.field.set_error(None)
        self.ok_button.setEnabled(bool(self.text()))

    def empty_message(self) -> str | None:
        """What to say when confirmed without a reason; None: the service says it."""
        return None

    def submit(self):
        """Do the work with the reason typed (``self.text()``); raises KommanDeskError when refused."""
        raise NotImplementedError

    def confirm(self) -> bool:
        """Do the work with the reason typed; False (and the message beside the field) when refused."""
        empty = None if self.text() else self.empty_message()
        if empty is not None:
            self.field.set_error(empty)
            return False
        try:
            self.outcome = self.submit()
        except ValidationError as exc:
            self.field.set_error(exc.errors.get(self.error_key) or exc.message)
            self.reason.setFocus()
            return False
        except KommanDeskError as exc:
            self.field.set_error(exc.message)
            return False
        self.accept()
        return True


def ask_reason(dialog: ReasonDialog):
    """Show ``dialog`` (modal); what its work returned, or None when cancelled."""
    try:
        dialog.exec()
        return dialog.outcome
    finally:
        dialog.deleteLater()
