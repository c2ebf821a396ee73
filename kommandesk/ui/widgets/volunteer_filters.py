"""The filter bar of the volunteer list: status, language and minimum level, area of help, clearance state, and
availability on a weekday and time of day. Every change emits ``changed`` at once; ``apply(query)`` writes the
chosen filters into a VolunteerQuery. Texts (language names too) follow the UI language; choices stay."""

from __future__ import annotations

import dataclasses
from functools import cache

from babel import Locale
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kommandesk.domain.areas import AreaOfHelp
from kommandesk.domain.availability import Period
from kommandesk.domain.clearance import ClearanceState
from kommandesk.domain.languages import BABEL_KEYS, Level, known_codes
from kommandesk.domain.search_text import fold
from kommandesk.domain.volunteers import Status
from kommandesk.i18n import _, current_language
from kommandesk.services.volunteers import VolunteerQuery
from kommandesk.ui.widgets.filter_combos import ANY, fill_areas, fill_combo, filter_combo
from kommandesk.ui.widgets.searchable_combo import SearchableCombo

__all__ = ["ANY", "EVERY_STATUS", "NOT_ARCHIVED", "VolunteerFilters", "language_codes", "language_labels",
           "weekday_names"]
NOT_ARCHIVED = "not_archived"
EVERY_STATUS = "every_status"


def language_codes() -> list[str]:
    """Every language a profile can hold (the codes babel names, ISO 639-1 and the three-letter ones such as 'ckb',
    and Dari): so the filter can always find the volunteers with any language that is in use."""
    return sorted(known_codes())


@cache
def language_labels(language: str) -> dict[str, str]:
    """Code -> name in ``language`` for every code of :func:`language_codes` (Dari too: CLDR has it as 'fa_AF')."""
    names = Locale.parse(language).languages
    return {code: names.get(BABEL_KEYS.get(code, code), code) for code in language_codes()}


def weekday_names() -> list[str]:
    """Monday .. Sunday in the UI language (babel: 0 is Monday, as in datetime)."""
    days = Locale.parse(current_language()).days["format"]["wide"]
    return [days[number] for number in range(7)]


class VolunteerFilters(QWidget):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._areas: list[AreaOfHelp] = []
        self._labels: dict[str, QLabel] = {}

        self.status = filter_combo("filter_status")
        self.language = SearchableCombo()
        self.language.setObjectName("filter_language")
        self.language.setMinimumContentsLength(16)
        self.language.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.language.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.min_level = filter_combo("filter_min_level")
        self.area = filter_combo("filter_area")
        self.clearance = filter_combo("filter_clearance")
        self.weekday = filter_combo("filter_weekday")
        self.period = filter_combo("filter_period")
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("filter_reset")
        self.reset_button.clicked.connect(self.reset)

        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(4)
        first, second = QHBoxLayout(), QHBoxLayout()
        self._add(first, "status", self.status)
        self._add(first, "area", self.area)
        self._add(first, "clearance", self.clearance)
        first.addStretch(1)
        self._add(second, "language", self.language, self.min_level)
        self._add(second, "available", self.weekday, self.period)
        second.addWidget(self.reset_button)
        second.addStretch(1)
        rows.addLayout(first)
        rows.addLayout(second)

        self.retranslate()
        for combo in (self.status, self.language, self.min_level, self.area, self.clearance, self.weekday,
                      self.period):
            combo.currentIndexChanged.connect(self._changed)
        self._enable()

    # -- building ---------------------------------------------------------------------------------------------
    def _add(self, row: QHBoxLayout, name: str, *editors: QWidget) -> None:
        label = QLabel()
        label.setBuddy(editors[0])
        self._labels[name] = label
        row.addWidget(label)
        for editor in editors:
            row.addWidget(editor)
        row.addSpacing(12)

    def focus_chain(self) -> list[QWidget]:
        """The filters in the order Tab visits them."""
        return [self.status, self.area, self.clearance, self.language, self.min_level, self.weekday, self.period,
                self.reset_button]

    # -- texts ------------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self._labels["status"].setText(_("&Status:"))
        self._labels["area"].setText(_("&Area of help:"))
        self._labels["clearance"].setText(_("&Clearance:"))
        self._labels["language"].setText(_("&Language:"))
        self._labels["available"].setText(_("A&vailable:"))
        self.reset_button.setText(_("&Reset filters"))
        self.reset_button.setToolTip(_("Show all volunteers except archived ones again"))
        self.language.setToolTip(_("Type to find a language"))
        self.min_level.setToolTip(_("Minimum level in the chosen language"))
        fill_combo(self.status, [(_("All but archived"), NOT_ARCHIVED)]
                   + [(status.label(), status.value) for status in Status]
                   + [(_("All, archived too"), EVERY_STATUS)])
        self._fill_languages()
        fill_combo(self.min_level, [(_("any level"), ANY)] + [(_("at least {level}").format(level=level.label()),
                                                                 level.value) for level in Level])
        self._fill_areas()
        fill_combo(self.clearance, [(_("any state"), ANY)] + [(state.label(), state.value) for state in ClearanceState])
        fill_combo(self.weekday, [(_("any day"), ANY)] + [(name, str(number))
                                                          for number, name in enumerate(weekday_names())])
        fill_combo(self.period, [(_("any time of day"), ANY)] + [(period.label(), period.value) for period in Period])

    def _fill_languages(self) -> None:
        # the English name and the code are search words too: "arabic" or "ar" find Arabisch in German
        shown, english = language_labels(current_language()), language_labels("en")
        names = sorted(((shown[code], code, english[code], code) for code in language_codes()),
                       key=lambda item: (fold(item[0]), item[1]))
        selected = self.language.currentData() if self.language.count() else ANY
        self.language.set_items([(_("any language"), ANY), *names], selected)

    def _fill_areas(self) -> None:
        fill_areas(self.area, self._areas)

    # -- data -------------------------------------------------------------------------------------------------
    def set_areas(self, areas: list[AreaOfHelp]) -> None:
        """The catalogue of areas of help (it changes in the settings); the chosen one stays if it is there."""
        if areas == self._areas:
            return
        self._areas = list(areas)
        before = self.area.currentData()
        self._fill_areas()
        if self.area.currentData() != before:
            self._changed()

    def apply(self, query: VolunteerQuery) -> VolunteerQuery:
        """``query`` with the filters chosen here."""
        status = self.status.currentData()
        statuses = (frozenset() if status in (NOT_ARCHIVED, None) else
                    frozenset(Status) if status == EVERY_STATUS else frozenset({Status(status)}))
        language = self.language.currentData() or None
        level = self.min_level.currentData() if language else ANY
        weekday = self.weekday.currentData()
        period = self.period.currentData() if weekday else ANY
        clearance = self.clearance.currentData()
        return dataclasses.replace(
            query, statuses=statuses, language=language, min_level=Level(level) if level else None,
            area_id=self.area.currentData() or None,
            clearance=ClearanceState(clearance) if clearance else None,
            weekday=int(weekday) if weekday else None, period=Period(period) if period else None)

    def is_default(self) -> bool:
        return self.apply(VolunteerQuery()) == VolunteerQuery()

    def reset(self) -> None:
        """Every filter back to 'any' (status: all but archived); one ``changed`` at the end."""
        combos = (self.status, self.language, self.min_level, self.area, self.clearance, self.weekday, self.period)
        was_default = self.is_default()
        for combo in combos:
            blocked = combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(blocked)
        self._enable()
        if not was_default:
            self.changed.emit()

    def _enable(self) -> None:
        self.min_level.setEnabled(bool(self.language.currentData()))
        self.period.setEnabled(bool(self.weekday.currentData()))

    def _changed(self, *_args) -> None:
        self._enable()
        self.changed.emit()
