"""The status dialog (ui/dialogs/status_change.py) for a request and for an assignment: the steps the lifecycle
allows, the texts around them, and the call to the service."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from kommandesk.domain import assignments as assignment_rules
from kommandesk.domain import requests as request_rules
from kommandesk.i18n import _
from kommandesk.ui.dialogs.status_change import MAX_REASON, ReasonedStatusDialog


class StatusChangeDialog(ReasonedStatusDialog):
    object_name = "request_status_dialog"
    prefix = "request_status"
    min_width = 480
    typed_limit = MAX_REASON + 100  # a longer reason is refused with a message, not cut off while typing


def request_choices(current: request_rules.RequestStatus) -> list[request_rules.RequestStatus]:
    return [status for status in request_rules.RequestStatus if status in request_rules.TRANSITIONS[current]]


def assignment_choices(current: assignment_rules.AssignmentStatus) -> list[assignment_rules.AssignmentStatus]:
    return [status for status in assignment_rules.AssignmentStatus
            if status in assignment_rules.TRANSITIONS[current]]


def request_dialog(parent, service, req) -> StatusChangeDialog:
    intro = _("{reference} ({person}) is now: {status}").format(reference=req.reference or "", person=req.person,
                                                                status=req.status.label())
    return StatusChangeDialog(parent, intro, request_choices(req.status),
                              lambda status, reason: service.change_status(req.id, status, reason),
                              lambda _status: True, _("e.g. the family found help elsewhere, moved away"))


def assignment_dialog(parent, service, row) -> StatusChangeDialog:
    """``row``: an AssignmentRow. A reason is needed to decline, cancel or reopen; other steps may have one."""
    closing = assignment_rules.CLOSED | {assignment_rules.AssignmentStatus.ACTIVE} \
        if row.status is assignment_rules.AssignmentStatus.COMPLETED else assignment_rules.CLOSED - {
            assignment_rules.AssignmentStatus.COMPLETED}
    intro = _("{volunteer} for {reference} is now: {status}").format(
        volunteer=row.volunteer_name, reference=row.request_reference, status=row.status.label())
    return StatusChangeDialog(parent, intro, assignment_choices(row.status),
                              lambda status, reason: service.change_assignment_status(row.id, status, reason),
                              lambda status: status in closing, _("e.g. reached by phone, no time after all"))


def change_request_status(parent, service, request_id: str):
    """Ask and change; the updated request, or None when the user cancelled."""
    dialog = request_dialog(parent, service, service.get(request_id))
    try:
        return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
