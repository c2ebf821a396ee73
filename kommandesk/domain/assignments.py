"""An assignment links a request to a volunteer, with its own lifecycle and the hours logged for it."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from enum import Enum

from kommandesk.domain import validation as v
from kommandesk.domain.errors import ValidationError
from kommandesk.i18n import _, pgettext

MAX_MINUTES_PER_DAY = 24 * 60
MAX_ACTIVITY = 200


class AssignmentStatus(str, Enum):
    PROPOSED = "proposed"
    CONTACTED = "contacted"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    ACTIVE = "active"
    COMPLETED = "completed"
    CANCELLED = "cancelled"

    def label(self) -> str:
        return {AssignmentStatus.PROPOSED: pgettext("assignment status", "proposed"),
                AssignmentStatus.CONTACTED: pgettext("assignment status", "contacted"),
                AssignmentStatus.ACCEPTED: pgettext("assignment status", "accepted"),
                AssignmentStatus.DECLINED: pgettext("assignment status", "declined"),
                AssignmentStatus.ACTIVE: pgettext("assignment status", "active"),
                AssignmentStatus.COMPLETED: pgettext("assignment status", "completed"),
                AssignmentStatus.CANCELLED: pgettext("assignment status", "cancelled")}[self]


S = AssignmentStatus
TRANSITIONS: dict[AssignmentStatus, frozenset[AssignmentStatus]] = {
    S.PROPOSED: frozenset({S.CONTACTED, S.ACCEPTED, S.DECLINED, S.CANCELLED}),
    S.CONTACTED: frozenset({S.ACCEPTED, S.DECLINED, S.CANCELLED}),
    S.ACCEPTED: frozenset({S.ACTIVE, S.CANCELLED}),
    S.DECLINED: frozenset(),
    S.ACTIVE: frozenset({S.COMPLETED, S.CANCELLED}),
    S.COMPLETED: frozenset({S.ACTIVE}),
    S.CANCELLED: frozenset(),
}
# an open assignment takes one of the volunteer's places (max concurrent assignments) and their time
OPEN = frozenset({S.PROPOSED, S.CONTACTED, S.ACCEPTED, S.ACTIVE})
CLOSED = frozenset({S.DECLINED, S.COMPLETED, S.CANCELLED})


@dataclass(frozen=True)
class AssignmentStatusChange:
    status: AssignmentStatus
    on: dt.date
    reason: str = ""


@dataclass
class Assignment:
    request_id: str
    volunteer_id: str
    status: AssignmentStatus = AssignmentStatus.PROPOSED
    proposed_on: dt.date | None = None
    started_on: dt.date | None = None  # set when it becomes active
    ended_on: dt.date | None = None  # set when completed, cancelled or declined
    follow_up_on: dt.date | None = None  # the coordinator checks in (shown on the Overview)
    notes: str = ""
    score: float | None = None  # the match score when assigned (0..100)
    override_rule: str | None = None  # a matching Rule value the coordinator overrode ...
    override_reason: str = ""  # ... and why (required with a rule)
    history: tuple[AssignmentStatusChange, ...] = ()
    id: str | None = None
    created_at: str | None = None
    updated_at: str | None = None


@dataclass(frozen=True)
class HoursEntry:
    day: dt.date
    minutes: int
    activity: str = ""
    assignment_id: str | None = None
    id: str | None = None


def change_status(assignment: Assignment, new: AssignmentStatus, on: dt.date, reason: str = "") -> Assignment:
    if new is assignment.status:
        return assignment
    if new not in TRANSITIONS[assignment.status]:
        raise ValidationError({"status": _("An assignment cannot go from {old} to {new}.").format(
            old=assignment.status.label(), new=new.label())})
    started = on if new is S.ACTIVE and assignment.started_on is None else assignment.started_on
    ended = on if new in CLOSED else (None if new in OPEN else assignment.ended_on)
    return dataclasses.replace(assignment, status=new, started_on=started, ended_on=ended,
                               history=(*assignment.history, AssignmentStatusChange(new, on, v.clean_text(reason))))


def validate_hours(entry: HoursEntry, today: dt.date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if entry.day > today:
        errors["day"] = _("Hours cannot be logged for a day in the future.")
    if not 0 < entry.minutes <= MAX_MINUTES_PER_DAY:
        errors["minutes"] = _("Enter more than 0 and at most 24 hours.")
    message = v.check_length(entry.activity, MAX_ACTIVITY)
    if message:
        errors["activity"] = message
    return errors


def parse_hours(text: str) -> int | None:
    """'1,5' / '1.5' / '1:30' / '90 min' -> minutes; None when it is not a duration."""
    value = (text or "").strip().lower().replace(" ", "")
    try:
        if value.endswith("min"):
            return int(value[:-3])
        if ":" in value:
            hours, _sep, minutes = value.partition(":")
            if len(minutes) != 2 or not 0 <= int(minutes) < 60:
                return None
            return int(hours) * 60 + int(minutes)
        return round(float(value.replace(",", ".").removesuffix("h")) * 60)
    except ValueError:
        return None
