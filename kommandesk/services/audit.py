"""The audit trail for the app: who the changes are recorded for, and reading the entries -- of one volunteer or
request with the rows that belong to it, or all of them through a filter. Read-only: no method here (nor anywhere
in the app) changes or deletes an entry. The trail is written by the database itself (store/audit.py)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from kommandesk.store import audit
from kommandesk.store.db import Store

if TYPE_CHECKING:
    from kommandesk.domain.audit import AuditEntry, AuditFilter, FieldChange
    from kommandesk.store.audit_repo import AuditRepository

# id columns of other records whose values are shown by name, and the table they name
NAMED_COLUMNS = {"volunteer_id": "volunteers", "request_id": "requests", "assignment_id": "assignments",
                 "course_id": "courses", "session_id": "course_sessions", "registration_id": "course_registrations",
                 "area_id": "areas_of_help"}


class AuditPage:
    """The newest entries a filter finds (at most LIST_LIMIT), and how many it finds."""

    __slots__ = ("entries", "total")

    def __init__(self, entries: tuple[AuditEntry, ...], total: int):
        self.entries = entries
        self.total = total


class AuditService:
    """Built at start (the app says who works); the reading parts are loaded when the trail is first shown."""

    def __init__(self, store: Store):
        self._store = store
        self._reader: AuditRepository | None = None

    @property
    def _repo(self) -> "AuditRepository":
        if self._reader is None:
            from kommandesk.store.audit_repo import AuditRepository

            self._reader = AuditRepository(self._store)
        return self._reader

    # -- who ---------------------------------------------------------------------------------------------------

    def set_actor(self, os_user: str | None, coordinator: str) -> audit.Actor:
        """Record the changes made from now on (this connection and those opened later, e.g. by a background
        task) for ``coordinator`` working as ``os_user`` (None: the computer's user)."""
        actor = audit.set_default_actor(os_user, coordinator)
        audit.set_actor(self._store.conn, *actor)
        return actor

    def actor(self) -> audit.Actor:
        return audit.actor(self._store.conn) or audit.default_actor()

    # -- reading -----------------------------------------------------------------------------------------------

    def of_volunteer(self, volunteer_id: str) -> list[AuditEntry]:
        """The volunteer's entries with those of their languages, areas, absences, status history, allowances,
        assignments (and their hours), course registrations (and attendance) and certificates; newest first."""
        return self._entries(self._repo.record_ids("volunteers", volunteer_id))

    def of_request(self, request_id: str) -> list[AuditEntry]:
        """The request's entries with those of its languages, status history and assignments (their status
        history and hours); newest first."""
        return self._entries(self._repo.record_ids("requests", request_id))

    def _entries(self, record_ids: Sequence[str]) -> list[AuditEntry]:
        from kommandesk.domain.audit import entry_from

        return [entry_from(row) for row in self._repo.entries_of(record_ids)]

    def search(self, flt: AuditFilter, limit: int | None = None) -> AuditPage:
        """The newest ``limit`` entries the filter finds, and how many it finds (ValidationError when the filter
        makes no sense: a period that ends before it starts)."""
        from kommandesk.domain import audit as rules
        from kommandesk.store.audit_repo import AuditQuery

        limit = rules.LIST_LIMIT if limit is None else limit
        flt = flt.checked()
        since, until = flt.utc_bounds()
        query = AuditQuery(since=since, until=until, tables=rules.KINDS[flt.kind][1] if flt.kind else (),
                           user=flt.user, text=flt.text)
        rows = self._repo.search(query, limit)
        total = len(rows) if len(rows) < limit else self._repo.count(query)
        return AuditPage(tuple(rules.entry_from(row) for row in rows), total)

    def users(self) -> list[str]:
        """Every name the entries were made under: coordinators' names and OS users, sorted."""
        names = {name for pair in self._repo.users() for name in pair if name}
        return sorted(names, key=str.casefold)

    # -- showing -----------------------------------------------------------------------------------------------

    def record_labels(self, entries: Iterable[AuditEntry]) -> dict[tuple[str, str], str]:
        """(table, record id) -> "V-2026-0042 Anna Müller" for the records the entries are about (a record deleted
        since: from its entries' values, else nothing)."""
        entries = list(entries)
        found = {key: self._label(key[0], parts) for key, parts in
                 self._repo.labels((entry.table, entry.record_id) for entry in entries).items()}
        for entry in entries:
            key = (entry.table, entry.record_id)
            if key not in found:
                gone = _label_from_values(entry)
                if gone:
                    found[key] = gone
        return found

    def value_names(self, entries: Iterable[AuditEntry]) -> dict[tuple[str, str], str]:
        """(column, id) -> the name of the record an id in the entries' values stands for (a volunteer, a request,
        an area of help, a session, ...)."""
        refs = {(NAMED_COLUMNS[change.column], value) for entry in entries for change in entry.changes
                if change.column in NAMED_COLUMNS for value in (change.old, change.new) if isinstance(value, str)}
        column_of = {table: column for column, table in NAMED_COLUMNS.items()}
        return {(column_of[table], record_id): self._label(table, parts)
                for (table, record_id), parts in self._repo.labels(refs).items()}

    def show(self, entry: AuditEntry, change: FieldChange,
             names: dict[tuple[str, str], str] | None = None) -> tuple[str, str]:
        """The old and the new value of a change as the UI shows them."""
        from kommandesk.domain import audit as rules

        return (rules.show_value(entry.table, change.column, change.old, names),
                rules.show_value(entry.table, change.column, change.new, names))

    @staticmethod
    def _label(table: str, parts: tuple[str, str]) -> str:
        from kommandesk.domain.audit import show_value
        from kommandesk.i18n import current_language

        reference, name = parts
        if table == "areas_of_help":  # (German name, English name)
            return reference if current_language() == "de" else name
        if table == "course_sessions":  # (course reference, "2026-03-12 10:00")
            day, _space, start = name.partition(" ")
            name = f"{show_value(table, 'day', day)} {start}".strip()
        return " ".join(part for part in (reference, name) if part)


def _label_from_values(entry: AuditEntry) -> str:
    """A deleted record's reference and name, from the values its delete entry kept."""
    values = {change.column: change.old if change.old is not None else change.new for change in entry.changes}
    if entry.table == "volunteers":
        parts = (values.get("reference"), values.get("first_name"), values.get("last_name"))
    elif entry.table == "requests":
        parts = (values.get("reference"), values.get("person"))
    else:
        parts = (values.get("reference") or values.get("number"), values.get("title") or values.get("name"))
    return " ".join(str(part) for part in parts if part)
