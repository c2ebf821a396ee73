"""Screenshots of the Trainings page, called by scripts/screenshots.py (``shoot_trainings``).

Files written into ``folder`` from ``first_number`` on::

    NN-trainings-list.png              every course (all statuses), one chosen
    NN-course-sessions.png             a demo course with a waiting list: its Sessions tab
    NN-course-participants.png         .. its Participants tab (the waiting list with each place)
    NN-course-attendance.png           .. its Attendance tab (the check-in button and the grid)
    NN-course-checkin.png              the check-in view of the course's session (nothing is marked)
    NN-course-form.png                 the course form of that course (second tab: places and certificate)
    NN-course-form-errors.png          a new course after Save with a blank title and no places
    NN-session-errors.png              a new session that ends before it starts

Nothing is written to the database. Returns the next free number.

Alone (for a quick look): ``.venv/bin/python scripts/shots_trainings.py --out /tmp/shots --lang de --lang en``.
"""

from __future__ import annotations

import sys
from pathlib import Path


def _demo_course(trainings):
    from kommandesk.domain.trainings import CourseStatus

    rows = trainings.list_courses("", frozenset(CourseStatus))
    best = sorted(rows, key=lambda row: (row.waiting == 0, row.sessions == 0, row.status is CourseStatus.CANCELLED))
    return best[0] if best else None


def shoot_trainings(shooter, window, folder: Path, first_number: int) -> int:
    from PySide6.QtCore import QTime

    from kommandesk.ui.dialogs.trainings.course_form import CourseDialog
    from kommandesk.ui.dialogs.trainings.session_dialog import SessionDialog, new_session
    from kommandesk.ui.pages.course_detail import ATTENDANCE_TAB, PARTICIPANTS_TAB, SESSIONS_TAB

    number = first_number
    trainings, volunteers = window.services.trainings, window.services.volunteers
    window.show_page("trainings")
    page = window.page("trainings")
    page.show_list()
    page.status.setCurrentIndex(page.status.findData("every_status"))
    shown = _demo_course(trainings)
    if shown is not None:
        page.select_course(shown.id)
    shooter.save(window, folder / f"{number:02d}-trainings-list.png")
    number += 1

    if shown is not None:
        page.open_course(shown.id)
        for tab, name in ((SESSIONS_TAB, "sessions"), (PARTICIPANTS_TAB, "participants"),
                          (ATTENDANCE_TAB, "attendance")):
            page.detail.tabs.setCurrentIndex(tab)
            if tab == PARTICIPANTS_TAB:
                tab_widget = page.detail.participants
                waiting = next((n for n, p in enumerate(tab_widget.rows()) if p.position), None)
                if waiting is not None:
                    tab_widget.table.selectRow(waiting)
            shooter.save(window, folder / f"{number:02d}-course-{name}.png")
            number += 1
        try:
            from kommandesk.ui.dialogs.trainings.checkin import CheckInDialog
        except ImportError:
            CheckInDialog = None
        session = page.detail.attendance.day_session()
        if CheckInDialog is not None and session is not None:
            dialog = CheckInDialog(trainings, session.id, window)
            dialog.resize(760, 620)
            dialog.show()
            shooter.save(dialog, folder / f"{number:02d}-course-checkin.png")
            number += 1
            dialog.reject()
            dialog.deleteLater()
        form = CourseDialog(trainings, volunteers, trainings.get_course(shown.id), window)
        form.resize(900, 680)
        form.show()
        shooter.save(form, folder / f"{number:02d}-course-form.png")
        form.tabs.setCurrentIndex(1)
        shooter.save(form, folder / f"{number + 1:02d}-course-form-places.png")
        number += 2
        form.discard()
        form.deleteLater()
        page.show_list()

    new = CourseDialog(trainings, volunteers, trainings.new_course(), window)
    new.resize(900, 680)
    new.show()
    new.course.title.editor.setText("   ")
    new.places.capacity.setValue(0)
    if new.save():
        raise RuntimeError("the course form saved a course without a title")
    new.tabs.setCurrentIndex(0)
    shooter.save(new, folder / f"{number:02d}-course-form-errors.png")
    number += 1
    new.discard()
    new.deleteLater()

    if shown is not None:
        dialog = SessionDialog(trainings, new_session(trainings, shown.id, "", trainings.sessions(shown.id)), [],
                               window)
        dialog.show()
        dialog.times.start.setTime(QTime(14, 0))
        dialog.times.end.setTime(QTime(13, 0))
        shooter.save(dialog, folder / f"{number:02d}-session-errors.png")
        number += 1
        dialog.reject()
        dialog.deleteLater()
    page.status.setCurrentIndex(page.status.findData("current"))
    page.table.selectionModel().clear()  # as first opened: the language-switch check compares the page
    page.table.setCurrentIndex(page.model.index(-1, -1))
    return number


def main(argv: list[str] | None = None) -> int:
    """Only these screenshots, through screenshots.py's start-up (demo data, languages chosen in Settings)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import screenshots

    class TrainingsOnly(screenshots.Shooter):
        def pages(self, window):
            return iter(())

        def shoot_extras(self, window, folder: Path, pages: int) -> None:
            shoot_trainings(self, window, folder, 1)

    screenshots.Shooter = TrainingsOnly
    return screenshots.main([*(argv if argv is not None else sys.argv[1:]), "--no-switch-check"])


if __name__ == "__main__":
    sys.exit(main())
