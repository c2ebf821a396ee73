"""What the tabbed record forms (volunteer, request) share: a modal dialog whose tabs hold sections (see
volunteers/section.py), each message beside its field, Save and Cancel under the tabs with a line for messages,
Alt+1.. for the tabs, and the question before closing with unsaved changes.

A subclass builds its sections and tabs, then calls ``_finish``; it provides ``_refresh(record)`` (title and
header from the values as typed), ``_chain_tab_order()``, ``_unsaved_question()`` and its own ``save()``, which
hands the service call to ``_commit``. ``run_form`` opens a form from a page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFrame, QHBoxLayout, QMessageBox, QScrollArea, QStyle,
                               QTabWidget, QWidget)

from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.i18n import _
from kommandesk.ui.widgets.date_field import DateField
from kommandesk.ui.widgets.form_field import error_colour
from kommandesk.ui.widgets.labels import plain_label


def clock(service) -> Callable[[], dt.date]:
    """The service's clock when it offers one (tests fix "today"), else the system's."""
    today = getattr(service, "today", None)
    return today if callable(today) else dt.date.today


class FormDialog(QDialog):
    sections: list  # every section, in the order they load and apply
    tabs: QTabWidget
    _tab_sections: list[list]  # the sections on each tab, in reading order

    def __init__(self, service, record, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setModal(True)
        self._service = service
        self._record = record
        self.saved = None  # the record as last saved through this dialog
        self._dirty = False
        self._loading = False
        self._targets: dict[str, QWidget] = {}

    # -- building -------------------------------------------------------------------------------------------------
    def _add_page(self, page: QWidget, title: str) -> None:
        """A tab that scrolls when the screen is smaller than the page."""
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        self.tabs.addTab(scroll, title)

    def _add_tab_shortcuts(self) -> None:
        for index in range(self.tabs.count()):
            shortcut = QShortcut(QKeySequence(f"Alt+{index + 1}"), self)
            shortcut.activated.connect(lambda index=index: self.open_tab(index))
            self.tabs.setTabToolTip(index, _("Alt+{number}").format(number=index + 1))

    def _bottom_row(self, prefix: str, save_tip: str) -> QHBoxLayout:
        """The message line beside Save and Cancel (``{prefix}_message``, ``_save``, ``_cancel``); Ctrl+S saves."""
        self.message = plain_label(wrap=True, name=f"{prefix}_message")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName(f"{prefix}_save")
        self.save_button.setToolTip(save_tip)
        self.save_button.setDefault(True)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName(f"{prefix}_cancel")
        self.cancel_button.setToolTip(_("Close without saving (Esc)"))
        self.save_button.clicked.connect(self.save_and_close)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self).activated.connect(self.save_and_close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(buttons)
        return bottom

    def _finish(self, first: QWidget) -> None:
        """After the tabs are built: collect the message targets (in tab order), load, size, focus ``first``."""
        for sections in self._tab_sections:
            for section in sections:
                self._targets.update(section.targets())
        self._chain_tab_order()
        self._load(self._record)
        self._fit_to_screen()
        first.setFocus()

    def _fit_to_screen(self) -> None:
        screen = self.parentWidget().screen() if self.parentWidget() else QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen else None
        width, height = 1100, 720
        if area is not None:
            width, height = min(width, area.width()), min(height, area.height())
        self.resize(width, height)

    def open_tab(self, index: int) -> None:
        """Show tab ``index`` with the focus in its first field."""
        self.tabs.setCurrentIndex(index)
        order = self._tab_lead(index).focus_order()
        if order:
            order[0].setFocus()

    def _tab_lead(self, index: int):
        """The section whose first field a tab opens at."""
        return self._tab_sections[index][0]

    # -- data -----------------------------------------------------------------------------------------------------
    def _load(self, record) -> None:
        self._loading = True
        self._record = record
        for section in self.sections:
            section.load(record)
        self._loading = False
        self._dirty = False
        self.show_errors({}, focus=False)
        self._refresh(record)

    def value(self):
        """The record as the form shows it (dates that are not dates count as empty: see ``parse_errors``)."""
        record = self._record
        for section in self.sections:
            record = section.apply(record)
        return record

    def parse_errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        for section in self.sections:
            errors.update(section.parse_errors())
        return errors

    def _all_errors(self) -> dict[str, str]:
        """What the rules and the typed text say (the status has its own dialog)."""
        errors = {name: message for name, message in self._service.validate(self.value()).items()
                  if name != "status"}
        errors.update(self.parse_errors())
        return errors

    @property
    def dirty(self) -> bool:
        return self._dirty

    def _changed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self.message.clear()
        self._refresh(self.value())

    # -- messages beside the fields -------------------------------------------------------------------------------
    def show_errors(self, errors: dict[str, str], focus: bool = True) -> None:
        for name, target in self._targets.items():
            target.set_error(errors.get(name))
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for index, sections in enumerate(self._tab_sections):
            has_error = any(name in errors for section in sections for name in section.targets())
            self.tabs.setTabIcon(index, warning if has_error else QIcon())
        others = [message for name, message in errors.items() if name not in self._targets]
        if errors:
            self._say("\n".join([_("Not saved: please correct the marked fields."), *others]), error=True)
        if focus:
            first = next((name for name in self._targets if name in errors), None)
            if first is not None:
                self.focus_field(first)

    def focus_field(self, name: str) -> None:
        target = self._targets[name]
        for index, sections in enumerate(self._tab_sections):
            if any(name in section.targets() for section in sections):
                self.tabs.setCurrentIndex(index)
                break
        target.setFocus()
        scroll = self.tabs.currentWidget()
        if isinstance(scroll, QScrollArea):
            scroll.ensureWidgetVisible(target)

    def error_text(self, name: str) -> str:
        """The message shown beside field ``name`` ('' when none)."""
        label = getattr(self._targets[name], "error", None)
        return label.text() if label is not None and not label.isHidden() else ""

    def _show_live(self, names, errors: dict[str, str], skip=()) -> None:
        """The messages of the fields checked while typed (a date still being typed keeps its own message)."""
        for name in names:
            target = self._targets.get(name)
            if target is None or name in skip:
                continue
            if isinstance(target, DateField) and target.text().strip() and not target.valid():
                continue
            target.set_error(errors.get(name))

    def _say(self, text: str, error: bool = False) -> None:
        palette = self.message.palette()
        palette.setColor(QPalette.ColorRole.WindowText, error_colour(palette) if error
                         else self.palette().color(QPalette.ColorRole.WindowText))
        self.message.setPalette(palette)
        self.message.setText(text)

    # -- saving ---------------------------------------------------------------------------------------------------
    def _commit(self, write: Callable[[], object]) -> bool:
        """Run the service call that stores the record; what it refuses goes beside the fields."""
        try:
            saved = write()
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return False
        except KommanDeskError as exc:
            self._say(exc.message, error=True)
            return False
        if saved is None:
            return False
        self.saved = saved
        self._load(saved)
        self._say(_("Saved."))
        return True

    def save_and_close(self) -> None:
        if self.save():
            self.accept()

    def discard(self) -> None:
        """Close without saving and without asking."""
        self._dirty = False
        super().reject()

    def reject(self) -> None:
        """Cancel, Esc and the window's close button: ask first when something was changed."""
        if self.dirty:
            box = QMessageBox(QMessageBox.Icon.Question, _("Unsaved changes"), self._unsaved_question(),
                              QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                              | QMessageBox.StandardButton.Cancel, self)
            box.setDefaultButton(QMessageBox.StandardButton.Save)
            answer = box.exec()
            if answer == QMessageBox.StandardButton.Save:
                self.save_and_close()
                return
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    # -- status ---------------------------------------------------------------------------------------------------
    def _saved_first(self, question: str) -> bool:
        """Before a status change: a new or changed record is saved first, if the user agrees (``question``)."""
        if self._record.id is None or self._dirty:
            box = QMessageBox(QMessageBox.Icon.Question, _("Change status"), question,
                              QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel, self)
            if box.exec() != QMessageBox.StandardButton.Save or not self.save():
                return False
        return True

    def _status_changed(self, updated) -> None:
        self.saved = updated
        self._load(updated)
        self._say(_("Status changed to {status}.").format(status=updated.status.label()))


def run_form(parent: QWidget | None, title: str, load: Callable[[], object],
             build: Callable[[object], FormDialog]):
    """Load the record (a refusal is shown in a message box titled ``title``), show its form modally; the record
    as last saved, or None when nothing was saved."""
    try:
        record = load()
    except KommanDeskError as exc:
        box = QMessageBox(QMessageBox.Icon.Warning, title, exc.message, QMessageBox.StandardButton.Ok, parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()
        return None
    dialog = build(record)
    dialog.exec()
    saved = dialog.saved
    dialog.deleteLater()
    return saved
