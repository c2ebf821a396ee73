"""Settings > Data protection and its dialogs: the retention periods saved at once, the export of a person's data,
the erasure (the button enabled only when the reference is typed again), the retention preview with Apply, the
question on start, and the "Data protection…" button of the volunteer form."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QMessageBox, QSpinBox

from kommandesk.services.privacy import PrivacyService
from kommandesk.tasks import TaskRunner
from kommandesk.ui.dialogs.privacy.erase_dialog import EraseDialog
from kommandesk.ui.dialogs.privacy.export_dialog import ExportDialog
from kommandesk.ui.dialogs.privacy.retention_dialog import RetentionDialog, offer_retention
from kommandesk.ui.widgets.privacy_settings import PrivacySettingsEditor
from tests.unit import privacy_data as P
from tests.unit.report_data import build
from ui_helpers import replace_text

SB = QMessageBox.StandardButton


@pytest.fixture
def data(services):
    made = build(services)
    P.add_person(made)
    return made


@pytest.fixture
def privacy(data):
    return PrivacyService(data.services.store, data.volunteers)


def ref_of(data, name: str) -> str:
    table, record = ("volunteers", data.v[name]) if name in data.v else ("requests", data.r[name])
    return data.services.store.conn.execute(f"SELECT reference FROM {table} WHERE id = ?", (record,)).fetchone()[0]


def shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def exists(data, name: str) -> bool:
    return data.services.store.conn.execute("SELECT count(*) FROM volunteers WHERE id = ?",
                                            (data.v[name],)).fetchone()[0] == 1


# -- Settings ---------------------------------------------------------------------------------------------------

def test_the_settings_page_has_the_data_protection_group(main_window, services):
    services.organisation.save(dataclasses.replace(services.organisation.get(), name="KI Köln"))
    assert main_window.show_page("settings")
    page = main_window.settings_page
    assert "Data protection" in [box.title() for box in page.findChildren(QGroupBox)]
    assert [page.findChild(QSpinBox, name).value() for name in
            ("retention_request_months", "retention_archive_years", "retention_clearance_months")] == [12, 2, 3]
    assert page.findChild(QLabel, "privacy_due").text() == "Nothing is due under the retention rules."


def test_a_period_is_saved_at_once_and_the_organisation_form_keeps_it(qtbot, main_window, services):
    services.organisation.save(dataclasses.replace(services.organisation.get(), name="KI Köln"))
    assert main_window.show_page("settings")
    page = main_window.settings_page
    page.findChild(QSpinBox, "retention_request_months").setValue(6)
    assert services.organisation.get().retention_request_months == 6
    assert page.privacy_editor.status.text() == "Saved."
    assert page.save()  # the organisation's form saved afterwards does not put the old period back
    assert services.organisation.get().retention_request_months == 6


def test_periods_cannot_be_saved_before_the_organisation(qtbot, services):
    editor = shown(qtbot, PrivacySettingsEditor(PrivacyService(services.store, services.volunteers)))
    editor.spins["retention_archive_years"].setValue(5)
    assert editor.status.text() == "Not saved: please correct the marked setting."
    assert "organisation's details first" in editor.fields["retention_request_months"].error.text()
    assert services.organisation.get().retention_archive_years == 2


def test_the_clearance_period_goes_to_three_months_at_most(qtbot, services):
    editor = shown(qtbot, PrivacySettingsEditor(PrivacyService(services.store, services.volunteers)))
    assert editor.spins["retention_clearance_months"].maximum() == 3


# -- erasing ----------------------------------------------------------------------------------------------------

def test_erase_is_enabled_only_when_the_reference_is_typed_again(qtbot, data, privacy):
    dialog = shown(qtbot, EraseDialog(privacy, runner=TaskRunner(synchronous=True)))
    assert not dialog.erase_button.isEnabled() and not dialog.confirm.isEnabled()
    ref = ref_of(data, "P")
    replace_text(dialog.reference, ref)
    assert dialog.who.text() == f"{P.FIRST} {P.LAST} \u2014 Volunteer {ref}"
    details = dialog.details.text()
    assert "The profile is deleted" in details and "1 allowance payment is deleted." in details
    assert "1 assignment stays without the person" in details and "Tax law" in details
    for typed in ("", ref[:-1], ref + "1", "V-2026-0001"):
        replace_text(dialog.confirm, typed)
        assert not dialog.erase_button.isEnabled(), typed
    replace_text(dialog.confirm, ref)
    assert dialog.erase_button.isEnabled()
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    assert dialog.result_of_erasure.reference == ref
    assert dialog.message.text() == f"{ref} was erased."
    assert not dialog.erase_button.isEnabled()
    assert not exists(data, "P")


def test_erase_names_what_stands_in_the_way(qtbot, data, privacy):
    dialog = shown(qtbot, EraseDialog(privacy, ref_of(data, "V2"), runner=TaskRunner(synchronous=True)))
    assert dialog.reference.isReadOnly()
    assert "still has open assignments" in dialog.blockers.text()
    assert not dialog.confirm.isEnabled()
    replace_text(dialog.confirm, ref_of(data, "V2"))
    assert not dialog.erase_button.isEnabled()
    dialog.erase()
    assert exists(data, "V2")


def test_erase_of_a_reference_that_does_not_exist(qtbot, data, privacy):
    dialog = shown(qtbot, EraseDialog(privacy, runner=TaskRunner(synchronous=True)))
    replace_text(dialog.reference, "V-2026-0999")
    assert dialog.blockers.text() == "There is no volunteer with the reference V-2026-0999. Nothing was changed."
    assert dialog.plan is None and not dialog.erase_button.isEnabled()


def test_erase_of_a_request(qtbot, data, privacy):
    ref = ref_of(data, "R8")
    dialog = shown(qtbot, EraseDialog(privacy, ref, runner=TaskRunner(synchronous=True)))
    assert dialog.who.text() == f"{P.FAMILY} \u2014 Request {ref}"
    replace_text(dialog.confirm, ref.lower())
    dialog.erase()
    assert dialog.result_of_erasure is not None
    assert data.services.store.conn.execute("SELECT person FROM requests WHERE reference = ?", (ref,)).fetchone() \
        == ("",)


# -- exporting --------------------------------------------------------------------------------------------------

def test_export_writes_both_files(qtbot, data, privacy, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    dialog = shown(qtbot, ExportDialog(privacy, ref_of(data, "P"), folder=out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert sorted(path.suffix for path in out.iterdir()) == [".json", ".pdf"]
    assert dialog.message.text().startswith(f"Written to {out}:")


def test_export_to_a_missing_folder_says_so(qtbot, data, privacy, tmp_path):
    dialog = shown(qtbot, ExportDialog(privacy, ref_of(data, "P"), folder=tmp_path / "gone"))
    assert not dialog.export()
    assert "does not exist" in dialog.message.text() and not (tmp_path / "gone").exists()
    replace_text(dialog.folder, "")
    assert not dialog.export_button.isEnabled()


# -- retention --------------------------------------------------------------------------------------------------

def due_in_2027(data):
    """R0, R1 and R8 closed more than 12 months before 2027-03-02 (see test_privacy_service.py)."""
    data.on("2027-03-02")


def test_the_retention_preview_and_apply(qtbot, data, privacy, answer_dialogs):
    due_in_2027(data)
    dialog = shown(qtbot, RetentionDialog(privacy, runner=TaskRunner(synchronous=True)))
    tree = dialog.tree
    assert tree.topLevelItemCount() == 1
    assert tree.topLevelItem(0).text(0) == "3 closed requests to anonymise"
    assert [tree.topLevelItem(0).child(n).text(0) for n in range(3)] == [ref_of(data, n) for n in ("R0", "R1", "R8")]
    assert dialog.apply_button.isEnabled()
    answered = answer_dialogs(SB.Cancel)
    dialog.ask_and_apply()
    assert answered[0]["title"] == "Apply the retention rules" and dialog.applied is None
    answer_dialogs(SB.Yes)
    dialog.ask_and_apply()
    assert dialog.applied.total == 3
    assert dialog.message.text() == "3 closed requests were anonymised."
    assert dialog.summary.text() == "Nothing is due: no retention period has run out."
    assert not dialog.apply_button.isEnabled()


def test_offer_on_start(qtbot, data, privacy, answer_dialogs, monkeypatch):
    assert offer_retention(None, privacy) is False  # nothing due: no question
    due_in_2027(data)
    shown_boxes = answer_dialogs(SB.No)
    assert offer_retention(None, privacy) is False
    assert shown_boxes[0]["text"] == ("3 records have been kept longer than the retention rules allow. Review them "
                                      "now?")
    opened = []
    monkeypatch.setattr(RetentionDialog, "exec", lambda self: opened.append(self.plan.total))
    answer_dialogs(SB.Yes)
    assert offer_retention(None, privacy) is True and opened == [3]


# -- the volunteer form -----------------------------------------------------------------------------------------

def test_the_volunteer_form_erases_through_its_button(qtbot, data, monkeypatch):
    from form_opener import form_opener

    from kommandesk.ui.dialogs.volunteers.volunteer_form import VolunteerDialog

    def type_and_erase(dialog):
        dialog._runner = TaskRunner(synchronous=True)
        replace_text(dialog.confirm, dialog.plan.reference)
        dialog.erase()

    monkeypatch.setattr(EraseDialog, "exec", type_and_erase)
    with form_opener(qtbot) as show:
        form = show(VolunteerDialog(data.volunteers, data.volunteers.get(data.v["P"])))
        actions = {action.objectName(): action for action in form.privacy_button.menu().actions()}
        assert actions["privacy_export_action"].isEnabled()
        actions["privacy_erase_action"].trigger()
        assert not form.isVisible() and form.saved is None
    assert not exists(data, "P")


def test_a_new_profile_has_nothing_to_export_or_erase(qtbot, data):
    from form_opener import form_opener

    from kommandesk.ui.dialogs.volunteers.volunteer_form import VolunteerDialog

    with form_opener(qtbot) as show:
        form = show(VolunteerDialog(data.volunteers, data.volunteers.new()))
        assert not any(action.isEnabled() for action in form.privacy_button.menu().actions())
