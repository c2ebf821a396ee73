"""Assignments of volunteers to requests, for RequestService (which the UI, CLI and matching call).

Each write is one transaction. The request is kept in step with its assignments, and every automatic step goes
into the request's history with the reason: the first volunteer proposed -> assigned; an assignment active ->
active; the last open assignment declined or cancelled -> back to matching; the last one completed -> completed.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from kommandesk.domain import assignments as arules
from kommandesk.domain.assignments import Assignment, AssignmentStatus, AssignmentStatusChange, HoursEntry
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.requests import OPEN as OPEN_REQUEST
from kommandesk.domain.requests import RequestStatus, SupportRequest
from kommandesk.domain.validation import check_length, clean_text
from kommandesk.i18n import _
from kommandesk.store.assignments_repo import AssignmentRepository
from kommandesk.store.db import Store

if TYPE_CHECKING:
    from kommandesk.services.requests import RequestService
    from kommandesk.services.volunteers import VolunteerService

MAX_NOTES = 5000
MAX_REASON = 1000

S = AssignmentStatus


@dataclass(frozen=True)
class AssignmentRow:
    id: str
    request_id: str
    request_reference: str
    person: str
    volunteer_id: str
    volunteer_reference: str
    volunteer_name: str
    status: AssignmentStatus
    proposed_on: date
    started_on: date | None
    ended_on: date | None
    follow_up_on: date | None
    notes: str
    score: float | None
    override_rule: str | None
    override_reason: str
    minutes: int  # hours logged, in minutes


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def assignment_row(row) -> AssignmentRow:
    return AssignmentRow(
        id=row["id"], request_id=row["request_id"], request_reference=row["request_reference"], person=row["person"],
        volunteer_id=row["volunteer_id"], volunteer_reference=row["volunteer_reference"],
        volunteer_name=row["volunteer_name"], status=AssignmentStatus(row["status"]),
        proposed_on=_day(row["proposed_on"]), started_on=_day(row["started_on"]), ended_on=_day(row["ended_on"]),
        follow_up_on=_day(row["follow_up_on"]), notes=row["notes"], score=row["score"],
        override_rule=row["override_rule"], override_reason=row["override_reason"], minutes=row["minutes"])


class AssignmentDesk:
    def __init__(self, store: Store, requests: "RequestService", volunteers: "VolunteerService"):
        self._store = store
        self._requests = requests
        self._volunteers = volunteers
        self._repo = AssignmentRepository(store)

    def rows_of_request(self, request_id: str) -> list[AssignmentRow]:
        return [assignment_row(row) for row in self._repo.rows_of_request(request_id)]

    def rows_of_volunteer(self, volunteer_id: str) -> list[AssignmentRow]:
        return [assignment_row(row) for row in self._repo.rows_of_volunteer(volunteer_id)]

    def get(self, assignment_id: str) -> Assignment:
        found = self._repo.get(assignment_id) if assignment_id else None
        if found is None:
            raise KommanDeskError(_("This assignment does not exist (any more)."))
        return found

    # -- assigning ---------------------------------------------------------------------------------------------

    def assign_many(self, items: Sequence[tuple[str, str, float | None, str | None, str]]) -> list[Assignment]:
        """(request, volunteer, score, override rule, override reason) each; one transaction, all or nothing."""
        today = self._requests.today()
        ids = []
        try:
            with self._store.db.atomic():
                for request_id, volunteer_id, score, override_rule, override_reason in items:
                    ids.append(self._assign_one(request_id, volunteer_id, score, override_rule, override_reason,
                                                today))
        except sqlite3.IntegrityError as exc:  # the store's own guard (one open assignment per pair)
            raise KommanDeskError(_("This volunteer is already assigned to this request.")) from exc
        return [self.get(aid) for aid in ids]

    def _assign_one(self, request_id: str, volunteer_id: str, score: float | None, override_rule: str | None,
                    override_reason: str, today: date) -> str:
        reason = clean_text(override_reason, multiline=True)
        if override_rule and not reason:
            raise ValidationError({"override_reason": _(
                "Write why you assign this volunteer although a rule is not met.")})
        message = check_length(reason, MAX_REASON)
        if message:
            raise ValidationError({"override_reason": message})
        req = self._requests.get(request_id)
        if req.status not in OPEN_REQUEST:
            raise KommanDeskError(_(
                "The request {reference} is {status}: volunteers can only be assigned to an open request.").format(
                reference=req.reference, status=req.status.label()))
        vol = self._volunteers.get(volunteer_id)
        if req.consent is None:
            raise KommanDeskError(_("Record the family's consent before passing the request to a volunteer."))
        if self._repo.open_exists(request_id, volunteer_id):
            raise KommanDeskError(_("{name} ({volunteer}) is already assigned to the request {reference}.").format(
                name=vol.full_name, volunteer=vol.reference, reference=req.reference))
        assignment = Assignment(
            request_id=request_id, volunteer_id=volunteer_id, status=S.PROPOSED, proposed_on=today,
            score=None if score is None else round(float(score), 2), override_rule=override_rule or None,
            override_reason=reason, history=(AssignmentStatusChange(S.PROPOSED, today),))
        aid = self._repo.insert_many([assignment])[0]
        if req.status in (RequestStatus.NEW, RequestStatus.MATCHING):
            self._requests.step_status(req, RequestStatus.ASSIGNED, _("Volunteer {reference} proposed.").format(
                reference=vol.reference))
        return aid

    # -- the lifecycle -----------------------------------------------------------------------------------------

    def change_status(self, assignment_id: str, status: AssignmentStatus, reason: str = "") -> Assignment:
        assignment = self.get(assignment_id)
        changed = arules.change_status(assignment, status, self._requests.today(), reason)
        if changed is assignment:
            return assignment
        req = self._requests.get(assignment.request_id)
        if status in arules.OPEN and req.status is RequestStatus.CANCELLED:
            raise KommanDeskError(_("The request {reference} is cancelled: reopen it first.").format(
                reference=req.reference))
        vol = self._volunteers.get(assignment.volunteer_id)
        with self._store.db.atomic():
            self._repo.set_status(changed)
            self._keep_request_in_step(req, changed, vol.reference)
        return self.get(assignment_id)

    def _keep_request_in_step(self, req: SupportRequest, changed: Assignment, volunteer: str) -> None:
        status = changed.status
        if status is S.ACTIVE:
            if req.status is not RequestStatus.ACTIVE:
                self._requests.step_status(req, RequestStatus.ACTIVE, _("Volunteer {reference} started.").format(
                    reference=volunteer))
            return
        if status not in arules.CLOSED or self._repo.open_count_of_request(req.id) > 0:
            return  # others are still on it
        if status is S.COMPLETED:
            if req.status in (RequestStatus.ASSIGNED, RequestStatus.ACTIVE):
                self._requests.step_status(req, RequestStatus.COMPLETED, _(
                    "Volunteer {reference} completed the help.").format(reference=volunteer))
            return
        if req.status in (RequestStatus.NEW, RequestStatus.ASSIGNED, RequestStatus.ACTIVE):
            text = (_("Volunteer {reference} declined.") if status is S.DECLINED
                    else _("The assignment of volunteer {reference} was cancelled.")).format(reference=volunteer)
            self._requests.step_status(req, RequestStatus.MATCHING, text)

    def close_for_request(self, req: SupportRequest, new_status: RequestStatus) -> None:
        """The request was cancelled or completed by the coordinator: its open assignments are closed too (the
        active ones completed with a completed request, all others cancelled). The caller holds the transaction."""
        if new_status not in (RequestStatus.CANCELLED, RequestStatus.COMPLETED):
            return
        today = self._requests.today()
        reason = (_("The request {reference} was cancelled.") if new_status is RequestStatus.CANCELLED
                  else _("The request {reference} was completed.")).format(reference=req.reference)
        for aid in self._repo.open_ids_of_request(req.id):
            assignment = self.get(aid)
            target = S.COMPLETED if new_status is RequestStatus.COMPLETED and assignment.status is S.ACTIVE \
                else S.CANCELLED
            self._repo.set_status(arules.change_status(assignment, target, today, reason))

    def update(self, assignment_id: str, *, notes: str, follow_up_on: date | None) -> Assignment:
        self.get(assignment_id)
        notes = clean_text(notes, multiline=True)
        message = check_length(notes, MAX_NOTES)
        if message:
            raise ValidationError({"notes": message})
        self._repo.update_details(assignment_id, notes, follow_up_on)
        return self.get(assignment_id)

    # -- hours -------------------------------------------------------------------------------------------------

    def log_hours(self, assignment_id: str, day: date, minutes: int, activity: str = "") -> HoursEntry:
        assignment = self.get(assignment_id)
        entry = HoursEntry(day=day, minutes=minutes, activity=clean_text(activity), assignment_id=assignment_id)
        errors = arules.validate_hours(entry, self._requests.today())
        if "day" not in errors and assignment.proposed_on and day < assignment.proposed_on:
            from kommandesk.i18n.formatting import format_date

            errors["day"] = _("Hours cannot be logged for a day before the volunteer was proposed ({day}).").format(
                day=format_date(assignment.proposed_on))
        if errors:
            raise ValidationError(errors)
        with self._store.db.atomic():
            entry_id = self._repo.insert_hours([entry])[0]
        return dataclasses.replace(entry, id=entry_id)

    def delete_hours(self, entry_id: str) -> None:
        with self._store.db.atomic():
            if not self._repo.delete_hours(entry_id):
                raise KommanDeskError(_("These hours do not exist (any more)."))

    def hours_of(self, assignment_id: str) -> list[HoursEntry]:
        return self._repo.hours_of(assignment_id)

    def total_minutes(self, volunteer_id: str) -> int:
        return self._repo.total_minutes(volunteer_id)
