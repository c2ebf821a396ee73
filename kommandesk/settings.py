"""Typed UI preferences in an INI file (QSettings). Organisation data lives in the database, not here."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from kommandesk.i18n import SUPPORTED_LANGUAGES

LANGUAGE_SYSTEM = "system"
COORDINATOR_MAX = 100  # characters of the coordinator's name
IDLE_LOCK_DEFAULT, IDLE_LOCK_MAX = 10, 480  # minutes; 0: never lock


class Settings:
    def __init__(self, file: Path):
        self._qs = QSettings(str(file), QSettings.Format.IniFormat)

    @property
    def language(self) -> str:
        """'de', 'en' or 'system' (follow the operating system)."""
        value = str(self._qs.value("ui/language", LANGUAGE_SYSTEM))
        return value if value in SUPPORTED_LANGUAGES else LANGUAGE_SYSTEM

    @language.setter
    def language(self, value: str) -> None:
        self._qs.setValue("ui/language", value if value in SUPPORTED_LANGUAGES else LANGUAGE_SYSTEM)

    @property
    def coordinator_name(self) -> str:
        """The name the audit trail records beside the computer's user for changes made here ('' none)."""
        return " ".join(str(self._qs.value("audit/coordinator", "") or "").split())[:COORDINATOR_MAX]

    @coordinator_name.setter
    def coordinator_name(self, value: str) -> None:
        self._qs.setValue("audit/coordinator", " ".join(value.split())[:COORDINATOR_MAX])

    @property
    def idle_lock_minutes(self) -> int:
        """Minutes without use after which an encrypted database's window locks (0: never)."""
        try:
            value = int(self._qs.value("security/idle_lock_minutes", IDLE_LOCK_DEFAULT))
        except (TypeError, ValueError):
            return IDLE_LOCK_DEFAULT
        return value if 0 <= value <= IDLE_LOCK_MAX else IDLE_LOCK_DEFAULT

    @idle_lock_minutes.setter
    def idle_lock_minutes(self, value: int) -> None:
        self._qs.setValue("security/idle_lock_minutes", max(0, min(IDLE_LOCK_MAX, int(value))))

    @property
    def window_geometry(self) -> QByteArray | None:
        value = self._qs.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._qs.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        value = self._qs.value("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._qs.setValue("window/state", value)

    @property
    def last_page(self) -> str:
        return str(self._qs.value("window/page", "overview"))

    @last_page.setter
    def last_page(self, value: str) -> None:
        self._qs.setValue("window/page", value)

    def sync(self) -> None:
        self._qs.sync()
