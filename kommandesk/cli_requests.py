"""`kommandesk-cli requests list|show`: thin over services.requests. Never imports Qt.

    requests list [--status S]... [--search TEXT] [--open] [--area NAME] [--urgency U] [--limit N] [--json]
    requests show REF [--json]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
from enum import Enum

from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.requests import RequestStatus, Urgency
from kommandesk.i18n import _, current_language

EXIT_OK = 0
DEFAULT_LIST_LIMIT = 50
STATUS_VALUES = tuple(status.value for status in RequestStatus)
URGENCY_VALUES = tuple(urgency.value for urgency in Urgency)


def print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def plain(value: object) -> object:
    """JSON-friendly: dates and times as ISO text, enums as their values, sets sorted, tuples as lists."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat(timespec="minutes") if isinstance(value, dt.time) else value.isoformat()
    if isinstance(value, (frozenset, set)):
        return sorted((plain(item) for item in value), key=str)
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(plain(key)): plain(item) for key, item in value.items()}
    return value


def table(headers: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(cell) for cell in column) for column in zip(headers, *rows)]
    line = lambda cells: "  ".join(cell.ljust(width) for cell, width in zip(cells, widths)).rstrip()  # noqa: E731
    return [line(headers), line(["-" * width for width in widths]), *(line(row) for row in rows)]


def date_text(day: dt.date | None) -> str:
    from kommandesk.i18n.formatting import format_date

    return format_date(day) if day else "\u2013"


def time_text(value: dt.time) -> str:
    from babel.dates import format_time

    return format_time(value, "short", locale=current_language())


def slots_text(slots) -> str:
    from babel.dates import get_day_names

    from kommandesk.domain.availability import Period

    days = get_day_names("abbreviated", locale=current_language())
    periods = list(Period)
    ordered = sorted(slots, key=lambda slot: (slot[0], periods.index(slot[1])))
    return ", ".join(_("{weekday} {period}").format(weekday=days[day], period=period.label())
                     for day, period in ordered)


def when_text(appointment, slots, first_day: dt.date | None, last_day: dt.date | None) -> str:
    """'12.03.2026, 09:00–11:30', 'Tue morning, Thu afternoon from 02.03.2026 to 30.06.2026', or '–'."""
    if appointment is not None:
        return _("{day}, {start}\u2013{end}").format(day=date_text(appointment.day), start=time_text(appointment.start),
                                                     end=time_text(appointment.end))
    if slots:
        if first_day and last_day:
            return _("{slots} from {first} to {last}").format(slots=slots_text(slots), first=date_text(first_day),
                                                              last=date_text(last_day))
        if first_day:
            return _("{slots} from {first}").format(slots=slots_text(slots), first=date_text(first_day))
        return slots_text(slots)
    return _("no fixed time")


def add_request_commands(commands: argparse._SubParsersAction) -> None:
    """The `requests` command with its actions `list` and `show`."""
    reqs = commands.add_parser("requests", help=_("list support requests or show one"),
                               description=_("List support requests or show everything stored about one."))
    actions = reqs.add_subparsers(dest="req_command", metavar=_("ACTION"), title=_("actions"))
    actions.required = True
    listing = actions.add_parser(
        "list", help=_("list support requests"),
        description=_("List support requests, the newest first; without --status every request."))
    listing.add_argument("--status", action="append", choices=STATUS_VALUES, metavar=_("STATUS"),
                         help=_("only this status (may be given more than once): {choices}").format(
                             choices=", ".join(STATUS_VALUES)))
    listing.add_argument("--open", action="store_true",
                         help=_("only open requests (new, matching, assigned, active)"))
    listing.add_argument("--search", metavar=_("TEXT"), default="",
                         help=_("words to search for in reference, person, site, contact person, postcode, "
                                "description, languages and areas of help"))
    listing.add_argument("--area", metavar=_("NAME"), help=_("only this area of help (its German or English name)"))
    listing.add_argument("--urgency", choices=URGENCY_VALUES, help=_("only this urgency: normal or high"))
    from kommandesk.cli import _positive_int

    listing.add_argument("--limit", type=_positive_int, default=DEFAULT_LIST_LIMIT, metavar="N",
                         help=_("show at most N requests (default: {default})").format(default=DEFAULT_LIST_LIMIT))
    listing.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    show = actions.add_parser("show", help=_("show everything stored about one request"),
                              description=_("Show everything stored about one request: the person or family, "
                                            "what is needed and when, consent, status history and assignments."))
    show.add_argument("reference", metavar=_("REF"), help=_("the request's reference, e.g. A-2026-0107"))
    show.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    for sub in (reqs, listing, show):
        sub.set_defaults(parser=sub, handler=run_requests)


def run_requests(args: argparse.Namespace, services) -> int:
    if args.req_command == "list":
        return list_requests(args, services)
    return show_request(args, services)


def area_id_of(name: str, services) -> str:
    """The id of the area of help with this German or English name; KommanDeskError listing the names there are."""
    from kommandesk.interchange.volunteer_columns import area_names, header_key

    areas = services.volunteers.areas(include_retired=True)
    found = area_names(areas).get(header_key(name))
    if found is None:
        language = current_language()
        raise KommanDeskError(_("\u201c{area}\u201d is not an area of help. The areas are: {names}.").format(
            area=name, names=", ".join(area.name(language) for area in areas if area.active)))
    return found


def list_requests(args: argparse.Namespace, services) -> int:
    from kommandesk.services.requests import RequestQuery

    query = RequestQuery(search=args.search or "", statuses=frozenset(RequestStatus(s) for s in args.status or ()),
                         open_only=args.open, area_id=area_id_of(args.area, services) if args.area else None,
                         urgency=Urgency(args.urgency) if args.urgency else None)
    service = services.requests
    total = service.count(query)
    rows = service.page(query, 0, args.limit)
    if args.json:
        print_json({"total": total, "requests": [plain(dataclasses.asdict(row)) for row in rows]})
        return EXIT_OK
    if not rows:
        print(_("No requests found."))
        return EXIT_OK
    language = current_language()
    areas = {area.id: area.name(language) for area in services.volunteers.areas(include_retired=True)}
    headers = [_("Reference"), _("Received"), _("Person"), _("Site"), _("Area of help"), _("Language needed"),
               _("When"), _("Urgency"), _("Status"), _("Volunteers")]
    lines = [[row.reference, date_text(row.received_on), row.person, row.site or "\u2013",
              areas.get(row.area_id, "\u2013"), row.languages or "\u2013",
              when_text(row.appointment, row.recurrence_slots, row.first_day, row.last_day), row.urgency.label(),
              row.status.label(), row.volunteers or "\u2013"] for row in rows]
    for line in table(headers, lines):
        print(line)
    print(_("{shown} of {total} requests shown.").format(shown=len(rows), total=total))
    return EXIT_OK


def _language_list(skills) -> str:
    from kommandesk.i18n.formatting import language_name

    return ", ".join(_("{language} ({level})").format(language=language_name(skill.code), level=skill.level.label())
                     for skill in skills)


def _hours_text(minutes: int) -> str:
    from kommandesk.i18n.formatting import format_number

    return _("{hours} h").format(hours=format_number(round(minutes / 60, 2)))


def show_request(args: argparse.Namespace, services) -> int:
    from kommandesk.i18n.formatting import language_name

    service = services.requests
    req = service.get_by_reference(args.reference)
    areas = {area.id: area for area in services.volunteers.areas(include_retired=True)}
    assignments = service.assignments_of_request(req.id)
    if args.json:
        data = plain(dataclasses.asdict(req))
        if req.recurrence is not None:
            data["recurrence"]["slots"] = [{"weekday": day, "period": period.value} for day, period in sorted(
                req.recurrence.slots, key=lambda slot: (slot[0], slot[1].value))]
        area = areas.get(req.area_id)
        data["area"] = {"id": area.id, "name_de": area.name_de, "name_en": area.name_en} if area else None
        period = req.period()
        data["period"] = [plain(period[0]), plain(period[1])] if period else None
        data["assignments"] = [plain(dataclasses.asdict(row)) | {
            "hours": [plain(dataclasses.asdict(entry)) for entry in service.hours_of(row.id)]} for row in assignments]
        print_json(data)
        return EXIT_OK
    language = current_language()
    recurrence = req.recurrence
    consent = req.consent
    lines = [
        (_("Reference"), req.reference or ""),
        (_("Status"), req.status.label()),
        (_("Received on"), date_text(req.received_on)),
        (_("Person"), req.person),
        (_("Household size"), str(req.household_size)),
        (_("Languages spoken"), ", ".join(language_name(code) for code in req.person_languages) or "\u2013"),
        (_("Site"), req.site or "\u2013"),
        (_("Contact person"), req.site_contact or "\u2013"),
        (_("Area of help"), areas[req.area_id].name(language) if req.area_id in areas else "\u2013"),
        (_("Language needed"), _language_list(req.languages) or _("no language needed")),
        (_("Preferred gender"), req.gender.label()),
        (_("Children involved"), _("yes") if req.children else _("no")),
        (_("Postcode"), req.postcode or "\u2013"),
        (_("When"), when_text(req.appointment, recurrence.slots if recurrence else frozenset(),
                              recurrence.first_day if recurrence else None,
                              recurrence.last_day if recurrence else None)),
        (_("Urgency"), req.urgency.label()),
        (_("Consent"), _("{date}: {agreed}").format(date=date_text(consent.given_on), agreed=consent.agreed)
         if consent else _("none recorded")),
        (_("Description"), req.description or "\u2013"),
    ]
    width = max(len(label) for label, _value in lines)
    for label, value in lines:
        print(f"{label.ljust(width)}  {value}")
    print(_("History:"))
    for change in req.history:
        entry = _("{date}: {status}").format(date=date_text(change.on), status=change.status.label())
        print(f"  {entry}" + (f" ({change.reason})" if change.reason else ""))
    if not assignments:
        print(_("Assignments: none"))
        return EXIT_OK
    print(_("Assignments:"))
    for row in assignments:
        print("  " + _("{reference} {name}: {status}, proposed on {proposed}, {hours} logged").format(
            reference=row.volunteer_reference, name=row.volunteer_name, status=row.status.label(),
            proposed=date_text(row.proposed_on), hours=_hours_text(row.minutes)))
        for entry in service.hours_of(row.id):
            text = _("{date}: {hours}").format(date=date_text(entry.day), hours=_hours_text(entry.minutes))
            print("    " + text + (f" ({entry.activity})" if entry.activity else ""))
    return EXIT_OK
