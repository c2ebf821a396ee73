"""The certificate dialogs: a course's batch (who is printed, below the minimum only with a reason, the output
written by a synchronous run, the summary, the preview), the service record, the Ehrenamtskarte check, the revoke
dialog, and "Certificates…" on the course detail."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from kommandesk.domain.assignments import HoursEntry
from kommandesk.domain.requests import RequestConsent, SupportRequest
from kommandesk.domain.volunteers import Consent, ConsentPurpose, Status, Volunteer
from kommandesk.tasks import TaskRunner
from tests.unit.certificate_data import course, ready

# (first, last, sessions present of 4): 100 %, 75 % (below 80 %), 100 %, 50 % (below)
PEOPLE = [("Anna", "Berg", 4), ("Jan", "Nowak", 3), ("Şükrü", "Yılmaz", 4), ("Farid", "Ahmadi", 2)]
TODAY = dt.date.today()


@pytest.fixture
def out(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def made(services):
    ready(services)
    return course(services, PEOPLE)[0]


@pytest.fixture
def previews(monkeypatch):
    """The previews the dialogs would show (path of each file)."""
    from kommandesk.ui.dialogs.certificates import batch_dialog, person_dialog

    shown = []
    monkeypatch.setattr(batch_dialog, "preview", lambda parent, path: shown.append(path))
    monkeypatch.setattr(person_dialog, "preview", lambda parent, path: shown.append(path))
    return shown


@pytest.fixture
def batch(qtbot, services, out):
    from kommandesk.ui.dialogs.certificates.batch_dialog import BatchDialog

    def make(course_id):
        dialog = BatchDialog(services.certificates, services.trainings, course_id,
                             runner=TaskRunner(synchronous=True), folder=out)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return make


def states(dialog) -> dict[str, tuple[str, bool, bool]]:
    """Last name -> (state, ticked, can be ticked)."""
    found = {}
    for index in range(dialog.model.rowCount()):
        item = dialog.model.item(index, 0)
        row = dialog.plan_row(index)
        found[row.participant.last_name] = (row.state, item.checkState() == Qt.CheckState.Checked,
                                            bool(item.flags() & Qt.ItemFlag.ItemIsUserCheckable))
    return found


# -- the batch -------------------------------------------------------------------------------------------------

def test_the_batch_lists_every_participant_with_state_and_attendance(batch, made):
    dialog = batch(made.id)

    assert states(dialog) == {"Berg": ("eligible", True, False), "Nowak": ("below", False, True),
                              "Yılmaz": ("eligible", True, False), "Ahmadi": ("below", False, True)}
    nowak = dialog.row_of("Nowak")
    assert dialog.model.item(nowak, 1).text() == "75 % (4.5 of 6 hours)"
    assert dialog.model.item(nowak, 2).text() == "below the minimum"
    assert "Minimum attendance: 80 %." in dialog.counts.text()
    assert "2 below the minimum (0 included)" in dialog.counts.text()


def test_issuing_writes_the_files_registers_them_and_offers_the_preview(batch, made, services, out, previews):
    dialog = batch(made.id)
    dialog.per_person.setChecked(True)

    assert dialog.issue()

    assert set(os.listdir(out)) == {f"{made.reference} - Teilnahmebescheinigungen.pdf",
                                    "Berg Anna - Teilnahmebescheinigung.pdf",
                                    "Yılmaz Şükrü - Teilnahmebescheinigung.pdf"}
    register = services.certificates.register()
    assert sorted(row.person_name for row in register) == ["Anna Berg", "Şükrü Yılmaz"]
    assert "2 new certificates were issued" in dialog.message.text()
    assert "2 participants below the minimum attendance were left out: Farid Ahmadi, Jan Nowak." in \
        dialog.message.text()
    assert states(dialog)["Berg"][0] == "issued"  # read again: issued before now
    assert dialog.preview_button.isVisible()

    dialog.preview_result()
    assert previews == [out / f"{made.reference} - Teilnahmebescheinigungen.pdf"]
    assert [row.number for row in dialog.all_issued] == sorted(row.number for row in register)


def test_someone_below_the_minimum_ticked_without_a_reason_is_refused_and_nothing_is_written(batch, made, services,
                                                                                             out):
    dialog = batch(made.id)
    dialog.set_included(dialog.row_of("Nowak"), True)

    assert not dialog.issue()

    assert "Jan Nowak attended 75 %, below the minimum of 80 %" in dialog.message.text()
    assert os.listdir(out) == []
    assert services.certificates.register() == []
    assert dialog.reason.isEnabled()


def test_someone_below_the_minimum_is_included_with_the_reason_recorded(batch, made, services, out):
    dialog = batch(made.id)
    dialog.set_included(dialog.row_of("Nowak"), True, "Made up the missed session with the trainer")
    assert dialog.model.item(dialog.row_of("Nowak"), 3).text() == "Made up the missed session with the trainer"
    assert "2 below the minimum (1 included)" in dialog.counts.text()

    assert dialog.issue()

    by_name = {row.person_name: row for row in services.certificates.register()}
    assert sorted(by_name) == ["Anna Berg", "Jan Nowak", "Şükrü Yılmaz"]
    assert by_name["Jan Nowak"].override_reason == "Made up the missed session with the trainer"
    assert by_name["Anna Berg"].override_reason == ""
    assert "1 participant below the minimum attendance was left out: Farid Ahmadi." in dialog.message.text()


def test_typing_a_reason_ticks_the_person(batch, made):
    dialog = batch(made.id)
    dialog.table.selectRow(dialog.row_of("Ahmadi"))
    dialog.reason.setText("Illness, content made up")
    dialog.reason.textEdited.emit("Illness, content made up")

    assert states(dialog)["Ahmadi"][1] is True
    assert dialog.include() == {dialog.plan_row(dialog.row_of("Ahmadi")).participant.registration_id:
                                "Illness, content made up"}


def test_an_eligible_participant_has_no_reason_to_give(batch, made):
    dialog = batch(made.id)
    dialog.table.selectRow(dialog.row_of("Berg"))
    assert not dialog.reason.isEnabled()


def test_no_output_chosen_is_refused(batch, made, services, out):
    dialog = batch(made.id)
    dialog.one_pdf.setChecked(False)
    dialog.per_person.setChecked(False)

    assert not dialog.issue()

    assert dialog.message.text() == "Choose the output: one PDF for printing, one file per person, or both."
    assert services.certificates.register() == []


def test_a_missing_folder_is_refused_with_the_services_message(batch, made, services, out):
    dialog = batch(made.id)
    dialog.folder.setText(str(out / "missing"))

    dialog.issue()

    assert "does not exist" in dialog.message.text()
    assert services.certificates.register() == []
    assert not dialog.preview_button.isVisible()


def test_missing_organisation_details_say_what_to_fill_in(batch, made, services, out):
    import dataclasses

    services.organisation.save(dataclasses.replace(services.organisation.get(), signatory_name=""))
    dialog = batch(made.id)

    dialog.issue()

    assert "Signatory (name)" in dialog.message.text()
    assert os.listdir(out) == [] and services.certificates.register() == []


def test_issued_before_is_printed_again_not_numbered_again(batch, made, services, out):
    dialog = batch(made.id)
    dialog.issue()
    first = sorted(row.number for row in services.certificates.register())

    dialog.issue()

    assert sorted(row.number for row in services.certificates.register()) == first
    assert "2 certificates issued before were printed again (same numbers)." in dialog.message.text()
    assert "No certificate was issued." not in dialog.message.text()


def test_cancelling_the_run_stops_between_certificates(batch, made, services, out, monkeypatch):
    from PySide6.QtWidgets import QProgressDialog

    def cancel_after_first(dialog, value):
        if value >= 1:
            dialog.canceled.emit()  # as if the user clicked Cancel

    monkeypatch.setattr(QProgressDialog, "setValue", cancel_after_first)
    dialog = batch(made.id)
    dialog.one_pdf.setChecked(False)
    dialog.per_person.setChecked(True)

    dialog.issue()

    assert len(services.certificates.register()) == 1
    assert len(os.listdir(out)) == 1
    assert dialog.message.text().startswith("The run was cancelled.")
    assert "1 new certificate was issued" in dialog.message.text()


def test_the_batch_dialog_keys(qtbot, batch, made):
    dialog = batch(made.id)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    dialog.table.setFocus()
    dialog.table.selectRow(dialog.row_of("Ahmadi"))
    dialog.table.setCurrentIndex(dialog.model.index(dialog.row_of("Ahmadi"), 0))

    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert states(dialog)["Ahmadi"][1] is True

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_certificates_on_the_course_detail_opens_the_batch_for_that_course(qtbot, services, paths, made, out,
                                                                          monkeypatch):
    from kommandesk.ui.dialogs.certificates.batch_dialog import BatchDialog
    from kommandesk.ui.pages.course_detail import CourseDetail

    seen = []

    def fake_exec(dialog):
        seen.append(dialog.course_id())
        dialog.folder.setText(str(out))
        dialog.issue()
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(BatchDialog, "exec", fake_exec)
    detail = CourseDetail(services.trainings, services.volunteers, paths=paths)
    qtbot.addWidget(detail)
    detail.show()
    assert not detail.certificates_button.isVisible()
    detail.set_certificates(lambda: services.certificates, runner=TaskRunner(synchronous=True))
    detail.show_course(made.id)
    said = []
    detail.said.connect(said.append)

    qtbot.mouseClick(detail.certificates_button, Qt.MouseButton.LeftButton)

    assert seen == [made.id]
    assert said == ["2 certificates of attendance were issued."]


# -- the revoke dialog ------------------------------------------------------------------------------------------

def test_revoke_needs_a_reason(qtbot, services, made, out):
    from kommandesk.ui.dialogs.certificates.revoke_dialog import RevokeDialog

    row = services.certificates.issue_course(made.id, language="en", folder=out, one_pdf=True,
                                             per_person=False).issued[0]
    dialog = RevokeDialog(services.certificates, row)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ok_button.isEnabled()
    assert dialog.confirm() is False
    assert dialog.field.error.text() == "Write down why the certificate is revoked."

    dialog.reason.setPlainText("x" * 301)
    assert not dialog.ok_button.isEnabled()
    assert "300" in dialog.field.error.text()

    dialog.reason.setPlainText("Wrong course dates")
    assert dialog.ok_button.isEnabled()
    assert dialog.confirm()
    assert services.certificates.get(row.number).revoke_reason == "Wrong course dates"


# -- service record and Ehrenamtskarte ---------------------------------------------------------------------------

def volunteer(services, first="Łucja", last="Wójcik") -> Volunteer:
    consent = Consent(dt.date(2024, 1, 2), frozenset({ConsentPurpose.CONTACT}), "2025-02")
    return services.volunteers.create(Volunteer(first_name=first, last_name=last, status=Status.ACTIVE,
                                                consent=consent, registered_on=dt.date(2024, 1, 2)),
                                      confirmed_duplicate=True)


def log_hours(services, vol, minutes_by_day: dict[dt.date, int]) -> None:
    """Hours logged for an escort the volunteer was assigned to."""
    from kommandesk.store.assignments_repo import AssignmentRepository

    area = next(a.id for a in services.volunteers.areas() if a.key == "escort")
    request = services.requests.create(SupportRequest(
        person="Zahra", site="ZUE Musterstadt", area_id=area,
        consent=RequestConsent(dt.date(2024, 1, 2), "Weitergabe"), received_on=dt.date(2024, 1, 2)))
    assignment = services.requests.assign(request.id, vol.id).id
    with services.store.db.atomic():
        AssignmentRepository(services.store).insert_hours(
            [HoursEntry(day, minutes, "Begleitung", assignment) for day, minutes in minutes_by_day.items()])


def weekly(hours: int, weeks: int) -> dict[dt.date, int]:
    return {TODAY - dt.timedelta(days=7 * n + 1): hours * 60 for n in range(weeks)}


@pytest.fixture
def person_dialog(qtbot, services):
    from kommandesk.ui.dialogs.certificates.card_dialog import CardDialog
    from kommandesk.ui.dialogs.certificates.service_record_dialog import ServiceRecordDialog

    def make(kind, vol):
        cls = {"record": ServiceRecordDialog, "card": CardDialog}[kind]
        dialog = cls(services.service_records, services.certificates, services.volunteers, volunteer_id=vol.id)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return make


def test_the_service_record_shows_its_figures_and_is_issued_and_previewed(services, person_dialog, out, previews):
    ready(services)
    vol = volunteer(services)
    log_hours(services, vol, {TODAY - dt.timedelta(days=10): 150, TODAY - dt.timedelta(days=20): 120})
    dialog = person_dialog("record", vol)

    assert dialog.volunteer.id == vol.id
    assert "Hours logged: 4.5" in dialog.figures.text()
    assert "Areas of help: 1" in dialog.figures.text()
    target = out / dialog.suggested_name()
    assert target.name == "Wójcik Łucja - Ehrenamtsnachweis.pdf"

    row = dialog.issue(target)

    assert row is not None and target.is_file()
    assert services.certificates.get(row.number).person_name == "Łucja Wójcik"
    assert previews == [target]
    assert dialog.message.text().startswith(f"{row.number} was issued")


def test_a_service_record_period_ending_before_it_begins_is_refused(services, person_dialog, out, previews):
    ready(services)
    vol = volunteer(services)
    dialog = person_dialog("record", vol)
    dialog.first.set_value(TODAY - dt.timedelta(days=5))
    dialog.last.set_value(TODAY - dt.timedelta(days=30))

    assert dialog.issue(out / "record.pdf") is None

    assert "ends before it begins" in dialog.last.error.text()
    assert os.listdir(out) == [] and services.certificates.register() == []
    assert previews == []


def test_a_service_record_date_that_is_not_a_date_is_refused(services, person_dialog, out):
    ready(services)
    dialog = person_dialog("record", volunteer(services))
    dialog.first.line.setText("31.02.")

    assert dialog.issue(out / "record.pdf") is None
    assert dialog.first.error.text()
    assert os.listdir(out) == []


def test_without_a_volunteer_chosen_nothing_is_issued(services, person_dialog, out):
    ready(services)
    vol = volunteer(services)
    dialog = person_dialog("record", vol)
    dialog.picker.search.setText("nobody of that name")
    dialog.picker.flush_search()

    assert dialog.issue(out / "record.pdf") is None
    assert dialog.message.text() == "Choose a volunteer on the left."


def test_the_card_check_shows_the_years_and_prints_the_confirmation(services, person_dialog, out, previews):
    ready(services)
    vol = volunteer(services)
    log_hours(services, vol, weekly(6, 104))
    dialog = person_dialog("card", vol)

    assert dialog.check.meets
    assert dialog.verdict.text() == "\u2713 Łucja Wójcik meets the rule."
    assert dialog.years_model.rowCount() == 2
    assert dialog.years_model.item(0, 3).text() == "\u2713 yes"
    assert "5 hours a week" in dialog.rule.text()
    assert dialog.action_button.isEnabled()

    row = dialog.issue(out / dialog.suggested_name())

    assert row is not None and (out / "Wójcik Łucja - Stundenbestätigung Ehrenamtskarte.pdf").is_file()
    assert previews == [out / "Wójcik Łucja - Stundenbestätigung Ehrenamtskarte.pdf"]


def test_the_card_check_not_met_prints_nothing(services, person_dialog, out, previews):
    ready(services)
    vol = volunteer(services)
    log_hours(services, vol, weekly(2, 20))
    dialog = person_dialog("card", vol)

    assert not dialog.check.meets
    assert "does not meet the rule" in dialog.verdict.text()
    assert not dialog.action_button.isEnabled()
    assert dialog.issue(out / "confirmation.pdf") is None
    assert os.listdir(out) == [] and services.certificates.register() == []


def test_the_card_rule_follows_the_settings(services, person_dialog):
    import dataclasses

    ready(services)
    services.organisation.save(dataclasses.replace(services.organisation.get(), card_weekly_hours=1,
                                                   card_yearly_hours=40, card_years=1))
    vol = volunteer(services)
    log_hours(services, vol, weekly(1, 45))
    dialog = person_dialog("card", vol)

    assert dialog.check.meets
    assert dialog.years_model.rowCount() == 1
