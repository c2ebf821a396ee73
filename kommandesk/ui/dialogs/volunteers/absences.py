"""Absences (holidays and the like): rows of first day, last day and a note; add and remove rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLineEdit, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kommandesk.domain.availability import Absence
from kommandesk.i18n import _
from kommandesk.ui.dialogs.volunteers.section import SINGLE_LINE_MAX, hint_label
from kommandesk.ui.widgets.date_field import DateField
from kommandesk.ui.widgets.labels import plain_label


class AbsenceRow:
    def __init__(self, today: Callable[[], dt.date], editor: "AbsencesEditor",
                 on_remove: Callable[["AbsenceRow"], None]):
        self.first = DateField(today=today, name="absence_first")
        self.last = DateField(today=today, name="absence_last")
        for field in (self.first, self.last):  # only as wide as a date: the note gets the rest of the row
            field.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.note = QLineEdit()
        self.note.setObjectName("absence_note")
        self.note.setMaxLength(SINGLE_LINE_MAX)
        self.note.setPlaceholderText(_("e.g. holidays"))
        self.remove = QPushButton(_("Remove"))
        self.remove.setObjectName("absence_remove")
        self.remove.setAutoDefault(False)
        for field in (self.first, self.last):
            field.edited.connect(editor.changed)
            field.edited.connect(editor.dates_edited)
            field.line.editingFinished.connect(editor.dates_edited)
        self.note.textEdited.connect(editor.changed)
        self.remove.clicked.connect(lambda: on_remove(self))
        self.first.line.setAccessibleName(_("First day"))
        self.last.line.setAccessibleName(_("Last day"))
        self.note.setAccessibleName(_("Note"))

    def widgets(self) -> list[QWidget]:
        return [self.first, self.last, self.note, self.remove]

    def focus_order(self) -> list[QWidget]:
        return [self.first.line, self.last.line, self.note, self.remove]

    def is_empty(self) -> bool:
        return not (self.first.text().strip() or self.last.text().strip() or self.note.text().strip())

    def value(self) -> Absence | None:
        first, last = self.first.value(), self.last.value()
        if first is None:
            return None
        return Absence(first, last or first, self.note.text())

    def problem(self) -> str | None:
        """What stops this row from being an absence (besides text that is not a date, shown beside it)."""
        if self.is_empty() or not (self.first.valid() and self.last.valid()):
            return None
        if self.first.value() is None:
            return _("Enter the first day of each absence.")
        return None


class AbsencesEditor(QWidget):
    changed = Signal()
    dates_edited = Signal()
    rows_changed = Signal()  # rows were added or removed (the tab order is set again)

    def __init__(self, today: Callable[[], dt.date], parent=None):
        super().__init__(parent)
        self.setObjectName("vol_absences")
        self._today = today
        self.rows: list[AbsenceRow] = []
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._headers = [plain_label(_("First day")), plain_label(_("Last day")), plain_label(_("Note"))]
        for column, label in enumerate(self._headers):
            self._grid.addWidget(label, 0, column)
        self._grid.setColumnStretch(2, 1)
        self._none = hint_label(_("No absences recorded."), name="absences_none")
        self.add_button = QPushButton(_("Add absence"))
        self.add_button.setObjectName("absence_add")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self._add_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._grid)
        layout.addWidget(self._none)
        layout.addLayout(buttons)
        self._update_empty()

    # -- value ------------------------------------------------------------------------------------------------
    def set_absences(self, absences) -> None:
        for row in list(self.rows):
            self._drop(row)
        for absence in absences:
            row = self.add_row()
            row.first.set_value(absence.first_day)
            row.last.set_value(absence.last_day)
            row.note.setText(absence.note)
        self._relayout()

    def absences(self) -> tuple[Absence, ...]:
        return tuple(absence for absence in (row.value() for row in self.rows) if absence is not None)

    def problem(self) -> str | None:
        return next((problem for problem in (row.problem() for row in self.rows) if problem), None)

    def date_fields(self) -> list[DateField]:
        return [field for row in self.rows for field in (row.first, row.last)]

    def focus_order(self) -> list[QWidget]:
        return [widget for row in self.rows for widget in row.focus_order()] + [self.add_button]

    # -- rows -------------------------------------------------------------------------------------------------
    def add_row(self) -> AbsenceRow:
        row = AbsenceRow(self._today, self, self._remove_clicked)
        self.rows.append(row)
        self._relayout()
        return row

    def _add_clicked(self) -> None:
        row = self.add_row()
        row.first.line.setFocus()
        self.changed.emit()

    def _remove_clicked(self, row: AbsenceRow) -> None:
        index = self.rows.index(row)
        self._drop(row)
        self._relayout()
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)].first.line.setFocus()
        else:
            self.add_button.setFocus()
        self.changed.emit()

    def _drop(self, row: AbsenceRow) -> None:
        self.rows.remove(row)
        for widget in row.widgets():
            self._grid.removeWidget(widget)
            widget.hide()
            widget.deleteLater()

    def _relayout(self) -> None:
        for index, row in enumerate(self.rows, start=1):
            for column, widget in enumerate(row.widgets()):
                self._grid.addWidget(widget, index, column)
                widget.show()
        order = self.focus_order()
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)
        self.setFocusProxy(self.rows[0].first.line if self.rows else self.add_button)
        self._update_empty()
        self.rows_changed.emit()

    def _update_empty(self) -> None:
        self._none.setVisible(not self.rows)
        for label in self._headers:
            label.setVisible(bool(self.rows))
