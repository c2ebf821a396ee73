"""Domain exceptions. Their messages are already translated into the active language."""

from __future__ import annotations


class KommanDeskError(Exception):
    """Base class for errors a user can understand and act upon."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ValidationError(KommanDeskError):
    """One or more fields are invalid; ``errors`` maps field name -> translated message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__("\n".join(self.errors.values()))


class StorageError(KommanDeskError):
    """The database cannot be opened or written as asked."""
