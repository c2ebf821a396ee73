"""What every part of the volunteer form has in common.

A section shows part of a profile (``load``), writes what was typed back into one (``apply``), names the widgets
that show a field's message (``targets``: field name as in ValidationError.errors -> a widget with
``set_error``), says which typed dates are not dates (``parse_errors``), and gives its tab order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QSizePolicy,
                               QVBoxLayout, QWidget)

from kommandesk.domain.clearance import ClearancePolicy
from kommandesk.domain.volunteers import Volunteer
from kommandesk.ui.widgets.date_field import DateField
from kommandesk.ui.widgets.form_field import FieldWithError
from kommandesk.ui.widgets.labels import plain_label

SINGLE_LINE_MAX = 1000  # longer text is cut while typing; the domain's own limits (100, 200, 254) say so beside


@dataclass
class FormContext:
    service: object  # VolunteerService
    today: Callable[[], dt.date]
    policy: ClearancePolicy
    language: str


class Section(QWidget):
    changed = Signal()  # the user changed something (not emitted while loading)
    dates_edited = Signal()  # a date was typed: the form checks the dates against the rules at once
    expands = False  # True: takes the height left on its tab (a list or a text area)

    def __init__(self, context: FormContext, parent=None):
        super().__init__(parent)
        self.context = context
        self._targets: dict[str, QWidget] = {}
        self._dates: dict[str, DateField] = {}

    # -- to be filled in ------------------------------------------------------------------------------------
    def load(self, vol: Volunteer) -> None:
        raise NotImplementedError

    def apply(self, vol: Volunteer) -> Volunteer:
        raise NotImplementedError

    def focus_order(self) -> list[QWidget]:
        return []

    def refresh(self, vol: Volunteer) -> None:
        """Update what follows from the values (badges, states) after any change."""

    # -- shared -----------------------------------------------------------------------------------------------
    def targets(self) -> dict[str, QWidget]:
        return dict(self._targets)

    def date_fields(self) -> dict[str, DateField]:
        return dict(self._dates)

    def parse_errors(self) -> dict[str, str]:
        """Field -> message for typed text that is not a date (the rules cannot judge what they cannot read)."""
        errors = {}
        for name, field in self._dates.items():
            problem = field.problem()
            if problem:
                errors[name] = problem
        return errors

    def text_field(self, name: str, object_name: str, width_chars: int | None = None) -> FieldWithError:
        edit = QLineEdit()
        edit.setObjectName(object_name)
        edit.setMaxLength(SINGLE_LINE_MAX)
        edit.textEdited.connect(self.changed)
        field = FieldWithError(edit, width_chars=width_chars)
        self._targets[name] = field
        return field

    def date_field(self, name: str, object_name: str, required: bool = False) -> DateField:
        field = DateField(required=required, today=self.context.today, name=object_name)
        field.edited.connect(self.changed)
        field.edited.connect(self.dates_edited)
        field.line.editingFinished.connect(self.dates_edited)
        self._targets[name] = field
        self._dates[name] = field
        return field

    def check_boxes(self, members, prefix: str, horizontal: bool = False) -> tuple[QWidget, dict]:
        """One check box per enum member (its label()), in a row or a column; member -> box."""
        holder = QWidget()
        layout = QHBoxLayout(holder) if horizontal else QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        boxes = {}
        for member in members:
            box = QCheckBox(member.label())
            box.setObjectName(f"{prefix}{member.value}")
            box.toggled.connect(self.changed)
            boxes[member] = box
            layout.addWidget(box)
        if horizontal:
            layout.addStretch(1)
        return holder, boxes

    def set_tab_order(self) -> None:
        order = [widget for widget in self.focus_order() if widget is not None]
        for first, second in zip(order, order[1:]):
            QWidget.setTabOrder(first, second)


def narrow_field(editor: QWidget) -> FieldWithError:
    """A combo box or spin box at its own width, its message below using the whole width of the row."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(editor)
    layout.addStretch(1)
    row.setFocusProxy(editor)
    field = FieldWithError(row)
    field.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return field


def add_row(form: QFormLayout, text: str, field: QWidget, buddy: QWidget | None = None) -> QLabel:
    label = plain_label(text)
    label.setBuddy(buddy or field.focusProxy() or field)
    form.addRow(label, field)
    return label


def form_layout(box: QWidget) -> QFormLayout:
    form = QFormLayout(box)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
    return form


def group(title: str, name: str = "") -> QGroupBox:
    box = QGroupBox(title)
    if name:
        box.setObjectName(name)
    return box


def hint_label(text: str = "", name: str = "") -> QLabel:
    """A quieter line of explanation (plain text, wraps)."""
    label = plain_label(text, wrap=True, name=name)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
    label.setPalette(palette)
    return label
