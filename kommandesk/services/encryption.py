"""Encryption at rest: switch it on, change the passphrase, switch it off (store/encryption.py does the work).

Every refusal (a passphrase too short, a confirmation that differs, a wrong current passphrase) is raised before
anything is touched, as ValidationError with the fields ``current``, ``passphrase`` and ``confirmation``. The caller
gives ``close``, which closes every connection it holds to the database: the file is written anew and swapped in,
and the caller opens it again afterwards (with the new key, which this process then knows).

Backups written from now on are encrypted like the database. Backups made before keep the state they were made in.
"""

from __future__ import annotations

from collections.abc import Callable

from kommandesk import logs
from kommandesk.domain.errors import StorageError, ValidationError
from kommandesk.i18n import _
from kommandesk.paths import Paths
from kommandesk.store import encryption as crypt

MIN_LENGTH = 8


class EncryptionService:
    def __init__(self, paths: Paths):
        self._paths = paths

    @property
    def path(self):
        return self._paths.db_file

    def is_encrypted(self) -> bool:
        return crypt.looks_encrypted(self.path)

    def is_current(self, passphrase: str) -> bool:
        return self.is_encrypted() and crypt.check_passphrase(self.path, passphrase)

    def switch_on(self, passphrase: str, confirmation: str, close: Callable[[], None]) -> None:
        if self.is_encrypted():
            raise StorageError(_("The database is encrypted already. Change its passphrase instead."))
        _validate_new(passphrase, confirmation)
        self._run(None, passphrase, close)
        logs.get("encryption").info("encryption switched on for %s", self.path)

    def change(self, current: str, passphrase: str, confirmation: str, close: Callable[[], None]) -> None:
        self._check_current(current)
        errors = check_new(passphrase, confirmation)
        if not errors and passphrase == current:
            errors["passphrase"] = _("The new passphrase is the same as the current one. Choose another one.")
        if errors:
            raise ValidationError(errors)
        self._run(current, passphrase, close)
        logs.get("encryption").info("passphrase changed for %s", self.path)

    def switch_off(self, current: str, close: Callable[[], None]) -> None:
        self._check_current(current)
        self._run(current, None, close)
        logs.get("encryption").info("encryption switched off for %s", self.path)

    def _check_current(self, current: str) -> None:
        if not self.is_encrypted():
            raise StorageError(_("The database is not encrypted. Switch encryption on first."))
        if not crypt.check_passphrase(self.path, current):
            raise ValidationError({"current": _("The current passphrase is wrong. Nothing was changed.")})

    def _run(self, old: str | None, new: str | None, close: Callable[[], None]) -> None:
        close()
        try:
            crypt.reencrypt(self.path, old, new)
        except OSError as exc:
            raise StorageError(_("The database could not be written anew: {reason}. It was left as it was. Free "
                                 "some disk space and try again.").format(reason=exc.strerror or exc)) from exc


def check_new(passphrase: str, confirmation: str) -> dict[str, str]:
    """What is wrong with a new passphrase typed twice (field name -> message; empty when it can be used): the
    rules of :meth:`EncryptionService.switch_on`, for a form that checks before the switch (the first-start
    assistant)."""
    errors = {}
    if len(passphrase) < MIN_LENGTH:
        errors["passphrase"] = _("The passphrase needs at least {count} characters.").format(count=MIN_LENGTH)
    elif "\x00" in passphrase:
        errors["passphrase"] = _("A passphrase cannot contain a NUL character.")
    elif passphrase != confirmation:
        errors["confirmation"] = _("The two passphrases differ. Type the same passphrase twice.")
    return errors


def _validate_new(passphrase: str, confirmation: str) -> None:
    errors = check_new(passphrase, confirmation)
    if errors:
        raise ValidationError(errors)
