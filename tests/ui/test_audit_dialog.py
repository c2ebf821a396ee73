"""The audit trail in the UI: "Changes…" in the volunteer and request forms shows that record's changes, Settings
keeps the coordinator's name (and records under it) and opens the filtered list; the dialog is read-only."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QPushButton

from kommandesk.domain.languages import LanguageSkill, Level
from kommandesk.store import audit
from kommandesk.ui.dialogs.audit_dialog import AuditDialog
from kommandesk.ui.models.audit_model import EntryColumn
from form_opener import form_opener
from request_data import make_request, make_volunteer
from ui_helpers import replace_text, type_text


@pytest.fixture(autouse=True)
def _actor():
    audit.set_default_actor(None, "")
    yield
    audit.set_default_actor(None, "")


@pytest.fixture
def shown(monkeypatch):
    """The audit dialogs opened (modal in the app): kept instead of waiting for the user."""
    opened: list[AuditDialog] = []

    def keep(self, *_args):
        opened.append(self)
        return 0

    monkeypatch.setattr(AuditDialog, "exec", keep)
    yield opened


@pytest.fixture
def dialog(qtbot, services):
    made = []

    def make(**kwargs) -> AuditDialog:
        opened = AuditDialog(services.audit, **kwargs)
        qtbot.addWidget(opened)
        opened.show()
        made.append(opened)
        return opened
    return make


def texts(opened: AuditDialog, column: EntryColumn) -> list[str]:
    model = opened.entries
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_the_volunteer_forms_changes_button(qtbot, services, shown):
    from kommandesk.ui.dialogs.volunteers.volunteer_form import VolunteerDialog

    vol = make_volunteer(services)
    services.volunteers.update(dataclasses.replace(vol, phone="0151 2345678", languages=(
        LanguageSkill("prs", Level.C2),)))
    with form_opener(qtbot) as show:
        new = show(VolunteerDialog(services.volunteers, services.volunteers.new()))
        assert not new.changes_button.isEnabled()  # nothing recorded before the first save
        form = show(VolunteerDialog(services.volunteers, services.volunteers.get(vol.id)))
        assert form.changes_button.isEnabled() and form.changes_button.text() == "C&hanges…"
        qtbot.mouseClick(form.changes_button, Qt.MouseButton.LeftButton)
    opened = shown[-1]
    assert opened.windowTitle() == f"Changes: {vol.reference} Anna Berg"
    assert texts(opened, EntryColumn.WHAT) == ["Language: Changed", "Volunteer: Changed", "Volunteer: Created"]
    assert texts(opened, EntryColumn.CHANGES) == ["Language: Dari; Level: C1 \u2192 C2",
                                                  "Phone: (empty) \u2192 0151 2345678", ""]
    assert opened.table.isColumnHidden(EntryColumn.RECORD)
    opened.table.selectRow(1)
    details = opened.changes
    assert [[details.data(details.index(0, column)) for column in range(3)]] == [["Phone", "(empty)", "0151 2345678"]]
    assert opened.note.text().startswith("3 entries. The audit trail cannot be changed")


def test_the_request_forms_changes_button(qtbot, services, shown):
    from kommandesk.ui.dialogs.requests.request_form import RequestDialog

    req = make_request(services)
    vol = make_volunteer(services)
    services.requests.assign(req.id, vol.id, score=80.0)
    with form_opener(qtbot) as show:
        form = show(RequestDialog(services.requests, services.volunteers, services.requests.get(req.id)))
        form.changes_button.click()
    opened = shown[-1]
    whats = texts(opened, EntryColumn.WHAT)
    assert whats[-1] == "Request: Created" and "Assignment: Created" in whats and "Request: Changed" in whats
    assignment_row = whats.index("Assignment: Created")
    line = texts(opened, EntryColumn.CHANGES)[assignment_row]
    assert f"Volunteer: {vol.reference} Anna Berg" in line and "Status: proposed" in line  # ids shown by name


def test_the_dialog_cannot_change_anything(qtbot, services, dialog):
    vol = make_volunteer(services)
    services.volunteers.update(dataclasses.replace(vol, phone="0151 2"))
    count = services.store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    for opened in (dialog(record=("volunteers", vol.id), title="x"), dialog()):
        for table in (opened.table, opened.details):
            assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
            model = table.model()
            if model.rowCount():
                assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
        opened.table.setFocus()
        opened.table.selectRow(0)
        for key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace, Qt.Key.Key_F2):
            qtbot.keyClick(opened.table, key)
        buttons = {button.objectName() for button in opened.findChildren(QPushButton)}
        assert buttons <= {"audit_close", "audit_apply"}  # close, and (the list) show the filter's entries
    assert services.store.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == count


def test_the_filtered_list(qtbot, services, dialog):
    services.audit.set_actor("kki", "Ute")
    vol = make_volunteer(services)
    services.audit.set_actor("kki", "Jan")
    req = make_request(services)
    services.volunteers.update(dataclasses.replace(vol, phone="0151 999"))
    opened = dialog()
    assert opened.windowTitle() == "Audit trail"
    assert len(texts(opened, EntryColumn.WHEN)) == 3
    assert set(texts(opened, EntryColumn.RECORD)) == {f"{vol.reference} Anna Berg", f"{req.reference} Farida"}
    assert texts(opened, EntryColumn.WHO)[-1] == "Ute (kki)"

    opened.kind.setCurrentIndex(opened.kind.findData("requests"))
    assert texts(opened, EntryColumn.RECORD) == [f"{req.reference} Farida"]
    opened.kind.setCurrentIndex(0)
    opened.user.setCurrentIndex(opened.user.findData("Ute"))
    assert texts(opened, EntryColumn.WHAT) == ["Volunteer: Created"]
    opened.user.setCurrentIndex(0)
    type_text(opened.search, "0151 99")
    opened._search_timer.timeout.emit()
    assert texts(opened, EntryColumn.CHANGES) == ["Phone: (empty) \u2192 0151 999"]
    opened.search.clear()
    opened._search_timer.stop()
    opened.reload()

    tomorrow = dt.date.today() + dt.timedelta(days=1)
    replace_text(opened.first_day.line, tomorrow.isoformat())
    opened.reload()
    assert texts(opened, EntryColumn.WHEN) == [] and opened.note.text().startswith("No entries match the filter.")
    replace_text(opened.last_day.line, dt.date.today().isoformat())
    opened.reload()
    assert opened.message.isVisibleTo(opened) and "ends before it starts" in opened.message.text()
    replace_text(opened.last_day.line, "31.02.")
    opened.reload()
    assert "not a date" in opened.message.text()
    replace_text(opened.first_day.line, "")
    replace_text(opened.last_day.line, "")
    opened.reload()
    assert not opened.message.isVisibleTo(opened) and len(texts(opened, EntryColumn.WHEN)) == 3


def test_settings_keep_the_coordinators_name_and_record_under_it(qtbot, services, settings, shown):
    from kommandesk.ui.pages.settings_page import SettingsPage

    page = SettingsPage(services.organisation, "en", services.volunteers, preferences=settings)
    qtbot.addWidget(page)
    box = page.audit_settings
    assert "computer user" in box.hint.text()
    replace_text(box.name, "  Karin   Koordinatorin ")
    box.name.editingFinished.emit()
    assert settings.coordinator_name == "Karin Koordinatorin"
    assert services.audit.actor().coordinator == "Karin Koordinatorin"
    assert "Karin Koordinatorin" in box.hint.text()
    vol = make_volunteer(services)
    assert services.store.conn.execute("SELECT coordinator FROM audit_log WHERE record_id = ?",
                                       (vol.id,)).fetchone()[0] == "Karin Koordinatorin"
    box.open_button.click()
    assert shown[-1].windowTitle() == "Audit trail"


def test_settings_without_a_place_for_the_name_offer_the_trail_only(qtbot, services):
    from kommandesk.ui.pages.settings_page import SettingsPage

    page = SettingsPage(services.organisation, "en", services.volunteers)
    qtbot.addWidget(page)
    assert page.audit_settings.name.isHidden() and page.audit_settings.open_button.isVisibleTo(page)


def test_in_german(qtbot, services, dialog, german):
    vol = make_volunteer(services)
    services.volunteers.update(dataclasses.replace(vol, birth_date=dt.date(1985, 2, 1)))
    opened = dialog(record=("volunteers", vol.id), title=vol.reference)
    line = texts(opened, EntryColumn.CHANGES)[0]
    assert line.endswith("01.02.1985")  # the date as German writes it
    when = texts(opened, EntryColumn.WHEN)[0]
    assert when.startswith(dt.date.today().strftime("%d.%m.%Y"))
