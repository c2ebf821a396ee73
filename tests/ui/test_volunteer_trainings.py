"""The volunteer form's Status tab lists the person's trainings: completed ones and those under way."""

from __future__ import annotations

from attendance_data import make_course
from form_opener import form_opener

from kommandesk.domain.trainings import Presence


def table_texts(table) -> list[list[str]]:
    return [[table.item(row, column).text() for column in range(table.columnCount())]
            for row in range(table.rowCount())]


def test_the_status_tab_shows_the_trainings_of_the_volunteer(qtbot, services):
    from kommandesk.ui.dialogs.volunteers.volunteer_form import VolunteerDialog

    course, sessions, people = make_course(services, (("Anna", "Berg"), ("Jürgen", "Müller")), sessions=2)
    berg = people["Berg"]
    services.trainings.record_many(sessions[0].id, [(berg.registration_id, Presence.PRESENT, None, "")])
    services.trainings.record_many(sessions[1].id, [(berg.registration_id, Presence.PRESENT, None, "")])
    services.trainings.complete_course(course.id)
    with form_opener(qtbot) as show:
        dialog = show(VolunteerDialog(services.volunteers, services.volunteers.get(berg.volunteer_id)))
        status = dialog.status
        assert table_texts(status.trainings) == [
            [f"{course.reference}: Grundkurs Flüchtlingshilfe", "completed", "3 of 3 h (100%)"]]
        assert status.trainings_total.text() == "1 training completed."
        other = show(VolunteerDialog(services.volunteers, services.volunteers.get(people["Müller"].volunteer_id)))
        assert table_texts(other.status.trainings)[0][1:] == ["registered", "0 of 3 h (0%)"]
        assert other.status.trainings_total.text() == "0 trainings completed."
        new = show(VolunteerDialog(services.volunteers, services.volunteers.new()))
        assert new.status.trainings.rowCount() == 0
        assert new.status.trainings_total.text() == "No trainings yet."
