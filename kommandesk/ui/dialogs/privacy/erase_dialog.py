"""Erase a person for good (GDPR Art. 17): the reference, what the erasure would do (and what stands in its way),
and the reference typed again. "Erase for good" is enabled only when the typed text is the reference and nothing
stands in the way; the erasure runs on a connection of its own (tasks.py) and is whole or not at all."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.privacy import ErasurePlan, PersonKind
from kommandesk.domain.validation import clean_text
from kommandesk.i18n import _
from kommandesk.ui.dialogs.privacy.common import message_line, reference_field, say
from kommandesk.ui.widgets.labels import plain_label


def plan_text(plan: ErasurePlan) -> str:
    from kommandesk.services.privacy import count_lines

    lines = ["\u2022 " + line for line in count_lines(plan.kind, plan.counts)]
    lines += ["\u26a0 " + warning for warning in plan.warnings]
    return "\n".join(lines)


class EraseDialog(QDialog):
    def __init__(self, service, reference: str = "", parent: QWidget | None = None, runner=None):
        """``runner``: a TaskRunner (by default one of its own; synchronous in tests)."""
        super().__init__(parent)
        self.setObjectName("privacy_erase_dialog")
        self.setWindowTitle(_("Erase a person"))
        self._service = service
        self._runner = runner
        self.plan: ErasurePlan | None = None
        self.result_of_erasure = None
        self.running = False

        self.hint = plain_label(_("Erasing deletes what is stored about the person for good; it cannot be undone. "
                                  "What a volunteer did stays counted without them; a request stays as an "
                                  "anonymous count."), wrap=True, name="privacy_erase_hint")
        self.reference = reference_field(reference, "privacy_erase_reference")
        self.reference.textChanged.connect(self.look_up)
        self.who = plain_label(wrap=True, name="privacy_erase_who")
        font = self.who.font()
        font.setBold(True)
        self.who.setFont(font)
        self.details = plain_label(wrap=True, name="privacy_erase_details")
        self.blockers = message_line("privacy_erase_blockers")
        self.confirm_label = plain_label(wrap=True)
        self.confirm = QLineEdit()
        self.confirm.setObjectName("privacy_erase_confirm")
        self.confirm.setMaxLength(20)
        self.confirm.textChanged.connect(self._update_button)
        self.confirm_label.setBuddy(self.confirm)
        self.message = message_line("privacy_erase_message")

        form = QFormLayout()
        reference_label = plain_label(_("&Reference:"))
        reference_label.setBuddy(self.reference)
        form.addRow(reference_label, self.reference)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.erase_button = buttons.addButton(_("&Erase for good"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.erase_button.setObjectName("privacy_erase_run")
        self.erase_button.setAutoDefault(False)
        self.erase_button.clicked.connect(self.erase)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("privacy_erase_close")
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.who)
        layout.addWidget(self.details)
        layout.addWidget(self.blockers)
        layout.addWidget(self.confirm_label)
        layout.addWidget(self.confirm)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(640, 460)
        self.look_up()
        (self.confirm if reference else self.reference).setFocus()

    # -- what the erasure would do ---------------------------------------------------------------------------------
    def look_up(self) -> None:
        """Show what erasing the typed reference would do (nothing while it is not a whole reference)."""
        self.plan = None
        text = self.reference.text()
        self.who.clear()
        self.details.clear()
        say(self.blockers, "")
        say(self.message, "")
        if clean_text(text):
            try:
                self.plan = self._service.erase_plan(text)
            except KommanDeskError as exc:
                if len(clean_text(text)) >= 11:  # a whole reference that is not there: say so
                    say(self.blockers, exc.message, error=True)
        if self.plan is not None:
            plan = self.plan
            kind = (_("Volunteer {reference}") if plan.kind is PersonKind.VOLUNTEER
                    else _("Request {reference}")).format(reference=plan.reference)
            self.who.setText(f"{plan.name} \u2014 {kind}" if plan.name else kind)
            self.details.setText(plan_text(plan))
            if plan.blockers:
                say(self.blockers, "\n".join(plan.blockers), error=True)
        reference = self.plan.reference if self.plan else ""
        self.confirm_label.setText(_("To confirm, type the reference {reference} again:").format(reference=reference)
                                   if reference else _("To confirm, type the reference again:"))
        self.confirm.setEnabled(bool(self.plan and self.plan.possible))
        self._update_button()

    def confirmed(self) -> bool:
        return bool(self.plan and self.plan.possible and clean_text(self.confirm.text()).upper() == self.plan.reference)

    def _update_button(self) -> None:
        self.erase_button.setEnabled(self.confirmed() and not self.running and self.result_of_erasure is None)

    # -- erasing ---------------------------------------------------------------------------------------------------
    def _task_runner(self):
        if self._runner is None:
            from kommandesk.tasks import TaskRunner

            self._runner = TaskRunner()
        return self._runner

    def erase(self) -> None:
        if not self.confirmed() or self.running:
            return
        reference, typed, service = self.plan.reference, self.confirm.text(), self._service
        self.running = True
        self._update_button()
        self.reference.setEnabled(False)
        self.confirm.setEnabled(False)
        say(self.message, _("Erasing…"))

        def work(_context):
            with service.elsewhere() as own:
                return own.erase(reference, typed)

        self._task_runner().start(work, on_done=self._erased, on_error=self._failed)

    def _erased(self, result) -> None:
        from kommandesk.services.privacy import count_lines

        self.running = False
        self.result_of_erasure = result
        self.blockers.clear()
        self.details.setText("\n".join("\u2022 " + line for line in count_lines(result.kind, result.counts)))
        say(self.message, _("{reference} was erased.").format(reference=result.reference))
        self.close_button.setFocus()
        self._update_button()

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self.reference.setEnabled(True)
        self.confirm.setEnabled(True)
        if isinstance(error, KommanDeskError):
            say(self.message, error.message, error=True)
        else:
            from kommandesk import logs

            logs.get("ui").error("erasure failed", exc_info=error)
            say(self.message, _("The erasure failed unexpectedly; nothing was erased. Details are in the log "
                                "file."), error=True)
        self._update_button()
