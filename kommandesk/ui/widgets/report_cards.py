"""The parts a report is shown with (ui/widgets/report_view.py): a card in the palette's base colour, a key figure
as a tile (the value large, what it counts below), the warnings banner, and a report table sized to its rows."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHBoxLayout, QHeaderView, QLabel, QSizePolicy, QStyle,
                               QTableView, QVBoxLayout)

from kommandesk.domain.reports import Figure, Kind, Table, format_value
from kommandesk.i18n import current_language
from kommandesk.ui.models.report_table_model import ReportTableModel
from kommandesk.ui.widgets.chart_painter import mixed
from kommandesk.ui.widgets.labels import plain_label
from kommandesk.ui.widgets.list_table import list_table

WARNING_ON_LIGHT = (QColor("#fff4dc"), QColor("#d9a23b"), QColor("#4d3300"))  # fill, border, text
WARNING_ON_DARK = (QColor("#3b2e12"), QColor("#b78a2e"), QColor("#ffe2ad"))
MAX_ROWS_SHOWN = 40  # a longer table scrolls inside (a year's courses); shorter ones show every row


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def muted_colour(palette: QPalette) -> QColor:
    return mixed(palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window), 0.7)


def set_text_colour(label: QLabel, colour: QColor) -> None:
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, colour)
    label.setPalette(palette)


def scaled_font(label: QLabel, factor: float, bold: bool = True) -> None:
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    label.setFont(font)


class Card(QFrame):
    """A rounded panel in the palette's base colour (or the colours given) with a thin border."""

    def __init__(self, parent=None, colours: tuple[QColor, QColor] | None = None):
        super().__init__(parent)
        self._colours = colours

    def paintEvent(self, _event) -> None:
        palette = self.palette()
        if self._colours is not None:
            fill, border = self._colours
        else:
            fill = palette.color(QPalette.ColorRole.Base)
            border = mixed(palette.color(QPalette.ColorRole.Text), fill, 0.22)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(border, 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6)
        painter.end()


class FigureTile(Card):
    """One key figure: "128" large, "Active volunteers" under it."""

    def __init__(self, figure: Figure, parent=None):
        super().__init__(parent)
        self.setObjectName(f"figure_{figure.key}")
        self.figure = figure
        self.value = plain_label(format_value(figure.value, figure.kind, current_language()), name="figure_value")
        scaled_font(self.value, 1.7)
        self.label = plain_label(figure.label, wrap=True, name="figure_label")
        set_text_colour(self.label, muted_colour(self.palette()))
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(2)
        layout.addWidget(self.value)
        layout.addWidget(self.label, 1)
        self.setAccessibleName(f"{figure.label}: {self.value.text()}")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)


class WarningBanner(Card):
    """What needs attention (volunteers over the tax-free limit), above the sections."""

    def __init__(self, lines: tuple[str, ...], parent=None):
        fill, border, ink = WARNING_ON_DARK if is_dark(parent.palette() if parent else QPalette()) \
            else WARNING_ON_LIGHT
        super().__init__(parent, (fill, border))
        self.setObjectName("report_warnings")
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = plain_label("\n".join(lines), wrap=True, name="report_warnings_text")
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_text_colour(self.text, ink)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(10)
        layout.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)


def report_table(table: Table) -> QTableView:
    """A read-only table of the report (ui/widgets/list_table.py), sortable by a header click (the report's order
    until then), as high as its rows (up to MAX_ROWS_SHOWN) so that it needs no scroll bar of its own. Numbers
    keep the width they need; the text columns share the rest (ColumnFitter)."""
    view = list_table(f"report_table_{table.key}")
    view.setModel(ReportTableModel(table, view))
    view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    view.setSortingEnabled(True)
    header = view.horizontalHeader()
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the report's own order until a click
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    rows = min(view.model().rowCount(), MAX_ROWS_SHOWN)
    view.setFixedHeight(header.sizeHint().height() + rows * view.verticalHeader().defaultSectionSize()
                        + 2 * view.frameWidth())
    fitter = ColumnFitter(view, [column.kind is Kind.TEXT for column in table.columns])
    view.setMinimumWidth(min(sum(fitter.natural), 560) + 2 * view.frameWidth())
    view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return view


def column_widths(natural: list[int], minimum: list[int], texts: list[bool], available: int) -> list[int]:
    """Numbers as wide as they need; the text columns share the rest: the last of them takes what is left over
    (the numbers stand at the right edge), and when there is too little each gives way in proportion to its
    length, never below its title (the table is then wider than its room)."""
    widths = list(natural)
    text_columns = [c for c, text in enumerate(texts) if text]
    if not text_columns:
        widths[-1] += max(available - sum(widths), 0)
        return widths
    room = available - sum(width for c, width in enumerate(widths) if not texts[c])
    if room >= sum(widths[c] for c in text_columns):
        widths[text_columns[-1]] += room - sum(widths[c] for c in text_columns)
        return widths
    shrinking = list(text_columns)
    while shrinking:  # columns that would fall below their title keep it; the others share what remains
        share = room - sum(minimum[c] for c in text_columns if c not in shrinking)
        wanted = sum(natural[c] for c in shrinking)
        held = [c for c in shrinking if natural[c] * share / wanted < minimum[c]]
        if not held:
            for c in shrinking:
                widths[c] = int(natural[c] * share / wanted)
            break
        for c in held:
            widths[c] = minimum[c]
            shrinking.remove(c)
    return widths


SHORT_TEXT = 130  # pixels: a text column this narrow keeps its width when the table lacks room


class ColumnFitter(QObject):
    """Sets the column widths of a report table whenever it is resized (the elided texts are whole in the
    tooltip)."""

    def __init__(self, view: QTableView, texts: list[bool]):
        super().__init__(view)
        self._view, self._texts = view, texts
        header = view.horizontalHeader()
        self.minimum = [header.sectionSizeHint(c) for c in range(len(texts))]
        self.natural = [max(view.sizeHintForColumn(c), self.minimum[c]) + 4 for c in range(len(texts))]
        # short texts (references, years, months) stay whole: only the long ones (titles, names) give way
        self.minimum = [natural if text and natural <= SHORT_TEXT else minimum
                        for natural, minimum, text in zip(self.natural, self.minimum, texts)]
        view.viewport().installEventFilter(self)  # its size is the room the columns share
        self.fit()

    def fit(self) -> None:
        widths = column_widths(self.natural, self.minimum, self._texts, self._view.viewport().width())
        for column, width in enumerate(widths):
            self._view.horizontalHeader().resizeSection(column, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False
