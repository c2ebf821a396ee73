"""Texts the matching screens share: a score, one line per score part, how many volunteers each hard rule left
out, and when a request needs help. Rules and parts are looked up by their value ("language", "clearance"), so
these texts do not import the matching engine (numpy) before a request is ranked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from kommandesk.i18n import _, ngettext
from kommandesk.i18n.formatting import format_date, format_datetime, format_number


def capitalised(text: str) -> str:
    """'language' -> 'Language' (a part's name at the start of a line; German nouns are capitalised already)."""
    return text[:1].upper() + text[1:]


def score_text(score: float) -> str:
    """A score of 0..100 as a whole number in the UI language."""
    return format_number(int(round(score)))


def part_line_text(line) -> str:
    """'Language: speaks Dari C1 (needed B1) (25 points)' for a PartLine."""
    points = round(float(line.points), 1)
    whole = int(round(points))
    return ngettext("{part}: {text} ({points} point)", "{part}: {text} ({points} points)", whole).format(
        part=capitalised(line.part.label()), text=line.text, points=format_number(points))


def parts_summary(parts: Iterable) -> str:
    """The part texts on one line, for a table cell."""
    return " · ".join(line.text for line in parts if line.text)


def parts_details(parts: Iterable) -> str:
    """One line per part, for a details pane or a tooltip."""
    return "\n".join(part_line_text(line) for line in parts)


def excluded_text(rule, count: int) -> str:
    """'412 do not speak a needed language': how many volunteers a hard rule left out."""
    value = getattr(rule, "value", rule)
    n = format_number(count)
    phrases = {
        "active": lambda: ngettext("{count} is not active or has no consent recorded",
                                   "{count} are not active or have no consent recorded", count),
        "language": lambda: ngettext("{count} does not speak a needed language",
                                     "{count} do not speak a needed language", count),
        "clearance": lambda: ngettext("{count} has no valid clearance for the whole period",
                                      "{count} have no valid clearance for the whole period", count),
        "availability": lambda: ngettext("{count} is not available at that time",
                                         "{count} are not available at that time", count),
        "gender": lambda: ngettext("{count} is not of the preferred gender",
                                   "{count} are not of the preferred gender", count),
        "distance": lambda: ngettext("{count} lives beyond their travel radius",
                                     "{count} live beyond their travel radius", count),
        "capacity": lambda: ngettext("{count} has no room for another assignment",
                                     "{count} have no room for another assignment", count),
        "overlap": lambda: ngettext("{count} is busy with another assignment at that time",
                                    "{count} are busy with another assignment at that time", count),
    }
    if value in phrases:
        return phrases[value]().format(count=n)
    label = rule.label() if hasattr(rule, "label") else str(value)
    return ngettext("{count} fails “{rule}”", "{count} fail “{rule}”", count).format(count=n, rule=label)


def excluded_summary(excluded: Mapping) -> str:
    """Every rule that left someone out, in the rules' order, on one line."""
    return " · ".join(excluded_text(rule, count) for rule, count in excluded.items() if count)


def candidates_heading(result) -> str:
    total, shown = result.total_candidates, len(result.candidates)
    text = ngettext("{count} volunteer fits every rule.", "{count} volunteers fit every rule.", total).format(
        count=format_number(total)) if total else _("No volunteer fits every rule.")
    if total > shown:
        text += " " + _("The best {shown} are shown.").format(shown=format_number(shown))
    return text


def near_misses_heading(result) -> str:
    total, shown = result.total_near_misses, len(result.near_misses)
    text = ngettext("{count} volunteer almost fits: they fail one rule.",
                    "{count} volunteers almost fit: they fail one rule.", total).format(
        count=format_number(total)) if total else _("Nobody fails just one rule.")
    if total > shown:
        text += " " + _("The best {shown} are shown.").format(shown=format_number(shown))
    return text


def result_notes(result) -> str:
    """The engine's notes (an unknown postcode ...) and how many volunteers each rule left out."""
    lines = list(result.notes)
    left_out = excluded_summary(result.excluded)
    if left_out:
        lines.append(_("Left out: {rules}").format(rules=left_out))
    return "\n".join(lines)


def time_text(day: dt.date, time: dt.time) -> str:
    return format_datetime(dt.datetime.combine(day, time), "HH:mm")


def when_text(appointment, recurrence) -> str:
    """When the help is needed, in the UI language."""
    if appointment is not None:
        return _("{date}, {start}–{end}").format(
            date=format_date(appointment.day, "full"), start=time_text(appointment.day, appointment.start),
            end=time_text(appointment.day, appointment.end))
    if recurrence is not None and recurrence.slots:
        from kommandesk.ui.widgets.availability_grid import weekday_names

        days = weekday_names("abbreviated")
        slots = ", ".join(_("{weekday} {period}").format(weekday=days[day], period=period.label())
                          for day, period in sorted(recurrence.slots, key=lambda s: (s[0], _PERIODS[s[1].value])))
        if recurrence.first_day and recurrence.last_day:
            return _("Weekly: {slots}, from {first} to {last}").format(
                slots=slots, first=format_date(recurrence.first_day), last=format_date(recurrence.last_day))
        if recurrence.first_day:
            return _("Weekly: {slots}, from {first}, open-ended").format(
                slots=slots, first=format_date(recurrence.first_day))
        return _("Weekly: {slots}").format(slots=slots)
    return _("No fixed time")


_PERIODS = {"morning": 0, "afternoon": 1, "evening": 2}
