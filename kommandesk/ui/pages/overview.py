"""Overview: where the coordinator's day starts. Counts at a glance, then the to-do list grouped by kind; every
item opens its record (double-click or Enter): ``volunteer_opened``, ``request_opened``, ``course_opened``.

A new database shows how to set up the organisation first (``open_settings``). The page reads again when it is
shown, and while it is visible whenever the database changed (``Store.change_stamp()``, looked at every two
seconds; nothing is polled while another page is shown) or the day changed.

It is the first page at start-up: its widgets avoid ``Qt``'s enum namespace (see ui/widgets/labels.py).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout

from kommandesk.domain.overview import Overview, Target, TodoItem
from kommandesk.i18n import _, ngettext
from kommandesk.i18n.formatting import format_number
from kommandesk.services.organisation import OrganisationService
from kommandesk.services.overview import OverviewService
from kommandesk.store.db import Store
from kommandesk.ui.pages.base import Page
from kommandesk.ui.widgets.count_tile import CountTile
from kommandesk.ui.widgets.headline import Headline
from kommandesk.ui.widgets.labels import plain_label
from kommandesk.ui.widgets.todo_list import TodoList

POLL_MS = 2000
TILES = ("active_volunteers", "open_requests", "waiting_requests", "active_assignments", "trainings_this_month")


class OverviewPage(Page):
    key = "overview"
    open_settings = Signal()
    volunteer_opened = Signal(str)
    request_opened = Signal(str)
    course_opened = Signal(str)

    def __init__(self, overview: OverviewService, organisation: OrganisationService, store: Store, parent=None):
        super().__init__(parent)
        self.setObjectName("page_overview")
        self._service = overview
        self._organisation = organisation
        self._store = store
        self.overview: Overview | None = None  # as last shown
        self._stamp = None  # the store's change stamp when it was read

        self._headline = Headline()
        self._welcome = plain_label(wrap=True, name="overview_welcome")
        self._setup_hint = plain_label(wrap=True, name="overview_setup_hint")
        self._setup_button = QPushButton()
        self._setup_button.setObjectName("overview_setup")
        self._setup_button.clicked.connect(self.open_settings)

        self.tiles = {key: CountTile(f"overview_{key}") for key in TILES}
        self._todo_heading = plain_label(name="overview_todo_heading")
        font = self._todo_heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self._todo_heading.setFont(font)
        self.todo = TodoList("overview_todo")
        self.todo.todo_activated.connect(self.open_item)
        self._nothing = plain_label(wrap=True, name="overview_nothing_to_do")

        layout = QVBoxLayout(self)
        layout.addWidget(self._headline)
        layout.addWidget(self._welcome)
        layout.addWidget(self._setup_hint)
        button_row = QHBoxLayout()
        button_row.addWidget(self._setup_button)
        button_row.addStretch(1)
        layout.addLayout(button_row)
        layout.addSpacing(8)
        tiles = QGridLayout()
        tiles.setSpacing(10)
        for column, tile in enumerate(self.tiles.values()):
            tiles.addWidget(tile, 0, column)
            tiles.setColumnStretch(column, 1)
        layout.addLayout(tiles)
        layout.addSpacing(12)
        layout.addWidget(self._todo_heading)
        layout.addWidget(self.todo, 1)
        layout.addWidget(self._nothing)
        layout.addStretch(0)  # takes the room when the list is hidden (see show_overview)
        self._layout = layout
        self.setTabOrder(self._setup_button, self.todo)

        self._timer = QTimer(self)
        self._timer.setObjectName("overview_poll")
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.poll)
        self._static_texts()

    # -- texts ----------------------------------------------------------------------------------------------------
    def _static_texts(self) -> None:
        self._headline.set_text(self.title())
        self._setup_button.setText(_("Enter the organisation's details"))
        self._setup_hint.setText(_("Before the first certificate can be printed, KommanDesk needs your organisation's "
                                   "name, address, logo and signatory."))

    def retranslate(self) -> None:
        self._static_texts()
        if self.overview is not None:  # the to-do texts are made in the language shown
            self.refresh()

    # -- reading --------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read everything again and show it (the page is opened, the data or the day changed)."""
        self._stamp = self._store.change_stamp()  # before reading: a write meanwhile is seen next time
        configured = self._organisation.is_configured()
        if configured:
            self._welcome.setText(_("Welcome to KommanDesk, {organisation}.").format(
                organisation=self._organisation.get().name))
        else:
            self._welcome.setText(_("Welcome to KommanDesk."))
        self._setup_hint.setVisible(not configured)
        self._setup_button.setVisible(not configured)
        self.show_overview(self._service.build())

    def poll(self) -> None:
        """Read again if the database or the day changed since the page was last filled."""
        if self.overview is None or self._store.change_stamp() != self._stamp \
                or self._service.today() != self.overview.today:
            self.refresh()

    def show_overview(self, overview: Overview) -> None:
        self.overview = overview
        counts = overview.counts
        captions = {
            "active_volunteers": ngettext("Active volunteer", "Active volunteers", counts.active_volunteers),
            "open_requests": ngettext("Request still open", "Requests still open", counts.open_requests),
            # a caption under the number: the plural follows the days (the noun stays plural, as in a heading)
            "waiting_requests": ngettext("Requests waiting longer than {days} day for a volunteer",
                                         "Requests waiting longer than {days} days for a volunteer",
                                         counts.waiting_days).format(days=format_number(counts.waiting_days)),
            "active_assignments": ngettext("Active assignment", "Active assignments", counts.active_assignments),
            "trainings_this_month": ngettext("Course with sessions this month", "Courses with sessions this month",
                                             counts.trainings_this_month),
        }
        for key, tile in self.tiles.items():
            tile.show_count(getattr(counts, key), captions[key])
        total = overview.todo_count
        self._todo_heading.setText(ngettext("To do: {count} item", "To do: {count} items", total).format(
            count=format_number(total)))
        self._nothing.setText(_("Nothing to do today: no clearance, consent, follow-up, waiting request, session "
                                "or absence needs your attention."))
        self.todo.show_overview(overview)
        self.todo.setVisible(total > 0)
        self._nothing.setVisible(total == 0)
        self._layout.setStretch(self._layout.count() - 1, 0 if total else 1)  # the tiles keep their height

    # -- opening a record -----------------------------------------------------------------------------------------
    def open_item(self, item: TodoItem) -> None:
        {Target.VOLUNTEER: self.volunteer_opened, Target.REQUEST: self.request_opened,
         Target.COURSE: self.course_opened}[item.target].emit(item.target_id)

    # -- polling only while shown ---------------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.poll()
        self._timer.start()

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self._timer.stop()
