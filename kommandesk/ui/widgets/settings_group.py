"""What the Settings groups saved at once share (backups, data protection): a spin box row with its error line
and buddy label, and the column of hint, form, buttons and status lines."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from kommandesk.ui.widgets.form_field import FieldWithError


def spin_row(form: QFormLayout, name: str, allowed: range, changed: Callable[[int], object],
             width_chars: int) -> tuple[QSpinBox, FieldWithError, QLabel]:
    """A spin box named ``name`` over ``allowed``, in a field with its error line, under a label (its buddy); the
    label's text is set by the group's retranslate()."""
    spin = QSpinBox()
    spin.setObjectName(name)
    spin.setRange(allowed[0], allowed[-1])
    spin.valueChanged.connect(changed)
    field = FieldWithError(spin, width_chars=width_chars)
    label = QLabel()
    label.setBuddy(spin)
    form.addRow(label, field)
    return spin, field, label


def group_column(widget: QWidget, hint: QWidget, form: QFormLayout, buttons: Sequence[QPushButton],
                 lines: Sequence[QWidget]) -> None:
    """The group's layout: the hint, the form, the buttons in a row on the left, then its status lines."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(hint)
    layout.addLayout(form)
    layout.addLayout(row)
    for line in lines:
        layout.addWidget(line)
