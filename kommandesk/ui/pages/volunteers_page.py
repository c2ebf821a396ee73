"""Volunteers: the list of every volunteer, searched as you type, filtered, sorted by any column, page by page (a
ListPage, like the requests).

New (Ctrl+N) and Open (Enter, double-click) open the profile form; Archive asks for a reason; Export saves the list
as shown (search, filters, sort) to .xlsx or .csv in the background, with a progress dialog that can be cancelled.
Ctrl+F goes to the search box, Esc there clears it. The list stays quick with 50,000 volunteers: the model loads
200 rows at a time and every search, filter or sort is a new query.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QLabel, QProgressDialog

from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.volunteers import Status
from kommandesk.i18n import _, ngettext
from kommandesk.i18n.formatting import format_number
from kommandesk.paths import Paths
from kommandesk.services.volunteers import VolunteerService
from kommandesk.tasks import TaskRunner
from kommandesk.ui.dialogs.errors import show_problem
from kommandesk.ui.models.volunteers_model import Column, VolunteersModel
from kommandesk.ui.pages.list_page import ListPage
from kommandesk.ui.widgets.volunteer_filters import VolunteerFilters

# starting widths in average characters; the user can drag them, the last one stretches
_WIDTHS = {Column.REFERENCE: 12, Column.LAST_NAME: 14, Column.FIRST_NAME: 12, Column.TOWN: 14, Column.POSTCODE: 7,
           Column.LANGUAGES: 26, Column.CLEARANCE: 17, Column.STATUS: 10, Column.EMAIL: 24, Column.PHONE: 16,
           Column.REGISTERED_ON: 12}


def edit_volunteer(parent, service: VolunteerService, volunteer_id: str | None, allowances=None):
    """The profile form (a modal dialog); the saved Volunteer, or None when cancelled."""
    from kommandesk.ui.dialogs.volunteers.volunteer_form import edit_volunteer as form

    return form(parent, service, volunteer_id, allowances=allowances)


def choose_export_file(parent, suggested: Path) -> Path | None:
    """Ask where to save the export (Excel by default, CSV offered); None when the user cancels. The file
    dialog asks before it replaces a file; the suffix follows the chosen type when the name has none."""
    excel, csv = _("Excel workbook (*.xlsx)"), _("CSV for Excel, separated by semicolons (*.csv)")
    dialog = QFileDialog(parent, _("Export volunteers"), str(suggested.parent))
    dialog.setObjectName("volunteers_export_file")
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setNameFilters([excel, csv])
    dialog.selectNameFilter(excel)
    dialog.setDefaultSuffix("xlsx")
    dialog.selectFile(suggested.name)

    def type_chosen(name_filter: str) -> None:
        suffix = "csv" if name_filter == csv else "xlsx"
        dialog.setDefaultSuffix(suffix)
        typed = dialog.selectedFiles()
        if typed:
            dialog.selectFile(Path(typed[0]).with_suffix("." + suffix).name)

    dialog.filterSelected.connect(type_chosen)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    chosen = Path(dialog.selectedFiles()[0])
    if chosen.suffix.lower() not in (".xlsx", ".csv"):
        chosen = chosen.with_name(chosen.name + (".csv" if dialog.selectedNameFilter() == csv else ".xlsx"))
    return chosen


class VolunteersPage(ListPage):
    key = "volunteers"

    def __init__(self, service: VolunteerService, parent=None, *, paths: Paths | None = None,
                 runner: TaskRunner | None = None, allowances=None):
        """``allowances``: the AllowanceService for the form's Allowances tab (by default one over ``service``'s
        database)."""
        super().__init__(service, parent)
        self.setObjectName("page_volunteers")
        self._allowances = allowances
        self._paths = paths  # for the export's own connection; else the main window's
        self.runner = runner or TaskRunner()
        self._export_dir: Path | None = None  # where the last export went: the next one starts there
        self._exporting: QProgressDialog | None = None

        self.new_button = self._button("volunteers_new", self.new_volunteer)
        self.open_button = self._button("volunteers_open", self.open_selected)
        self.archive_button = self._button("volunteers_archive", self.archive_selected)
        self.import_button = self._button("volunteers_import", self.import_list)
        self.export_button = self._button("volunteers_export", self.export_list)
        self._build("volunteers", VolunteersModel(service, parent=self), VolunteerFilters(), _WIDTHS,
                    [self.new_button, self.open_button, self.archive_button, self.import_button,
                     self.export_button])
        self._shortcut(QKeySequence.StandardKey.New, self.new_volunteer, "Ctrl+N")
        self.retranslate()
        self._enable()

    # -- texts ------------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.search.setPlaceholderText(_("Search names, email, phone, town, languages, areas of help, notes … "
                                         "(Ctrl+F)"))
        self.new_button.setText(_("&New volunteer"))
        self.new_button.setToolTip(_("Add a volunteer (Ctrl+N)"))
        self.open_button.setText(_("&Open"))
        self.open_button.setToolTip(_("Open the chosen volunteer's profile (Enter or double-click)"))
        self.archive_button.setText(_("Arch&ive…"))
        self.archive_button.setToolTip(_("Archive the chosen volunteer: they no longer appear in the list unless "
                                         "the status filter asks for archived volunteers"))
        self.import_button.setText(_("I&mport…"))
        self.import_button.setToolTip(_("Add volunteers from an Excel workbook or a CSV file: you see the columns "
                                        "and a check of every row before anything is saved"))
        self.export_button.setText(_("E&xport…"))
        self.export_button.setToolTip(_("Save the list as it is shown (search, filters and order) as an Excel "
                                        "workbook or a CSV file"))
        super().retranslate()

    def _count_text(self, shown: int, everyone: int) -> str:
        if shown == everyone:
            return ngettext("{count} volunteer", "{count} volunteers", everyone).format(
                count=format_number(everyone))
        return ngettext("{shown} of {total} volunteer", "{shown} of {total} volunteers", everyone).format(
            shown=format_number(shown), total=format_number(everyone))

    def _empty_texts(self) -> tuple[str, str, str]:
        return (_("No volunteers yet — add the first one or import your list."),
                _("No volunteer matches the search."), _("No volunteer matches the filters."))

    # -- loading ----------------------------------------------------------------------------------------------
    def _refresh_choices(self) -> None:
        self.filters.set_areas(self._service.areas())

    def select_volunteer(self, volunteer_id: str) -> bool:
        """Select the volunteer if it is among the rows loaded."""
        return self._select_loaded(volunteer_id)

    def open_volunteer(self, volunteer_id: str) -> None:
        """Open the volunteer's profile form (e.g. from the Overview), chosen in the list when it is among the rows
        loaded; the search and the filters stay as they are, even when they leave the volunteer out."""
        if not self.model.loaded:
            self.refresh()
        self._select_loaded(volunteer_id)
        self._edit(volunteer_id)

    # -- actions ----------------------------------------------------------------------------------------------
    def _enable(self, *_args) -> None:
        item = self.model.row_at(self._selected_row())
        self.open_button.setEnabled(item is not None)
        self.archive_button.setEnabled(item is not None and item.status is not Status.ARCHIVED)
        self.export_button.setEnabled(self.model.loaded and self.model.count() > 0 and self._exporting is None)

    def new_volunteer(self) -> None:
        self._edit(None)

    def _edit(self, volunteer_id: str | None) -> None:
        saved = edit_volunteer(self, self._service, volunteer_id, self._allowances)
        if saved is None:
            return
        name = saved.full_name
        self._after_change(saved.id, lambda: _("{name} was saved.").format(name=name),
                           lambda: _("{name} was saved; the search or the filters leave them out of the list.").format(
                               name=name))

    def archive_selected(self) -> None:
        item = self.model.row_at(self._selected_row())
        if item is None or item.status is Status.ARCHIVED:
            return
        dialog = QInputDialog(self)
        dialog.setObjectName("archive_reason")
        dialog.setInputMode(QInputDialog.InputMode.TextInput)
        dialog.setWindowTitle(_("Archive volunteer"))
        dialog.setLabelText(_("Why is {name} ({reference}) being archived? The reason is kept in the status "
                              "history.").format(name=f"{item.first_name} {item.last_name}".strip(),
                                                 reference=item.reference))
        dialog.setOkButtonText(_("Archive"))
        for label in dialog.findChildren(QLabel):  # the name is shown as typed, "<b>" too
            label.setTextFormat(Qt.TextFormat.PlainText)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        reason = dialog.textValue().strip()
        try:
            self._service.archive(item.id, reason)
        except KommanDeskError as error:
            show_problem(self, _("Not archived"), error.message)
            return
        row = self._selected_row()
        self._recount()
        self._reload_keeping(item.id)
        if self.model.row_of(item.id) < 0 and self.model.rowCount():  # hidden now: select its neighbour
            self.table.selectRow(min(row, self.model.rowCount() - 1))
        name = f"{item.first_name} {item.last_name}".strip()
        self._notice = lambda: _("{name} was archived.").format(name=name)
        self._show_counts()

    def import_list(self) -> None:
        """Add volunteers from an Excel or CSV file (the import dialog); the list shows them afterwards."""
        paths = self._data_paths()
        if paths is None:
            return
        from kommandesk.ui.dialogs.imports import import_volunteers

        if import_volunteers(self, paths) is not None:
            self.refresh()

    # -- export -----------------------------------------------------------------------------------------------
    def _data_paths(self) -> Paths | None:
        return self._paths  # the main window passes them; a page built without them cannot import or export

    def _suggested_export_path(self) -> Path:
        folder = self._export_dir
        if folder is None:
            documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            folder = Path(documents) if documents else Path.home()
        name = _("Volunteers {date}").format(date=dt.date.today().isoformat())
        return folder / f"{name}.xlsx"

    def export_list(self) -> None:
        """Export the list as shown (its search, filters and order) to a file the user chooses."""
        if self._exporting is not None:
            return
        if self._search_timer.isActive():
            self.flush_search()
        paths = self._data_paths()
        if paths is None:
            return
        target = choose_export_file(self, self._suggested_export_path())
        if target is None:
            return
        self._export_dir = target.parent
        query, total = self.model.query, self.model.count()
        dialog = QProgressDialog(self)
        dialog.setObjectName("volunteers_export_progress")
        dialog.setWindowTitle(_("Export volunteers"))
        dialog.setLabelText(ngettext("Exporting {count} volunteer to {file} …", "Exporting {count} volunteers to "
                                     "{file} …", total).format(count=format_number(total), file=target.name))
        dialog.setRange(0, max(total, 1))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        for label in dialog.findChildren(QLabel):  # the file name is shown as typed
            label.setTextFormat(Qt.TextFormat.PlainText)
        stop = threading.Event()
        dialog.canceled.connect(stop.set)
        self._exporting = dialog
        self._enable()

        from kommandesk.services.exports import ExportService

        exporter = ExportService(paths)

        def work(ctx):
            def progress(done: int, total: int) -> None:
                if stop.is_set():
                    ctx.cancel()
                ctx.progress(done, total)

            return exporter.export_volunteers(target, query, progress)

        def progressed(done: int, total: int) -> None:
            if self._exporting is dialog and not stop.is_set():
                dialog.setMaximum(max(total, 1))
                dialog.setValue(min(done, max(total, 1)))

        def done(count: int) -> None:
            self._export_finished(dialog)
            self._notice = lambda: ngettext("{count} volunteer exported to {file}.",
                                            "{count} volunteers exported to {file}.", count).format(
                count=format_number(count), file=target.name)  # the folder was chosen a moment ago
            self._show_counts()

        def failed(error: BaseException) -> None:
            self._export_finished(dialog)
            reason = error.message if isinstance(error, KommanDeskError) else \
                _("an unexpected error (details are in the log file)")
            self._notice = lambda: _("The export failed: {reason}").format(reason=reason)
            self._show_counts()

        def cancelled() -> None:
            self._export_finished(dialog)
            self._notice = lambda: _("The export was cancelled; no file was written.")
            self._show_counts()

        self.runner.start(work, on_done=done, on_error=failed, on_progress=progressed, on_cancelled=cancelled)

    def _export_finished(self, dialog: QProgressDialog) -> None:
        if self._exporting is dialog:
            self._exporting = None
        dialog.close()
        dialog.deleteLater()
        self._enable()
