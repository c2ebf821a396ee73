"""Settings > Backups: where backups go, how many are kept, "Back up now" and "Restore…"; changes saved at once.

A backup runs in the background (kommandesk/tasks.py) and its result is said in the status line. "Restore…" lets
the user choose a backup (or any file) and confirm; the restore itself is the application's work (it closes and
reopens every window's data): :attr:`BackupSettingsEditor.restore_requested` carries the chosen file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton,
                               QSpinBox, QWidget)

from kommandesk.domain.backups import KEEP_RANGE
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_bytes
from kommandesk.services.backups import BackupFile, BackupService, BackupSettings
from kommandesk.ui.dialogs.backups import RestoreChooser, when_text
from kommandesk.ui.widgets.form_field import FieldWithError
from kommandesk.ui.widgets.labels import plain_label
from kommandesk.ui.widgets.settings_group import group_column, spin_row

KEEP_FIELDS = ("backup_keep_daily", "backup_keep_weekly", "backup_keep_monthly")


class BackupSettingsEditor(QWidget):
    restore_requested = Signal(object)  # the Path of the backup to restore, confirmed
    saved = Signal()  # the settings were saved
    backup_made = Signal(object)  # a BackupFile

    def __init__(self, service: BackupService, runner=None, parent=None):
        """``runner``: a TaskRunner (by default one of its own; synchronous in tests)."""
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._settings: BackupSettings = service.settings()
        self._loading = False
        self._status_text = None  # () -> str, made again after a language switch
        self.running = False

        self.hint = plain_label(wrap=True, name="backup_hint")
        self.folder = QLineEdit()
        self.folder.setObjectName("backup_folder")
        self.folder.setReadOnly(True)
        self.choose_button = QPushButton()
        self.choose_button.setObjectName("backup_choose_folder")
        self.choose_button.clicked.connect(self.choose_folder)
        self.default_button = QPushButton()
        self.default_button.setObjectName("backup_default_folder")
        self.default_button.clicked.connect(lambda: self.set_folder(""))
        folder_row = QWidget()
        row = QHBoxLayout(folder_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.folder, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.default_button)

        self.fields: dict[str, FieldWithError] = {"backup_folder": FieldWithError(folder_row)}
        self.spins: dict[str, QSpinBox] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._labels: dict[str, QLabel] = {"backup_folder": QLabel()}
        self._labels["backup_folder"].setBuddy(self.folder)
        form.addRow(self._labels["backup_folder"], self.fields["backup_folder"])
        for name in KEEP_FIELDS:
            self.spins[name], self.fields[name], self._labels[name] = spin_row(form, name, KEEP_RANGE,
                                                                                self._keep_changed, 6)

        self.backup_button = QPushButton()
        self.backup_button.setObjectName("backup_now")
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton()
        self.restore_button.setObjectName("backup_restore")
        self.restore_button.clicked.connect(self.restore)
        self.last = plain_label(wrap=True, name="backup_last")
        self.status = plain_label(wrap=True, name="backup_status")
        group_column(self, self.hint, form, (self.backup_button, self.restore_button), (self.last, self.status))
        self.retranslate()
        self.reload()

    # -- texts and data -----------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.hint.setText(_("KommanDesk makes a backup when it starts (if the last one is more than a day old) and "
                            "when it closes, and keeps the newest backup of each of the last days, weeks and months "
                            "set here. Choose a folder on a USB stick or network drive to have a copy off this "
                            "computer. Changes here are saved at once."))
        self._labels["backup_folder"].setText(_("Backup f&older:"))
        self._labels["backup_keep_daily"].setText(_("Daily backups &kept:"))
        self._labels["backup_keep_weekly"].setText(_("&Weekly backups kept:"))
        self._labels["backup_keep_monthly"].setText(_("&Monthly backups kept:"))
        self.choose_button.setText(_("Choo&se…"))
        self.default_button.setText(_("Use the &data folder"))
        self.default_button.setToolTip(_("Backups in the folder 'backups' beside the database"))
        self.backup_button.setText(_("&Back up now"))
        self.restore_button.setText(_("Res&tore…"))
        self._show_settings()
        self._say(self._status_text)

    def reload(self) -> None:
        """Read the settings and the newest backup again."""
        self._settings = self._service.settings()
        self._show_settings()
        for field in self.fields.values():
            field.set_error(None)

    def _show_settings(self) -> None:
        self._loading = True
        settings = self._settings
        self.folder.setText(str(settings.folder))
        self.folder.setToolTip(str(settings.folder))
        self.default_button.setEnabled(settings.chosen)
        policy = settings.policy
        for name, value in zip(KEEP_FIELDS, (policy.daily, policy.weekly, policy.monthly)):
            self.spins[name].setValue(value)
        self._loading = False
        self._show_last(self._service.newest(settings))

    def _show_last(self, backup: BackupFile | None) -> None:
        if backup is None:
            self.last.setText(_("No backup has been made in this folder yet."))
        else:
            self.last.setText(_("Newest backup: {when}, {size}.").format(when=when_text(backup.made_at),
                                                                         size=format_bytes(backup.size)))

    def _say(self, text) -> None:
        self._status_text = text
        self.status.setText(text() if text else "")

    # -- saving the settings ------------------------------------------------------------------------------------
    def _keep_changed(self) -> None:
        if not self._loading:
            self._save(str(self._settings.folder) if self._settings.chosen else "")

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Choose the backup folder"), str(self._settings.folder))
        if folder:
            self.set_folder(folder)

    def set_folder(self, folder: str) -> bool:
        """Use ``folder`` for backups ("" = the data folder's); whether it was saved."""
        return self._save(folder)

    def _save(self, folder: str) -> bool:
        counts = [self.spins[name].value() for name in KEEP_FIELDS]
        try:
            self._settings = self._service.save_settings(folder, *counts)
        except ValidationError as exc:
            for name, field in self.fields.items():
                field.set_error(exc.errors.get(name))
            self._say(lambda: _("Not saved: please correct the marked setting."))
            return False
        except KommanDeskError as exc:
            message = exc.message
            self._say(lambda: message)
            return False
        for field in self.fields.values():
            field.set_error(None)
        self._show_settings()
        self._say(lambda: _("Saved."))
        self.saved.emit()
        return True

    # -- backing up ---------------------------------------------------------------------------------------------
    def _task_runner(self):
        if self._runner is None:
            from kommandesk.tasks import TaskRunner

            self._runner = TaskRunner()
        return self._runner

    def back_up_now(self) -> None:
        if self.running:
            return
        settings, service = self._settings, self._service
        self._busy(True)
        self._say(lambda: _("Making a backup…"))
        self._task_runner().start(lambda _ctx: service.backup_now(settings=settings), on_done=self._made,
                                  on_error=self._failed)

    def _busy(self, running: bool) -> None:
        self.running = running
        for button in (self.backup_button, self.restore_button, self.choose_button, self.default_button):
            button.setEnabled(not running)
        if not running:
            self.default_button.setEnabled(self._settings.chosen)

    def _made(self, backup: BackupFile) -> None:
        self._busy(False)
        self._show_last(backup)
        self._say(lambda: _("Backup made: {name} ({size}).").format(name=backup.name, size=format_bytes(backup.size)))
        self.backup_made.emit(backup)

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        if isinstance(error, KommanDeskError):
            self._say(lambda: error.message)
        else:
            self._say(lambda: _("The backup failed unexpectedly. Details are in the log file."))

    # -- restoring ----------------------------------------------------------------------------------------------
    def restore(self) -> None:
        chooser = RestoreChooser(self._service.list_backups(self._settings), self._settings.folder, self)
        if not chooser.exec() or chooser.chosen is None:
            return
        self.confirm_restore(chooser.chosen)

    def confirm_restore(self, path: Path) -> bool:
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel
        box = QMessageBox(QMessageBox.Icon.Question, _("Restore a backup"),
                          _("Replace all data with the backup {name}?").format(name=path.name), buttons, self)
        box.setInformativeText(_("What was entered since that backup is replaced. The data as it is now is backed up "
                                 "first, to {folder}, so this can be undone. KommanDesk then opens its window "
                                 "again.").format(folder=self._settings.folder))
        box.button(QMessageBox.StandardButton.Yes).setText(_("&Restore"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return False
        self.restore_requested.emit(path)
        return True
