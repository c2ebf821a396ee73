"""An encrypted database in the GUI: the passphrase is asked on start (three wrong tries: a clear message, quit,
nothing changed), and the window locks after idle minutes and asks again."""

from __future__ import annotations

import pytest

from kommandesk import paths as paths_mod
from kommandesk.services.context import Services
from kommandesk.services.encryption import EncryptionService
from kommandesk.store import encryption as crypt
from kommandesk.ui.dialogs import passphrase_dialog as dialog_mod
from tests.ui.test_app import isolated_run, problems, run_until_shown  # noqa: F401,F811 - fixtures
from tests.unit.backup_data import add_volunteer, names

SECRET = "correct horse battery"


@pytest.fixture(autouse=True)
def _no_keys():
    crypt.KEYS.clear()
    yield
    crypt.KEYS.clear()


@pytest.fixture
def encrypted(tmp_path):
    paths = paths_mod.resolve(tmp_path / "data")
    paths.ensure()
    services = Services.open(paths)
    add_volunteer(services, "Amira")
    EncryptionService(paths).switch_on(SECRET, SECRET, close=services.close)
    crypt.KEYS.clear()  # as a new start: the key is not known
    return paths


@pytest.fixture
def typed(monkeypatch):
    """PassphraseDialog.exec types the given passphrases one after the other (pressing OK each time)."""
    shown = []

    def install(*passphrases):
        queue = list(passphrases)

        def exec_(self):
            shown.append(self)
            while queue and self.passphrase is None and not self.failed:
                self.field.setText(queue.pop(0))
                self.ok_button.click()
            if self.isVisible() and self.passphrase is None and not self.failed:
                self.reject()
            return self.result()

        monkeypatch.setattr(dialog_mod.PassphraseDialog, "exec", exec_)
        return shown

    return install


def test_the_right_passphrase_opens_the_app_and_the_lock_is_armed(encrypted, isolated_run, typed, problems):
    shown = typed("wrong one", SECRET)

    def action(window, seen):
        seen["names"] = names(window.services)
        from kommandesk.ui.idle_lock import IdleLock

        seen["lock"] = window.findChild(IdleLock, "idle_lock") is not None
        window.close()

    code, seen = run_until_shown(["--data-dir", str(encrypted.data_dir)], action)
    assert code == 0 and problems == []
    assert seen["names"] == {"Amira"} and len(shown) == 1 and shown[0].tries == 1
    assert seen["lock"]  # an encrypted database's window locks when idle


def test_three_wrong_passphrases_say_so_and_quit_with_nothing_changed(encrypted, isolated_run, typed, problems):
    before = encrypted.db_file.read_bytes()
    shown = typed("one", "two", "three", SECRET)  # the fourth is never asked for

    code = __import__("kommandesk.app", fromlist=["run"]).run(["--data-dir", str(encrypted.data_dir)])

    assert code == 1 and shown[0].tries == 3 and shown[0].failed
    assert len(problems) == 1 and "wrong three times" in problems[0][1]
    assert encrypted.db_file.read_bytes() == before


def test_the_dialog_counts_down_the_tries(qtbot, encrypted):
    dialog = dialog_mod.PassphraseDialog(encrypted.db_file,
                                         lambda text: crypt.check_passphrase(encrypted.db_file, text))
    qtbot.addWidget(dialog)
    dialog.field.setText("nope")
    dialog.ok_button.click()
    assert dialog.error.text() == "The passphrase is wrong. 2 tries left." and dialog.field.text() == ""
    dialog.field.setText("still nope")
    dialog.ok_button.click()
    assert dialog.error.text() == "The passphrase is wrong. 1 try left."
    dialog.field.setText(SECRET)
    dialog.ok_button.click()
    assert dialog.passphrase == SECRET and not dialog.failed


def test_idle_minutes_lock_the_window_and_the_passphrase_unlocks_it(qtbot, encrypted, typed, qapp):
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QLabel, QMainWindow

    from kommandesk.ui.idle_lock import IdleLock

    window = QMainWindow()
    window.setCentralWidget(QLabel("Amira"))
    qtbot.addWidget(window)
    window.show()
    lock = IdleLock(window, encrypted.db_file, 10, lambda text: crypt.check_passphrase(encrypted.db_file, text))
    assert lock.timer.isActive() and lock.timer.interval() == 10 * 60_000

    lock.timer.setInterval(50)  # drive the timer: 50 ms stand for the ten minutes
    lock.timer.start()
    qtbot.wait(20)
    press = QMouseEvent(QEvent.Type.MouseButtonPress, QPointF(5, 5), QPointF(5, 5), Qt.MouseButton.LeftButton,
                        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    qapp.sendEvent(window, press)
    assert lock.timer.remainingTime() > 35  # activity starts the count again

    seen = []
    shown = typed("wrong", SECRET)
    original = dialog_mod.PassphraseDialog.exec

    def watching(dialog):
        seen.append(window.centralWidget().isVisible())  # while the dialog asks, the content is hidden
        return original(dialog)

    dialog_mod.PassphraseDialog.exec = watching
    try:
        qtbot.waitUntil(lambda: len(shown) == 1, timeout=2000)
    finally:
        dialog_mod.PassphraseDialog.exec = original
    assert seen == [False]
    assert not lock.locked and window.centralWidget().isVisible() and lock.timer.isActive()
    lock.set_minutes(0)


def test_three_wrong_passphrases_when_locked_quit(qtbot, encrypted, typed, monkeypatch):
    from PySide6.QtWidgets import QLabel, QMainWindow

    from kommandesk.ui.dialogs import errors
    from kommandesk.ui.idle_lock import IdleLock

    told, quit_called = [], []
    monkeypatch.setattr(errors, "show_problem", lambda parent, title, message: told.append(message))
    window = QMainWindow()
    window.setCentralWidget(QLabel("Amira"))
    qtbot.addWidget(window)
    window.show()
    lock = IdleLock(window, encrypted.db_file, 10, lambda text: crypt.check_passphrase(encrypted.db_file, text),
                    on_failed=lambda: quit_called.append(True))
    typed("a", "b", "c")
    lock.lock()
    assert quit_called == [True] and len(told) == 1 and "wrong three times" in told[0]
    assert not window.centralWidget().isVisible()


def test_zero_minutes_never_lock(qtbot, encrypted):
    from PySide6.QtWidgets import QMainWindow

    from kommandesk.ui.idle_lock import IdleLock

    window = QMainWindow()
    qtbot.addWidget(window)
    lock = IdleLock(window, encrypted.db_file, 0, lambda text: True)
    assert not lock.timer.isActive()
