"""Settings page: the organisation's details are validated, saved to the database and shown as plain text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QPushButton

from ui_helpers import activate, click_sidebar, field_error, replace_text, type_text

SB = QMessageBox.StandardButton


@pytest.fixture
def page(qtbot, main_window):
    assert main_window.show_page("settings")
    return main_window.settings_page


def editor(page, name: str) -> QLineEdit:
    widget = page.findChild(QLineEdit, f"org_{name}")
    assert widget is not None, name
    return widget


def click_save(qtbot, page) -> None:
    qtbot.mouseClick(page.findChild(QPushButton, "org_save"), Qt.MouseButton.LeftButton)


def fill_valid(page) -> None:
    type_text(editor(page, "name"), "KI Musterstadt")
    type_text(editor(page, "street"), "Marktplatz 1")
    type_text(editor(page, "postcode"), "50667")
    type_text(editor(page, "town"), "Köln")
    type_text(editor(page, "email"), "ki@example.org")


def png_file(path, colour="darkgreen"):
    image = QImage(120, 60, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path), "PNG")
    return path


def test_typing_and_clicking_save_stores_the_organisation(qtbot, main_window, page, services):
    assert not services.organisation.is_configured()
    fill_valid(page)
    assert page.dirty

    click_save(qtbot, page)

    org = services.organisation.get()
    assert services.organisation.is_configured()
    assert (org.name, org.street, org.postcode, org.town, org.email) == (
        "KI Musterstadt", "Marktplatz 1", "50667", "Köln", "ki@example.org")
    assert not page.dirty
    assert page.findChild(QLabel, "org_status").text() == "Saved."
    assert "KI Musterstadt" in main_window.windowTitle()
    assert "KommanDesk" in main_window.windowTitle()


def test_ctrl_s_saves(qtbot, main_window, page, services):
    activate(qtbot, main_window)
    fill_valid(page)
    name = editor(page, "name")
    name.setFocus()

    qtbot.keyClick(name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert services.organisation.get().name == "KI Musterstadt"
    assert "KI Musterstadt" in main_window.windowTitle()


def test_saved_details_are_shown_again_by_a_new_window(qtbot, page, services, make_window):
    fill_valid(page)
    click_save(qtbot, page)
    window = make_window()
    assert window.show_page("settings")
    assert editor(window.settings_page, "town").text() == "Köln"
    assert "KI Musterstadt" in window.windowTitle()


def test_an_empty_name_shows_the_message_beside_the_field_and_saves_nothing(qtbot, main_window, page, services):
    type_text(editor(page, "town"), "Bonn")

    click_save(qtbot, page)

    error = field_error(editor(page, "name"))
    assert error.isVisible()
    assert error.text() == "This field is required."
    assert not services.organisation.is_configured()
    assert main_window.windowTitle() == "KommanDesk"
    assert page.findChild(QLabel, "org_status").text() == "Not saved: please correct the marked fields."
    assert editor(page, "name").hasFocus() or not main_window.isActiveWindow()
    assert not field_error(editor(page, "town")).isVisible()
    page.revert()  # let the window close without asking


def test_a_short_postcode_shows_the_message_beside_the_field_and_saves_nothing(qtbot, page, services):
    type_text(editor(page, "name"), "KI Musterstadt")
    type_text(editor(page, "postcode"), "12")

    click_save(qtbot, page)

    error = field_error(editor(page, "postcode"))
    assert error.isVisible()
    assert "five digits" in error.text()
    assert not field_error(editor(page, "name")).isVisible()
    assert not services.organisation.is_configured()
    page.revert()


def test_a_corrected_field_loses_its_message_when_saved(qtbot, page, services):
    type_text(editor(page, "name"), "KI Musterstadt")
    type_text(editor(page, "postcode"), "12")
    click_save(qtbot, page)
    replace_text(editor(page, "postcode"), "50667")

    click_save(qtbot, page)

    assert not field_error(editor(page, "postcode")).isVisible()
    assert services.organisation.get().postcode == "50667"


def test_a_text_file_named_png_is_refused_beside_the_logo(qtbot, page, services, tmp_path):
    fake = tmp_path / "logo.png"
    fake.write_text("this is not an image", encoding="utf-8")

    assert page.load_logo(fake) is False

    preview = page.findChild(QLabel, "org_logo_preview")
    error = field_error(preview)
    assert error.isVisible()
    assert error.text() == "The logo must be a PNG or JPEG image."
    assert preview.pixmap().isNull()
    assert services.organisation.get().logo is None


def test_a_damaged_png_is_refused(qtbot, page, tmp_path):
    good = png_file(tmp_path / "good.png").read_bytes()
    broken = tmp_path / "broken.png"
    broken.write_bytes(good[: len(good) // 2])

    assert page.load_logo(broken) is False
    assert field_error(page.findChild(QLabel, "org_logo_preview")).text() == \
        "The logo file is damaged or not an image."


def test_a_missing_logo_file_is_refused_with_a_message(qtbot, page, tmp_path):
    assert page.load_logo(tmp_path / "nowhere.png") is False
    assert field_error(page.findChild(QLabel, "org_logo_preview")).text().startswith("The file cannot be read")


def test_a_valid_png_is_previewed_and_saved(qtbot, page, services, tmp_path):
    logo = png_file(tmp_path / "logo.png")
    type_text(editor(page, "name"), "KI Musterstadt")

    assert page.load_logo(logo) is True

    preview = page.findChild(QLabel, "org_logo_preview")
    assert not preview.pixmap().isNull()
    assert not field_error(preview).isVisible()
    assert page.findChild(QPushButton, "org_logo_remove").isEnabled()
    assert page.dirty
    click_save(qtbot, page)
    org = services.organisation.get()
    assert org.logo == logo.read_bytes()
    assert org.logo_type == "png"


def test_a_good_logo_clears_an_earlier_logo_error(qtbot, page, tmp_path):
    fake = tmp_path / "logo.png"
    fake.write_text("text", encoding="utf-8")
    page.load_logo(fake)
    assert page.load_logo(png_file(tmp_path / "real.png")) is True
    assert not field_error(page.findChild(QLabel, "org_logo_preview")).isVisible()
    page.revert()


def test_removing_the_logo_is_saved(qtbot, page, services, tmp_path):
    type_text(editor(page, "name"), "KI Musterstadt")
    page.load_logo(png_file(tmp_path / "logo.png"))
    click_save(qtbot, page)

    qtbot.mouseClick(page.findChild(QPushButton, "org_logo_remove"), Qt.MouseButton.LeftButton)
    assert page.findChild(QLabel, "org_logo_preview").pixmap().isNull()
    click_save(qtbot, page)

    assert services.organisation.get().logo is None


def test_leaving_with_unsaved_changes_and_cancel_stays_on_the_page(qtbot, main_window, page, services,
                                                                   answer_dialogs):
    shown = answer_dialogs(SB.Cancel)
    type_text(editor(page, "name"), "KI Musterstadt")

    click_sidebar(qtbot, main_window, 0)

    assert len(shown) == 1
    assert shown[0]["title"] == "Unsaved changes"
    assert set(shown[0]["buttons"]) == {SB.Save, SB.Discard, SB.Cancel}
    assert main_window.current_page() is page
    assert main_window.sidebar.currentRow() == 7
    assert editor(page, "name").text() == "KI Musterstadt"
    assert page.dirty
    assert not services.organisation.is_configured()
    answer_dialogs(SB.Discard)  # let the window close at the end of the test


def test_ctrl_number_with_unsaved_changes_asks_too(qtbot, main_window, page, answer_dialogs):
    shown = answer_dialogs(SB.Cancel)
    activate(qtbot, main_window)
    type_text(editor(page, "name"), "KI Musterstadt")

    qtbot.keyClick(main_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)

    assert len(shown) == 1
    assert main_window.current_page() is page
    answer_dialogs(SB.Discard)


def test_leaving_with_unsaved_changes_and_discard_leaves_and_forgets_them(qtbot, main_window, page, services,
                                                                        answer_dialogs):
    shown = answer_dialogs(SB.Discard)
    type_text(editor(page, "name"), "KI Musterstadt")

    click_sidebar(qtbot, main_window, 0)

    assert len(shown) == 1
    assert main_window.current_page().key == "overview"
    assert not services.organisation.is_configured()
    main_window.show_page("settings")
    assert editor(page, "name").text() == ""
    assert not page.dirty
    assert len(shown) == 1  # coming back does not ask again


def test_leaving_with_unsaved_changes_and_save_saves_and_leaves(qtbot, main_window, page, services, answer_dialogs):
    answer_dialogs(SB.Save)
    type_text(editor(page, "name"), "KI Musterstadt")

    click_sidebar(qtbot, main_window, 0)

    assert main_window.current_page().key == "overview"
    assert services.organisation.get().name == "KI Musterstadt"
    assert "KI Musterstadt" in main_window.windowTitle()


def test_leaving_with_invalid_changes_and_save_stays_and_shows_the_message(qtbot, main_window, page, services,
                                                                          answer_dialogs):
    answer_dialogs(SB.Save)
    type_text(editor(page, "postcode"), "12")

    click_sidebar(qtbot, main_window, 0)

    assert main_window.current_page() is page
    assert field_error(editor(page, "name")).isVisible()
    assert not services.organisation.is_configured()
    answer_dialogs(SB.Discard)


def test_closing_the_window_with_unsaved_changes_asks(qtbot, main_window, page, answer_dialogs):
    shown = answer_dialogs(SB.Cancel)
    type_text(editor(page, "name"), "KI Musterstadt")

    main_window.close()

    assert len(shown) == 1
    assert main_window.isVisible()
    answer_dialogs(SB.Discard)
    main_window.close()
    assert not main_window.isVisible()


def test_leaving_without_changes_does_not_ask(qtbot, main_window, page):
    click_sidebar(qtbot, main_window, 0)  # the autouse guard fails the test if a dialog appears
    assert main_window.current_page().key == "overview"


def test_markup_in_the_name_is_saved_as_is_and_shown_as_plain_text(qtbot, main_window, page, services):
    type_text(editor(page, "name"), "<b>Bold</b>")

    click_save(qtbot, page)

    assert services.organisation.get().name == "<b>Bold</b>"
    assert main_window.windowTitle() == "<b>Bold</b> – KommanDesk"
    main_window.show_page("overview")
    welcome = main_window.overview.findChild(QLabel, "overview_welcome")
    assert welcome.text() == "Welcome to KommanDesk, <b>Bold</b>."
    assert welcome.textFormat() == Qt.TextFormat.PlainText
    main_window.show_page("settings")
    assert editor(page, "name").text() == "<b>Bold</b>"


def test_non_ascii_names_survive_the_round_trip(qtbot, main_window, page, services):
    name = "Integrationszentrum Łódź – Şükrü & Müller"
    type_text(editor(page, "name"), name)
    click_save(qtbot, page)
    assert services.organisation.get().name == name
    assert name in main_window.windowTitle()


def test_the_overview_offers_setup_until_the_organisation_is_saved(qtbot, main_window, page):
    main_window.show_page("overview")
    setup = main_window.overview.findChild(QPushButton, "overview_setup")
    assert setup.isVisible()
    qtbot.mouseClick(setup, Qt.MouseButton.LeftButton)
    assert main_window.current_page() is page
    type_text(editor(page, "name"), "KI Musterstadt")
    click_save(qtbot, page)
    main_window.show_page("overview")
    assert not setup.isVisible()
    assert main_window.overview.findChild(QLabel, "overview_welcome").text() == \
        "Welcome to KommanDesk, KI Musterstadt."


def test_square_brackets_with_a_star_in_the_name_reach_the_title_literally(qtbot, main_window, page, services):
    # Qt treats "[*]" in a window title as the 'modified' placeholder and hides it unless it is escaped.
    type_text(editor(page, "name"), "Verein [*] e.V.")
    click_save(qtbot, page)
    assert services.organisation.get().name == "Verein [*] e.V."
    assert main_window.windowHandle().title() == "Verein [*] e.V. – KommanDesk"


def test_discard_changes_button_restores_the_saved_values(qtbot, page, services):
    fill_valid(page)
    click_save(qtbot, page)
    replace_text(editor(page, "town"), "Bonn")
    assert page.dirty

    qtbot.mouseClick(page.findChild(QPushButton, "org_revert"), Qt.MouseButton.LeftButton)

    assert editor(page, "town").text() == "Köln"
    assert not page.dirty
    assert services.organisation.get().town == "Köln"


def test_the_language_of_documents_is_saved(qtbot, page, services):
    from PySide6.QtWidgets import QComboBox

    type_text(editor(page, "name"), "KI Musterstadt")
    combo = page.findChild(QComboBox, "org_default_language")
    assert combo.currentData() == "de"
    combo.setCurrentIndex(combo.findData("en"))
    assert page.dirty
    click_save(qtbot, page)
    assert services.organisation.get().default_language == "en"


def test_saved_values_are_shown_cleaned(qtbot, page, services):
    type_text(editor(page, "name"), "  KI   Musterstadt  ")
    type_text(editor(page, "email"), "KI@Example.ORG")
    replace_text(editor(page, "certificate_prefix"), "ki")
    click_save(qtbot, page)
    assert editor(page, "name").text() == "KI Musterstadt"
    assert editor(page, "email").text() == "ki@example.org"
    assert editor(page, "certificate_prefix").text() == "KI"


def test_the_clearance_policy_is_saved_with_the_organisation(qtbot, page, main_window):
    from PySide6.QtWidgets import QSpinBox

    fill_valid(page)
    years = page.findChild(QSpinBox, "org_clearance_validity_years")
    days = page.findChild(QSpinBox, "org_clearance_warning_days")
    assert (years.value(), days.value()) == (5, 60)  # the defaults of § 72a practice
    years.setValue(3)
    days.setValue(90)
    assert page.dirty
    click_save(qtbot, page)

    saved = main_window.services.organisation.get()
    assert (saved.clearance_validity_years, saved.clearance_warning_days) == (3, 90)
    assert years.maximum() == 10 and days.maximum() == 365  # the form offers only what the rules accept


def test_the_certificate_settings_are_saved_and_shown_again(qtbot, page, services, make_window):
    from PySide6.QtWidgets import QCheckBox, QSpinBox

    fill_valid(page)
    birth = page.findChild(QCheckBox, "org_certificate_birth_date")
    weekly = page.findChild(QSpinBox, "org_card_weekly_hours")
    yearly = page.findChild(QSpinBox, "org_card_yearly_hours")
    years = page.findChild(QSpinBox, "org_card_years")
    assert not birth.isChecked()
    assert (weekly.value(), yearly.value(), years.value()) == (5, 250, 2)  # the state's rule
    birth.setChecked(True)
    weekly.setValue(4)
    yearly.setValue(200)
    years.setValue(3)
    assert page.dirty

    click_save(qtbot, page)

    saved = services.organisation.get()
    assert saved.certificate_birth_date is True
    assert (saved.card_weekly_hours, saved.card_yearly_hours, saved.card_years) == (4, 200, 3)
    assert not page.dirty
    again = make_window()
    assert again.show_page("settings")
    shown = again.settings_page
    assert shown.findChild(QCheckBox, "org_certificate_birth_date").isChecked()
    assert [shown.findChild(QSpinBox, f"org_card_{name}").value() for name in ("weekly_hours", "yearly_hours",
                                                                              "years")] == [4, 200, 3]


def test_the_ehrenamtskarte_figures_offer_only_what_the_rule_accepts(page):
    from PySide6.QtWidgets import QSpinBox

    spins = {name: page.findChild(QSpinBox, f"org_{name}") for name in ("card_weekly_hours", "card_yearly_hours",
                                                                        "card_years")}
    limits = {name: (spin.minimum(), spin.maximum()) for name, spin in spins.items()}
    assert limits == {"card_weekly_hours": (1, 40), "card_yearly_hours": (1, 2000), "card_years": (1, 10)}


def test_discarding_restores_the_certificate_settings(qtbot, page, services):
    from PySide6.QtWidgets import QCheckBox, QSpinBox

    page.findChild(QCheckBox, "org_certificate_birth_date").setChecked(True)
    page.findChild(QSpinBox, "org_card_years").setValue(7)
    assert page.dirty

    qtbot.mouseClick(page.findChild(QPushButton, "org_revert"), Qt.MouseButton.LeftButton)

    assert not page.findChild(QCheckBox, "org_certificate_birth_date").isChecked()
    assert page.findChild(QSpinBox, "org_card_years").value() == 2
    assert not page.dirty
