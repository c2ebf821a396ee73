"""The Overview: where a coordinator's day starts. Counts at a glance and a to-do list whose every item opens its
record. Plain values built by services/overview.py; no Qt, no SQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

from kommandesk.i18n import _

SESSION_DAYS = 7  # sessions in the next 7 days with free places or a waiting list
ABSENCE_DAYS = 14  # volunteers whose absence begins within the next 14 days
ITEMS_SHOWN = 50  # per kind of to-do: the first 50 are listed, the total is shown beside the heading


class TodoKind(str, Enum):
    """The kinds of to-do, in the order the list shows them."""

    CLEARANCE = "clearance"  # clearance expired or expiring, volunteer works with children
    CONSENT = "consent"  # a volunteer's or an open request's consent missing
    FOLLOW_UP = "follow_up"  # an open assignment's follow-up date has come
    UNMATCHED = "unmatched"  # a request without a volunteer for longer than the organisation's days
    SESSION = "session"  # a session soon with free places or a waiting list
    ABSENCE = "absence"  # a volunteer away soon

    def label(self) -> str:
        return {TodoKind.CLEARANCE: _("Clearances expiring or expired"),
                TodoKind.CONSENT: _("Consents missing"),
                TodoKind.FOLLOW_UP: _("Follow-ups due"),
                TodoKind.UNMATCHED: _("Requests waiting for a volunteer"),
                TodoKind.SESSION: _("Sessions in the next 7 days with free places or a waiting list"),
                TodoKind.ABSENCE: _("Volunteers away soon")}[self]


class Target(str, Enum):
    """What an item opens."""

    VOLUNTEER = "volunteer"
    REQUEST = "request"
    COURSE = "course"


@dataclass(frozen=True)
class TodoItem:
    kind: TodoKind
    target: Target
    target_id: str
    title: str  # who or what: "Müller, Anna (V-2026-0042)"
    detail: str  # why, translated: "Clearance expires on 3 Jan 2027"
    due: dt.date | None = None  # sorts the items of a kind (earliest first)


@dataclass(frozen=True)
class Counts:
    active_volunteers: int = 0
    open_requests: int = 0
    waiting_requests: int = 0  # open, without a volunteer, received more than ``waiting_days`` ago
    waiting_days: int = 7
    active_assignments: int = 0
    trainings_this_month: int = 0  # courses with a session (not cancelled) this calendar month


@dataclass(frozen=True)
class Overview:
    today: dt.date
    counts: Counts
    items: dict[TodoKind, tuple[TodoItem, ...]] = field(default_factory=dict)  # at most ITEMS_SHOWN each
    totals: dict[TodoKind, int] = field(default_factory=dict)  # how many there are in all

    @property
    def todo_count(self) -> int:
        return sum(self.totals.values())
