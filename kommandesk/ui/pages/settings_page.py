"""Settings: the organisation's details (saved in the database, validated), the areas of help, the matching
weights, the tax-free limits of the Ehrenamtspauschale (saved at once) and the UI language."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QMessageBox, QPushButton, QScrollArea, QSpinBox, QVBoxLayout, QWidget)

from kommandesk.domain.errors import ValidationError
from kommandesk.domain.organisation import Organisation
from kommandesk.i18n import _
from kommandesk.services.organisation import OrganisationService
from kommandesk.settings import LANGUAGE_SYSTEM
from kommandesk.ui.pages.base import Page
from kommandesk.ui.widgets.form_field import FieldWithError
from kommandesk.ui.widgets.headline import Headline
from kommandesk.ui.widgets.labels import plain_label

TEXT_FIELDS = ("name", "street", "postcode", "town", "phone", "email", "website", "signatory_name",
               "signatory_role", "certificate_prefix")


def _labels() -> dict[str, str]:
    return {
        "name": _("Name of the organisation"),
        "street": _("Street and number"),
        "postcode": _("Postcode"),
        "town": _("Town"),
        "phone": _("Phone"),
        "email": _("Email"),
        "website": _("Website"),
        "signatory_name": _("Signatory (name)"),
        "signatory_role": _("Signatory (role)"),
        "certificate_prefix": _("Prefix of certificate numbers"),
        "default_language": _("Language of documents"),
        "clearance_validity_years": _("Police certificates valid for (years)"),
        "clearance_warning_days": _("Shown as expiring (days before)"),
        "logo": _("Logo"),
        "certificate_birth_date": _("Date of birth"),
        "card_weekly_hours": _("Hours a week on average"),
        "card_yearly_hours": _("or hours a year"),
        "card_years": _("In each of the last (years)"),
        "unmatched_days": _("List requests waiting for a volunteer after (days)"),
    }


CLEARANCE_LIMITS = {"clearance_validity_years": (1, 10), "clearance_warning_days": (1, 365)}
CARD_LIMITS = {"card_weekly_hours": (1, 40), "card_yearly_hours": (1, 2000), "card_years": (1, 10)}
OVERVIEW_LIMITS = {"unmatched_days": (1, 365)}


class SettingsPage(Page):
    key = "settings"
    language_chosen = Signal(str)
    organisation_saved = Signal(object)

    def __init__(self, organisation: OrganisationService, ui_language: str, volunteers=None, parent=None, *,
                 matching=None, allowances=None):
        """``matching``: the MatchingService, or a function that makes it (the weights are read when first shown:
        the matching service brings the engine, numpy, which Settings must not load before). ``allowances``: the
        AllowanceService (by default one over the volunteer service's database)."""
        super().__init__(parent)
        self.setObjectName("page_settings")
        self._service = organisation
        self._org = organisation.get()
        self._logo: bytes | None = self._org.logo
        self._dirty = False
        self._loading = False
        self._validation_shown = False  # messages from the last Save are beside the fields
        self._status_message: Callable[[], str] | None = None  # made again in the new language on a switch
        self._rejected_logo: Path | None = None  # the logo file refused last, its message beside the logo

        self._headline = Headline()
        self._org_box = QGroupBox()
        form = QFormLayout(self._org_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._row_labels: dict[str, QLabel] = {}
        self._fields: dict[str, FieldWithError] = {}
        for name in TEXT_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"org_{name}")
            edit.setMaxLength(1000)
            edit.textEdited.connect(self._mark_dirty)
            self._add_row(form, name, edit, width_chars={"postcode": 6, "certificate_prefix": 10}.get(name))
        self._fields["postcode"].editor.setMaxLength(5)
        self._fields["certificate_prefix"].editor.setMaxLength(10)
        self._doc_language = QComboBox()
        self._doc_language.setObjectName("org_default_language")
        self._doc_language.currentIndexChanged.connect(self._mark_dirty)
        self._add_row(form, "default_language", self._doc_language)
        self._spins: dict[str, QSpinBox] = {}  # the organisation's numbers, each with its range
        self._add_spins(form, CLEARANCE_LIMITS)

        logo_row = QWidget()
        logo_layout = QHBoxLayout(logo_row)
        logo_layout.setContentsMargins(0, 0, 0, 0)
        self._logo_preview = QLabel()
        self._logo_preview.setObjectName("org_logo_preview")
        self._logo_preview.setFixedSize(160, 80)
        self._logo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._logo_preview.setFrameShape(QLabel.Shape.StyledPanel)
        self._choose_logo = QPushButton()
        self._choose_logo.setObjectName("org_logo_choose")
        self._choose_logo.clicked.connect(self._pick_logo)
        self._remove_logo = QPushButton()
        self._remove_logo.setObjectName("org_logo_remove")
        self._remove_logo.clicked.connect(self._clear_logo)
        logo_layout.addWidget(self._logo_preview)
        logo_layout.addWidget(self._choose_logo)
        logo_layout.addWidget(self._remove_logo)
        logo_layout.addStretch(1)
        self._add_row(form, "logo", logo_row)

        # what certificates print and the Ehrenamtskarte rule: organisation data too, saved with it
        self._cert_heading = self._heading(form, "org_certificates")
        self._birth_date = QCheckBox()
        self._birth_date.setObjectName("org_certificate_birth_date")
        self._birth_date.toggled.connect(self._mark_dirty)
        self._add_row(form, "certificate_birth_date", self._birth_date)
        self._card_hint = plain_label(wrap=True, name="org_card_hint")
        form.addRow(self._card_hint)
        self._add_spins(form, CARD_LIMITS)
        self._overview_heading = self._heading(form, "org_overview")  # what the Overview lists
        self._add_spins(form, OVERVIEW_LIMITS)

        buttons = QHBoxLayout()
        self._save = QPushButton()
        self._save.setObjectName("org_save")
        self._save.setDefault(True)
        self._save.clicked.connect(self.save)
        self._revert = QPushButton()
        self._revert.setObjectName("org_revert")
        self._revert.clicked.connect(self.revert)
        self._status = QLabel()
        self._status.setObjectName("org_status")
        self._status.setTextFormat(Qt.TextFormat.PlainText)
        buttons.addWidget(self._save)
        buttons.addWidget(self._revert)
        buttons.addWidget(self._status, 1)
        org_layout = form
        org_layout.addRow(buttons)

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
        self._load(self._org)
        self._ui_language.currentIndexChanged.connect(self._ui_language_changed)
        self.setTabOrder(self._fields["name"].editor, self._fields["street"].editor)

    # -- building -------------------------------------------------------------------------------------
    def _add_row(self, form: QFormLayout, name: str, editor: QWidget, width_chars: int | None = None) -> None:
        label = QLabel()
        field = FieldWithError(editor, width_chars=width_chars)
        label.setBuddy(editor)
        self._row_labels[name] = label
        self._fields[name] = field
        form.addRow(label, field)

    def _add_spins(self, form: QFormLayout, limits: dict[str, tuple[int, int]]) -> None:
        for name, (low, high) in limits.items():
            spin = QSpinBox()
            spin.setObjectName(f"org_{name}")
            spin.setRange(low, high)
            spin.valueChanged.connect(self._mark_dirty)
            self._spins[name] = spin
            self._add_row(form, name, spin)

    @staticmethod
    def _heading(form: QFormLayout, name: str) -> QLabel:
        heading = plain_label(name=name)
        heading_font = heading.font()
        heading_font.setBold(True)
        heading.setFont(heading_font)
        heading.setContentsMargins(0, 8, 0, 0)
        form.addRow(heading)
        return heading

    def retranslate(self) -> None:
        self._headline.set_text(self.title())
        self._org_box.setTitle(_("Organisation"))
        self._cert_heading.setText(_("Certificates"))
        self._overview_heading.setText(_("Overview"))
        self._birth_date.setText(_("Print the volunteer's date of birth on certificates"))
        self._card_hint.setText(_("Ehrenamtskarte NRW: a volunteer qualifies with at least these hours a week on "
                                  "average or these hours a year, in each of the last years set here. The state's "
                                  "rule is 5 hours a week or 250 hours a year, for 2 years; some towns differ."))
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
        for name, text in _labels().items():
            self._row_labels[name].setText(text + ":")
        self._fields["name"].editor.setPlaceholderText(_("e.g. Kommunales Integrationszentrum Musterstadt"))
        self._fields["certificate_prefix"].editor.setPlaceholderText("KD")
        self._choose_logo.setText(_("Choose logo…"))
        self._remove_logo.setText(_("Remove logo"))
        self._save.setText(_("Save"))
        self._save.setToolTip(_("Save the organisation's details (Ctrl+S)"))
        self._revert.setText(_("Discard changes"))
        self._ui_language_label.setText(_("Language:"))
        self._fill_combo(self._doc_language, [("de", _("German")), ("en", _("English"))],
                         self._doc_language.currentData() or self._org.default_language)
        self._fill_combo(self._ui_language, [(LANGUAGE_SYSTEM, _("Same as the operating system")),
                                             ("de", "Deutsch"), ("en", "English")], self._ui_language_value)
        self._show_logo()
        self._set_status(self._status_message)
        self._retranslate_errors()

    def _set_status(self, message: Callable[[], str] | None) -> None:
        self._status_message = message
        self._status.setText(message() if message else "")

    def _retranslate_errors(self) -> None:
        """Messages already shown beside fields were made in the old language: make them again in the new one."""
        if self._validation_shown:
            _cleaned, errors = self._service.validate(self.form_value())
            for name, field in self._fields.items():
                if field.error.text() and not (name == "logo" and self._rejected_logo is not None):
                    field.set_error(errors.get(name))
        if self._rejected_logo is not None:
            try:
                self._service.read_logo_file(self._rejected_logo)
            except ValidationError as exc:
                self._fields["logo"].set_error(exc.errors.get("logo"))
            else:
                self._fields["logo"].set_error(None)
                self._rejected_logo = None

    def _fill_combo(self, combo: QComboBox, items: list[tuple[str, str]], selected: str) -> None:
        # the width follows the items of the language now shown, not those of the first show
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        blocked = combo.blockSignals(True)
        combo.clear()
        for data, text in items:
            combo.addItem(text, data)
        index = combo.findData(selected)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(blocked)

    # -- data -----------------------------------------------------------------------------------------
    def _load(self, org: Organisation) -> None:
        self._loading = True
        self._org = org
        for name in TEXT_FIELDS:
            self._fields[name].editor.setText(getattr(org, name) or "")
        index = self._doc_language.findData(org.default_language)
        self._doc_language.setCurrentIndex(max(index, 0))
        self._birth_date.setChecked(org.certificate_birth_date)
        for name, spin in self._spins.items():
            spin.setValue(getattr(org, name))
        self._logo = org.logo
        self._show_logo()
        for field in self._fields.values():
            field.set_error(None)
        self._validation_shown = False
        self._rejected_logo = None
        self._dirty = False
        self._loading = False

    def form_value(self) -> Organisation:
        values = {name: self._fields[name].editor.text() for name in TEXT_FIELDS}
        return dataclasses.replace(self._org, **values, default_language=self._doc_language.currentData(),
                                   logo=self._logo, certificate_birth_date=self._birth_date.isChecked(),
                                   **{name: spin.value() for name, spin in self._spins.items()})

    def _mark_dirty(self, *_args) -> None:
        if not self._loading:
            self._dirty = True
            self._set_status(None)

    @property
    def dirty(self) -> bool:
        return self._dirty or self._weights_dirty()

    def _weights_dirty(self) -> bool:
        return self.weights_editor is not None and self.weights_editor.dirty

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, field in self._fields.items():
            field.set_error(errors.get(name))
        first = next((name for name in self._fields if name in errors), None)
        if first:
            self._fields[first].editor.setFocus()

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
        self.show_errors(errors)
        self._validation_shown = True
        self._rejected_logo = None  # show_errors() replaced every message, the logo's too
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

    # -- logo -----------------------------------------------------------------------------------------
    def _show_logo(self) -> None:
        pixmap = QPixmap()
        if self._logo and pixmap.loadFromData(self._logo):
            self._logo_preview.setPixmap(pixmap.scaled(self._logo_preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                       Qt.TransformationMode.SmoothTransformation))
        else:
            self._logo_preview.setPixmap(QPixmap())
            self._logo_preview.setText(_("No logo"))
        self._remove_logo.setEnabled(self._logo is not None)

    def load_logo(self, path: Path) -> bool:
        try:
            self._logo = self._service.read_logo_file(path)
        except ValidationError as exc:
            self._fields["logo"].set_error(exc.errors.get("logo"))
            self._rejected_logo = path
            return False
        self._rejected_logo = None
        self._fields["logo"].set_error(None)
        self._show_logo()
        self._mark_dirty()
        return True

    def _pick_logo(self) -> None:
        file, _filter = QFileDialog.getOpenFileName(self, _("Choose logo"), "",
                                                    _("Images (*.png *.jpg *.jpeg)"))
        if file:
            self.load_logo(Path(file))

    def _clear_logo(self) -> None:
        self._logo = None
        self._rejected_logo = None
        self._fields["logo"].set_error(None)
        self._show_logo()
        self._mark_dirty()

    # -- language -------------------------------------------------------------------------------------
    def _ui_language_changed(self) -> None:
        self._ui_language_value = self._ui_language.currentData()
        self.language_chosen.emit(self._ui_language_value)

    def choose_ui_language(self, value: str) -> None:
        index = self._ui_language.findData(value)
        self._ui_language.setCurrentIndex(index)
