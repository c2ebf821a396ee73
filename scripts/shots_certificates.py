"""Screenshots of the Certificates page and its dialogs, called by scripts/screenshots.py (``shoot_certificates``).

Certificates are issued into a scratch copy of the demo database (the demo database and the pages compared after
the language switch stay as they were), shown in a second main window over that copy. Files written into
``folder`` from ``first_number`` on::

    NN-certificates-batch.png            the finished demo course's batch: eligible, below the minimum (one ticked,
                                         with a reason), the options
    NN-certificates-batch-done.png       .. after Issue: the summary, Preview and Open folder
    NN-certificates.png                  the Certificates page with the register filled, one certificate chosen
    NN-certificates-verify-valid.png     .. a number verified: valid
    NN-certificates-verify-revoked.png   .. a revoked one verified: the date and the reason
    NN-certificates-preview.png          the preview of a certificate (zoom, page count, print, open, save)
    NN-certificates-service-record.png   the service record dialog for a volunteer with logged hours
    NN-certificates-card.png             the Ehrenamtskarte check of that volunteer (rule met, the years)

Returns the next free number.

Alone (for a quick look): ``.venv/bin/python scripts/shots_certificates.py --out /tmp/shots --lang de --lang en``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
import tempfile
from pathlib import Path


def _scratch_services(window, scratch: Path):
    """A copy of the window's database in ``scratch`` (SQLite's backup: consistent with the WAL), opened."""
    from kommandesk.paths import resolve
    from kommandesk.services.context import Services

    paths = resolve(scratch / "data")
    paths.ensure()
    source = sqlite3.connect(str(window.services.paths.db_file))
    target = sqlite3.connect(str(paths.db_file))
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    return Services.open(paths)


def _finished_course(trainings):
    from kommandesk.domain.trainings import CourseStatus

    rows = [row for row in trainings.list_courses("", frozenset(CourseStatus)) if row.status is CourseStatus.FINISHED]
    return rows[0] if rows else None


def _busiest_volunteer(services) -> tuple[str, str] | None:
    """(volunteer id, one of their assignments) with the most hours logged; the demo logs a few weeks each, so
    two years of six hours a week are added in the scratch copy: the Ehrenamtskarte rule is then met."""
    from kommandesk.domain.assignments import HoursEntry
    from kommandesk.store.assignments_repo import AssignmentRepository

    found = services.store.db.execute(
        "SELECT a.volunteer_id, a.id FROM assignment_hours h JOIN assignments a ON a.id = h.assignment_id "
        "GROUP BY a.id ORDER BY SUM(h.minutes) DESC LIMIT 1").fetchone()
    if found is None:
        return None
    today = dt.date.today()
    with services.store.db.atomic():
        AssignmentRepository(services.store).insert_hours(
            [HoursEntry(today - dt.timedelta(days=7 * week + 3), 360, "Begleitung", found[1])
             for week in range(104)])
    return found[0], found[1]


def shoot_certificates(shooter, window, folder: Path, first_number: int) -> int:
    from kommandesk.settings import Settings
    from kommandesk.tasks import TaskRunner
    from kommandesk.ui.dialogs.certificates.batch_dialog import BatchDialog
    from kommandesk.ui.dialogs.certificates.card_dialog import CardDialog
    from kommandesk.ui.dialogs.certificates.pdf_preview import PdfPreview
    from kommandesk.ui.dialogs.certificates.service_record_dialog import ServiceRecordDialog
    from kommandesk.ui.main_window import MainWindow

    number = first_number
    with tempfile.TemporaryDirectory(prefix="kommandesk-certificates-") as scratch:
        scratch = Path(scratch)
        services = _scratch_services(window, scratch)
        out = scratch / "out"
        out.mkdir()
        try:
            course = _finished_course(services.trainings)
            if course is None:
                raise RuntimeError("the demo data has no finished course to issue certificates for")
            dialog = BatchDialog(services.certificates, services.trainings, course.id, window,
                                 runner=TaskRunner(synchronous=True), folder=out)
            dialog.resize(900, 640)
            dialog.show()
            below = next((n for n in range(dialog.model.rowCount()) if dialog.plan_row(n).state == "below"), None)
            if below is not None:
                dialog.set_included(below, True, "Fehlzeit wegen Krankheit; Inhalte mit der Referentin nachgeholt")
            dialog.per_person.setChecked(True)
            shooter.save(dialog, folder / f"{number:02d}-certificates-batch.png")
            number += 1
            dialog.issue()
            if dialog.result is None or not dialog.result.issued:
                raise RuntimeError(f"the batch issued nothing: {dialog.message.text()}")
            issued = list(dialog.result.issued)
            shooter.save(dialog, folder / f"{number:02d}-certificates-batch-done.png")
            number += 1
            dialog.hide()
            dialog.deleteLater()

            busiest = _busiest_volunteer(services)
            if busiest is not None:
                today = dt.date.today()
                services.service_records.issue_service_record(busiest[0], today - dt.timedelta(days=364), today,
                                                              "de", out / "record.pdf")
                services.service_records.issue_hours_confirmation(busiest[0], "de", out / "card.pdf")
            services.certificates.revoke(issued[-1].number, "Falscher Kurs angegeben; ersetzt durch eine neue "
                                                            "Bescheinigung")

            scratch_window = MainWindow(services, Settings(scratch / "settings.ini"), lambda _choice: None)
            scratch_window.resize(window.size())
            scratch_window.show()
            try:
                scratch_window.show_page("certificates")
                page = scratch_window.page("certificates")
                page.select_certificate(issued[0].number)
                page.table.setFocus()
                shooter.save(scratch_window, folder / f"{number:02d}-certificates.png")
                page.verify(issued[0].number)
                shooter.save(scratch_window, folder / f"{number + 1:02d}-certificates-verify-valid.png")
                page.verify(issued[-1].number)
                shooter.save(scratch_window, folder / f"{number + 2:02d}-certificates-verify-revoked.png")
                number += 3
            finally:
                scratch_window.hide()
                scratch_window.deleteLater()

            preview = PdfPreview(services.certificates.reprint(issued[0].number), issued[0].number, window)
            preview.resize(880, 760)
            preview.show()
            shooter.save(preview, folder / f"{number:02d}-certificates-preview.png")
            number += 1
            preview.reject()
            preview.deleteLater()

            if busiest is not None:
                for cls, name in ((ServiceRecordDialog, "service-record"), (CardDialog, "card")):
                    shown = cls(services.service_records, services.certificates, services.volunteers, window,
                                volunteer_id=busiest[0])
                    shown.resize(980, 560)
                    shown.show()
                    shooter.save(shown, folder / f"{number:02d}-certificates-{name}.png")
                    number += 1
                    shown.reject()
                    shown.deleteLater()
        finally:
            services.close()
    return number


def main(argv: list[str] | None = None) -> int:
    """Only these screenshots, through screenshots.py's start-up (demo data, languages chosen in Settings)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import screenshots

    class CertificatesOnly(screenshots.Shooter):
        def pages(self, window):
            return iter(())

        def shoot_extras(self, window, folder: Path, pages: int) -> None:
            shoot_certificates(self, window, folder, 1)

    screenshots.Shooter = CertificatesOnly
    return screenshots.main([*(argv if argv is not None else sys.argv[1:]), "--no-switch-check"])


if __name__ == "__main__":
    sys.exit(main())
