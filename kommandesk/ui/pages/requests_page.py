"""Requests: every support request, searched as you type, filtered, sorted, page by page (a ListPage, like the
volunteers).

New (Ctrl+N) and Open (Enter, double-click) open the request form; "Find volunteers" (Ctrl+Shift+F) hands the
chosen request to the Matching page (``match_requested``); "Change status" asks for the new status and a reason
(e.g. cancel a request). Ctrl+F goes to the search box, Esc there clears it. The open requests are shown first;
the status filter shows completed and cancelled ones too.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence

from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.requests import TRANSITIONS
from kommandesk.i18n import _, current_language, ngettext
from kommandesk.i18n.formatting import format_number
from kommandesk.paths import Paths
from kommandesk.ui.dialogs.errors import show_problem
from kommandesk.ui.models.requests_model import Column, RequestsModel
from kommandesk.ui.pages.list_page import ListPage
from kommandesk.ui.widgets.request_filters import RequestFilters

_WIDTHS = {Column.REFERENCE: 12, Column.PERSON: 13, Column.AREA: 15, Column.LANGUAGES: 18, Column.WHEN: 34,
           Column.SITE: 16, Column.URGENCY: 9, Column.STATUS: 10, Column.VOLUNTEERS: 18, Column.RECEIVED: 12}


def edit_request(parent, requests, volunteers, request_id: str | None):
    """The request form (modal); the saved request, or None when nothing was saved."""
    from kommandesk.ui.dialogs.requests.request_form import edit_request as form

    return form(parent, requests, volunteers, request_id)


class RequestsPage(ListPage):
    key = "requests"
    match_requested = Signal(str)  # "Find volunteers" for the chosen request

    def __init__(self, requests, volunteers, parent=None, *, paths: Paths | None = None):
        super().__init__(requests, parent)
        self.setObjectName("page_requests")
        self._volunteers = volunteers
        self._paths = paths

        self.new_button = self._button("requests_new", self.new_request)
        self.open_button = self._button("requests_open", self.open_selected)
        self.match_button = self._button("requests_match", self.find_volunteers)
        self.status_button = self._button("requests_status", self.change_status_of_selected)
        self._build("requests", RequestsModel(requests, parent=self), RequestFilters(), _WIDTHS,
                    [self.new_button, self.open_button, self.match_button, self.status_button])
        self._shortcut(QKeySequence.StandardKey.New, self.new_request, "Ctrl+N")
        self._shortcut("Ctrl+Shift+F", self.find_volunteers)
        self.retranslate()
        self._enable()

    # -- texts ------------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.search.setPlaceholderText(_("Search reference, first name, site, postcode, languages, area of help, "
                                         "description … (Ctrl+F)"))
        self.new_button.setText(_("&New request"))
        self.new_button.setToolTip(_("Record a new support request (Ctrl+N)"))
        self.open_button.setText(_("&Open"))
        self.open_button.setToolTip(_("Open the chosen request (Enter or double-click)"))
        self.match_button.setText(_("&Find volunteers"))
        self.match_button.setToolTip(_("Show the volunteers who fit the chosen request on the Matching page "
                                       "(Ctrl+Shift+F)"))
        self.status_button.setText(_("Change s&tatus…"))
        self.status_button.setToolTip(_("Change the chosen request's status with a reason, e.g. cancel it"))
        self.model.set_area_names(self._area_names())
        super().retranslate()

    def _count_text(self, shown: int, everyone: int) -> str:
        if shown == everyone:
            return ngettext("{count} request", "{count} requests", everyone).format(count=format_number(everyone))
        return ngettext("{shown} of {total} request", "{shown} of {total} requests", everyone).format(
            shown=format_number(shown), total=format_number(everyone))

    def _empty_texts(self) -> tuple[str, str, str]:
        return (_("No requests yet — record the first one with New request."), _("No request matches the search."),
                _("No request matches the filters."))

    def _area_names(self) -> dict[str, str]:
        language = current_language()
        return {area.id: area.name(language) for area in self._areas()}

    def _areas(self):
        try:
            return self._volunteers.areas(include_retired=True)
        except KommanDeskError:
            return []

    # -- loading ----------------------------------------------------------------------------------------------
    def _recount(self) -> None:
        super()._recount()
        self.filters.set_sites(self._service.sites())

    def _refresh_choices(self) -> None:
        self.filters.set_areas([area for area in self._areas() if area.active])
        self.model.set_area_names(self._area_names())

    def select_request(self, request_id: str) -> bool:
        """Select and show the request; the search and filters are cleared when they hide it."""
        if not self.model.loaded:
            self.refresh()
        if self._select_loaded(request_id) or self._fetch_until(request_id):
            return True
        try:
            self._service.get(request_id)
        except KommanDeskError:
            return False
        blocked = self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(blocked)
        blocked = self.filters.blockSignals(True)
        self.filters.show_everything()
        self.filters.blockSignals(blocked)
        self._requery()
        return self._fetch_until(request_id)

    def open_request(self, request_id: str) -> bool:
        """Select the request as ``select_request`` does and open its form (e.g. from the Overview). A request
        that no longer exists is not selected (False) and the form says so."""
        selected = self.select_request(request_id)
        self._edit(request_id)
        return selected

    def _fetch_until(self, request_id: str) -> bool:
        while self.model.row_of(request_id) < 0 and self.model.canFetchMore():
            self.model.fetchMore()
        return self._select_loaded(request_id)

    # -- actions ----------------------------------------------------------------------------------------------
    def _enable(self, *_args) -> None:
        item = self.model.row_at(self._selected_row())
        self.open_button.setEnabled(item is not None)
        self.match_button.setEnabled(item is not None)
        self.status_button.setEnabled(item is not None and bool(TRANSITIONS[item.status]))

    def new_request(self) -> None:
        self._edit(None)

    def _edit(self, request_id: str | None) -> None:
        saved = edit_request(self, self._service, self._volunteers, request_id)
        if saved is None:
            return
        reference = saved.reference or ""
        self._after_change(saved.id, lambda: _("{reference} was saved.").format(reference=reference),
                           lambda: _("{reference} was saved; the search or the filters leave it out of the "
                                     "list.").format(reference=reference))

    def find_volunteers(self) -> None:
        request_id = self._selected_id()
        if request_id:
            self.match_requested.emit(request_id)

    def change_status_of_selected(self) -> None:
        item = self.model.row_at(self._selected_row())
        if item is None or not TRANSITIONS[item.status]:
            return
        from kommandesk.ui.dialogs.requests.status_change import change_request_status

        try:
            changed = change_request_status(self, self._service, item.id)
        except KommanDeskError as error:
            show_problem(self, _("Status not changed"), error.message)
            return
        if changed is not None:
            reference, status = item.reference, changed.status
            self._after_change(item.id, lambda: _("{reference} is now {status}.").format(
                reference=reference, status=status.label()), lambda: _(
                "{reference} is now {status}; the filters leave it out of the list.").format(
                reference=reference, status=status.label()))
