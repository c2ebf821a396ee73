"""Step 3: the check of every row before anything is written, and the choices for the import.

While the check runs in the background a progress bar shows how far it got. Then: the counts (valid, with
problems, likely duplicates), the problems (row, column, message) and the likely duplicates (row, name, reason),
each sortable by a header click, and three choices: import only the valid rows (the others go to an error file),
also import likely duplicates, dry run. ``importable()`` says how many volunteers the import would add under those
choices; the wizard's Import button waits for it to be more than none.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QGroupBox, QHBoxLayout, QHeaderView, QProgressBar,
                               QSplitter, QTableView, QVBoxLayout, QWidget)

from kommandesk.i18n import _, ngettext
from kommandesk.i18n.formatting import format_number
from kommandesk.services.imports import ImportOptions, ImportReport
from kommandesk.ui.dialogs.imports.common import Step, show_message
from kommandesk.ui.widgets.labels import message_label
from kommandesk.ui.dialogs.imports.table_model import RowsModel, sortable
from kommandesk.ui.dialogs.volunteers.badge import Badge
from kommandesk.ui.widgets.labels import plain_label


def _table(name: str, model: RowsModel, parent: QWidget) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(sortable(model, parent))
    table.setSortingEnabled(True)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTabKeyNavigation(False)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    header.setSortIndicatorShown(True)
    return table


class CheckStep(Step):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("import_step_check")
        self.report: ImportReport | None = None

        self.progress_label = plain_label(name="import_check_progress_label")
        self.progress = QProgressBar()
        self.progress.setObjectName("import_check_progress")
        self.progress.setTextVisible(False)

        self.checked = plain_label(name="import_checked")
        self.valid_badge = Badge(kind="good", name="import_valid_count")
        self.problem_badge = Badge(kind="bad", name="import_problem_count")
        self.duplicate_badge = Badge(kind="warn", name="import_duplicate_count")
        counts = QHBoxLayout()
        counts.addWidget(self.checked)
        for badge in (self.valid_badge, self.problem_badge, self.duplicate_badge):
            counts.addWidget(badge)
        counts.addStretch(1)

        self.problems_model = RowsModel(self)
        self.problems = _table("import_problems", self.problems_model, self)
        self.problems_title = plain_label(name="import_problems_title")
        self.duplicates_model = RowsModel(self)
        self.duplicates = _table("import_duplicates", self.duplicates_model, self)
        self.duplicates_title = plain_label(name="import_duplicates_title")
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("import_report_tables")
        self.splitter.setChildrenCollapsible(False)
        for title, table in ((self.problems_title, self.problems), (self.duplicates_title, self.duplicates)):
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.addWidget(title)
            box_layout.addWidget(table, 1)
            box_layout.addStretch(0)  # a hidden table (nothing to list) leaves its line at the top
            self.splitter.addWidget(box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        self.skip_invalid = QCheckBox(_("Import only the &valid rows (the others go to an error file you can "
                                        "correct and import again)"))
        self.skip_invalid.setObjectName("import_skip_invalid")
        self.include_duplicates = QCheckBox(_("Also import likely &duplicates"))
        self.include_duplicates.setObjectName("import_include_duplicates")
        self.dry_run = QCheckBox(_("D&ry run (check only, write nothing)"))
        self.dry_run.setObjectName("import_dry_run")
        self.options_box = QGroupBox(_("Options"))
        options_layout = QVBoxLayout(self.options_box)
        for box in (self.skip_invalid, self.include_duplicates, self.dry_run):
            box.toggled.connect(self._option_changed)
            options_layout.addWidget(box)

        self.outcome = plain_label(wrap=True, name="import_outcome")
        font = self.outcome.font()
        font.setBold(True)
        self.outcome.setFont(font)
        self.error = message_label("import_check_error")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress)
        layout.addLayout(counts)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.options_box)
        layout.addWidget(self.outcome)
        layout.addWidget(self.error)
        layout.addStretch(0)  # while checking (the report hidden), the progress stays at the top
        self._report_widgets = (self.checked, self.valid_badge, self.problem_badge, self.duplicate_badge,
                                self.splitter, self.options_box, self.outcome)
        self.set_checking(0, 0)

    def title(self) -> str:
        return _("Check the rows")

    # -- while checking -----------------------------------------------------------------------------------------
    def set_checking(self, done: int, total: int) -> None:
        """The check is running: ``done`` of ``total`` rows (0 of 0: starting)."""
        self.report = None
        for widget in self._report_widgets:
            widget.hide()
        show_message(self.error, None)
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(done)
        self.progress.show()
        self.progress_label.setText(
            _("Checking row {done} of {total} …").format(done=format_number(done), total=format_number(total))
            if total else _("Checking the rows …"))
        self.progress_label.show()
        self.changed.emit()

    def show_failure(self, message: str) -> None:
        self.progress.hide()
        self.progress_label.hide()
        show_message(self.error, message)
        self.changed.emit()

    # -- the report ---------------------------------------------------------------------------------------------
    def show_report(self, report: ImportReport) -> None:
        self.report = report
        self.progress.hide()
        self.progress_label.hide()
        show_message(self.error, None)
        invalid = report.total_rows - report.valid_rows
        self.checked.setText(ngettext("{count} row checked:", "{count} rows checked:", report.total_rows).format(
            count=format_number(report.total_rows)))
        self.valid_badge.show_as(ngettext("{count} valid", "{count} valid", report.valid_rows).format(
            count=format_number(report.valid_rows)), "good")
        self.problem_badge.show_as(ngettext("{count} with problems", "{count} with problems", invalid).format(
            count=format_number(invalid)), "bad" if invalid else "neutral")
        duplicates = len(report.duplicates)
        self.duplicate_badge.show_as(ngettext("{count} likely duplicate", "{count} likely duplicates",
                                              duplicates).format(count=format_number(duplicates)),
                                     "warn" if duplicates else "neutral")
        self.checked.show()

        self.problems_model.set_rows((_("Row"), _("Column"), _("Problem")),
                                     [(p.row, p.column, p.message) for p in report.problems])
        self.duplicates_model.set_rows((_("Row"), _("Name"), _("Why it looks like a duplicate")),
                                       [(d.row, d.name, d.reason) for d in report.duplicates])
        self.problems_title.setText(
            ngettext("{count} problem:", "{count} problems:", len(report.problems)).format(
                count=format_number(len(report.problems))) if report.problems
            else _("No problems: every row can be imported as it is."))
        self.duplicates_title.setText(
            ngettext("{count} likely duplicate (skipped unless you choose to import it):",
                     "{count} likely duplicates (skipped unless you choose to import them):", duplicates).format(
                count=format_number(duplicates)) if duplicates
            else _("No likely duplicates: nobody in the file seems to be known already or listed twice."))
        self.problems.setVisible(bool(report.problems))
        self.duplicates.setVisible(bool(duplicates))
        for table in (self.problems, self.duplicates):
            table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
            table.resizeColumnToContents(0)
            table.resizeColumnToContents(1)
            header = table.horizontalHeader()
            header.resizeSection(1, min(header.sectionSize(1), self.fontMetrics().averageCharWidth() * 36))
        self.splitter.show()
        if not report.problems or not duplicates:  # one table: the other is a single line
            self.splitter.setSizes([10_000, 1] if report.problems else [1, 10_000])

        self.skip_invalid.setEnabled(invalid > 0)
        self.include_duplicates.setEnabled(duplicates > 0)
        if not invalid:
            self.skip_invalid.setChecked(False)
        if not duplicates:
            self.include_duplicates.setChecked(False)
        self.options_box.show()
        self._option_changed()

    def options(self) -> ImportOptions:
        return ImportOptions(skip_invalid=self.skip_invalid.isChecked(), dry_run=self.dry_run.isChecked(),
                             include_duplicates=self.include_duplicates.isChecked())

    def importable(self) -> int:
        """How many volunteers the import adds under the chosen options (0 when it would refuse)."""
        report = self.report
        if report is None:
            return 0
        invalid = report.total_rows - report.valid_rows
        if invalid and not self.skip_invalid.isChecked():
            return 0
        if self.include_duplicates.isChecked():
            return report.valid_rows
        invalid_rows = {problem.row for problem in report.problems}
        valid_duplicates = {dup.row for dup in report.duplicates if dup.row not in invalid_rows}
        return max(report.valid_rows - len(valid_duplicates), 0)

    def ready(self) -> bool:
        return self.importable() > 0

    def _option_changed(self, *_args) -> None:
        if self.report is None:
            return
        self.outcome.setText(self._outcome_text())
        self.outcome.show()
        self.changed.emit()

    def _outcome_text(self) -> str:
        report = self.report
        invalid = report.total_rows - report.valid_rows
        if invalid and not self.skip_invalid.isChecked():
            return _("Rows with problems stop the import, so nothing would be imported. Correct them in the file "
                     "and check again (Back, then Next), or choose to import only the valid rows.")
        count = self.importable()
        if count == 0:
            return _("No row can be imported with these choices.")
        dry = self.dry_run.isChecked()
        text = (ngettext("Dry run: {count} volunteer would be imported; nothing is saved.",
                         "Dry run: {count} volunteers would be imported; nothing is saved.", count) if dry
                else ngettext("{count} volunteer will be imported.", "{count} volunteers will be imported.", count))
        text = text.format(count=format_number(count))
        if invalid and not dry:
            text += " " + ngettext("The row with problems goes to an error file beside your file.",
                                   "The {count} rows with problems go to an error file beside your file.",
                                   invalid).format(count=format_number(invalid))
        return text
