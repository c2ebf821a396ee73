"""Settings > Encryption: the state shown, switching on / changing / switching off through the dialog and the
application (the database closed, written anew, opened again with the key in a new window), refusals said in the
dialog with nothing changed, and the idle-lock minutes saved at once."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QGroupBox

from kommandesk.services.encryption import EncryptionService
from kommandesk.store import encryption as crypt
from kommandesk.tasks import TaskRunner
from kommandesk.ui.widgets import encryption_settings as mod
from kommandesk.ui.widgets.encryption_settings import EncryptionSettings
from tests.unit.backup_data import add_volunteer, names

SECRET = "correct horse battery"
OTHER = "staple gun umbrella"


@pytest.fixture
def session(qtbot, services, settings):
    from kommandesk.ui.session import Session

    made = Session(services.paths, settings, lambda _choice: None, runner=TaskRunner(synchronous=True))
    made.show(services)
    qtbot.addWidget(made.window)
    yield made
    if made.window is not None:  # after a switch a new window, which qtbot does not know
        made.window._on_close = None
        made.window.hide()
        made.window.deleteLater()
    made.close()


@pytest.fixture
def typed(monkeypatch):
    """PassphraseChangeDialog.exec fills in the given texts and presses OK (then gives up if still open); the
    returned list records the dialogs with the error each showed."""
    shown = []

    def install(**texts):
        def exec_(self):
            for name, text in texts.items():
                self.fields[name].setText(text)
            self.ok_button.click()
            shown.append({"kind": self.kind, "fields": set(self.fields), "error": self.error.text(),
                          "warning": self.warning.text()})
            if self.texts is None:
                self.reject()
            return self.result()

        monkeypatch.setattr(mod.PassphraseChangeDialog, "exec", exec_)
        return shown

    return install


def group(session) -> EncryptionSettings:
    from PySide6.QtWidgets import QApplication

    session.window.show_page("settings")
    QApplication.processEvents()  # what the page loads once shown (the weights), as after a moment's look at it
    return session.window.current_page().encryption_editor


def test_the_group_on_the_settings_page_shows_a_plain_database(session):
    editor = group(session)
    box = [b for b in session.window.current_page().findChildren(QGroupBox) if b.title() == "Encryption"]
    assert len(box) == 1 and box[0].isAncestorOf(editor)
    assert editor.state.text().startswith("The database is not encrypted")
    assert editor.on_button.isEnabled() and not editor.change_button.isEnabled()
    assert not editor.off_button.isEnabled()
    assert editor.on_button.text() == "&Encrypt with a passphrase…"
    assert editor.idle_minutes.value() == 10 and editor.idle_minutes.specialValueText() == "Never"


def test_switching_on_encrypts_and_the_app_reopens_with_the_key(qtbot, session, services, typed):
    add_volunteer(services, "Amira")
    old = session.window
    shown = typed(passphrase=SECRET, confirmation=SECRET)

    group(session).on_button.click()

    assert shown[-1]["kind"] == mod.SWITCH_ON and shown[-1]["error"] == ""
    assert "cannot be recovered" in shown[-1]["warning"] and "at least 8 characters" in shown[-1]["warning"]
    qtbot.addWidget(session.window)
    assert session.window is not old and session.services is not services and not old.isVisible()
    path = services.paths.db_file
    assert crypt.looks_encrypted(path) and crypt.check_passphrase(path, SECRET)
    assert not crypt.check_passphrase(path, OTHER)
    assert names(session.services) == {"Amira"}  # opened again with the key
    add_volunteer(session.services, "Bogdan")  # and it works
    assert session.window.statusBar().currentMessage().startswith("The database is encrypted now.")
    assert session.lock is not None  # an encrypted database's window locks when idle
    editor = group(session)
    assert editor.state.text().startswith("The database is encrypted")
    assert not editor.on_button.isEnabled() and editor.change_button.isEnabled() and editor.off_button.isEnabled()

    crypt.KEYS.clear()  # as a new start: only the passphrase opens it
    from kommandesk.services.context import Services

    with pytest.raises(crypt.PassphraseNeeded):
        Services.open(services.paths)
    crypt.KEYS.remember(path, SECRET)  # for the backup when the window closes


def encrypt(session, typed) -> None:
    typed(passphrase=SECRET, confirmation=SECRET)
    group(session).on_button.click()


def test_change_and_remove_round_trip(qtbot, session, services, typed):
    add_volunteer(services, "Amira")
    encrypt(session, typed)
    path = services.paths.db_file

    shown = typed(current=SECRET, passphrase=OTHER, confirmation=OTHER)
    group(session).change_button.click()
    assert shown[-1]["fields"] == {"current", "passphrase", "confirmation"} and shown[-1]["error"] == ""
    assert crypt.check_passphrase(path, OTHER) and not crypt.check_passphrase(path, SECRET)
    assert names(session.services) == {"Amira"}
    assert session.window.statusBar().currentMessage().startswith("The passphrase was changed.")

    shown = typed(current=OTHER)
    group(session).off_button.click()
    assert shown[-1]["fields"] == {"current"} and shown[-1]["error"] == ""
    assert not crypt.looks_encrypted(path) and crypt.KEYS.known(path) is None
    assert names(session.services) == {"Amira"}
    assert session.lock is None
    assert group(session).state.text().startswith("The database is not encrypted")
    qtbot.addWidget(session.window)


@pytest.mark.parametrize("texts, error", [
    ({"passphrase": SECRET, "confirmation": SECRET + "!"}, "The two passphrases differ"),
    ({"passphrase": "short", "confirmation": "short"}, "at least 8 characters"),
    ({"passphrase": "", "confirmation": ""}, "at least 8 characters"),
])
def test_a_bad_new_passphrase_is_said_in_the_dialog_and_nothing_changes(session, services, typed, texts, error):
    add_volunteer(services, "Amira")
    before = services.paths.db_file.read_bytes()
    old = session.window
    shown = typed(**texts)

    group(session).on_button.click()

    assert error in shown[-1]["error"]
    assert session.window is old and session.services is services
    assert services.paths.db_file.read_bytes() == before and not crypt.looks_encrypted(services.paths.db_file)
    assert names(services) == {"Amira"}


@pytest.mark.parametrize("button, texts, error", [
    ("change_button", {"current": "wrong passphrase", "passphrase": OTHER, "confirmation": OTHER},
     "The current passphrase is wrong"),
    ("change_button", {"current": SECRET, "passphrase": OTHER, "confirmation": SECRET}, "The two passphrases differ"),
    ("change_button", {"current": SECRET, "passphrase": SECRET, "confirmation": SECRET}, "the same as the current"),
    ("off_button", {"current": "wrong passphrase"}, "The current passphrase is wrong"),
])
def test_refusals_of_an_encrypted_database_change_nothing(session, services, typed, button, texts, error):
    add_volunteer(services, "Amira")
    encrypt(session, typed)
    path = services.paths.db_file
    window, opened = session.window, session.services
    shown = typed(**texts)

    getattr(group(session), button).click()

    assert error in shown[-1]["error"]
    assert session.window is window and session.services is opened
    assert crypt.check_passphrase(path, SECRET) and names(opened) == {"Amira"}


def test_a_refusal_from_the_service_after_the_dialog_is_said_and_keeps_the_window(session, services, problems):
    """Should the file change between the dialog and the switch, the service's refusal is said; nothing changed."""
    add_volunteer(services, "Amira")
    window = session.window
    request = mod.EncryptionRequest(lambda close: EncryptionService(services.paths).switch_on(SECRET, "x" * 9, close),
                                    "done")

    window.encryption_requested.emit(request)

    assert problems == [("The encryption was not changed", "The two passphrases differ. Type the same passphrase "
                                                            "twice.")]
    assert session.window is window and session.services is services and names(services) == {"Amira"}


@pytest.fixture
def problems(monkeypatch):
    from kommandesk.ui.dialogs import errors

    shown = []
    monkeypatch.setattr(errors, "show_problem", lambda parent, title, message: shown.append((title, message)))
    return shown


def test_cancelling_the_dialog_changes_nothing(session, services, monkeypatch):
    before = services.paths.db_file.read_bytes()
    window = session.window
    monkeypatch.setattr(mod.PassphraseChangeDialog, "exec", lambda self: self.reject() or self.result())

    group(session).on_button.click()

    assert session.window is window and services.paths.db_file.read_bytes() == before


def test_idle_minutes_are_saved_at_once_and_reach_the_running_lock(qtbot, session, services, settings, typed):
    from kommandesk.settings import Settings

    encrypt(session, typed)
    qtbot.addWidget(session.window)
    editor = group(session)
    editor.idle_minutes.setValue(25)
    assert Settings(services.paths.settings_file).idle_lock_minutes == 25
    assert session.lock.minutes == 25 and session.lock.timer.interval() == 25 * 60_000

    editor.idle_minutes.setValue(0)
    assert Settings(services.paths.settings_file).idle_lock_minutes == 0
    assert session.lock.minutes == 0 and not session.lock.timer.isActive()
    assert editor.idle_minutes.text() == "Never"


def test_the_group_in_german(qtbot, services, settings, german):
    editor = EncryptionSettings(EncryptionService(services.paths), settings)
    qtbot.addWidget(editor)
    assert editor.on_button.text() and editor.state.text()
