"""Opening a record form (volunteer, request) in a test, as the fixtures ``open_form`` do."""

from __future__ import annotations

from contextlib import contextmanager

from ui_helpers import activate


@contextmanager
def form_opener(qtbot):
    """Yields ``show(dialog)``: sizes the dialog as on an office screen, shows it as the active window and returns
    it. Every dialog shown is closed without saving at the end (not through qtbot.addWidget: pytest-qt would close
    a dialog with unsaved changes at teardown, and the question it then asks is no part of the test)."""
    opened = []

    def show(dialog):
        opened.append(dialog)
        dialog.resize(1100, 720)
        dialog.show()
        qtbot.waitExposed(dialog)
        activate(qtbot, dialog)
        return dialog

    try:
        yield show
    finally:
        for dialog in opened:
            dialog.discard()
            dialog.deleteLater()
