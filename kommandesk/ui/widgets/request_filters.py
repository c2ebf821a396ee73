"""The filter bar of the request list: status (open ones by default), area of help, urgency and site.

Every change emits ``changed`` at once; ``apply(query)`` writes the chosen filters into a RequestQuery. Texts
follow the UI language; the choices stay.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from kommandesk.domain.areas import AreaOfHelp
from kommandesk.domain.requests import RequestStatus, Urgency
from kommandesk.domain.search_text import fold
from kommandesk.i18n import _
from kommandesk.services.requests import RequestQuery
from kommandesk.ui.widgets.filter_combos import ANY, fill_areas, fill_combo, filter_combo

OPEN = "open"
EVERY_STATUS = "every_status"


class RequestFilters(QWidget):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._areas: list[AreaOfHelp] = []
        self._sites: list[str] = []
        self._labels: dict[str, QLabel] = {}
        self.status = filter_combo("request_filter_status")
        self.area = filter_combo("request_filter_area")
        self.urgency = filter_combo("request_filter_urgency")
        self.site = filter_combo("request_filter_site")
        for combo in (self.status, self.area, self.site):  # long names (sites, German areas) must not widen
            combo.setMinimumContentsLength(8)  # the window
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.view().setMinimumWidth(320)  # the open list shows whole names
        self.reset_button = QPushButton()
        self.reset_button.setObjectName("request_filter_reset")
        self.reset_button.clicked.connect(self.reset)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for name, combo in (("status", self.status), ("area", self.area), ("urgency", self.urgency),
                            ("site", self.site)):
            label = QLabel()
            label.setBuddy(combo)
            self._labels[name] = label
            row.addWidget(label)
            row.addWidget(combo)
            row.addSpacing(6)
        row.addWidget(self.reset_button)
        row.addStretch(1)
        self.retranslate()
        for combo in self.combos():
            combo.currentIndexChanged.connect(self.changed)

    def combos(self) -> tuple[QComboBox, ...]:
        return self.status, self.area, self.urgency, self.site

    def focus_chain(self) -> list[QWidget]:
        return [*self.combos(), self.reset_button]

    # -- texts ------------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self._labels["status"].setText(_("&Status:"))
        self._labels["area"].setText(_("&Area of help:"))
        self._labels["urgency"].setText(_("&Urgency:"))
        self._labels["site"].setText(_("S&ite:"))
        self.reset_button.setText(_("&Reset filters"))
        self.reset_button.setToolTip(_("Show all open requests again"))
        fill_combo(self.status, [(_("All open"), OPEN)]
                   + [(status.label(), status.value) for status in RequestStatus]
                   + [(_("All"), EVERY_STATUS)])
        fill_combo(self.urgency, [(_("any urgency"), ANY)] + [(urgency.label(), urgency.value) for urgency in Urgency])
        self._fill_areas()
        self._fill_sites()

    def _fill_areas(self) -> None:
        fill_areas(self.area, self._areas)

    def _fill_sites(self) -> None:
        fill_combo(self.site, [(_("any site"), ANY)] + [(site, site) for site in self._sites])

    # -- data -------------------------------------------------------------------------------------------------
    def set_areas(self, areas: list[AreaOfHelp]) -> None:
        if areas != self._areas:
            self._areas = list(areas)
            before = self.area.currentData()
            self._fill_areas()
            if self.area.currentData() != before:
                self.changed.emit()

    def set_sites(self, sites: list[str]) -> None:
        if sites != self._sites:
            self._sites = sorted(sites, key=fold)
            before = self.site.currentData()
            self._fill_sites()
            if self.site.currentData() != before:
                self.changed.emit()

    def apply(self, query: RequestQuery) -> RequestQuery:
        status = self.status.currentData()
        urgency = self.urgency.currentData()
        statuses = frozenset() if status in (OPEN, EVERY_STATUS, None) else frozenset({RequestStatus(status)})
        return dataclasses.replace(query, statuses=statuses, open_only=status in (OPEN, None),
                                   area_id=self.area.currentData() or None,
                                   urgency=Urgency(urgency) if urgency else None,
                                   site=self.site.currentData() or None)

    def is_default(self) -> bool:
        return all(combo.currentIndex() <= 0 for combo in self.combos())

    def show_everything(self) -> None:
        """Every status, area, urgency and site (to show one request whatever it is); one ``changed``."""
        self._set_all(lambda combo: max(combo.findData(EVERY_STATUS), 0) if combo is self.status else 0)

    def reset(self) -> None:
        """Back to the open requests of every area, urgency and site; one ``changed`` at the end."""
        self._set_all(lambda _combo: 0)

    def _set_all(self, index_of) -> None:
        before = [combo.currentIndex() for combo in self.combos()]
        for combo in self.combos():
            blocked = combo.blockSignals(True)
            combo.setCurrentIndex(index_of(combo))
            combo.blockSignals(blocked)
        if before != [combo.currentIndex() for combo in self.combos()]:
            self.changed.emit()
