"""A report's period: a preset (this year, last year, this or last quarter or month) or any two dates typed in the
fields beside it (the preset then says "Custom period"). A period that ends before it starts is said beside the
field as soon as both dates are typed; ``check()`` says what is missing and gives the Period, or None."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from kommandesk.domain.errors import ValidationError
from kommandesk.domain.reports import Period, check_period
from kommandesk.i18n import _
from kommandesk.ui.widgets.date_field import DateField
from kommandesk.ui.widgets.filter_combos import fill_combo

PRESETS = ("this_year", "last_year", "this_quarter", "last_quarter", "this_month", "last_month", "custom")
CUSTOM = "custom"


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    return following - dt.timedelta(days=1)


def preset_dates(preset: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The first and last day of a preset period around ``today``; None for a custom period."""
    year, month = today.year, today.month
    if preset == "this_year":
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if preset == "last_year":
        return dt.date(year - 1, 1, 1), dt.date(year - 1, 12, 31)
    if preset in ("this_quarter", "last_quarter"):
        first_month = (month - 1) // 3 * 3 + 1
        if preset == "last_quarter":
            year, first_month = (year - 1, 10) if first_month == 1 else (year, first_month - 3)
        return dt.date(year, first_month, 1), _month_end(year, first_month + 2)
    if preset in ("this_month", "last_month"):
        if preset == "last_month":
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        return dt.date(year, month, 1), _month_end(year, month)
    return None


def preset_label(preset: str) -> str:
    return {"this_year": _("This year"), "last_year": _("Last year"), "this_quarter": _("This quarter"),
            "last_quarter": _("Last quarter"), "this_month": _("This month"), "last_month": _("Last month"),
            CUSTOM: _("Custom period")}[preset]


class PeriodPicker(QWidget):
    changed = Signal()  # a preset was chosen or a date typed

    def __init__(self, parent=None, *, today: Callable[[], dt.date] = dt.date.today, preset: str = "this_year"):
        super().__init__(parent)
        self._today = today
        self._typed: list[dt.date | None] = [None, None]  # the dates as last read (kept over a language switch)
        self.preset = QComboBox()
        self.preset.setObjectName("report_preset")
        self.first = DateField(today=today, name="report_from")
        self.last = DateField(today=today, name="report_to")
        self.preset_label, self.first_label, self.last_label = QLabel(), QLabel(), QLabel()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for label, widget in ((self.preset_label, self.preset), (self.first_label, self.first),
                              (self.last_label, self.last)):
            label.setBuddy(widget.line if isinstance(widget, DateField) else widget)
            label.setMinimumHeight(self.first.line.sizeHint().height())  # level with the field, also when a
            row.addWidget(label, 0, Qt.AlignmentFlag.AlignTop)  # message under it makes the row higher
            row.addWidget(widget, 1 if widget is self.last else 0, Qt.AlignmentFlag.AlignTop)  # room for its message
            row.addSpacing(8)
        self.retranslate()
        self.preset.setCurrentIndex(PRESETS.index(preset))
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        for field in (self.first, self.last):
            field.edited.connect(self._date_edited)
            field.line.editingFinished.connect(self._show_order)  # after the field's own tidying and check
        self._preset_chosen()

    def retranslate(self) -> None:
        self.preset_label.setText(_("&Period:"))
        self.first_label.setText(_("&From:"))
        self.last_label.setText(_("&To:"))
        fill_combo(self.preset, [(preset_label(key), key) for key in PRESETS])
        for field, value in zip((self.first, self.last), self._typed):
            if value is not None:  # read in the language it was typed in: the new one may read it otherwise
                field.set_value(value)
        self._show_order()

    def focus_chain(self) -> list[QWidget]:
        return [self.preset, self.first.line, self.last.line]

    # -- choosing ---------------------------------------------------------------------------------------------
    def preset_key(self) -> str:
        return self.preset.currentData() or CUSTOM

    def choose(self, preset: str) -> None:
        self.preset.setCurrentIndex(PRESETS.index(preset))

    def set_dates(self, first: dt.date | None, last: dt.date | None) -> None:
        """Two dates typed in: a custom period."""
        self.first.set_value(first)
        self.last.set_value(last)
        self._date_edited()

    def _preset_chosen(self, _index: int = 0) -> None:
        dates = preset_dates(self.preset_key(), self._today())
        if dates is not None:
            self.first.set_value(dates[0])
            self.last.set_value(dates[1])
        self._typed = [self.first.value(), self.last.value()]
        self.changed.emit()

    def _date_edited(self) -> None:
        if self.preset_key() != CUSTOM:
            blocked = self.preset.blockSignals(True)
            self.preset.setCurrentIndex(PRESETS.index(CUSTOM))
            self.preset.blockSignals(blocked)
        self._typed = [self.first.value(), self.last.value()]
        self._show_order()
        self.changed.emit()

    # -- checking ---------------------------------------------------------------------------------------------
    def _order_problems(self) -> dict[str, str]:
        first, last = self.first.value(), self.last.value()
        if first is None or last is None:
            return {}
        try:
            check_period(first, last)
        except ValidationError as exc:
            return exc.errors
        return {}

    def _show_order(self) -> None:
        """A period that ends before it starts (or is too long), beside the field, while the dates are typed."""
        problems = self._order_problems()
        for name, field in (("from", self.first), ("to", self.last)):
            if field.problem() is None:
                field.set_error(problems.get(name))

    def value(self) -> Period | None:
        """The period typed, without saying anything; None while it is not one."""
        try:
            return check_period(self.first.value(), self.last.value()) \
                if self.first.valid() and self.last.valid() else None
        except ValidationError:
            return None

    def check(self) -> Period | None:
        """The period, or None after showing beside the fields what is wrong (focus on the first of them)."""
        fine = [field.check() for field in (self.first, self.last)]
        if not all(fine):
            (self.first if not fine[0] else self.last).line.setFocus()
            return None
        try:
            return check_period(self.first.value(), self.last.value())
        except ValidationError as exc:
            self.first.set_error(exc.errors.get("from"))
            self.last.set_error(exc.errors.get("to"))
            (self.first if "from" in exc.errors else self.last).line.setFocus()
            return None
