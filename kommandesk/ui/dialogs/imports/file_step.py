"""Step 1: choose the Excel workbook or CSV file (typed, pasted or picked with Browse…)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout

from kommandesk.i18n import _
from kommandesk.ui.dialogs.imports.common import Step, show_message
from kommandesk.ui.widgets.labels import message_label
from kommandesk.ui.widgets.labels import plain_label


class FileStep(Step):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("import_step_file")
        intro = plain_label(_(
            "Choose the Excel workbook (.xlsx) or CSV file that holds your volunteer list. KommanDesk finds the "
            "header row by itself, also below a title, and recognises German and English column headings. "
            "Nothing is saved before you have seen the check in step 3."), wrap=True, name="import_file_intro")
        self.path_label = plain_label(_("&File:"))
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("import_file_path")
        self.path_edit.setPlaceholderText(_("Path of an .xlsx or .csv file"))
        self.path_edit.setClearButtonEnabled(True)
        self.path_edit.textChanged.connect(self._typed)
        self.path_label.setBuddy(self.path_edit)
        self.browse = QPushButton(_("&Browse…"))
        self.browse.setObjectName("import_browse")
        self.browse.setAutoDefault(False)
        self.browse.clicked.connect(self.choose)
        self.busy = plain_label(name="import_file_busy")
        self.busy.hide()
        self.error = message_label("import_file_error")

        row = QHBoxLayout()
        row.addWidget(self.path_label)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(12)
        layout.addLayout(row)
        layout.addWidget(self.busy)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.setFocusProxy(self.path_edit)

    def title(self) -> str:
        return _("Choose the file")

    def path(self) -> Path | None:
        text = self.path_edit.text().strip().strip('"')  # Windows' "Copy as path" adds quotes
        return Path(text).expanduser() if text else None

    def set_path(self, path: Path | str) -> None:
        self.path_edit.setText(str(path))

    def ready(self) -> bool:
        return self.path() is not None

    def choose(self) -> None:
        current = self.path()
        start = str(current.parent if current and current.parent.is_dir() else Path.home())
        chosen, _filter = QFileDialog.getOpenFileName(
            self, _("Choose a volunteer list"), start,
            _("Volunteer lists (*.xlsx *.csv);;Excel workbooks (*.xlsx);;CSV files (*.csv);;All files (*)"))
        if chosen:
            self.set_path(chosen)

    def set_busy(self, text: str | None) -> None:
        self.busy.setText(text or "")
        self.busy.setVisible(bool(text))
        self.path_edit.setEnabled(not text)
        self.browse.setEnabled(not text)

    def show_error(self, message: str | None) -> None:
        show_message(self.error, message)

    def _typed(self, _text: str) -> None:
        self.show_error(None)
        self.changed.emit()
