"""Volunteers: profiles, the list (page by page, search, filters), status changes, duplicates, areas of help.

The UI calls exactly this (see the contract of issue 3). SQL lives in store/volunteers_repo.py and
store/areas_repo.py; the rules live in domain/volunteers.py.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING

from kommandesk.domain import volunteers as rules
from kommandesk.domain.areas import AreaOfHelp
from kommandesk.domain.availability import Period
from kommandesk.domain.clearance import ClearancePolicy, ClearanceState
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.languages import Level
from kommandesk.domain.organisation import Organisation
from kommandesk.domain.validation import clean_text
from kommandesk.domain.volunteers import Status, Volunteer
from kommandesk.i18n import _, ngettext
from kommandesk.services.organisation import OrganisationService
from kommandesk.store.areas_repo import AreaRepository
from kommandesk.store.db import Store
from kommandesk.store.volunteers_repo import ListFilter, VolunteerRepository

if TYPE_CHECKING:
    from kommandesk.services.request_assignments import AssignmentRow


class SortKey(str, Enum):
    REFERENCE = "reference"
    LAST_NAME = "last_name"
    FIRST_NAME = "first_name"
    TOWN = "town"
    POSTCODE = "postcode"
    STATUS = "status"
    CLEARANCE = "clearance"
    REGISTERED_ON = "registered_on"
    LANGUAGES = "languages"
    EMAIL = "email"
    PHONE = "phone"


@dataclass(frozen=True)
class VolunteerQuery:
    search: str = ""  # search-as-you-type, diacritics-insensitive, prefix per word, AND
    statuses: frozenset[Status] = frozenset()  # empty = all except ARCHIVED (archived shown only when asked)
    language: str | None = None  # ISO code
    min_level: Level | None = None  # with language
    area_id: str | None = None
    clearance: ClearanceState | None = None
    weekday: int | None = None  # 0 = Monday
    period: Period | None = None  # with weekday: available then (grid or by arrangement); absences ignored
    sort: SortKey = SortKey.LAST_NAME
    descending: bool = False


@dataclass(frozen=True)
class VolunteerRow:
    """One line of the list; cheap to load 200 at a time."""

    id: str
    reference: str
    first_name: str
    last_name: str
    email: str
    phone: str
    postcode: str
    town: str
    status: Status
    registered_on: date | None
    languages: str  # "ar (native), de (C1)": codes with levels, the UI formats names
    clearance: ClearanceState


class DuplicateWarning(KommanDeskError):
    """create() found profiles that look like the same person; call again with confirmed_duplicate=True."""

    def __init__(self, duplicates: list[VolunteerRow]):
        self.duplicates = list(duplicates)
        names = ", ".join(f"{row.first_name} {row.last_name} ({row.reference})" for row in self.duplicates)
        super().__init__(ngettext(
            "A profile that looks like the same person exists already: {names}. Save anyway?",
            "{count} profiles that look like the same person exist already: {names}. Save anyway?",
            len(self.duplicates)).format(count=len(self.duplicates), names=names))


class VolunteerService:
    def __init__(self, store: Store, organisation: OrganisationService,
                 today: Callable[[], date] = date.today):
        self._store = store
        self._organisation = organisation
        self._today = today
        self._repo = VolunteerRepository(store)
        self._areas = AreaRepository(store)

    @property
    def store(self) -> Store:
        """The database the service works on (for a service over the same database, e.g. the allowances)."""
        return self._store

    def today(self) -> date:
        """The service's today (a fixed day in tests)."""
        return self._today()

    def organisation(self) -> Organisation:
        """The organisation's details (an empty one before they are saved), e.g. for the heads of documents."""
        return self._organisation.get()

    # -- settings ----------------------------------------------------------------------------------------------

    def policy(self) -> ClearancePolicy:
        """Validity and warning period from the organisation's settings (defaults before it is set up)."""
        values = self._repo.policy_values()  # two columns: the organisation's logo is not read for a page
        if values is None:
            return ClearancePolicy()
        return ClearancePolicy(validity_years=values[0], warning_days=values[1])

    # -- areas of help -----------------------------------------------------------------------------------------

    def areas(self, include_retired: bool = False) -> list[AreaOfHelp]:
        return self._areas.all(include_retired=include_retired)

    def add_area(self, name_de: str, name_en: str) -> AreaOfHelp:
        name_de, name_en = self._check_area_names(name_de, name_en, None)
        return self._areas.add(name_de, name_en)

    def rename_area(self, area_id: str, name_de: str, name_en: str) -> AreaOfHelp:
        self._area(area_id)
        name_de, name_en = self._check_area_names(name_de, name_en, area_id)
        return self._areas.rename(area_id, name_de, name_en)

    def retire_area(self, area_id: str) -> None:
        area = self._area(area_id)
        if area.active:
            self._areas.retire(area_id, self._today())

    def reactivate_area(self, area_id: str) -> None:
        """Offer a retired area again."""
        area = self._area(area_id)
        if not area.active:
            self._areas.reactivate(area_id)

    def _area(self, area_id: str) -> AreaOfHelp:
        area = self._areas.get(area_id)
        if area is None:
            raise KommanDeskError(_("This area of help does not exist (any more)."))
        return area

    def _check_area_names(self, name_de: str, name_en: str, own_id: str | None) -> tuple[str, str]:
        from kommandesk.domain import validation as v
        from kommandesk.domain.search_text import fold

        name_de, name_en = clean_text(name_de), clean_text(name_en)
        errors: dict[str, str] = {}
        for field, value in (("name_de", name_de), ("name_en", name_en)):
            message = v.check_required(value) or v.check_length(value, 100)
            if message:
                errors[field] = message
        for area in self._areas.all(include_retired=True):
            if area.id == own_id:
                continue
            if "name_de" not in errors and fold(area.name_de) == fold(name_de):
                errors["name_de"] = _("An area of help with this name exists already.")
            if "name_en" not in errors and fold(area.name_en) == fold(name_en):
                errors["name_en"] = _("An area of help with this name exists already.")
        if errors:
            raise ValidationError(errors)
        return name_de, name_en

    # -- profiles ----------------------------------------------------------------------------------------------

    def new(self) -> Volunteer:
        """An empty profile: registered today, status applicant."""
        return Volunteer(registered_on=self._today(), status=Status.APPLICANT)

    def get(self, volunteer_id: str) -> Volunteer:
        vol = self._repo.get(volunteer_id)
        if vol is None:
            raise KommanDeskError(_("This volunteer does not exist (any more)."))
        return vol

    def get_by_reference(self, reference: str) -> Volunteer:
        vol = self._repo.get_by_reference(clean_text(reference).upper())
        if vol is None:
            raise KommanDeskError(_("There is no volunteer with the reference {reference}.").format(
                reference=clean_text(reference)))
        return vol

    def validate(self, vol: Volunteer) -> dict[str, str]:
        """Field -> translated message for everything that stops saving (live form feedback)."""
        cleaned = vol.cleaned()
        errors = rules.validate(cleaned, self._today())
        if "areas" not in errors and cleaned.areas:
            known = {area.id for area in self._areas.all(include_retired=True)}
            if any(area_id not in known for area_id in cleaned.areas):
                errors["areas"] = _("An area of help does not exist (any more).")
        if "status" not in errors and cleaned.id is not None:
            stored = self._repo.status_of(cleaned.id)
            if stored is not None and cleaned.status is not stored and cleaned.status not in rules.TRANSITIONS[stored]:
                errors["status"] = _("A volunteer cannot go from {old} to {new}.").format(
                    old=stored.label(), new=cleaned.status.label())
        return errors

    def warnings(self, vol: Volunteer) -> list[str]:
        """What the coordinator should know but that does not stop saving."""
        found = list(vol.clearance.warnings(self.policy()))
        if vol.is_minor(self._today()):
            found.append(_("This volunteer is under 18."))
        return found

    def create(self, vol: Volunteer, confirmed_duplicate: bool = False) -> Volunteer:
        """Save a new profile (gives id and reference); DuplicateWarning unless confirmed_duplicate."""
        cleaned = self._checked(vol)
        if cleaned.id is not None:
            raise KommanDeskError(_("This profile has been saved already."))
        if not confirmed_duplicate:
            duplicates = self.find_duplicates(cleaned)
            if duplicates:
                raise DuplicateWarning(duplicates)
        today = self._today()
        registered = cleaned.registered_on or today
        history = cleaned.history or (rules.StatusChange(cleaned.status, registered),)
        cleaned = dataclasses.replace(cleaned, registered_on=registered, history=history)
        return self._repo.create(cleaned, self._coordinates(cleaned.postcode), year=today.year)

    def update(self, vol: Volunteer) -> Volunteer:
        """Save changes to an existing profile (id, reference and created_at stay)."""
        if vol.id is None:
            raise KommanDeskError(_("This profile has not been saved yet."))
        stored = self.get(vol.id)
        cleaned = self._checked(vol)
        if cleaned.status is not stored.status:
            # a status change made in the form goes through the lifecycle rules and into the history
            changed = rules.change_status(dataclasses.replace(cleaned, status=stored.status, history=stored.history),
                                          cleaned.status, self._today())
            cleaned = dataclasses.replace(cleaned, history=changed.history)
        else:
            cleaned = dataclasses.replace(cleaned, history=stored.history)
        cleaned = dataclasses.replace(cleaned, reference=stored.reference, created_at=stored.created_at)
        coordinates = self._coordinates(cleaned.postcode) if cleaned.postcode != stored.postcode else None
        return self._repo.update(cleaned, coordinates, keep_coordinates=cleaned.postcode == stored.postcode)

    def change_status(self, volunteer_id: str, status: Status, reason: str) -> Volunteer:
        vol = self.get(volunteer_id)
        changed = rules.change_status(vol, status, self._today(), reason)
        if changed is vol:
            return vol
        return self._repo.set_status(volunteer_id, changed.status, changed.history[-1])

    def archive(self, volunteer_id: str, reason: str) -> Volunteer:
        return self.change_status(volunteer_id, Status.ARCHIVED, reason)

    def find_duplicates(self, vol: Volunteer) -> list[VolunteerRow]:
        """Profiles (archived ones too) with the same folded name and date of birth, or the same email."""
        by_name, email = rules.duplicate_key(vol.cleaned())
        ids = self._repo.duplicate_ids(by_name, email, exclude_id=vol.id)
        return [_row(row) for row in self._repo.rows_by_ids(ids, self.list_filter(VolunteerQuery()))]

    def _checked(self, vol: Volunteer) -> Volunteer:
        cleaned = vol.cleaned()
        errors = self.validate(cleaned)
        if errors:
            raise ValidationError(errors)
        return cleaned

    @staticmethod
    def _coordinates(postcode: str) -> tuple[float, float] | None:
        from kommandesk.services.geo import postcode_coordinates

        return postcode_coordinates(postcode)

    def coordinates(self, volunteer_id: str) -> tuple[float, float] | None:
        """(latitude, longitude) from the postcode, None when the postcode is not in the table (for matching)."""
        return self._repo.coordinates(volunteer_id)

    # -- work done -------------------------------------------------------------------------------------------

    def assignments(self, volunteer_id: str) -> list["AssignmentRow"]:
        """The volunteer's assignments, newest first, each with the hours logged for it."""
        from kommandesk.services.request_assignments import assignment_row
        from kommandesk.store.assignments_repo import AssignmentRepository

        return [assignment_row(row) for row in AssignmentRepository(self._store).rows_of_volunteer(volunteer_id)]

    def trainings(self, volunteer_id: str) -> list:
        """The volunteer's courses (newest first) with the registration's status and the attendance so far:
        ``TrainingService.trainings_of``."""
        from kommandesk.services.trainings import TrainingService

        return TrainingService(self._store, self).trainings_of(volunteer_id)

    def total_minutes(self, volunteer_id: str) -> int:
        """All hours logged for the volunteer's assignments, in minutes."""
        from kommandesk.store.assignments_repo import AssignmentRepository

        return AssignmentRepository(self._store).total_minutes(volunteer_id)

    # -- the list ----------------------------------------------------------------------------------------------

    def count(self, query: VolunteerQuery) -> int:
        return self._repo.count(self.list_filter(query))

    def page(self, query: VolunteerQuery, offset: int, limit: int) -> list[VolunteerRow]:
        return [_row(row) for row in self._repo.page(self.list_filter(query), max(0, offset), max(0, limit))]

    def status_counts(self) -> dict[Status, int]:
        counts = self._repo.status_counts()
        return {status: counts.get(status.value, 0) for status in Status}

    def list_filter(self, query: VolunteerQuery) -> ListFilter:
        from kommandesk.domain.search_text import tokens

        policy = self.policy()
        return ListFilter(
            tokens=tuple(tokens(query.search)),
            statuses=tuple(sorted(Status(s).value for s in query.statuses)),
            language=query.language,
            min_rank=query.min_level.rank if query.min_level is not None else None,
            area_id=query.area_id,
            clearance=query.clearance.value if query.clearance is not None else None,
            weekday=query.weekday,
            period=query.period.value if query.period is not None else None,
            sort=query.sort.value,
            descending=query.descending,
            today=self._today(),
            validity_years=policy.validity_years,
            warning_days=policy.warning_days,
        )


def _row(row) -> VolunteerRow:
    registered = row["registered_on"]
    return VolunteerRow(
        id=row["id"], reference=row["reference"], first_name=row["first_name"], last_name=row["last_name"],
        email=row["email"], phone=row["phone"], postcode=row["postcode"], town=row["town"],
        status=Status(row["status"]), registered_on=date.fromisoformat(registered) if registered else None,
        languages=row["languages_summary"], clearance=ClearanceState(row["clearance_state"]))
