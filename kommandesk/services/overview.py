"""The Overview: the counts at a glance and the to-do list of the day, each item naming the record it opens.

Everything is read in a few aggregate queries (store/overview_repo.py): each kind of to-do brings its first
ITEMS_SHOWN rows in list order and how many there are in all. Texts are made here, in the active language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from kommandesk.domain.clearance import Clearance, ClearancePolicy, ClearanceResult, ClearanceState, add_months
from kommandesk.domain.overview import (
    ABSENCE_DAYS, ITEMS_SHOWN, SESSION_DAYS, Counts, Overview, Target, TodoItem, TodoKind,
)
from kommandesk.i18n import _, ngettext
from kommandesk.i18n.formatting import format_date, format_number, format_time
from kommandesk.services.organisation import OrganisationService
from kommandesk.store.db import Store
from kommandesk.store.overview_repo import OverviewRepository

CHILDREN_AREAS = ("homework", "childcare")  # keys of the areas of help that mean work with children


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def volunteer_title(row) -> str:
    return _("{last_name}, {first_name} ({reference})").format(last_name=row["last_name"],
                                                              first_name=row["first_name"],
                                                              reference=row["reference"])


def request_title(reference: str, person: str) -> str:
    return _("{reference} – {person}").format(reference=reference, person=person)


def month_of(today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and the last day of ``today``'s calendar month."""
    first = today.replace(day=1)
    return first, add_months(first, 1) - dt.timedelta(days=1)


class OverviewService:
    def __init__(self, store: Store, organisation: OrganisationService,
                 today: Callable[[], dt.date] = dt.date.today):
        self._repo = OverviewRepository(store)
        self._organisation = organisation
        self._today = today

    def today(self) -> dt.date:
        """The service's today (a fixed day in tests); the page rebuilds when it changes."""
        return self._today()

    def build(self, today: dt.date | None = None) -> Overview:
        today = today or self._today()
        org = self._organisation.get()
        policy = ClearancePolicy(validity_years=org.clearance_validity_years, warning_days=org.clearance_warning_days)
        waiting_before = today - dt.timedelta(days=org.unmatched_days)
        month_first, month_last = month_of(today)
        row = self._repo.counts(waiting_before=waiting_before, month_first=month_first, month_last=month_last)
        counts = Counts(active_volunteers=row["active_volunteers"], open_requests=row["open_requests"],
                        waiting_requests=row["waiting_requests"], waiting_days=org.unmatched_days,
                        active_assignments=row["active_assignments"],
                        trainings_this_month=row["trainings_this_month"])
        kinds: dict[TodoKind, tuple[list[TodoItem], int]] = {
            TodoKind.CLEARANCE: self._clearances(today, policy),
            TodoKind.CONSENT: self._consents(),
            TodoKind.FOLLOW_UP: self._follow_ups(today),
            TodoKind.UNMATCHED: self._unmatched(today, waiting_before),
            TodoKind.SESSION: self._sessions(today),
            TodoKind.ABSENCE: self._absences(today),
        }
        return Overview(today=today, counts=counts,
                        items={kind: tuple(items) for kind, (items, _total) in kinds.items()},
                        totals={kind: total for kind, (_items, total) in kinds.items()})

    # -- the kinds of to-do ----------------------------------------------------------------------------------
    def _clearances(self, today: dt.date, policy: ClearancePolicy) -> tuple[list[TodoItem], int]:
        """Expired or expiring for every active volunteer with a clearance; none, not inspected yet, or a
        relevant entry for those who work with children. The domain's rule decides, row by row, among the
        candidates the store found (a clearance old enough to be near its end, or work with children)."""
        warn_until = today + dt.timedelta(days=policy.warning_days)
        issued_until = add_months(warn_until, -12 * policy.validity_years) + dt.timedelta(days=3)  # a superset
        found = []
        for row in self._repo.clearance_candidates(issued_until=issued_until, children_area_keys=CHILDREN_AREAS):
            result = row["clearance_result"]
            clearance = Clearance(issued_on=_day(row["clearance_issued_on"]),
                                  inspected_on=_day(row["clearance_inspected_on"]),
                                  result=ClearanceResult(result) if result else None)
            state = clearance.state(today, policy)
            if state in (ClearanceState.EXPIRED, ClearanceState.EXPIRING):
                due = clearance.expires_on(policy)
            elif state in (ClearanceState.NONE, ClearanceState.RELEVANT_ENTRY) and \
                    (row["children_assignment"] or row["children_area"]):
                due = today  # needed now; expired ones (earlier) come first, expiring ones (later) after
            else:
                continue
            found.append(((due, row["last_key"], row["first_key"], row["reference"]), row, clearance, state))
        found.sort(key=lambda entry: entry[0])
        items = [TodoItem(TodoKind.CLEARANCE, Target.VOLUNTEER, row["id"], volunteer_title(row),
                          self._clearance_detail(row, clearance, state, policy), key[0])
                 for key, row, clearance, state in found[:ITEMS_SHOWN]]
        return items, len(found)

    @staticmethod
    def _clearance_detail(row, clearance: Clearance, state: ClearanceState, policy: ClearancePolicy) -> str:
        if state is ClearanceState.EXPIRED:
            return _("The clearance expired on {date}.").format(date=format_date(clearance.expires_on(policy)))
        if state is ClearanceState.EXPIRING:
            return _("The clearance expires on {date}.").format(date=format_date(clearance.expires_on(policy)))
        if state is ClearanceState.RELEVANT_ENTRY:
            what = _("The clearance shows a relevant entry.")
        elif clearance.issued_on is None:
            what = _("No clearance recorded.")
        else:
            what = _("The clearance has not been inspected yet.")
        why = _("Assigned to a request with children.") if row["children_assignment"] else \
            _("Their areas of help include work with children.")
        return _("{problem} {reason}").format(problem=what, reason=why)

    def _consents(self) -> tuple[list[TodoItem], int]:
        found = self._repo.missing_consents(ITEMS_SHOWN)
        items = []
        for row in found.rows:
            due = _day(row["due"])
            if row["target"] == "volunteer":
                detail = _("No consent recorded (registered on {date}).").format(date=format_date(due)) if due else \
                    _("No consent recorded.")
                items.append(TodoItem(TodoKind.CONSENT, Target.VOLUNTEER, row["id"], volunteer_title(row), detail,
                                      due))
            else:
                detail = _("No consent recorded for this request (received on {date}).").format(date=format_date(due))
                items.append(TodoItem(TodoKind.CONSENT, Target.REQUEST, row["id"],
                                      request_title(row["reference"], row["person"]), detail, due))
        return items, found.total

    def _follow_ups(self, today: dt.date) -> tuple[list[TodoItem], int]:
        found = self._repo.follow_ups(today, ITEMS_SHOWN)
        if found.rows:
            from kommandesk.domain.assignments import AssignmentStatus  # not at start-up when nothing is due
        items = []
        for row in found.rows:
            due = _day(row["follow_up_on"])
            status = AssignmentStatus(row["status"]).label()
            late = (today - due).days
            if late == 0:
                detail = _("Follow-up due today (assignment {status}).").format(status=status)
            else:
                detail = ngettext("Follow-up due since {date}, {count} day ago (assignment {status}).",
                                  "Follow-up due since {date}, {count} days ago (assignment {status}).",
                                  late).format(date=format_date(due), count=format_number(late), status=status)
            title = _("{last_name}, {first_name} – {reference}").format(
                last_name=row["last_name"], first_name=row["first_name"], reference=row["request_reference"])
            items.append(TodoItem(TodoKind.FOLLOW_UP, Target.REQUEST, row["request_id"], title, detail, due))
        return items, found.total

    def _unmatched(self, today: dt.date, waiting_before: dt.date) -> tuple[list[TodoItem], int]:
        found = self._repo.unmatched(waiting_before, ITEMS_SHOWN)
        if found.rows:
            from kommandesk.domain.requests import RequestStatus  # not at start-up when nothing waits
        items = []
        for row in found.rows:
            received = _day(row["received_on"])
            days = (today - received).days
            detail = ngettext("Waiting for a volunteer for {count} day, since {date} (status: {status}).",
                              "Waiting for a volunteer for {count} days, since {date} (status: {status}).",
                              days).format(count=format_number(days), date=format_date(received),
                                           status=RequestStatus(row["status"]).label())
            items.append(TodoItem(TodoKind.UNMATCHED, Target.REQUEST, row["id"],
                                  request_title(row["reference"], row["person"]), detail, received))
        return items, found.total

    def _sessions(self, today: dt.date) -> tuple[list[TodoItem], int]:
        found = self._repo.sessions_with_places(today, today + dt.timedelta(days=SESSION_DAYS), ITEMS_SHOWN)
        items = []
        for row in found.rows:
            day = _day(row["day"])
            start = dt.time.fromisoformat(row["start"])
            when = _("{date} at {time}").format(date=format_date(day), time=format_time(start))
            free, waiting = max(0, row["capacity"] - row["taken"]), row["waiting"]
            places = ngettext("{count} place free", "{count} places free", free).format(count=format_number(free))
            queue = ngettext("{count} on the waiting list", "{count} on the waiting list", waiting).format(
                count=format_number(waiting))
            if free and waiting:
                detail = _("{when}: {places}, {waiting}.").format(when=when, places=places, waiting=queue)
            elif free:
                detail = _("{when}: {places}.").format(when=when, places=places)
            else:
                detail = _("{when}: fully booked, {waiting}.").format(when=when, waiting=queue)
            title = _("{title} ({reference})").format(title=row["title"], reference=row["reference"])
            items.append(TodoItem(TodoKind.SESSION, Target.COURSE, row["course_id"], title, detail, day))
        return items, found.total

    def _absences(self, today: dt.date) -> tuple[list[TodoItem], int]:
        found = self._repo.absences(today, today + dt.timedelta(days=ABSENCE_DAYS), ITEMS_SHOWN)
        items = []
        for row in found.rows:
            first, last = _day(row["first_day"]), _day(row["last_day"])
            count = row["open_assignments"]
            if count:
                detail = ngettext("Away from {first} to {last}, with {count} open assignment.",
                                  "Away from {first} to {last}, with {count} open assignments.", count).format(
                    first=format_date(first), last=format_date(last), count=format_number(count))
            else:
                detail = _("Away from {first} to {last}, no open assignments.").format(first=format_date(first),
                                                                                      last=format_date(last))
            items.append(TodoItem(TodoKind.ABSENCE, Target.VOLUNTEER, row["volunteer_id"], volunteer_title(row),
                                  detail, first))
        return items, found.total

