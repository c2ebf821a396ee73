"""Step 5: what the import did: imported, rows with problems skipped (and where they went), likely duplicates
skipped, or that it was a dry run, cancelled, or refused."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout

from kommandesk.i18n import _, ngettext
from kommandesk.i18n.formatting import format_number
from kommandesk.services.imports import ImportResult
from kommandesk.ui.dialogs.imports.common import Step, show_message
from kommandesk.ui.widgets.labels import message_label
from kommandesk.ui.widgets.headline import Headline
from kommandesk.ui.widgets.labels import plain_label


class SummaryStep(Step):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("import_step_summary")
        self.error_file: Path | None = None
        self.headline = Headline()
        self.headline.setObjectName("import_summary_headline")
        self.headline.setWordWrap(True)
        self.lines = plain_label(wrap=True, name="import_summary")
        self.error_file_label = plain_label(wrap=True, name="import_error_file")
        self.error_file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_folder = QPushButton(_("Open the &folder of the error file"))
        self.open_folder.setObjectName("import_open_folder")
        self.open_folder.setAutoDefault(False)
        self.open_folder.clicked.connect(self.open_error_folder)
        self.error = message_label("import_summary_error")
        row = QHBoxLayout()
        row.addWidget(self.open_folder)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addSpacing(12)
        layout.addWidget(self.headline)
        layout.addWidget(self.lines)
        layout.addSpacing(8)
        layout.addWidget(self.error_file_label)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def title(self) -> str:
        return _("Done")

    def show_result(self, result: ImportResult) -> None:
        count = format_number(result.imported)
        if result.dry_run:
            self.headline.setText(_("Dry run finished: nothing was saved."))
            lines = [ngettext("{count} volunteer would have been imported.",
                              "{count} volunteers would have been imported.", result.imported).format(count=count)]
        else:
            self.headline.setText(ngettext("{count} volunteer imported.", "{count} volunteers imported.",
                                           result.imported).format(count=count))
            lines = [_("They are in the Volunteers list now.")] if result.imported else []
        if result.skipped_invalid:
            lines.append(ngettext("{count} row with problems was left out.",
                                  "{count} rows with problems were left out.", result.skipped_invalid).format(
                count=format_number(result.skipped_invalid)))
        if result.skipped_duplicates:
            lines.append(ngettext("{count} likely duplicate was left out.",
                                  "{count} likely duplicates were left out.", result.skipped_duplicates).format(
                count=format_number(result.skipped_duplicates)))
        self.lines.setText("\n".join(lines))
        self.error_file = result.error_file if result.skipped_invalid and not result.dry_run else None
        if self.error_file is not None:
            self.error_file_label.setText(_("The rows left out were written to this file; correct them there and "
                                            "import it again:\n{path}").format(path=self.error_file))
        self.error_file_label.setVisible(self.error_file is not None)
        self.open_folder.setVisible(self.error_file is not None)
        show_message(self.error, None)

    def show_cancelled(self) -> None:
        self.headline.setText(_("Cancelled: nothing was imported."))
        self.lines.setText(_("The database is as it was before the import."))
        self._no_file()

    def show_failed(self, message: str) -> None:
        self.headline.setText(_("Nothing was imported."))
        self.lines.setText("")
        self._no_file()
        show_message(self.error, message)

    def _no_file(self) -> None:
        self.error_file = None
        self.error_file_label.hide()
        self.open_folder.hide()
        show_message(self.error, None)

    def open_error_folder(self) -> None:
        if self.error_file is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.error_file.parent)))
