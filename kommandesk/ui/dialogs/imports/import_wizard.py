"""Import volunteers from an Excel or CSV file: a five-step dialog over ImportService.

    1 Choose the file   -> ImportService.preview (in the background)
    2 Match the columns -> the mapping, with a preview of the first rows
    3 Check the rows    -> ImportService.check (in the background, with progress): problems, likely duplicates,
                           and the options (only the valid rows, also duplicates, dry run)
    4 Import            -> ImportService.run (in the background, with progress and Cancel)
    5 Done              -> what was imported, left out, and where the error file is

Background work goes through kommandesk.tasks.TaskRunner (tests inject ``TaskRunner(synchronous=True)``). The
service opens its own database connection on the worker thread. Cancelling makes the next progress report raise
tasks.Cancelled; the service then rolls the whole import back. Esc closes the dialog at once, unless an import is
running: then it offers to cancel the import, and the dialog stays open to say that nothing was imported.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QMessageBox, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from kommandesk.domain.errors import KommanDeskError
from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_number
from kommandesk.paths import Paths
from kommandesk.services.imports import ImportPreview, ImportReport, ImportResult, ImportService
from kommandesk.tasks import Cancelled, TaskRunner
from kommandesk.ui.dialogs.sizing import fit_to_screen
from kommandesk.ui.dialogs.errors import unexpected_error_text
from kommandesk.ui.dialogs.imports.check_step import CheckStep
from kommandesk.ui.dialogs.imports.file_step import FileStep
from kommandesk.ui.dialogs.imports.mapping_step import MappingStep
from kommandesk.ui.dialogs.imports.run_step import RunStep
from kommandesk.ui.dialogs.imports.summary_step import SummaryStep
from kommandesk.ui.widgets.headline import Headline
from kommandesk.ui.widgets.labels import plain_label

FILE, MAPPING, CHECK, RUN, SUMMARY = range(5)
SIZE = (1000, 660)  # fits a 1100 x 720 window with room to spare


class ImportWizard(QDialog):
    imported = Signal(object)  # the ImportResult of an import that wrote to the database (not a dry run)

    def __init__(self, paths: Paths, parent: QWidget | None = None, *, service: ImportService | None = None,
                 runner: TaskRunner | None = None, path: Path | str | None = None):
        super().__init__(parent)
        self.setObjectName("import_wizard")
        self.setModal(True)
        self.setWindowTitle(_("Import volunteers"))
        self._paths = paths
        self.service = service or ImportService(paths)
        self.runner = runner or TaskRunner()
        self.preview: ImportPreview | None = None
        self.import_result: ImportResult | None = None  # the last import or dry run that finished
        self.task: str | None = None  # "preview", "check" or "run" while one is under way
        self._cancel: threading.Event | None = None
        self._token: object | None = None  # the task whose answers are still wanted
        self._closed = False
        self._run_failed = False  # the last import was refused: Back returns to the check

        self.file_step = FileStep()
        self.mapping_step = MappingStep()
        self.check_step = CheckStep()
        self.run_step = RunStep()
        self.summary_step = SummaryStep()
        self.steps = [self.file_step, self.mapping_step, self.check_step, self.run_step, self.summary_step]
        self.stack = QStackedWidget()
        self.stack.setObjectName("import_steps")
        for step in self.steps:
            self.stack.addWidget(step)
            step.changed.connect(self._update_buttons)
        self.run_step.cancel_requested.connect(self.cancel_import)

        self.headline = Headline(_("Import volunteers"))
        self.step_label = plain_label(name="import_step_title")
        font = self.step_label.font()
        font.setBold(True)
        self.step_label.setFont(font)

        self.back_button = QPushButton(_("< &Back"))
        self.back_button.setObjectName("import_back")
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(self.go_back)
        self.next_button = QPushButton()
        self.next_button.setObjectName("import_next")
        self.next_button.clicked.connect(self.go_next)
        self.close_button = QPushButton()
        self.close_button.setObjectName("import_close")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self._close_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addSpacing(16)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.step_label)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)

        fit_to_screen(self, SIZE)
        if path is not None:
            self.file_step.set_path(path)
        self._show(FILE)

    # -- where we are ---------------------------------------------------------------------------------------
    @property
    def step(self) -> int:
        return self.stack.currentIndex()

    def _show(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        step = self.steps[index]
        self.step_label.setText(_("Step {number} of {total}: {title}").format(
            number=format_number(index + 1), total=format_number(len(self.steps)), title=step.title()))
        self._update_buttons()
        focus = {FILE: self.file_step.path_edit, RUN: self.run_step.cancel_button,
                 SUMMARY: self.close_button}.get(index)
        if index == MAPPING and self.mapping_step.combos:
            focus = self.mapping_step.combos[0]
        if focus is not None:
            focus.setFocus()

    def _update_buttons(self) -> None:
        index = self.step
        self.back_button.setVisible(self._can_go_back())
        forward = index in (FILE, MAPPING, CHECK)
        self.next_button.setVisible(forward)
        if index == CHECK:
            self.next_button.setText(_("&Start the dry run") if self.check_step.dry_run.isChecked() else _("&Import"))
        else:
            self.next_button.setText(_("&Next >"))
        self.next_button.setEnabled(self._can_go_next())
        self.next_button.setDefault(forward)
        self.close_button.setText(_("&Close") if index == SUMMARY else _("Cancel"))
        self.close_button.setVisible(index != RUN)  # the step has its own button; Esc asks first
        self.close_button.setDefault(index == SUMMARY)

    # -- moving -------------------------------------------------------------------------------------------------
    def _can_go_next(self) -> bool:
        return self.task is None and self.step in (FILE, MAPPING, CHECK) and self.steps[self.step].ready()

    def _can_go_back(self) -> bool:
        return self.step in (MAPPING, CHECK) or (self.step == SUMMARY and self._run_failed)

    def go_next(self) -> None:
        if not self._can_go_next():
            return
        if self.step == FILE:
            self._read_file()
        elif self.step == MAPPING:
            self._check()
        elif self.step == CHECK:
            self._run()

    def go_back(self) -> None:
        if not self._can_go_back():
            return
        if self.task is not None:  # a preview or a check: nobody waits for it any more
            self._drop_task()
        if self.step == SUMMARY:
            self._check()
        else:
            self._show(self.step - 1)
        self._update_buttons()

    # -- step 1 -> 2: read the file -------------------------------------------------------------------------------
    def _read_file(self) -> None:
        path = self.file_step.path()
        if path is None:
            return
        self.file_step.show_error(None)
        self.file_step.set_busy(_("Reading the file …"))

        def done(preview: ImportPreview) -> None:
            self.file_step.set_busy(None)
            keep = self.preview is not None and self.preview.headers == preview.headers
            mapping = self.mapping_step.mapping() if keep else None
            self.preview = preview
            self.mapping_step.set_preview(preview, mapping)
            self._show(MAPPING)

        def failed(message: str) -> None:
            self.file_step.set_busy(None)
            self.file_step.show_error(message)
            self._update_buttons()

        self._start("preview", lambda _progress: self.service.preview(path), done, failed)

    # -- step 2 -> 3: check every row -----------------------------------------------------------------------------
    def _check(self) -> None:
        preview, mapping = self.preview, self.mapping_step.mapping()
        self.check_step.set_checking(0, 0)
        self._show(CHECK)
        def checked(report: ImportReport) -> None:
            self.check_step.show_report(report)
            self._update_buttons()
            choice = self.check_step.skip_invalid
            target = choice if choice.isEnabled() else self.next_button
            (target if target.isEnabled() else self.close_button).setFocus()

        self._start("check", lambda progress: self.service.check(preview, mapping, progress=progress),
                    checked, self.check_step.show_failure, on_progress=self.check_step.set_checking)

    # -- step 3 -> 4 -> 5: import ---------------------------------------------------------------------------------
    def _run(self) -> None:
        preview, mapping, options = self.preview, self.mapping_step.mapping(), self.check_step.options()
        self._run_failed = False
        self.import_result = None
        self.run_step.start(options.dry_run)
        self._show(RUN)

        def done(result: ImportResult) -> None:
            self.import_result = result
            self.summary_step.show_result(result)
            self._show(SUMMARY)
            if not result.dry_run:
                self.imported.emit(result)

        def failed(message: str) -> None:
            self._run_failed = True
            self.summary_step.show_failed(message)
            self._show(SUMMARY)

        def cancelled() -> None:
            self.summary_step.show_cancelled()
            self._show(SUMMARY)

        self._start("run", lambda progress: self.service.run(preview, mapping, options, progress=progress),
                    done, failed, on_progress=self.run_step.set_progress, on_cancelled=cancelled)

    def cancel_import(self) -> None:
        """Stop the running import: the next progress report raises Cancelled and the service rolls back."""
        if self.task == "run" and self._cancel is not None and not self._cancel.is_set():
            self._cancel.set()
            self.run_step.set_cancelling()

    # -- background work --------------------------------------------------------------------------------------
    def _start(self, kind: str, work: Callable[[Callable[[int, int], None]], Any], on_done: Callable[[Any], None],
               on_failed: Callable[[str], None], on_progress: Callable[[int, int], None] | None = None,
               on_cancelled: Callable[[], None] | None = None) -> None:
        """Run ``work(progress)`` through the runner. Answers of a task given up (Back, Esc) are ignored."""
        cancel, token = threading.Event(), object()
        self._cancel, self._token, self.task = cancel, token, kind
        self._update_buttons()

        def wanted() -> bool:
            return self._token is token and not self._closed

        def finish() -> bool:
            if not wanted():
                return False
            self._token = self._cancel = self.task = None
            return True

        def job(context) -> Any:
            def progress(done: int, total: int) -> None:
                if cancel.is_set():
                    raise Cancelled()
                context.progress(done, total)

            return work(progress)

        def done(result: Any) -> None:
            if finish():
                on_done(result)
                self._update_buttons()

        def failed(error: BaseException) -> None:
            if finish():
                message = error.message if isinstance(error, KommanDeskError) \
                    else unexpected_error_text(self._paths.log_file)
                on_failed(message)
                self._update_buttons()

        def cancelled() -> None:
            if finish():
                if on_cancelled is not None:
                    on_cancelled()
                self._update_buttons()

        def progress(done: int, total: int) -> None:
            if wanted() and on_progress is not None:
                on_progress(done, total)

        self.runner.start(job, on_done=done, on_error=failed, on_progress=progress, on_cancelled=cancelled)

    def _drop_task(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
        self._token = self._cancel = self.task = None
        self.file_step.set_busy(None)

    # -- closing ------------------------------------------------------------------------------------------------
    def _close_clicked(self) -> None:
        if self.step == SUMMARY:
            self.accept()
        else:
            self.reject()

    def accept(self) -> None:
        self._closed = True
        super().accept()

    def reject(self) -> None:
        """Esc, Cancel, the window's close button: close at once, unless an import is running."""
        if self.task == "run":
            if self._cancel is not None and not self._cancel.is_set() and self._confirm_cancel():
                self.cancel_import()
            return
        self._drop_task()
        self._closed = True
        super().reject()

    def _confirm_cancel(self) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, _("Cancel the import?"),
                          _("The import is still running. Cancel it? Nothing will be imported; the database stays "
                            "as it was."), QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("import_cancel_question")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.button(QMessageBox.StandardButton.Yes).setText(_("Cancel the import"))
        box.button(QMessageBox.StandardButton.No).setText(_("Continue importing"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes
