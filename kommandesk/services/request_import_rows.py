"""One row of a list of requests -> a SupportRequest, with the problems of the cells that cannot be read and the
notes worth knowing (used by :mod:`kommandesk.services.request_imports`)."""

from __future__ import annotations

import re
from datetime import date

from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.requests import RequestConsent, RequestStatus, RequestStatusChange, SupportRequest
from kommandesk.domain.schedule import Recurrence
from kommandesk.i18n import _
from kommandesk.services.import_files import Problem

_POSTCODE = re.compile(r"^[0-9]{5}$")
_TEXT_FIELDS = frozenset({"person", "site", "site_contact"})


class RowBuilder:
    def __init__(self, columns: list[tuple[int, str, str]], areas: list, today: date, reason: str):
        from kommandesk.interchange import request_columns as rc
        from kommandesk.interchange.volunteer_columns import area_names

        self._rc = rc
        self._columns = columns
        self._areas = areas
        self._names = area_names(areas)
        self.today = today
        self._reason = reason
        self._headers: dict[str, str] = {}
        for _index, key, header in columns:
            self._headers.setdefault(key, header)

    def header_of(self, key: str) -> str:
        return self._headers.get(key, "")

    def _value(self, key: str, cell):
        rc = self._rc
        if key in _TEXT_FIELDS:
            return rc.parse_text(cell)
        parse = {
            "reference": rc.parse_reference, "household_size": rc.parse_household,
            "person_languages": rc.parse_person_languages, "languages": rc.parse_needed_languages,
            "gender": rc.parse_gender_preference, "children": rc.parse_yes_no, "postcode": rc.parse_postcode,
            "slots": rc.parse_slots, "urgency": rc.parse_urgency,
        }.get(key)
        if parse is not None:
            return parse(cell)
        if key == "area":
            return rc.parse_area(cell, self._areas, self._names)
        if key == "appointment":
            return rc.parse_appointment(cell, self.today)
        if key in ("first_day", "last_day", "consent_given_on"):
            return rc.parse_date(cell, self.today)
        raise AssertionError(key)

    def build(self, number: int, cells: list) -> tuple[SupportRequest, set[str], list[Problem], list[Problem], str]:
        """(request, fields whose cell failed, problems, notes, the file's reference)."""
        from kommandesk.services.geo import postcode_coordinates

        values: dict[str, object] = {}
        failed: set[str] = set()
        problems: list[Problem] = []
        notes: list[Problem] = []
        descriptions: list[str] = []
        for index, key, header in self._columns:
            cell = cells[index] if index < len(cells) else None
            try:
                if key == "description":
                    text = self._rc.parse_text(cell)
                    if text.strip():
                        descriptions.append(text)
                else:
                    values[key] = self._value(key, cell)
            except KommanDeskError as exc:
                failed.add(key)
                problems.append(Problem(number, header, key, exc.message))
        slots = values.get("slots") or frozenset()
        first_day, last_day = values.get("first_day"), values.get("last_day")
        recurrence = None
        if slots or first_day or last_day or "slots" in failed:
            recurrence = Recurrence(frozenset(slots), first_day, last_day)
            if slots and first_day is None and "first_day" not in self._headers:
                failed.add("first_day")
                problems.append(Problem(number, self.header_of("slots"), "slots", _(
                    "Weekly times need a first day: add a column \u201cBeginn\u201d (Start) with the date the help "
                    "starts, and \u201cEnde\u201d (End) if it ends.")))
            if "slots" in failed:
                failed.update({"first_day", "last_day"})
        consent_on = values.get("consent_given_on")
        postcode = str(values.get("postcode") or "").strip()
        if _POSTCODE.match(postcode) and postcode_coordinates(postcode) is None:
            notes.append(Problem(number, self.header_of("postcode"), "postcode", _(
                "The postcode {postcode} is not in KommanDesk's table of postcodes: the request is imported, but "
                "distances to it are unknown when matching.").format(postcode=postcode)))
        req = SupportRequest(
            person=values.get("person", ""), household_size=values.get("household_size", 1),
            person_languages=values.get("person_languages", ()), site=values.get("site", ""),
            site_contact=values.get("site_contact", ""), area_id=values.get("area"),
            languages=values.get("languages", ()), postcode=postcode,
            appointment=values.get("appointment"), recurrence=recurrence, description="\n".join(descriptions),
            consent=RequestConsent(consent_on, _("not recorded (import)")) if consent_on else None,
            status=RequestStatus.NEW, received_on=self.today,
            history=(RequestStatusChange(RequestStatus.NEW, self.today, self._reason),),
            **{key: values[key] for key in ("gender", "children", "urgency") if key in values})
        return req, failed, problems, notes, str(values.get("reference") or "")
