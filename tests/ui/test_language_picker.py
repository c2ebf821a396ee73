"""The language picker: names in the UI language, found whatever the case and diacritics; a level for each."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kommandesk.domain.languages import LanguageSkill, Level
from ui_helpers import activate, type_text


@pytest.fixture
def make_picker(qtbot):
    def make():
        from kommandesk.ui.widgets.language_picker import LanguagePicker

        picker = LanguagePicker()
        qtbot.addWidget(picker)
        picker.show()
        qtbot.waitExposed(picker)
        activate(qtbot, picker)
        return picker

    return make


def first_match(picker, text):
    return picker.matches(text)[0]


def test_english_names_found_by_part_case_and_diacritics_insensitive(make_picker):
    picker = make_picker()
    assert first_match(picker, "arab") == ("ar", "Arabic")
    assert first_match(picker, "ARAB") == ("ar", "Arabic")
    assert first_match(picker, "türk") == ("tr", "Turkish")
    assert first_match(picker, "turk") == ("tr", "Turkish")
    assert first_match(picker, "dari") == ("prs", "Dari")  # ISO 639-3, named by babel as fa_AF
    assert picker.matches("zzzz") == []


def test_german_names_found(german, make_picker):
    picker = make_picker()
    assert first_match(picker, "arabisch") == ("ar", "Arabisch")
    assert first_match(picker, "türk") == ("tr", "Türkisch")
    assert first_match(picker, "turk") == ("tr", "Türkisch")
    assert first_match(picker, "persian") == ("fa", "Persisch")  # the English name finds it too
    assert first_match(picker, "ar")[0] == "ar"  # the exact code comes first


def test_typing_shows_the_completer_and_choosing_adds_with_a_level(qtbot, make_picker):
    picker = make_picker()
    line = picker.search.lineEdit()
    type_text(line, "arab")
    popup = picker.completer.popup()
    assert popup.isVisible()
    assert popup.model().index(0, 0).data() == "Arabic"
    picker.completer.activated[type(popup.model().index(0, 0))].emit(popup.model().index(0, 0))
    assert picker.chosen_code() == "ar"
    picker.level.setCurrentIndex(picker.level.findData("native"))
    with qtbot.waitSignal(picker.changed, timeout=500):
        qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
    assert picker.skills() == (LanguageSkill("ar", Level.NATIVE),)
    assert picker.table.item(0, 0).text() == "Arabic"
    assert picker.table.item(0, 1).text() == "native speaker"
    assert picker.search.currentText() == ""  # ready for the next one


def test_keyboard_only_enter_goes_to_level_and_add(qtbot, make_picker):
    picker = make_picker()
    line = picker.search.lineEdit()
    type_text(line, "ukrain")
    picker.completer.popup().hide()
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert picker.level.hasFocus()
    picker.level.setCurrentIndex(picker.level.findData("B2"))
    picker.add_button.setFocus()
    qtbot.keyClick(picker.add_button, Qt.Key.Key_Space)
    assert picker.skills() == (LanguageSkill("uk", Level.B2),)
    assert picker.search.hasFocus()  # ready for the next language

    type_text(line, "pasht")
    picker.completer.popup().hide()
    qtbot.keyClick(line, Qt.Key.Key_Return)
    picker.level.setCurrentIndex(picker.level.findData("A2"))
    qtbot.keyClick(picker.level, Qt.Key.Key_Return)  # Enter on the level adds (it does not reach a dialog)
    assert picker.skills() == (LanguageSkill("uk", Level.B2), LanguageSkill("ps", Level.A2))


def test_adding_again_changes_the_level_and_remove_takes_it_out(qtbot, make_picker):
    picker = make_picker()
    assert picker.add("ar", "B1") and picker.add("de", Level.C1) and picker.add("ar", "native")
    assert picker.skills() == (LanguageSkill("ar", Level.NATIVE), LanguageSkill("de", Level.C1))
    picker.table.selectRow(0)
    picker.table.setFocus()
    qtbot.keyClick(picker.table, Qt.Key.Key_Delete)
    assert picker.skills() == (LanguageSkill("de", Level.C1),)
    qtbot.mouseClick(picker.remove_button, Qt.MouseButton.LeftButton)
    assert picker.skills() == ()


def test_unknown_code_and_bad_level_are_refused_beside_the_picker(make_picker):
    picker = make_picker()
    assert not picker.add("xx", "B1")
    assert picker.error.isVisible() and "xx" in picker.error.text()
    assert not picker.add("ar", "D5")
    assert picker.error.text() == "A level is one of A1, A2, B1, B2, C1, C2 or native."
    assert picker.skills() == ()


def test_add_without_a_level_or_language_says_what_is_missing(qtbot, make_picker):
    picker = make_picker()
    qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
    assert picker.error.text() == "Choose a language first."
    type_text(picker.search.lineEdit(), "qqqq")
    qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
    assert "qqqq" in picker.error.text()
    picker.search.lineEdit().setText("Arabic")
    qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
    assert picker.error.text() == "Choose a level for Arabic."
    assert picker.skills() == ()


def test_markup_typed_in_the_search_is_plain_text(qtbot, make_picker):
    picker = make_picker()
    type_text(picker.search.lineEdit(), "<b>x")
    qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
    assert picker.error.textFormat() == Qt.TextFormat.PlainText
    assert "<b>x" in picker.error.text()
