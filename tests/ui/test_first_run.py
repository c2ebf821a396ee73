"""The first-start assistant: shown before the main window when the data folder is new (language, organisation,
encryption, how to start), refusing bad input beside the fields, doing what was chosen; not shown for an existing
database; opened again from the Help menu with the current values."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox

from kommandesk.domain.organisation import Organisation
from kommandesk.i18n import current_language
from kommandesk.services import first_run
from kommandesk.services.context import Services
from kommandesk.services.demo.logo import demo_logo
from kommandesk.services.first_run import START_DEMO, START_EMPTY, START_IMPORT
from kommandesk.settings import LANGUAGE_SYSTEM, Settings
from kommandesk.store import encryption as crypt
from kommandesk.tasks import TaskRunner
from kommandesk.ui.dialogs.first_run import wizard as wizard_mod
from kommandesk.ui.dialogs.first_run.wizard import LANGUAGE, ORGANISATION, PASSPHRASE, START, FirstRunWizard, Setup
from tests.ui.test_app import isolated_run, problems, run_until_shown  # noqa: F401,F811 - fixtures
from tests.unit.backup_data import add_volunteer

SECRET = "correct horse battery"
ORG = {"name": "Kommunales Integrationszentrum Lindenfeld", "street": "Am Markt 3", "postcode": "47051",
       "town": "Duisburg"}


@pytest.fixture(autouse=True)
def _quick(monkeypatch):
    """The assistant's work runs at once (synchronous tasks); demo data with 20 volunteers instead of 200."""
    monkeypatch.setattr(wizard_mod, "TaskRunner", lambda: TaskRunner(synchronous=True))
    monkeypatch.setattr(first_run, "DEMO_VOLUNTEERS", 20)


@pytest.fixture
def assistant(monkeypatch):
    """assistant(script): the assistant's exec runs ``script(wizard)`` instead of waiting for a user; the returned
    list holds every assistant shown."""
    shown: list[FirstRunWizard] = []

    def install(script):
        def exec_(self):
            shown.append(self)
            script(self)
            if self.isVisible():
                self.reject()
            return self.result()

        monkeypatch.setattr(FirstRunWizard, "exec", exec_)
        return shown

    return install


def go_through(wizard, *, language=None, org=None, logo=None, passphrase=None, start=START_EMPTY) -> None:
    """Every step as a user would fill it in, pressing Next and at last Finish."""
    if language:
        wizard.language_step.buttons[language].click()
    wizard.next_button.click()
    for name, value in (ORG if org is None else org).items():
        wizard.organisation_step.form.fields[name].editor.setText(value)
    if logo is not None:
        assert wizard.organisation_step.form.load_logo(logo)
    wizard.next_button.click()
    if passphrase is not None:
        wizard.passphrase_step.encrypt.setChecked(True)
        for field in wizard.passphrase_step.fields.values():
            field.editor.setText(passphrase)
    wizard.next_button.click()
    wizard.start_step.buttons[start].click()
    wizard.next_button.click()


def first_start(tmp_path, look=None, argv=()):
    """app.run on a new data folder; ``look(window, seen)`` sees the main window, which is then closed."""
    data = tmp_path / "data"

    def action(window, seen):
        seen["title"] = window.windowTitle()
        seen["message"] = window.statusBar().currentMessage()
        seen["page"] = window.current_page().key
        if look is not None:
            look(window, seen)
        window.close()

    code, seen = run_until_shown(["--data-dir", str(data), *argv], action)
    assert code == 0
    return data, seen


def volunteers(services) -> int:
    return services.store.conn.execute("SELECT count(*) FROM volunteers").fetchone()[0]


def open_data(data):
    from kommandesk import paths as paths_mod

    return Services.open(paths_mod.resolve(data))


# -- the first start ------------------------------------------------------------------------------------------------

def test_a_first_start_shows_the_assistant_and_saves_the_organisation_with_its_logo(
        tmp_path, isolated_run, problems, assistant):
    logo = tmp_path / "logo.png"
    logo.write_bytes(demo_logo("KI"))
    shown = assistant(lambda wizard: go_through(wizard, logo=logo))

    data, seen = first_start(tmp_path)

    assert len(shown) == 1 and problems == []
    assert seen["title"].startswith("Kommunales Integrationszentrum Lindenfeld")
    assert "You can open the assistant again from the Help menu" in seen["message"]
    services = open_data(data)
    try:
        org = services.organisation.get()
        assert (org.name, org.postcode, org.town) == (ORG["name"], "47051", "Duisburg")
        assert org.logo == logo.read_bytes() and org.logo_type == "png"
        assert volunteers(services) == 0  # started empty
    finally:
        services.close()
    assert not crypt.looks_encrypted(data / "kommandesk.sqlite3")


def test_the_language_chosen_first_changes_the_assistant_at_once_and_is_kept(tmp_path, isolated_run, assistant):
    texts = {}

    def script(wizard):
        texts["before"] = wizard.step_label.text()
        wizard.language_step.buttons["de"].click()
        texts["after"] = wizard.step_label.text()
        texts["next"] = wizard.next_button.text()
        go_through(wizard)

    assistant(script)

    def look(window, seen):
        seen["sidebar"] = window.sidebar.item(1).text()

    data, seen = first_start(tmp_path, look)

    assert texts["before"] == "Step 1 of 4: Language"
    assert texts["after"] == "Schritt 1 von 4: Sprache" and texts["next"] == "&Weiter >"
    assert seen["sidebar"] == "Ehrenamtliche"
    assert Settings(data / "settings.ini").language == "de"


def test_a_passphrase_encrypts_the_database_and_the_app_opens_it(tmp_path, isolated_run, problems, assistant):
    assistant(lambda wizard: go_through(wizard, passphrase=SECRET))

    def look(window, seen):
        from kommandesk.ui.idle_lock import IdleLock

        seen["org"] = window.services.organisation.get().name
        seen["lock"] = window.findChild(IdleLock, "idle_lock") is not None

    data, seen = first_start(tmp_path, look)

    assert problems == []
    assert crypt.looks_encrypted(data / "kommandesk.sqlite3")
    assert crypt.check_passphrase(data / "kommandesk.sqlite3", SECRET)
    assert seen["org"] == ORG["name"] and seen["lock"]
    assert seen["message"].startswith("The database is encrypted now")


def test_demo_data_is_filled_under_the_organisation_typed(tmp_path, isolated_run, assistant):
    assistant(lambda wizard: go_through(wizard, start=START_DEMO))

    def look(window, seen):
        seen["volunteers"] = volunteers(window.services)

    _data, seen = first_start(tmp_path, look)

    assert seen["volunteers"] == 20
    assert seen["title"].startswith(ORG["name"])


def test_import_my_list_opens_the_import_dialog_over_the_volunteers_page(tmp_path, isolated_run, assistant,
                                                                         monkeypatch):
    from kommandesk.ui.dialogs import imports

    opened = []
    monkeypatch.setattr(imports, "import_volunteers", lambda parent, paths: opened.append((parent, paths)))
    assistant(lambda wizard: go_through(wizard, start=START_IMPORT))

    data, seen = first_start(tmp_path)

    assert len(opened) == 1
    assert opened[0][1].data_dir == data
    assert seen["page"] == "volunteers"


def test_cancel_on_the_first_step_starts_empty_and_the_assistant_does_not_come_again(
        tmp_path, isolated_run, problems, assistant):
    shown = assistant(lambda wizard: wizard.cancel_button.click())

    data, seen = first_start(tmp_path)

    assert len(shown) == 1 and problems == []
    assert seen["title"] == "KommanDesk" and seen["page"] == "overview"
    services = open_data(data)
    try:
        assert not services.organisation.is_configured() and first_run.demo_possible(services)
    finally:
        services.close()
    assert Settings(data / "settings.ini").language == LANGUAGE_SYSTEM

    first_start(tmp_path)  # the database exists now
    assert len(shown) == 1


def test_an_existing_database_starts_without_the_assistant(tmp_path, isolated_run, assistant, new_database):
    shown = assistant(lambda wizard: None)
    new_database(tmp_path / "data")

    first_start(tmp_path)

    assert shown == []


def test_the_language_given_at_start_is_the_one_chosen(tmp_path, isolated_run, assistant):
    seen = {}

    def script(wizard):
        seen["language"] = wizard.language_step.language()
        seen["next"] = wizard.next_button.text()
        wizard.reject()

    assistant(script)
    first_start(tmp_path, argv=["--lang", "de"])

    assert seen == {"language": "de", "next": "&Weiter >"}


def test_no_assistant_for_scripts(tmp_path, isolated_run, assistant):
    shown = assistant(lambda wizard: None)

    first_start(tmp_path, argv=["--no-assistant"])

    assert shown == []


# -- the steps ------------------------------------------------------------------------------------------------------

@pytest.fixture
def make_wizard(qtbot, services):
    def make(**kwargs) -> FirstRunWizard:
        setup = Setup(services.organisation, services.organisation.get(), "en", lambda _choice: None,
                      lambda choices: lambda: first_run.prepare(services.paths, choices),
                      log_file=services.paths.log_file, **kwargs)
        wizard = FirstRunWizard(setup, runner=TaskRunner(synchronous=True))
        qtbot.addWidget(wizard)
        wizard.show()
        return wizard

    return make


def test_a_bad_organisation_is_shown_beside_the_fields_and_next_refused(make_wizard):
    wizard = make_wizard()
    wizard.next_button.click()
    fields = wizard.organisation_step.form.fields
    fields["postcode"].editor.setText("12")

    wizard.next_button.click()

    assert wizard.step == ORGANISATION
    assert fields["name"].error.isVisible() and fields["name"].error.text()
    assert "five digits" in fields["postcode"].error.text()
    assert not fields["town"].error.isVisible()
    assert wizard.focusWidget() is fields["name"].editor

    fields["name"].editor.setText(ORG["name"])
    fields["postcode"].editor.setText("47051")
    wizard.next_button.click()
    assert wizard.step == PASSPHRASE
    assert not fields["name"].error.isVisible()


def test_the_first_start_shows_only_the_essential_organisation_fields(make_wizard):
    wizard = make_wizard()
    form = wizard.organisation_step.form
    wizard.next_button.click()

    assert form.fields["name"].isVisible() and form.fields["logo"].isVisible()
    for hidden in ("certificate_prefix", "clearance_validity_years", "card_years", "unmatched_days"):
        assert not form.fields[hidden].isVisible()
    assert not form.save_button.isVisible()


@pytest.mark.parametrize(("passphrase", "confirmation", "field", "message"), [
    ("short", "short", "passphrase", "at least 8 characters"),
    (SECRET, "", "confirmation", "The two passphrases differ"),
])
def test_a_refused_passphrase_is_said_beside_its_field(make_wizard, passphrase, confirmation, field, message):
    wizard = make_wizard()
    wizard.organisation_step.form.fields["name"].editor.setText(ORG["name"])
    wizard.next_button.click()
    wizard.next_button.click()
    step = wizard.passphrase_step
    assert not step.fields["passphrase"].editor.isEnabled()  # only with the check box
    step.encrypt.setChecked(True)
    step.fields["passphrase"].editor.setText(passphrase)
    step.fields["confirmation"].editor.setText(confirmation)

    wizard.next_button.click()

    assert wizard.step == PASSPHRASE
    assert message in step.fields[field].error.text()
    step.encrypt.setChecked(False)  # no encryption after all: nothing to refuse
    assert not step.fields[field].error.isVisible()
    wizard.next_button.click()
    assert wizard.step == START
    assert not wizard.current_choices().encrypt


def test_the_keyboard_alone_goes_through(make_wizard, qtbot):
    wizard = make_wizard()
    wizard.activateWindow()  # shortcuts (Alt+B) reach the active window
    qtbot.waitUntil(wizard.isActiveWindow, timeout=1000)
    QTest.keyClick(wizard, Qt.Key.Key_Return)
    assert wizard.step == ORGANISATION
    assert wizard.focusWidget() is wizard.organisation_step.form.fields["name"].editor
    QTest.keyClick(wizard.focusWidget(), Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: wizard.step == LANGUAGE, timeout=1000)  # a button's shortcut clicks it a moment later
    QTest.keyClick(wizard, Qt.Key.Key_Escape)
    assert not wizard.isVisible() and wizard.choices is None


def test_every_choice_says_what_it_does(make_wizard):
    wizard = make_wizard()
    step = wizard.start_step
    for start in (START_IMPORT, START_DEMO, START_EMPTY):
        assert len(step.explanations[start].text()) > 40
        assert step.buttons[start].isEnabled()


def test_work_that_fails_is_said_in_the_assistant_which_stays_open(qtbot, services):
    from kommandesk.domain.errors import StorageError

    def fail():
        raise StorageError("The disk is full.")

    setup = Setup(services.organisation, services.organisation.get(), "en", lambda _choice: None,
                  lambda choices: fail, log_file=services.paths.log_file)
    wizard = FirstRunWizard(setup, runner=TaskRunner(synchronous=True))
    qtbot.addWidget(wizard)
    wizard.show()
    go_through(wizard)

    assert wizard.isVisible() and wizard.step == START and wizard.choices is None
    assert wizard.error.isVisible() and wizard.error.text() == "The disk is full."
    assert wizard.next_button.isEnabled() and wizard.cancel_button.isEnabled() and not wizard.busy


def test_an_encrypted_database_is_only_said_to_be_so(make_wizard):
    wizard = make_wizard(first_start=False, encrypted=True)
    step = wizard.passphrase_step

    assert "encrypted already" in step.intro.text()
    assert "Settings" in step.later.text()
    assert step.encrypt.isHidden()
    assert not wizard.current_choices().encrypt


# -- opened again from the Help menu --------------------------------------------------------------------------------

def open_from_help(window) -> None:
    action = window.findChild(QAction, "action_first_run")
    assert action.text() == "&First-start assistant…"
    action.trigger()


def test_opened_again_it_shows_the_current_values(main_window, services, assistant):
    services.organisation.save(Organisation(name=ORG["name"], town="Duisburg"))
    seen = {}

    def look(wizard):
        seen["headline"] = wizard.headline.text()
        seen["language"] = wizard.language_step.language()
        seen["name"] = wizard.organisation_step.form.fields["name"].editor.text()
        seen["town"] = wizard.organisation_step.form.fields["town"].editor.text()
        seen["encrypt offered"] = not wizard.passphrase_step.encrypt.isHidden()
        seen["demo"] = wizard.start_step.buttons[START_DEMO].isEnabled()

    shown = assistant(look)

    open_from_help(main_window)

    assert len(shown) == 1 and shown[0].parent() is main_window
    assert seen == {"headline": "Set up KommanDesk", "language": "en", "name": ORG["name"], "town": "Duisburg",
                    "encrypt offered": True, "demo": True}


def test_opened_again_over_data_it_offers_no_demo_and_says_why(main_window, services, assistant):
    add_volunteer(services, "Jana")
    seen = {}

    def look(wizard):
        step = wizard.start_step
        seen["demo"] = step.buttons[START_DEMO].isEnabled()
        seen["why"] = step.explanations[START_DEMO].text()
        seen["last"] = step.buttons[START_EMPTY].text()

    assistant(look)
    open_from_help(main_window)

    assert seen["demo"] is False
    assert seen["why"] == first_run.demo_refused()
    assert seen["last"] == "&Add nothing now"


def test_opened_again_it_saves_adds_demo_data_and_asks_the_window_to_encrypt(main_window, services, assistant):
    requests = []
    main_window.encryption_requested.connect(requests.append)
    assistant(lambda wizard: go_through(wizard, org={"name": "KI Birkenau"}, passphrase=SECRET, start=START_DEMO))

    open_from_help(main_window)

    assert main_window.windowTitle().startswith("KI Birkenau")
    assert volunteers(services) == 20
    assert len(requests) == 1 and requests[0].done.startswith("The database is encrypted now")
    requests[0].run(services.close)  # what ui/session.py does with the request: closed, encrypted, opened again
    assert crypt.looks_encrypted(services.paths.db_file)


def test_opened_again_and_finished_at_once_it_changes_nothing(main_window, services, assistant):
    services.organisation.save(Organisation(name=ORG["name"], town="Duisburg"))
    before = services.organisation.get()

    def finish(wizard):
        for _step in range(START + 1):
            wizard.next_button.click()

    assistant(finish)
    open_from_help(main_window)

    assert main_window.statusBar().currentMessage() == "Nothing was changed."
    assert services.organisation.get() == before


def test_a_language_chosen_in_the_assistant_opened_again_changes_the_window(main_window, settings, assistant):
    assistant(lambda wizard: wizard.language_step.buttons["de"].click())

    open_from_help(main_window)  # and cancelled: the language stays, as in Settings

    assert current_language() == "de" and settings.language == "de"
    assert main_window.sidebar.item(1).text() == "Ehrenamtliche"
    main_window.choose_language("en")


def test_the_language_chosen_again_shows_in_settings(main_window, settings, assistant):
    main_window.show_page("settings")
    assistant(lambda wizard: wizard.language_step.buttons["de"].click())

    open_from_help(main_window)

    assert main_window.settings_page.findChild(QComboBox, "ui_language").currentData() == "de"
    assert current_language() == "de" and settings.language == "de"
    main_window.choose_language("en")
