"""Support requests: intake, the list (page by page, search, filters), the status lifecycle with history, and the
assignments of volunteers (kommandesk.services.request_assignments) with the hours they log.

The UI, the CLI and matching call exactly this (see the contract of issue 5). SQL lives in store/requests_repo.py
and store/assignments_repo.py; the rules live in domain/requests.py, domain/schedule.py, domain/assignments.py.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING

from kommandesk.domain import requests as rules
from kommandesk.domain.assignments import Assignment, AssignmentStatus, HoursEntry
from kommandesk.domain.availability import Availability, Slot
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.requests import RequestStatus, RequestStatusChange, SupportRequest, Urgency
from kommandesk.domain.schedule import Appointment
from kommandesk.domain.validation import clean_text
from kommandesk.i18n import _
from kommandesk.services.request_assignments import AssignmentDesk, AssignmentRow
from kommandesk.store.db import Store
from kommandesk.store.requests_repo import RequestFilter, RequestRepository, appointment_of

if TYPE_CHECKING:
    from kommandesk.services.volunteers import VolunteerService

__all__ = ["AssignmentRow", "RequestQuery", "RequestRow", "RequestService", "RequestSortKey"]


class RequestSortKey(str, Enum):
    REFERENCE = "reference"
    RECEIVED = "received_on"
    PERSON = "person"
    SITE = "site"
    STATUS = "status"
    URGENCY = "urgency"
    FIRST_DAY = "first_day"


@dataclass(frozen=True)
class RequestQuery:
    search: str = ""  # folded prefix per word, all words: reference, person, site, contact, postcode, description,
    # language and area names (German and English)
    statuses: frozenset[RequestStatus] = frozenset()  # empty = all
    open_only: bool = False  # status in OPEN
    area_id: str | None = None
    urgency: Urgency | None = None
    site: str | None = None  # exact site (folded compare)
    children: bool | None = None
    sort: RequestSortKey = RequestSortKey.RECEIVED
    descending: bool = True  # newest first by default


@dataclass(frozen=True)
class RequestRow:
    """One line of the list; cheap to load 200 at a time."""

    id: str
    reference: str
    person: str
    household_size: int
    site: str
    area_id: str | None
    status: RequestStatus
    urgency: Urgency
    received_on: date
    children: bool
    languages: str  # needed: "prs (B1), fa (B1)" (codes; the UI names them)
    first_day: date | None
    last_day: date | None
    appointment: Appointment | None
    recurrence_slots: frozenset[Slot]
    volunteers: str  # names of the volunteers with open assignments: "Anna Berg, Ali Kaya"


class RequestService:
    def __init__(self, store: Store, volunteers: "VolunteerService", today: Callable[[], date] = date.today):
        self._store = store
        self._volunteers = volunteers
        self._today = today
        self._repo = RequestRepository(store)
        self._desk = AssignmentDesk(store, self, volunteers)

    def today(self) -> date:
        """The service's today (a fixed day in tests)."""
        return self._today()

    # -- one request -------------------------------------------------------------------------------------------

    def new(self) -> SupportRequest:
        """An empty request: received today, status new."""
        return SupportRequest(received_on=self._today(), status=RequestStatus.NEW)

    def get(self, request_id: str) -> SupportRequest:
        req = self._repo.get(request_id) if request_id else None
        if req is None:
            raise KommanDeskError(_("This request does not exist (any more)."))
        return req

    def get_by_reference(self, reference: str) -> SupportRequest:
        req = self._repo.get_by_reference(clean_text(reference).upper())
        if req is None:
            raise KommanDeskError(_("There is no request with the reference {reference}.").format(
                reference=clean_text(reference)))
        return req

    def validate(self, req: SupportRequest) -> dict[str, str]:
        """Field -> translated message for everything that stops saving (live form feedback)."""
        cleaned = req.cleaned()
        errors = rules.validate(cleaned, self._today())
        if "area_id" not in errors and cleaned.area_id not in self._area_ids():
            errors["area_id"] = _("This area of help does not exist (any more).")
        if "status" not in errors and cleaned.id is not None:
            stored = self._repo.status_of(cleaned.id)
            if stored is not None and cleaned.status is not stored and cleaned.status not in rules.TRANSITIONS[stored]:
                errors["status"] = _("A request cannot go from {old} to {new}.").format(
                    old=stored.label(), new=cleaned.status.label())
        return errors

    def _area_ids(self) -> set[str]:
        return {area.id for area in self._volunteers.areas(include_retired=True)}

    def _checked(self, req: SupportRequest) -> SupportRequest:
        cleaned = req.cleaned()
        errors = self.validate(cleaned)
        if errors:
            raise ValidationError(errors)
        return cleaned

    def create(self, req: SupportRequest) -> SupportRequest:
        """Save a new request: gives id, reference A-YYYY-NNNN and the first history entry."""
        if req.id is not None:
            raise KommanDeskError(_("This request has been saved already."))
        cleaned = self._checked(req)
        today = self._today()
        received = cleaned.received_on or today
        history = cleaned.history or (RequestStatusChange(cleaned.status, received),)
        cleaned = dataclasses.replace(cleaned, received_on=received, history=history)
        return self._repo.create(cleaned, _coordinates(cleaned.postcode), year=today.year)

    def update(self, req: SupportRequest) -> SupportRequest:
        """Save changes (id, reference, created_at stay); a status change made in the form goes into the history."""
        if req.id is None:
            raise KommanDeskError(_("This request has not been saved yet."))
        stored = self.get(req.id)
        cleaned = self._checked(req)
        history = stored.history
        if cleaned.status is not stored.status:
            history = rules.change_status(stored, cleaned.status, self._today()).history
        cleaned = dataclasses.replace(cleaned, history=history, reference=stored.reference,
                                      created_at=stored.created_at)
        same_place = cleaned.postcode == stored.postcode
        with self._store.db.atomic():
            self._repo.update(cleaned, None if same_place else _coordinates(cleaned.postcode),
                              keep_coordinates=same_place)
            if cleaned.status is not stored.status:
                self._desk.close_for_request(stored, cleaned.status)
        return self.get(req.id)

    def change_status(self, request_id: str, status: RequestStatus, reason: str = "") -> SupportRequest:
        """Move the request through its lifecycle (ValidationError when not allowed); closing a request cancels
        the assignments still open (completing the active ones when the request is completed)."""
        req = self.get(request_id)
        changed = rules.change_status(req, RequestStatus(status), self._today(), reason)
        if changed is req:
            return req
        with self._store.db.atomic():
            self._repo.set_status(request_id, changed.history[-1])
            self._desk.close_for_request(req, changed.status)
        return self.get(request_id)

    def step_status(self, req: SupportRequest, status: RequestStatus, reason: str) -> SupportRequest:
        """For the assignments' bookkeeping: the request to ``status`` along allowed steps, each in the
        history (the caller holds the transaction). Unreachable statuses are left alone."""
        for step in _path(req.status, status):
            req = rules.change_status(req, step, self._today(), reason)
            self._repo.set_status(req.id, req.history[-1])
        return req

    def coordinates(self, request_id: str) -> tuple[float, float] | None:
        """(latitude, longitude) of the request's postcode, None when the postcode is not in the table."""
        return self._repo.coordinates(request_id)

    def import_many(self, reqs: Sequence[SupportRequest], reason: str) -> list[str]:
        """Validated requests inserted in one transaction (references in order, a history entry ``reason``
        each, the search index filled); any problem raises with nothing written."""
        today = self._today()
        reason = clean_text(reason)
        known = self._area_ids()
        items = []
        for req in reqs:
            cleaned = req.cleaned()
            errors = rules.validate(cleaned, today)
            if "area_id" not in errors and cleaned.area_id not in known:
                errors["area_id"] = _("This area of help does not exist (any more).")
            if errors:
                raise ValidationError(errors)
            if cleaned.id is not None:
                raise KommanDeskError(_("This request has been saved already."))
            received = cleaned.received_on or today
            cleaned = dataclasses.replace(cleaned, received_on=received,
                                          history=(RequestStatusChange(cleaned.status, today, reason),))
            items.append((cleaned, _coordinates(cleaned.postcode)))
        with self._store.db.atomic():
            return self._repo.insert_many(items, today.year)

    # -- the list ----------------------------------------------------------------------------------------------

    def count(self, query: RequestQuery) -> int:
        return self._repo.count(_filter(query))

    def page(self, query: RequestQuery, offset: int, limit: int) -> list[RequestRow]:
        return [_row(row, names) for row, names in self._repo.page(_filter(query), max(0, offset), max(0, limit))]

    def sites(self) -> list[str]:
        return self._repo.sites()

    def status_counts(self) -> dict[RequestStatus, int]:
        counts = self._repo.status_counts()
        return {status: counts.get(status.value, 0) for status in RequestStatus}

    def unassigned(self) -> list[SupportRequest]:
        """Requests waiting for a volunteer (new, matching): high urgency first, then the oldest."""
        return self._repo.unassigned()

    def household_requests(self, req: SupportRequest) -> list[str]:
        """Ids of the other requests of the same person or family at the same site (oldest first)."""
        person, site = req.household_key()
        if not person:
            return []
        return self._repo.household_ids(person, site, req.id)

    # -- assignments (kommandesk.services.request_assignments) --------------------------------------------------

    def assignments_of_request(self, request_id: str) -> list[AssignmentRow]:
        return self._desk.rows_of_request(request_id)

    def assignments_of_volunteer(self, volunteer_id: str) -> list[AssignmentRow]:
        return self._desk.rows_of_volunteer(volunteer_id)

    def get_assignment(self, assignment_id: str) -> Assignment:
        return self._desk.get(assignment_id)

    def assign(self, request_id: str, volunteer_id: str, *, score: float | None = None,
               override_rule: str | None = None, override_reason: str = "") -> Assignment:
        """Propose the volunteer for the request (the request becomes assigned), in one transaction."""
        return self._desk.assign_many([(request_id, volunteer_id, score, override_rule, override_reason)])[0]

    def assign_many(self, items: Sequence[tuple[str, str, float | None]]) -> list[Assignment]:
        """(request id, volunteer id, score) each, in ONE transaction: all or nothing."""
        return self._desk.assign_many([(request_id, volunteer_id, score, None, "")
                                       for request_id, volunteer_id, score in items])

    def change_assignment_status(self, assignment_id: str, status: AssignmentStatus, reason: str = "") -> Assignment:
        return self._desk.change_status(assignment_id, AssignmentStatus(status), reason)

    def update_assignment(self, assignment_id: str, *, notes: str, follow_up_on: date | None) -> Assignment:
        return self._desk.update(assignment_id, notes=notes, follow_up_on=follow_up_on)

    def log_hours(self, assignment_id: str, day: date, minutes: int, activity: str = "") -> HoursEntry:
        return self._desk.log_hours(assignment_id, day, minutes, activity)

    def delete_hours(self, entry_id: str) -> None:
        self._desk.delete_hours(entry_id)

    def hours_of(self, assignment_id: str) -> list[HoursEntry]:
        return self._desk.hours_of(assignment_id)

    def total_minutes(self, volunteer_id: str) -> int:
        """All hours logged for the volunteer, in minutes."""
        return self._desk.total_minutes(volunteer_id)


def _coordinates(postcode: str) -> tuple[float, float] | None:
    from kommandesk.services.geo import postcode_coordinates

    return postcode_coordinates(postcode)


def _path(start: RequestStatus, target: RequestStatus) -> list[RequestStatus]:
    """The shortest way through the lifecycle (breadth first), without the start; [] when there is none."""
    if start is target:
        return []
    paths = {start: []}
    queue = [start]
    while queue:
        status = queue.pop(0)
        for nxt in sorted(rules.TRANSITIONS[status], key=list(RequestStatus).index):
            if nxt not in paths:
                paths[nxt] = [*paths[status], nxt]
                if nxt is target:
                    return paths[nxt]
                queue.append(nxt)
    return []


_NO_STATUS = ("",)  # a status no row has: "open only" together with closed statuses shows nothing


def _filter(query: RequestQuery) -> RequestFilter:
    from kommandesk.domain.search_text import fold, tokens

    statuses = {RequestStatus(s) for s in query.statuses}
    if query.open_only:
        statuses = (statuses & rules.OPEN) if statuses else set(rules.OPEN)
        chosen = tuple(sorted(s.value for s in statuses)) or _NO_STATUS
    else:
        chosen = tuple(sorted(s.value for s in statuses))
    site = clean_text(query.site) if query.site else ""
    return RequestFilter(
        tokens=tuple(tokens(query.search)), statuses=chosen, area_id=query.area_id or None,
        urgency=Urgency(query.urgency).value if query.urgency is not None else None,
        site_key=fold(site) if site else None, children=query.children,
        sort=RequestSortKey(query.sort).value, descending=query.descending)


def _row(row, volunteers: str) -> RequestRow:
    def day(text: str | None) -> date | None:
        return date.fromisoformat(text) if text else None

    return RequestRow(
        id=row["id"], reference=row["reference"], person=row["person"], household_size=row["household_size"],
        site=row["site"], area_id=row["area_id"], status=RequestStatus(row["status"]), urgency=Urgency(row["urgency"]),
        received_on=day(row["received_on"]), children=bool(row["children"]), languages=row["languages_summary"],
        first_day=day(row["first_day"]), last_day=day(row["last_day"]), appointment=appointment_of(row),
        recurrence_slots=Availability.decode_slots(row["recurrence_slots"] or ""), volunteers=volunteers)
