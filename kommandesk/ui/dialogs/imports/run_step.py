"""Step 4: the import runs in the background; a progress bar and a button to cancel it.

Cancelling rolls the whole import back (the service writes all rows in one transaction), so the database stays as
it was; the wizard then shows "Cancelled: nothing was imported." on the last step.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QPushButton, QVBoxLayout

from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_number
from kommandesk.ui.dialogs.imports.common import Step
from kommandesk.ui.widgets.labels import plain_label


class RunStep(Step):
    cancel_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("import_step_run")
        self.label = plain_label(wrap=True, name="import_run_label")
        self.progress = QProgressBar()
        self.progress.setObjectName("import_run_progress")
        self.cancel_button = QPushButton(_("&Cancel the import"))
        self.cancel_button.setObjectName("import_run_cancel")
        self.cancel_button.setToolTip(_("Stop now: nothing is imported, the database stays as it was (Esc)"))
        self.cancel_button.clicked.connect(self.cancel_requested)
        note = plain_label(_("All rows are saved together at the end, so cancelling leaves the database as it "
                             "was."), wrap=True, name="import_run_note")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addSpacing(24)
        layout.addWidget(self.label)
        layout.addWidget(self.progress)
        layout.addLayout(row)
        layout.addWidget(note)
        layout.addStretch(1)

    def title(self) -> str:
        return _("Import")

    def ready(self) -> bool:
        return False

    def start(self, dry_run: bool) -> None:
        self._dry_run = dry_run
        self.cancel_button.setEnabled(True)
        self.set_progress(0, 0)

    def set_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(done)
        if not total:
            self.label.setText(_("Reading the file …"))
        elif self._dry_run:
            self.label.setText(_("Dry run: row {done} of {total} …").format(done=format_number(done),
                                                                           total=format_number(total)))
        else:
            self.label.setText(_("Importing row {done} of {total} …").format(done=format_number(done),
                                                                            total=format_number(total)))

    def set_cancelling(self) -> None:
        self.cancel_button.setEnabled(False)
        self.label.setText(_("Cancelling: the rows read so far are being undone …"))
