"""Notes: plain text over several lines, with a running count against the limit."""

from __future__ import annotations

import dataclasses

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout

from kommandesk.domain.volunteers import MAX_NOTES, Volunteer
from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_number
from kommandesk.ui.dialogs.volunteers.section import Section, group, hint_label
from kommandesk.ui.widgets.form_field import FieldWithError, error_colour


class NotesSection(Section):
    expands = True

    def __init__(self, context, parent=None):
        super().__init__(context, parent)
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("vol_notes")
        self.notes.setTabChangesFocus(True)  # keyboard users must be able to leave the field with Tab
        self.notes.setPlaceholderText(_("Anything the coordinators should know, e.g. preferred contact times."))
        self.notes.textChanged.connect(self._show_count)
        self.notes.textChanged.connect(self.changed)  # the form ignores it while loading
        self.field = FieldWithError(self.notes)
        self._targets["notes"] = self.field
        self.count = hint_label(name="vol_notes_count")

        box = group(_("Notes"), "section_notes")
        layout = QVBoxLayout(box)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.count)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(box)
        self._show_count()

    def focus_order(self):
        return [self.notes]

    def _show_count(self) -> None:
        length = len(self.notes.toPlainText())
        self.count.setText(_("{count} of at most {maximum} characters").format(
            count=format_number(length), maximum=format_number(MAX_NOTES)))
        palette = self.count.palette()
        colour = error_colour(palette) if length > MAX_NOTES else self.palette().color(
            QPalette.ColorRole.PlaceholderText)
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.count.setPalette(palette)

    def load(self, vol: Volunteer) -> None:
        self.notes.setPlainText(vol.notes)

    def apply(self, vol: Volunteer) -> Volunteer:
        return dataclasses.replace(vol, notes=self.notes.toPlainText())
