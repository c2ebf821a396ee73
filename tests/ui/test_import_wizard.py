"""The import dialog: a real-world CSV through every step into the database, problems listed by row and column,
the options, cancel during the run, the mapping (remap, duplicates refused, save/load), unreadable files, Esc."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from kommandesk.i18n import _
from kommandesk.services.imports import ImportService
from kommandesk.services.volunteers import VolunteerQuery
from kommandesk.tasks import TaskRunner
from kommandesk.ui.dialogs.imports.import_wizard import CHECK, FILE, MAPPING, RUN, SUMMARY, ImportWizard
from kommandesk.ui.dialogs.imports.table_model import RowsModel
from ui_helpers import activate

HEADER = ["Vorname", "Nachname", "E-Mail", "Telefon", "PLZ", "Ort", "Geburtsdatum", "Sprachen"]
PEOPLE = [
    ["Jürgen", "Müller", "juergen.mueller@example.org", "0211 123456", "40210", "Düsseldorf", "01.02.1985",
     "Deutsch (Muttersprache), Englisch B2"],
    ["Zoë", "Schäfer", "zoe.schaefer@example.org", "0221 98765", "50667", "Köln", "1.2.85", "Arabisch C1"],
    ["Ömer", "Öztürk", "oemer@example.org", "", "44135", "Dortmund", "1985-02-01", "tr:native; de:C1"],
    ["Anna", "Becker", "", "0231 5555", "44137", "Dortmund", "", ""],
]


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    """As German Excel saves it: Windows-1252, ';', CRLF, with a title line and an empty line above the header."""
    lines = ["Ehrenamtliche – Stand März 2026;;;", ";;;", ";".join(header)] + [";".join(row) for row in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return path


def person(number: int) -> list[str]:
    return [f"Vorname{number}", f"Nachname{number}", f"person{number}@example.org", "", "40210", "Düsseldorf",
            "", ""]


@pytest.fixture
def make_wizard(qtbot, paths):
    def make(path: Path | None = None, runner=None) -> ImportWizard:
        wizard = ImportWizard(paths, runner=runner or TaskRunner(synchronous=True), path=path)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        return wizard

    return make


def count(services) -> int:
    return services.volunteers.count(VolunteerQuery())


def last_names(services) -> set[str]:
    return {row.last_name for row in services.volunteers.page(VolunteerQuery(), 0, 1000)}


def table_rows(model: RowsModel) -> list[tuple]:
    return [tuple(model.data(model.index(row, column)) for column in range(model.columnCount()))
            for row in range(model.rowCount())]


def to_check(wizard: ImportWizard) -> None:
    wizard.go_next()
    assert wizard.step == MAPPING
    wizard.go_next()
    assert wizard.step == CHECK


# -- the whole way --------------------------------------------------------------------------------------------------

def test_a_german_excel_csv_goes_through_every_step_and_the_volunteers_appear(qtbot, make_wizard, services,
                                                                                tmp_path):
    wizard = make_wizard(write_csv(tmp_path / "Ehrenamtliche.csv", PEOPLE))
    assert wizard.step == FILE and wizard.next_button.isEnabled()
    wizard.go_next()

    assert wizard.step == MAPPING
    source = wizard.mapping_step.source.text()
    assert "Windows-1252" in source and "semicolon" in source
    assert "Header found in row 3." in source and "4 rows below it." in source
    mapping = wizard.mapping_step.mapping()
    assert [mapping[column] for column in range(4)] == ["first_name", "last_name", "email", "phone"]
    assert wizard.mapping_step.combos[0].currentText() == "First name"
    preview = wizard.mapping_step.preview_model
    assert preview.data(preview.index(0, 0)) == "Jürgen" and preview.data(preview.index(1, 1)) == "Schäfer"
    assert preview.headerData(0, Qt.Orientation.Horizontal) == "Vorname\n\u2192 First name"

    wizard.go_next()
    assert wizard.step == CHECK
    assert wizard.check_step.valid_badge.text() == "4 valid"
    assert not wizard.check_step.problems.isVisible()
    assert wizard.next_button.text() == "&Import" and wizard.next_button.isEnabled()
    assert wizard.check_step.outcome.text() == "4 volunteers will be imported."
    with qtbot.waitSignal(wizard.imported) as imported:
        wizard.go_next()

    assert wizard.step == SUMMARY
    assert imported.args[0].imported == 4
    assert wizard.summary_step.headline.text() == "4 volunteers imported."
    assert not wizard.summary_step.open_folder.isVisible()
    assert count(services) == 4
    assert last_names(services) == {"Müller", "Schäfer", "Öztürk", "Becker"}
    qtbot.keyClick(wizard, Qt.Key.Key_Return)  # Close is the default button now
    assert not wizard.isVisible()


def test_the_real_thread_pool_reports_back_on_the_gui_thread(qtbot, paths, services, tmp_path):
    runner = TaskRunner()
    wizard = ImportWizard(paths, runner=runner, path=write_csv(tmp_path / "list.csv", PEOPLE))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.go_next()
    qtbot.waitUntil(lambda: wizard.step == MAPPING, timeout=10_000)
    wizard.go_next()
    qtbot.waitUntil(lambda: wizard.check_step.report is not None, timeout=10_000)
    assert wizard.next_button.isEnabled()
    wizard.go_next()
    qtbot.waitUntil(lambda: wizard.step == SUMMARY, timeout=10_000)
    assert wizard.import_result.imported == 4
    assert count(services) == 4
    assert runner.wait(5000)


# -- problems and options -------------------------------------------------------------------------------------------

@pytest.fixture
def bad_file(tmp_path):
    rows = [person(1), person(2), ["Jonas", "Becker", "jonas(at)example", "", "40210", "Düsseldorf", "", ""],
            person(4)]
    return write_csv(tmp_path / "Liste.csv", rows)


def test_a_bad_row_is_listed_by_row_and_column_and_stops_the_import_until_valid_rows_only_is_chosen(
        make_wizard, services, bad_file):
    wizard = make_wizard(bad_file)
    to_check(wizard)
    step = wizard.check_step
    problems = table_rows(step.problems_model)
    assert len(problems) == 1
    row, column, message = problems[0]
    assert (row, column) == ("6", "E-Mail")  # title, empty line, header, two good rows: the sixth line
    assert message
    assert step.problems.isVisible()
    assert step.valid_badge.text() == "3 valid" and step.problem_badge.text() == "1 with problems"
    assert not wizard.next_button.isEnabled()
    assert "nothing would be imported" in step.outcome.text()

    step.skip_invalid.setChecked(True)
    assert wizard.next_button.isEnabled()
    assert step.outcome.text().startswith("3 volunteers will be imported.")
    wizard.go_next()

    result = wizard.import_result
    assert (result.imported, result.skipped_invalid) == (3, 1)
    assert count(services) == 3 and "Becker" not in last_names(services)
    assert result.error_file is not None and result.error_file.is_file()
    assert result.error_file.parent == bad_file.parent
    assert "jonas(at)example" in result.error_file.read_bytes().decode("utf-8-sig", errors="replace")
    summary = wizard.summary_step
    assert str(result.error_file) in summary.error_file_label.text()
    assert summary.open_folder.isVisible()
    assert "1 row with problems was left out." in summary.lines.text()


def test_the_problems_sort_by_row_number_as_numbers(make_wizard, tmp_path):
    rows = [person(number) for number in range(10)]
    rows[2][2] = rows[9][2] = "not-an-email"
    wizard = make_wizard(write_csv(tmp_path / "list.csv", rows))
    to_check(wizard)
    assert wizard.focusWidget() is wizard.check_step.skip_invalid
    table = wizard.check_step.problems
    model = table.model()
    first_rows = lambda: [model.data(model.index(row, 0)) for row in range(model.rowCount())]  # noqa: E731
    assert first_rows() == ["6", "13"]  # as numbers: 6 before 13
    table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert first_rows() == ["13", "6"]


def test_the_error_file_folder_opens_from_the_summary(monkeypatch, make_wizard, bad_file):
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    wizard = make_wizard(bad_file)
    to_check(wizard)
    wizard.check_step.skip_invalid.setChecked(True)
    wizard.go_next()
    wizard.summary_step.open_folder.click()
    assert [Path(url.toLocalFile()) for url in opened] == [bad_file.parent]


def test_a_dry_run_writes_nothing(make_wizard, services, bad_file):
    wizard = make_wizard(bad_file)
    to_check(wizard)
    wizard.check_step.skip_invalid.setChecked(True)
    wizard.check_step.dry_run.setChecked(True)
    assert wizard.next_button.text() == "&Start the dry run"
    assert wizard.check_step.outcome.text().startswith("Dry run: 3 volunteers would be imported")
    wizard.go_next()
    assert wizard.step == SUMMARY and wizard.import_result.dry_run
    assert wizard.summary_step.headline.text() == "Dry run finished: nothing was saved."
    assert count(services) == 0


def test_likely_duplicates_are_listed_and_skipped_unless_chosen(make_wizard, services, tmp_path):
    path = write_csv(tmp_path / "twice.csv", [person(1), person(2), person(1)])
    wizard = make_wizard(path)
    to_check(wizard)
    step = wizard.check_step
    duplicates = table_rows(step.duplicates_model)
    assert duplicates and {row[1] for row in duplicates} == {"Vorname1 Nachname1"}
    assert step.duplicates.isVisible()
    assert step.include_duplicates.isEnabled()
    wizard.go_next()
    assert wizard.import_result.skipped_duplicates >= 1
    assert count(services) == 3 - wizard.import_result.skipped_duplicates


def test_a_file_changed_after_it_was_read_is_refused_at_the_check(make_wizard, services, tmp_path):
    path = write_csv(tmp_path / "list.csv", PEOPLE)
    wizard = make_wizard(path)
    wizard.go_next()
    write_csv(path, PEOPLE, header=["Name", "Vorname", "Mail", "Tel", "PLZ", "Ort", "Geburtsdatum", "Sprachen"])
    wizard.go_next()
    assert wizard.step == CHECK and wizard.check_step.report is None
    assert wizard.check_step.error.isVisible() and "has changed since it was opened" in wizard.check_step.error.text()
    assert not wizard.next_button.isEnabled() and wizard.back_button.isVisible()
    assert count(services) == 0


def test_a_refused_import_says_so_and_back_checks_again(make_wizard, services, tmp_path):
    path = write_csv(tmp_path / "list.csv", PEOPLE)
    wizard = make_wizard(path)
    to_check(wizard)
    rows = [list(row) for row in PEOPLE]
    rows[1][2] = "not-an-email"
    write_csv(path, rows)  # the same headers, a new problem: the import checks again and refuses
    wizard.go_next()
    assert wizard.step == SUMMARY and wizard.import_result is None
    assert wizard.summary_step.headline.text() == "Nothing was imported."
    assert wizard.summary_step.error.isVisible() and wizard.summary_step.error.text()
    assert count(services) == 0
    assert wizard.back_button.isVisible()
    wizard.go_back()
    assert wizard.step == CHECK and wizard.check_step.problem_badge.text() == "1 with problems"


def test_an_unexpected_error_names_the_log_file_not_a_traceback(make_wizard, paths, tmp_path):
    class Failing(ImportService):
        def check(self, preview, mapping, progress=None):
            raise RuntimeError("disk on fire")

    wizard = make_wizard(write_csv(tmp_path / "list.csv", PEOPLE))
    wizard.service = Failing(paths)
    to_check(wizard)
    message = wizard.check_step.error.text()
    assert str(paths.log_file) in message and "disk on fire" not in message


# -- cancel -----------------------------------------------------------------------------------------------------------

def test_cancel_during_the_run_leaves_the_database_as_it_was(make_wizard, services, tmp_path):
    path = write_csv(tmp_path / "long.csv", [person(number) for number in range(40)])
    wizard = make_wizard(path)
    to_check(wizard)
    seen: list[int] = []

    def cancel_after_a_few_rows(value: int) -> None:
        seen.append(value)
        if value >= 3:
            wizard.cancel_import()

    wizard.run_step.progress.valueChanged.connect(cancel_after_a_few_rows)
    wizard.go_next()

    assert seen and max(seen) < 40
    assert wizard.step == SUMMARY and wizard.import_result is None
    assert wizard.summary_step.headline.text() == "Cancelled: nothing was imported."
    assert count(services) == 0


class HeldRunner:
    """Keeps each started task until the test lets it run (synchronously): the wizard sees a task under way."""

    def __init__(self):
        self.jobs: list[tuple] = []

    def start(self, work, **callbacks):
        self.jobs.append((work, callbacks))

    def release(self):
        work, callbacks = self.jobs.pop(0)
        TaskRunner(synchronous=True).start(work, **callbacks)


def test_esc_while_importing_offers_to_cancel_and_the_database_stays_as_it_was(qtbot, make_wizard, services,
                                                                              answer_dialogs, tmp_path):
    runner = HeldRunner()
    wizard = make_wizard(write_csv(tmp_path / "list.csv", PEOPLE), runner=runner)
    wizard.go_next()
    runner.release()
    wizard.go_next()
    runner.release()
    wizard.go_next()
    assert wizard.step == RUN and wizard.task == "run"

    shown = answer_dialogs(QMessageBox.StandardButton.No)
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert len(shown) == 1 and shown[0]["title"] == "Cancel the import?"
    assert wizard.isVisible() and wizard.run_step.cancel_button.isEnabled()  # "continue importing"

    answer_dialogs(QMessageBox.StandardButton.Yes)  # the same list records the boxes
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert len(shown) == 2 and wizard.isVisible()
    assert not wizard.run_step.cancel_button.isEnabled()
    runner.release()
    assert wizard.step == SUMMARY
    assert wizard.summary_step.headline.text() == "Cancelled: nothing was imported."
    assert count(services) == 0
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)  # nothing runs any more: closes without a question
    assert not wizard.isVisible() and len(shown) == 2


def test_esc_before_the_import_closes_without_a_question(qtbot, make_wizard, tmp_path):
    wizard = make_wizard(write_csv(tmp_path / "list.csv", PEOPLE))
    wizard.go_next()
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)  # a question would fail the test (no dialog is answered)
    assert not wizard.isVisible()


def test_back_during_a_check_drops_it(make_wizard, tmp_path):
    runner = HeldRunner()
    wizard = make_wizard(write_csv(tmp_path / "list.csv", PEOPLE), runner=runner)
    wizard.go_next()
    runner.release()
    wizard.go_next()
    assert wizard.step == CHECK and not wizard.next_button.isEnabled()
    wizard.go_back()
    assert wizard.step == MAPPING and wizard.task is None
    runner.release()  # the abandoned check ends: nobody listens
    assert wizard.step == MAPPING and wizard.check_step.report is None


# -- the mapping ------------------------------------------------------------------------------------------------------

def test_remapping_a_column_changes_what_is_imported(make_wizard, services, tmp_path):
    header = ["Vorname", "Nachname", "Kontakt privat", "Ort"]
    path = write_csv(tmp_path / "list.csv", [["Jürgen", "Müller", "jm@example.org", "Köln"]], header)
    wizard = make_wizard(path)
    wizard.go_next()
    step = wizard.mapping_step
    assert step.mapping()[2] is None  # an unknown heading is ignored until the user chooses
    step.set_field(2, "email")
    step.set_field(3, None)
    assert step.preview_model.headerData(3, Qt.Orientation.Horizontal) == "Ort\n(ignore)"
    wizard.go_next()
    wizard.go_next()
    volunteer = services.volunteers.get(services.volunteers.page(VolunteerQuery(), 0, 10)[0].id)
    assert (volunteer.email, volunteer.town) == ("jm@example.org", "")


def test_a_field_chosen_for_two_columns_is_refused_until_resolved(make_wizard, tmp_path):
    wizard = make_wizard(write_csv(tmp_path / "list.csv", PEOPLE))
    wizard.go_next()
    step = wizard.mapping_step
    step.set_field(1, "first_name")
    assert step.error.isVisible()
    assert "First name is chosen for more than one column" in step.error.text()
    assert "“Vorname” (A)" in step.error.text() and "“Nachname” (B)" in step.error.text()
    assert not wizard.next_button.isEnabled()
    wizard.go_next()
    assert wizard.step == MAPPING

    step.set_field(1, "last_name")
    assert not step.error.isVisible() and wizard.next_button.isEnabled()


def test_first_and_last_name_must_be_chosen(make_wizard, tmp_path):
    wizard = make_wizard(write_csv(tmp_path / "list.csv", PEOPLE))
    wizard.go_next()
    step = wizard.mapping_step
    step.set_field(1, None)
    assert not wizard.next_button.isEnabled()
    assert step.error.text() == ("Choose the column for Last name: every volunteer needs a first and a last name.")
    for column in range(len(HEADER)):
        step.set_field(column, None)
    assert step.error.text() == ("Choose the columns for First name and Last name: every volunteer needs a first "
                                 "and a last name.")
    step.set_field(0, "first_name")
    step.set_field(1, "last_name")
    assert wizard.next_button.isEnabled() and not step.error.isVisible()


def test_two_language_columns_are_joined_not_refused(make_wizard, services, tmp_path):
    header = ["Vorname", "Nachname", "Sprache 1", "Sprache 2"]
    path = write_csv(tmp_path / "list.csv", [["Jürgen", "Müller", "Deutsch (Muttersprache)", "Englisch B2"]],
                     header)
    wizard = make_wizard(path)
    wizard.go_next()
    wizard.mapping_step.set_field(2, "languages")
    wizard.mapping_step.set_field(3, "languages")
    assert wizard.next_button.isEnabled() and not wizard.mapping_step.error.isVisible()
    wizard.go_next()
    wizard.go_next()
    assert wizard.import_result.imported == 1
    volunteer = services.volunteers.get(services.volunteers.page(VolunteerQuery(), 0, 10)[0].id)
    assert {skill.code for skill in volunteer.languages} == {"de", "en"}


def test_a_saved_mapping_loads_again(monkeypatch, make_wizard, tmp_path):
    wizard = make_wizard(write_csv(tmp_path / "list.csv", PEOPLE))
    wizard.go_next()
    step = wizard.mapping_step
    step.set_field(7, None)
    chosen = step.mapping()
    target = tmp_path / "my mapping.json"
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getSaveFileName",
                        lambda *args, **kwargs: (str(target), ""))
    step.save_button.click()
    assert target.is_file()
    json.loads(target.read_text(encoding="utf-8"))
    assert str(target) in step.saved_note.text()

    step.set_field(7, "languages")
    step.set_field(0, None)
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileName",
                        lambda *args, **kwargs: (str(target), ""))
    step.load_button.click()
    assert step.mapping() == chosen


def test_a_broken_mapping_file_shows_a_message(make_wizard, tmp_path):
    wizard = make_wizard(write_csv(tmp_path / "list.csv", PEOPLE))
    wizard.go_next()
    before = wizard.mapping_step.mapping()
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert not wizard.mapping_step.load_mapping_from(broken)
    assert wizard.mapping_step.error.isVisible() and wizard.mapping_step.error.text()
    assert wizard.mapping_step.mapping() == before


# -- the file ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, content", [
    ("binary.csv", bytes(range(256)) * 20),
    ("empty.csv", b""),
    ("broken.xlsx", b"PK\x03\x04 this is not a workbook"),
    ("missing.csv", None),
])
def test_an_unreadable_file_shows_its_message_and_stays_on_the_first_step(make_wizard, paths, tmp_path, name,
                                                                          content):
    from kommandesk.domain.errors import KommanDeskError

    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(KommanDeskError) as expected:
        ImportService(paths).preview(path)
    wizard = make_wizard(path)
    wizard.go_next()
    assert wizard.step == FILE
    assert wizard.file_step.error.isVisible()
    assert wizard.file_step.error.text() == expected.value.message
    assert wizard.next_button.isEnabled()  # the user may fix the file and try again
    wizard.file_step.path_edit.setText(str(tmp_path / "other.csv"))
    assert not wizard.file_step.error.isVisible()


def test_browse_puts_the_chosen_file_in_the_field(monkeypatch, make_wizard, tmp_path):
    path = write_csv(tmp_path / "list.csv", PEOPLE)
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileName",
                        lambda *args, **kwargs: (str(path), ""))
    wizard = make_wizard()
    assert not wizard.next_button.isEnabled()
    wizard.file_step.browse.click()
    assert wizard.file_step.path() == path and wizard.next_button.isEnabled()


def test_reading_the_same_file_again_keeps_the_choices(make_wizard, tmp_path):
    wizard = make_wizard(write_csv(tmp_path / "list.csv", PEOPLE))
    wizard.go_next()
    wizard.mapping_step.set_field(7, None)
    wizard.go_back()
    assert wizard.step == FILE
    wizard.go_next()
    assert wizard.mapping_step.mapping()[7] is None


def test_the_keyboard_alone_goes_through(qtbot, make_wizard, services, tmp_path):
    """Enter presses the default button (Next, then Import, then Close) wherever the focus is."""
    wizard = make_wizard(write_csv(tmp_path / "list.csv", PEOPLE))
    activate(qtbot, wizard)
    assert wizard.focusWidget() is wizard.file_step.path_edit
    for expected in (MAPPING, CHECK, SUMMARY):
        qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return)
        assert wizard.step == expected
        if expected == MAPPING:
            assert wizard.focusWidget() is wizard.mapping_step.combos[0]
    assert count(services) == 4
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Return)
    assert not wizard.isVisible()


def test_the_dialog_fits_the_main_window(make_wizard):
    wizard = make_wizard()
    assert wizard.width() <= 1100 and wizard.height() <= 720
    assert wizard.minimumSizeHint().width() <= 1000 and wizard.minimumSizeHint().height() <= 660
    assert _("Import volunteers") == wizard.windowTitle()


# -- the Volunteers page ----------------------------------------------------------------------------------------------

def drive_through(qtbot, path: Path):
    """Stands in for ImportWizard.exec: a user who imports ``path`` with the real thread pool and closes."""
    def drive(wizard: ImportWizard) -> int:
        wizard.file_step.set_path(path)
        wizard.go_next()
        qtbot.waitUntil(lambda: wizard.step == MAPPING, timeout=10_000)
        wizard.go_next()
        qtbot.waitUntil(lambda: wizard.check_step.report is not None, timeout=10_000)
        wizard.go_next()
        qtbot.waitUntil(lambda: wizard.step == SUMMARY, timeout=10_000)
        wizard.close_button.click()
        return wizard.result()

    return drive


def test_the_import_button_of_the_volunteers_page_adds_to_the_list(qtbot, monkeypatch, services, paths, tmp_path):
    from kommandesk.ui.pages.volunteers_page import VolunteersPage

    page = VolunteersPage(services.volunteers, paths=paths)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    assert page.model.rowCount() == 0
    monkeypatch.setattr(ImportWizard, "exec", drive_through(qtbot, write_csv(tmp_path / "list.csv", PEOPLE)))
    page.import_button.click()
    assert page.model.rowCount() == 4
    assert page.status_line.text() == "4 volunteers"


def test_the_page_in_the_main_window_imports_into_the_open_database(qtbot, monkeypatch, main_window, services,
                                                                   tmp_path):
    page = main_window.page("volunteers")
    main_window.show_page("volunteers")
    opened: list[ImportWizard] = []

    def close_at_once(wizard):
        opened.append(wizard)
        wizard.reject()
        return wizard.result()

    monkeypatch.setattr(ImportWizard, "exec", close_at_once)
    page.import_button.click()
    assert len(opened) == 1 and opened[0]._paths == services.paths
    assert page.import_button.text() == "I&mport…"
    monkeypatch.setattr(ImportWizard, "exec", drive_through(qtbot, write_csv(tmp_path / "list.csv", PEOPLE)))
    page.import_button.click()
    assert page.model.rowCount() == 4


def test_in_german_the_fields_are_german_and_numbers_are_formatted_for_germany(german, make_wizard, tmp_path):
    wizard = make_wizard(write_csv(tmp_path / "lang.csv", [person(number) for number in range(1200)]))
    wizard.go_next()
    assert wizard.step == MAPPING
    assert wizard.mapping_step.combos[0].currentText() == "Vorname"
    assert "1.200" in wizard.mapping_step.source.text()


def test_an_excel_workbook_with_a_title_row_and_date_cells(make_wizard, services, tmp_path):
    import datetime as dt

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Ehrenamtliche"
    sheet.append(["Ehrenamtliche – Stand März 2026"])
    sheet.append(["Vorname", "Nachname", "Geburtsdatum"])
    sheet.append(["Jürgen", "Müller", dt.datetime(1985, 2, 1)])
    path = tmp_path / "Liste.xlsx"
    book.save(path)

    wizard = make_wizard(path)
    wizard.go_next()
    assert wizard.mapping_step.source.text() == ("Excel workbook, sheet “Ehrenamtliche”. Header found in row 2. "
                                                 "1 row below it.")
    wizard.go_next()
    wizard.go_next()
    assert wizard.import_result.imported == 1
    volunteer = services.volunteers.get(services.volunteers.page(VolunteerQuery(), 0, 10)[0].id)
    assert volunteer.birth_date == dt.date(1985, 2, 1)
