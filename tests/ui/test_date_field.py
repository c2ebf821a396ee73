"""The date field reads dates as people type them in the UI language, and says beside it what is wrong."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from kommandesk.ui.widgets.date_field import DateField, format_hint, read_date
from ui_helpers import type_text

TODAY = dt.date(2026, 3, 5)


@pytest.fixture
def field(qtbot):
    widget = DateField(today=lambda: TODAY, name="date")
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_german_date_is_read_day_first(german, qtbot):
    field = DateField(today=lambda: TODAY)
    qtbot.addWidget(field)
    type_text(field.line, "01.02.1985")
    assert field.value() == dt.date(1985, 2, 1)
    assert field.valid()
    assert not field.error.isVisibleTo(field)


def test_iso_dates_are_read_in_both_languages(qtbot):
    for language in ("de", "en"):
        from kommandesk.i18n import set_language

        set_language(language)
        field = DateField(today=lambda: TODAY)
        qtbot.addWidget(field)
        type_text(field.line, "1985-02-01")
        assert field.value() == dt.date(1985, 2, 1), language


def test_english_short_date_and_two_digit_year(field):
    type_text(field.line, "2/1/85")
    assert field.value() == dt.date(1985, 2, 1)  # not 2085: a two-digit year stays within 80 years back
    assert read_date("2/1/27", TODAY) == dt.date(2027, 2, 1)


def test_a_date_is_shown_with_the_full_year_and_read_back(german, qtbot):
    field = DateField(today=lambda: TODAY)
    qtbot.addWidget(field)
    field.set_value(dt.date(1985, 2, 1))
    assert field.text() == "01.02.1985"
    assert read_date(field.text()) == dt.date(1985, 2, 1)


def test_placeholder_says_what_goes_where(german, qtbot):
    assert format_hint() in ("TT.MM.JJJJ", "DD.MM.YYYY")  # German once translated
    from kommandesk.i18n import set_language

    set_language("en")
    assert format_hint() == "MM/DD/YYYY"


@pytest.mark.parametrize("text", ["31.02.1985", "kein Datum", "1/2", "12", "1.2.198", "2026-13-01"])
def test_text_that_is_not_a_date_is_refused_beside_the_field(german, qtbot, text):
    field = DateField(today=lambda: TODAY)
    qtbot.addWidget(field)
    field.show()
    field.line.setText(text)
    field.line.textEdited.emit(text)
    field.line.editingFinished.emit()
    assert not field.valid()
    assert field.value() is None
    assert field.error.isVisible()
    assert "31.12.2025" in field.error.text()  # shows how to type it


def test_half_typed_date_is_not_an_error_yet_and_the_message_goes_when_fixed(field):
    type_text(field.line, "2/1")
    assert not field.error.isVisible()
    field.line.editingFinished.emit()  # leaving the field: now it is wrong
    assert field.error.isVisible()
    type_text(field.line, "/1985")
    assert not field.error.isVisible()
    assert field.value() == dt.date(1985, 2, 1)


def test_empty_is_fine_when_optional_and_refused_when_required(qtbot):
    optional = DateField(today=lambda: TODAY)
    required = DateField(required=True, today=lambda: TODAY)
    for widget in (optional, required):
        qtbot.addWidget(widget)
    assert optional.valid() and optional.value() is None
    assert not required.valid()
    assert required.problem()


def test_leaving_the_field_writes_the_date_as_it_is_read(field, qtbot):
    type_text(field.line, "1985-2-1")
    qtbot.keyClick(field.line, Qt.Key.Key_Return)
    assert field.text() == "2/1/1985"


def test_edited_is_emitted_for_typing_only(field, qtbot):
    with qtbot.assertNotEmitted(field.edited):
        field.set_value(TODAY)
    with qtbot.waitSignal(field.edited, timeout=500):
        type_text(field.line, "1")
