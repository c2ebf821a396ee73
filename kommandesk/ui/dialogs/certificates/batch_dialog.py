"""Certificates of attendance for a whole course: who gets one (eligible; issued before, printed again with the
same number; below the minimum: left out unless ticked, with a reason), the language, the output (one PDF for
printing, one file per person) and the folder. Issue runs in the background with a progress dialog that can be
cancelled (batch_run.py); the dialog then says what was written, and Preview shows the result to print.

Keys: Space ticks the chosen participant, Alt+R goes to the reason, Enter issues, Esc closes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from kommandesk.domain.certificates import MAX_OVERRIDE_REASON
from kommandesk.domain.errors import KommanDeskError
from kommandesk.i18n import _
from kommandesk.services.certificate_batch import BELOW
from kommandesk.tasks import TaskRunner
from kommandesk.ui.dialogs.certificates.batch_plan import (NAME, PLAN_ROW, REASON, STATE, certificate_courses,
                                                          counts_text, plan_items)
from kommandesk.ui.dialogs.certificates.batch_run import BatchRun, summary_text
from kommandesk.ui.dialogs.certificates.texts import colour_label, fill_languages
from kommandesk.ui.widgets.form_field import error_colour
from kommandesk.ui.widgets.labels import plain_label
from kommandesk.ui.widgets.list_table import list_table


def preview(parent, path: Path) -> None:
    """The preview of a file the batch wrote (modal). Tests replace this."""
    from kommandesk.ui.dialogs.certificates.pdf_preview import preview_pdf

    preview_pdf(parent, path.read_bytes(), path.stem, path=path, suggested_name=path.name)


class BatchDialog(QDialog):
    issued = Signal(list)  # the new CertificateRows of a run

    def __init__(self, certificates, trainings, course_id: str | None = None, parent: QWidget | None = None, *,
                 paths=None, runner: TaskRunner | None = None, folder: Path | None = None,
                 open_url=QDesktopServices.openUrl):
        super().__init__(parent)
        self.setObjectName("batch_dialog")
        self._certificates = certificates
        self._trainings = trainings
        self._open_url = open_url
        self.plan = None
        self.result = None  # the last run's BatchResult
        self.all_issued: list = []  # the new certificates of every run while the dialog was open
        self._reasons: dict[str, str] = {}  # registration id -> reason typed (kept while the course is shown)
        self._run = BatchRun(certificates, self, runner or TaskRunner(), paths)
        self._run.finished.connect(self._finished)
        self._run.failed.connect(lambda message: self._say(message, error=True))

        self.course = QComboBox()
        self.course.setObjectName("batch_course")
        for row in certificate_courses(trainings):
                self.course.addItem(_("{reference}: {title}").format(reference=row.reference, title=row.title),
                                    row.id)
        self.course.setCurrentIndex(max(self.course.findData(course_id), 0) if course_id else 0)
        self.course.currentIndexChanged.connect(lambda _index: self.load_plan(keep_reasons=False))
        self.counts = plain_label(wrap=True, name="batch_counts")

        self.model = QStandardItemModel(0, 4, self)
        self.model.itemChanged.connect(self._item_changed)
        self.table = list_table("batch_table", self.model)
        self.table.selectionModel().selectionChanged.connect(self._chosen_changed)
        self.reason_label = plain_label()
        self.reason = QLineEdit()
        self.reason.setObjectName("batch_reason")
        self.reason.setMaxLength(MAX_OVERRIDE_REASON)
        self.reason.textEdited.connect(self._reason_typed)
        self.reason_label.setBuddy(self.reason)
        reason_row = QHBoxLayout()
        reason_row.addWidget(self.reason_label)
        reason_row.addWidget(self.reason, 1)

        self.language = QComboBox()
        self.language.setObjectName("batch_language")
        fill_languages(self.language, trainings.organisation().default_language)
        self.one_pdf = QCheckBox()
        self.one_pdf.setObjectName("batch_one_pdf")
        self.one_pdf.setChecked(True)
        self.per_person = QCheckBox()
        self.per_person.setObjectName("batch_per_person")
        outputs = QHBoxLayout()
        outputs.addWidget(self.one_pdf)
        outputs.addWidget(self.per_person)
        outputs.addStretch(1)
        self.folder = QLineEdit(str(folder or _start_folder()))
        self.folder.setObjectName("batch_folder")
        self.choose_folder = self._button("batch_choose_folder", self._pick_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose_folder)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.labels = [plain_label() for _index in range(4)]
        for label, field in zip(self.labels, (self.course, self.language, outputs, folder_row)):
            self.form.addRow(label, field)
        for label, field in zip(self.labels, (self.course, self.language, None, self.folder)):
            if field is not None:
                label.setBuddy(field)

        self.message = plain_label(wrap=True, name="batch_message")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.issue_button = self._button("batch_issue", self.issue)
        self.issue_button.setDefault(True)
        self.preview_button = self._button("batch_preview", self.preview_result)
        self.folder_button = self._button("batch_open_folder", self.open_folder)
        self.close_button = self._button("batch_close", self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        buttons.addWidget(self.issue_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        layout.addLayout(reason_row)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        chain = [self.course, self.table, self.reason, self.language, self.one_pdf, self.per_person, self.folder,
                 self.choose_folder, self.issue_button, self.preview_button, self.folder_button, self.close_button]
        for first, second in zip(chain, chain[1:]):
            self.setTabOrder(first, second)
        self.retranslate()
        self.resize(900, 640)
        self.load_plan(keep_reasons=False)
        self._show_done()
        self.table.setFocus()

    def _button(self, name: str, slot) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def retranslate(self) -> None:
        self.setWindowTitle(_("Certificates of attendance"))
        for label, text in zip(self.labels, (_("&Course:"), _("&Language:"), _("Output:"), _("&Folder:"))):
            label.setText(text)
        self.one_pdf.setText(_("One PDF for &printing"))
        self.one_pdf.setToolTip(_("Every certificate in one file, to print them all at once"))
        self.per_person.setText(_("One file &per person"))
        self.per_person.setToolTip(_("A file for each participant, named \u201cLast name First name - "
                                     "Teilnahmebescheinigung.pdf\u201d, to send by email"))
        self.choose_folder.setText(_("C&hoose…"))
        self.model.setHorizontalHeaderLabels([_("Participant"), _("Attendance"), _("Certificate"),
                                              _("Reason for including")])
        self.issue_button.setText(_("&Issue certificates"))
        self.preview_button.setText(_("Pre&view and print…"))
        self.folder_button.setText(_("Open &folder"))
        self.close_button.setText(_("Close"))
        self.reason.setPlaceholderText(_("e.g. Missed a session through illness; made up the content "
                                         "with the trainer."))

    # -- the participants -------------------------------------------------------------------------------------
    def course_id(self) -> str | None:
        return self.course.currentData()

    def load_plan(self, keep_reasons: bool = True) -> None:
        """The course's participants and their state (again after a run: the new certificates are 'issued')."""
        if not keep_reasons:
            self._reasons.clear()
        self.model.removeRows(0, self.model.rowCount())
        self.plan = None
        course_id = self.course_id()
        if course_id is not None:
            try:
                self.plan = self._certificates.plan(course_id)
            except KommanDeskError as exc:
                self._say(exc.message, error=True)
        blocked = self.model.blockSignals(True)
        for row in self.plan.rows if self.plan is not None else []:
            self.model.appendRow(plan_items(row, self.plan.course.unit, self._reasons, self.palette()))
        self.model.blockSignals(blocked)
        self.model.layoutChanged.emit()
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in (NAME, STATE):
            header.resizeSection(column, min(max(header.sectionSize(column), 140), 260))
        self._show_counts()
        if self.model.rowCount():
            self.table.selectRow(0)
        self._chosen_changed()

    def row_of(self, last_name: str) -> int:
        """The table row of the participant with ``last_name`` (-1 when none): for tests and screenshots."""
        for index in range(self.model.rowCount()):
            if self.plan_row(index).participant.last_name == last_name:
                return index
        return -1

    def plan_row(self, index: int):
        item = self.model.item(index, NAME)
        return item.data(PLAN_ROW) if item is not None else None

    def _chosen_index(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _chosen_changed(self, *_args) -> None:
        row = self.plan_row(self._chosen_index())
        below = row is not None and row.state == BELOW
        self.reason.setEnabled(below)
        self.reason_label.setEnabled(below)
        self.reason.setText(self._reasons.get(row.participant.registration_id, "") if below else "")
        self.reason_label.setText(_("&Reason for including {name}:").format(name=row.name) if below
                                  else _("&Reason for including:"))

    def set_included(self, index: int, included: bool, reason: str | None = None) -> None:
        """Tick (or untick) a participant below the minimum; ``reason``: the reason typed for them."""
        self.table.selectRow(index)
        if reason is not None:
            self.reason.setText(reason)
            self._reason_typed(reason)
        self.model.item(index, NAME).setCheckState(Qt.CheckState.Checked if included else Qt.CheckState.Unchecked)

    def _item_changed(self, item: QStandardItem) -> None:
        if item.column() != NAME:
            return
        row = item.data(PLAN_ROW)
        if row is None or row.state != BELOW:
            return
        registration_id = row.participant.registration_id
        if item.checkState() == Qt.CheckState.Checked:
            self._reasons.setdefault(registration_id, "")
            self.table.selectRow(item.row())
            if not self._reasons[registration_id]:
                self.reason.setFocus()
        else:
            self._reasons.pop(registration_id, None)
        self._show_counts()

    def _reason_typed(self, text: str) -> None:
        index = self._chosen_index()
        row = self.plan_row(index)
        if row is None or row.state != BELOW:
            return
        registration_id = row.participant.registration_id
        self._reasons[registration_id] = text
        self.model.item(index, REASON).setText(text.strip())
        blocked = self.model.blockSignals(True)  # typing a reason ticks the person; clearing it does not untick
        if text.strip():
            self.model.item(index, NAME).setCheckState(Qt.CheckState.Checked)
        self.model.blockSignals(blocked)
        self.table.viewport().update()
        self._show_counts()

    def include(self) -> dict[str, str]:
        """Registration id -> reason of the participants below the minimum who are ticked."""
        return {registration_id: reason.strip() for registration_id, reason in self._reasons.items()}

    def _show_counts(self) -> None:
        if self.plan is None:
            self.counts.setText(_("No course to issue certificates for.") if self.course.count() == 0 else "")
            return
        self.counts.setText(counts_text(self.plan, len(self._reasons)))
        if not self.plan.rows:
            self._say(_("Nobody is registered for this course yet."))

    # -- issuing ----------------------------------------------------------------------------------------------
    def _problem(self) -> str | None:
        """What to put right before issuing (the service checks the rest: organisation, folder, nobody)."""
        if self.plan is None:
            return _("Choose a course.")
        for registration_id, reason in self.include().items():
            if not reason:
                row = next(r for r in self.plan.rows if r.participant.registration_id == registration_id)
                self.table.selectRow(next(n for n in range(self.model.rowCount())
                                          if self.plan_row(n) is row))
                self.reason.setFocus()
                return _("{name} attended {percent} %, below the minimum of {minimum} %. Write down why they get a "
                         "certificate all the same, or untick them.").format(
                    name=row.name, percent=row.eligibility.percent,
                    minimum=self.plan.course.min_attendance_percent)
        if not (self.one_pdf.isChecked() or self.per_person.isChecked()):
            return _("Choose the output: one PDF for printing, one file per person, or both.")
        if not self.folder.text().strip():
            self.folder.setFocus()
            return _("Choose the folder the certificates are written to.")
        return None

    def issue(self) -> bool:
        """Start the batch (False, with the message in the dialog, when something must be put right first)."""
        if self._run.running:
            return False
        problem = self._problem()
        if problem:
            self._say(problem, error=True)
            return False
        self._say("")
        self.issue_button.setEnabled(False)
        self._run.start(self.plan.course, language=self.language.currentData(),
                        folder=Path(self.folder.text().strip()), one_pdf=self.one_pdf.isChecked(),
                        per_person=self.per_person.isChecked(), include=self.include())
        if not self._run.running:
            self.issue_button.setEnabled(True)
        return True

    def _finished(self, result, problem: str) -> None:
        self.result = result
        self.issue_button.setEnabled(True)
        self._reasons.clear()
        self.load_plan()
        self._say(summary_text(result, problem), error=bool(problem))
        self._show_done()
        if result.issued:
            self.all_issued += result.issued
            self.issued.emit(list(result.issued))
        if self.result_file() is not None:
            self.preview_button.setDefault(True)
            self.preview_button.setFocus()

    def result_file(self) -> Path | None:
        """The file to preview: the PDF for printing, else the first file written."""
        if self.result is None:
            return None
        if self.result.bundle is not None:
            return self.result.bundle
        return self.result.files[0] if self.result.files else None

    def _show_done(self) -> None:
        self.preview_button.setVisible(self.result_file() is not None)
        self.folder_button.setVisible(self.result_file() is not None)

    def preview_result(self) -> None:
        path = self.result_file()
        if path is not None:
            preview(self, path)

    def open_folder(self) -> bool:
        path = self.result_file()
        return path is not None and self._open_url(QUrl.fromLocalFile(str(path.parent)))

    def _pick_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, _("Folder for the certificates"), self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def _say(self, text: str, error: bool = False) -> None:
        colour_label(self.message, error_colour(self.palette()) if error else None)
        self.message.setText(text)

    def reject(self) -> None:
        if not self._run.running:  # the progress dialog's Cancel stops a run; closing waits for it
            super().reject()


def _start_folder() -> Path:
    from kommandesk.ui.pages.course_documents import documents_folder

    return documents_folder()


def issue_for_course(parent, certificates, trainings, course_id: str | None = None, *, paths=None,
                     runner: TaskRunner | None = None):
    """The dialog (modal); the new certificates of every run made in it."""
    dialog = BatchDialog(certificates, trainings, course_id, parent, paths=paths, runner=runner)
    try:
        dialog.exec()
        return list(dialog.all_issued)
    finally:
        dialog.deleteLater()
