"""A course's sessions as an iCalendar file (RFC 5545) for the coordinator's calendar program.

One VEVENT per session. Its UID is made from the session's id, so importing the file again after a session was
moved updates that appointment instead of adding a second one; SEQUENCE and DTSTAMP grow with every export so
calendar programs accept the change. Times are local times in Europe/Berlin (TZID with a VTIMEZONE), which is where
the courses happen. Cancelled sessions stay in the file with STATUS:CANCELLED, so they disappear from calendars
that imported them earlier. Text is escaped; lines end in CRLF and are folded at 75 octets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Protocol

from kommandesk.domain.trainings import Course
from kommandesk.i18n import _

TZID = "Europe/Berlin"
PRODID = "-//KommanDesk//Trainings//EN"
UID_DOMAIN = "kommandesk.invalid"
MAX_OCTETS = 75

# Central European Time with the EU rule for summer time (last Sunday of March / October), valid since 1996.
VTIMEZONE = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)


class SessionLike(Protocol):  # domain Session or the service's SessionRow
    id: str | None
    day: dt.date
    start: dt.time
    end: dt.time
    place: str
    trainer: str
    cancelled: bool
    number: int | None


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(char for char in text if char == "\n" or char == "\t" or ord(char) >= 0x20)
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets (UTF-8), never inside a character; continuation
    lines start with a space."""
    encoded = line.encode("utf-8")
    if len(encoded) <= MAX_OCTETS:
        return line
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    limit = MAX_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, MAX_OCTETS - 1  # the leading space counts
        current.append(char)
        size += octets
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def _local(day: dt.date, time: dt.time) -> str:
    return f"{day:%Y%m%d}T{time:%H%M}00"


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def session_uid(session_id: str) -> str:
    return f"session-{session_id}@{UID_DOMAIN}"


def sessions_ics(course: Course, sessions: Sequence[SessionLike], organisation_name: str,
                 now: dt.datetime | None = None) -> str:
    """The calendar text (CRLF line ends). ``now`` (aware) is the export's time stamp; the present by default."""
    now = now or dt.datetime.now(dt.timezone.utc)
    stamp = _utc(now)
    sequence = int(now.timestamp()) // 60  # minutes since 1970: grows with every export
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{escape(course.title)}", f"X-WR-TIMEZONE:{TZID}", *VTIMEZONE]
    for session in sessions:
        lines.extend(_event(course, session, organisation_name, stamp, sequence))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _event(course: Course, session: SessionLike, organisation_name: str, stamp: str, sequence: int) -> Iterable[str]:
    if not session.id:
        raise ValueError("a session must be saved before it is exported")
    summary = _("{course} \u2013 session {number}").format(course=course.title, number=session.number or "")
    details = [_("Course {reference}").format(reference=course.reference or "")]
    trainer = session.trainer or course.trainers
    if trainer:
        details.append(_("Trainer: {trainer}").format(trainer=trainer))
    if course.funding_tag:
        details.append(_("Funded by {funding}").format(funding=course.funding_tag))
    if organisation_name:
        details.append(organisation_name)
    if session.cancelled:
        details.insert(0, _("This session was cancelled."))
    yield "BEGIN:VEVENT"
    yield f"UID:{session_uid(session.id)}"
    yield f"DTSTAMP:{stamp}"
    yield f"SEQUENCE:{sequence}"
    yield f"DTSTART;TZID={TZID}:{_local(session.day, session.start)}"
    yield f"DTEND;TZID={TZID}:{_local(session.day, session.end)}"
    yield f"SUMMARY:{escape(summary)}"
    if session.place:
        yield f"LOCATION:{escape(session.place)}"
    yield f"DESCRIPTION:{escape(chr(10).join(details))}"
    yield f"STATUS:{'CANCELLED' if session.cancelled else 'CONFIRMED'}"
    yield "TRANSP:OPAQUE"
    yield "END:VEVENT"
