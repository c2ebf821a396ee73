"""The certificate register: what must be set up before anything is issued, numbering, recording a certificate
after its file was written, the register's list, reprint (the very same bytes), revoke and verify.

A certificate is numbered {prefix}-{year}-{serial:05d}, gapless per prefix and year over the certificates in the
register: it is registered (``record``) only once its file exists, so a certificate that was not written has no
entry and its number goes to the next one. The course batch is in services/certificate_batch.py, the service record
and the Ehrenamtskarte confirmation in services/service_records.py; both record through this service.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kommandesk.domain.certificates import (
    LANGUAGES, MAX_REVOKE_REASON, AttendanceContent, Content, Heading, Issuer, Kind,
    Person, ServiceRecordContent, Validity, content_from_json, content_to_json, format_number, new_check_code,
    parse_lookup,
)
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.search_text import searchable, tokens
from kommandesk.domain.validation import check_length, clean_text
from kommandesk.i18n import _
from kommandesk.store.certificates_repo import CertificateRepository
from kommandesk.store.db import Store

if TYPE_CHECKING:
    from kommandesk.domain.organisation import Organisation
    from kommandesk.paths import Paths
    from kommandesk.services.certificate_batch import BatchPlan, BatchResult
    from kommandesk.services.trainings import TrainingService
    from kommandesk.services.volunteers import VolunteerService

def where() -> str:
    """Where the organisation's details are filled in, as the sidebar and the page name it (in messages)."""
    return _("Settings > Organisation")


@dataclass(frozen=True)
class CertificateRow:
    id: str
    number: str
    kind: Kind
    volunteer_id: str | None
    course_id: str | None
    person_name: str
    title: str
    issued_on: dt.date
    language: str
    check_code: str
    sha256: str
    override_reason: str
    revoked_on: dt.date | None
    revoke_reason: str

    @property
    def validity(self) -> Validity:
        return Validity.REVOKED if self.revoked_on is not None else Validity.VALID


@dataclass(frozen=True)
class Verification:
    validity: Validity
    row: CertificateRow | None
    message: str  # in the UI language


def certificate_row(row) -> CertificateRow:
    return CertificateRow(
        id=row["id"], number=row["number"], kind=Kind(row["kind"]), volunteer_id=row["volunteer_id"],
        course_id=row["course_id"], person_name=row["person_name"], title=row["title"],
        issued_on=dt.date.fromisoformat(row["issued_on"]), language=row["language"], check_code=row["check_code"],
        sha256=row["sha256"], override_reason=row["override_reason"],
        revoked_on=dt.date.fromisoformat(row["revoked_on"]) if row["revoked_on"] else None,
        revoke_reason=row["revoke_reason"])


def render(content: Content, logo: bytes | None) -> bytes:
    """The PDF of ``content`` (the same content and logo give the same bytes)."""
    if isinstance(content, AttendanceContent):
        from kommandesk.documents.certificate import attendance_pdf

        return attendance_pdf(content, logo)
    from kommandesk.documents import service_record

    if isinstance(content, ServiceRecordContent):
        return service_record.service_record_pdf(content, logo)
    return service_record.hours_confirmation_pdf(content, logo)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise KommanDeskError(_("Choose the language of the certificates: de (German), en (English) or both "
                                "(German and English)."))


def title_of(content: Content) -> str:
    """What the register shows beside the person: the course, or the period covered (in the document's language)."""
    if isinstance(content, AttendanceContent):
        return content.course_title
    from babel.dates import format_date

    locale = "en" if content.heading.language == "en" else "de"
    if isinstance(content, ServiceRecordContent):
        first, last = content.period_from, content.period_to
    else:
        years = content.check.years
        first, last = (years[-1].first_day, years[0].last_day) if years else (content.heading.issued_on,) * 2
    return f"{format_date(first, 'medium', locale=locale)} – {format_date(last, 'medium', locale=locale)}"


class CertificateService:
    def __init__(self, store: Store, trainings: "TrainingService", volunteers: "VolunteerService",
                 today: Callable[[], dt.date] = dt.date.today):
        self._store = store
        self._trainings = trainings
        self._volunteers = volunteers
        self._today = today
        self.repo = CertificateRepository(store)

    def today(self) -> dt.date:
        return self._today()

    # -- before issuing ----------------------------------------------------------------------------------------

    def readiness_problems(self) -> list[str]:
        """What must be filled in before a certificate can be issued, each a sentence saying what and where."""
        from kommandesk.domain.organisation import check_logo_bytes
        from kommandesk.services.organisation import decode_problem

        org = self._volunteers.organisation()
        problems = []
        if not org.name:
            problems.append(_('Fill in "Name of the organisation" under {where}: it heads every certificate.').format(
                where=where()))
        if not org.town:
            problems.append(_('Fill in "Town" under {where}: it is printed as the place of issue.').format(
                where=where()))
        if not org.signatory_name:
            problems.append(_('Fill in the signatory\'s name ("Signatory (name)") under {where}: it is printed '
                              'below the signature line.').format(where=where()))
        if not org.signatory_role:
            problems.append(_('Fill in the signatory\'s role ("Signatory (role)") under {where}: it is printed '
                              'below the signatory\'s name.').format(where=where()))
        if org.logo is not None:
            problem = check_logo_bytes(org.logo) or decode_problem(org.logo)
            if problem:
                problems.append(_("The organisation's logo cannot be used: {problem} Choose it again or remove it "
                                  "under {where}.").format(problem=problem, where=where()))
        return problems

    def check_ready(self) -> None:
        problems = self.readiness_problems()
        if problems:
            raise KommanDeskError(" ".join(problems))

    def issuer(self) -> tuple[Issuer, bytes | None]:
        """The organisation as the certificate prints it, and its logo's bytes (None without a logo)."""
        return issuer_of(self._volunteers.organisation())

    def person(self, volunteer) -> Person:
        """The volunteer as printed (the date of birth only when the organisation's setting says so)."""
        return person_of(volunteer, self._volunteers.organisation().certificate_birth_date)

    def next_heading(self, person: Person, language: str, issuer: Issuer, *, offset: int = 0) -> Heading:
        """The heading of the next certificate: numbered after the register's last (``offset`` more for the
        certificates of a batch numbered before they are registered), a new check value, issued today."""
        check_language(language)
        today = self._today()
        prefix = self._volunteers.organisation().certificate_prefix
        return heading(person, language, issuer, today, prefix, self.repo.next_serial(prefix, today.year) + offset)

    # -- recording ---------------------------------------------------------------------------------------------

    def record(self, content: Content, pdf: bytes, *, volunteer_id: str | None, course_id: str | None = None,
               override_reason: str = "", logo: bytes | None = None) -> CertificateRow:
        """Enter the certificate in the register (one transaction). Call it only once its file was written."""
        values = self._values(content, pdf, volunteer_id, course_id, override_reason, logo)
        try:
            with self._store.db.atomic():
                certificate_id = self.repo.insert(values, logo, pdf)
        except sqlite3.IntegrityError as exc:
            raise KommanDeskError(_("The number {number} was given to another certificate in the meantime. Issue "
                                    "the certificate again.").format(number=values["number"])) from exc
        return certificate_row(values | {"id": certificate_id, "revoked_on": None, "revoke_reason": ""})

    def transaction(self):
        """One transaction around several ``record`` calls (all registered or none)."""
        return self._store.db.atomic()

    @staticmethod
    def _values(content: Content, pdf: bytes, volunteer_id: str | None, course_id: str | None,
                override_reason: str, logo: bytes | None) -> dict:
        head = content.heading
        logo_sha = sha256_of(logo) if logo is not None else None
        if head.issuer.logo_sha256 != logo_sha:
            raise ValueError("the logo is not the one the content names")
        prefix, year, serial = head.number.rsplit("-", 2)
        person = head.person
        return {"number": head.number, "prefix": prefix, "year": int(year), "serial": int(serial),
                "check_code": head.check_code, "kind": content.kind.value, "volunteer_id": volunteer_id,
                "course_id": course_id, "person_name": person.full_name,
                "person_key": searchable(person.first_name, person.last_name), "title": title_of(content),
                "issued_on": head.issued_on.isoformat(), "language": head.language, "sha256": sha256_of(pdf),
                "content": content_to_json(content), "logo_sha256": logo_sha, "override_reason": override_reason}

    # -- the register ------------------------------------------------------------------------------------------

    def register(self, search: str = "", kinds: frozenset[Kind] = frozenset(), include_revoked: bool = True,
                 course_id: str | None = None, volunteer_id: str | None = None) -> list[CertificateRow]:
        """The register, the newest first; ``search``: each word the prefix of a word of the number, the person
        or the title (folded: "sukru" finds "Şükrü")."""
        return [certificate_row(row) for row in self.repo.rows(
            tokens(search), [Kind(kind).value for kind in kinds], include_revoked, course_id, volunteer_id)]

    def get(self, number: str) -> CertificateRow:
        return certificate_row(self._stored(number))

    def content(self, number: str) -> Content:
        return content_from_json(self._stored(number)["content"])

    def _stored(self, number: str):
        lookup = parse_lookup(number)
        row = self.repo.get_by_number(lookup.number) if lookup else None
        if row is None:
            raise KommanDeskError(_("There is no certificate with the number {number} in the register.").format(
                number=clean_text(number)[:60]))
        return row

    def reprint(self, number: str) -> bytes:
        """The certificate as it was issued: the register keeps its PDF, so a reprint is the very same document
        whatever changed in the program since. Its hash is checked (a damaged database is not printed from)."""
        row = self._stored(number)
        pdf = self.repo.pdf(row["number"])
        if pdf is None or sha256_of(pdf) != row["sha256"]:
            raise KommanDeskError(_("{number} cannot be reproduced identically: its stored document is damaged. "
                                    "Revoke it and issue a new one.").format(number=row["number"]))
        return pdf

    def revoke(self, number: str, reason: str) -> CertificateRow:
        """Mark the certificate revoked with the reason (1 to 300 characters); once only."""
        reason = clean_text(reason)
        if not reason:
            raise ValidationError({"reason": _("Write down why the certificate is revoked.")})
        problem = check_length(reason, MAX_REVOKE_REASON)
        if problem:
            raise ValidationError({"reason": problem})
        row = self.get(number)
        if row.revoked_on is not None:
            raise KommanDeskError(_("{number} was revoked already on {date}.").format(
                number=row.number, date=_date(row.revoked_on)))
        with self._store.db.atomic():
            self.repo.revoke(row.number, self._today(), reason)
        return self.get(row.number)

    def verify(self, text: str) -> Verification:
        """What the register says about a number typed in or the text of a scanned QR code."""
        lookup = parse_lookup(text)
        if lookup is None:
            shown = clean_text(text)
            shown = shown if len(shown) <= 60 else shown[:59] + "…"
            return Verification(Validity.UNKNOWN, None, _(
                "No certificate number found in \u201c{text}\u201d. A certificate number looks like "
                "KD-2026-00012.").format(text=shown))
        stored = self.repo.get_by_number(lookup.number)
        if stored is None:
            return Verification(Validity.UNKNOWN, None, _(
                "{number} is not in the register: this certificate was not issued here, or it is not "
                "genuine.").format(number=lookup.number))
        row = certificate_row(stored)
        check = lookup.check_code
        if check is not None and check != row.check_code:
            return Verification(Validity.UNKNOWN, None, _(
                "The check value {check} does not match certificate {number}: the certificate is not "
                "genuine.").format(check=check[:12], number=row.number))
        details = dict(number=row.number, kind=row.kind.label(), name=row.person_name, date=_date(row.issued_on))
        if not row.person_name and row.revoked_on is None:  # the holder's data were erased (Art. 17 GDPR)
            return Verification(Validity.VALID, row, _(
                "{number} is valid: {kind}, issued on {date}. The holder's data were erased at their request, so "
                "the register cannot confirm the name.").format(**details))
        if row.revoked_on is not None:
            return Verification(Validity.REVOKED, row, _(
                "{number} was revoked on {revoked} and is no longer valid. Reason: {reason}. {kind} for {name}, "
                "issued on {date}.").format(revoked=_date(row.revoked_on), reason=row.revoke_reason, **details))
        return Verification(Validity.VALID, row, _("{number} is valid. {kind} for {name}, issued on {date}.").format(
            **details))

    # -- the course batch (services/certificate_batch.py) ------------------------------------------------------

    def batch(self):
        from kommandesk.services.certificate_batch import CourseBatch

        return CourseBatch(self, self._trainings, self._volunteers)

    def plan(self, course_id: str) -> "BatchPlan":
        """The course's participants for the batch: already issued, eligible, or below the minimum."""
        return self.batch().plan(course_id)

    def issue_course(self, course_id: str, *, language: str, folder: Path, one_pdf: bool, per_person: bool,
                     include: Mapping[str, str] | None = None, progress: Callable[[int, int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None, paths: "Paths | None" = None) -> "BatchResult":
        """Certificates of attendance for the course (see ``CourseBatch.issue``). ``paths``: run on a connection
        of its own (call it so from a worker thread)."""
        options = dict(language=language, folder=folder, one_pdf=one_pdf, per_person=per_person,
                       include=include or {}, progress=progress, cancelled=cancelled)
        if paths is None:
            return self.batch().issue(course_id, **options)
        from kommandesk.services.context import Services
        from kommandesk.services.trainings import TrainingService
        from kommandesk.services.volunteers import VolunteerService

        services = Services.open(paths)
        try:
            volunteers = VolunteerService(services.store, services.organisation, today=self._volunteers.today)
            trainings = TrainingService(services.store, volunteers, today=self._trainings.today)
            own = CertificateService(services.store, trainings, volunteers, today=self._today)
            return own.batch().issue(course_id, **options)
        finally:
            services.close()


# -- helpers the batch shares ----------------------------------------------------------------------------------

def issuer_of(org: "Organisation") -> tuple[Issuer, bytes | None]:
    logo = org.logo
    return Issuer(name=org.name, street=org.street, postcode=org.postcode, town=org.town, phone=org.phone,
                  email=org.email, website=org.website, signatory_name=org.signatory_name,
                  signatory_role=org.signatory_role,
                  logo_sha256=sha256_of(logo) if logo is not None else None), logo


def person_of(volunteer, with_birth_date: bool) -> Person:
    """``volunteer``: anything with first_name and last_name (and birth_date when it is printed)."""
    birth = getattr(volunteer, "birth_date", None) if with_birth_date else None
    return Person(first_name=volunteer.first_name, last_name=volunteer.last_name, birth_date=birth)


def heading(person: Person, language: str, issuer: Issuer, today: dt.date, prefix: str, serial: int) -> Heading:
    return Heading(number=format_number(prefix, today.year, serial), check_code=new_check_code(), language=language,
                   issued_on=today, issuer=issuer, person=person)


def _date(day: dt.date) -> str:
    from kommandesk.i18n.formatting import format_date

    return format_date(day, "long")

