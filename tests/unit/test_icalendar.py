"""The sessions of a course as iCalendar (RFC 5545), parsed back the way a calendar program reads it."""

from __future__ import annotations

import datetime as dt

from kommandesk.domain.trainings import Course, Session
from kommandesk.interchange.icalendar import escape, fold, sessions_ics

COURSE = Course(title="Grundkurs Flüchtlingshilfe; Teil 1, Köln", reference="K-2026-0007",
                funding_tag="KOMM-AN NRW II D", trainers="Ayşe Demir")
NOW = dt.datetime(2026, 2, 1, 8, 0, tzinfo=dt.timezone.utc)


def session(number: int, day: dt.date, **changes) -> Session:
    values = dict(course_id="c1", day=day, start=dt.time(9, 30), end=dt.time(12, 0), place="Raum 2.17, Hof",
                  trainer="", number=number, id=f"s{number}")
    return Session(**(values | changes))


SESSIONS = [session(1, dt.date(2026, 3, 3)), session(2, dt.date(2026, 3, 10), cancelled=True),
            session(3, dt.date(2026, 10, 27), place="Bürgerzentrum\\Süd\nEingang B", end=dt.time(13, 15),
                    trainer="يوسف منصور")]


def unfold(text: str) -> list[str]:
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")  # CRLF only, no bare line feeds
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def unescape(value: str) -> str:
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars)
            out.append("\n" if following in "nN" else following)
        else:
            out.append(char)
    return "".join(out)


def events(text: str) -> list[dict[str, str]]:
    found, current = [], None
    for line in unfold(text):
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            found.append(current)
            current = None
        elif current is not None:
            name, value = line.split(":", 1)
            current[name] = value
    return found


def test_every_session_is_an_event_with_local_berlin_times():
    text = sessions_ics(COURSE, SESSIONS, "KI Köln", now=NOW)
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR" and "VERSION:2.0" in lines
    assert "BEGIN:VTIMEZONE" in lines and "TZID:Europe/Berlin" in lines
    first, cancelled, third = events(text)
    assert first["DTSTART;TZID=Europe/Berlin"] == "20260303T093000"
    assert first["DTEND;TZID=Europe/Berlin"] == "20260303T120000"
    assert third["DTEND;TZID=Europe/Berlin"] == "20261027T131500"
    assert first["DTSTAMP"] == "20260201T080000Z"
    assert (first["STATUS"], cancelled["STATUS"]) == ("CONFIRMED", "CANCELLED")
    assert "This session was cancelled." in unescape(cancelled["DESCRIPTION"])


def test_text_is_escaped_and_reads_back_unchanged():
    first, _cancelled, third = events(sessions_ics(COURSE, SESSIONS, "KI Köln", now=NOW))
    assert unescape(first["SUMMARY"]) == "Grundkurs Flüchtlingshilfe; Teil 1, Köln \u2013 session 1"
    assert first["LOCATION"] == "Raum 2.17\\, Hof"
    assert unescape(third["LOCATION"]) == "Bürgerzentrum\\Süd\nEingang B"
    description = unescape(third["DESCRIPTION"]).split("\n")
    assert description == ["Course K-2026-0007", "Trainer: يوسف منصور", "Funded by KOMM-AN NRW II D", "KI Köln"]
    assert unescape(first["DESCRIPTION"]).split("\n")[1] == "Trainer: Ayşe Demir"  # the course's trainers


def test_the_uid_is_stable_per_session_and_the_sequence_grows():
    before = events(sessions_ics(COURSE, SESSIONS, "", now=NOW))
    moved = [SESSIONS[0], session(2, dt.date(2026, 3, 12)), SESSIONS[2]]
    after = events(sessions_ics(COURSE, moved, "", now=NOW + dt.timedelta(hours=1)))
    assert [e["UID"] for e in before] == [e["UID"] for e in after]
    assert len({e["UID"] for e in before}) == 3
    assert int(after[1]["SEQUENCE"]) > int(before[1]["SEQUENCE"])
    assert after[1]["DTSTART;TZID=Europe/Berlin"] == "20260312T093000"


def test_long_lines_are_folded_at_75_octets_without_splitting_a_character():
    course = Course(title="Ümläüte und Ärger " * 20, reference="K-2026-0001")
    text = sessions_ics(course, SESSIONS[:1], "Ö" * 200, now=NOW)
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    assert unescape(events(text)[0]["SUMMARY"]).startswith("Ümläüte und Ärger Ümläüte")
    assert fold("x" * 75) == "x" * 75 and fold("x" * 76) == "x" * 75 + "\r\n x"


def test_escape_drops_control_characters():
    assert escape("a\r\nb;c,d\\e\x07") == "a\\nb\\;c\\,d\\\\e"


def test_a_course_without_sessions_is_an_empty_calendar():
    text = sessions_ics(COURSE, [], "", now=NOW)
    assert events(text) == [] and unfold(text)[-1] == "END:VCALENDAR"
