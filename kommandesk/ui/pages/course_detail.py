"""One course on the Trainings page: its headline and figures, tabs Sessions / Participants / Attendance, and
what it hands out (sign-in sheet, calendar file, email to the participants).

The Attendance tab hosts the check-in view for the day's session and the grid of the whole course (the
attendance widgets are imported when the tab is first shown). Alt+Left or "All courses" goes back to the list.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.trainings import CourseStatus
from kommandesk.i18n import _, ngettext
from kommandesk.ui.models.course_texts import amount_text, days_text, places_text
from kommandesk.ui.pages.course_participants_tab import ParticipantsTab
from kommandesk.ui.pages.course_sessions_tab import SessionsTab
from kommandesk.ui.widgets.headline import Headline
from kommandesk.ui.widgets.labels import plain_label

SESSIONS_TAB, PARTICIPANTS_TAB, ATTENDANCE_TAB = 0, 1, 2


def _button(name: str, slot) -> QPushButton:
    button = QPushButton()
    button.setObjectName(name)
    button.clicked.connect(slot)
    return button


class AttendanceTab(QWidget):
    """The check-in button for the day's session above the course's attendance grid."""

    def __init__(self, trainings, parent=None):
        super().__init__(parent)
        self._trainings = trainings
        self._course = None
        self.grid = None
        self.checkin_button = _button("attendance_checkin", lambda: self.check_in())
        self.session_line = plain_label(name="attendance_session")
        self.placeholder = plain_label(wrap=True, name="attendance_placeholder")
        row = QHBoxLayout()
        row.addWidget(self.checkin_button)
        row.addWidget(self.session_line, 1)
        self._layout = QVBoxLayout(self)
        self._layout.addLayout(row)
        self._layout.addWidget(self.placeholder, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.checkin_button.setText(_("&Check-in…"))
        self.checkin_button.setToolTip(_("Mark who came to the day's session: type a few letters, Enter marks "
                                         "present"))
        self.placeholder.setText(_("The attendance grid is not available in this version."))
        self._show_session()

    def show_course(self, course) -> None:
        self._course = course
        if self.grid is not None:
            self._layout.removeWidget(self.grid)
            self.grid.deleteLater()
            self.grid = None
        try:
            from kommandesk.ui.widgets.attendance_grid import AttendanceGrid
        except ImportError:
            AttendanceGrid = None
        if AttendanceGrid is not None and course is not None:
            self.grid = AttendanceGrid(self._trainings, course.id, self)
            self.grid.setObjectName("attendance_grid")
            self._layout.addWidget(self.grid, 1)
        self.placeholder.setVisible(self.grid is None)
        self._show_session()

    def reload(self) -> None:
        if self.grid is not None:
            self.grid.reload()
        self._show_session()

    def day_session(self):
        from kommandesk.ui.pages.course_documents import default_session

        if self._course is None:
            return None
        return default_session(self._trainings.sessions(self._course.id), self._trainings.today())

    def _show_session(self) -> None:
        from kommandesk.ui.pages.course_documents import session_label

        session = self.day_session()
        self.checkin_button.setEnabled(session is not None)
        self.session_line.setText(_("Check-in for {session}").format(session=session_label(session))
                                  if session is not None else _("No session to check in to."))

    def check_in(self, session_id: str | None = None) -> None:
        session = self.day_session() if session_id is None else None
        session_id = session_id or (session.id if session is not None else None)
        if session_id is None:
            return
        try:
            from kommandesk.ui.dialogs.trainings.checkin import CheckInDialog
        except ImportError:
            return
        dialog = CheckInDialog(self._trainings, session_id, self)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
        self.reload()


class CourseDetail(QWidget):
    back = Signal()
    edit_requested = Signal(str)
    said = Signal(str)  # a line for the page's status line
    changed = Signal()  # registrations or sessions changed: the list's figures too

    def __init__(self, trainings, volunteers, parent=None, *, paths=None):
        super().__init__(parent)
        self.setObjectName("course_detail")
        self._trainings = trainings
        self._volunteers = volunteers
        self._paths = paths
        self._certificates = None  # a function giving the CertificateService (set_certificates)
        self._runner = None
        self.course = None
        self.back_button = _button("course_back", self.back.emit)
        self.edit_button = _button("course_edit", lambda: self.course and self.edit_requested.emit(self.course.id))
        self.headline = Headline()
        self.headline.setObjectName("course_detail_headline")
        self.summary = plain_label(wrap=True, name="course_summary")
        self.sessions = SessionsTab(trainings)
        self.participants = ParticipantsTab(trainings, volunteers)
        self.attendance = AttendanceTab(trainings)
        for tab in (self.sessions, self.participants):
            tab.changed.connect(self._tab_changed)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("course_detail_tabs")
        self.tabs.setDocumentMode(True)
        for tab in (self.sessions, self.participants, self.attendance):
            self.tabs.addTab(tab, "")
        self.tabs.currentChanged.connect(self._tab_shown)
        self.sheet_button = _button("course_signin_sheet", self.signin_sheet)
        self.ics_button = _button("course_ics", self.calendar)
        self.mail_button = _button("course_email", self.email)
        self.certificates_button = _button("course_certificates", self.certificates)
        self.certificates_button.hide()  # until set_certificates

        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addStretch(1)
        top.addWidget(self.edit_button)
        bottom = QHBoxLayout()
        for button in (self.sheet_button, self.ics_button, self.mail_button):
            bottom.addWidget(button)
        bottom.addStretch(1)
        bottom.addWidget(self.certificates_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.headline)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        back = QShortcut(QKeySequence("Alt+Left"), self)
        back.activated.connect(self.back.emit)
        for index in range(3):
            QShortcut(QKeySequence(f"Alt+{index + 1}"), self).activated.connect(
                lambda index=index: self.tabs.setCurrentIndex(index))
        self.retranslate()

    def retranslate(self) -> None:
        self.back_button.setText(_("\u2190 All courses"))
        self.back_button.setToolTip(_("Back to the list of courses (Alt+Left)"))
        self.edit_button.setText(_("&Edit course…"))
        self.edit_button.setToolTip(_("Title, topics, places, minimum attendance, status (Ctrl+E)"))
        for index, title in enumerate((_("Sessions"), _("Participants"), _("Attendance"))):
            self.tabs.setTabText(index, title)
            self.tabs.setTabToolTip(index, _("Alt+{number}").format(number=index + 1))
        self.sheet_button.setText(_("Sign-in &sheet…"))
        self.sheet_button.setToolTip(_("Save the sign-in sheet of a session as PDF, to print"))
        self.ics_button.setText(_("Calendar (.&ics)…"))
        self.ics_button.setToolTip(_("Save the sessions as a calendar file for your calendar program"))
        self.mail_button.setText(_("E&mail participants"))
        self.mail_button.setToolTip(_("Open your mail program with every registered participant in BCC"))
        self.certificates_button.setText(_("Certificates…"))
        self.certificates_button.setToolTip(_("Certificates of attendance for the participants who reached the "
                                              "minimum attendance: one PDF to print, or a file per person"))
        for tab in (self.sessions, self.participants, self.attendance):
            tab.retranslate()
        self._show_summary()

    # -- data -------------------------------------------------------------------------------------------------
    def show_course(self, course_id: str) -> bool:
        try:
            self.course = self._trainings.get_course(course_id)
        except KommanDeskError:
            self.course = None
            return False
        self.sessions.show_course(self.course)
        self.participants.show_course(self.course)
        self.attendance.show_course(self.course)
        self._show_summary()
        return True

    def reload(self) -> None:
        if self.course is not None:
            self.show_course(self.course.id)

    def _show_summary(self) -> None:
        course = self.course
        if course is None:
            self.headline.clear()
            self.summary.clear()
            return
        self.headline.setText(_("{reference}: {title}").format(reference=course.reference, title=course.title))
        try:
            row = self._trainings.course_row(course.id)
        except (AttributeError, KommanDeskError):
            row = None
        parts = [_("Status: {status}").format(status=course.status.label())]
        if row is not None:
            days = days_text(row.first_day, row.last_day)
            if days:
                parts.append(days)
            parts.append(_("planned {amount}").format(amount=amount_text(row.planned_minutes, row.unit)))
            parts.append(_("places taken: {places}").format(places=places_text(row.registered, row.capacity,
                                                                               row.waiting)))
        parts.append(_("certificate from {percent} % attendance").format(percent=course.min_attendance_percent))
        if course.funding_tag:
            parts.append(course.funding_tag)
        self.summary.setText("  ·  ".join(parts))
        self.sessions.add_button.setEnabled(course.status is not CourseStatus.CANCELLED)

    def _tab_changed(self, text: str) -> None:
        self._show_summary()
        if self.tabs.currentIndex() != ATTENDANCE_TAB:
            self.attendance.reload()
        self.said.emit(text)
        self.changed.emit()

    def _tab_shown(self, index: int) -> None:
        if index == ATTENDANCE_TAB:
            self.attendance.reload()

    # -- documents --------------------------------------------------------------------------------------------
    def set_certificates(self, certificates, runner=None) -> None:
        """Offer "Certificates…": ``certificates()`` gives the CertificateService (made when first used);
        ``runner``: the TaskRunner of the batch (tests run it synchronously)."""
        self._certificates = certificates
        self._runner = runner
        self.certificates_button.show()

    def certificates(self) -> None:
        from kommandesk.ui.dialogs.certificates.batch_dialog import issue_for_course

        if self.course is None or self._certificates is None:
            return
        issued = issue_for_course(self, self._certificates(), self._trainings, self.course.id, paths=self._paths,
                                  runner=self._runner)
        if issued:
            self.said.emit(ngettext("{count} certificate of attendance was issued.",
                                    "{count} certificates of attendance were issued.", len(issued)).format(
                count=len(issued)))
            self.reload()

    def signin_sheet(self) -> None:
        from kommandesk.ui.pages.course_documents import save_signin_sheet

        if self.course is not None:
            path = save_signin_sheet(self, self._trainings, self.course, self._paths)
            if path is not None:
                self.said.emit(_("The sign-in sheet was saved as {file}.").format(file=path))

    def calendar(self) -> None:
        from kommandesk.ui.pages.course_documents import save_calendar

        if self.course is not None:
            path = save_calendar(self, self._trainings, self.course, self._paths)
            if path is not None:
                self.said.emit(_("The calendar file was saved as {file}.").format(file=path))

    def email(self) -> None:
        from kommandesk.ui.pages.course_documents import email_participants

        if self.course is not None:
            text = email_participants(self, self._trainings, self.course)
            if text:
                self.said.emit(text)
