"""The status dialog (ui/dialogs/status_change.py) for a volunteer: a reason is always needed, and "active"
without recorded consent is refused beside the choice at once.

``apply(status, reason)`` does the change (through VolunteerService.change_status); when it refuses (a
ValidationError, e.g. "active" without consent) the reason is shown beside the choice and the dialog stays open.
"""

from __future__ import annotations

from collections.abc import Callable

from kommandesk.domain.volunteers import TRANSITIONS, Status
from kommandesk.i18n import _
from kommandesk.ui.dialogs.status_change import MAX_REASON, ReasonedStatusDialog


def allowed_targets(current: Status) -> list[Status]:
    return [status for status in Status if status in TRANSITIONS[current]]


class StatusChangeDialog(ReasonedStatusDialog):
    object_name = "status_change_dialog"
    prefix = "status"
    min_width = 460
    typed_limit = MAX_REASON
    _consent_recorded = True

    def __init__(self, parent, name: str, current: Status, consent_recorded: bool,
                 apply: Callable[[Status, str], None]):
        super().__init__(parent, _("{name} is now: {status}").format(name=name, status=current.label()),
                         allowed_targets(current), apply, lambda _status: True,
                         _("e.g. consent received, on parental leave, moved away"))
        self._consent_recorded = consent_recorded
        self._choice_changed()

    def _choice_changed(self) -> None:
        super()._choice_changed()
        if self.chosen() is Status.ACTIVE and not self._consent_recorded:
            self.status_field.set_error(_("A volunteer without recorded consent cannot be active.") + " "
                                        + _("Record the consent first (tab Clearance and consent)."))
