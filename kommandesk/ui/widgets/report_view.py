"""A report on screen, in a scroll area: its heading (title, organisation, period, filters), "nothing was recorded"
when the period is empty, the warnings banner, then each section with its key figures as tiles, its charts two by
two, and its tables (narrow ones side by side) with their notes. Before any report: a line saying what to do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QScrollArea, QTableView, QVBoxLayout, QWidget

from kommandesk.domain.reports import Report, Section, Table
from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_date
from kommandesk.ui.widgets.chart import ChartWidget
from kommandesk.ui.widgets.chart_painter import mixed
from kommandesk.ui.widgets.labels import plain_label
from kommandesk.ui.widgets.report_cards import (FigureTile, WarningBanner, muted_colour, report_table, scaled_font,
                                                set_text_colour)

FIGURES_PER_ROW = 5
NARROW_TABLE = 3  # tables of at most this many columns stand two side by side


def period_text(report: Report) -> str:
    return _("{first} to {last}").format(first=format_date(report.period.first, "long"),
                                         last=format_date(report.period.last, "long"))


class ReportView(QScrollArea):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("report_view")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.report: Report | None = None
        self.tables: dict[str, QTableView] = {}
        self.charts: dict[str, ChartWidget] = {}
        self.tiles: dict[str, QWidget] = {}
        self.hint = plain_label(wrap=True, name="report_hint")
        self.empty_line: QLabel | None = None
        self._building: QWidget | None = None
        self.warnings: WarningBanner | None = None
        self.show_hint("")

    # -- content ----------------------------------------------------------------------------------------------
    def _new_content(self) -> QVBoxLayout:
        """A fresh page to fill; ``_install`` puts it in place once filled (then it shows whole, at once)."""
        content = self._building = QWidget()  # kept: without a parent yet, Python owns it
        content.setObjectName("report_content")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(2, 4, 12, 16)
        layout.setSpacing(10)
        self.tables, self.charts, self.tiles = {}, {}, {}
        self.empty_line = self.warnings = None
        return layout

    def _install(self, layout: QVBoxLayout) -> None:
        layout.addStretch(1)
        old = self.takeWidget()
        if old is not None:
            if self.hint.parent() is old:
                self.hint.setParent(None)
            old.deleteLater()
        self.setWidget(self._building)
        self._building = None
        self.verticalScrollBar().setValue(0)

    def show_hint(self, text: str) -> None:
        """No report: ``text`` (what to do)."""
        self.report = None
        layout = self._new_content()
        if self.hint.parent() is not None:
            self.hint.parent().layout().removeWidget(self.hint)
        self.hint.setText(text)
        set_text_colour(self.hint, muted_colour(self.palette()))
        layout.addWidget(self.hint)
        self._install(layout)

    def show_report(self, report: Report) -> None:
        self.report = report
        layout = self._new_content()
        layout.addLayout(self._heading(report))
        if report.empty:
            self.empty_line = plain_label(_("Nothing was recorded in this period."), wrap=True, name="report_empty")
            scaled_font(self.empty_line, 1.1)
            layout.addWidget(self.empty_line)
        if report.warnings:
            self.warnings = WarningBanner(report.warnings, self)
            layout.addWidget(self.warnings)
        for section in report.sections:
            layout.addSpacing(8)
            self._section(layout, section)
        self._install(layout)

    def _heading(self, report: Report) -> QVBoxLayout:
        heading = QVBoxLayout()
        heading.setSpacing(2)
        title = plain_label(report.title, wrap=True, name="report_title")
        scaled_font(title, 1.25)
        heading.addWidget(title)
        lines = [report.organisation, period_text(report)]
        lines.append(report.filters or _("All areas of help and sites"))
        for number, text in enumerate(line for line in lines if line):
            label = plain_label(text, wrap=True, name=f"report_heading_{number}")
            if number:
                set_text_colour(label, muted_colour(self.palette()))
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            heading.addWidget(label)
        return heading

    def _section(self, layout: QVBoxLayout, section: Section) -> None:
        title = plain_label(section.title, name=f"section_{section.key}")
        scaled_font(title, 1.2)
        layout.addWidget(title)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Plain)  # drawn in the text colour: a soft one, also in dark mode
        palette = rule.palette()
        palette.setColor(QPalette.ColorRole.WindowText, mixed(palette.color(QPalette.ColorRole.WindowText),
                                                              palette.color(QPalette.ColorRole.Window), 0.3))
        rule.setPalette(palette)
        layout.addWidget(rule)
        if section.figures:
            for figure in section.figures:
                self.tiles[figure.key] = FigureTile(figure)
            layout.addLayout(_tiled([self.tiles[f.key] for f in section.figures], FIGURES_PER_ROW))
        if section.charts:
            for chart in section.charts:
                self.charts[chart.key] = ChartWidget(chart)
            layout.addLayout(_tiled([self.charts[c.key] for c in section.charts], 2, widen_last=True,
                                    align=Qt.AlignmentFlag.AlignTop))  # the last of an odd number: a row alone
        self._tables(layout, section.tables)

    def _tables(self, layout: QVBoxLayout, tables: tuple[Table, ...]) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(12)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        row = column = 0
        for table in tables:
            block = self._table_block(table)
            if len(table.columns) > NARROW_TABLE:  # a wide table has a row of its own
                row, column = (row + 1, 0) if column else (row, 0)
                grid.addWidget(block, row, 0, 1, 2, Qt.AlignmentFlag.AlignTop)
                row += 1
            else:
                grid.addWidget(block, row, column, Qt.AlignmentFlag.AlignTop)
                row, column = (row + 1, 0) if column else (row, 1)
        layout.addLayout(grid)

    def _table_block(self, table: Table) -> QWidget:
        block = QWidget()
        block.setObjectName(f"table_block_{table.key}")
        box = QVBoxLayout(block)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        title = plain_label(table.title, wrap=True)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        box.addWidget(title)
        if table.rows or table.total is not None:
            view = report_table(table)
            self.tables[table.key] = view
            box.addWidget(view)
        else:
            nothing = plain_label(_("No data in this period."), name=f"report_table_{table.key}_empty")
            set_text_colour(nothing, muted_colour(self.palette()))
            box.addWidget(nothing)
        if table.note:
            note = plain_label(table.note, wrap=True)
            set_text_colour(note, muted_colour(self.palette()))
            box.addWidget(note)
        return block


def _tiled(widgets: list[QWidget], per_row: int, *, widen_last: bool = False,
           align: Qt.AlignmentFlag | None = None) -> QGridLayout:
    """``widgets`` row by row in a grid of ``per_row`` columns of equal width (key figures, charts);
    ``widen_last``: a last widget alone in its row takes the whole row."""
    grid = QGridLayout()
    grid.setSpacing(10)
    for number, widget in enumerate(widgets):
        row, column = divmod(number, per_row)
        span = per_row if widen_last and column == 0 and number == len(widgets) - 1 else 1
        if align is None:
            grid.addWidget(widget, row, column, 1, span)
        else:
            grid.addWidget(widget, row, column, 1, span, align)
    for column in range(per_row):
        grid.setColumnStretch(column, 1)
    return grid
