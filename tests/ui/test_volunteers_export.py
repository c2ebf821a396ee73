"""Export… on the Volunteers page: the list as shown (search, filters, order) to .xlsx or .csv in the background,
a progress dialog that can be cancelled, and the outcome in the page's status line."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton

from kommandesk.domain.volunteers import Status
from kommandesk.tasks import TaskRunner
from kommandesk.ui.models.volunteers_model import Column
from kommandesk.ui.pages import volunteers_page
from kommandesk.ui.widgets.volunteer_filters import EVERY_STATUS
from volunteer_list_data import create_list


@pytest.fixture
def people(services):
    return create_list(services.volunteers)




@pytest.fixture
def page(people, make_page):
    return make_page()


@pytest.fixture
def out(tmp_path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def chosen(monkeypatch):
    """Stands in for the file dialog: answers with the path the test puts in ``answers`` (None: cancelled)."""
    answers: list[Path | None] = []
    suggested: list[Path] = []

    def choose(parent, suggestion):
        suggested.append(suggestion)
        return answers.pop(0) if answers else None

    monkeypatch.setattr(volunteers_page, "choose_export_file", choose)
    return answers, suggested


def shown_last_names(page) -> list[str]:
    model = page.model
    while model.canFetchMore():
        model.fetchMore()
    return [model.data(model.index(row, Column.LAST_NAME)) for row in range(model.rowCount())]


def csv_last_names(path: Path) -> list[str]:
    header, *rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline=""), delimiter=";"))
    return [row[header.index("Last name")].removeprefix("'") for row in rows]


def test_the_export_button_sits_beside_archive_and_saves_the_list_as_excel(page, chosen, out):
    answers, suggested = chosen
    assert page.export_button.text() == "E&xport…"
    assert page.export_button.isEnabled()
    assert page.export_button.y() == page.archive_button.y()
    assert page.export_button.x() > page.archive_button.x()
    target = out / "liste.xlsx"
    answers.append(target)
    page.export_button.click()
    assert suggested[0].suffix == ".xlsx"  # Excel is the default
    sheet = openpyxl.load_workbook(target).active
    names = [row[1].value for row in sheet.iter_rows(min_row=2)]
    assert names == shown_last_names(page)
    assert page.status_line.text().startswith("29 volunteers exported to liste.xlsx.")
    assert page.export_button.isEnabled()


def test_the_export_follows_the_search_the_filters_and_the_order(page, chosen, out):
    answers, _suggested = chosen
    page.search.setText("a")
    page.flush_search()
    page.filters.status.setCurrentIndex(page.filters.status.findData(EVERY_STATUS))
    page.table.horizontalHeader().setSortIndicator(Column.TOWN, Qt.SortOrder.DescendingOrder)
    expected = shown_last_names(page)
    assert "Archivarius" in expected and len(expected) < 29
    target = out / "auswahl.csv"
    answers.append(target)
    page.export_list()
    assert csv_last_names(target) == expected


def test_a_search_still_being_typed_is_applied_first(page, chosen, out):
    answers, _suggested = chosen
    page.search.setText("sukru")  # the typing pause has not ended yet
    answers.append(out / "one.csv")
    page.export_list()
    assert csv_last_names(out / "one.csv") == ["Öztürk"]


def test_cancelling_the_file_dialog_does_nothing(page, chosen, out):
    before = page.status_line.text()
    page.export_list()
    assert page.status_line.text() == before
    assert list(out.iterdir()) == []


def test_cancel_in_the_progress_dialog_leaves_no_file_and_the_old_one(page, chosen, out, monkeypatch):
    answers, _suggested = chosen
    target = out / "liste.xlsx"
    target.write_bytes(b"the old list")
    answers.append(target)
    dialogs = []
    original = QProgressDialog.setValue

    def press_cancel(dialog, value):
        original(dialog, value)
        dialogs.append(dialog)
        assert dialog.windowModality() == Qt.WindowModality.WindowModal
        if len(dialogs) == 1:
            dialog.findChild(QPushButton).click()  # the user presses Cancel as soon as the first progress arrives

    monkeypatch.setattr(QProgressDialog, "setValue", press_cancel)
    page.export_list()
    assert dialogs
    assert target.read_bytes() == b"the old list"
    assert sorted(entry.name for entry in out.iterdir()) == ["liste.xlsx"]
    assert page.status_line.text().startswith("The export was cancelled; no file was written.")
    assert page.export_button.isEnabled()


def test_a_failed_export_is_shown_in_the_status_line(page, chosen, out):
    answers, _suggested = chosen
    answers.append(out / "missing" / "liste.csv")
    page.export_list()
    text = page.status_line.text()
    assert text.startswith("The export failed: ") and "could not be written" in text
    assert page.export_button.isEnabled()


def test_an_unexpected_failure_points_to_the_log(page, chosen, out, monkeypatch):
    from kommandesk.services import exports

    def broken(self, path, query=None, progress=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(exports.ExportService, "export_volunteers", broken)
    answers, _suggested = chosen
    answers.append(out / "liste.csv")
    page.export_list()
    assert page.status_line.text().startswith("The export failed: an unexpected error (details are in the log file)")


def test_no_export_of_an_empty_list(make_page, chosen):
    page = make_page()
    assert not page.export_button.isEnabled()


def test_the_export_runs_in_the_background_and_the_button_waits(people, make_page, chosen, out, qtbot):
    page = make_page(runner=TaskRunner())
    answers, _suggested = chosen
    answers.append(out / "liste.csv")
    page.export_list()
    assert not page.export_button.isEnabled()  # until the result arrives on the GUI thread
    qtbot.waitUntil(lambda: page.status_line.text().startswith("29 volunteers exported"), timeout=10_000)
    assert page.export_button.isEnabled()
    assert len(csv_last_names(out / "liste.csv")) == 29


def test_without_paths_the_page_uses_the_main_windows(main_window, people, chosen, out):
    main_window.show_page("volunteers")
    page = main_window.page("volunteers")
    page.runner = TaskRunner(synchronous=True)
    answers, _suggested = chosen
    answers.append(out / "liste.csv")
    page.export_list()
    assert (out / "liste.csv").exists()
    assert page.status_line.text().startswith("29 volunteers exported")


def test_tab_order_reaches_the_export_button(page):
    assert page.import_button.nextInFocusChain() is page.export_button


def test_status_filter_archived_exports_only_archived(page, chosen, out):
    answers, _suggested = chosen
    page.filters.status.setCurrentIndex(page.filters.status.findData(Status.ARCHIVED))
    answers.append(out / "archiv.csv")
    page.export_list()
    assert csv_last_names(out / "archiv.csv") == ["Archivarius"]
