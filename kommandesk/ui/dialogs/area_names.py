"""Names of an area of help, in German and in English (the catalogue is shown in the UI language)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kommandesk.domain.areas import AreaOfHelp
from kommandesk.domain.errors import ValidationError
from kommandesk.i18n import _
from kommandesk.ui.widgets.form_field import FieldWithError


class AreaNamesDialog(QDialog):
    """Asks for both names; ``submit(name_de, name_en)`` saves them and may raise ValidationError, whose
    messages are shown beside the fields (the dialog stays open)."""

    def __init__(self, title: str, submit: Callable[[str, str], object], area: AreaOfHelp | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("area_names_dialog")
        self.setWindowTitle(title)
        self._submit = submit
        self.result_value: object = None
        self.fields = {"name_de": FieldWithError(QLineEdit(area.name_de if area else "")),
                       "name_en": FieldWithError(QLineEdit(area.name_en if area else ""))}
        form = QFormLayout()
        for name, label in (("name_de", _("Name in German:")), ("name_en", _("Name in English:"))):
            self.fields[name].editor.setObjectName(f"area_{name}")
            self.fields[name].editor.setMaxLength(100)
            form.addRow(QLabel(label), self.fields[name])
        hint = QLabel(_("The list shows the name in the language of the user interface."))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def accept(self) -> None:
        try:
            self.result_value = self._submit(self.fields["name_de"].editor.text(),
                                             self.fields["name_en"].editor.text())
        except ValidationError as exc:
            for name, field in self.fields.items():
                field.set_error(exc.errors.get(name))
            return
        super().accept()
