"""What every sidebar page has: a stable key, a translated title, and retranslate()."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


class Page(QWidget):
    key = ""

    def title(self) -> str:
        from kommandesk.ui.pages.catalogue import title_of

        return title_of(self.key)

    def retranslate(self) -> None:
        """Set every visible text again in the active language (called after a language switch)."""

    def refresh(self) -> None:
        """Reload data shown on the page (called when the page is opened)."""

    def can_leave(self) -> bool:
        """False keeps the user on the page (e.g. unsaved changes they chose not to discard)."""
        return True
