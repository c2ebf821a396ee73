"""Settings: the organisation's details (saved in the database, validated; the form is
ui/widgets/organisation_form.py), the areas of help, the matching weights, the tax-free limits of the
Ehrenamtspauschale (saved at once), the backups (ui/widgets/backup_settings.py, saved at once) and the UI language."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QLabel, QMessageBox, QScrollArea, QVBoxLayout,
                               QWidget)

from kommandesk.domain.errors import ValidationError
from kommandesk.domain.organisation import RETENTION_FIELDS, Organisation
from kommandesk.i18n import _
from kommandesk.services.organisation import OrganisationService
from kommandesk.settings import LANGUAGE_SYSTEM
from kommandesk.ui.pages.base import Page
from kommandesk.ui.widgets.headline import Headline
from kommandesk.ui.widgets.organisation_form import OrganisationForm, fill_combo


class SettingsPage(Page):
    key = "settings"
    language_chosen = Signal(str)
    organisation_saved = Signal(object)
    restore_requested = Signal(object)  # Path of a backup the user chose and confirmed (the app restores it)
    encryption_requested = Signal(object)  # an EncryptionRequest, checked (the app closes the database and runs it)

    def __init__(self, organisation: OrganisationService, ui_language: str, volunteers=None, parent=None, *,
                 matching=None, allowances=None, backups=None, privacy=None, preferences=None,
                 encryption=None):
        """``matching``: the MatchingService, or a function that makes it (the weights are read when first shown:
        the matching service brings the engine, numpy, which Settings must not load before). ``allowances``: the
        AllowanceService (by default one over the volunteer service's database). ``backups``: the BackupService."""
        super().__init__(parent)
        self.setObjectName("page_settings")
        self._service = organisation
        self._dirty = False
        self._status_message: Callable[[], str] | None = None  # made again in the new language on a switch

        self._headline = Headline()
        org = organisation.get()
        self._org_box = OrganisationForm(organisation, org)
        self._org_box.edited.connect(self._mark_dirty)
        self._org_box.save_button.clicked.connect(self.save)
        self._org_box.revert_button.clicked.connect(self.revert)

        self._ui_box = QGroupBox()
        ui_form = QFormLayout(self._ui_box)
        ui_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self._ui_language_label = QLabel()
        self._ui_language = QComboBox()
        self._ui_language.setObjectName("ui_language")
        self._ui_language_label.setBuddy(self._ui_language)
        ui_form.addRow(self._ui_language_label, self._ui_language)
        self._ui_language_value = ui_language

        content = QWidget()
        content.setMaximumWidth(900)  # long lines of empty fields are hard to scan on a wide screen
        layout = QVBoxLayout(content)
        layout.addWidget(self._headline)
        layout.addWidget(self._org_box)
        self._areas_box = QGroupBox()
        self.areas_editor = None
        if volunteers is not None:
            from kommandesk.ui.widgets.areas_editor import AreasEditor

            self.areas_editor = AreasEditor(volunteers)
            QVBoxLayout(self._areas_box).addWidget(self.areas_editor)
            layout.addWidget(self._areas_box)
        self._weights_box = QGroupBox()
        self.weights_editor = None
        if matching is not None:
            from kommandesk.ui.widgets.match_weights import MatchWeightsEditor

            self.weights_editor = MatchWeightsEditor(matching)
            self.weights_editor.edited.connect(lambda: self._set_status(None))
            QVBoxLayout(self._weights_box).addWidget(self.weights_editor)
            layout.addWidget(self._weights_box)
        self._limits_box, self.limits_editor = QGroupBox(), None  # the Ehrenamtspauschale's limits by year
        if allowances is not None or volunteers is not None:
            from kommandesk.services.allowances import allowances_of
            from kommandesk.ui.widgets.allowance_limits import AllowanceLimitsEditor

            self.limits_editor = AllowanceLimitsEditor(allowances or allowances_of(volunteers))
            QVBoxLayout(self._limits_box).addWidget(self.limits_editor)
            layout.addWidget(self._limits_box)
        self._backups_box, self.backup_editor = QGroupBox(), None  # where backups go, how many kept, restore
        if backups is not None:
            from kommandesk.ui.widgets.backup_settings import BackupSettingsEditor

            self.backup_editor = BackupSettingsEditor(backups)
            self.backup_editor.restore_requested.connect(self.restore_requested)
            QVBoxLayout(self._backups_box).addWidget(self.backup_editor)
            layout.addWidget(self._backups_box)
        self._encryption_box, self.encryption_editor = QGroupBox(), None  # ``encryption``: the EncryptionService
        if encryption is not None:
            from kommandesk.ui.widgets.encryption_settings import EncryptionSettings

            self.encryption_editor = EncryptionSettings(encryption, preferences)
            self.encryption_editor.switch_requested.connect(self.encryption_requested)
            QVBoxLayout(self._encryption_box).addWidget(self.encryption_editor)
            layout.addWidget(self._encryption_box)
        self._privacy_box, self.privacy_editor = QGroupBox(), None  # retention periods, export, erase (GDPR)
        if privacy is not None or volunteers is not None:
            from kommandesk.services.privacy import privacy_of
            from kommandesk.ui.widgets.privacy_settings import PrivacySettingsEditor

            self.privacy_editor = PrivacySettingsEditor(privacy or privacy_of(volunteers))
            QVBoxLayout(self._privacy_box).addWidget(self.privacy_editor)
            layout.addWidget(self._privacy_box)
        self._audit_box, self.audit_settings = QGroupBox(), None  # the name changes are recorded under; the trail
        if volunteers is not None:  # ``preferences``: settings.Settings, where the name is kept
            from kommandesk.services.audit import AuditService
            from kommandesk.ui.widgets.audit_settings import AuditSettings

            self.audit_settings = AuditSettings(AuditService(volunteers.store), preferences)
            QVBoxLayout(self._audit_box).addWidget(self.audit_settings)
            layout.addWidget(self._audit_box)
        layout.addWidget(self._ui_box)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_shortcut.activated.connect(self.save)

        self.retranslate()
        self._load(org)
        self._ui_language.currentIndexChanged.connect(self._ui_language_changed)
        self.setTabOrder(self._org_box.fields["name"].editor, self._org_box.fields["street"].editor)

    def retranslate(self) -> None:
        self._headline.set_text(self.title())
        self._org_box.retranslate()
        self._ui_box.setTitle(_("User interface"))
        self._areas_box.setTitle(_("Areas of help"))
        if self.areas_editor is not None:
            self.areas_editor.retranslate()
        self._weights_box.setTitle(_("Matching weights"))
        if self.weights_editor is not None:
            self.weights_editor.retranslate()
        self._limits_box.setTitle(_("Ehrenamtspauschale (tax-free allowance)"))
        if self.limits_editor is not None:
            self.limits_editor.retranslate()
        self._backups_box.setTitle(_("Backups"))
        if self.backup_editor is not None:
            self.backup_editor.retranslate()
        self._encryption_box.setTitle(_("Encryption"))
        if self.encryption_editor is not None:
            self.encryption_editor.retranslate()
        self._privacy_box.setTitle(_("Data protection"))
        if self.privacy_editor is not None:
            self.privacy_editor.retranslate()
        self._audit_box.setTitle(_("Audit trail"))
        if self.audit_settings is not None:
            self.audit_settings.retranslate()
        self._ui_language_label.setText(_("Language:"))
        fill_combo(self._ui_language, [(LANGUAGE_SYSTEM, _("Same as the operating system")),
                                       ("de", "Deutsch"), ("en", "English")], self._ui_language_value)
        self._set_status(self._status_message)

    def _set_status(self, message: Callable[[], str] | None) -> None:
        self._status_message = message
        self._org_box.status.setText(message() if message else "")

    # -- data -----------------------------------------------------------------------------------------
    def _load(self, org: Organisation) -> None:
        self._org_box.load(org)
        self._dirty = False

    def form_value(self) -> Organisation:
        """The organisation as typed (the backup settings as saved by their own group, at once)."""
        saved = self._service.get()
        return dataclasses.replace(self._org_box.value(), **{name: getattr(saved, name) for name in (
            "backup_folder", "backup_keep_daily", "backup_keep_weekly", "backup_keep_monthly",
            *RETENTION_FIELDS)})

    def _mark_dirty(self) -> None:
        self._dirty = True
        self._set_status(None)

    @property
    def dirty(self) -> bool:
        return self._dirty or self._weights_dirty()

    def _weights_dirty(self) -> bool:
        return self.weights_editor is not None and self.weights_editor.dirty

    def show_errors(self, errors: dict[str, str]) -> None:
        self._org_box.show_errors(errors)

    def save(self) -> bool:
        """Save the organisation's details, and the matching weights when they were changed (Ctrl+S); the
        weights are saved only when the details can be saved too."""
        weights = self.weights_editor if self._weights_dirty() else None
        if weights is not None:
            weights_ok = weights.check()
            if not self._dirty:  # only the weights changed: their own line says whether they were saved
                return weights_ok and weights.save()
            _cleaned, errors = self._service.validate(self.form_value())
            if errors or not weights_ok:
                self._refuse(errors)
                return False
        try:
            saved = self._service.save(self.form_value())
        except ValidationError as exc:
            self._refuse(exc.errors)
            return False
        if weights is not None and not weights.save():  # after the details: the weights are kept with them
            self._load(saved)
            self._set_status(lambda: _("The organisation's details were saved, the weights were not."))
            self.organisation_saved.emit(saved)
            return False
        self._load(saved)
        self._set_status(lambda: _("Saved."))
        self.organisation_saved.emit(saved)
        return True

    def _refuse(self, errors: dict[str, str]) -> None:
        self._org_box.refuse(errors)
        self._set_status(lambda: _("Not saved: please correct the marked fields."))

    def revert(self) -> None:
        self._load(self._service.get())
        self._set_status(None)
        if self.weights_editor is not None:
            self.weights_editor.revert()

    def refresh(self) -> None:
        if not self._dirty:
            self._load(self._service.get())
        if self.weights_editor is not None and self.weights_editor.loaded and not self.weights_editor.dirty:
            self.weights_editor.load()
        if self.limits_editor is not None:
            self.limits_editor.reload()
        if self.backup_editor is not None:
            self.backup_editor.reload()
        if self.encryption_editor is not None:
            self.encryption_editor.reload()
        if self.privacy_editor is not None:
            self.privacy_editor.reload()

    def can_leave(self) -> bool:
        if not self.dirty:
            return True
        if not self._dirty:
            question = _("The matching weights were changed. Save the changes?")
        elif self._weights_dirty():
            question = _("The organisation's details and the matching weights were changed. Save the changes?")
        else:
            question = _("The organisation's details were changed. Save the changes?")
        box = QMessageBox(QMessageBox.Icon.Question, _("Unsaved changes"), question,
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.revert()
            return True
        return False

    def load_logo(self, path: Path) -> bool:
        """Take the logo from the file ``path`` (False, and the reason beside the logo, when it is not one)."""
        return self._org_box.load_logo(path)

    # -- language -------------------------------------------------------------------------------------
    def _ui_language_changed(self) -> None:
        self._ui_language_value = self._ui_language.currentData()
        self.language_chosen.emit(self._ui_language_value)

    def choose_ui_language(self, value: str) -> None:
        index = self._ui_language.findData(value)
        self._ui_language.setCurrentIndex(index)
