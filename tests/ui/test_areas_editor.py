"""Settings > Areas of help: the coordinator adds, renames and retires areas; changes are saved at once."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QLabel

from kommandesk.ui.dialogs.area_names import AreaNamesDialog
from kommandesk.ui.widgets.areas_editor import AreasEditor


@pytest.fixture
def editor(qtbot, services):
    widget = AreasEditor(services.volunteers)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def texts(editor) -> list[str]:
    return [editor.list.item(row).text() for row in range(editor.list.count())]


def answer(monkeypatch, name_de: str, name_en: str) -> list[AreaNamesDialog]:
    """The names dialog, filled in and confirmed as a user would (without blocking on exec)."""
    seen: list[AreaNamesDialog] = []

    def exec_(dialog: AreaNamesDialog) -> int:
        seen.append(dialog)
        dialog.fields["name_de"].editor.setText(name_de)
        dialog.fields["name_en"].editor.setText(name_en)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(AreaNamesDialog, "exec", exec_)
    return seen


def test_the_default_catalogue_is_listed(editor):
    assert "Escort to offices and doctors" in texts(editor)
    assert len(texts(editor)) == 10


def test_adding_an_area_saves_it_at_once(editor, services, monkeypatch):
    answer(monkeypatch, "Fahrdienst", "Driving service")
    editor.add()
    assert "Driving service" in texts(editor)
    assert editor.current().name_de == "Fahrdienst"
    assert any(area.name_en == "Driving service" for area in services.volunteers.areas())
    assert editor.message.text() == "Driving service was added."


def test_a_name_that_exists_already_is_refused_beside_the_field(editor, services, monkeypatch):
    dialogs = answer(monkeypatch, "Wohnungssuche", "Flat hunting")
    editor.add()
    dialog = dialogs[0]
    assert dialog.result() != QDialog.DialogCode.Accepted
    message = dialog.fields["name_de"].error
    assert message.isVisibleTo(dialog) and message.text() == "An area of help with this name exists already."
    assert len(services.volunteers.areas()) == 10  # nothing saved


def test_an_empty_name_is_refused(editor, services, monkeypatch):
    dialogs = answer(monkeypatch, "Fahrdienst", "   ")
    editor.add()
    assert dialogs[0].fields["name_en"].error.text() == "This field is required."
    assert len(services.volunteers.areas()) == 10


def test_renaming_keeps_the_area_and_changes_both_names(editor, services, monkeypatch):
    editor.list.setCurrentRow(0)
    area_id = editor.current().id
    answer(monkeypatch, "Begleitung zu Behörden", "Escort to public offices")
    editor.rename()
    renamed = next(area for area in services.volunteers.areas() if area.id == area_id)
    assert (renamed.name_de, renamed.name_en) == ("Begleitung zu Behörden", "Escort to public offices")
    assert editor.current().id == area_id


def test_retiring_hides_it_from_new_profiles_and_it_can_be_offered_again(editor, services):
    editor.list.setCurrentRow(1)
    area = editor.current()
    editor.toggle_retired()
    assert area.id not in [a.id for a in services.volunteers.areas()]
    assert editor.list.currentItem().text() == f"{area.name_en} (retired)"
    assert editor.retire_button.text() == "Offer &again"
    editor.toggle_retired()
    assert area.id in [a.id for a in services.volunteers.areas()]
    assert editor.list.currentItem().text() == area.name_en


def test_markup_in_a_name_is_shown_as_text(editor, monkeypatch):
    answer(monkeypatch, "<b>Fett</b>", "<b>Bold</b>")
    editor.add()
    assert "<b>Bold</b>" in texts(editor)
    assert editor.message.textFormat().name == "PlainText"


def test_the_names_follow_the_ui_language(editor, german):
    editor.retranslate()
    assert "Begleitung zu Ämtern und Ärzten" in texts(editor)
    assert editor.findChildren(QLabel)[0].text().startswith("Wobei Ehrenamtliche helfen können")


def test_the_settings_page_holds_the_editor(main_window):
    main_window.show_page("settings")
    assert main_window.settings_page.areas_editor is not None
    assert main_window.settings_page.areas_editor.isVisible()
