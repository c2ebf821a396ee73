"""A time span on one day: "from [09:00] to [11:00]", with its message below (FieldWithError).

The times are shown and typed in the UI language's short time format (Qt's locale for the language: 24 hours in
German, AM/PM in English); arrow keys step the part under the cursor.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale, QTime, Signal
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QTimeEdit, QWidget

from kommandesk.i18n import _, current_language
from kommandesk.ui.widgets.form_field import FieldWithError
from kommandesk.ui.widgets.labels import plain_label


def _time_edit(name: str) -> QTimeEdit:
    edit = QTimeEdit()
    edit.setObjectName(name)
    locale = QLocale(current_language())
    edit.setLocale(locale)
    edit.setDisplayFormat(locale.timeFormat(QLocale.FormatType.ShortFormat))
    edit.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return edit


class TimeSpanField(FieldWithError):
    edited = Signal()  # the user changed a time (not emitted by set_value)

    def __init__(self, parent=None, *, name: str = "time_span"):
        self.start = _time_edit(f"{name}_start")
        self.end = _time_edit(f"{name}_end")
        self.start.setAccessibleName(_("Starts at"))
        self.end.setAccessibleName(_("Ends at"))
        self._from = plain_label(_("from"))
        self._to = plain_label(_("to"))
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._from)
        layout.addWidget(self.start)
        layout.addWidget(self._to)
        layout.addWidget(self.end)
        layout.addStretch(1)
        super().__init__(row, parent)
        self.setFocusProxy(self.start)
        self.set_value(dt.time(9, 0), dt.time(11, 0))
        self._setting = False
        self.start.timeChanged.connect(self._changed)
        self.end.timeChanged.connect(self._changed)

    def _changed(self, _time) -> None:
        if not self._setting:
            self.edited.emit()

    def value(self) -> tuple[dt.time, dt.time]:
        return self.start.time().toPython(), self.end.time().toPython()

    def set_value(self, start: dt.time, end: dt.time) -> None:
        self._setting = True
        try:
            self.start.setTime(QTime(start.hour, start.minute))
            self.end.setTime(QTime(end.hour, end.minute))
        finally:
            self._setting = False

    def focus_order(self) -> list[QWidget]:
        return [self.start, self.end]
