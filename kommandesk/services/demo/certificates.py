"""Demo certificates: the finished demo courses issued (one PDF, as a coordinator prints them), one certificate
revoked with its reason, and a service record for the volunteer with the most hours -- so the Certificates page,
verification and the register's search have something to show. Everything goes through the services; the PDFs are
written into a temporary folder and dropped (the register keeps what they printed)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from kommandesk.domain.trainings import CourseStatus


def fill_certificates(services) -> dict[str, int]:
    """Certificates for the finished demo courses; counts made. Nothing when the organisation is not ready."""
    certificates = services.certificates
    if certificates.readiness_problems():
        return {}
    made = 0
    with tempfile.TemporaryDirectory(prefix="kommandesk-demo-") as folder:
        for course in services.trainings.list_courses(statuses=frozenset({CourseStatus.FINISHED})):
            plan = certificates.plan(course.id)
            if not plan.count("eligible"):
                continue
            result = certificates.issue_course(course.id, language="de", folder=Path(folder), one_pdf=True,
                                               per_person=False)
            made += len(result.issued)
            if len(result.issued) > 2:
                certificates.revoke(result.issued[-1].number,
                                    "Anwesenheit falsch erfasst: die Bescheinigung wurde versehentlich ausgestellt.")
        made += _service_record(services, Path(folder))
    return {"certificates": made} if made else {}


def _service_record(services, folder: Path) -> int:
    """A service record over the last twelve months for the volunteer with the most hours logged."""
    best = services.certificates.repo.most_hours_volunteer()
    if best is None:
        return 0
    today = services.certificates.today()
    first = today - dt.timedelta(days=364)
    services.service_records.issue_service_record(best, first, today, "de", folder / "nachweis.pdf")
    return 1
