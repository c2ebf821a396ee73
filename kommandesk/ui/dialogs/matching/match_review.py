"""Review the proposal of a "match all open requests" run: every proposed assignment with a check box (all
checked), the requests nobody can serve with the reason, and a footer with the figures of the run. "Assign
selected" records the checked rows in one transaction (all or nothing); Cancel records nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.requests import Urgency
from kommandesk.i18n import _, ngettext
from kommandesk.i18n.formatting import format_number
from kommandesk.ui.models.candidates_model import SCORE_ROLE
from kommandesk.ui.models.proposal_model import ProposalColumn, ProposalModel, UnservedColumn, UnservedModel
from kommandesk.ui.widgets.form_field import error_colour
from kommandesk.ui.widgets.list_table import list_table, size_columns
from kommandesk.ui.widgets.score_bar import ScoreDelegate


def seconds_text(seconds: float) -> str:
    if seconds < 0.01:
        return _("less than {seconds}").format(seconds=format_number(0.01))
    return format_number(round(seconds, 2))


class ReviewDialog(QDialog):
    def __init__(self, matching, proposal, parent=None):
        super().__init__(parent)
        self.setObjectName("match_review")
        self.setWindowTitle(_("Review the proposed assignments"))
        self._matching = matching
        self.proposal = proposal
        self.assignments: list | None = None

        self.model = ProposalModel(proposal.rows, self)
        self.model.checked_changed.connect(self._update)
        self.table = list_table("match_review_table")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(ProposalColumn.SCORE, ScoreDelegate(SCORE_ROLE, self.table))
        self.intro = QLabel()
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setWordWrap(True)
        self.check_all = QPushButton(_("Select all"))
        self.check_all.setObjectName("match_review_all")
        self.check_all.clicked.connect(lambda: self.model.set_all(True))
        self.check_none = QPushButton(_("Select none"))
        self.check_none.setObjectName("match_review_none")
        self.check_none.clicked.connect(lambda: self.model.set_all(False))

        self.unserved_model = UnservedModel(proposal.unserved, self)
        self.unserved_table = list_table("match_review_unserved")
        self.unserved_table.setModel(self.unserved_model)
        self.unserved_title = QLabel(ngettext("{count} request no one can serve:", "{count} requests no one can "
                                              "serve:", len(proposal.unserved)).format(
            count=format_number(len(proposal.unserved))))
        self.unserved_title.setTextFormat(Qt.TextFormat.PlainText)

        self.footer = QLabel(self.footer_text())
        self.footer.setObjectName("match_review_footer")
        self.footer.setTextFormat(Qt.TextFormat.PlainText)
        self.footer.setWordWrap(True)
        self.error = QLabel()
        self.error.setObjectName("match_review_error")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        palette = self.error.palette()
        palette.setColor(palette.ColorRole.WindowText, error_colour(palette))
        self.error.setPalette(palette)
        self.error.hide()

        self.buttons = QDialogButtonBox()
        self.assign_button = self.buttons.addButton(_("Assign selected"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.assign_button.setObjectName("match_review_assign")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.assign_button.clicked.connect(self.assign_selected)
        self.cancel_button.clicked.connect(self.reject)

        proposed = QWidget()
        top = QVBoxLayout(proposed)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.intro)
        top.addWidget(self.table, 1)
        checks = QHBoxLayout()
        checks.addWidget(self.check_all)
        checks.addWidget(self.check_none)
        checks.addStretch(1)
        top.addLayout(checks)
        unserved = QWidget()
        bottom = QVBoxLayout(unserved)
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.unserved_title)
        bottom.addWidget(self.unserved_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(proposed)
        splitter.addWidget(unserved)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        unserved.setVisible(bool(proposal.unserved))

        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.footer)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(1000, 640)
        self._size_columns()
        self._update()
        self.table.setFocus()

    def _size_columns(self) -> None:
        size_columns(self.table, {ProposalColumn.REQUEST: 26, ProposalColumn.URGENCY: 10,
                                  ProposalColumn.VOLUNTEER: 28, ProposalColumn.SCORE: 12})
        size_columns(self.unserved_table, {UnservedColumn.REQUEST: 26, UnservedColumn.URGENCY: 10})

    def footer_text(self) -> str:
        proposal = self.proposal
        total = len(proposal.rows) + len(proposal.unserved)
        high = sum(1 for row in proposal.rows if row.urgency is Urgency.HIGH)
        high_total = high + sum(1 for item in proposal.unserved if item.urgency is Urgency.HIGH)
        if high_total:
            served = ngettext(
                "The run serves {served} of {total} open request (high urgency: {high} of {high_total}).",
                "The run serves {served} of {total} open requests (high urgency: {high} of {high_total}).",
                total).format(served=format_number(len(proposal.rows)), total=format_number(total),
                              high=format_number(high), high_total=format_number(high_total))
        else:
            served = ngettext("The run serves {served} of {total} open request.",
                              "The run serves {served} of {total} open requests.", total).format(
                served=format_number(len(proposal.rows)), total=format_number(total))
        greedy = _("Taking the requests one by one, best volunteer first, would serve {count}.").format(
            count=format_number(proposal.greedy_served))
        timing = _("Computed in {total} s (the solver itself: {solver} s).").format(
            total=seconds_text(proposal.seconds_total), solver=seconds_text(proposal.seconds_solver))
        return f"{served} {greedy} {timing}"

    def _update(self) -> None:
        checked = len(self.model.checked_rows())
        rows = self.model.rowCount()
        self.intro.setText(ngettext(
            "{count} volunteer proposed. Untick the rows you do not want, then assign the rest.",
            "{count} volunteers proposed. Untick the rows you do not want, then assign the rest.", rows).format(
            count=format_number(rows)) if rows else _("The run found no volunteer for any open request."))
        self.assign_button.setText(ngettext("Assign {count} selected", "Assign {count} selected", checked).format(
            count=format_number(checked)))
        self.assign_button.setEnabled(checked > 0)
        self.check_all.setEnabled(rows > 0 and checked < rows)
        self.check_none.setEnabled(checked > 0)

    def assign_selected(self) -> bool:
        rows = self.model.checked_rows()
        if not rows:
            return False
        try:
            self.assignments = list(self._matching.apply(rows))
        except KommanDeskError as exc:
            self.error.setText(_("Nothing was assigned: {reason}").format(reason=exc.message))
            self.error.show()
            return False
        self.accept()
        return True


def review_proposal(parent, matching, proposal) -> list | None:
    """Show the proposal; the assignments made, or None when the coordinator cancelled."""
    dialog = ReviewDialog(matching, proposal, parent)
    try:
        dialog.exec()
        return dialog.assignments
    finally:
        dialog.deleteLater()
