"""The retention rules (GDPR Art. 5 (1)(e)): what they would do today -- closed requests to anonymise, clearance
records to delete, archived volunteers to delete, and who is kept for now -- with Apply, which does exactly that
in one step (on a connection of its own, tasks.py). :func:`offer_retention` is the question the app may ask on
start when something is due."""

from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QMessageBox, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.privacy import RetentionPlan
from kommandesk.i18n import _, ngettext
from kommandesk.i18n.formatting import format_date
from kommandesk.ui.dialogs.privacy.common import message_line, say
from kommandesk.ui.widgets.labels import plain_label


def groups(plan: RetentionPlan):
    """(title, candidates) of the plan, in the order shown."""
    return (
        (ngettext("{count} closed request to anonymise", "{count} closed requests to anonymise", len(plan.requests)),
         plan.requests),
        (ngettext("{count} clearance record to delete", "{count} clearance records to delete", len(plan.clearances)),
         plan.clearances),
        (ngettext("{count} archived volunteer to delete", "{count} archived volunteers to delete",
                  len(plan.volunteers)), plan.volunteers),
        (ngettext("{count} archived volunteer kept for now (an open assignment or a course still to come)",
                  "{count} archived volunteers kept for now (an open assignment or a course still to come)",
                  len(plan.held_back)), plan.held_back),
    )


class RetentionDialog(QDialog):
    def __init__(self, service, parent: QWidget | None = None, runner=None):
        """``runner``: a TaskRunner (by default one of its own; synchronous in tests)."""
        super().__init__(parent)
        self.setObjectName("privacy_retention_dialog")
        self.setWindowTitle(_("Retention rules"))
        self._service = service
        self._runner = runner
        self.plan: RetentionPlan = service.retention_preview()
        self.applied: RetentionPlan | None = None
        self.running = False

        policy = self.plan.policy
        self.hint = plain_label(_(
            "Personal data are kept only as long as needed: a request closed more than {months} months ago is "
            "anonymised, a clearance record is deleted {clearance} months after the volunteer's activity ended, and "
            "a volunteer archived more than {years} years ago is deleted. Change the periods in Settings > Data "
            "protection.").format(months=policy.request_months, clearance=policy.clearance_months,
                                  years=policy.archive_years), wrap=True, name="privacy_retention_hint")
        self.summary = plain_label(wrap=True, name="privacy_retention_summary")
        self.tree = QTreeWidget()
        self.tree.setObjectName("privacy_retention_tree")
        self.tree.setColumnCount(2)
        self.tree.setRootIsDecorated(True)
        self.message = message_line("privacy_retention_message")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.apply_button = buttons.addButton(_("&Apply now"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.apply_button.setObjectName("privacy_retention_apply")
        self.apply_button.setAutoDefault(False)
        self.apply_button.clicked.connect(self.ask_and_apply)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setObjectName("privacy_retention_close")
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(660, 480)
        self._show(self.plan)

    def _show(self, plan: RetentionPlan) -> None:
        self.tree.clear()
        self.tree.setHeaderLabels([_("Reference"), _("Due since")])
        for title, candidates in groups(plan):
            if not candidates:
                continue
            top = QTreeWidgetItem([title.format(count=len(candidates)), ""])
            top.setFirstColumnSpanned(True)
            self.tree.addTopLevelItem(top)
            for candidate in candidates:
                top.addChild(QTreeWidgetItem([candidate.reference, format_date(candidate.due_on)]))
            top.setExpanded(True)
            top.setFirstColumnSpanned(True)
        self.tree.resizeColumnToContents(0)
        if plan.empty:
            self.summary.setText(_("Nothing is due: no retention period has run out."))
        else:
            self.summary.setText(ngettext("{count} record is due. Apply does it now, in one step; it cannot be undone.",
                                          "{count} records are due. Apply does it now, in one step; it cannot be "
                                          "undone.", plan.total).format(count=plan.total))
        self.apply_button.setEnabled(not plan.empty and not self.running and self.applied is None)

    # -- applying --------------------------------------------------------------------------------------------------
    def ask_and_apply(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, _("Apply the retention rules"),
                          ngettext("Anonymise and delete {count} record now? This cannot be undone.",
                                   "Anonymise and delete {count} records now? This cannot be undone.",
                                   self.plan.total).format(count=self.plan.total),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.button(QMessageBox.StandardButton.Yes).setText(_("&Apply now"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        if box.exec() == QMessageBox.StandardButton.Yes:
            self.apply()

    def _task_runner(self):
        if self._runner is None:
            from kommandesk.tasks import TaskRunner

            self._runner = TaskRunner()
        return self._runner

    def apply(self) -> None:
        if self.running or self.plan.empty:
            return
        plan, service = self.plan, self._service
        self.running = True
        self.apply_button.setEnabled(False)
        say(self.message, _("Applying the retention rules…"))

        def work(_context):
            with service.elsewhere() as own:
                return own.apply_retention(plan.today, plan)

        self._task_runner().start(work, on_done=self._applied, on_error=self._failed)

    def _applied(self, done: RetentionPlan) -> None:
        from kommandesk.services.privacy import retention_lines

        self.running = False
        self.applied = done
        self.plan = self._service.retention_preview()
        self._show(self.plan)
        say(self.message, "\n".join(line.rstrip(":") + "." for line in retention_lines(done, True)
                                    if not line.startswith("  ")))
        self.close_button.setFocus()

    def _failed(self, error: BaseException) -> None:
        self.running = False
        if isinstance(error, KommanDeskError):
            say(self.message, error.message, error=True)
        else:
            from kommandesk import logs

            logs.get("ui").error("retention run failed", exc_info=error)
            say(self.message, _("The retention rules could not be applied; nothing was changed. Details are in the "
                                "log file."), error=True)
        self._show(self.plan)


def offer_retention(parent: QWidget | None, service, runner=None) -> bool:
    """On start: when a retention period has run out, ask whether to review it now (and show the dialog). Whether
    the dialog was shown."""
    plan = service.retention_preview()
    if plan.empty:
        return False
    box = QMessageBox(QMessageBox.Icon.Question, _("Retention periods have run out"),
                      ngettext("{count} record has been kept longer than the retention rules allow. Review it now?",
                               "{count} records have been kept longer than the retention rules allow. Review them "
                               "now?", plan.total).format(count=plan.total),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.button(QMessageBox.StandardButton.Yes).setText(_("&Review…"))
    box.button(QMessageBox.StandardButton.No).setText(_("&Later"))
    if box.exec() != QMessageBox.StandardButton.Yes:
        return False
    dialog = RetentionDialog(service, parent, runner=runner)
    dialog.exec()
    dialog.deleteLater()
    return True
