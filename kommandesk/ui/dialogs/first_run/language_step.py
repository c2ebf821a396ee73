"""Step 1: the language of KommanDesk (Deutsch / English), applied at once: the assistant's texts change with it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QRadioButton, QVBoxLayout

from kommandesk.i18n import _
from kommandesk.ui.dialogs.first_run.common import Step, intro_label

# Each language is named in itself, so that it can be found whatever the assistant shows now.
LANGUAGES = (("de", "&Deutsch"), ("en", "&English"))


class LanguageStep(Step):
    chosen = Signal(str)  # "de" or "en", each time the user picks one

    def __init__(self, language: str, first_start: bool, parent=None):
        """``language``: the language in effect; ``first_start``: Cancel starts KommanDesk empty (said here)."""
        super().__init__(parent)
        self.setObjectName("first_run_language")
        self._first_start = first_start
        self.intro = intro_label("first_run_language_intro")
        self.hint = intro_label("first_run_language_hint")
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(8)
        for code, text in LANGUAGES:
            button = QRadioButton(text)
            button.setObjectName(f"first_run_language_{code}")
            self.group.addButton(button)
            self.buttons[code] = button
            layout.addWidget(button)
        self.set_language(language)
        self.group.buttonToggled.connect(self._toggled)
        layout.addSpacing(12)
        layout.addWidget(self.hint)
        layout.addStretch(1)

    def title(self) -> str:
        return _("Language")

    def retranslate(self) -> None:
        self.intro.setText(_("Four short steps set up KommanDesk: the language, your organisation's details, the "
                             "encryption of the data, and how to start. Choose the language:"))
        if self._first_start:
            self.hint.setText(_("The language applies at once; you can change it later in Settings. Cancel skips "
                                "this assistant and starts KommanDesk empty; you can open the assistant again "
                                "from the Help menu."))
        else:
            self.hint.setText(_("The language applies at once; you can change it later in Settings. Nothing else "
                                "is saved before you press Finish."))

    def language(self) -> str:
        return next(code for code, button in self.buttons.items() if button.isChecked())

    def set_language(self, language: str) -> None:
        self.buttons.get(language, self.buttons["en"]).setChecked(True)

    def _toggled(self, button: QRadioButton, checked: bool) -> None:
        if checked:
            self.chosen.emit(self.language())

    def focus_first(self) -> None:
        self.buttons[self.language()].setFocus()
