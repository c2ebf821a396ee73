"""Small helpers for the UI tests (imported by the test modules)."""

from __future__ import annotations


def activate(qtbot, window) -> None:
    """Make ``window`` the active window, so that window shortcuts (Ctrl+1, Ctrl+S) reach it."""
    window.activateWindow()
    window.raise_()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=2000)


def type_text(widget, text: str) -> None:
    """Type like a user (textEdited fires). qtbot.keyClicks aborts on non-ASCII, so those go as QKeyEvents."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    for ch in text:
        if ch.isascii() and ch.isprintable():
            QTest.keyClick(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier,
                                                         ch))


def replace_text(widget, text: str) -> None:
    """Select everything in a QLineEdit and type ``text`` over it."""
    widget.setFocus()
    widget.selectAll()
    if text:
        type_text(widget, text)
    else:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        QTest.keyClick(widget, Qt.Key.Key_Delete)


def click_sidebar(qtbot, window, row: int) -> None:
    """Click the sidebar row like a user does (mouse on the item)."""
    from PySide6.QtCore import Qt

    sidebar = window.sidebar
    item = sidebar.item(row)
    sidebar.scrollToItem(item)
    qtbot.mouseClick(sidebar.viewport(), Qt.MouseButton.LeftButton, pos=sidebar.visualItemRect(item).center())


def field_error(editor):
    """The message label shown beside ``editor`` (the FieldWithError that holds it)."""
    from kommandesk.ui.widgets.form_field import FieldWithError

    widget = editor
    while widget is not None and not isinstance(widget, FieldWithError):
        widget = widget.parentWidget()
    assert widget is not None, f"{editor.objectName()} is not inside a FieldWithError"
    return widget.error


def sidebar_texts(window) -> list[str]:
    return [window.sidebar.item(row).text() for row in range(window.sidebar.count())]
