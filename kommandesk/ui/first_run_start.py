"""The first-start assistant (ui/dialogs/first_run/) on a first start, before the main window, and opened again
from the Help menu over it.

First start (app.run, when the data folder had no database yet): the new database is open; the assistant asks, and
on Finish the database is closed and services/first_run.py ``apply`` does what was chosen off the GUI thread, on
connections of its own (demo data, the organisation, the encryption, which writes the file anew); then the
database is opened again. Cancel starts with the empty database in the language in effect. "Import my Excel list"
opens the import dialog over the main window once it shows.

Opened again: the steps show the current values; on Finish the demo data and the organisation are saved (off the
GUI thread), the window shows them, the import dialog opens if chosen, and the encryption goes through the window's
own switch (ui/session.py: the database closed, encrypted and opened again in a new window), as in Settings.
"""

from __future__ import annotations

from collections.abc import Callable

from kommandesk.i18n import _, current_language


def run_assistant(paths, services, change_language: Callable[[str], None], *, runner=None):
    """Show the assistant over the new database ``services``; returns the services to go on with and what to do
    once the main window shows (``then(window)``), or (None, None) when the database cannot be opened again (the
    user was told why)."""
    from kommandesk.services import first_run
    from kommandesk.ui.dialogs.first_run.wizard import FirstRunWizard, Setup
    from kommandesk.ui.start_check import open_checked

    closed: list[bool] = []

    def finish(choices):
        # Encrypting writes the file anew: no connection of this thread may stay open (apply opens its own). The
        # assistant only validates through services.organisation afterwards, which does not read the database.
        if not closed:
            services.close()
            closed.append(True)
        return lambda: first_run.apply(paths, choices)

    setup = Setup(services.organisation, services.organisation.get(), current_language(), change_language, finish,
                  first_start=True, encrypted=False, demo_possible=first_run.demo_possible(services),
                  log_file=paths.log_file)
    wizard = FirstRunWizard(setup, runner=runner)
    try:
        wizard.exec()
        choices, outcome = wizard.choices, wizard.outcome
    finally:
        wizard.deleteLater()
    if closed:
        services, _notice = open_checked(paths)
        if services is None:
            return None, None
    return services, lambda window: _started(window, choices, outcome)


def _started(window, choices, outcome) -> None:
    """The main window shows after the first start: say what was done; open the import dialog if chosen."""
    from kommandesk.services.first_run import START_IMPORT

    if choices is None:
        return
    if outcome is not None and outcome.encrypted:
        from kommandesk.ui.widgets.encryption_settings import SWITCH_ON, done_text

        message = done_text(SWITCH_ON)
    else:
        message = _("KommanDesk is set up. You can open the assistant again from the Help menu.")
    window.statusBar().showMessage(message, 30_000)
    if choices.start == START_IMPORT:
        _open_import(window)


def _open_import(window) -> None:
    if window.show_page("volunteers"):
        window.page("volunteers").import_list()


def reopen_assistant(window, *, runner=None) -> None:
    """Help > First-start assistant: the steps with the current values over the main ``window``."""
    from kommandesk.services import first_run
    from kommandesk.services.encryption import EncryptionService
    from kommandesk.ui.dialogs.first_run.wizard import FirstRunWizard, Setup

    page = window.current_page()
    if page is not None and not page.can_leave():  # unsaved changes in Settings: saved, discarded or kept open
        return
    services = window.services
    paths = services.paths
    encryption = EncryptionService(paths)
    setup = Setup(services.organisation, services.organisation.get(), current_language(), window.choose_language,
                  lambda choices: lambda: first_run.prepare(paths, choices), first_start=False,
                  encrypted=encryption.is_encrypted(), demo_possible=first_run.demo_possible(services),
                  log_file=paths.log_file)
    wizard = FirstRunWizard(setup, window, runner=runner)
    try:
        wizard.exec()
        choices, outcome = wizard.choices, wizard.outcome
    finally:
        wizard.deleteLater()
    if choices is None:
        return
    window.retranslate()  # the window's title carries the organisation's name
    current = window.current_page()
    if current is not None:
        current.refresh()
    if outcome.demo is not None:
        message = _("The demo data was added.")
    elif outcome.organisation_saved:
        message = _("The organisation's details were saved.")
    else:
        message = _("Nothing was changed.")
    window.statusBar().showMessage(message, 10_000)
    if choices.start == first_run.START_IMPORT:
        _open_import(window)
    if choices.encrypt:
        from kommandesk.ui.widgets.encryption_settings import SWITCH_ON, EncryptionRequest, done_text

        passphrase, confirmation = choices.passphrase, choices.confirmation or ""
        window.encryption_requested.emit(EncryptionRequest(
            lambda close: encryption.switch_on(passphrase, confirmation, close), done_text(SWITCH_ON)))
