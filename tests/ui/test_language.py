"""Switching the UI language at run time: our texts, Qt's own texts, persisted, no restart."""

from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QGroupBox, QLabel, QLineEdit, QListWidget, QMessageBox, QPushButton)

from kommandesk.i18n import current_language
from kommandesk.settings import Settings
from ui_helpers import sidebar_texts

SB = QMessageBox.StandardButton
ENGLISH = ["Overview", "Volunteers", "Requests", "Matching", "Trainings", "Certificates", "Reports", "Settings"]
GERMAN = ["Übersicht", "Ehrenamtliche", "Anfragen", "Vermittlung", "Schulungen", "Bescheinigungen", "Berichte",
          "Einstellungen"]
# Words that are the same in German and English; everything else must change when German is chosen.
SAME_IN_BOTH = {"Logo", "Website", "Deutsch", "English", "Status", "Name", "Person", "normal"}
# Combos whose items are language names from babel's locale data (many are the same in German: "Krio", "Twi"):
# that they follow the UI language is tested with names that differ ("Arabisch").
LANGUAGE_NAME_COMBOS = {"filter_language"}


def choose_language(window, text: str) -> None:
    """Pick an entry of the Settings page's UI language combo, as a user does."""
    window.show_page("settings")
    combo = window.settings_page.findChild(QComboBox, "ui_language")
    index = combo.findText(text)
    assert index >= 0, [combo.itemText(i) for i in range(combo.count())]
    combo.setCurrentIndex(index)


def menu_texts(window) -> list[str]:
    texts = []
    for top in window.menuBar().actions():
        texts.append(top.text())
        texts.extend(action.text() for action in top.menu().actions() if not action.isSeparator())
    return texts


def test_choosing_deutsch_switches_the_sidebar_without_restart(main_window, settings, paths):
    assert sidebar_texts(main_window) == ENGLISH

    choose_language(main_window, "Deutsch")

    assert current_language() == "de"
    assert settings.language == "de"
    settings.sync()
    assert Settings(paths.settings_file).language == "de"
    assert "language=de" in paths.settings_file.read_text(encoding="utf-8")
    assert sidebar_texts(main_window) == GERMAN
    assert [a.text() for a in main_window._go_menu.actions()] == GERMAN


def test_choosing_deutsch_switches_menus_and_settings_labels(main_window):
    page = main_window.settings_page
    main_window.show_page("settings")
    english_menus = menu_texts(main_window)
    english_labels = [label.text() for label in page.findChildren(QLabel) if label.isVisible() and label.text()]
    english_buttons = [button.text() for button in page.findChildren(QPushButton)]

    choose_language(main_window, "Deutsch")

    german_menus = menu_texts(main_window)
    assert all(german_menus)
    assert [en for en, de in zip(english_menus, german_menus) if en == de] == []
    assert main_window.settings_page._headline.text() == "Einstellungen"
    german_labels = [label.text() for label in page.findChildren(QLabel) if label.isVisible() and label.text()]
    assert len(german_labels) == len(english_labels) > 10
    assert [en for en, de in zip(english_labels, german_labels) if en == de and en.rstrip(":") not in SAME_IN_BOTH] \
        == []
    assert [en for en, de in zip(english_buttons, [b.text() for b in page.findChildren(QPushButton)]) if en == de] \
        == []
    assert main_window.current_page() is page  # the switch does not leave the page


def test_switching_back_to_english(main_window, settings):
    choose_language(main_window, "Deutsch")
    choose_language(main_window, "English")
    assert settings.language == "en"
    assert sidebar_texts(main_window) == ENGLISH
    assert main_window.settings_page._headline.text() == "Settings"
    assert QMessageBox(QMessageBox.Icon.Question, "", "", SB.Save).button(SB.Save).text() == "Save"


def test_qt_dialog_buttons_are_german(main_window):
    choose_language(main_window, "Deutsch")

    box = QMessageBox(QMessageBox.Icon.Question, "", "", SB.Save | SB.Discard | SB.Cancel)

    assert [box.button(b).text() for b in (SB.Save, SB.Discard, SB.Cancel)] == ["Speichern", "Verwerfen", "Abbrechen"]


def test_the_unsaved_changes_question_is_german(qtbot, main_window, answer_dialogs):
    from ui_helpers import click_sidebar, type_text

    shown = answer_dialogs(SB.Cancel)
    choose_language(main_window, "Deutsch")
    type_text(main_window.settings_page.findChild(QLineEdit, "org_name"), "KI Musterstadt")

    click_sidebar(qtbot, main_window, 0)

    assert shown[0]["buttons"] == {SB.Save: "Speichern", SB.Discard: "Verwerfen", SB.Cancel: "Abbrechen"}
    assert shown[0]["title"] != "Unsaved changes"
    assert shown[0]["text"] != "The organisation's details were changed. Save the changes?"
    main_window.settings_page.revert()


def test_qt_context_menu_of_a_line_edit_is_german(main_window):
    choose_language(main_window, "Deutsch")
    edit = main_window.settings_page.findChild(QLineEdit, "org_name")

    menu = edit.createStandardContextMenu()
    try:
        texts = [action.text().split("\t")[0].replace("&", "") for action in menu.actions()]
    finally:
        menu.deleteLater()

    assert "Rückgängig" in texts
    assert "Einfügen" in texts
    assert "Undo" not in texts and "Paste" not in texts


def test_validation_messages_follow_the_new_language(qtbot, main_window):
    from ui_helpers import field_error

    page = main_window.settings_page
    choose_language(main_window, "Deutsch")
    page.save()  # the name is empty
    assert field_error(page.findChild(QLineEdit, "org_name")).text() != "This field is required."
    page.revert()


# -- no English left on any page once German is chosen ----------------------------------------------------------------

def _visible_texts(window) -> dict[tuple, str]:
    """(widget, what) -> text for every text a user can see on any page, in the menus and in the sidebar."""
    found: dict[tuple, str] = {}
    for page in window.pages:
        assert window.show_page(page.key)
        for label in window.findChildren(QLabel):
            if label.isVisible() and label.text() and label.pixmap().isNull():
                found[(label, "text")] = label.text()
        for button in window.findChildren(QPushButton):
            if button.isVisible() and button.text():
                found[(button, "text")] = button.text()
        for box in window.findChildren(QGroupBox):
            if box.isVisible() and box.title():
                found[(box, "title")] = box.title()
        for combo in window.findChildren(QComboBox):
            if combo.isVisible():
                for i in range(combo.count()):
                    found[(combo, f"item {i}")] = combo.itemText(i)
    for listing in window.findChildren(QListWidget):
        for row in range(listing.count()):
            found[(listing, f"row {row}")] = listing.item(row).text()
    for top in window.menuBar().actions():
        found[(top, "title")] = top.text()
        for action in top.menu().actions():
            if not action.isSeparator():
                found[(action, "text")] = action.text()
    return found


def _normalised(text: str) -> str:
    return text.replace("&", "").strip().rstrip(":").strip()


def test_no_page_shows_english_once_german_is_chosen(main_window):
    english = _visible_texts(main_window)
    assert len(english) > 40  # the collection really saw the pages

    choose_language(main_window, "Deutsch")
    german = _visible_texts(main_window)

    untranslated = sorted({f"{type(key[0]).__name__} {key[0].objectName() or '?'} {key[1]}: {text!r}"
                           for key, text in english.items()
                           if german.get(key) == text and _normalised(text) not in SAME_IN_BOTH
                           # texts without a letter (counts like "0" or "12", amounts, separators) read the same
                           # in both languages
                           and any(c.isalpha() for c in text)
                           and key[0].objectName() not in LANGUAGE_NAME_COMBOS})
    assert untranslated == [], "\n".join(untranslated)


def test_messages_already_shown_beside_fields_follow_a_language_switch(qtbot, main_window, tmp_path):
    from ui_helpers import field_error, type_text

    page = main_window.settings_page
    main_window.show_page("settings")
    type_text(page.findChild(QLineEdit, "org_postcode"), "12")
    page.save()
    fake = tmp_path / "logo.png"
    fake.write_text("not an image", encoding="utf-8")
    page.load_logo(fake)
    name_error = field_error(page.findChild(QLineEdit, "org_name"))
    postcode_error = field_error(page.findChild(QLineEdit, "org_postcode"))
    logo_error = field_error(page.findChild(QLabel, "org_logo_preview"))
    english = (name_error.text(), postcode_error.text(), logo_error.text())
    assert all(english)

    choose_language(main_window, "Deutsch")

    german = (name_error.text(), postcode_error.text(), logo_error.text())
    assert all(german)
    assert [en for en, de in zip(english, german) if en == de] == []
    assert name_error.isVisible() and postcode_error.isVisible() and logo_error.isVisible()
    status = page.findChild(QLabel, "org_status").text()
    assert status and status != "Not saved: please correct the marked fields."
    assert page.dirty  # the typed postcode is still there, not saved
    page.revert()


def test_a_fixed_field_loses_its_stale_message_on_a_switch_and_no_new_ones_appear(qtbot, main_window):
    from ui_helpers import field_error, replace_text, type_text

    page = main_window.settings_page
    main_window.show_page("settings")
    type_text(page.findChild(QLineEdit, "org_postcode"), "12")
    page.save()  # name required, postcode too short
    type_text(page.findChild(QLineEdit, "org_name"), "KI Musterstadt")
    replace_text(page.findChild(QLineEdit, "org_email"), "not-an-address")

    choose_language(main_window, "Deutsch")

    assert not field_error(page.findChild(QLineEdit, "org_name")).isVisible()
    assert field_error(page.findChild(QLineEdit, "org_postcode")).isVisible()
    assert not field_error(page.findChild(QLineEdit, "org_email")).isVisible()  # only Save shows new messages
    page.revert()


def test_the_saved_message_follows_a_switch(qtbot, main_window):
    from ui_helpers import type_text

    page = main_window.settings_page
    main_window.show_page("settings")
    type_text(page.findChild(QLineEdit, "org_name"), "KI Musterstadt")
    page.save()
    choose_language(main_window, "Deutsch")
    assert page.findChild(QLabel, "org_status").text() not in ("", "Saved.")
