"""The organisation's details on the Settings page (ui/pages/settings_page.py): name and address, the signatory,
the language of documents, the clearance policy, the logo, what certificates print, the Ehrenamtskarte rule and the
Overview's waiting days -- with a Save and a Discard button and a status line under them.

The form holds what is typed and shows the messages beside the fields; the page saves it (together with the
matching weights) and says in the status line what happened. ``edited`` is emitted for every change a user makes
(not while a saved organisation is loaded).

``essentials=True`` (the first-start assistant) shows only the name, the address, the contacts, the signatory and
the logo: the rest keeps its value and is set in Settings; the assistant has buttons of its own.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QSpinBox, QWidget)

from kommandesk.domain.errors import ValidationError
from kommandesk.domain.organisation import Organisation
from kommandesk.i18n import _
from kommandesk.services.organisation import OrganisationService
from kommandesk.ui.widgets.form_field import FieldWithError
from kommandesk.ui.widgets.labels import plain_label

TEXT_FIELDS = ("name", "street", "postcode", "town", "phone", "email", "website", "signatory_name",
               "signatory_role", "certificate_prefix")
CLEARANCE_LIMITS = {"clearance_validity_years": (1, 10), "clearance_warning_days": (1, 365)}
CARD_LIMITS = {"card_weekly_hours": (1, 40), "card_yearly_hours": (1, 2000), "card_years": (1, 10)}
OVERVIEW_LIMITS = {"unmatched_days": (1, 365)}


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


def fill_combo(combo: QComboBox, items: list[tuple[str, str]], selected: str) -> None:
    """Put ``items`` (data, text) into ``combo`` with ``selected`` chosen (the first when it is not there), without
    a change signal; the width follows the items of the language now shown, not those of the first show."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    blocked = combo.blockSignals(True)
    combo.clear()
    for data, text in items:
        combo.addItem(text, data)
    index = combo.findData(selected)
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(blocked)


class OrganisationForm(QGroupBox):
    edited = Signal()

    def __init__(self, organisation: OrganisationService, org: Organisation, parent=None, *, essentials=False):
        """``org``: the organisation as saved (shown by :meth:`load`); ``essentials``: see the module's note."""
        super().__init__(parent)
        self._essentials = essentials
        self._service = organisation
        self._org = org
        self.logo: bytes | None = org.logo
        self._loading = False
        self._validation_shown = False  # messages from the last Save are beside the fields
        self._rejected_logo: Path | None = None  # the logo file refused last, its message beside the logo

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._row_labels: dict[str, QLabel] = {}
        self.fields: dict[str, FieldWithError] = {}
        for name in TEXT_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(f"org_{name}")
            edit.setMaxLength(1000)
            edit.textEdited.connect(self._changed)
            self._add_row(form, name, edit, width_chars={"postcode": 6, "certificate_prefix": 10}.get(name))
        self.fields["postcode"].editor.setMaxLength(5)
        self.fields["certificate_prefix"].editor.setMaxLength(10)
        self._doc_language = QComboBox()
        self._doc_language.setObjectName("org_default_language")
        self._doc_language.currentIndexChanged.connect(self._changed)
        self._add_row(form, "default_language", self._doc_language)
        self._spins: dict[str, QSpinBox] = {}  # the organisation's numbers, each with its range
        self._add_spins(form, CLEARANCE_LIMITS)
        self._add_row(form, "logo", self._logo_row())

        # what certificates print and the Ehrenamtskarte rule: organisation data too, saved with it
        self._cert_heading = self._heading(form, "org_certificates")
        self._birth_date = QCheckBox()
        self._birth_date.setObjectName("org_certificate_birth_date")
        self._birth_date.toggled.connect(self._changed)
        self._add_row(form, "certificate_birth_date", self._birth_date)
        self._card_hint = plain_label(wrap=True, name="org_card_hint")
        form.addRow(self._card_hint)
        self._add_spins(form, CARD_LIMITS)
        self._overview_heading = self._heading(form, "org_overview")  # what the Overview lists
        self._add_spins(form, OVERVIEW_LIMITS)

        buttons = QHBoxLayout()
        self.save_button = QPushButton()
        self.save_button.setObjectName("org_save")
        self.save_button.setDefault(True)
        self.revert_button = QPushButton()
        self.revert_button.setObjectName("org_revert")
        self.status = QLabel()
        self.status.setObjectName("org_status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.status, 1)
        form.addRow(buttons)
        if essentials:
            for row in ("certificate_prefix", "default_language", *CLEARANCE_LIMITS, "certificate_birth_date",
                        *CARD_LIMITS, *OVERVIEW_LIMITS):
                form.setRowVisible(self.fields[row], False)
            for row in (self._cert_heading, self._card_hint, self._overview_heading, buttons):
                form.setRowVisible(row, False)

    # -- building -------------------------------------------------------------------------------------
    def _add_row(self, form: QFormLayout, name: str, editor: QWidget, width_chars: int | None = None) -> None:
        label = QLabel()
        field = FieldWithError(editor, width_chars=width_chars)
        label.setBuddy(editor)
        self._row_labels[name] = label
        self.fields[name] = field
        form.addRow(label, field)

    def _add_spins(self, form: QFormLayout, limits: dict[str, tuple[int, int]]) -> None:
        for name, (low, high) in limits.items():
            spin = QSpinBox()
            spin.setObjectName(f"org_{name}")
            spin.setRange(low, high)
            spin.valueChanged.connect(self._changed)
            self._spins[name] = spin
            self._add_row(form, name, spin)

    def _logo_row(self) -> QWidget:
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
        return logo_row

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
        self.setTitle("" if self._essentials else _("Organisation"))
        self._cert_heading.setText(_("Certificates"))
        self._overview_heading.setText(_("Overview"))
        self._birth_date.setText(_("Print the volunteer's date of birth on certificates"))
        self._card_hint.setText(_("Ehrenamtskarte NRW: a volunteer qualifies with at least these hours a week on "
                                  "average or these hours a year, in each of the last years set here. The state's "
                                  "rule is 5 hours a week or 250 hours a year, for 2 years; some towns differ."))
        for name, text in _labels().items():
            self._row_labels[name].setText(text + ":")
        self.fields["name"].editor.setPlaceholderText(_("e.g. Kommunales Integrationszentrum Musterstadt"))
        self.fields["certificate_prefix"].editor.setPlaceholderText("KD")
        self._choose_logo.setText(_("Choose logo…"))
        self._remove_logo.setText(_("Remove logo"))
        self.save_button.setText(_("Save"))
        self.save_button.setToolTip(_("Save the organisation's details (Ctrl+S)"))
        self.revert_button.setText(_("Discard changes"))
        fill_combo(self._doc_language, [("de", _("German")), ("en", _("English"))],
                   self._doc_language.currentData() or self._org.default_language)
        self._show_logo()
        self._retranslate_errors()

    def _retranslate_errors(self) -> None:
        """Messages already shown beside fields were made in the old language: make them again in the new one."""
        if self._validation_shown:
            _cleaned, errors = self._service.validate(self.value())
            for name, field in self.fields.items():
                if field.error.text() and not (name == "logo" and self._rejected_logo is not None):
                    field.set_error(errors.get(name))
        if self._rejected_logo is not None:
            try:
                self._service.read_logo_file(self._rejected_logo)
            except ValidationError as exc:
                self.fields["logo"].set_error(exc.errors.get("logo"))
            else:
                self.fields["logo"].set_error(None)
                self._rejected_logo = None

    # -- data -----------------------------------------------------------------------------------------
    def load(self, org: Organisation) -> None:
        """Show ``org`` as saved: no messages beside the fields, no ``edited``."""
        self._loading = True
        self._org = org
        for name in TEXT_FIELDS:
            self.fields[name].editor.setText(getattr(org, name) or "")
        index = self._doc_language.findData(org.default_language)
        self._doc_language.setCurrentIndex(max(index, 0))
        self._birth_date.setChecked(org.certificate_birth_date)
        for name, spin in self._spins.items():
            spin.setValue(getattr(org, name))
        self.logo = org.logo
        self._show_logo()
        for field in self.fields.values():
            field.set_error(None)
        self._validation_shown = False
        self._rejected_logo = None
        self._loading = False

    def value(self) -> Organisation:
        """The organisation as typed."""
        values = {name: self.fields[name].editor.text() for name in TEXT_FIELDS}
        return dataclasses.replace(self._org, **values, default_language=self._doc_language.currentData(),
                                   logo=self.logo, certificate_birth_date=self._birth_date.isChecked(),
                                   **{name: spin.value() for name, spin in self._spins.items()})

    def _changed(self, *_args) -> None:
        if not self._loading:
            self.edited.emit()

    def show_errors(self, errors: dict[str, str]) -> None:
        for name, field in self.fields.items():
            field.set_error(errors.get(name))
        first = next((name for name in self.fields if name in errors), None)
        if first:
            self.fields[first].editor.setFocus()

    def refuse(self, errors: dict[str, str]) -> None:
        """The messages of a Save that was refused, beside their fields (made again after a language switch)."""
        self.show_errors(errors)
        self._validation_shown = True
        self._rejected_logo = None  # show_errors() replaced every message, the logo's too

    # -- logo -----------------------------------------------------------------------------------------
    def _show_logo(self) -> None:
        pixmap = QPixmap()
        if self.logo and pixmap.loadFromData(self.logo):
            self._logo_preview.setPixmap(pixmap.scaled(self._logo_preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                                       Qt.TransformationMode.SmoothTransformation))
        else:
            self._logo_preview.setPixmap(QPixmap())
            self._logo_preview.setText(_("No logo"))
        self._remove_logo.setEnabled(self.logo is not None)

    def load_logo(self, path: Path) -> bool:
        try:
            self.logo = self._service.read_logo_file(path)
        except ValidationError as exc:
            self.fields["logo"].set_error(exc.errors.get("logo"))
            self._rejected_logo = path
            return False
        self._rejected_logo = None
        self.fields["logo"].set_error(None)
        self._show_logo()
        self._changed()
        return True

    def _pick_logo(self) -> None:
        file, _filter = QFileDialog.getOpenFileName(self, _("Choose logo"), "",
                                                    _("Images (*.png *.jpg *.jpeg)"))
        if file:
            self.load_logo(Path(file))

    def _clear_logo(self) -> None:
        self.logo = None
        self._rejected_logo = None
        self.fields["logo"].set_error(None)
        self._show_logo()
        self._changed()
