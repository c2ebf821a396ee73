"""Trainings: the courses (search as you type, a status filter) and, for the course opened, its detail with the
tabs Sessions, Participants and Attendance (course_detail.py).

New course (Ctrl+N) and Edit course (Ctrl+E) open the course form; Enter or a double-click opens a course's
detail, "All courses" (Alt+Left) goes back. Ctrl+F goes to the search box, Esc there clears it. The current
courses (planned, open, running) are shown first; the status filter shows finished and cancelled ones too.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from kommandesk.domain.trainings import CourseStatus
from kommandesk.i18n import _, ngettext
from kommandesk.i18n.formatting import format_number
from kommandesk.ui.models.courses_model import Column, CoursesModel
from kommandesk.ui.pages.course_detail import CourseDetail
from kommandesk.ui.pages.search_list import SearchListPage
from kommandesk.ui.widgets.filter_combos import fill_combo, filter_combo
from kommandesk.ui.widgets.headline import Headline
from kommandesk.ui.widgets.labels import plain_label
from kommandesk.ui.widgets.list_table import size_columns

CURRENT = "current"
EVERY_STATUS = "every_status"
_CURRENT_STATUSES = frozenset({CourseStatus.PLANNED, CourseStatus.OPEN, CourseStatus.RUNNING})
_WIDTHS = {Column.REFERENCE: 13, Column.TITLE: 24, Column.STATUS: 19, Column.DAYS: 25, Column.SESSIONS: 7,
           Column.PLANNED: 17, Column.PLACES: 17}


def edit_course(parent, trainings, volunteers, course_id: str | None):
    from kommandesk.ui.dialogs.trainings.course_form import edit_course as form

    return form(parent, trainings, volunteers, course_id)


class TrainingsPage(SearchListPage):
    key = "trainings"

    def __init__(self, trainings, volunteers, parent=None, *, paths=None):
        super().__init__(parent)
        self.setObjectName("page_trainings")
        self._trainings = trainings
        self._volunteers = volunteers
        self._paths = paths
        self._loaded = False

        self._headline = Headline()
        self._build_search("courses")
        self.status_label = plain_label()
        self.status = filter_combo("courses_filter_status")
        self.status_label.setBuddy(self.status)
        self.status.currentIndexChanged.connect(lambda _index: self.reload())
        self._build_table("courses", CoursesModel(parent=self), self.open_selected)
        self.table.doubleClicked.connect(lambda index: self.open_course(self._id_at(index.row())))
        self.new_button = self._button("courses_new", self.new_course)
        self.open_button = self._button("courses_open", self.open_selected)
        self.edit_button = self._button("courses_edit", self.edit_selected)
        self.status_line = plain_label(name="courses_count")

        filters = QHBoxLayout()
        filters.addWidget(self.status_label)
        filters.addWidget(self.status)
        filters.addStretch(1)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.edit_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.status_line)
        self.list_view = QWidget()
        self.list_view.setObjectName("courses_list")
        list_layout = QVBoxLayout(self.list_view)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.search)
        list_layout.addLayout(filters)
        list_layout.addWidget(self.table, 1)
        list_layout.addLayout(buttons)

        self.detail = CourseDetail(trainings, volunteers, paths=paths)
        self.detail.back.connect(self.show_list)
        self.detail.edit_requested.connect(self.edit_course)
        self.detail.said.connect(self.say)
        self.detail.changed.connect(self._detail_changed)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_view)
        self.stack.addWidget(self.detail)
        self.detail_status = plain_label(name="course_detail_message")
        layout = QVBoxLayout(self)
        layout.addWidget(self._headline)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.detail_status)

        self._shortcut(QKeySequence.StandardKey.Find, self.focus_search)
        self._shortcut(QKeySequence.StandardKey.New, self.new_course)
        self._shortcut("Ctrl+E", self._edit_shown)
        for first, second in zip([self.search, self.status, self.table, self.new_button, self.open_button],
                                 [self.status, self.table, self.new_button, self.open_button, self.edit_button]):
            self.setTabOrder(first, second)
        self.retranslate()
        self._enable()

    # -- texts ------------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self._headline.set_text(self.title())
        self.search.setPlaceholderText(_("Search title, reference, funding, trainer … (Ctrl+F)"))
        self.status_label.setText(_("S&tatus:"))
        fill_combo(self.status, [(_("current courses"), CURRENT), (_("every status"), EVERY_STATUS)]
                   + [(status.label(), status.value) for status in CourseStatus])
        self.new_button.setText(_("&New course"))
        self.new_button.setToolTip(_("Plan a new course (Ctrl+N)"))
        self.open_button.setText(_("&Open"))
        self.open_button.setToolTip(_("Show the chosen course with its sessions and participants (Enter)"))
        self.edit_button.setText(_("&Edit course…"))
        self.edit_button.setToolTip(_("Change the chosen course's title, places and rules (Ctrl+E)"))
        self.model.retranslate()
        size_columns(self.table, _WIDTHS)
        self.detail.retranslate()
        self._show_counts()

    def _show_counts(self) -> None:
        shown = self.model.rowCount()
        self.status_line.setText(ngettext("{count} course", "{count} courses", shown).format(
            count=format_number(shown)) if self._loaded else "")
        if self._loaded and shown == 0:
            self.empty.setText(_("No course matches the search.") if self.search.text().strip() else
                               _("No course here yet — plan the first one with New course."))
            self.empty.show()
        else:
            self.empty.hide()

    # -- loading ----------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.reload()
        if self.stack.currentWidget() is self.detail:
            self.detail.reload()

    def _statuses(self) -> frozenset[CourseStatus]:
        chosen = self.status.currentData()
        if chosen == CURRENT:
            return _CURRENT_STATUSES
        if chosen in (EVERY_STATUS, None):
            return frozenset()
        return frozenset({CourseStatus(chosen)})

    def reload(self, select: str | None = None) -> None:
        chosen = select or self._selected_id()
        self.model.set_rows(self._trainings.list_courses(self.search.text(), self._statuses()))
        self._loaded = True
        if chosen:
            self.select_course(chosen)
        self._show_counts()
        self._enable()

    def focus_search(self) -> None:
        self.show_list()
        super().focus_search()

    # -- selection --------------------------------------------------------------------------------------------
    def _id_at(self, row: int) -> str | None:
        item = self.model.row_at(row)
        return item.id if item else None

    def _selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self._id_at(rows[0].row()) if rows else None

    def select_course(self, course_id: str) -> bool:
        row = self.model.row_of(course_id)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def _enable(self, *_args) -> None:
        chosen = self._selected_id() is not None
        self.open_button.setEnabled(chosen)
        self.edit_button.setEnabled(chosen)

    # -- actions ----------------------------------------------------------------------------------------------
    def say(self, text: str) -> None:
        self.detail_status.setText(text)

    def show_list(self) -> None:
        if self.stack.currentWidget() is self.detail and self.detail.course is not None:
            self.reload(select=self.detail.course.id)
        self.stack.setCurrentWidget(self.list_view)
        self.table.setFocus()

    def open_selected(self) -> None:
        course_id = self._selected_id()
        if course_id:
            self.open_course(course_id)

    def open_course(self, course_id: str | None) -> bool:
        if not course_id or not self.detail.show_course(course_id):
            return False
        self.detail_status.clear()
        self.stack.setCurrentWidget(self.detail)
        self.detail.tabs.currentWidget().setFocus()
        return True

    def new_course(self) -> None:
        saved = edit_course(self, self._trainings, self._volunteers, None)
        if saved is not None:
            self._after_save(saved)
            self.open_course(saved.id)
            self.say(_("{reference} was saved. Add its sessions here.").format(reference=saved.reference))

    def edit_selected(self) -> None:
        course_id = self._selected_id()
        if course_id:
            self.edit_course(course_id)

    def _edit_shown(self) -> None:
        if self.stack.currentWidget() is self.detail and self.detail.course is not None:
            self.edit_course(self.detail.course.id)
        else:
            self.edit_selected()

    def edit_course(self, course_id: str) -> None:
        before = self._waiting_ids(course_id)
        saved = edit_course(self, self._trainings, self._volunteers, course_id)
        if saved is None:
            return
        self._after_save(saved)
        if self.stack.currentWidget() is self.detail:
            self.detail.reload()
        moved = before - self._waiting_ids(course_id)
        text = _("{reference} was saved.").format(reference=saved.reference)
        if moved:
            text = ngettext("{reference} was saved; {count} person moved up from the waiting list.",
                            "{reference} was saved; {count} people moved up from the waiting list.",
                            len(moved)).format(reference=saved.reference, count=len(moved))
        self.say(text)

    def _waiting_ids(self, course_id: str) -> set[str]:
        from kommandesk.domain.trainings import RegistrationStatus

        return {p.registration_id for p in self._trainings.participants(course_id)
                if p.status is RegistrationStatus.WAITING}

    def _after_save(self, course) -> None:
        self.reload(select=course.id)
        if self.model.row_of(course.id) < 0:  # the filters leave it out: show every course
            blocked = self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(blocked)
            self.status.setCurrentIndex(self.status.findData(EVERY_STATUS))
            self.reload(select=course.id)

    def _detail_changed(self) -> None:
        self.reload()
