"""What the assistant's steps share: the step base class, an introduction line, a line under a choice."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from kommandesk.ui.widgets.labels import plain_label


class Step(QWidget):
    """One page of the assistant."""

    def title(self) -> str:
        raise NotImplementedError

    def retranslate(self) -> None:
        """Make every text again in the language now active."""

    def check(self) -> bool:
        """On Next: whether the step may be left forward; if not, the reasons are shown beside the fields."""
        return True

    def focus_first(self) -> None:
        self.setFocus()


def intro_label(name: str) -> QLabel:
    return plain_label(wrap=True, name=name)


def explanation_label(name: str, indent: int) -> QLabel:
    """The line that says what a choice does, under the choice, indented like its text."""
    label = plain_label(wrap=True, name=name)
    label.setContentsMargins(indent, 0, 0, 6)
    return label
