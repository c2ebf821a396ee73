"""What the crash harness knows and checks after a kill: the writes acknowledged so far (a ledger), the write that
was under way when the child died, and the database read back through the services.

A write is *lost* when a value it acknowledged is not in the database (and no later write of the same record and
field explains the difference). The write under way at the kill is either wholly there or wholly absent: that is
checked too (``partial``), and when it is there it joins the ledger as an unacknowledged write, so that the next
kill's check expects it. The number of rows of each table must equal the records the ledger knows
(``unexplained`` otherwise: rows nobody wrote, or rows lost without a trace).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

import crash_child as shapes

# the table each kind of record lives in, and how to find a record that was being created when the child died
TABLES = {"volunteer": "volunteers", "request": "requests", "assignment": "assignments", "hours": "assignment_hours",
          "allowance": "allowances", "course": "courses", "session": "course_sessions",
          "registration": "course_registrations", "attendance": "course_attendance"}
NEW = "new"


@dataclass
class Exchange:
    """What one child said: its acknowledged writes in order and the write it had begun but not acknowledged."""

    ready: bool = False
    acks: list[tuple[str, str, dict]] = field(default_factory=list)  # kind, id, effects
    pending: tuple[str, dict] | None = None  # kind, planned effects
    progress: list[tuple[int, int]] = field(default_factory=list)

    def take(self, line: str) -> None:
        word, _, rest = line.partition(" ")
        if word == "READY":
            self.ready = True
        elif word == "TRY":
            kind, _, planned = rest.partition(" ")
            self.pending = (kind, json.loads(planned))
        elif word == "ACK":
            kind, _, rest = rest.partition(" ")
            primary, _, effects = rest.partition(" ")
            self.acks.append((kind, primary, json.loads(effects)))
            self.pending = None
        elif word == "PROGRESS":
            done, total = rest.split()
            self.progress.append((int(done), int(total)))

    @property
    def interrupted(self) -> str:
        """Where the kill landed: the kind of write under way, between writes, or while opening."""
        if not self.ready:
            return "(opening the database)"
        return self.pending[0] if self.pending else "(between writes)"


@dataclass
class Verdict:
    damaged: str = ""  # why the database counts as damaged ('' = it opened and passed the integrity check)
    lost: list[str] = field(default_factory=list)  # one line per lost write
    partial: list[str] = field(default_factory=list)  # the interrupted write, half there
    unexplained: list[str] = field(default_factory=list)  # row counts the ledger does not explain
    committed: bool | None = None  # the interrupted write: in the database (True), not (False), none (None)

    @property
    def ok(self) -> bool:
        return not (self.damaged or self.lost or self.partial or self.unexplained)


class Ledger:
    """Every record the children of one series wrote, with the value of each field and the write that set it."""

    def __init__(self) -> None:
        self.expected: dict[tuple[str, str], dict[str, tuple[object, int | None]]] = {}
        self.acks: list[tuple[str, str]] = []  # kind, id of each acknowledged write, by number

    def record(self, kind: str, primary: str, effects: dict) -> None:
        self.acks.append((kind, primary))
        self._apply(effects, len(self.acks) - 1)

    def _apply(self, effects: dict, number: int | None) -> None:
        for entity, records in effects.items():
            for record_id, values in records.items():
                slot = self.expected.setdefault((entity, record_id), {})
                for name, value in values.items():
                    if name != "tag":
                        slot[name] = (value, number)

    def describe(self, number: int | None) -> str:
        return "an unacknowledged write that had committed" if number is None else "ACK #{} {} {}".format(
            number + 1, *self.acks[number])

    def verify(self, services, exchange: Exchange) -> Verdict:
        """Check the open database against the ledger, after taking in what the child acknowledged."""
        for kind, primary, effects in exchange.acks:
            self.record(kind, primary, effects)
        verdict = Verdict()
        reader = Reader(services)
        if exchange.pending is not None:
            self._settle(reader, exchange.pending, verdict)
        for (entity, record_id), fields in self.expected.items():
            actual = reader.read(entity, record_id, fields)
            if actual is None:
                numbers = sorted({n for _, n in fields.values()}, key=lambda n: -1 if n is None else n)
                verdict.lost += [f"{self.describe(n)}: {entity} {record_id} is missing" for n in numbers]
                continue
            for name, (value, number) in fields.items():
                if actual.get(name) != value:
                    verdict.lost.append(f"{self.describe(number)}: {entity} {record_id} {name} is "
                                        f"{actual.get(name)!r}, acknowledged {value!r}")
        known = defaultdict(int)
        for entity, _ in self.expected:
            known[entity] += 1
        for entity, table in TABLES.items():
            rows = reader.count(table)
            if rows != known[entity]:
                verdict.unexplained.append(f"{table}: {rows} rows, the writes explain {known[entity]}")
        return verdict

    def _settle(self, reader: "Reader", pending: tuple[str, dict], verdict: Verdict) -> None:
        """Was the interrupted write committed? All of it or nothing; when it was, the ledger takes it in."""
        kind, planned = pending
        there, absent, found = [], [], {}
        for entity, records in planned.items():
            for record_id, values in records.items():
                wanted = {name: value for name, value in values.items() if name != "tag"}
                if record_id == NEW:
                    ids = reader.find(entity, values)
                    if len(ids) > 1:
                        verdict.partial.append(f"{kind}: {len(ids)} {entity} records for one write")
                    if not ids:
                        absent.append(entity)
                        continue
                    record_id = ids[0]
                    found.setdefault(entity, {})[record_id] = wanted
                actual = reader.read(entity, record_id, wanted) or {}
                before = {name: slot[0] for name, slot in self.expected.get((entity, record_id), {}).items()}
                if all(actual.get(name) == value for name, value in wanted.items()):
                    if any(before.get(name) != value for name, value in wanted.items()):
                        there.append(entity)  # else: the write would change nothing here (either way is fine)
                        found.setdefault(entity, {})[record_id] = wanted
                elif all(actual.get(name) == before.get(name) for name in wanted) and (entity, record_id) in \
                        self.expected:
                    absent.append(entity)
                elif not actual and record_id not in found.get(entity, {}):
                    absent.append(entity)
                else:
                    verdict.partial.append(f"{kind}: {entity} {record_id} holds {actual}, neither before nor after")
        if there and absent:
            verdict.partial.append(f"{kind}: only part of the write is there ({', '.join(there)} but not "
                                   f"{', '.join(absent)})")
        verdict.committed = bool(there)
        if there:
            self._apply(found, None)


class Reader:
    """Records read back through the services, in the shapes the child reported them in."""

    def __init__(self, services):
        self.s = services
        self._lists: dict[tuple[str, str], dict] = {}

    def count(self, table: str) -> int:
        return self.s.store.conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]

    def find(self, entity: str, values: dict) -> list[str]:
        """Ids of the records whose tag field(s) hold the planned values."""
        names = values["tag"] if isinstance(values["tag"], list) else [values["tag"]]
        where = " AND ".join(f'"{name}" = ?' for name in names)
        rows = self.s.store.conn.execute(f'SELECT id FROM "{TABLES[entity]}" WHERE {where}',
                                         [values[name] for name in names]).fetchall()
        return [row[0] for row in rows]

    def read(self, entity: str, record_id: str, fields: dict) -> dict | None:
        from kommandesk.domain.errors import KommanDeskError

        def value(name: str):
            slot = fields[name]
            return slot[0] if isinstance(slot, tuple) else slot

        s = self.s
        try:
            if entity == "volunteer":
                return shapes.volunteer_shape(s.volunteers.get(record_id))
            if entity == "request":
                return shapes.request_shape(s.requests.get(record_id))
            if entity == "assignment":
                return shapes.assignment_shape(s.requests.get_assignment(record_id))
            if entity == "hours":
                entries = self._list("hours", value("assignment_id"), lambda a: s.requests.hours_of(a))
                return shapes.hours_shape(entries[record_id]) if record_id in entries else None
            if entity == "allowance":
                paid = self._list("allowance", value("volunteer_id"), lambda v: s.allowances.for_volunteer(v))
                return shapes.allowance_shape(paid[record_id]) if record_id in paid else None
            if entity == "course":
                return shapes.course_shape(s.trainings.get_course(record_id))
            if entity == "session":
                return shapes.session_shape(s.trainings.get_session(record_id))
            if entity == "registration":
                course_id = value("course_id")
                people = {p.registration_id: p for p in self._cached(
                    ("registration", course_id), lambda: s.trainings.participants(course_id, include_cancelled=True))}
                found = people.get(record_id)
                return shapes.registration_shape(course_id, found.volunteer_id, found.status) if found else None
            if entity == "attendance":
                course_id = value("course_id")
                records = self._cached(("attendance", course_id), lambda: s.trainings.attendance(course_id))
                found = records.get(tuple(record_id.split("/")))
                return shapes.attendance_shape(course_id, found) if found else None
        except KommanDeskError:  # "does not exist (any more)"
            return None
        raise ValueError(f"unknown record kind {entity}")

    def _list(self, entity: str, owner: str, load) -> dict:
        return self._cached((entity, owner), lambda: {item.id: item for item in load(owner)})

    def _cached(self, key: tuple[str, str], load):
        if key not in self._lists:
            self._lists[key] = load()
        return self._lists[key]
