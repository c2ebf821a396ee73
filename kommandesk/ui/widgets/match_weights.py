"""The weights of the matching score's parts (Settings): one spin box 0..10 per part, "Restore defaults", and
"Save weights" (the Settings page's Save saves them too). Messages appear beside the fields.

The MatchingService is passed as the service itself or as a function that makes it: the matching service pulls
in the engine (numpy), so the weights are read the first time the editor is shown, not when Settings is built.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.matching.model import MAX_WEIGHT, PARTS, MatchWeights, Part, validate_weights
from kommandesk.i18n import _, current_language
from kommandesk.ui.models.match_texts import capitalised
from kommandesk.ui.widgets.form_field import FieldWithError


class MatchWeightsEditor(QWidget):
    saved = Signal(object)
    edited = Signal()

    def __init__(self, matching, parent=None):
        super().__init__(parent)
        self.setObjectName("match_weights")
        self._matching = matching
        self._weights: MatchWeights | None = None  # as saved; None until loaded
        self._dirty = False
        self._loading = False
        self._status_message: Callable[[], str] | None = None
        self._errors_shown = False

        self.intro = QLabel()
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.spins: dict[Part, QDoubleSpinBox] = {}
        self.fields: dict[Part, FieldWithError] = {}
        self._labels: dict[Part, QLabel] = {}
        for part in PARTS:
            spin = QDoubleSpinBox()
            spin.setObjectName(f"weight_{part.value}")
            spin.setRange(0.0, MAX_WEIGHT)
            spin.setDecimals(1)
            spin.setSingleStep(0.5)
            spin.setKeyboardTracking(False)
            spin.valueChanged.connect(self._changed)
            label = QLabel()
            label.setBuddy(spin)
            field = FieldWithError(spin)
            self.spins[part], self.fields[part], self._labels[part] = spin, field, label
            form.addRow(label, field)

        self.restore_button = QPushButton()
        self.restore_button.setObjectName("weights_restore")
        self.restore_button.clicked.connect(self.restore_defaults)
        self.save_button = QPushButton()
        self.save_button.setObjectName("weights_save")
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setObjectName("weights_status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.status, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.retranslate()
        self._enable()

    # -- the service ----------------------------------------------------------------------------------
    def _service(self):
        if not hasattr(self._matching, "weights"):  # a function that makes the service
            self._matching = self._matching()
        return self._matching

    @property
    def loaded(self) -> bool:
        return self._weights is not None

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.loaded:
            QTimer.singleShot(0, self, self._load_if_shown)  # after the page has painted: the engine's import costs
            # a moment

    def _load_if_shown(self) -> None:
        # a window closed in the meantime (a restore or an encryption switch made a new one) has its database closed
        if self.isVisible() and not self.loaded:
            self.load()

    def load(self) -> None:
        """Show the saved weights (the first time, and after Discard)."""
        self._weights = self._service().weights()
        self._dirty = False
        self._set(self._weights)
        self._set_status(None)
        self._enable()

    def _set(self, weights: MatchWeights) -> None:
        self._loading = True
        try:
            for part in PARTS:
                self.spins[part].setValue(weights.of(part))
                self.fields[part].set_error(None)
            self._errors_shown = False
        finally:
            self._loading = False

    # -- editing --------------------------------------------------------------------------------------
    def value(self) -> MatchWeights:
        return MatchWeights(**{part.value: float(self.spins[part].value()) for part in PARTS})

    @property
    def dirty(self) -> bool:
        return self._dirty

    def _changed(self, *_args) -> None:
        if self._loading:
            return
        self._dirty = self.loaded and self.value() != self._weights
        self._set_status(None)
        if self._errors_shown:
            self.show_errors(validate_weights(self.value()))
        self._enable()
        self.edited.emit()

    def set_weight(self, part: Part, value: float) -> None:
        self.spins[part].setValue(value)

    def restore_defaults(self) -> None:
        """The defaults in the fields; saved with Save, like any change."""
        defaults = MatchWeights()
        for part in PARTS:
            self.spins[part].setValue(defaults.of(part))
        self._set_status(lambda: _("Defaults restored. Save to keep them.") if self._dirty else "")

    def revert(self) -> None:
        if self.loaded:
            self._dirty = False
            self._set(self._weights)
            self._set_status(None)
            self._enable()

    def show_errors(self, errors: dict[str, str]) -> None:
        for part in PARTS:
            self.fields[part].set_error(errors.get(part.value))
        self._errors_shown = bool(errors)

    def check(self) -> bool:
        """Show what is wrong with the weights shown (beside the fields); True when they can be saved."""
        errors = validate_weights(self.value())
        self.show_errors(errors)
        if errors:
            self._set_status(lambda: _("Not saved: please correct the marked fields."))
        return not errors

    def save(self) -> bool:
        """Save the weights shown; False with the messages beside the fields when they are refused."""
        if not self.loaded:
            self.load()
        weights = self.value()
        errors = validate_weights(weights)
        if not errors:
            try:
                saved = self._service().save_weights(weights)
            except ValidationError as exc:
                errors = exc.errors
            except KommanDeskError as exc:
                reason = exc.message
                self._set_status(lambda: _("Not saved: {reason}").format(reason=reason))
                return False
        if errors:
            self.show_errors(errors)
            if not any(part.value in errors for part in PARTS):
                message = " ".join(errors.values())
                self._set_status(lambda: _("Not saved: {reason}").format(reason=message))
            else:
                self._set_status(lambda: _("Not saved: please correct the marked fields."))
            return False
        self._weights = saved
        self._dirty = False
        self._set(saved)
        self._set_status(lambda: _("The weights were saved."))
        self._enable()
        self.saved.emit(saved)
        return True

    def _enable(self) -> None:
        self.save_button.setEnabled(self._dirty)
        self.restore_button.setEnabled(self.loaded and self.value() != MatchWeights())

    # -- texts ----------------------------------------------------------------------------------------
    def _set_status(self, message: Callable[[], str] | None) -> None:
        self._status_message = message
        self.status.setText(message() if message else "")

    def retranslate(self) -> None:
        self.intro.setText(_("How much each part counts in a volunteer's score: 0 leaves the part out, 10 counts "
                             "it the most. The score is always between 0 and 100."))
        for part in PARTS:
            self._labels[part].setText(_("{part}:").format(part=capitalised(part.label())))
        locale = QLocale(current_language())  # "1,5" in German, "1.5" in English, whatever the system's locale
        for spin in self.spins.values():
            spin.setLocale(locale)
        self.save_button.setText(_("Save weights"))
        self.restore_button.setText(_("Restore defaults"))
        self._set_status(self._status_message)
        if self._errors_shown:
            self.show_errors(validate_weights(self.value()))

