"""Create or edit a course: a modal dialog in two tabs (Course; Places and certificate), each message beside its
field, nothing saved until the whole course is valid; closing with changes asks first.

Entry point for the Trainings page: ``edit_course(parent, trainings, volunteers, course_id)`` returns the course
as last saved, or None when nothing was saved. Lowering the places below the people registered is refused by the
service with a message; raising them moves people up from the waiting list (the page says who).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QHBoxLayout, QTabWidget, QVBoxLayout, QWidget

from kommandesk.domain.trainings import Course
from kommandesk.i18n import _, current_language
from kommandesk.ui.dialogs.form_dialog import FormDialog, clock, run_form
from kommandesk.ui.dialogs.trainings.course_sections import CourseSection, PlacesSection
from kommandesk.ui.dialogs.volunteers.badge import Badge
from kommandesk.ui.widgets.headline import Headline


@dataclass
class CourseContext:
    service: object  # TrainingService
    volunteers: object  # VolunteerService: the areas of help
    today: object
    language: str


class CourseDialog(FormDialog):
    def __init__(self, service, volunteers, course: Course, parent: QWidget | None = None):
        super().__init__(service, course, "course_dialog", parent)
        self._save_tried = False
        self.context = CourseContext(service=service, volunteers=volunteers, today=clock(service),
                                     language=current_language())
        self.course = CourseSection(self.context)
        self.places = PlacesSection(self.context)
        self.sections = [self.course, self.places]
        for section in self.sections:
            section.changed.connect(self._changed)

        self.headline = Headline()
        self.headline.setObjectName("course_headline")
        self.reference = Badge(name="course_reference")
        badges = QHBoxLayout()
        badges.addWidget(self.reference)
        badges.addStretch(1)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("course_tabs")
        self.tabs.setDocumentMode(True)
        self._tab_sections = [[self.course], [self.places]]
        for title, section in ((_("Course"), self.course), (_("Places and certificate"), self.places)):
            page = QWidget()
            inner = QVBoxLayout(page)
            inner.addWidget(section, 1)
            self._add_page(page, title)
        self._add_tab_shortcuts()
        bottom = self._bottom_row("course", _("Save the course and close (Ctrl+S)"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addLayout(badges)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self._finish(self.course.title.editor)
        self.resize(min(self.width(), 860), min(self.height(), 680))

    def _chain_tab_order(self) -> None:
        for section in self.sections:
            section.set_tab_order()
        QWidget.setTabOrder(self.save_button, self.cancel_button)

    def _refresh(self, course: Course) -> None:
        title = course.title.strip()
        if course.reference:
            self.setWindowTitle(_("Course {reference}").format(reference=course.reference))
            self.headline.setText(_("{reference}: {title}").format(reference=course.reference, title=title)
                                  if title else course.reference)
        else:
            self.setWindowTitle(_("New course"))
            self.headline.setText(title or _("New course"))
        self.reference.show_as(course.reference or _("not saved yet"), "neutral")

    def _all_errors(self) -> dict[str, str]:
        errors = dict(self._service.validate_course(self.value()))
        errors.update(self.parse_errors())
        return errors

    def _changed(self) -> None:
        super()._changed()
        if self._save_tried and not self._loading:
            self.show_errors(self._all_errors(), focus=False)

    def save(self) -> bool:
        """Create or update the course; False, with the messages beside the fields and nothing saved, when it
        cannot be saved."""
        self._save_tried = True
        if not self._dirty and self._record.id is not None:
            self.saved = self.saved or self._record
            return True
        errors = self._all_errors()
        if errors:
            self.show_errors(errors)
            return False
        course = self.value()
        return self._commit(lambda: self._service.create_course(course) if course.id is None
                            else self._service.update_course(course))

    def _unsaved_question(self) -> str:
        return _("This course has changes that are not saved. Save them?")


def edit_course(parent: QWidget | None, service, volunteers, course_id: str | None) -> Course | None:
    """The form for a new course (``course_id`` None) or an existing one; modal. The course as last saved, or
    None when nothing was saved."""
    return run_form(parent, _("Course"), lambda: service.get_course(course_id) if course_id else service.new_course(),
                    lambda course: CourseDialog(service, volunteers, course, parent))
