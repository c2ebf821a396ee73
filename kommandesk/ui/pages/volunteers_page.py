"""Volunteers: the list of every volunteer, searched as you type, filtered, sorted by any column, page by page.

New (Ctrl+N) and Open (Enter, double-click) open the profile form; Archive asks for a reason; Export saves the list
as shown (search, filters, sort) to .xlsx or .csv in the background, with a progress dialog that can be cancelled.
Ctrl+F goes to the search box, Esc there clears it. The list stays quick with 50,000 volunteers: the model loads 200 rows at a time
and every search, filter or sort is a new query.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QFileDialog, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
                               QLineEdit, QProgressDialog, QPushButton, QTableView, QVBoxLayout)

from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.volunteers import Status
from kommandesk.i18n import _, ngettext
from kommandesk.i18n.formatting import format_number
from kommandesk.paths import Paths
from kommandesk.services.volunteers import VolunteerQuery, VolunteerService
from kommandesk.tasks import TaskRunner
from kommandesk.ui.dialogs.errors import show_problem
from kommandesk.ui.models.volunteers_model import Column, VolunteersModel, column_of
from kommandesk.ui.pages.base import Page
from kommandesk.ui.widgets.headline import Headline
from kommandesk.ui.widgets.volunteer_filters import VolunteerFilters

SEARCH_DELAY_MS = 150
# starting widths in average characters; the user can drag them, the last one stretches
_WIDTHS = {Column.REFERENCE: 12, Column.LAST_NAME: 14, Column.FIRST_NAME: 12, Column.TOWN: 14, Column.POSTCODE: 7,
           Column.LANGUAGES: 26, Column.CLEARANCE: 17, Column.STATUS: 10, Column.EMAIL: 24, Column.PHONE: 16,
           Column.REGISTERED_ON: 12}


def edit_volunteer(parent, service: VolunteerService, volunteer_id: str | None):
    """The profile form (a modal dialog); the saved Volunteer, or None when cancelled."""
    from kommandesk.ui.dialogs.volunteers.volunteer_form import edit_volunteer as form

    return form(parent, service, volunteer_id)


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


class _TableKeys(QObject):
    """Enter or Return on the table opens the profile of the current row."""

    def __init__(self, page: "VolunteersPage"):
        super().__init__(page)
        self._page = page

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self._page.open_selected()
            return True
        return False


class _SearchKeys(QObject):
    """In the search box: Esc clears it, Enter searches without waiting, Down goes to the list."""

    def __init__(self, page: "VolunteersPage"):
        super().__init__(page)
        self._page = page

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        if event.key() == Qt.Key.Key_Escape and watched.text():
            self._page.clear_search()
            return True
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._page.flush_search()
            return True
        if event.key() == Qt.Key.Key_Down:
            self._page.focus_table()
            return True
        return False


class VolunteersPage(Page):
    key = "volunteers"

    def __init__(self, service: VolunteerService, parent=None, *, paths: Paths | None = None,
                 runner: TaskRunner | None = None):
        super().__init__(parent)
        self.setObjectName("page_volunteers")
        self._service = service
        self._paths = paths  # for the export's own connection; else the main window's
        self.runner = runner or TaskRunner()
        self._export_dir: Path | None = None  # where the last export went: the next one starts there
        self._exporting: QProgressDialog | None = None
        self._everyone = 0  # volunteers in the database, archived ones too
        self._notice = None  # a passing message in the status line, made again after a language switch

        self._headline = Headline()
        self.search = QLineEdit()
        self.search.setObjectName("volunteers_search")
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(200)
        self.search.textChanged.connect(self._search_typed)
        self.search.installEventFilter(_SearchKeys(self))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.flush_search)

        self.filters = VolunteerFilters()
        self.filters.setObjectName("volunteers_filters")
        self.filters.changed.connect(self._requery)

        self.model = VolunteersModel(service, parent=self)
        self.table = QTableView()
        self.table.setObjectName("volunteers_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
        vertical = self.table.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no row measures its contents
        vertical.setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._sizing = False
        self._user_sized = False  # set once the user drags a column border
        header.sectionResized.connect(self._section_resized)
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(column_of(self.model.query.sort), Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)  # a header click calls model.sort(): a new query
        self.table.doubleClicked.connect(lambda index: self.open_row(index.row()))
        self.table.installEventFilter(_TableKeys(self))
        self.table.selectionModel().selectionChanged.connect(self._enable)
        self.model.modelReset.connect(self._model_changed)
        self.model.rowsInserted.connect(self._model_changed)

        self._empty = QLabel(self.table.viewport())  # over the empty table, the header stays visible
        self._empty.setObjectName("volunteers_empty")
        self._empty.setTextFormat(Qt.TextFormat.PlainText)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._empty.setWordWrap(True)
        empty_layout = QVBoxLayout(self.table.viewport())
        empty_layout.addWidget(self._empty)
        self._empty.hide()

        self.new_button = QPushButton()
        self.new_button.setObjectName("volunteers_new")
        self.new_button.clicked.connect(self.new_volunteer)
        self.open_button = QPushButton()
        self.open_button.setObjectName("volunteers_open")
        self.open_button.clicked.connect(self.open_selected)
        self.archive_button = QPushButton()
        self.archive_button.setObjectName("volunteers_archive")
        self.archive_button.clicked.connect(self.archive_selected)
        self.import_button = QPushButton()
        self.import_button.setObjectName("volunteers_import")
        self.import_button.clicked.connect(self.import_list)
        self.export_button = QPushButton()
        self.export_button.setObjectName("volunteers_export")
        self.export_button.clicked.connect(self.export_list)
        self.status_line = QLabel()
        self.status_line.setObjectName("volunteers_count")
        self.status_line.setTextFormat(Qt.TextFormat.PlainText)

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.archive_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(self.status_line)
        layout = QVBoxLayout(self)
        layout.addWidget(self._headline)
        layout.addWidget(self.search)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self._shortcut(QKeySequence.StandardKey.Find, "Ctrl+F", self.focus_search)
        self._shortcut(QKeySequence.StandardKey.New, "Ctrl+N", self.new_volunteer)

        chain = [self.search, *self.filters.focus_chain(), self.table, self.new_button, self.open_button,
                 self.archive_button, self.import_button, self.export_button]
        for first, second in zip(chain, chain[1:]):
            self.setTabOrder(first, second)

        self.retranslate()
        self._enable()

    def _shortcut(self, standard: QKeySequence.StandardKey, fallback: str, slot) -> None:
        keys = QKeySequence(standard)
        shortcut = QShortcut(keys if not keys.isEmpty() else QKeySequence(fallback), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)

    # -- texts ------------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self._headline.set_text(self.title())
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
        self.filters.retranslate()
        self.model.retranslate()
        self._size_columns()
        self._show_counts()

    def _size_columns(self) -> None:
        """Widths with room for typical values and for the column's title in the language now shown. Once the
        user has dragged a column, a language switch only widens columns too narrow for their new title."""
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        average = self.table.fontMetrics().averageCharWidth()
        self._sizing = True
        try:
            for column, chars in _WIDTHS.items():
                title = metrics.horizontalAdvance(self.model.headerData(column, Qt.Orientation.Horizontal)) + 32
                if not self._user_sized:
                    header.resizeSection(column, max(chars * average + 16, title))
                elif header.sectionSize(column) < title:
                    header.resizeSection(column, title)
        finally:
            self._sizing = False

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        last = self.table.horizontalHeader().count() - 1  # it stretches with the window by itself
        if not self._sizing and column != last:
            self._user_sized = True

    # -- loading ----------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Called when the page is opened: the first page of rows, the areas of help, the counts."""
        self._everyone = sum(self._service.status_counts().values())
        self.filters.set_areas(self._service.areas())
        if self.model.loaded:
            self._reload_keeping(self._selected_id())
        else:
            self.model.set_query(self._query())

    def _query(self) -> VolunteerQuery:
        base = dataclasses.replace(VolunteerQuery(), search=self.search.text(), sort=self.model.query.sort,
                                   descending=self.model.query.descending)
        return self.filters.apply(base)

    def _requery(self) -> None:
        self._search_timer.stop()
        self._notice = None
        query = self._query()
        if query != self.model.query or not self.model.loaded:
            self.model.set_query(query)

    def _search_typed(self, _text: str) -> None:
        self._search_timer.start()

    def flush_search(self) -> None:
        """Search for what the box holds now (the typing pause ends, or a test or benchmark asks)."""
        self._requery()

    def clear_search(self) -> None:
        self.search.clear()
        self.flush_search()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_table(self) -> None:
        """Put the keyboard in the list, on the chosen row or the first one."""
        if self._search_timer.isActive():
            self.flush_search()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if self._selected_row() < 0 and self.model.rowCount():
            self.table.selectRow(0)

    def _reload_keeping(self, volunteer_id: str | None) -> None:
        """Read the list again and select ``volunteer_id`` if it is among the rows."""
        self.model.reload()
        if volunteer_id:
            self.select_volunteer(volunteer_id)

    def select_volunteer(self, volunteer_id: str) -> bool:
        row = self.model.row_of(volunteer_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def _model_changed(self, *_args) -> None:
        self._show_counts()
        self._enable()

    def _show_counts(self) -> None:
        shown, everyone = self.model.count(), self._everyone
        if not self.model.loaded:
            text = ""
        elif shown == everyone:
            text = ngettext("{count} volunteer", "{count} volunteers", everyone).format(count=format_number(everyone))
        else:
            text = ngettext("{shown} of {total} volunteer", "{shown} of {total} volunteers", everyone).format(
                shown=format_number(shown), total=format_number(everyone))
        if self._notice:
            text = f"{self._notice()}  ·  {text}" if text else self._notice()
        self.status_line.setText(text)
        if self.model.loaded and shown == 0:
            self._empty.setText(_("No volunteers yet — add the first one or import your list.") if everyone == 0
                                else _("No volunteer matches the search.") if self.search.text().strip()
                                else _("No volunteer matches the filters."))
            self._empty.show()
        else:
            self._empty.hide()

    # -- selection and actions --------------------------------------------------------------------------------
    def _selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _selected_id(self) -> str | None:
        item = self.model.row_at(self._selected_row())
        return item.id if item else None

    def _enable(self, *_args) -> None:
        item = self.model.row_at(self._selected_row())
        self.open_button.setEnabled(item is not None)
        self.archive_button.setEnabled(item is not None and item.status is not Status.ARCHIVED)
        self.export_button.setEnabled(self.model.loaded and self.model.count() > 0 and self._exporting is None)

    def new_volunteer(self) -> None:
        self._edit(None)

    def open_selected(self) -> None:
        row = self._selected_row()
        if row < 0:
            row = self.table.currentIndex().row()
        if row >= 0:
            self.open_row(row)

    def open_row(self, row: int) -> None:
        item = self.model.row_at(row)
        if item is not None:
            self._edit(item.id)

    def _edit(self, volunteer_id: str | None) -> None:
        saved = edit_volunteer(self, self._service, volunteer_id)
        if saved is None:
            return
        self._everyone = sum(self._service.status_counts().values())
        self._reload_keeping(saved.id)
        name = saved.full_name
        if saved.id and self.model.row_of(saved.id) < 0 and not self.model.canFetchMore():
            self._notice = lambda: _("{name} was saved; the search or the filters leave them out of the list.").format(
                name=name)
        else:
            self._notice = lambda: _("{name} was saved.").format(name=name)
        self._show_counts()

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
        self._everyone = sum(self._service.status_counts().values())
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
