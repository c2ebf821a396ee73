"""Data protection (GDPR) use cases: access (Art. 15: the person's data as a readable PDF and as JSON), erasure
(Art. 17, confirmed by typing the reference) and the retention rules (preview, apply, due on start).

The rules are domain/privacy.py's, the SQL store/privacy_repo.py's, the readable report's texts
services/privacy_content.py's and its layout documents/privacy_report.py's. Each erasure and each retention run is
one transaction: whole or not at all. Afterwards the search indexes are compacted and the write-ahead log is written
into the database file, so that nothing of the person is left in either (every connection deletes with
``secure_delete``). Backups made before still hold the data until they are pruned: the user is told so.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kommandesk.domain import privacy as rules
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.organisation import Organisation, validate_retention_settings
from kommandesk.domain.privacy import (Candidate, ErasurePlan, ErasureReason, ErasureResult, PersonKind,
                                       RetentionPlan, RetentionPolicy)
from kommandesk.i18n import _, ngettext, pgettext
from kommandesk.store.privacy_repo import PrivacyRepository

if TYPE_CHECKING:
    from kommandesk.services.volunteers import VolunteerService
    from kommandesk.store.db import Store

JSON_FORMAT = "kommandesk-personal-data"


@dataclass(frozen=True)
class PersonData:
    """Everything stored about one person: ``tables`` (table -> rows, every column but blobs) and the audit
    trail's entries about them."""
    kind: PersonKind
    reference: str
    name: str
    tables: dict[str, list[dict]]
    audit: list[dict]


def count_lines(kind: PersonKind, counts: dict[str, int]) -> list[str]:
    """What an erasure does (or did), one sentence per kind of record, for the dialog and the command line."""
    lines = []
    if kind is PersonKind.VOLUNTEER:
        lines.append(_("The profile is deleted with its languages, areas of help, availability, absences, status "
                       "history, clearance and consent."))
        plural = (
            ("allowances", lambda n: ngettext("{count} allowance payment is deleted.",
                                              "{count} allowance payments are deleted.", n)),
            ("assignments", lambda n: ngettext(
                "{count} assignment stays without the person and without notes; its hours still count.",
                "{count} assignments stay without the person and without notes; their hours still count.", n)),
            ("registrations", lambda n: ngettext(
                "{count} course registration stays without the person; its attendance still counts.",
                "{count} course registrations stay without the person; their attendance still counts.", n)),
            ("certificates", lambda n: ngettext(
                "{count} certificate stays in the register as erased: without name, content and document.",
                "{count} certificates stay in the register as erased: without name, content and document.", n)))
    else:
        lines.append(_("The requester's data are blanked: person, languages spoken, site contact, postcode, "
                       "description and consent. The request stays as an anonymous count."))
        plural = (
            ("status_history", lambda n: ngettext("{count} status change loses its reason.",
                                                  "{count} status changes lose their reason.", n)),
            ("assignments", lambda n: ngettext("{count} assignment loses its notes; its hours still count.",
                                               "{count} assignments lose their notes; their hours still count.", n)))
    plural += (("audit_entries", lambda n: ngettext("{count} entry of the audit trail loses its values.",
                                                    "{count} entries of the audit trail lose their values.", n)),)
    for key, sentence in plural:
        if counts.get(key):
            lines.append(sentence(counts[key]).format(count=counts[key]))
    return lines


def retention_lines(plan: RetentionPlan, applied: bool) -> list[str]:
    """The plan (or what was done) in sentences, each followed by its references and since when they are due."""
    from kommandesk.i18n.formatting import format_date

    if plan.empty and not plan.held_back:
        return [_("Nothing is due: no retention period has run out.")]
    if applied:
        parts = ((plan.requests, lambda n: ngettext("{count} closed request was anonymised:",
                                                    "{count} closed requests were anonymised:", n)),
                 (plan.clearances, lambda n: ngettext("{count} clearance record was deleted:",
                                                      "{count} clearance records were deleted:", n)),
                 (plan.volunteers, lambda n: ngettext("{count} archived volunteer was deleted:",
                                                      "{count} archived volunteers were deleted:", n)))
    else:
        parts = ((plan.requests, lambda n: ngettext("{count} closed request to anonymise:",
                                                    "{count} closed requests to anonymise:", n)),
                 (plan.clearances, lambda n: ngettext("{count} clearance record to delete:",
                                                      "{count} clearance records to delete:", n)),
                 (plan.volunteers, lambda n: ngettext("{count} archived volunteer to delete:",
                                                      "{count} archived volunteers to delete:", n)))
    parts += ((plan.held_back, lambda n: ngettext(
        "{count} archived volunteer is kept for now (an open assignment or a course still to come):",
        "{count} archived volunteers are kept for now (an open assignment or a course still to come):", n)),)
    lines = []
    for candidates, heading in parts:
        if candidates:
            lines.append(heading(len(candidates)).format(count=len(candidates)))
            lines += ["  " + _("{reference} (due since {date})").format(reference=c.reference,
                                                                       date=format_date(c.due_on))
                      for c in candidates]
    return lines


class PrivacyService:
    def __init__(self, store: "Store", volunteers: "VolunteerService"):
        self._store = store
        self._volunteers = volunteers
        self._repo = PrivacyRepository(store)

    def today(self) -> dt.date:
        return self._volunteers.today()

    @contextmanager
    def elsewhere(self) -> Iterator["PrivacyService"]:
        """The same service on a connection of its own (an erasure or a retention run on a worker thread: the
        search indexes are merged afterwards, 0.4 s at 50,000 volunteers). Same database, same today."""
        from kommandesk.services.organisation import OrganisationService
        from kommandesk.services.volunteers import VolunteerService
        from kommandesk.store.db import open_store
        from kommandesk.store.organisation_repo import OrganisationRepository

        store = open_store(self._store.path)
        try:
            volunteers = VolunteerService(store, OrganisationService(OrganisationRepository(store)),
                                          today=self._volunteers.today)
            yield PrivacyService(store, volunteers)
        finally:
            store.close()

    def organisation(self) -> Organisation:
        return self._volunteers.organisation()

    # -- settings ------------------------------------------------------------------------------------------------

    def policy(self) -> RetentionPolicy:
        return RetentionPolicy.of(self.organisation())

    def save_retention_settings(self, request_months: int, archive_years: int, clearance_months: int) -> Organisation:
        """Save the three retention periods (alone: the rest of the organisation's details stay as saved)."""
        from kommandesk.store.organisation_repo import OrganisationRepository

        repository = OrganisationRepository(self._store)
        saved = repository.get()
        if saved is None:
            raise ValidationError({"retention_request_months": _(
                "Enter and save the organisation's details first; then the retention periods can be saved.")})
        org = dataclasses.replace(saved, retention_request_months=request_months,
                                  retention_archive_years=archive_years, retention_clearance_months=clearance_months)
        errors = validate_retention_settings(org)
        if errors:
            raise ValidationError(errors)
        return repository.save(org)

    # -- finding the person ------------------------------------------------------------------------------------

    def find(self, reference: str) -> tuple[PersonKind, str, str, str]:
        """(kind, reference, record id, name) of a volunteer's or a request's reference; KommanDeskError when there
        is none."""
        kind, ref = rules.parse_reference(reference)
        if kind is PersonKind.VOLUNTEER:
            found = self._repo.volunteer(ref)
            if found is None:
                raise KommanDeskError(_("There is no volunteer with the reference {reference}. Nothing was "
                                        "changed.").format(reference=ref))
            return kind, ref, found[0], found[1]
        found = self._repo.request(ref)
        if found is None:
            raise KommanDeskError(_("There is no request with the reference {reference}. Nothing was "
                                    "changed.").format(reference=ref))
        return kind, ref, found[0], found[1]

    # -- Art. 15: access -------------------------------------------------------------------------------------

    def collect(self, reference: str) -> PersonData:
        kind, ref, record_id, name = self.find(reference)
        tables = (self._repo.volunteer_tables(record_id) if kind is PersonKind.VOLUNTEER
                  else self._repo.request_tables(record_id))
        audit = self._repo.audit_entries(self._repo.record_ids(tables))
        return PersonData(kind, ref, name, tables, audit)

    def person_json(self, data: PersonData) -> dict:
        """Everything, machine-readable: every column of every row (the certificates' printed content and the
        audit trail's changes as JSON), and the retention periods that apply."""
        tables = {table: [dict(row) for row in rows] for table, rows in data.tables.items()}
        for row in tables.get("certificates", ()):
            row["content"] = _json_or_text(row.get("content"))
        audit = [dict(entry, changes=_json_or_text(entry["changes"])) for entry in data.audit]
        policy = self.policy()
        return {"format": JSON_FORMAT, "version": 1, "generated_on": self.today().isoformat(),
                "organisation": self.organisation().name, "kind": data.kind.value, "reference": data.reference,
                "tables": tables, "audit_log": audit,
                "retention": {"request_months": policy.request_months, "archive_years": policy.archive_years,
                              "clearance_months": policy.clearance_months}}

    def export_person(self, reference: str, folder: Path) -> tuple[Path, Path]:
        """Write the person's data as a readable PDF and as JSON into ``folder`` (in the active language); returns
        both paths. A folder that is missing or cannot be written is refused; either both files appear or none."""
        from kommandesk.documents.privacy_report import privacy_pdf
        from kommandesk.services.certificates import issuer_of
        from kommandesk.services.privacy_content import readable

        data = self.collect(reference)
        folder = Path(folder)
        _check_folder(folder)
        org = self.organisation()
        issuer, logo = issuer_of(org)
        pdf = privacy_pdf(readable(data, org, self.policy(), self.today()), issuer, logo)
        text = json.dumps(self.person_json(data), ensure_ascii=False, indent=2)
        stem = f"{data.reference}_{self.today().isoformat()}_" + pgettext("file name", "personal-data")
        return _write_pair(folder, stem, pdf, text.encode("utf-8"))

    # -- Art. 17: erasure --------------------------------------------------------------------------------------

    def erase_plan(self, reference: str) -> ErasurePlan:
        """What erasing the person would do, what stands in the way, and what to know first."""
        kind, ref, record_id, name = self.find(reference)
        today = self.today()
        if kind is PersonKind.VOLUNTEER:
            tables = self._repo.volunteer_tables(record_id)
            blockers = []
            requests = self._repo.open_assignments(record_id)
            if requests:
                blockers.append(_("{reference} still has open assignments ({requests}). End or cancel them first.")
                                .format(reference=ref, requests=", ".join(requests)))
            courses = self._repo.upcoming_courses(record_id, today)
            if courses:
                blockers.append(_("{reference} is registered for courses still to come ({courses}). Cancel the "
                                  "registrations first.").format(reference=ref, courses=", ".join(courses)))
            warnings = [_("Export the data first if the person asked for a copy: after the erasure nothing of it can "
                          "be shown any more.")]
            years = self._repo.allowance_years(record_id)
            if years:
                warnings.append(_("Allowances were paid to this person ({years}). Tax law may require keeping the "
                                  "payment records: they are kept by the office that paid them, not here.").format(
                    years=", ".join(str(year) for year in years)))
            counts = {"assignments": len(tables["assignments"]), "registrations": len(tables["course_registrations"]),
                      "certificates": len(tables["certificates"]), "allowances": len(tables["allowances"])}
        else:
            tables = self._repo.request_tables(record_id)
            request = tables["requests"][0]
            blockers = []
            if request["anonymised_on"]:
                blockers.append(_("The data of {reference} were erased already.").format(reference=ref))
            elif request["status"] not in rules.CLOSED_REQUEST:
                blockers.append(_("{reference} is still open. Close it first (completed or cancelled).").format(
                    reference=ref))
            warnings = []
            counts = {"status_history": sum(1 for row in tables["request_status_history"] if row["reason"]),
                      "assignments": len(tables["assignments"])}
        counts["audit_entries"] = len(self._repo.audit_entries(self._repo.record_ids(tables)))
        warnings.append(_("Backups made before the erasure still contain the data until they are replaced by newer "
                          "ones."))
        return ErasurePlan(kind, ref, name, counts, tuple(blockers), tuple(warnings))

    def erase(self, reference: str, confirm: str | None) -> ErasureResult:
        """Erase the person (a volunteer) or the requester's data (a request) for good, in one transaction.
        ``confirm`` must be the reference, typed again. Refused with nothing changed: a reference that does not
        exist, a wrong confirmation, a volunteer with open assignments or upcoming courses, an open request."""
        plan = self.erase_plan(reference)
        rules.check_confirmation(plan.reference, confirm)
        if not plan.possible:
            raise KommanDeskError(" ".join((*plan.blockers, _("Nothing was erased."))))
        _kind, ref, record_id, _name = self.find(plan.reference)
        today = self.today()
        with self._store.db.atomic():
            counts = self._erase(plan.kind, record_id, today)
            self._repo.record_erasure(plan.kind.value, ref, ErasureReason.REQUEST.value, today)
        self._settle()
        return ErasureResult(plan.kind, ref, counts)

    def _erase(self, kind: PersonKind, record_id: str, today: dt.date) -> dict[str, int]:
        if kind is PersonKind.VOLUNTEER:
            return self._repo.erase_volunteer(record_id)
        return self._repo.anonymise_request(record_id, today)

    def _settle(self) -> None:
        """After an erasure: the search indexes merged and the log written into the file (see the module)."""
        self._repo.compact_search()
        self._repo.checkpoint()

    # -- retention ------------------------------------------------------------------------------------------------

    def retention_preview(self, today: dt.date | None = None) -> RetentionPlan:
        """What the retention rules would do today (or on ``today``)."""
        today = today or self.today()
        return rules.plan_retention(today, self.policy(), self._repo.closed_requests(),
                                    self._repo.ended_volunteers(), self._repo.blocked_volunteers(today))

    def retention_due(self, today: dt.date | None = None) -> bool:
        """Whether a retention rule has something to do (the app may offer the run on start)."""
        return not self.retention_preview(today).empty

    def apply_retention(self, today: dt.date | None = None, plan: RetentionPlan | None = None) -> RetentionPlan:
        """Do what the rules say, in one transaction; returns what was done. With ``plan`` (a preview): only what
        it lists and is still due now (what became due since is left for the next run)."""
        today = today or self.today()
        with self._store.db.atomic():
            now = self.retention_preview(today)
            if plan is not None:
                now = _within(now, plan)
            for candidate in now.requests:
                self._repo.anonymise_request(candidate.id, today)
                self._repo.record_erasure(PersonKind.REQUEST.value, candidate.reference,
                                          ErasureReason.RETENTION.value, today)
            for candidate in now.clearances:
                self._repo.delete_clearance(candidate.id)
                self._repo.record_erasure("clearance", candidate.reference, ErasureReason.RETENTION.value, today)
            for candidate in now.volunteers:
                self._repo.erase_volunteer(candidate.id)
                self._repo.record_erasure(PersonKind.VOLUNTEER.value, candidate.reference,
                                          ErasureReason.RETENTION.value, today)
        if not now.empty:
            self._settle()
        return now


def _within(now: RetentionPlan, plan: RetentionPlan) -> RetentionPlan:
    def keep(found: tuple[Candidate, ...], listed: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
        ids = {candidate.id for candidate in listed}
        return tuple(candidate for candidate in found if candidate.id in ids)

    return dataclasses.replace(now, requests=keep(now.requests, plan.requests),
                               clearances=keep(now.clearances, plan.clearances),
                               volunteers=keep(now.volunteers, plan.volunteers))


def privacy_of(volunteers: "VolunteerService") -> PrivacyService:
    """The privacy service over the same database as ``volunteers`` (for Settings and the forms)."""
    return PrivacyService(volunteers.store, volunteers)


def _json_or_text(text):
    try:
        return json.loads(text) if text else text
    except (TypeError, ValueError):
        return text


# -- writing the two files ------------------------------------------------------------------------------------------

def _check_folder(folder: Path) -> None:
    if not folder.is_dir():
        raise KommanDeskError(_("The folder {folder} does not exist. Choose another folder. Nothing was "
                                "written.").format(folder=folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise KommanDeskError(_("KommanDesk cannot write to the folder {folder}. Choose another folder. Nothing was "
                                "written.").format(folder=folder))


def _free_name(folder: Path, stem: str) -> str:
    """``stem``, or ``stem-2``, ... when a file of that name (PDF or JSON) is there already: never overwritten."""
    name, number = stem, 1
    while (folder / f"{name}.pdf").exists() or (folder / f"{name}.json").exists():
        number += 1
        name = f"{stem}-{number}"
    return name


def _write_pair(folder: Path, stem: str, pdf: bytes, text: bytes) -> tuple[Path, Path]:
    """Both files whole, or neither: written to temporary files beside them, then renamed."""
    from kommandesk.interchange.atomic import temporary_beside

    name = _free_name(folder, stem)
    targets = (folder / f"{name}.pdf", folder / f"{name}.json")
    temporaries: list[Path] = []
    done: list[Path] = []
    try:
        for target, content in zip(targets, (pdf, text)):
            temporary = temporary_beside(target)
            temporaries.append(temporary)
            with temporary.open("wb") as fh:
                fh.write(content)
                fh.flush()
                os.fsync(fh.fileno())
        for temporary, target in zip(temporaries, targets):
            os.replace(temporary, target)
            done.append(target)
    except OSError as exc:
        for path in (*temporaries, *done):
            path.unlink(missing_ok=True)
        raise KommanDeskError(_("The files could not be written to {folder}: {reason}. Nothing was written.").format(
            folder=folder, reason=exc.strerror or exc)) from exc
    return targets
