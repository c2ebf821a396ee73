"""Data protection (GDPR): which person a reference names, the typed confirmation of an erasure, the retention
rules, and the shape of the readable Art. 15 report (no Qt, no SQL).

Access (Art. 15): everything stored about one volunteer (V-2026-0042) or one requester (the request A-2026-0107)
goes out as JSON (every column) and as a readable PDF (:class:`Readable`: sections of labelled values and tables).

Erasure (Art. 17): a volunteer is deleted with everything personal; what they did stays without them, so that
reports still count it: the assignments with their hours, the course registrations with their attendance, the
certificate register's entries (without name, content and PDF). A request is anonymised: the person's fields are
blanked, the request stays as a count. Either is confirmed by typing the reference.

Retention (Art. 5(1)(e)): requests closed more than N months ago are anonymised; a clearance record is deleted N
months (3 at most, § 72a SGB VIII) after the volunteer's activity ended (``domain.clearance.deletion_due``);
volunteers archived more than N years ago are deleted. A volunteer who still has an open assignment or an
upcoming course is held back: the coordinator ends those first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

from kommandesk.domain.clearance import Clearance, ClearancePolicy, add_months
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.validation import clean_text
from kommandesk.i18n import _

_REFERENCE = re.compile(r"^([VA])-(\d{4})-(\d{4,6})$")


class PersonKind(str, Enum):
    VOLUNTEER = "volunteer"  # V-2026-0042
    REQUEST = "request"  # A-2026-0107: the requester (refugee) of a support request


class ErasureReason(str, Enum):
    REQUEST = "request"  # the person asked (Art. 17)
    RETENTION = "retention"  # a retention rule


def parse_reference(text: str) -> tuple[PersonKind, str]:
    """(kind, the reference as stored) of a typed reference; KommanDeskError when it is not one."""
    reference = clean_text(text).upper()
    match = _REFERENCE.match(reference)
    if match is None:
        raise KommanDeskError(_("{text} is not a reference of a volunteer (V-2026-0042) or of a request "
                                "(A-2026-0107).").format(text=clean_text(text)[:40] or "\u2014"))
    return (PersonKind.VOLUNTEER if match.group(1) == "V" else PersonKind.REQUEST), reference


def check_confirmation(reference: str, typed: str | None) -> None:
    """An erasure goes ahead only when the reference was typed again, exactly (case and spaces aside)."""
    if clean_text(typed or "").upper() != reference:
        raise ValidationError({"confirm": _(
            "To confirm, type the reference {reference} exactly. Nothing was erased.").format(reference=reference)})


# -- retention ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RetentionPolicy:
    request_months: int = 12
    archive_years: int = 2
    clearance_months: int = 3

    @classmethod
    def of(cls, org) -> "RetentionPolicy":
        """From the organisation's settings (``domain.organisation.Organisation``)."""
        return cls(org.retention_request_months, org.retention_archive_years, org.retention_clearance_months)


CLOSED_REQUEST = frozenset({"completed", "cancelled"})  # domain.requests: the request is closed
ENDED_VOLUNTEER = frozenset({"inactive", "archived"})  # domain.volunteers.ENDED


def last_change_to(history: Sequence[tuple[str, dt.date]], statuses: frozenset[str]) -> dt.date | None:
    """The day of the latest change (in history order) to one of ``statuses``."""
    for status, day in reversed(history):
        if status in statuses:
            return day
    return None


def request_due(status: str, closed_on: dt.date | None, policy: RetentionPolicy) -> dt.date | None:
    """When a closed request is anonymised: ``request_months`` after it was closed (None while open)."""
    if status not in CLOSED_REQUEST or closed_on is None:
        return None
    return add_months(closed_on, policy.request_months)


def archive_due(status: str, history: Sequence[tuple[str, dt.date]], policy: RetentionPolicy) -> dt.date | None:
    """When an archived volunteer is deleted: ``archive_years`` after they were (last) archived."""
    if status != "archived":
        return None
    archived = last_change_to(history, frozenset({"archived"}))
    return add_months(archived, 12 * policy.archive_years) if archived else None


def clearance_due(status: str, history: Sequence[tuple[str, dt.date]], issued_on: dt.date | None,
                  policy: RetentionPolicy) -> dt.date | None:
    """When a clearance record is deleted: the volunteers' rule (``Volunteer.clearance_deletion_due``)."""
    from kommandesk.domain.clearance import deletion_due

    ended = last_change_to(history, ENDED_VOLUNTEER) if status in ENDED_VOLUNTEER else None
    return deletion_due(ended, Clearance(issued_on=issued_on),
                        ClearancePolicy(deletion_after_months=policy.clearance_months))


@dataclass(frozen=True)
class Candidate:
    """One thing a retention rule would do: to the record ``id`` (``reference``), due since ``due_on``."""
    id: str
    reference: str
    due_on: dt.date


@dataclass(frozen=True)
class RetentionPlan:
    today: dt.date
    policy: RetentionPolicy
    requests: tuple[Candidate, ...] = ()  # closed requests to anonymise
    clearances: tuple[Candidate, ...] = ()  # clearance records to delete (of volunteers who stay)
    volunteers: tuple[Candidate, ...] = ()  # archived volunteers to delete
    held_back: tuple[Candidate, ...] = ()  # archived volunteers due, but with an open assignment or course

    @property
    def total(self) -> int:
        return len(self.requests) + len(self.clearances) + len(self.volunteers)

    @property
    def empty(self) -> bool:
        return self.total == 0


def plan_retention(today: dt.date, policy: RetentionPolicy, requests, volunteers, blocked: frozenset[str]
                   ) -> RetentionPlan:
    """What the rules would do today. ``requests``: (id, reference, status, closed on) of requests not yet
    anonymised; ``volunteers``: (id, reference, status, clearance issued on, history [(status, day)]) of
    volunteers whose activity ended; ``blocked``: ids of volunteers with an open assignment or course."""
    due_requests = []
    for request_id, reference, status, closed_on in requests:
        due = request_due(status, closed_on, policy)
        if due is not None and due <= today:
            due_requests.append(Candidate(request_id, reference, due))
    deleted, held, clearances = [], [], []
    for volunteer_id, reference, status, issued_on, history in volunteers:
        due = archive_due(status, history, policy)
        if due is not None and due <= today:
            (held if volunteer_id in blocked else deleted).append(Candidate(volunteer_id, reference, due))
            if volunteer_id not in blocked:
                continue
        due = clearance_due(status, history, issued_on, policy)
        if due is not None and due <= today:
            clearances.append(Candidate(volunteer_id, reference, due))
    order = lambda c: (c.due_on, c.reference)  # noqa: E731
    return RetentionPlan(today, policy, tuple(sorted(due_requests, key=order)), tuple(sorted(clearances, key=order)),
                         tuple(sorted(deleted, key=order)), tuple(sorted(held, key=order)))


# -- erasure -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ErasurePlan:
    """What erasing ``reference`` does: ``counts`` (what -> how many, see ``services.privacy.COUNT_LABELS``),
    ``blockers`` (why it cannot be done now: translated sentences) and ``warnings`` (what to know first)."""
    kind: PersonKind
    reference: str
    name: str  # as the coordinator knows the person: the name, or the request's person
    counts: dict[str, int] = field(default_factory=dict)
    blockers: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def possible(self) -> bool:
        return not self.blockers


@dataclass(frozen=True)
class ErasureResult:
    kind: PersonKind
    reference: str
    counts: dict[str, int]


# -- the readable report (Art. 15) -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class ReadableSection:
    """A heading with labelled values (``fields``: (label, value)), a table, or a sentence (``note``) when
    there is nothing to show."""
    title: str
    fields: tuple[tuple[str, str], ...] = ()
    table: Table | None = None
    note: str = ""


@dataclass(frozen=True)
class Readable:
    """The Art. 15 report, every text in the language it was made in: a title, who it is about, lines under the
    title (reference, date), the sections, and the information Art. 15 (1) adds (purposes, storage, rights)."""
    title: str
    person: str
    lines: tuple[str, ...]
    sections: tuple[ReadableSection, ...]
    organisation: str = ""
    footer: str = ""
    page: str = "{page} / {pages}"  # the page's number, translated
