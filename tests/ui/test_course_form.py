"""The course form: every field of a course, messages beside the fields, nothing saved until it is valid, and the
places that cannot drop below the people registered."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kommandesk.domain.trainings import CourseStatus, TimeUnit
from training_data import course, people


def open_form(qtbot, services, record):
    from kommandesk.ui.dialogs.trainings.course_form import CourseDialog

    dialog = CourseDialog(services.trainings, services.volunteers, record)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_course_without_title_or_places_is_not_saved(qtbot, services):
    dialog = open_form(qtbot, services, services.trainings.new_course())
    dialog.course.title.editor.setText("   ")
    dialog.places.capacity.setValue(0)
    assert not dialog.save()
    assert dialog.error_text("title")
    assert "Between 1 and" in dialog.error_text("capacity")
    assert "correct the marked fields" in dialog.message.text()
    assert services.trainings.list_courses(statuses=frozenset()) == []
    dialog.places.capacity.setValue(12)  # the message goes away as soon as the field is right
    assert dialog.error_text("capacity") == ""
    dialog.discard()


def test_every_field_is_saved(qtbot, services):
    area = services.volunteers.areas()[0]
    dialog = open_form(qtbot, services, services.trainings.new_course())
    completions = dialog.course.funding.editor.completer().model()
    suggested = [completions.index(row, 0).data() for row in range(completions.rowCount())]
    assert "KOMM-AN NRW II D" in suggested
    dialog.course.title.editor.setText("Dolmetschen im Ehrenamt")
    dialog.course.description.setPlainText("Für Ehrenamtliche, die übersetzen.")
    dialog.course.topics.setPlainText("Rolle der Sprachmittler\n\nSchweigepflicht\n")
    dialog.course.trainers.editor.setText("Dr. Aylin Demir")
    dialog.course.funding.editor.setText("KOMM-AN NRW II D")
    assert dialog.course.language.choose_text("arab")
    dialog.places.capacity.setValue(16)
    dialog.places.min_percent.setValue(75)
    dialog.places.unit.setCurrentIndex(dialog.places.unit.findData(TimeUnit.TEACHING_UNITS.value))
    dialog.places.status.setCurrentIndex(dialog.places.status.findData(CourseStatus.OPEN.value))
    for row in range(dialog.places.areas.count()):
        item = dialog.places.areas.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == area.id:
            item.setCheckState(Qt.CheckState.Checked)
    assert dialog.dirty
    assert dialog.save()
    saved = services.trainings.get_course(dialog.saved.id)
    assert saved.reference.startswith("K-")
    assert saved.topics == ("Rolle der Sprachmittler", "Schweigepflicht")
    assert (saved.capacity, saved.min_attendance_percent, saved.unit, saved.status, saved.language) == (
        16, 75, TimeUnit.TEACHING_UNITS, CourseStatus.OPEN, "ar")
    assert saved.areas == (area.id,) and saved.funding_tag == "KOMM-AN NRW II D"
    assert saved.reference in dialog.headline.text()


def test_places_cannot_drop_below_the_people_registered(qtbot, services):
    made = course(services, capacity=3)
    for vol in people(services):
        services.trainings.register(made.id, vol.id)
    dialog = open_form(qtbot, services, services.trainings.get_course(made.id))
    dialog.places.capacity.setValue(2)
    assert not dialog.save()
    shown = dialog.error_text("capacity") or dialog.message.text()
    assert shown and "3" in shown
    assert services.trainings.get_course(made.id).capacity == 3
    dialog.discard()


def test_closing_with_changes_asks_first(qtbot, services, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or QMessageBox.StandardButton.Cancel)
    dialog = open_form(qtbot, services, services.trainings.new_course())
    dialog.course.title.editor.setText("x")
    dialog.course.title.editor.textEdited.emit("x")
    dialog.reject()
    assert asked and "not saved" in asked[0]
    assert dialog.isVisible()
    dialog.discard()
