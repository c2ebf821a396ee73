"""Assign a near miss anyway: the coordinator writes why (required), and the assignment records the failed
rule with that reason. OK stays disabled until something is typed; what the service refuses is shown beside
the field and the dialog stays open, with nothing saved (ReasonDialog)."""

from __future__ import annotations

from kommandesk.i18n import _
from kommandesk.ui.dialogs.reason_dialog import ReasonDialog, ask_reason

MAX_REASON = 1000


class OverrideDialog(ReasonDialog):
    error_key = "override_reason"

    def __init__(self, matching, request_id: str, request_reference: str, near_miss, parent=None):
        self._matching = matching
        self._request_id = request_id
        self._near_miss = near_miss
        super().__init__(
            parent, name="override", title=_("Assign despite a failed rule"),
            intro=_("{name} ({reference}) does not meet one rule for {request}:\n{reason}").format(
                name=near_miss.name, reference=near_miss.reference, request=request_reference,
                reason=near_miss.reason),
            prompt=_("Write why you assign them anyway. The reason is recorded with the assignment."),
            placeholder=_("e.g. The renewed clearance was shown to us today; the inspection will be recorded tomorrow."),
            ok_text=_("Assign anyway"), limit=MAX_REASON, width=520)

    @property
    def assignment(self):
        """The Assignment made, once confirmed."""
        return self.outcome

    def empty_message(self) -> str | None:
        return _("Write why you assign despite the failed rule.")

    def submit(self):
        return self._matching.assign(self._request_id, self._near_miss.volunteer_id, override_reason=self.text())


def assign_anyway(parent, matching, request_id: str, request_reference: str, near_miss):
    """Ask for the reason and assign; the Assignment, or None when cancelled."""
    return ask_reason(OverrideDialog(matching, request_id, request_reference, near_miss, parent))
