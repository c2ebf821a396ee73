"""A read-only list as a table (whole rows selected, one at a time, no editing, Tab leaves it), and Enter/Return
or other keys bound to actions on chosen widgets."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def list_table(name: str, model=None) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    if model is not None:
        table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
    vertical = table.verticalHeader()
    vertical.hide()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return table


def size_columns(table: QTableView, widths: dict[int, int]) -> None:
    """Starting widths in average characters, never narrower than the column's title."""
    average = table.fontMetrics().averageCharWidth()
    header = table.horizontalHeader()
    for column, chars in widths.items():
        title = header.fontMetrics().horizontalAdvance(
            str(table.model().headerData(column, Qt.Orientation.Horizontal) or "")) + 24
        header.resizeSection(column, max(chars * average + 16, title))


class KeyActions(QObject):
    """``{(widget, key): action}``: the key pressed (without modifiers) in the widget runs the action; Enter on
    the keypad counts as Return. An action that returns False lets the key go on to the widget."""

    def __init__(self, parent: QObject, actions: dict[tuple[QObject, int], Callable[[], object]]):
        super().__init__(parent)
        self._actions = actions
        for widget in {widget for widget, _key in actions}:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        key = Qt.Key.Key_Return if event.key() == Qt.Key.Key_Enter else event.key()
        action = self._actions.get((watched, key))
        return action is not None and action() is not False
