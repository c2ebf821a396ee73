"""Matching: pick an open request, see the ranked candidates with their explanations and the near misses,
assign with one action (Enter), or assign a near miss anyway with a written reason. "Match all open requests"
proposes volunteers for every open request at once and shows the proposal to review.

Left: the open requests, those without a volunteer first (high urgency first, then the longest waiting).
Right: the chosen request, its candidates (rank, volunteer, score bar and number, why) with every score part of
the selected one in the pane below, the near misses with the rule they fail, and how many volunteers each rule
left out. Every change made elsewhere shows when the page is opened again (refresh)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSplitter, QVBoxLayout,
                               QWidget)

from kommandesk.domain.errors import KommanDeskError
from kommandesk.i18n import _, ngettext
from kommandesk.i18n.formatting import format_number
from kommandesk.tasks import TaskRunner
from kommandesk.ui.dialogs.errors import show_problem
from kommandesk.ui.models.candidates_model import SCORE_ROLE, CandidateColumn, CandidatesModel
from kommandesk.ui.models.match_requests_model import MatchRequestsModel, RequestColumn
from kommandesk.ui.models.match_texts import candidates_heading, near_misses_heading, result_notes
from kommandesk.ui.models.near_misses_model import NearMissColumn, NearMissesModel
from kommandesk.ui.pages.base import Page
from kommandesk.ui.widgets.headline import Headline
from kommandesk.ui.widgets.list_table import KeyActions, list_table, size_columns
from kommandesk.ui.widgets.request_summary import RequestSummary
from kommandesk.ui.widgets.score_bar import ScoreDelegate
from kommandesk.ui.widgets.search_field import search_field

LIMIT, NEAR_LIMIT = 20, 20


def _plain(name: str, wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    return label


def _reading() -> str:
    return _("Reading the volunteers…")


class MatchingPage(Page):
    key = "matching"
    request_opened = Signal(str)

    def __init__(self, matching, requests, volunteers, parent=None, *, paths=None, runner: TaskRunner | None = None):
        """``paths``: the data folder (reading the volunteers and the match-all run open their own connection on a
        worker thread)."""
        super().__init__(parent)
        self._paths = paths
        self.setObjectName("page_matching")
        self._matching, self._requests, self._volunteers = matching, requests, volunteers
        self.runner = runner or TaskRunner()
        self.request_id: str | None = None
        self.result = None  # the MatchResult shown
        self._notice = None  # a message in the status line, made again after a language switch

        self._headline = Headline()
        self.match_all_button = QPushButton()
        self.match_all_button.setObjectName("matching_match_all")
        self.match_all_button.clicked.connect(self.match_all)
        top = QHBoxLayout()
        top.addWidget(self._headline, 1)
        top.addWidget(self.match_all_button)

        # left: the open requests
        self.search, self._search_timer = search_field(self, "matching", self.flush_search)
        self.requests_model = MatchRequestsModel(requests, parent=self)
        self.requests_table = list_table("matching_requests", self.requests_model)
        self.requests_table.selectionModel().selectionChanged.connect(self._request_chosen)
        self.requests_model.modelReset.connect(self._show_counts)
        self.requests_count = _plain("matching_requests_count", wrap=False)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.requests_table, 1)
        left_layout.addWidget(self.requests_count)

        # right: the chosen request, its candidates and near misses
        self.summary = RequestSummary()
        self.summary.open_requested.connect(self._open_request)
        self.candidates_model = CandidatesModel(self)
        self.candidates_table = list_table("matching_candidates", self.candidates_model)
        self.candidates_table.setItemDelegateForColumn(CandidateColumn.SCORE,
                                                       ScoreDelegate(SCORE_ROLE, self.candidates_table))
        self.candidates_table.selectionModel().selectionChanged.connect(self._candidate_chosen)
        self.candidates_table.doubleClicked.connect(lambda _index: self.assign_selected())
        self.candidates_title = _plain("matching_candidates_title")
        self.details = _plain("matching_details")
        self.details.setFrameShape(QFrame.Shape.StyledPanel)
        self.details.setContentsMargins(6, 4, 6, 4)
        self.details.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.assign_button = QPushButton()
        self.assign_button.setObjectName("matching_assign")
        self.assign_button.clicked.connect(self.assign_selected)
        candidates = QWidget()
        c_layout = QVBoxLayout(candidates)
        c_layout.setContentsMargins(0, 0, 0, 0)
        c_layout.addWidget(self.candidates_title)
        c_layout.addWidget(self.candidates_table, 1)
        c_row = QHBoxLayout()
        c_row.addWidget(self.details, 1)
        c_row.addWidget(self.assign_button, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        c_layout.addLayout(c_row)

        self.near_model = NearMissesModel(self)
        self.near_table = list_table("matching_near_misses", self.near_model)
        self.near_table.setItemDelegateForColumn(NearMissColumn.SCORE, ScoreDelegate(SCORE_ROLE, self.near_table))
        self.near_table.selectionModel().selectionChanged.connect(self._enable)
        self.near_table.doubleClicked.connect(lambda _index: self.assign_anyway())
        self.near_title = _plain("matching_near_title")
        self.override_button = QPushButton()
        self.override_button.setObjectName("matching_assign_anyway")
        self.override_button.clicked.connect(self.assign_anyway)
        near = QWidget()
        n_layout = QVBoxLayout(near)
        n_layout.setContentsMargins(0, 0, 0, 0)
        n_layout.addWidget(self.near_title)
        n_row = QHBoxLayout()
        n_row.addWidget(self.near_table, 1)
        n_row.addWidget(self.override_button, 0, Qt.AlignmentFlag.AlignTop)
        n_layout.addLayout(n_row, 1)
        self.info = _plain("matching_info")

        lists = QSplitter(Qt.Orientation.Vertical)
        lists.addWidget(candidates)
        lists.addWidget(near)
        lists.setStretchFactor(0, 1)
        lists.setStretchFactor(1, 1)
        lists.setChildrenCollapsible(False)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.summary.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        right_layout.addWidget(self.summary)
        right_layout.addWidget(lists, 1)
        right_layout.addWidget(self.info)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([340, 660])
        self.status_line = _plain("matching_status")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status_line)

        KeyActions(self, {(self.requests_table, Qt.Key.Key_Return): self.focus_candidates,
                          (self.candidates_table, Qt.Key.Key_Return): self.assign_selected,
                          (self.near_table, Qt.Key.Key_Return): self.assign_anyway,
                          (self.search, Qt.Key.Key_Down): self.focus_requests,
                          (self.search, Qt.Key.Key_Return): self.focus_requests,
                          (self.search, Qt.Key.Key_Escape): self.clear_search})
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_search)
        chain = [self.search, self.requests_table, self.summary.open_button, self.candidates_table,
                 self.assign_button, self.near_table, self.override_button, self.match_all_button]
        for first, second in zip(chain, chain[1:]):
            self.setTabOrder(first, second)

        from kommandesk.ui.dialogs.matching.match_all import MatchAllRun

        from kommandesk.ui.dialogs.matching.warm_up import PoolWarmUp

        self.warm_up = PoolWarmUp(matching, self.runner, self._data_paths, self)
        self.warm_up.finished.connect(self._volunteers_read)
        self.run = MatchAllRun(matching, self, self.runner, paths=self._data_paths)
        self.run.done.connect(self._run_done)
        self.run.ended.connect(self._say)
        self.retranslate()
        self._show_result()

    # -- texts ------------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self._headline.set_text(self.title())
        self.match_all_button.setText(_("&Match all open requests…"))
        self.match_all_button.setToolTip(_("Propose a volunteer for every open request at once (most requests "
                                           "served, high urgency first), then review the proposal"))
        self.search.setPlaceholderText(_("Search requests (Ctrl+F)"))
        self.assign_button.setText(_("&Assign"))
        self.assign_button.setToolTip(_("Assign the chosen volunteer to this request (Enter)"))
        self.override_button.setText(_("Assign an&yway…"))
        self.override_button.setToolTip(_("Assign the chosen volunteer despite the rule they fail; you write why"))
        self.summary.retranslate()
        self.requests_model.retranslate()
        self.candidates_model.retranslate()
        self.near_model.retranslate()
        self._size_columns()
        if self.request_id is not None and self.result is not None:
            self._rank(keep=self._selected_candidate_id())  # the explanations are made in the UI language
        else:
            self._show_result()
        self._show_counts()

    def _size_columns(self) -> None:
        size_columns(self.requests_table, {RequestColumn.REFERENCE: 13, RequestColumn.PERSON: 9,
                                           RequestColumn.URGENCY: 7})
        size_columns(self.candidates_table, {CandidateColumn.RANK: 3, CandidateColumn.VOLUNTEER: 30,
                                             CandidateColumn.SCORE: 10})
        size_columns(self.near_table, {NearMissColumn.VOLUNTEER: 30, NearMissColumn.SCORE: 10})

    def _say(self, message) -> None:
        self._notice = message
        self._show_counts()
        window = self.window()
        if message is not None and hasattr(window, "statusBar"):
            window.statusBar().showMessage(message(), 8000)

    def _show_counts(self, *_args) -> None:
        count = self.requests_model.count()
        self.requests_count.setText(ngettext("{count} open request", "{count} open requests", count).format(
            count=format_number(count)) if self.requests_model.loaded else "")
        self.status_line.setText(self._notice() if self._notice else "")

    # -- the open requests ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Called when the page is opened: read the open requests and rank the chosen one again."""
        areas = self._volunteers.areas(include_retired=True)
        self.summary.set_areas(areas)
        self.requests_model.set_areas(areas)
        self.warm_up.start_if_needed()  # the volunteers are read on a worker thread; ranking waits for them
        self._reload(self.request_id)

    def _reload(self, request_id: str | None) -> None:
        blocked = self.requests_table.selectionModel().blockSignals(True)
        try:
            self.requests_model.reload()
            found = request_id is not None and self._select_row(request_id)
        finally:
            self.requests_table.selectionModel().blockSignals(blocked)
        if request_id is not None and not found:
            self.request_id = None  # closed or cancelled meanwhile: the summary says so
        self._rank(keep=self._selected_candidate_id())

    def flush_search(self) -> None:
        self._search_timer.stop()
        if self.search.text() != self.requests_model.search or not self.requests_model.loaded:
            self.requests_model.set_search(self.search.text())
            if self.request_id is not None:
                blocked = self.requests_table.selectionModel().blockSignals(True)
                self._select_row(self.request_id)
                self.requests_table.selectionModel().blockSignals(blocked)

    def clear_search(self) -> bool:
        if not self.search.text():
            return False
        self.search.clear()
        self.flush_search()
        return True

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_requests(self) -> None:
        self.flush_search()
        self.requests_table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.requests_table.selectionModel().hasSelection() and self.requests_model.rowCount():
            self.requests_table.selectRow(0)

    def focus_candidates(self) -> None:
        table = self.candidates_table if self.candidates_model.rowCount() else self.near_table
        table.setFocus(Qt.FocusReason.OtherFocusReason)
        if table.model().rowCount() and not table.selectionModel().hasSelection():
            table.selectRow(0)

    def _select_row(self, request_id: str) -> bool:
        model = self.requests_model
        while model.row_of(request_id) < 0 and model.canFetchMore():
            model.fetchMore()
        row = model.row_of(request_id)
        if row < 0:
            return False
        index = model.index(row, 0)
        self.requests_table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.requests_table.scrollTo(index)
        return True

    def select_request(self, request_id: str) -> bool:
        """Choose ``request_id`` (from the Requests page's "Find volunteers"); False when it is not open."""
        if not self.requests_model.loaded:
            self.refresh()
        if self.requests_model.row_of(request_id) < 0 and self.search.text():
            self.search.clear()
            self.flush_search()
        if not self._select_row(request_id):
            return False
        if self.request_id != request_id:  # the selection signal did not rank it (already selected)
            self.request_id = request_id
            self._rank()
        return True

    def clear_request(self) -> None:
        """Choose no request (the page as first opened)."""
        self.requests_table.clearSelection()
        self.request_id = None
        self._rank()

    def _request_chosen(self, *_args) -> None:
        rows = self.requests_table.selectionModel().selectedRows()
        item = self.requests_model.row_at(rows[0].row()) if rows else None
        new_id = item.id if item else None
        if new_id != self.request_id or self.result is None:
            self.request_id = new_id
            self._rank()

    def _open_request(self) -> None:
        if self.request_id:
            self.request_opened.emit(self.request_id)

    # -- ranking ----------------------------------------------------------------------------------------------
    def _rank(self, keep: str | None = None) -> None:
        self.result = None
        req = None
        if self.request_id is not None and self.warm_up.busy:  # ranked when the volunteers have been read
            self.summary.set_request(self._requests.get(self.request_id), "")
            self._say(_reading)
            self._show_result(keep)
            return
        if self.request_id is not None:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                req = self._requests.get(self.request_id)
                self.result = self._matching.rank(self.request_id, limit=LIMIT, near_limit=NEAR_LIMIT)
            except KommanDeskError as error:
                self.request_id, req = None, None
                message = error.message
                self._say(lambda: message)
            finally:
                QGuiApplication.restoreOverrideCursor()
        row = self.requests_model.row_at(self.requests_model.row_of(self.request_id)) if self.request_id else None
        self.summary.set_request(req, row.volunteers if row else "")
        self._show_result(keep)

    def _volunteers_read(self) -> None:
        if self._notice is _reading:
            self._say(None)
        self._rank(keep=self._selected_candidate_id())

    def _show_result(self, keep: str | None = None) -> None:
        result = self.result
        self.candidates_model.set_candidates(result.candidates if result else ())
        self.near_model.set_near_misses(result.near_misses if result else ())
        if result is None:
            self.candidates_title.setText(_("Candidates"))
            self.near_title.setText(_("Near misses"))
            self.info.setText("")
        else:
            self.candidates_title.setText(candidates_heading(result))
            self.near_title.setText(near_misses_heading(result))
            self.info.setText(result_notes(result))
        row = self.candidates_model.row_of(keep) if keep else -1
        if self.candidates_model.rowCount():
            self.candidates_table.selectRow(max(row, 0))
        self._candidate_chosen()

    def _selected_candidate_id(self) -> str | None:
        rows = self.candidates_table.selectionModel().selectedRows()
        item = self.candidates_model.row_at(rows[0].row()) if rows else None
        return item.volunteer_id if item else None

    def _candidate_chosen(self, *_args) -> None:
        rows = self.candidates_table.selectionModel().selectedRows()
        text = self.candidates_model.details(rows[0].row()) if rows else ""
        self.details.setText(text or (_("Choose a candidate to see every part of their score.")
                                      if self.candidates_model.rowCount() else ""))
        self.details.setVisible(bool(self.candidates_model.rowCount()))
        self._enable()

    def _enable(self, *_args) -> None:
        self.assign_button.setEnabled(bool(self.candidates_table.selectionModel().selectedRows()))
        self.override_button.setEnabled(bool(self.near_table.selectionModel().selectedRows()))
        self.match_all_button.setEnabled(not self.run.running if hasattr(self, "run") else True)

    # -- assigning --------------------------------------------------------------------------------------------
    def assign_selected(self) -> bool:
        """Assign the chosen candidate to the chosen request (Enter in the list)."""
        rows = self.candidates_table.selectionModel().selectedRows()
        item = self.candidates_model.row_at(rows[0].row()) if rows else None
        if item is None or self.request_id is None or self.result is None:
            return False
        reference = self.result.reference
        try:
            self._matching.assign(self.request_id, item.volunteer_id)
        except KommanDeskError as error:
            show_problem(self, _("Not assigned"), error.message)
            return False
        self._assigned(item.name, item.reference, reference)
        return True

    def assign_anyway(self) -> bool:
        """Ask why, then assign the chosen near miss with that reason recorded."""
        rows = self.near_table.selectionModel().selectedRows()
        item = self.near_model.row_at(rows[0].row()) if rows else None
        if item is None or self.request_id is None or self.result is None:
            return False
        from kommandesk.ui.dialogs.matching.override_reason import assign_anyway

        reference = self.result.reference
        if assign_anyway(self, self._matching, self.request_id, reference, item) is None:
            return False
        self._assigned(item.name, item.reference, reference)
        return True

    def _assigned(self, name: str, volunteer_reference: str, request_reference: str) -> None:
        self._say(lambda: _("{name} ({volunteer}) was proposed for {request}.").format(
            name=name, volunteer=volunteer_reference, request=request_reference))
        self._reload(self.request_id)

    def _data_paths(self):
        return self._paths

    def match_all(self) -> None:
        """Propose volunteers for every open request (in the background), then review the proposal."""
        self.run.start()
        self._enable()

    def _run_done(self, assignments: list) -> None:
        if assignments:
            count = len(assignments)
            self._say(lambda: ngettext("{count} volunteer was proposed.", "{count} volunteers were proposed.",
                                       count).format(count=format_number(count)))
        self._reload(self.request_id)
