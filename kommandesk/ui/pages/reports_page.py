"""Reports: the report for the funder over a chosen period (a preset or two dates), for one area of help and/or a
site if wanted, shown on the page (key figures, charts, tables) and saved as PDF or Excel.

"Show report" (Ctrl+Return, or Enter in a date or the site) computes it off the GUI thread with its own database
connection; the controls changed afterwards say so in the status line until it is shown again. "Save as PDF…" and
"Save as Excel…" save the report shown, the save dialog starting in the folder used last; the status line names the
file and offers to open it. A language switch computes the report shown again, in the new language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl, Qt
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QCompleter, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from kommandesk.domain.areas import AreaOfHelp
from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.reports import Period, Report, ReportFilter
from kommandesk.domain.search_text import fold
from kommandesk.i18n import _, current_language
from kommandesk.tasks import TaskRunner
from kommandesk.ui.dialogs.errors import show_problem
from kommandesk.ui.pages.base import Page
from kommandesk.ui.pages.course_documents import documents_folder
from kommandesk.ui.widgets.filter_combos import ANY, fill_combo
from kommandesk.ui.widgets.headline import Headline
from kommandesk.ui.widgets.labels import plain_label
from kommandesk.ui.widgets.list_table import KeyActions
from kommandesk.ui.widgets.period_picker import PeriodPicker
from kommandesk.ui.widgets.report_view import ReportView

PDF, EXCEL = ".pdf", ".xlsx"


def export_report(report: Report, path: Path) -> Path:
    from kommandesk.services.report_export import export_report as export

    return export(report, path)


def ask_save_path(parent, title: str, suggested: Path, name_filter: str) -> Path | None:
    chosen, _filter = QFileDialog.getSaveFileName(parent, title, str(suggested), name_filter)
    return Path(chosen) if chosen else None


def suggested_name(report: Report, suffix: str) -> str:
    """"Report 2026-01-01 to 2026-12-31.pdf" in the UI language."""
    return _("Report {first} to {last}").format(first=report.period.first.isoformat(),
                                                 last=report.period.last.isoformat()) + suffix


class ReportsPage(Page):
    key = "reports"

    def __init__(self, reports, volunteers=None, parent=None, *, paths=None, runner: TaskRunner | None = None,
                 today: Callable[[], dt.date] = dt.date.today,
                 export: Callable[[Report, Path], Path] = export_report,
                 ask_path: Callable[..., Path | None] = ask_save_path, open_url=QDesktopServices.openUrl):
        """``reports``: the ReportService (build, sites, areas); ``volunteers`` is not needed (the areas come from
        the report service); ``paths``: the data folder, so the report is computed with a connection of its own
        on the worker thread. ``export``, ``ask_path`` and ``open_url`` are replaced in tests."""
        super().__init__(parent)
        self.setObjectName("page_reports")
        self._reports = reports
        self._paths = paths
        self._runner = runner or TaskRunner()
        self._export, self._ask_path, self._open_url = export, ask_path, open_url
        self._areas: list[AreaOfHelp] = []
        self._asked: tuple[Period, ReportFilter] | None = None  # what the report shown (or being computed) covers
        self._computing = 0  # the number of the computation running; 0: none
        self._runs = 0
        self._saving = False
        self._saved: Path | None = None
        self._folder: Path | None = None  # where the last report was saved: the next save dialog starts there
        self._notice: Callable[[], str] | None = None  # the status line (made again after a language switch)

        self._headline = Headline()
        self.period = PeriodPicker(today=today)
        self.period.changed.connect(self._controls_changed)
        self.area_label, self.site_label = QLabel(), QLabel()
        self.area = QComboBox()
        self.area.setObjectName("report_area")
        self.area.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.area.setMinimumContentsLength(22)
        self.area.view().setMinimumWidth(340)
        self.area.currentIndexChanged.connect(self._controls_changed)
        self.site = QComboBox()
        self.site.setObjectName("report_site")
        self.site.setEditable(True)
        self.site.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.site.lineEdit().setClearButtonEnabled(True)  # empty again: every site
        self.site.setMinimumContentsLength(16)
        self.site.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.site.completer().setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.site.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.site.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.site.editTextChanged.connect(self._controls_changed)
        self.area_label.setBuddy(self.area)
        self.site_label.setBuddy(self.site)
        self.show_button = self._button("report_show", self.show_report)
        self.show_button.setDefault(True)
        self.pdf_button = self._button("report_save_pdf", lambda: self.save(PDF))
        self.excel_button = self._button("report_save_excel", lambda: self.save(EXCEL))

        filters = QHBoxLayout()
        for label, widget in ((self.area_label, self.area), (self.site_label, self.site)):
            filters.addWidget(label)
            filters.addWidget(widget)
            filters.addSpacing(8)
        filters.addWidget(self.show_button)
        filters.addStretch(1)
        # the save buttons beside the period: one row for all controls would make the window at least 1,250 pixels
        # wide in German (a stacked page's minimum width is the window's)
        period_row = QHBoxLayout()
        period_row.addWidget(self.period)
        period_row.addStretch(1)
        period_row.addWidget(self.pdf_button)
        period_row.addWidget(self.excel_button)

        self.view = ReportView()
        self.status = plain_label(wrap=True, name="report_status")
        self.open_button = self._button("report_open_file", self.open_saved)
        self.open_button.hide()
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.open_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self._headline)
        layout.addLayout(period_row)
        layout.addLayout(filters)
        layout.addSpacing(4)
        layout.addWidget(self.view, 1)
        layout.addLayout(status_row)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.show_report)
        KeyActions(self, {(self.period.first.line, Qt.Key.Key_Return): self.show_report,
                          (self.period.last.line, Qt.Key.Key_Return): self.show_report,
                          (self.site.lineEdit(), Qt.Key.Key_Return): self.show_report})
        chain = [*self.period.focus_chain(), self.area, self.site, self.show_button, self.pdf_button,
                 self.excel_button, self.view, self.open_button]
        for first, second in zip(chain, chain[1:]):
            self.setTabOrder(first, second)
        self.retranslate()

    def _button(self, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # -- texts ------------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self._headline.set_text(self.title())
        self.period.retranslate()
        self.area_label.setText(_("&Area of help:"))
        self.site_label.setText(_("S&ite:"))
        self.site.lineEdit().setPlaceholderText(_("all sites"))
        self.site.setToolTip(_("Only what happened at this site (the site of a request or the place of a "
                               "session); empty: every site"))
        self.show_button.setText(_("&Show report"))
        self.show_button.setToolTip(_("Compute the report for the period and filters chosen (Ctrl+Return)"))
        self.pdf_button.setText(_("Save as P&DF…"))
        self.pdf_button.setToolTip(_("Save the report shown as a PDF document for the funder"))
        self.excel_button.setText(_("Save as &Excel…"))
        self.excel_button.setToolTip(_("Save the report shown as an Excel workbook, one sheet per table"))
        self.open_button.setText(_("&Open"))
        self.open_button.setToolTip(_("Open the saved file"))
        self._fill_areas()
        if self._asked is not None and self.view.report is not None:
            self._compute(*self._asked)  # the report's own words are in the language it was computed in
        elif not self._computing:
            self.view.show_hint(self._hint())
        self._show_status()
        self._enable()

    @staticmethod
    def _hint() -> str:
        return _("Choose a period and, if you like, an area of help or a site. Then press Show report "
                 "(Ctrl+Return).")

    def _fill_areas(self) -> None:
        language = current_language()
        ordered = sorted(self._areas, key=lambda area: fold(area.name(language)))
        fill_combo(self.area, [(_("All areas of help"), ANY)] + [
            (area.name(language) if area.active else _("{area} (retired)").format(area=area.name(language)),
             area.id) for area in ordered])

    def refresh(self) -> None:
        """The areas of help and the sites to choose from (the report itself is computed when asked for)."""
        self._areas = list(self._reports.areas())
        self._fill_areas()
        typed = self.site.currentText()
        blocked = self.site.blockSignals(True)
        self.site.clear()
        self.site.addItems(list(self._reports.sites()))
        self.site.setCurrentIndex(-1)  # no site chosen (empty: every site) unless one was typed
        self.site.setEditText(typed)
        self.site.blockSignals(blocked)

    # -- the report -------------------------------------------------------------------------------------------
    def current_filter(self) -> ReportFilter:
        area = self.area.currentData()
        return ReportFilter(area_ids=frozenset({area}) if area else frozenset(), site=self.site.currentText().strip())

    def show_report(self) -> None:
        """Compute the report for the period and filters chosen (nothing when the period is not one)."""
        period = self.period.check()
        if period is None:
            self._notice = None
            self._show_status()
            return
        self._compute(period, self.current_filter())

    def _compute(self, period: Period, flt: ReportFilter) -> None:
        self._runs += 1
        run = self._computing = self._runs
        self._asked = (period, flt)
        synchronous = self._runner.synchronous or self._paths is None  # without paths: this thread's connection
        runner = self._runner if synchronous == self._runner.synchronous else TaskRunner(synchronous=True)
        reports, paths = self._reports, None if synchronous else self._paths
        self._notice = lambda: _("Computing the report …")
        self._show_status()
        self._enable()

        def work(_ctx):
            return reports.build(period, flt, paths=paths)

        def done(report: Report) -> None:
            if run != self._computing:
                return  # a newer one was asked for
            self._computing = 0
            self.view.show_report(report)
            self._notice = None
            self._show_status()
            self._enable()

        def failed(error: BaseException) -> None:
            if run != self._computing:
                return
            self._computing = 0
            self._notice = None
            self._show_status()
            self._enable()
            show_problem(self, _("Report not computed"), error.message if isinstance(error, KommanDeskError)
                         else _("The report could not be computed: an unexpected error (details are in the log "
                                "file)."))

        runner.start(work, on_done=done, on_error=failed)

    def _controls_changed(self, *_args) -> None:
        if self.view.report is not None and not self._computing and not self._saving:
            self._notice, self._saved = None, None  # what matters now: the report no longer fits the choice
            self._show_status()

    def _stale(self) -> bool:
        """The period or filters chosen are not those of the report shown."""
        if self.view.report is None or self._asked is None:
            return False
        return (self.period.value(), self.current_filter()) != self._asked

    # -- saving -----------------------------------------------------------------------------------------------
    def save(self, suffix: str) -> None:
        """Save the report shown as PDF (``.pdf``) or Excel (``.xlsx``) where the user chooses."""
        report = self.view.report
        if report is None or self._saving or self._computing:
            return
        if suffix == PDF:
            title, name_filter = _("Save the report as PDF"), _("PDF files (*.pdf)")
        else:
            title, name_filter = _("Save the report as Excel"), _("Excel workbook (*.xlsx)")
        folder = self._folder or documents_folder()
        target = self._ask_path(self, title, folder / suggested_name(report, suffix), name_filter)
        if target is None:
            return
        if target.suffix.lower() not in (PDF, EXCEL):
            target = target.with_name(target.name + suffix)
        self._folder = target.parent
        self._saving = True
        self._saved = None
        self._notice = lambda: _("Saving {file} …").format(file=target.name)
        self._show_status()
        self._enable()
        export = self._export

        def done(path) -> None:
            self._saving = False
            self._saved = Path(path) if path else target
            saved = self._saved.name
            self._notice = lambda: _("The report was saved as {file}.").format(file=saved)
            self._show_status()
            self._enable()

        def failed(error: BaseException) -> None:
            self._saving = False
            self._notice = None
            self._show_status()
            self._enable()
            show_problem(self, _("Report not saved"), error.message if isinstance(error, KommanDeskError)
                         else _("The report was not saved: an unexpected error (details are in the log file)."))

        self._runner.start(lambda _ctx: export(report, target), on_done=done, on_error=failed)

    def open_saved(self) -> None:
        if self._saved is not None:
            self._open_url(QUrl.fromLocalFile(str(self._saved)))

    # -- state ------------------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """A report is being computed or saved (a script waits for this to end)."""
        return bool(self._computing or self._saving)

    def _show_status(self) -> None:
        if self._notice is not None:
            text = self._notice()
        elif self._stale():
            text = _("The period or the filters changed: press Show report (Ctrl+Return) to see them.")
        else:
            text = ""
        self.status.setText(text)
        self.open_button.setVisible(self._saved is not None and not self._saving and self._notice is not None)

    def _enable(self) -> None:
        shown = self.view.report is not None and not self._computing and not self._saving
        self.show_button.setEnabled(not self._computing)
        self.pdf_button.setEnabled(shown)
        self.excel_button.setEnabled(shown)
