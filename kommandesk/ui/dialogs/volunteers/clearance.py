"""The extended police certificate (§ 72a SGB VIII): only what the law allows to record, never a copy.

The state beside it follows the dates as they are typed, with the organisation's validity and warning period.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtWidgets import QComboBox, QVBoxLayout

from kommandesk.domain.clearance import Clearance, ClearancePolicy, ClearanceResult, ClearanceState
from kommandesk.domain.volunteers import Volunteer
from kommandesk.i18n import _
from kommandesk.i18n.formatting import format_date
from kommandesk.ui.dialogs.volunteers.badge import Badge
from kommandesk.ui.dialogs.volunteers.section import Section, add_row, form_layout, group, hint_label, narrow_field
from kommandesk.ui.widgets.labels import plain_label

KIND = {ClearanceState.VALID: "good", ClearanceState.EXPIRING: "warn", ClearanceState.EXPIRED: "bad",
        ClearanceState.RELEVANT_ENTRY: "bad", ClearanceState.NONE: "neutral"}


def clearance_text(clearance: Clearance, today: dt.date, policy: ClearancePolicy) -> tuple[str, str]:
    """('valid until 10.01.2031', 'good') and the like: the state in words, and the badge's kind."""
    state = clearance.state(today, policy)
    expires = clearance.expires_on(policy)
    if state is ClearanceState.VALID:
        text = _("valid until {date}").format(date=format_date(expires))
    elif state is ClearanceState.EXPIRING:
        text = _("expiring soon: valid until {date}").format(date=format_date(expires))
    elif state is ClearanceState.EXPIRED:
        text = _("expired on {date}").format(date=format_date(expires))
    else:
        text = state.label()
    return text, KIND[state]


class ClearanceSection(Section):
    def __init__(self, context, parent=None):
        super().__init__(context, parent)
        self.issued_on = self.date_field("clearance_issued_on", "vol_clearance_issued_on")
        self.inspected_on = self.date_field("clearance_inspected_on", "vol_clearance_inspected_on")
        self.inspected_by = self.text_field("clearance_inspected_by", "vol_clearance_inspected_by")
        self.inspected_by.editor.setPlaceholderText(_("Name of the person who saw the certificate"))
        self.result = QComboBox()
        self.result.setObjectName("vol_clearance_result")
        self.result.addItem(_("not inspected yet"), None)
        for result in ClearanceResult:
            self.result.addItem(result.label(), result.value)
        self.result.activated.connect(self.changed)
        self.result.activated.connect(self.dates_edited)
        result_field = narrow_field(self.result)
        self._targets["clearance_result"] = result_field
        self.self_commitment_on = self.date_field("clearance_self_commitment_on", "vol_clearance_self_commitment_on")

        self.state = Badge(name="vol_clearance_state")
        self.deletion_due = plain_label(wrap=True, name="vol_clearance_deletion_due")
        self.no_copy = hint_label(
            _("Record only the dates, who inspected the certificate and the result. No copy of the certificate "
              "is kept, not even a scan."), name="vol_clearance_no_copy")
        self.rule = hint_label(
            _("The certificate may be at most {months} months old when it is inspected. It is valid for {years} "
              "years from the date of issue.").format(months=context.policy.max_age_at_inspection_months,
                                                      years=context.policy.validity_years))

        box = group(_("Extended police certificate (§ 72a SGB VIII)"), "section_clearance")
        form = form_layout(box)
        form.addRow(self.no_copy)
        add_row(form, _("State:"), self.state)
        add_row(form, _("Issued on:"), self.issued_on, self.issued_on.line)
        add_row(form, _("Inspected on:"), self.inspected_on, self.inspected_on.line)
        add_row(form, _("Inspected by:"), self.inspected_by)
        add_row(form, _("Result:"), result_field, self.result)
        add_row(form, _("Self-commitment signed on:"), self.self_commitment_on, self.self_commitment_on.line)
        form.addRow(self.rule)
        form.addRow(self.deletion_due)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        self.set_tab_order()

    def focus_order(self):
        return [self.issued_on.line, self.inspected_on.line, self.inspected_by.editor, self.result,
                self.self_commitment_on.line]

    def load(self, vol: Volunteer) -> None:
        clearance = vol.clearance
        self.issued_on.set_value(clearance.issued_on)
        self.inspected_on.set_value(clearance.inspected_on)
        self.inspected_by.editor.setText(clearance.inspected_by)
        self.result.setCurrentIndex(max(0, self.result.findData(clearance.result.value if clearance.result else None)))
        self.self_commitment_on.set_value(clearance.self_commitment_on)

    def apply(self, vol: Volunteer) -> Volunteer:
        result = self.result.currentData()
        return dataclasses.replace(vol, clearance=Clearance(
            issued_on=self.issued_on.value(), inspected_on=self.inspected_on.value(),
            inspected_by=self.inspected_by.editor.text(),
            result=ClearanceResult(result) if result else None,
            self_commitment_on=self.self_commitment_on.value()))

    def refresh(self, vol: Volunteer) -> None:
        text, kind = clearance_text(vol.clearance, self.context.today(), self.context.policy)
        self.state.show_as(text, kind)
        due = vol.clearance_deletion_due(self.context.policy)
        self.deletion_due.setText(
            _("The activity has ended: this record is due for deletion on {date}.").format(date=format_date(due))
            if due else "")
        self.deletion_due.setVisible(due is not None)
