"""The audit trail, read-only: who changed what and when.

Two uses: the changes of one volunteer or request (with the rows that belong to it: languages, assignments, hours,
allowances, ...), opened with "Changes…" from its form; and every change, filtered by period, kind of record,
user and text, opened with "Audit trail…" in Settings. A table of entries (newest first) and, below it, the fields
of the chosen entry before and after. Nothing in it can change or delete an entry: there is no such button, the
tables cannot be edited, and the service has no such call.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QSplitter,
                               QVBoxLayout, QWidget)

from kommandesk.domain.audit import KINDS, AuditFilter, kind_label
from kommandesk.domain.errors import ValidationError
from kommandesk.i18n import _, ngettext
from kommandesk.i18n.formatting import format_number
from kommandesk.ui.models.audit_model import ChangesModel, EntriesModel, EntryColumn
from kommandesk.ui.widgets.date_field import DateField
from kommandesk.ui.widgets.filter_combos import ANY, fill_combo, filter_combo
from kommandesk.ui.widgets.form_field import error_colour
from kommandesk.ui.widgets.list_table import list_table, size_columns
from kommandesk.ui.widgets.search_field import search_field


class AuditDialog(QDialog):
    def __init__(self, service, parent: QWidget | None = None, *, record: tuple[str, str] | None = None,
                 title: str = ""):
        """``service``: the AuditService. ``record``: ("volunteers" or "requests", id) for the changes of one
        record (``title`` names it), None for the filtered list of all entries."""
        super().__init__(parent)
        self.setObjectName("audit_dialog")
        self._service = service
        self._record = record
        self._title = title
        self.entries = EntriesModel(service, self)
        self.changes = ChangesModel(service, self)

        self.table = list_table("audit_entries", self.entries)
        self.table.setColumnHidden(EntryColumn.RECORD, record is not None)
        self.table.selectionModel().currentRowChanged.connect(self._chosen)
        self.details = list_table("audit_changes", self.changes)
        self.details.setWordWrap(True)

        self.note = QLabel()
        self.note.setObjectName("audit_note")
        self.note.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("audit_message")
        self.message.setWordWrap(True)
        palette = self.message.palette()
        palette.setColor(QPalette.ColorRole.WindowText, error_colour(palette))
        self.message.setPalette(palette)
        self.message.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setObjectName("audit_close")

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        if record is None:
            layout.addLayout(self._filter_bar())
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.note, 1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)

        self.resize(1000, 640)
        self.retranslate()
        self.reload()
        size_columns(self.table, {EntryColumn.WHEN: 21, EntryColumn.WHO: 24, EntryColumn.RECORD: 26,
                                  EntryColumn.WHAT: 30})
        self.table.setFocus()

    # -- the filter (all entries) -------------------------------------------------------------------------------
    def _filter_bar(self) -> QHBoxLayout:
        self.first_day = DateField(name="audit_first_day")
        self.last_day = DateField(name="audit_last_day")
        self.kind = filter_combo("audit_kind")
        self.user = filter_combo("audit_user")
        self.search, self._search_timer = search_field(self, "audit", self.reload)
        self.first_label, self.last_label, self.kind_label, self.user_label = QLabel(), QLabel(), QLabel(), QLabel()
        self.apply_button = QPushButton()
        self.apply_button.setObjectName("audit_apply")
        self.apply_button.setAutoDefault(False)
        self.apply_button.clicked.connect(self.reload)
        for field in (self.first_day, self.last_day):
            field.line.editingFinished.connect(self.reload)
        self.kind.currentIndexChanged.connect(self.reload)
        self.user.currentIndexChanged.connect(self.reload)
        bar = QHBoxLayout()
        for label, widget in ((self.first_label, self.first_day), (self.last_label, self.last_day),
                              (self.kind_label, self.kind), (self.user_label, self.user)):
            label.setBuddy(widget.line if isinstance(widget, DateField) else widget)
            bar.addWidget(label)
            bar.addWidget(widget, 0, Qt.AlignmentFlag.AlignTop)
        bar.addWidget(self.search, 1, Qt.AlignmentFlag.AlignTop)
        bar.addWidget(self.apply_button, 0, Qt.AlignmentFlag.AlignTop)
        return bar

    def current_filter(self) -> AuditFilter:
        return AuditFilter(first_day=self.first_day.value(), last_day=self.last_day.value(),
                           kind=self.kind.currentData() or None, user=self.user.currentData() or "",
                           text=self.search.text())

    def _fill_choices(self) -> None:
        fill_combo(self.kind, [(_("All kinds of records"), ANY)] + [(kind_label(kind), kind) for kind in KINDS])
        fill_combo(self.user, [(_("All users"), ANY)] + [(name, name) for name in self._service.users()])

    # -- texts --------------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        if self._record is not None:
            self.setWindowTitle(_("Changes: {record}").format(record=self._title) if self._title else _("Changes"))
        else:
            self.setWindowTitle(_("Audit trail"))
            self.first_label.setText(_("&From:"))
            self.last_label.setText(_("&To:"))
            self.kind_label.setText(_("&Kind:"))
            self.user_label.setText(_("&User:"))
            self.search.setPlaceholderText(_("Search values, names, references…"))
            self.apply_button.setText(_("&Show"))
            self._fill_choices()
        self.entries.retranslate()
        self.changes.retranslate()

    # -- data ---------------------------------------------------------------------------------------------------
    def reload(self) -> None:
        """The entries again (a filter that makes no sense is said above the table, the list stays)."""
        if self._record is not None:
            kind, record_id = self._record
            found = self._service.of_volunteer(record_id) if kind == "volunteers" else \
                self._service.of_request(record_id)
            total = len(found)
        else:
            problems = [field.problem() for field in (self.first_day, self.last_day) if field.problem()]
            if problems:
                return self._say(problems[0])
            try:
                page = self._service.search(self.current_filter())
            except ValidationError as exc:
                return self._say("\n".join(exc.errors.values()))
            found, total = list(page.entries), page.total
        self._say("")
        self.entries.set_entries(found)
        self._set_note(len(found), total)
        if found:
            self.table.selectRow(0)
        else:
            self.changes.set_entry(None, {})

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _set_note(self, shown: int, total: int) -> None:
        read_only = _("The audit trail cannot be changed: it records who changed what, and when.")
        if total > shown:
            count = _("The newest {shown} of {total} entries are shown: narrow the filter to see the others.").format(
                shown=format_number(shown), total=format_number(total))
        elif total == 0:
            count = _("No changes recorded.") if self._record is not None else _("No entries match the filter.")
        else:
            count = ngettext("{count} entry.", "{count} entries.", total).format(count=format_number(total))
        self.note.setText(f"{count} {read_only}")

    def done(self, result: int) -> None:
        if self._record is None:
            self._search_timer.stop()  # no search after closing
        super().done(result)

    def _chosen(self, current, _previous=None) -> None:
        entry = self.entries.row_at(current.row()) if current.isValid() else None
        self.changes.set_entry(entry, self.entries.names())
        self.details.resizeColumnToContents(0)


def show_changes(parent: QWidget | None, service, kind: str, record_id: str | None, title: str = "") -> None:
    """The changes of one volunteer or request (modal); nothing for a record not saved yet."""
    if not record_id:
        return
    dialog = AuditDialog(service, parent, record=(kind, record_id), title=title)
    dialog.exec()
    dialog.deleteLater()


def show_audit_trail(parent: QWidget | None, service) -> None:
    """Every change, with the filter (modal)."""
    dialog = AuditDialog(service, parent)
    dialog.exec()
    dialog.deleteLater()


def add_changes_button(form: QWidget, bottom: QHBoxLayout, name: str, kind: str, store,
                       record: Callable[[], tuple[str | None, str]]) -> QPushButton:
    """A "Changes…" button at the start of a form's bottom row: the changes of the record ``kind`` ("volunteers",
    "requests"); ``record()`` gives its id (None while not saved) and its name for the title."""
    button = QPushButton(_("C&hanges…"))
    button.setObjectName(name)
    button.setAutoDefault(False)
    button.setToolTip(_("Who changed this record, what and when (the audit trail)"))

    def show() -> None:
        from kommandesk.services.audit import AuditService

        record_id, title = record()
        show_changes(form, AuditService(store), kind, record_id, title)

    button.clicked.connect(show)
    bottom.insertWidget(0, button)
    return button
