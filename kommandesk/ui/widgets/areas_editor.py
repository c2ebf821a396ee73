"""The catalogue of areas of help, kept by the coordinator: add, rename, retire (and offer again).

Changes are saved at once. A retired area is no longer offered for profiles; volunteers who have it keep it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from kommandesk.domain.areas import AreaOfHelp
from kommandesk.domain.errors import KommanDeskError
from kommandesk.i18n import _, current_language
from kommandesk.ui.dialogs.area_names import AreaNamesDialog


class AreasEditor(QWidget):
    changed = Signal()

    def __init__(self, service, parent=None):
        super().__init__(parent)
        self._service = service
        self.list = QListWidget()
        self.list.setObjectName("areas_list")
        self.list.currentRowChanged.connect(self._enable)
        self.list.itemDoubleClicked.connect(lambda _item: self.rename())
        self.add_button, self.rename_button, self.retire_button = QPushButton(), QPushButton(), QPushButton()
        for button, name, slot in ((self.add_button, "areas_add", self.add),
                                   (self.rename_button, "areas_rename", self.rename),
                                   (self.retire_button, "areas_retire", self.toggle_retired)):
            button.setObjectName(name)
            button.clicked.connect(slot)
        self.hint = QLabel()
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("areas_message")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QVBoxLayout()
        for button in (self.add_button, self.rename_button, self.retire_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self.list.setMinimumHeight(self.list.sizeHintForRow(0) * 8 if self.list.count() else 180)
        self.retranslate()

    # -- data ---------------------------------------------------------------------------------------------------
    def current(self) -> AreaOfHelp | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def reload(self, select: str | None = None) -> None:
        select = select or (self.current().id if self.current() else None)
        language = current_language()
        self.list.clear()
        for area in self._service.areas(include_retired=True):
            text = area.name(language) if area.active else _("{area} (retired)").format(area=area.name(language))
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, area)
            if not area.active:
                item.setForeground(self.palette().placeholderText())
            self.list.addItem(item)
            if area.id == select:
                self.list.setCurrentItem(item)
        self._enable()

    def retranslate(self) -> None:
        self.hint.setText(_("What volunteers can help with. Changes here are saved at once; a retired area is no "
                            "longer offered, and volunteers who have it keep it."))
        self.add_button.setText(_("&Add…"))
        self.rename_button.setText(_("Re&name…"))
        self.message.clear()
        self.reload()

    def _enable(self) -> None:
        area = self.current()
        self.rename_button.setEnabled(area is not None)
        self.retire_button.setEnabled(area is not None)
        self.retire_button.setText(_("Offer &again") if area is not None and not area.active else _("&Retire"))

    # -- actions ------------------------------------------------------------------------------------------------
    def add(self) -> None:
        dialog = AreaNamesDialog(_("New area of help"), self._service.add_area, parent=self)
        if dialog.exec():
            self.reload(select=dialog.result_value.id)
            self._done(_("{area} was added.").format(area=dialog.result_value.name(current_language())))

    def rename(self) -> None:
        area = self.current()
        if area is None:
            return
        dialog = AreaNamesDialog(_("Rename area of help"),
                                 lambda de, en: self._service.rename_area(area.id, de, en), area, parent=self)
        if dialog.exec():
            self.reload(select=area.id)
            self._done(_("{area} was renamed.").format(area=dialog.result_value.name(current_language())))

    def toggle_retired(self) -> None:
        area = self.current()
        if area is None:
            return
        try:
            if area.active:
                self._service.retire_area(area.id)
                message = _("{area} is no longer offered.")
            else:
                self._service.reactivate_area(area.id)
                message = _("{area} is offered again.")
        except KommanDeskError as exc:
            self.message.setText(exc.message)
            return
        self.reload(select=area.id)
        self._done(message.format(area=area.name(current_language())))

    def _done(self, message: str) -> None:
        self.message.setText(message)
        self.changed.emit()
