"""Overview: where the day starts. For now: the organisation at a glance and what to set up first."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout

from kommandesk.i18n import _
from kommandesk.services.organisation import OrganisationService
from kommandesk.ui.pages.base import Page
from kommandesk.ui.widgets.headline import Headline
from kommandesk.ui.widgets.labels import plain_label


class OverviewPage(Page):
    key = "overview"
    open_settings = Signal()

    def __init__(self, organisation: OrganisationService, parent=None):
        super().__init__(parent)
        self.setObjectName("page_overview")
        self._organisation = organisation
        self._headline = Headline()
        self._welcome = plain_label(wrap=True, name="overview_welcome")
        self._setup_hint = plain_label(wrap=True)
        self._setup_button = QPushButton()
        self._setup_button.setObjectName("overview_setup")
        self._setup_button.clicked.connect(self.open_settings)
        layout = QVBoxLayout(self)
        layout.addWidget(self._headline)
        layout.addWidget(self._welcome)
        layout.addSpacing(12)
        layout.addWidget(self._setup_hint)
        button_row = QHBoxLayout()
        button_row.addWidget(self._setup_button)
        button_row.addStretch(1)
        layout.addLayout(button_row)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self._headline.set_text(self.title())
        self._setup_button.setText(_("Enter the organisation's details"))
        self.refresh()

    def refresh(self) -> None:
        org = self._organisation.get()
        configured = self._organisation.is_configured()
        if configured:
            self._welcome.setText(_("Welcome to KommanDesk, {organisation}.").format(organisation=org.name))
        else:
            self._welcome.setText(_("Welcome to KommanDesk."))
        self._setup_hint.setText(_("Before the first certificate can be printed, KommanDesk needs your organisation's "
                                   "name, address, logo and signatory."))
        self._setup_hint.setVisible(not configured)
        self._setup_button.setVisible(not configured)
