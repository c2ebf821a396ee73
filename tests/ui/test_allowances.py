"""The Ehrenamtspauschale in the GUI: the volunteer form's "Allowances" tab records a payment (the year's total and
what is left update), asks before going over the tax-free limit ("No" writes nothing), deletes after a question;
Settings keeps the limits by year (a bad value is said beside the field) and the Overview's waiting days."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QMessageBox, QPushButton, QSpinBox

from kommandesk.domain.allowances import Allowance
from kommandesk.domain.volunteers import Volunteer
from kommandesk.services.volunteers import VolunteerService
from kommandesk.ui.dialogs.volunteers.allowance_dialog import AllowanceDialog
from kommandesk.ui.widgets.allowance_limits import AllowanceLimitsEditor, LimitDialog
from form_opener import form_opener
from ui_helpers import type_text

SB = QMessageBox.StandardButton
TODAY = dt.date(2026, 6, 15)


@pytest.fixture
def volunteers(services) -> VolunteerService:
    """The volunteer service with a fixed today (the allowance service of the form takes its clock)."""
    return VolunteerService(services.store, services.organisation, today=lambda: TODAY)


@pytest.fixture
def anna(volunteers) -> Volunteer:
    return volunteers.create(Volunteer(first_name="Anna", last_name="Berg", registered_on=TODAY))


@pytest.fixture
def open_form(qtbot, volunteers):
    from kommandesk.ui.dialogs.volunteers.volunteer_form import VolunteerDialog

    with form_opener(qtbot) as show:
        def make(vol: Volunteer):
            dialog = show(VolunteerDialog(volunteers, vol))
            dialog.open_tab(dialog.tabs.count() - 1)
            return dialog

        yield make


def fill_in(monkeypatch, amount: str, day: str | None = None, note: str = "", then=None) -> list[AllowanceDialog]:
    """The payment dialog, filled in and confirmed as a user would (without blocking on exec); ``then(dialog)``
    runs after the first Save, e.g. to correct a value and save again."""
    seen: list[AllowanceDialog] = []

    def exec_(dialog: AllowanceDialog) -> int:
        seen.append(dialog)
        if day is not None:
            dialog.day.line.setText(day)
        type_text(dialog.amount.editor, amount)
        type_text(dialog.note.editor, note)
        dialog.save_and_close()
        if then is not None and dialog.result() != QDialog.DialogCode.Accepted:
            then(dialog)
        return dialog.result()

    monkeypatch.setattr(AllowanceDialog, "exec", exec_)
    return seen


def payments(services) -> list[tuple]:
    return services.store.conn.execute("SELECT paid_on, amount_cents, note FROM allowances ORDER BY paid_on, "
                                       "amount_cents").fetchall()


def table_texts(table) -> list[list[str]]:
    return [[table.item(row, column).text() for column in range(table.columnCount())]
            for row in range(table.rowCount())]


# -- the volunteer form ------------------------------------------------------------------------------------------

def test_the_tab_of_a_saved_volunteer_shows_the_year_and_offers_recording(open_form, anna):
    dialog = open_form(anna)
    section = dialog.allowances
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()) == "Allowances"
    assert section.record_button.isEnabled() and not section.delete_button.isEnabled()
    assert "saved as soon as they are recorded or deleted, not with the profile's Save button" in section.hint.text()
    assert section.this_year.text() == ("Paid in 2026: €0.00 of the tax-free limit of €960.00; "
                                        "€960.00 left tax-free.")
    assert table_texts(section.years) == [["2026", "€0.00", "€960.00", "€960.00", "–"]]


def test_a_new_profile_must_be_saved_before_payments(open_form, volunteers):
    section = open_form(volunteers.new()).allowances
    assert not section.record_button.isEnabled()
    assert section.hint.text() == "Save the profile first: payments can be recorded for a saved volunteer only."
    assert section.payments.rowCount() == 0 and section.this_year.text() == ""


def test_recording_a_payment_updates_the_years_total_and_what_is_left(open_form, anna, services, monkeypatch):
    dialog = open_form(anna)
    section = dialog.allowances
    seen = fill_in(monkeypatch, "120,50", note="<b>März</b>")
    qtbot_click(section.record_button)
    assert seen[0].result() == QDialog.DialogCode.Accepted
    assert payments(services) == [("2026-06-15", 12050, "<b>März</b>")]
    assert section.this_year.text() == ("Paid in 2026: €120.50 of the tax-free limit of €960.00; "
                                        "€839.50 left tax-free.")
    assert table_texts(section.payments) == [["Jun 15, 2026", "€120.50", "<b>März</b>"]]  # the note literally
    assert table_texts(section.years) == [["2026", "€120.50", "€960.00", "€839.50", "–"]]
    assert section.message.text() == "Recorded: €120.50 on Jun 15, 2026."
    assert not dialog.dirty  # the payment is no change to the profile: nothing to save


def test_the_dialog_says_what_the_payment_means_for_its_year(qtbot, anna, services, volunteers):
    from kommandesk.services.allowances import allowances_of

    allowances = allowances_of(volunteers)
    allowances.record(Allowance(anna.id, dt.date(2026, 2, 1), 90000))
    dialog = AllowanceDialog(allowances, anna.id, "Anna Berg")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Record a payment to Anna Berg"
    assert dialog.year.text() == "Paid in 2026: €900.00 of the tax-free limit of €960.00; €60.00 left tax-free."
    type_text(dialog.amount.editor, "100")
    assert dialog.year.text().splitlines()[1] == "With this payment: €1,000.00 in 2026, €40.00 above the limit."
    dialog.day.line.setText("1.5.2025")
    dialog.day.edited.emit()
    assert dialog.year.text().splitlines() == [
        "Paid in 2025: €0.00 of the tax-free limit of €840.00; €840.00 left tax-free.",
        "With this payment: €100.00 in 2025, €740.00 left tax-free."]


def test_going_over_the_limit_asks_and_no_writes_nothing(open_form, anna, services, monkeypatch, answer_dialogs):
    dialog = open_form(anna)
    section = dialog.allowances
    fill_in(monkeypatch, "900")
    qtbot_click(section.record_button)
    shown = answer_dialogs(SB.No)
    seen = fill_in(monkeypatch, "100")
    qtbot_click(section.record_button)

    assert len(shown) == 1
    question = shown[0]
    assert question["title"] == "Above the tax-free limit"
    assert question["text"] == ("With this payment of €100.00, the allowances paid in 2026 come to €1,000.00: "
                                "€40.00 above the tax-free limit of €960.00. The part above the limit is taxable."
                                "\n\nRecord the payment anyway?")
    assert seen[0].result() != QDialog.DialogCode.Accepted and seen[0].message.text() == "Not recorded."
    assert payments(services) == [("2026-06-15", 90000, "")]
    assert section.this_year.text().startswith("Paid in 2026: €900.00")


def test_going_over_the_limit_and_yes_records_it(open_form, anna, services, monkeypatch, answer_dialogs):
    section = open_form(anna).allowances
    fill_in(monkeypatch, "900")
    qtbot_click(section.record_button)
    answer_dialogs(SB.Yes)
    fill_in(monkeypatch, "100")
    qtbot_click(section.record_button)
    assert [row[1] for row in payments(services)] == [10000, 90000]
    assert section.this_year.text() == "Paid in 2026: €1,000.00, €40.00 above the tax-free limit of €960.00."
    assert table_texts(section.years)[0][4] == "€40.00"


@pytest.mark.parametrize("amount,day,field,message", [
    ("abc", None, "amount", "abc is not an amount of money: type it like 120,50 or 120.50."),
    ("0", None, "amount", "Enter an amount above 0 and at most 10,000 EUR."),
    ("-5", None, "amount", "Enter an amount above 0 and at most 10,000 EUR."),
    ("10.000,01", None, "amount", "Enter an amount above 0 and at most 10,000 EUR."),
    ("", None, "amount", "Enter the amount paid."),
    ("50", "6/16/2026", "paid_on", "A payment cannot be recorded for a day in the future."),
    ("50", "June", "paid_on", "This is not a date. Type it like 12/31/2025."),
    ("50", "", "paid_on", "Enter a date."),
])
def test_bad_input_is_said_beside_the_field_and_nothing_is_written(open_form, anna, services, monkeypatch, amount,
                                                                   day, field, message):
    section = open_form(anna).allowances
    seen = fill_in(monkeypatch, amount, day=day)
    qtbot_click(section.record_button)
    dialog = seen[0]
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_text(field) == message
    assert dialog.message.text() == "Not recorded: please correct the marked fields."
    assert payments(services) == []


def test_a_corrected_amount_is_recorded(open_form, anna, services, monkeypatch):
    section = open_form(anna).allowances

    def correct(dialog):
        dialog.amount.editor.clear()
        type_text(dialog.amount.editor, "75")
        assert dialog.error_text("amount") == ""  # the message goes as soon as the amount is right
        dialog.save_and_close()

    seen = fill_in(monkeypatch, "sieben", then=correct)
    qtbot_click(section.record_button)
    assert seen[0].result() == QDialog.DialogCode.Accepted
    assert payments(services) == [("2026-06-15", 7500, "")]


def test_a_note_that_is_too_long_is_refused(open_form, anna, services, monkeypatch):
    seen = fill_in(monkeypatch, "10", note="x" * 201)
    qtbot_click(open_form(anna).allowances.record_button)
    assert seen[0].error_text("note") == "At most 200 characters, please (now 201)."
    assert payments(services) == []


def test_delete_asks_first(open_form, anna, services, volunteers, answer_dialogs):
    from kommandesk.services.allowances import allowances_of

    allowances = allowances_of(volunteers)
    allowances.record(Allowance(anna.id, dt.date(2026, 3, 1), 5000))
    allowances.record(Allowance(anna.id, dt.date(2026, 4, 1), 7000))
    section = open_form(anna).allowances
    assert [row[1] for row in table_texts(section.payments)] == ["€70.00", "€50.00"]
    section.payments.selectRow(1)
    assert section.delete_button.isEnabled()

    shown = answer_dialogs(SB.No)
    qtbot_click(section.delete_button)
    assert shown[0]["text"] == "Delete the payment of €50.00 on Mar 1, 2026? It cannot be restored."
    assert len(payments(services)) == 2

    answer_dialogs(SB.Yes)
    qtbot_click(section.delete_button)
    assert payments(services) == [("2026-04-01", 7000, "")]
    assert section.message.text() == "The payment of €50.00 on Mar 1, 2026 was deleted."
    assert section.this_year.text().startswith("Paid in 2026: €70.00")


def test_the_tab_in_german(open_form, anna, volunteers, german):
    from kommandesk.services.allowances import allowances_of

    allowances_of(volunteers).record(Allowance(anna.id, dt.date(2026, 3, 1), 100050), confirmed=True)
    section = open_form(anna).allowances
    assert table_texts(section.payments)[0][:2] == ["01.03.2026", "1.000,50\u00a0€"]
    assert table_texts(section.years)[0] == ["2026", "1.000,50\u00a0€", "960,00\u00a0€", "0,00\u00a0€",
                                             "40,50\u00a0€"]


def qtbot_click(button: QPushButton) -> None:
    from PySide6.QtTest import QTest

    assert button.isEnabled(), button.objectName()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


# -- settings ----------------------------------------------------------------------------------------------------

@pytest.fixture
def limits(qtbot, services) -> AllowanceLimitsEditor:
    editor = AllowanceLimitsEditor(services.allowances)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def answer_limit(monkeypatch, amount: str, year: int | None = None) -> list[LimitDialog]:
    seen: list[LimitDialog] = []

    def exec_(dialog: LimitDialog) -> int:
        seen.append(dialog)
        if year is not None:
            dialog.fields["year"].editor.setValue(year)
        dialog.fields["amount"].editor.setText(amount)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(LimitDialog, "exec", exec_)
    return seen


def test_the_limits_are_listed_latest_first(limits):
    assert table_texts(limits.table) == [["from 2026", "€960.00"], ["from 2021", "€840.00"],
                                         ["from 2013", "€720.00"]]
    assert not limits.change_button.isEnabled() and not limits.remove_button.isEnabled()


def test_adding_a_limit_saves_it_at_once(limits, services, monkeypatch):
    seen = answer_limit(monkeypatch, "1.080,00", year=2028)
    limits.add()
    assert seen[0].result() == QDialog.DialogCode.Accepted
    assert services.allowances.limits()[2028] == 108000
    assert table_texts(limits.table)[0] == ["from 2028", "€1,080.00"]
    assert limits.current_year() == 2028 and limits.message.text() == "The limit from 2028 was saved."


@pytest.mark.parametrize("amount,field,message", [
    ("viel", "amount", "viel is not an amount of money: type it like 960 or 960,00."),
    ("", "amount", "Enter the tax-free limit of the year."),
    ("100.000,01", "amount", "Enter a limit from 0 to 100,000 EUR."),
])
def test_a_bad_limit_is_said_beside_the_field_and_not_saved(limits, services, monkeypatch, amount, field, message):
    seen = answer_limit(monkeypatch, amount, year=2028)
    limits.add()
    dialog = seen[0]
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.fields[field].error.text() == message and dialog.fields[field].error.isVisibleTo(dialog)
    assert 2028 not in services.allowances.limits()


def test_adding_a_year_that_is_set_already_is_refused(limits, services, monkeypatch):
    seen = answer_limit(monkeypatch, "1000", year=2026)
    limits.add()
    assert seen[0].fields["year"].error.text().startswith("A limit is set for 2026 already")
    assert services.allowances.limits()[2026] == 96000


def test_changing_a_limit(limits, services, monkeypatch):
    limits.table.selectRow(0)
    seen = answer_limit(monkeypatch, "990")
    limits.change()
    assert not seen[0].fields["year"].editor.isEnabled()  # the year of a limit stays
    assert services.allowances.limits()[2026] == 99000
    assert table_texts(limits.table)[0] == ["from 2026", "€990.00"]


def test_removing_a_limit_asks_and_names_what_applies_then(limits, services, answer_dialogs):
    limits.table.selectRow(0)
    shown = answer_dialogs(SB.No)
    limits.remove()
    assert shown[0]["text"] == ("Remove the limit of €960.00 set from 2026?\n\nFrom 2026 on, the limit of €840.00 "
                                "set for an earlier year applies.")
    assert 2026 in services.allowances.limits()
    answer_dialogs(SB.Yes)
    limits.remove()
    assert services.allowances.limits() == {2013: 72000, 2021: 84000}
    assert limits.message.text() == "The limit from 2026 was removed."


def test_the_settings_page_holds_the_limits_and_the_waiting_days(qtbot, main_window, services):
    assert main_window.show_page("settings")
    page = main_window.settings_page
    assert page.limits_editor is not None and page.limits_editor.table.rowCount() == 3
    spin = page.findChild(QSpinBox, "org_unmatched_days")
    assert spin.value() == 7 and (spin.minimum(), spin.maximum()) == (1, 365)
    type_text(page.findChild(QLineEdit, "org_name"), "KI Musterstadt")
    spin.setValue(14)
    assert page.dirty
    assert page.save()
    assert services.organisation.get().unmatched_days == 14


def test_alt_6_opens_the_allowances_tab(qtbot, open_form, anna):
    dialog = open_form(anna)
    dialog.open_tab(0)
    qtbot.keyClick(dialog, Qt.Key.Key_6, Qt.KeyboardModifier.AltModifier)
    assert dialog.tabs.currentIndex() == 5 and dialog.tabs.tabToolTip(5) == "Alt+6"
    assert dialog.allowances.payments.hasFocus()
