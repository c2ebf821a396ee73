"""Export everything stored about one person (GDPR Art. 15): the reference, a folder, Export. The PDF (readable, in
the language of the user interface) and the JSON file (everything, for programs) are written side by side; a
folder that is missing or cannot be written is refused with nothing written."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from kommandesk.domain.errors import KommanDeskError
from kommandesk.i18n import _
from kommandesk.ui.dialogs.privacy.common import message_line, reference_field, say
from kommandesk.ui.widgets.labels import plain_label


class ExportDialog(QDialog):
    def __init__(self, service, reference: str = "", parent: QWidget | None = None, folder: Path | None = None):
        super().__init__(parent)
        self.setObjectName("privacy_export_dialog")
        self.setWindowTitle(_("Export a person's data"))
        self._service = service
        self.written: tuple[Path, Path] | None = None

        self.hint = plain_label(_("Everything stored about a volunteer, or about the requester of a request, is "
                                  "written as a readable PDF and as a JSON file (Art. 15 GDPR). Hand them to the "
                                  "person; they contain personal data, so keep them safe and delete them "
                                  "afterwards."), wrap=True, name="privacy_export_hint")
        self.reference = reference_field(reference, "privacy_export_reference")
        self.reference.textChanged.connect(self._changed)
        self.folder = QLineEdit(str(folder or Path.home()))
        self.folder.setObjectName("privacy_export_folder")
        self.folder.textChanged.connect(self._changed)
        choose = QPushButton(_("C&hoose…"))
        choose.setObjectName("privacy_export_choose")
        choose.clicked.connect(self.choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        form = QFormLayout()
        reference_label = plain_label(_("&Reference:"))
        reference_label.setBuddy(self.reference)
        folder_label = plain_label(_("&Folder:"))
        folder_label.setBuddy(self.folder)
        form.addRow(reference_label, self.reference)
        form.addRow(folder_label, row)
        self.message = message_line("privacy_export_message")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = buttons.addButton(_("&Export"), QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setObjectName("privacy_export_run")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(620, 280)
        (self.folder if reference else self.reference).setFocus()
        self._changed()

    def _changed(self) -> None:
        self.export_button.setEnabled(bool(self.reference.text().strip() and self.folder.text().strip()))

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Choose the folder for the export"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def export(self) -> bool:
        """Write both files; False (and why, below the fields) when the service refuses."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QGuiApplication

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.written = self._service.export_person(self.reference.text(), Path(self.folder.text().strip()))
        except KommanDeskError as exc:
            say(self.message, exc.message, error=True)
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        pdf, data = self.written
        say(self.message, _("Written to {folder}:\n{pdf}\n{json}").format(folder=pdf.parent, pdf=pdf.name,
                                                                          json=data.name))
        return True
