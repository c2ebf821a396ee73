"""The first-start assistant: a dialog of four steps (language, organisation, encryption, how to start) with
Back, Next (Finish on the last step) and Cancel.

Next checks the step (the organisation as Save in Settings does, the passphrase as the encryption service does) and
shows what is wrong beside the fields. Choosing a language applies it at once and makes every text of the dialog
again. Finish asks ``Setup.finish`` (on the GUI thread) for the work that does what was chosen and runs it through
tasks.TaskRunner while the dialog says it is busy (demo data and the encryption take about a second); the dialog
closes once it is done, with ``choices`` and ``outcome`` set, or says why not and stays open. Esc, Cancel and the
window's close button close it at once, except while that work runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (QDialog, QHBoxLayout, QProgressBar, QPushButton, QStackedWidget, QVBoxLayout,
                               QWidget)

from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.organisation import Organisation
from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_number
from kommandesk.services.first_run import Choices, Outcome
from kommandesk.services.organisation import OrganisationService
from kommandesk.tasks import TaskRunner
from kommandesk.ui.dialogs.sizing import fit_to_screen
from kommandesk.ui.widgets.labels import message_label
from kommandesk.ui.dialogs.first_run.language_step import LanguageStep
from kommandesk.ui.dialogs.first_run.organisation_step import OrganisationStep
from kommandesk.ui.dialogs.first_run.passphrase_step import PassphraseStep
from kommandesk.ui.dialogs.first_run.start_step import StartStep
from kommandesk.ui.widgets.headline import Headline
from kommandesk.ui.widgets.labels import plain_label

LANGUAGE, ORGANISATION, PASSPHRASE, START = range(4)
SIZE = (740, 600)  # the organisation's ten rows with a message under two of them, on a 1366 x 768 laptop


@dataclass
class Setup:
    """What the assistant starts from and how it ends. ``language``: the one in effect; ``change_language``
    applies and keeps a choice; ``finish(choices)`` is called on Finish and returns the work that does it (run off
    the GUI thread, its result becomes ``outcome``); ``encrypted``: the database is encrypted already;
    ``demo_possible``: demo data may be added; ``log_file``: named when something unexpected failed."""

    organisation: OrganisationService
    org: Organisation
    language: str
    change_language: Callable[[str], None]
    finish: Callable[[Choices], Callable[[], Outcome]]
    first_start: bool = True
    encrypted: bool = False
    demo_possible: bool = True
    log_file: Path | None = None


class FirstRunWizard(QDialog):
    def __init__(self, setup: Setup, parent: QWidget | None = None, *, runner: TaskRunner | None = None):
        super().__init__(parent)
        self.setObjectName("first_run_wizard")
        self.setModal(True)
        self._setup = setup
        self.runner = runner or TaskRunner()
        self.choices: Choices | None = None  # once Finish has done its work
        self.outcome: Outcome | None = None
        self.busy = False

        self.language_step = LanguageStep(setup.language, setup.first_start)
        self.language_step.chosen.connect(self._language_chosen)
        self.organisation_step = OrganisationStep(setup.organisation, setup.org)
        self.passphrase_step = PassphraseStep(setup.encrypted)
        self.start_step = StartStep(setup.demo_possible)
        self.steps = [self.language_step, self.organisation_step, self.passphrase_step, self.start_step]
        self.stack = QStackedWidget()
        self.stack.setObjectName("first_run_steps")
        for step in self.steps:
            self.stack.addWidget(step)

        self.headline = Headline()
        self.step_label = plain_label(name="first_run_step_title")
        font = self.step_label.font()
        font.setBold(True)
        self.step_label.setFont(font)
        self.busy_label = plain_label(name="first_run_busy")
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # no figures to show: it moves while the work runs
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumWidth(200)
        self.error = message_label("first_run_error")

        self.back_button = QPushButton()
        self.back_button.setObjectName("first_run_back")
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(self.go_back)
        self.next_button = QPushButton()
        self.next_button.setObjectName("first_run_next")
        self.next_button.setDefault(True)  # Enter: Next, Finish on the last step
        self.next_button.clicked.connect(self.go_next)
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("first_run_cancel")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.busy_label)
        buttons.addWidget(self.busy_bar)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addSpacing(16)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addWidget(self.step_label)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        fit_to_screen(self, SIZE)
        self._set_busy(False)
        self.retranslate()
        self._show(LANGUAGE)

    # -- texts ----------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(_("Set up KommanDesk"))
        self.headline.set_text(_("Welcome to KommanDesk") if self._setup.first_start else _("Set up KommanDesk"))
        self.back_button.setText(_("< &Back"))
        self.cancel_button.setText(_("Cancel"))
        self.busy_label.setText(_("Setting up KommanDesk…"))
        for step in self.steps:
            step.retranslate()
        self._update()

    def _language_chosen(self, language: str) -> None:
        self._setup.change_language(language)
        self.retranslate()

    # -- moving ---------------------------------------------------------------------------------------------
    @property
    def step(self) -> int:
        return self.stack.currentIndex()

    def _show(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self._update()
        self.steps[index].focus_first()

    def _update(self) -> None:
        index = self.step
        self.step_label.setText(_("Step {number} of {total}: {title}").format(
            number=format_number(index + 1), total=format_number(len(self.steps)), title=self.steps[index].title()))
        self.back_button.setEnabled(index > LANGUAGE and not self.busy)
        self.next_button.setText(_("&Finish") if index == START else _("&Next >"))
        self.next_button.setEnabled(not self.busy)
        self.cancel_button.setEnabled(not self.busy)

    def go_next(self) -> None:
        if self.busy or not self.steps[self.step].check():
            return
        if self.step == START:
            self._finish()
        else:
            self._show(self.step + 1)

    def go_back(self) -> None:
        if not self.busy and self.step > LANGUAGE:
            self.error.hide()
            self._show(self.step - 1)

    def current_choices(self) -> Choices:
        texts = self.passphrase_step.texts() if self.passphrase_step.wanted() else {}
        return Choices(language=self.language_step.language(), organisation=self.organisation_step.value(),
                       passphrase=texts.get("passphrase"), confirmation=texts.get("confirmation"),
                       start=self.start_step.start())

    # -- finishing ------------------------------------------------------------------------------------------
    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_label.setVisible(busy)
        self.busy_bar.setVisible(busy)
        self.stack.setEnabled(not busy)
        self._update()

    def _finish(self) -> None:
        choices = self.current_choices()
        self.error.hide()
        self._set_busy(True)
        try:
            work = self._setup.finish(choices)
        except KommanDeskError as exc:
            self._failed(exc)
            return

        def done(outcome: Outcome) -> None:
            self._set_busy(False)
            self.choices, self.outcome = choices, outcome
            self.accept()

        self.runner.start(lambda _context: work(), on_done=done, on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        from kommandesk.ui.dialogs.errors import unexpected_error_text

        self._set_busy(False)
        if isinstance(error, KommanDeskError):
            message = error.message
        else:
            message = unexpected_error_text(self._setup.log_file) if self._setup.log_file else str(error)
        self.error.setText(message)
        self.error.show()
        self.next_button.setFocus()

    def reject(self) -> None:
        """Esc, Cancel, the window's close button: close at once, except while Finish's work runs."""
        if not self.busy:
            super().reject()
