"""The matching weights in Settings: one spin box per score part, saved through the matching service (its own
button or the page's Save), refused values shown beside the fields, defaults restorable, and the matching
engine not loaded before the weights are shown."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtWidgets import QLineEdit, QMessageBox

from ui_helpers import field_error, replace_text, type_text

from kommandesk.domain.matching.model import PARTS, MatchWeights, Part
from kommandesk.ui.pages.settings_page import SettingsPage
from kommandesk.ui.widgets.match_weights import MatchWeightsEditor


def configure(services) -> None:
    org = services.organisation
    org.save(dataclasses.replace(org.get(), name="KI Musterstadt", street="Marktplatz 1", postcode="50667",
                                 town="Köln", email="ki@example.org"))


@pytest.fixture
def editor(qtbot, main_window, services) -> MatchWeightsEditor:
    configure(services)
    assert main_window.show_page("settings")
    page = main_window.settings_page
    qtbot.waitUntil(lambda: page.weights_editor.loaded)
    return page.weights_editor


def shown(editor) -> MatchWeights:
    return editor.value()


def test_the_saved_weights_are_shown_one_per_part_with_its_name(editor, services):
    assert shown(editor) == services.matching.weights() == MatchWeights()
    labels = [editor._labels[part].text() for part in PARTS]
    assert labels == ["Language:", "Distance:", "Experience:", "Trainings:", "Workload:", "Continuity:"]
    assert all(editor.spins[part].minimum() == 0 and editor.spins[part].maximum() == 10 for part in PARTS)
    assert not editor.save_button.isEnabled()
    assert not editor.restore_button.isEnabled()  # the defaults are what is shown


def test_a_changed_weight_is_saved_with_its_own_button(editor, services):
    editor.set_weight(Part.DISTANCE, 6.5)
    assert editor.dirty and editor.save_button.isEnabled()
    editor.save_button.click()
    assert services.matching.weights().distance == 6.5
    assert editor.status.text() == "The weights were saved."
    assert not editor.dirty


def test_all_weights_zero_is_refused_beside_the_fields_and_nothing_is_saved(editor, services):
    for part in PARTS:
        editor.set_weight(part, 0)
    assert not editor.save()
    assert editor.fields[Part.LANGUAGE].error.text() == "At least one weight must be above 0."
    assert editor.fields[Part.LANGUAGE].error.isVisibleTo(editor)
    assert editor.status.text() == "Not saved: please correct the marked fields."
    assert services.matching.weights() == MatchWeights()
    editor.set_weight(Part.WORKLOAD, 1)  # the message goes as soon as the value is fine
    assert editor.fields[Part.LANGUAGE].error.text() == ""
    assert editor.save()
    assert services.matching.weights() == MatchWeights(0, 0, 0, 0, 1, 0)


def test_restore_defaults_then_save(editor, services):
    services.matching.save_weights(MatchWeights(language=9, distance=0.5))
    editor.load()
    assert shown(editor).language == 9 and editor.restore_button.isEnabled()
    editor.restore_button.click()
    assert shown(editor) == MatchWeights()
    assert editor.status.text() == "Defaults restored. Save to keep them."
    assert services.matching.weights().language == 9  # not before Save
    assert editor.save()
    assert services.matching.weights() == MatchWeights()


def test_the_pages_save_saves_the_weights_and_leaving_asks_about_them(editor, main_window, services,
                                                                      answer_dialogs):
    page = main_window.settings_page
    editor.set_weight(Part.CONTINUITY, 4)
    assert page.dirty
    asked = answer_dialogs(QMessageBox.StandardButton.Cancel)
    assert not main_window.show_page("overview")
    assert asked[0]["text"] == "The matching weights were changed. Save the changes?"
    assert page.save()
    assert services.matching.weights().continuity == 4
    assert not page.dirty
    assert main_window.show_page("overview")


def test_discarding_on_leave_brings_back_the_saved_weights(editor, main_window, services, answer_dialogs):
    editor.set_weight(Part.CONTINUITY, 4)
    answer_dialogs(QMessageBox.StandardButton.Discard)
    assert main_window.show_page("overview")
    assert services.matching.weights() == MatchWeights()
    assert shown(editor) == MatchWeights() and not editor.dirty


def test_the_weights_are_not_saved_while_the_organisation_cannot_be(editor, main_window, services):
    page = main_window.settings_page
    replace_text(page.findChild(QLineEdit, "org_postcode"), "12")
    editor.set_weight(Part.LANGUAGE, 3)
    assert not page.save()
    assert services.matching.weights() == MatchWeights()
    assert field_error(page.findChild(QLineEdit, "org_postcode")).text()
    page.revert()


def test_on_a_new_database_the_details_and_the_weights_are_saved_together(qtbot, main_window, services):
    assert main_window.show_page("settings")
    page = main_window.settings_page
    qtbot.waitUntil(lambda: page.weights_editor.loaded)
    page.weights_editor.set_weight(Part.TRAININGS, 5)
    assert not page.weights_editor.save()  # nowhere to keep them yet
    assert page.weights_editor.status.text().startswith("Not saved: Enter the organisation's details")
    type_text(page.findChild(QLineEdit, "org_name"), "KI Musterstadt")
    assert page.save()
    assert services.organisation.get().name == "KI Musterstadt"
    assert services.matching.weights().trainings == 5
    assert not page.dirty


def test_the_matching_service_is_made_only_when_the_weights_are_first_shown(qtbot, services):
    made = []

    def make():
        made.append(1)
        return services.matching

    page = SettingsPage(services.organisation, "en", services.volunteers, matching=make)
    qtbot.addWidget(page)
    assert made == [] and not page.weights_editor.loaded
    page.show()
    qtbot.waitUntil(lambda: page.weights_editor.loaded)
    assert made == [1]


def test_settings_without_matching_has_no_weights(qtbot, services):
    page = SettingsPage(services.organisation, "en", services.volunteers)
    qtbot.addWidget(page)
    assert page.weights_editor is None and not page.dirty


def test_the_numbers_follow_the_ui_language(editor, main_window):
    assert editor.spins[Part.EXPERIENCE].text() == "1.5"
    main_window.settings_page.choose_ui_language("de")
    assert editor.spins[Part.EXPERIENCE].text() == "1,5"
    assert editor.spins[Part.EXPERIENCE].value() == 1.5


def test_a_window_closed_before_its_weights_load_does_not_read_its_closed_database(qtbot, main_window, services):
    """A restore or an encryption switch closes the database and the window right after Settings was opened:
    the weights the page was about to load are not read from the closed database."""
    assert main_window.show_page("settings")
    editor = main_window.settings_page.weights_editor
    assert not editor.loaded
    main_window.hide()
    services.close()
    qtbot.wait(20)
    assert not editor.loaded  # and no error (pytest-qt fails a test on an exception in a Qt callback)
