"""Settings > Backups: folder and keep counts saved at once (bad values said beside the field), Back up now,
Restore… with the list of backups or a file; and the application's side: the window made again after a restore,
the automatic backups on start and on close, the network-drive warning."""

from __future__ import annotations

import dataclasses
import errno

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QGroupBox, QLabel, QMessageBox, QPushButton, QSpinBox

from kommandesk.domain.backups import KeepPolicy
from kommandesk.services import backups as backups_mod
from kommandesk.services.backups import BackupService
from kommandesk.store import backup as files
from kommandesk.store.migrations import LATEST_VERSION
from kommandesk.tasks import TaskRunner
from kommandesk.ui.dialogs import backups as dialogs
from kommandesk.ui.widgets.backup_settings import BackupSettingsEditor
from tests.unit.backup_data import add_volunteer, damaged_copy, names, names_in, newer_copy, text_file

SB = QMessageBox.StandardButton


@pytest.fixture
def configured(services):
    org = dataclasses.replace(services.organisation.get(), name="KI Köln", postcode="50667")
    services.organisation.save(org)
    return services


@pytest.fixture
def editor(qtbot, configured):
    widget = BackupSettingsEditor(BackupService.of(configured), runner=TaskRunner(synchronous=True))
    qtbot.addWidget(widget)
    widget.show()
    return widget


def click(qtbot, button: QPushButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def saved_policy(services) -> KeepPolicy:
    return BackupService.of(services).settings().policy


# -- the group on the Settings page --------------------------------------------------------------------------------

def test_the_settings_page_has_the_backups_group_with_the_defaults(main_window, services):
    assert main_window.show_page("settings")
    page = main_window.settings_page
    titles = [box.title() for box in page.findChildren(QGroupBox)]
    assert "Backups" in titles
    assert page.findChild(QLabel, "backup_last").text() == "No backup has been made in this folder yet."
    assert page.backup_editor.folder.text() == str(services.paths.backup_dir)
    assert [page.findChild(QSpinBox, name).value() for name in
            ("backup_keep_daily", "backup_keep_weekly", "backup_keep_monthly")] == [7, 4, 12]


def test_back_up_now_on_the_page_runs_in_the_background(qtbot, main_window, services):
    main_window.show_page("settings")
    page = main_window.settings_page
    click(qtbot, page.findChild(QPushButton, "backup_now"))
    qtbot.waitUntil(lambda: page.findChild(QLabel, "backup_status").text().startswith("Backup made:"), timeout=10_000)
    (made,) = services.paths.backup_dir.glob("kommandesk-backup-*.sqlite3")
    assert made.name in page.findChild(QLabel, "backup_status").text()
    assert page.findChild(QLabel, "backup_last").text().startswith("Newest backup: ")


def test_saving_the_organisation_keeps_the_backup_settings_saved_meanwhile(qtbot, main_window, configured):
    main_window.show_page("settings")
    page = main_window.settings_page
    page.findChild(QSpinBox, "backup_keep_daily").setValue(3)  # saved at once
    page._org_box.fields["town"].editor.setText("Bonn")
    page._mark_dirty()
    assert page.save()
    org = configured.organisation.get()
    assert (org.town, org.backup_keep_daily) == ("Bonn", 3)


# -- the editor ----------------------------------------------------------------------------------------------------

def test_a_keep_count_is_saved_at_once(editor, configured):
    editor.spins["backup_keep_weekly"].setValue(9)
    assert saved_policy(configured) == KeepPolicy(7, 9, 12)
    assert editor.status.text() == "Saved."


def test_keeping_nothing_is_refused_beside_the_field(editor, configured):
    editor.spins["backup_keep_daily"].setValue(0)
    editor.spins["backup_keep_weekly"].setValue(0)
    editor.spins["backup_keep_monthly"].setValue(0)
    assert editor.fields["backup_keep_daily"].error.text() == (
        "Keep at least one backup: set one of the three numbers above 0.")
    assert editor.status.text() == "Not saved: please correct the marked setting."
    assert saved_policy(configured) == KeepPolicy(0, 0, 12)  # the last one that could be saved
    editor.spins["backup_keep_monthly"].setValue(1)
    assert editor.fields["backup_keep_daily"].error.isHidden()
    assert saved_policy(configured) == KeepPolicy(0, 0, 1)


def test_choosing_a_folder(editor, configured, tmp_path, monkeypatch):
    usb = tmp_path / "USB Stick"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(usb))
    click_button = editor.choose_button
    click_button.click()
    assert editor.folder.text() == str(usb)
    assert BackupService.of(configured).settings().folder == usb
    assert editor.default_button.isEnabled()
    editor.default_button.click()
    assert BackupService.of(configured).settings().folder == configured.paths.backup_dir


def test_a_folder_that_does_not_exist_is_refused(editor, configured, tmp_path):
    assert not editor.set_folder(str(tmp_path / "unplugged"))
    assert "does not exist" in editor.fields["backup_folder"].error.text()
    assert BackupService.of(configured).settings().folder == configured.paths.backup_dir


def test_settings_before_the_organisation_is_entered(qtbot, services):
    widget = BackupSettingsEditor(BackupService.of(services), runner=TaskRunner(synchronous=True))
    qtbot.addWidget(widget)
    widget.spins["backup_keep_daily"].setValue(2)
    assert "organisation's details first" in widget.fields["backup_folder"].error.text()


def test_back_up_now_and_a_full_drive(editor, configured, monkeypatch):
    add_volunteer(configured, "Amira")
    click_now = editor.backup_button
    click_now.click()
    (made,) = configured.paths.backup_dir.glob("kommandesk-backup-*.sqlite3")
    assert editor.status.text().startswith(f"Backup made: {made.name} (")
    assert names_in(made) == {"Amira"}

    def full(source, dest):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files, "_copy", full)
    click_now.click()
    assert "is full" in editor.status.text()
    assert list(configured.paths.backup_dir.glob("*")) == [made]
    assert editor.backup_button.isEnabled()


# -- restore: choosing and confirming -------------------------------------------------------------------------------

def choose_in_dialog(monkeypatch, pick):
    """RestoreChooser.exec answered by ``pick(dialog)`` (which selects a row or a file; returns the exec result)."""
    seen = []

    def exec_(dialog):
        seen.append(dialog)
        return pick(dialog)

    monkeypatch.setattr(dialogs.RestoreChooser, "exec", exec_)
    return seen


def test_restore_lists_the_backups_and_asks_before_asking_the_app(editor, configured, monkeypatch, answer_dialogs,
                                                                  qtbot):
    service = BackupService.of(configured)
    older = service.backup_now()
    folder = configured.paths.backup_dir
    newer_copy(older.path, folder / "kommandesk-backup-20991231T000000Z.sqlite3")
    text_file(folder / "kommandesk-backup-20000101T000000Z.sqlite3")

    def pick(dialog):
        texts = [[dialog.table.item(r, c).text() for c in range(3)] for r in range(dialog.table.rowCount())]
        assert texts[0][2] == f"newer version (schema {LATEST_VERSION + 1}): cannot be restored"
        assert texts[1][2] == f"this version (schema {LATEST_VERSION})"
        assert texts[2][2] == "not a KommanDesk backup"
        assert dialog.table.selectionModel().selectedRows()[0].row() == 1  # the newest that can be restored
        dialog.table.selectRow(0)
        assert not dialog.restore_button.isEnabled()  # the newer version's cannot be restored
        dialog.table.selectRow(2)
        assert not dialog.restore_button.isEnabled()  # nor another program's file
        dialog.table.selectRow(1)
        assert dialog.restore_button.isEnabled()
        dialog.accept()
        return QDialog.DialogCode.Accepted

    choose_in_dialog(monkeypatch, pick)
    shown = answer_dialogs(SB.Yes)
    with qtbot.waitSignal(editor.restore_requested) as signal:
        editor.restore_button.click()
    assert signal.args == [older.path]
    assert shown[0]["title"] == "Restore a backup"
    assert older.name in shown[0]["text"]


def test_restore_of_another_file_and_cancelling(editor, configured, monkeypatch, answer_dialogs, tmp_path):
    other = BackupService.of(configured).backup_now(to=tmp_path / "stick.sqlite3")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: (str(other.path), ""))

    def pick(dialog):
        dialog.other_button.click()
        return dialog.result()

    choose_in_dialog(monkeypatch, pick)
    answer_dialogs(SB.Cancel)
    requested = []
    editor.restore_requested.connect(requested.append)
    editor.restore_button.click()
    assert requested == []  # not confirmed
    answer_dialogs(SB.Yes)
    editor.restore_button.click()
    assert requested == [other.path]


# -- the application: restore, automatic backups, network drives -------------------------------------------------

@pytest.fixture
def session(qtbot, services, settings, monkeypatch):
    from kommandesk.ui.session import Session

    made = Session(services.paths, settings, lambda _choice: None, runner=TaskRunner(synchronous=True))
    made.show(services)
    qtbot.addWidget(made.window)
    yield made
    if made.window is not None:
        made.window._on_close = None
    made.close()


@pytest.fixture
def problems(monkeypatch):
    from kommandesk.ui.dialogs import errors

    shown = []
    monkeypatch.setattr(errors, "show_problem", lambda parent, title, message: shown.append((title, message)))
    return shown


def test_a_restore_makes_the_services_and_the_window_again(qtbot, session, services):
    add_volunteer(services, "Amira")
    backup = BackupService.of(services).backup_now()
    add_volunteer(services, "Bogdan")
    old_window = session.window

    old_window.restore_requested.emit(backup.path)

    assert session.window is not old_window and session.services is not services
    qtbot.addWidget(session.window)
    assert not old_window.isVisible() and session.window.isVisible()
    assert names(session.services) == {"Amira"}
    assert session.window.current_page().key == "settings"
    message = session.window.statusBar().currentMessage()
    assert message.startswith("The backup of ") and "was restored" in message
    (before,) = [p for p in services.paths.backup_dir.glob("kommandesk-backup-*") if p != backup.path]
    assert names_in(before) == {"Amira", "Bogdan"}
    assert str(before) in message
    add_volunteer(session.services, "Chiara")  # the new services work
    assert session.window.services is session.services


def test_a_refused_restore_keeps_the_window_and_the_data(qtbot, session, services, tmp_path, problems):
    add_volunteer(services, "Amira")
    bad = damaged_copy(BackupService.of(services).backup_now(to=tmp_path / "b.sqlite3").path, tmp_path / "d.sqlite3")
    window = session.window

    window.restore_requested.emit(bad)

    assert session.window is window and session.services is services
    assert problems[0][0] == "The backup was not restored"
    assert "is damaged" in problems[0][1]
    assert names(services) == {"Amira"}
    assert not services.paths.backup_dir.exists() or list(services.paths.backup_dir.iterdir()) == []


def test_the_backup_on_start_when_due_and_its_message(session, services):
    session.after_shown()
    (made,) = services.paths.backup_dir.glob("kommandesk-backup-*.sqlite3")
    assert session.window.statusBar().currentMessage() == f"Backup made: {made.name}."
    session.after_shown()  # not due again
    assert len(list(services.paths.backup_dir.glob("kommandesk-backup-*.sqlite3"))) == 1


def test_a_failed_backup_on_start_is_said_in_the_status_bar(session, services, configured, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    BackupService.of(services).save_settings(str(usb), 7, 4, 12)
    usb.rmdir()  # the stick was taken away
    session.after_shown()
    message = session.window.statusBar().currentMessage()
    assert message.startswith("The automatic backup failed. No backup was made.")
    assert str(usb) in message


def test_the_backup_on_close_only_when_something_changed_or_one_is_due(qtbot, services, settings):
    from kommandesk.ui.session import Session

    def run_session(change: str | None) -> None:
        session = Session(services.paths, settings, lambda _c: None, runner=TaskRunner(synchronous=True))
        session.show(services)
        qtbot.addWidget(session.window)
        if change:
            add_volunteer(services, change)
        session.window.close()

    folder = services.paths.backup_dir
    run_session(change=None)  # none yet: due
    assert len(list(folder.glob("kommandesk-backup-*"))) == 1
    run_session(change=None)  # nothing changed, the newest is fresh
    assert len(list(folder.glob("kommandesk-backup-*"))) == 1
    run_session(change="Amira")
    made = sorted(folder.glob("kommandesk-backup-*"))
    assert len(made) == 1  # the one of the same day before it was pruned: the newest of the day is kept
    assert names_in(made[-1]) == {"Amira"}


def test_a_database_on_a_network_drive_is_warned_about(session, monkeypatch):
    monkeypatch.setattr(backups_mod, "is_network_path", lambda path: True)
    session.after_shown()
    label = session.window.findChild(QLabel, "status_storage_warning")
    assert label is not None and label.isVisible()
    assert label.text() == "Database on a network drive"
    assert "network drive" in label.toolTip() and str(session.services.paths.db_file) in label.toolTip()


def test_no_warning_for_a_local_database(session, monkeypatch):
    monkeypatch.setattr(backups_mod, "is_network_path", lambda path: False)
    session.after_shown()
    assert session.window.findChild(QLabel, "status_storage_warning") is None
