"""Settings > Data protection: the retention periods (saved at once, like the backups) and the ways to a person's
data: export (Art. 15), erase (Art. 17), and the retention rules' preview with Apply (ui/dialogs/privacy/)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QPushButton, QSpinBox, QWidget

from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.organisation import (RETENTION_ARCHIVE_YEARS, RETENTION_CLEARANCE_MONTHS, RETENTION_FIELDS,
                                            RETENTION_REQUEST_MONTHS)
from kommandesk.i18n import _, ngettext
from kommandesk.ui.widgets.form_field import FieldWithError
from kommandesk.ui.widgets.labels import plain_label
from kommandesk.ui.widgets.settings_group import group_column, spin_row

RANGES = dict(zip(RETENTION_FIELDS, (RETENTION_REQUEST_MONTHS, RETENTION_ARCHIVE_YEARS, RETENTION_CLEARANCE_MONTHS)))


class PrivacySettingsEditor(QWidget):
    saved = Signal()  # the retention periods were saved
    erased = Signal(object)  # an ErasureResult: the lists may show a person who is gone
    retention_applied = Signal(object)  # the RetentionPlan that was done

    def __init__(self, service, runner=None, parent=None):
        """``service``: the PrivacyService; ``runner``: a TaskRunner for the dialogs (synchronous in tests)."""
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._loading = False
        self._status_text = None  # () -> str, made again after a language switch
        self._due_count: int | None = None

        self.hint = plain_label(wrap=True, name="privacy_hint")
        self.spins: dict[str, QSpinBox] = {}
        self.fields: dict[str, FieldWithError] = {}
        self._labels: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for name, allowed in RANGES.items():
            spin, self.fields[name], self._labels[name] = spin_row(form, name, allowed, self._changed, 8)
            spin.setMinimumWidth(spin.fontMetrics().horizontalAdvance("M" * 5) + 24)  # the three alike
            self.spins[name] = spin

        self.export_button = QPushButton()
        self.export_button.setObjectName("privacy_export")
        self.export_button.clicked.connect(self.open_export)
        self.erase_button = QPushButton()
        self.erase_button.setObjectName("privacy_erase")
        self.erase_button.clicked.connect(self.open_erase)
        self.retention_button = QPushButton()
        self.retention_button.setObjectName("privacy_retention")
        self.retention_button.clicked.connect(self.open_retention)
        self.due = plain_label(wrap=True, name="privacy_due")
        self.status = plain_label(wrap=True, name="privacy_status")
        group_column(self, self.hint, form, (self.export_button, self.erase_button, self.retention_button),
                     (self.due, self.status))
        self.retranslate()
        self.reload()

    # -- texts and data -----------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.hint.setText(_("Personal data are kept only as long as needed (GDPR). A person may ask for a copy of "
                            "everything stored about them, or for its erasure. Changes to the periods are saved at "
                            "once."))
        self._labels["retention_request_months"].setText(_("Anonymise closed &requests after (months):"))
        self._labels["retention_archive_years"].setText(_("Delete archived &volunteers after (years):"))
        self._labels["retention_clearance_months"].setText(
            _("Delete &clearance records after the activity ended (months):"))
        self.spins["retention_clearance_months"].setToolTip(
            _("The law (§ 72a SGB VIII) allows three months at most."))
        self.export_button.setText(_("E&xport a person's data…"))
        self.erase_button.setText(_("Erase a &person…"))
        self.retention_button.setText(_("Re&tention rules…"))
        self._show_due(count_again=False)
        self._say(self._status_text)

    def reload(self) -> None:
        self._loading = True
        policy = self._service.policy()
        for name, value in zip(RETENTION_FIELDS, (policy.request_months, policy.archive_years,
                                                  policy.clearance_months)):
            self.spins[name].setValue(value)
            self.fields[name].set_error(None)
        self._loading = False
        self._show_due()

    def _show_due(self, count_again: bool = True) -> None:
        """How many records are due (counted when the group is shown and after a change: 0.2 s at 50,000)."""
        if count_again:
            if not self.isVisible():
                self._due_count = None
                return
            self._due_count = self._service.retention_preview().total
        count = self._due_count
        if count is None:
            self.due.setText("")
        else:
            self.due.setText(ngettext("{count} record is due under the retention rules.",
                                      "{count} records are due under the retention rules.", count).format(
                count=count) if count else _("Nothing is due under the retention rules."))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._show_due()

    def _say(self, text) -> None:
        self._status_text = text
        self.status.setText(text() if text else "")

    # -- saving the periods --------------------------------------------------------------------------------------
    def _changed(self) -> None:
        if not self._loading:
            self.save()

    def save(self) -> bool:
        values = [self.spins[name].value() for name in RETENTION_FIELDS]
        try:
            self._service.save_retention_settings(*values)
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
        self._say(lambda: _("Saved."))
        self._show_due()
        self.saved.emit()
        return True

    # -- the dialogs ---------------------------------------------------------------------------------------------
    def open_export(self) -> None:
        from kommandesk.ui.dialogs.privacy.export_dialog import ExportDialog

        dialog = ExportDialog(self._service, parent=self)
        dialog.exec()
        dialog.deleteLater()

    def open_erase(self) -> None:
        from kommandesk.ui.dialogs.privacy.erase_dialog import EraseDialog

        dialog = EraseDialog(self._service, parent=self, runner=self._runner)
        dialog.exec()
        result = dialog.result_of_erasure
        dialog.deleteLater()
        if result is not None:
            self._show_due()
            self.erased.emit(result)

    def open_retention(self) -> None:
        from kommandesk.ui.dialogs.privacy.retention_dialog import RetentionDialog

        dialog = RetentionDialog(self._service, self, runner=self._runner)
        dialog.exec()
        done = dialog.applied
        dialog.deleteLater()
        self._show_due()
        if done is not None:
            self.retention_applied.emit(done)
