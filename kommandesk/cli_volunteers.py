"""`kommandesk-cli volunteers list|show`: thin over services.volunteers. Never imports Qt."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
from enum import Enum

from kommandesk.domain.volunteers import Status, Volunteer
from kommandesk.i18n import _, current_language
from kommandesk.i18n.formatting import format_date, language_name

EXIT_OK = 0


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _plain(value: object) -> object:
    """JSON-friendly: dates as ISO text, enums as their values, sets sorted."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (frozenset, set)):
        return sorted((_plain(item) for item in value), key=str)
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _date(day: dt.date | None) -> str:
    return format_date(day) if day else "–"


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(cell) for cell in column) for column in zip(headers, *rows)]
    line = lambda cells: "  ".join(cell.ljust(width) for cell, width in zip(cells, widths)).rstrip()  # noqa: E731
    return [line(headers), line(["-" * width for width in widths]), *(line(row) for row in rows)]


def _languages(vol: Volunteer) -> str:
    return ", ".join(_("{language} ({level})").format(language=language_name(skill.code), level=skill.level.label())
                     for skill in vol.languages)


STATUS_VALUES = tuple(status.value for status in Status)


def add_query_options(parser: argparse.ArgumentParser) -> None:
    """--status and --search, as `volunteers list` and `export volunteers` take them."""
    parser.add_argument("--status", action="append", choices=STATUS_VALUES, metavar=_("STATUS"),
                        help=_("only this status (may be given more than once): {choices}").format(
                            choices=", ".join(STATUS_VALUES)))
    parser.add_argument("--search", metavar=_("TEXT"), default="",
                        help=_("words to search for in names, email, phone, town, notes, languages and "
                               "areas of help"))


def query_of(args: argparse.Namespace):
    """The VolunteerQuery the --status and --search options ask for."""
    from kommandesk.services.volunteers import VolunteerQuery

    return VolunteerQuery(search=args.search or "", statuses=frozenset(Status(s) for s in args.status or ()))


def list_volunteers(args: argparse.Namespace, services) -> int:
    query = query_of(args)
    service = services.volunteers
    total = service.count(query)
    rows = service.page(query, 0, args.limit)
    if args.json:
        _print_json({"total": total, "volunteers": [_plain(dataclasses.asdict(row)) for row in rows]})
        return EXIT_OK
    if not rows:
        print(_("No volunteers found."))
        return EXIT_OK
    headers = [_("Reference"), _("Name"), _("Status"), _("Town"), _("Languages"), _("Clearance")]
    table = [[row.reference, f"{row.last_name}, {row.first_name}", row.status.label(),
              " ".join(part for part in (row.postcode, row.town) if part), row.languages, row.clearance.label()]
             for row in rows]
    for line in _table(headers, table):
        print(line)
    print(_("{shown} of {total} volunteers shown.").format(shown=len(rows), total=total))
    return EXIT_OK


def _weekly(vol: Volunteer) -> str:
    from babel.dates import get_day_names

    from kommandesk.domain.availability import Period

    days = get_day_names("abbreviated", locale=current_language())
    periods = list(Period)
    slots = sorted(vol.availability.slots, key=lambda slot: (slot[0], periods.index(slot[1])))
    text = ", ".join(_("{weekday} {period}").format(weekday=days[day], period=period.label())
                     for day, period in slots)
    if vol.availability.by_arrangement:
        text = (text + "; " if text else "") + _("by arrangement")
    return text or "–"


def show_volunteer(args: argparse.Namespace, services) -> int:
    service = services.volunteers
    vol = service.get_by_reference(args.reference)
    policy = service.policy()
    today = service.today()
    clearance = vol.clearance
    state = clearance.state(today, policy)
    areas = {area.id: area for area in service.areas(include_retired=True)}
    if args.json:
        data = _plain(dataclasses.asdict(vol))
        data["clearance"] |= {"state": state.value, "expires_on": _plain(clearance.expires_on(policy)),
                              "deletion_due_on": _plain(vol.clearance_deletion_due(policy))}
        data["areas"] = [{"id": area_id, "name_de": areas[area_id].name_de, "name_en": areas[area_id].name_en}
                         for area_id in vol.areas if area_id in areas]
        data["minor"] = vol.is_minor(today)
        data["warnings"] = service.warnings(vol)
        _print_json(data)
        return EXIT_OK
    language = current_language()
    consent = vol.consent
    lines = [
        (_("Reference"), vol.reference),
        (_("Name"), vol.full_name),
        (_("Status"), vol.status.label()),
        (_("Date of birth"), _date(vol.birth_date) + (" " + _("(under 18)") if vol.is_minor(today) else "")),
        (_("Gender"), vol.gender.label()),
        (_("Email"), vol.email or "–"),
        (_("Phone"), vol.phone or "–"),
        (_("Address"), ", ".join(p for p in (vol.street, " ".join(q for q in (vol.postcode, vol.town) if q)) if p)
         or "–"),
        (_("Registered on"), _date(vol.registered_on)),
        (_("Languages"), _languages(vol) or "–"),
        (_("Areas of help"), ", ".join(areas[a].name(language) for a in vol.areas if a in areas) or "–"),
        (_("Available"), _weekly(vol)),
        (_("Absences"), ", ".join(_("{first} to {last}").format(first=_date(a.first_day), last=_date(a.last_day))
                                  for a in vol.availability.absences) or "–"),
        (_("Concurrent assignments at most"), str(vol.max_assignments)),
        (_("Travel radius"), _("{km} km").format(km=vol.travel_radius_km) if vol.travel_radius_km is not None
         else "–"),
        (_("Mobility"), ", ".join(sorted(m.label() for m in vol.mobility)) or "–"),
        (_("Clearance"), state.label()),
        (_("Certificate issued on"), _date(clearance.issued_on)),
        (_("Inspected on"), _("{date} by {name}").format(date=_date(clearance.inspected_on),
                                                         name=clearance.inspected_by)
         if clearance.inspected_on else "–"),
        (_("Valid until"), _date(clearance.expires_on(policy))),
        (_("Self-commitment declaration"), _date(clearance.self_commitment_on)),
        (_("Clearance record to be deleted on"), _date(vol.clearance_deletion_due(policy))),
        (_("Consent"), _("{date}, text version {version}: {purposes}").format(
            date=_date(consent.given_on), version=consent.text_version,
            purposes=", ".join(sorted(p.label() for p in consent.purposes)))
         if consent else _("none recorded")),
        (_("Notes"), vol.notes or "–"),
    ]
    width = max(len(label) for label, _value in lines)
    for label, value in lines:
        print(f"{label.ljust(width)}  {value}")
    for warning in service.warnings(vol):
        print(_("Note: {warning}").format(warning=warning))
    print(_("History:"))
    for change in vol.history:
        entry = _("{date}: {status}").format(date=_date(change.on), status=change.status.label())
        print(f"  {entry}" + (f" ({change.reason})" if change.reason else ""))
    return EXIT_OK
