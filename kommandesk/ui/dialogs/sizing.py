"""A dialog's first size: the size it was laid out for, made smaller on a screen that has less room."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def fit_to_screen(dialog: QWidget, size: tuple[int, int]) -> None:
    """Resize ``dialog`` to ``size`` (width, height), leaving 40 x 60 pixels of the screen's free area around it."""
    width, height = size
    screen = dialog.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        width, height = min(width, room.width() - 40), min(height, room.height() - 60)
    dialog.resize(width, height)
