"""`kommandesk-cli encryption on|change|off`, and how the CLI gets the passphrase of an encrypted database.

    encryption on        encrypt the database (and the backups made from now on) with a passphrase
    encryption change    give it a new passphrase
    encryption off       store it unencrypted again

The passphrase of an encrypted database comes from the environment variable KOMMANDESK_PASSPHRASE, else it is asked
on the terminal (three tries; then the command stops with exit status 1 and nothing changed). A new passphrase comes
from KOMMANDESK_NEW_PASSPHRASE, else it is asked twice on the terminal. Without a terminal and without the variable
the command stops with a message saying which variable to set. Never imports Qt.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from kommandesk.i18n import _

EXIT_OK, EXIT_PROBLEM = 0, 1
ENV_PASSPHRASE = "KOMMANDESK_PASSPHRASE"
ENV_NEW_PASSPHRASE = "KOMMANDESK_NEW_PASSPHRASE"


def add_encryption_commands(commands: argparse._SubParsersAction) -> None:
    from kommandesk.store import encryption  # SQLCipher itself is loaded only for an encrypted file

    encryption.set_provider(ask_passphrase)  # the CLI's way to ask when the database turns out encrypted
    parser = commands.add_parser(
        "encryption", help=_("encrypt the database with a passphrase, change it, or remove it"),
        description=_("Encrypt the database and its future backups with a passphrase (recommended for laptops), "
                      "change the passphrase, or remove the encryption. A lost passphrase cannot be recovered: the "
                      "data is then lost. The passphrase is read from {variable} or asked on the terminal; a new "
                      "one from {new_variable} or asked twice.").format(variable=ENV_PASSPHRASE,
                                                                       new_variable=ENV_NEW_PASSPHRASE))
    actions = parser.add_subparsers(dest="encryption_action", metavar=_("ACTION"), title=_("actions"))
    actions.required = True
    for name, text in (("on", _("encrypt the database with a new passphrase")),
                       ("change", _("give the encrypted database a new passphrase")),
                       ("off", _("remove the encryption: the database is stored readable again"))):
        sub = actions.add_parser(name, help=text, description=text[:1].upper() + text[1:] + ".")
        sub.set_defaults(parser=sub, handler=run_encryption)
    parser.set_defaults(parser=parser)


def _stop(message: str):
    from kommandesk.domain.errors import StorageError

    return StorageError(message)


def ask_passphrase(path: Path) -> str:
    """The passphrase of the encrypted database ``path``: the environment variable, else the terminal."""
    from kommandesk.store import encryption

    given = os.environ.get(ENV_PASSPHRASE)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        # without the key an encrypted database cannot be told from random bytes: the message says both
        raise _stop(_("{path} is an encrypted KommanDesk database, or a file that is not an SQLite database at all. "
                      "If it is encrypted, set the environment variable {variable} to its passphrase, or run the "
                      "command in a terminal to type it. Nothing was changed.").format(path=path,
                                                                                      variable=ENV_PASSPHRASE))

    def ask(_attempt: int) -> str | None:
        try:
            return getpass.getpass(_("Passphrase of {path}: ").format(path=path))
        except EOFError:
            return None

    def told() -> None:
        print(_("The passphrase is wrong. Try again."), file=sys.stderr)

    return encryption.ask_with_tries(path, ask, told)


def _new_passphrase() -> tuple[str, str]:
    given = os.environ.get(ENV_NEW_PASSPHRASE)
    if given is not None:
        return given, given
    if not sys.stdin.isatty():
        raise _stop(_("Set the environment variable {variable} to the new passphrase, or run the command in a "
                      "terminal to type it. Nothing was changed.").format(variable=ENV_NEW_PASSPHRASE))
    print(_("A lost passphrase cannot be recovered: without it the data cannot be opened. Keep it safe."))
    try:
        first = getpass.getpass(_("New passphrase: "))
        second = getpass.getpass(_("The new passphrase again: "))
    except EOFError:
        raise _stop(_("No passphrase was given. Nothing was changed.")) from None
    return first, second


def run_encryption(args: argparse.Namespace, services) -> int:
    from kommandesk.services.encryption import EncryptionService
    from kommandesk.store import encryption

    service = EncryptionService(services.paths)
    action = args.encryption_action
    if action == "on":
        if service.is_encrypted():
            raise _stop(_("The database is encrypted already. Change its passphrase with: kommandesk-cli "
                          "encryption change"))
        new, again = _new_passphrase()
        service.switch_on(new, again, close=services.close)
        print(_("The database is now encrypted. Backups made from now on are encrypted too; older backups are "
                "not. Keep the passphrase safe: it cannot be recovered."))
        return EXIT_OK
    if not service.is_encrypted():
        raise _stop(_("The database is not encrypted. Encrypt it with: kommandesk-cli encryption on"))
    current = encryption.KEYS.known(services.paths.db_file) or ask_passphrase(services.paths.db_file)
    if action == "change":
        new, again = _new_passphrase()
        service.change(current, new, again, close=services.close)
        print(_("The passphrase was changed. Backups made from now on use the new passphrase; older backups "
                "keep the old one."))
        return EXIT_OK
    service.switch_off(current, close=services.close)
    print(_("The encryption was removed: the database is stored readable again. Backups made before stay "
            "encrypted with the old passphrase."))
    return EXIT_OK
