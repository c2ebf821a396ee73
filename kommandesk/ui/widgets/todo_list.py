"""The Overview's to-do list: a heading per kind with its total ("Consents missing (12)"), under it the items (who
or what, and why) and, when there are more than are listed, a line saying how many more.

Double-click or Enter on an item emits ``todo_activated`` with its TodoItem; Enter on a heading folds it. Filling
the list again (the data changed) keeps the folded headings, the chosen item and the scroll position.
Built with the first frame: no use of ``Qt``'s enum namespace until a key is pressed (see ui/widgets/labels.py).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem

from kommandesk.domain.overview import Overview, TodoItem, TodoKind
from kommandesk.i18n import _, ngettext
from kommandesk.i18n.formatting import format_number

ITEM_ROLE = 256  # Qt.ItemDataRole.UserRole: the item's index in ``_todos``
KIND_ROLE = 257  # on a heading: the kind's value


class TodoList(QTreeWidget):
    todo_activated = Signal(object)  # TodoItem

    def __init__(self, name: str = "overview_todo", parent=None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setAllColumnsShowFocus(True)
        self.setExpandsOnDoubleClick(True)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.header().setStretchLastSection(True)
        self._todos: list[TodoItem] = []
        self._folded: set[str] = set()  # kinds the user folded
        self.itemDoubleClicked.connect(lambda item, _column: self._activate(item))
        self.itemCollapsed.connect(lambda item: self._fold(item, True))
        self.itemExpanded.connect(lambda item: self._fold(item, False))

    # -- filling ------------------------------------------------------------------------------------------------
    def show_overview(self, overview: Overview) -> None:
        keep = self.current_todo()
        scrolled = self.verticalScrollBar().value()
        self.setUpdatesEnabled(False)
        try:
            self._fill(overview)
            self._restore(keep, scrolled)
        finally:
            self.setUpdatesEnabled(True)

    def _fill(self, overview: Overview) -> None:
        blocked = self.blockSignals(True)  # folding while filling is not the user's doing
        self.clear()
        self._todos = []
        titles = []
        for kind in TodoKind:
            total = overview.totals.get(kind, 0)
            if total <= 0:
                continue
            heading = QTreeWidgetItem([_("{kind} ({count})").format(kind=kind.label(), count=format_number(total))])
            heading.setData(0, KIND_ROLE, kind.value)
            font = heading.font(0)
            font.setBold(True)
            heading.setFont(0, font)
            self.addTopLevelItem(heading)
            heading.setFirstColumnSpanned(True)
            items = overview.items.get(kind, ())
            for todo in items:
                row = QTreeWidgetItem(heading, [todo.title, todo.detail])
                row.setData(0, ITEM_ROLE, len(self._todos))
                row.setToolTip(0, todo.title)
                row.setToolTip(1, todo.detail)
                self._todos.append(todo)
                titles.append(todo.title)
            hidden = total - len(items)
            if hidden > 0:
                more = QTreeWidgetItem(heading, [ngettext(
                    "… and {count} more, not listed here.", "… and {count} more, not listed here.", hidden).format(
                    count=format_number(hidden))])
                more.setDisabled(True)  # not chosen, not activated
                more.setFirstColumnSpanned(True)
            heading.setExpanded(kind.value not in self._folded)
        self.blockSignals(blocked)
        self._size_title_column(titles)

    def _size_title_column(self, titles: list[str]) -> None:
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(title) for title in titles), default=0)
        wanted = widest + 2 * self.indentation() + 4 * metrics.averageCharWidth()  # the heading's level, the root's
        # the list's own width, not its viewport's: the first call of viewport() costs 9 ms, at start-up
        self.setColumnWidth(0, max(12 * metrics.averageCharWidth(), min(wanted, int(self.width() * 0.45))))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._size_title_column([todo.title for todo in self._todos])

    def _restore(self, keep: TodoItem | None, scrolled: int) -> None:
        """The item chosen before (else the first one shown) chosen again; under a folded heading the heading
        itself (choosing an item would unfold it)."""
        current = self.item_of(keep) if keep is not None else None
        if current is None:
            current = next((item for item in self._rows() if item.parent().isExpanded()), None)
        if current is not None and not current.parent().isExpanded():
            current = current.parent()
        if current is None and self.topLevelItemCount():
            current = self.topLevelItem(0)
        if current is not None:
            self.setCurrentItem(current)
        self.verticalScrollBar().setValue(scrolled)

    @staticmethod
    def _same(a: TodoItem | None, b: TodoItem) -> bool:
        return a is not None and (a.kind, a.target, a.target_id) == (b.kind, b.target, b.target_id)

    def _fold(self, heading: QTreeWidgetItem, folded: bool) -> None:
        kind = heading.data(0, KIND_ROLE)
        if kind:
            (self._folded.add if folded else self._folded.discard)(kind)

    # -- reading ------------------------------------------------------------------------------------------------
    def _rows(self):
        """Every item row (not the headings, not the 'more' lines), in list order."""
        for top in range(self.topLevelItemCount()):
            heading = self.topLevelItem(top)
            for child in range(heading.childCount()):
                item = heading.child(child)
                if item.data(0, ITEM_ROLE) is not None:
                    yield item

    def todo_of(self, item: QTreeWidgetItem | None) -> TodoItem | None:
        index = item.data(0, ITEM_ROLE) if item is not None else None
        return self._todos[index] if isinstance(index, int) and 0 <= index < len(self._todos) else None

    def current_todo(self) -> TodoItem | None:
        return self.todo_of(self.currentItem())

    def item_of(self, todo: TodoItem) -> QTreeWidgetItem | None:
        return next((item for item in self._rows() if self._same(self.todo_of(item), todo)), None)

    def headings(self) -> list[str]:
        return [self.topLevelItem(top).text(0) for top in range(self.topLevelItemCount())]

    def lines_under(self, kind: TodoKind) -> list[tuple[str, str]]:
        """(first column, second column) of every line under ``kind``'s heading, the 'more' line too."""
        for top in range(self.topLevelItemCount()):
            heading = self.topLevelItem(top)
            if heading.data(0, KIND_ROLE) == kind.value:
                return [(heading.child(n).text(0), heading.child(n).text(1)) for n in range(heading.childCount())]
        return []

    # -- activating ---------------------------------------------------------------------------------------------
    def _activate(self, item: QTreeWidgetItem | None) -> None:
        todo = self.todo_of(item)
        if todo is not None:
            self.todo_activated.emit(todo)

    def keyPressEvent(self, event) -> None:
        from PySide6.QtCore import Qt  # after the first frame: a key was pressed

        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            current = self.currentItem()
            if self.todo_of(current) is not None:
                self._activate(current)
                event.accept()
                return
            if current is not None and current.childCount():
                current.setExpanded(not current.isExpanded())
                event.accept()
                return
        super().keyPressEvent(event)
