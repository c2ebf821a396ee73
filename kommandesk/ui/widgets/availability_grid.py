"""When a volunteer can help: Monday..Sunday x morning / afternoon / evening, plus "by arrangement".

One focus stop for the whole grid: arrow keys move the current cell, Space (or Enter) toggles it, a click toggles
the cell under the mouse. Weekday names come from babel in the UI language (the full name where it fits, else the
abbreviation). The accessible description says which times are chosen.
"""

from __future__ import annotations

from babel import Locale
from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QCheckBox, QSizePolicy, QVBoxLayout, QWidget

from kommandesk.domain.availability import Period, Slot
from kommandesk.i18n import _, current_language
from kommandesk.ui.widgets.labels import plain_label

PERIODS = tuple(Period)
DAYS = tuple(range(7))


def weekday_names(width: str = "wide") -> list[str]:
    """Monday..Sunday in the UI language ('wide': Montag; 'abbreviated': Mo)."""
    days = Locale.parse(current_language()).days["stand-alone"][width]
    return [days[day] for day in DAYS]


class SlotGrid(QWidget):
    """The 7 x 3 grid itself."""

    changed = Signal()

    CELL_HEIGHT = 34

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("availability_slots")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._slots: set[Slot] = set()
        self._current: Slot = (0, Period.MORNING)
        self._wide = weekday_names("wide")
        self._short = weekday_names("abbreviated")
        self._periods = [period.label() for period in PERIODS]
        self.setAccessibleName(_("Weekly availability"))
        self._describe()

    # -- value ------------------------------------------------------------------------------------------------
    def slots(self) -> frozenset[Slot]:
        return frozenset(self._slots)

    def set_slots(self, slots) -> None:
        self._slots = set(slots)
        self._describe()
        self.update()

    def current(self) -> Slot:
        return self._current

    def set_current(self, day: int, period: Period) -> None:
        self._current = (day % 7, period)
        self.update()

    def toggle(self, day: int, period: Period) -> None:
        self._slots.symmetric_difference_update({(day, period)})
        self._describe()
        self.update()
        self.changed.emit()

    def _describe(self) -> None:
        chosen = [_("{weekday} {period}").format(weekday=self._wide[day], period=period.label())
                  for day in DAYS for period in PERIODS if (day, period) in self._slots]
        self.setAccessibleDescription(", ".join(chosen) if chosen else _("No times chosen."))

    # -- geometry ---------------------------------------------------------------------------------------------
    def _label_width(self) -> int:
        metrics = self.fontMetrics()
        return max(metrics.horizontalAdvance(text) for text in self._periods) + 16

    def _header_height(self) -> int:
        return self.fontMetrics().height() + 10

    def cell_rect(self, day: int, period: Period) -> QRect:
        left = self._label_width()
        width = (self.width() - left - 1) / 7
        top = self._header_height() + PERIODS.index(period) * self.CELL_HEIGHT
        x = int(left + day * width)
        return QRect(x, top, int(left + (day + 1) * width) - x, self.CELL_HEIGHT)

    def slot_at(self, pos: QPoint) -> Slot | None:
        for day in DAYS:
            for period in PERIODS:
                if self.cell_rect(day, period).contains(pos):
                    return day, period
        return None

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        column = max(metrics.horizontalAdvance(name) for name in self._wide) + 16
        return QSize(self._label_width() + 7 * column + 1, self._header_height() + 3 * self.CELL_HEIGHT + 1)

    def minimumSizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        column = max(metrics.horizontalAdvance(name) for name in self._short) + 12
        return QSize(self._label_width() + 7 * column + 1, self._header_height() + 3 * self.CELL_HEIGHT + 1)

    # -- painting ---------------------------------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        metrics = QFontMetrics(self.font())
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        grid_colour = palette.color(QPalette.ColorRole.Mid)
        chosen_colour = palette.color(QPalette.ColorRole.Highlight)
        chosen_text = palette.color(QPalette.ColorRole.HighlightedText)
        base = palette.color(QPalette.ColorRole.Base)
        width = self.cell_rect(0, Period.MORNING).width()
        wide_fits = all(metrics.horizontalAdvance(name) + 8 <= width for name in self._wide)
        names = self._wide if wide_fits else self._short
        header = self._header_height()
        painter.setPen(text_colour)
        for day in DAYS:
            cell = self.cell_rect(day, Period.MORNING)
            painter.drawText(QRect(cell.x(), 0, cell.width(), header), Qt.AlignmentFlag.AlignCenter, names[day])
        for period in PERIODS:
            cell = self.cell_rect(0, period)
            painter.setPen(text_colour)
            painter.drawText(QRect(0, cell.y(), self._label_width() - 8, cell.height()),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, period.label())
            for day in DAYS:
                rect = self.cell_rect(day, period)
                on = (day, period) in self._slots
                painter.fillRect(rect, chosen_colour if on else base)
                painter.setPen(QPen(grid_colour))
                painter.drawRect(rect)
                if on:
                    painter.setPen(chosen_text)
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "\u2713")
        if self.hasFocus():
            rect = self.cell_rect(*self._current).adjusted(3, 3, -3, -3)
            pen = QPen(chosen_text if self._current in self._slots else text_colour)
            pen.setWidth(2)
            pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawRect(rect)
        painter.end()

    # -- input ------------------------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        slot = self.slot_at(event.position().toPoint())
        if slot is not None:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self._current = slot
            self.toggle(*slot)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        day, period = self._current
        row = PERIODS.index(period)
        key = event.key()
        if key == Qt.Key.Key_Left:
            day = max(0, day - 1)
        elif key == Qt.Key.Key_Right:
            day = min(6, day + 1)
        elif key == Qt.Key.Key_Up:
            row = max(0, row - 1)
        elif key == Qt.Key.Key_Down:
            row = min(len(PERIODS) - 1, row + 1)
        elif key == Qt.Key.Key_Home:
            day = 0
        elif key == Qt.Key.Key_End:
            day = 6
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Select):
            self.toggle(*self._current)
            event.accept()
            return
        else:
            return super().keyPressEvent(event)
        self.set_current(day, PERIODS[row])
        event.accept()

    def focusInEvent(self, event) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self.update()
        super().focusOutEvent(event)


class AvailabilityGrid(QWidget):
    """The grid with its hint and the "by arrangement" box below it."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("availability_grid")
        self.grid = SlotGrid()
        self.hint = plain_label(_("Click a time, or move with the arrow keys and press Space."), wrap=True)
        palette = self.hint.palette()
        palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
        self.hint.setPalette(palette)
        self.by_arrangement = QCheckBox(_("Also at other times by arrangement"))
        self.by_arrangement.setObjectName("availability_by_arrangement")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.grid)
        layout.addWidget(self.hint)
        layout.addWidget(self.by_arrangement)
        self.grid.changed.connect(self.changed)
        self.by_arrangement.toggled.connect(self.changed)
        self.setFocusProxy(self.grid)

    def value(self) -> tuple[frozenset[Slot], bool]:
        return self.grid.slots(), self.by_arrangement.isChecked()

    def set_value(self, slots, by_arrangement: bool) -> None:
        blocked = self.blockSignals(True)
        self.grid.set_slots(slots)
        self.by_arrangement.setChecked(by_arrangement)
        self.blockSignals(blocked)

    def focus_order(self) -> list[QWidget]:
        return [self.grid, self.by_arrangement]


