"""The two parts of the course form: what the course is (title, description, topics, trainers, funding tag,
language) and its places and certificate rules (capacity, minimum attendance, unit of time, status, areas of
help it prepares for)."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QCompleter, QListWidget, QListWidgetItem, QPlainTextEdit, QSpinBox,
                               QVBoxLayout)

from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.search_text import fold
from kommandesk.domain.trainings import MAX_CAPACITY, Course, CourseStatus, TimeUnit
from kommandesk.i18n import _, current_language
from kommandesk.ui.dialogs.volunteers.section import Section, add_row, form_layout, group, hint_label, narrow_field
from kommandesk.ui.widgets.form_field import FieldWithError
from kommandesk.ui.widgets.language_picker import language_names
from kommandesk.ui.widgets.searchable_combo import SearchableCombo

def _text_area(name: str, lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setTabChangesFocus(True)
    height = edit.fontMetrics().lineSpacing() * lines + 12
    edit.setMinimumHeight(height)
    edit.setMaximumHeight(height)  # the fields below stay in sight; longer text scrolls
    return edit


class CourseSection(Section):
    def __init__(self, context, parent=None):
        super().__init__(context, parent)
        self.title = self.text_field("title", "course_title")
        self.title.editor.setPlaceholderText(_("e.g. Basic course: supporting refugees"))
        self.description = _text_area("course_description", 4)
        self.description.textChanged.connect(self.changed)
        self.description_field = FieldWithError(self.description)
        self._targets["description"] = self.description_field
        self.topics = _text_area("course_topics", 5)
        self.topics.setPlaceholderText(_("One topic per line, e.g.\nAsylum procedure\nTalking with interpreters"))
        self.topics.textChanged.connect(self.changed)
        self.topics_field = FieldWithError(self.topics)
        self._targets["topics"] = self.topics_field
        self.trainers = self.text_field("trainers", "course_trainers")
        self.trainers.editor.setPlaceholderText(_("e.g. Dr. Aylin Demir, Jonas Weber"))
        self.funding = self.text_field("funding_tag", "course_funding_tag")
        self.funding.editor.setPlaceholderText(_("e.g. KOMM-AN NRW II D"))
        completer = QCompleter(self._funding_tags(), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.funding.editor.setCompleter(completer)
        self.language = SearchableCombo()
        self.language.setObjectName("course_language")
        self.language.setMinimumContentsLength(18)
        self.language.set_items([(name, code, code) for code, name, _f, _s in language_names(current_language())],
                                "de")
        self.language.currentIndexChanged.connect(self.changed)
        self.language_field = narrow_field(self.language)
        self._targets["language"] = self.language_field

        box = group(_("Course"), "section_course")
        form = form_layout(box)
        add_row(form, _("Title:"), self.title)
        add_row(form, _("Description:"), self.description_field, self.description)
        add_row(form, _("Topics (one per line, printed on the certificate):"), self.topics_field, self.topics)
        add_row(form, _("Trainer(s):"), self.trainers)
        add_row(form, _("Funding programme or module:"), self.funding)
        add_row(form, _("Language of the course:"), self.language_field, self.language)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        layout.addStretch(1)
        self.set_tab_order()

    def _funding_tags(self) -> list[str]:
        try:
            used = list(self.context.service.funding_tags())
        except KommanDeskError:  # suggestions only: the field works without them
            used = []
        return list(dict.fromkeys(used))

    def focus_order(self):
        return [self.title.editor, self.description, self.topics, self.trainers.editor, self.funding.editor,
                self.language]

    def load(self, course: Course) -> None:
        self.title.editor.setText(course.title)
        self.description.setPlainText(course.description)
        self.topics.setPlainText("\n".join(course.topics))
        self.trainers.editor.setText(course.trainers)
        self.funding.editor.setText(course.funding_tag)
        blocked = self.language.blockSignals(True)
        self.language.setCurrentIndex(max(self.language.findData(course.language), 0))
        self.language.blockSignals(blocked)

    def apply(self, course: Course) -> Course:
        topics = tuple(line for line in self.topics.toPlainText().splitlines() if line.strip())
        return dataclasses.replace(course, title=self.title.editor.text(),
                                   description=self.description.toPlainText(), topics=topics,
                                   trainers=self.trainers.editor.text(), funding_tag=self.funding.editor.text(),
                                   language=self.language.currentData() or course.language)


class PlacesSection(Section):
    expands = True

    def __init__(self, context, parent=None):
        super().__init__(context, parent)
        self.capacity = QSpinBox()
        self.capacity.setObjectName("course_capacity")
        self.capacity.setRange(0, MAX_CAPACITY * 2)  # the rules say what is too many (a message beats a clamp)
        self.capacity.valueChanged.connect(self.changed)
        self.capacity_field = narrow_field(self.capacity)
        self._targets["capacity"] = self.capacity_field
        self.min_percent = QSpinBox()
        self.min_percent.setObjectName("course_min_attendance")
        self.min_percent.setRange(0, 100)
        self.min_percent.setSuffix(" %")
        self.min_percent.valueChanged.connect(self.changed)
        self.min_percent_field = narrow_field(self.min_percent)
        self._targets["min_attendance_percent"] = self.min_percent_field
        self.unit = QComboBox()
        self.unit.setObjectName("course_unit")
        for unit in TimeUnit:
            self.unit.addItem(unit.label(), unit.value)
        self.unit.currentIndexChanged.connect(self.changed)
        self.unit_field = narrow_field(self.unit)
        self._targets["unit"] = self.unit_field
        self.status = QComboBox()
        self.status.setObjectName("course_status")
        for status in CourseStatus:
            self.status.addItem(status.label(), status.value)
        self.status.currentIndexChanged.connect(self.changed)
        self.status_field = narrow_field(self.status)
        self._targets["status"] = self.status_field
        self.areas = QListWidget()
        self.areas.setObjectName("course_areas")
        self.areas.itemChanged.connect(lambda _item: self.changed.emit())
        self.areas_field = FieldWithError(self.areas)
        self._targets["areas"] = self.areas_field

        box = group(_("Places and certificate"), "section_course_places")
        form = form_layout(box)
        add_row(form, _("Places:"), self.capacity_field, self.capacity)
        form.addRow(hint_label(_("Registrations beyond the places go to the waiting list, in order.")))
        add_row(form, _("Minimum attendance for a certificate:"), self.min_percent_field, self.min_percent)
        add_row(form, _("Time shown on certificates in:"), self.unit_field, self.unit)
        add_row(form, _("Status:"), self.status_field, self.status)
        areas_box = group(_("Areas of help it prepares for"), "section_course_areas")
        areas_layout = QVBoxLayout(areas_box)
        areas_layout.addWidget(hint_label(_("Volunteers who complete the course count as trained for these areas "
                                            "when matching.")))
        areas_layout.addWidget(self.areas_field, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)
        layout.addWidget(areas_box, 1)
        self.set_tab_order()

    def focus_order(self):
        return [self.capacity, self.min_percent, self.unit, self.status, self.areas]

    def _fill_areas(self, chosen: tuple[str, ...]) -> None:
        language = current_language()
        try:
            areas = self.context.volunteers.areas(include_retired=True)
        except KommanDeskError:  # without the catalogue the list stays empty
            areas = []
        self.areas.clear()
        for area in sorted(areas, key=lambda item: fold(item.name(language))):
            if not area.active and area.id not in chosen:
                continue
            text = area.name(language) if area.active else _("{area} (retired)").format(area=area.name(language))
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, area.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if area.id in chosen else Qt.CheckState.Unchecked)
            self.areas.addItem(item)

    def load(self, course: Course) -> None:
        self.capacity.setValue(course.capacity)
        self.min_percent.setValue(course.min_attendance_percent)
        self.unit.setCurrentIndex(max(self.unit.findData(course.unit.value), 0))
        self.status.setCurrentIndex(max(self.status.findData(course.status.value), 0))
        blocked = self.areas.blockSignals(True)
        self._fill_areas(tuple(course.areas))
        self.areas.blockSignals(blocked)

    def chosen_areas(self) -> tuple[str, ...]:
        return tuple(self.areas.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.areas.count())
                     if self.areas.item(row).checkState() == Qt.CheckState.Checked)

    def apply(self, course: Course) -> Course:
        return dataclasses.replace(course, capacity=self.capacity.value(),
                                   min_attendance_percent=self.min_percent.value(),
                                   unit=TimeUnit(self.unit.currentData()),
                                   status=CourseStatus(self.status.currentData()), areas=self.chosen_areas())
