"""Navigation: the sidebar, Ctrl+1..Ctrl+8, remembering the last page and the window's size."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kommandesk.settings import Settings
from ui_helpers import activate, click_sidebar, sidebar_texts

PAGES = ["overview", "volunteers", "requests", "matching", "trainings", "certificates", "reports", "settings"]
TITLES = ["Overview", "Volunteers", "Requests", "Matching", "Trainings", "Certificates", "Reports", "Settings"]


def test_sidebar_lists_the_eight_pages_in_order(main_window):
    assert sidebar_texts(main_window) == TITLES
    keys = [main_window.sidebar.item(row).data(Qt.ItemDataRole.UserRole) for row in range(8)]
    assert keys == PAGES
    assert [page.key for page in main_window.pages] == PAGES
    assert main_window.stack.count() == 8


def test_a_new_installation_opens_on_the_overview(main_window):
    assert main_window.current_page().key == "overview"
    assert main_window.sidebar.currentRow() == 0


@pytest.mark.parametrize("number", range(1, 9))
def test_ctrl_number_switches_to_that_page(qtbot, main_window, number):
    activate(qtbot, main_window)
    start = 1 if number != 1 else 8  # begin elsewhere so that the switch is visible
    qtbot.keyClick(main_window, getattr(Qt.Key, f"Key_{start}"), Qt.KeyboardModifier.ControlModifier)
    assert main_window.current_page().key == PAGES[start - 1]

    qtbot.keyClick(main_window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier)

    assert main_window.current_page().key == PAGES[number - 1]
    assert main_window.sidebar.currentRow() == number - 1
    assert main_window.stack.currentWidget().isVisible()


def test_the_go_menu_names_each_page_with_its_shortcut(main_window):
    actions = main_window._go_menu.actions()
    assert [action.text() for action in actions] == TITLES
    assert [action.shortcut().toString() for action in actions] == [f"Ctrl+{n}" for n in range(1, 9)]


def test_clicking_a_sidebar_row_switches_the_page(qtbot, main_window):
    for row in (4, 1, 7, 0):
        click_sidebar(qtbot, main_window, row)
        assert main_window.current_page().key == PAGES[row]
        assert main_window.current_page().isVisible()


def test_the_sidebar_tooltips_name_the_shortcut(main_window):
    assert main_window.sidebar.item(1).toolTip() == "Volunteers (Ctrl+2)"


def test_the_last_page_is_remembered_by_a_new_window(qtbot, main_window, make_window, paths):
    click_sidebar(qtbot, main_window, 4)
    assert main_window.current_page().key == "trainings"
    main_window.close()

    reopened = make_window(Settings(paths.settings_file))

    assert reopened.current_page().key == "trainings"
    assert reopened.sidebar.currentRow() == 4


def test_an_unknown_remembered_page_falls_back_to_the_overview(make_window, settings):
    settings.last_page = "no-such-page"
    window = make_window()
    assert window.current_page().key == "overview"


def test_window_size_is_saved_on_close_and_restored(qtbot, main_window, make_window, paths):
    main_window.resize(740, 520)  # the offscreen screen is 800x600; restoreGeometry keeps windows on it
    qtbot.waitUntil(lambda: main_window.size().width() == 740)
    main_window.close()
    assert not main_window.isVisible()

    reopened = make_window(Settings(paths.settings_file))

    assert (reopened.width(), reopened.height()) == (740, 520)


def test_quit_closes_the_window(qtbot, main_window):
    main_window._quit.trigger()
    assert not main_window.isVisible()


def test_a_damaged_settings_file_does_not_stop_the_window(make_window, paths):
    paths.settings_file.write_text("[window]\ngeometry=garbage\nstate=@ByteArray(xyz)\npage=42\n"
                                   "[ui]\nlanguage=fr\n", encoding="utf-8")
    damaged = Settings(paths.settings_file)
    assert damaged.language == "system"
    window = make_window(damaged)
    assert window.current_page().key == "overview"
    assert window.isVisible()


def _luminance(colour) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def _contrast(a, b) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _ink(pixmap):
    """The average colour of the opaque pixels of an icon."""
    from PySide6.QtGui import QColor

    image = pixmap.toImage()
    pixels = [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())]
    ink = [p for p in pixels if p.alpha() > 200]
    assert ink, "the icon is empty"
    return QColor.fromRgbF(sum(p.redF() for p in ink) / len(ink), sum(p.greenF() for p in ink) / len(ink),
                           sum(p.blueF() for p in ink) / len(ink))


@pytest.mark.parametrize("row", range(8))
def test_sidebar_icons_stay_visible_on_the_selected_row(main_window, row):
    from PySide6.QtGui import QIcon, QPalette

    palette = main_window.sidebar.palette()
    item_icon = main_window.sidebar.item(row).icon()
    assert not item_icon.isNull()
    normal = _ink(item_icon.pixmap(22, 22, QIcon.Mode.Normal))
    selected = _ink(item_icon.pixmap(22, 22, QIcon.Mode.Selected))
    assert _contrast(normal, palette.color(QPalette.ColorRole.Base)) >= 3
    assert _contrast(selected, palette.color(QPalette.ColorRole.Highlight)) >= 3
