"""The choice boxes of a list's filter bar (volunteers, requests): made alike, filled again after a language switch
or a new catalogue without losing the choice, and the areas of help offered in the UI language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QComboBox

from kommandesk.domain.areas import AreaOfHelp
from kommandesk.domain.search_text import fold
from kommandesk.i18n import _, current_language

ANY = ""  # the data of every "any ..." entry


def filter_combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


def fill_combo(combo: QComboBox, items: list[tuple[str, str]]) -> None:
    """New texts, the same choice (if still there, else the first entry), no signal."""
    selected = combo.currentData() if combo.count() else None
    blocked = combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    combo.setCurrentIndex(max(combo.findData(selected), 0) if selected is not None else 0)
    combo.blockSignals(blocked)
    # QComboBox keeps the minimum width it measured for the old texts (after a language switch, too wide);
    # a style change is the event that makes it measure again
    QCoreApplication.sendEvent(combo, QEvent(QEvent.Type.StyleChange))


def fill_areas(combo: QComboBox, areas: list[AreaOfHelp]) -> None:
    """"any area", then the areas by their name in the UI language."""
    language = current_language()
    ordered = sorted(areas, key=lambda area: fold(area.name(language)))
    fill_combo(combo, [(_("any area"), ANY)] + [(area.name(language), area.id) for area in ordered])
