"""Choosing a backup to restore (a list of the backups, or any file), and the offer when the database is damaged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QFileDialog, QHeaderView, QMessageBox,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_bytes, format_date, format_time
from kommandesk.services.backups import BackupFile
from kommandesk.store.migrations import LATEST_VERSION
from kommandesk.ui.widgets.labels import plain_label

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def when_text(at: dt.datetime) -> str:
    """'10.03.2026 um 09:30' / 'Mar 10, 2026 at 9:30 AM': a backup's moment in the user's time zone."""
    local = at.astimezone()
    return _("{date} at {time}").format(date=format_date(local.date()), time=format_time(local.time()))


def version_text(version: int | None) -> str:
    if version is None:
        return _("not a KommanDesk backup")
    if version > LATEST_VERSION:
        return _("newer version (schema {version}): cannot be restored").format(version=version)
    if version < LATEST_VERSION:
        return _("older version (schema {version}): brought up to date").format(version=version)
    return _("this version (schema {version})").format(version=version)


def ask_backup_file(parent: QWidget | None, folder: Path) -> Path | None:
    name, _filter = QFileDialog.getOpenFileName(parent, _("Choose a backup"), str(folder),
                                                _("KommanDesk backups (*.sqlite3);;All files (*)"))
    return Path(name) if name else None


class RestoreChooser(QDialog):
    """The backups of the folder, newest first; Restore takes the one chosen, "Other file…" any file."""

    def __init__(self, backups: list[BackupFile], folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("restore_chooser")
        self.setWindowTitle(_("Restore a backup"))
        self._folder = folder
        self.chosen: Path | None = None
        self.hint = plain_label(wrap=True, name="restore_hint")
        self.hint.setText(_("Choose the backup to restore. The data as it is now is backed up first, so this can be "
                            "undone. Backups in {folder}:").format(folder=folder) if backups else
                          _("There are no backups in {folder}. Choose a backup file instead.").format(folder=folder))
        self.table = QTableWidget(len(backups), 3)
        self.table.setObjectName("restore_backups")
        self.table.setHorizontalHeaderLabels([_("Made"), _("Size"), _("Version")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self._backups = backups
        for row, backup in enumerate(backups):
            cells = (when_text(backup.made_at), format_bytes(backup.size), version_text(backup.schema_version))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(str(backup.path))
                if column == 1:
                    item.setTextAlignment(RIGHT)
                self.table.setItem(row, column, item)
        self.table.itemSelectionChanged.connect(self._enable)
        self.table.itemDoubleClicked.connect(lambda _item: self.accept())
        self.table.setVisible(bool(backups))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton(_("&Restore"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restore_ok")
        self.other_button = QPushButton(_("&Other file…"))
        self.other_button.setObjectName("restore_other_file")
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.other_button.clicked.connect(self.choose_file)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(640, 380 if backups else 160)
        restorable = [row for row, backup in enumerate(backups) if backup.restorable]
        if restorable:
            self.table.selectRow(restorable[0])
        self._enable()

    def _enable(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.restore_button.setEnabled(bool(rows) and self._backups[rows[0].row()].restorable)

    def choose_file(self) -> None:
        path = ask_backup_file(self, self._folder)
        if path is not None:
            self.chosen = path
            super().accept()

    def accept(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or not self._backups[rows[0].row()].restorable:
            return
        self.chosen = self._backups[rows[0].row()].path
        super().accept()


# -- the database is damaged ---------------------------------------------------------------------------------------

RESTORE, CHOOSE, QUIT = "restore", "choose", "quit"


def damaged_box(path: Path, problem: str, backup: BackupFile | None,
                folders: list[Path]) -> tuple[QMessageBox, dict[QPushButton, str]]:
    """The message (not shown yet) and its buttons, each with its answer."""
    box = QMessageBox(QMessageBox.Icon.Critical, _("The database is damaged"),
                      _("The database {path} is damaged, so KommanDesk cannot use it.").format(path=path))
    box.setObjectName("damaged_database")
    box.setTextFormat(Qt.TextFormat.PlainText)
    found = _("SQLite reported: {problem}").format(problem=problem)
    if backup is not None:
        offer = _("The newest good backup was made on {when} ({size}). KommanDesk can restore it now. The damaged file "
                  "is kept beside it under a new name (kommandesk-damaged-…), so that it can still be rescued; "
                  "what was entered after the backup is only in that file.").format(
            when=when_text(backup.made_at), size=format_bytes(backup.size))
    else:
        offer = _("No good backup was found in {folders}. The damaged file stays as it is. Choose a backup file (for "
                  "example from a USB stick), or ask your IT support for help.").format(
            folders=", ".join(str(folder) for folder in folders))
    box.setInformativeText(f"{offer}\n\n{found}")
    answers: dict[QPushButton, str] = {}
    if backup is not None:
        restore = box.addButton(_("&Restore this backup"), QMessageBox.ButtonRole.AcceptRole)
        restore.setObjectName("damaged_restore")
        answers[restore] = RESTORE
        box.setDefaultButton(restore)
    choose = box.addButton(_("&Choose a backup file…"), QMessageBox.ButtonRole.ActionRole)
    choose.setObjectName("damaged_choose")
    answers[choose] = CHOOSE
    quit_button = box.addButton(_("&Quit"), QMessageBox.ButtonRole.RejectRole)
    quit_button.setObjectName("damaged_quit")
    answers[quit_button] = QUIT
    box.setEscapeButton(quit_button)
    return box, answers


def ask_damaged(path: Path, problem: str, backup: BackupFile | None, folders: list[Path]) -> str:
    """RESTORE, CHOOSE or QUIT."""
    box, answers = damaged_box(path, problem, backup, folders)
    box.exec()
    return answers.get(box.clickedButton(), QUIT)
