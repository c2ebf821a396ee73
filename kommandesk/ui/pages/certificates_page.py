"""Certificates: issue them (a course's certificates of attendance, a service record, the confirmation of hours for
the Ehrenamtskarte NRW), verify one by its number or the text of its QR code, and the register of every certificate
issued (search, kind, revoked ones) with Preview (the very same document again), Revoke… and Open in PDF viewer.

Keys: Ctrl+F goes to the search box (Esc clears it, Down goes to the list), Enter in the verify box verifies,
Enter or a double-click on a certificate previews it. The dialogs are imported when first opened.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import QCheckBox, QGroupBox, QHBoxLayout, QLineEdit, QVBoxLayout

from kommandesk.domain.certificates import Kind, Validity
from kommandesk.domain.errors import KommanDeskError
from kommandesk.i18n import _, ngettext
from kommandesk.i18n.formatting import format_number
from kommandesk.tasks import TaskRunner
from kommandesk.ui.models.certificates_model import CertificatesModel, Column
from kommandesk.ui.dialogs.certificates.texts import colour_label, validity_colour
from kommandesk.ui.dialogs.errors import show_problem
from kommandesk.ui.pages.search_list import SearchListPage
from kommandesk.ui.widgets.filter_combos import fill_combo, filter_combo
from kommandesk.ui.widgets.headline import Headline
from kommandesk.ui.widgets.labels import plain_label
from kommandesk.ui.widgets.list_table import KeyActions, size_columns

EVERY_KIND = "every_kind"
_WIDTHS = {Column.PERSON: 20, Column.KIND: 26, Column.ISSUED: 13, Column.LANGUAGE: 10, Column.STATUS: 21}
NUMBER_SAMPLE = "KD-2026-00000"  # the number column is as wide as a number


class CertificatesPage(SearchListPage):
    key = "certificates"

    def __init__(self, certificates, service_records, trainings, volunteers, parent=None, *, paths=None,
                 runner: TaskRunner | None = None, open_url=QDesktopServices.openUrl):
        super().__init__(parent)
        self.setObjectName("page_certificates")
        self._certificates = certificates
        self._records = service_records
        self._trainings = trainings
        self._volunteers = volunteers
        self._paths = paths
        self._runner = runner or TaskRunner()
        self._open_url = open_url
        self._loaded = False
        self._notice = None  # a function giving the last action's line (made again after a language switch)
        self._verified = None  # the last Verification shown
        self._verified_text = ""  # what was looked up (its message is made again after a language switch)

        self._headline = Headline()
        self.course_button = self._button("certificates_course", self.issue_for_course)
        self.record_button = self._button("certificates_service_record", self.service_record)
        self.card_button = self._button("certificates_card", self.ehrenamtskarte)
        issue_row = QHBoxLayout()
        for button in (self.course_button, self.record_button, self.card_button):
            issue_row.addWidget(button)
        issue_row.addStretch(1)

        self.verify_box = QGroupBox()
        self.verify_box.setObjectName("certificates_verify_box")
        self.verify_input = QLineEdit()
        self.verify_input.setObjectName("certificates_verify_input")
        self.verify_input.setClearButtonEnabled(True)
        self.verify_input.setMaxLength(300)
        self.verify_button = self._button("certificates_verify", self.verify)
        self.verify_badge = plain_label(name="certificates_verify_badge")
        font = self.verify_badge.font()
        font.setBold(True)
        self.verify_badge.setFont(font)
        self.verify_result = plain_label(wrap=True, name="certificates_verify_result")
        self.verify_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        KeyActions(self, {(self.verify_input, Qt.Key.Key_Return): self.verify})
        verify_row = QHBoxLayout()
        verify_row.addWidget(self.verify_input, 1)
        verify_row.addWidget(self.verify_button)
        result_row = QHBoxLayout()
        result_row.addWidget(self.verify_badge, 0, Qt.AlignmentFlag.AlignTop)
        result_row.addWidget(self.verify_result, 1)
        verify_layout = QVBoxLayout(self.verify_box)
        verify_layout.addLayout(verify_row)
        verify_layout.addLayout(result_row)

        self._build_search("certificates")
        self.kind_label = plain_label()
        self.kind = filter_combo("certificates_kind")
        self.kind_label.setBuddy(self.kind)
        self.kind.currentIndexChanged.connect(lambda _index: self.reload())
        self.show_revoked = QCheckBox()
        self.show_revoked.setObjectName("certificates_show_revoked")
        self.show_revoked.setChecked(True)
        self.show_revoked.toggled.connect(lambda _on: self.reload())
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.kind_label)
        filters.addWidget(self.kind)
        filters.addWidget(self.show_revoked)

        self._build_table("certificates", CertificatesModel(parent=self), self.preview_selected)  # newest first
        self.table.doubleClicked.connect(lambda _index: self.preview_selected())

        self.preview_button = self._button("certificates_preview", self.preview_selected)
        self.revoke_button = self._button("certificates_revoke", self.revoke_selected)
        self.open_button = self._button("certificates_open", self.open_selected)
        self.status_line = plain_label(name="certificates_count")
        row_actions = QHBoxLayout()
        for button in (self.preview_button, self.revoke_button, self.open_button):
            row_actions.addWidget(button)
        row_actions.addStretch(1)
        row_actions.addWidget(self.status_line)

        layout = QVBoxLayout(self)
        layout.addWidget(self._headline)
        layout.addLayout(issue_row)
        layout.addWidget(self.verify_box)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(row_actions)

        self._shortcut(QKeySequence.StandardKey.Find, self.focus_search)
        chain = [self.course_button, self.record_button, self.card_button, self.verify_input, self.verify_button,
                 self.search, self.kind, self.show_revoked, self.table, self.preview_button, self.revoke_button,
                 self.open_button]
        for first, second in zip(chain, chain[1:]):
            self.setTabOrder(first, second)
        self.retranslate()
        self._enable()

    # -- texts ------------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self._headline.set_text(self.title())
        self.course_button.setText(_("&Issue for a course…"))
        self.course_button.setToolTip(_("Certificates of attendance for every participant of a course who reached "
                                        "its minimum attendance"))
        self.record_button.setText(_("Service &record…"))
        self.record_button.setToolTip(_("A volunteer's service record: their work by area of help and the "
                                        "trainings they completed in a period"))
        self.card_button.setText(_("&Ehrenamtskarte…"))
        self.card_button.setToolTip(_("Check whether a volunteer's logged hours meet the rule for the "
                                      "Ehrenamtskarte NRW, and print the confirmation of hours"))
        self.verify_box.setTitle(_("Verify a certificate"))
        self.verify_input.setPlaceholderText(_("Certificate number or the text of its QR code, e.g. KD-2026-00012"))
        self.verify_button.setText(_("&Verify"))
        self.verify_button.setToolTip(_("Look the certificate up in the register (Enter)"))
        self.search.setPlaceholderText(_("Search number, person, course … (Ctrl+F)"))
        self.kind_label.setText(_("Doc&ument:"))
        fill_combo(self.kind, [(_("every document"), EVERY_KIND)] + [(kind.label(), kind.value) for kind in Kind])
        self.show_revoked.setText(_("Sho&w revoked"))
        self.preview_button.setText(_("&Preview"))
        self.preview_button.setToolTip(_("Show the chosen certificate as it was issued, to print it again (Enter)"))
        self.revoke_button.setText(_("Rev&oke…"))
        self.revoke_button.setToolTip(_("Mark the chosen certificate as no longer valid, with the reason"))
        self.open_button.setText(_("Open in P&DF viewer"))
        self.open_button.setToolTip(_("Open the chosen certificate in the program your computer uses for PDF files"))
        self.model.retranslate()
        size_columns(self.table, _WIDTHS)
        header = self.table.horizontalHeader()
        header.resizeSection(Column.NUMBER, max(self.table.fontMetrics().horizontalAdvance(NUMBER_SAMPLE) + 24,
                                                header.fontMetrics().horizontalAdvance(
                                                    Column.NUMBER.title()) + 24))
        if self._verified is not None:  # the message in the language now shown
            self._verified = self._certificates.verify(self._verified_text)
        self._show_verification()
        self._show_counts()

    def _show_counts(self) -> None:
        shown = self.model.rowCount()
        text = ngettext("{count} certificate", "{count} certificates", shown).format(
            count=format_number(shown)) if self._loaded else ""
        if self._notice is not None:
            text = f"{self._notice()}  ·  {text}" if text else self._notice()
        self.status_line.setText(text)
        if self._loaded and shown == 0:
            filtered = self.search.text().strip() or self.kind.currentData() != EVERY_KIND
            self.empty.setText(_("No certificate matches the search.") if filtered else
                               _("No certificate issued yet. Issue the first ones for a course with "
                                 "\u201cIssue for a course\u201d."))
            self.empty.show()
        else:
            self.empty.hide()

    # -- loading ----------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.reload()

    def _kinds(self) -> frozenset[Kind]:
        chosen = self.kind.currentData()
        return frozenset() if chosen in (EVERY_KIND, None) else frozenset({Kind(chosen)})

    def reload(self, select: str | None = None) -> None:
        chosen = select or self.selected_number()
        self.model.set_rows(self._certificates.register(self.search.text(), self._kinds(),
                                                        include_revoked=self.show_revoked.isChecked()))
        self._loaded = True
        if chosen:
            self.select_certificate(chosen)
        self._show_counts()
        self._enable()

    # -- selection --------------------------------------------------------------------------------------------
    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def selected_number(self) -> str | None:
        row = self.selected()
        return row.number if row is not None else None

    def select_certificate(self, number: str) -> bool:
        row = self.model.row_of(number)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        return row >= 0

    def _enable(self, *_args) -> None:
        row = self.selected()
        self.preview_button.setEnabled(row is not None)
        self.open_button.setEnabled(row is not None)
        self.revoke_button.setEnabled(row is not None and row.revoked_on is None)

    def say(self, message) -> None:
        """A line for the status bar of the page (``message``: a function, made again after a switch)."""
        self._notice = message
        self._show_counts()

    # -- verify -----------------------------------------------------------------------------------------------
    def verify(self, text: str | None = None):
        """Look up the number (or QR text) typed in; the Verification, shown below the box."""
        if text is not None:
            self.verify_input.setText(text)
        if not self.verify_input.text().strip():
            self.verify_input.setFocus()
            return None
        self._verified_text = self.verify_input.text()
        self._verified = self._certificates.verify(self._verified_text)
        self._show_verification()
        row = self._verified.row
        if row is not None and not self.select_certificate(row.number):
            self.reload()  # issued since the list was read (another window, the command line)
            if not self.select_certificate(row.number):  # the search or the filters leave it out
                self.table.clearSelection()
        return self._verified

    def _show_verification(self) -> None:
        found = self._verified
        self.verify_badge.setVisible(found is not None)
        if found is None:
            self.verify_badge.setText("")
            self.verify_result.setText(_("Type the number printed on a certificate, or scan its QR code into this "
                                         "field, and press Enter."))
            colour_label(self.verify_result, None)
            return
        mark = {Validity.VALID: "\u2713", Validity.REVOKED: "\u2717", Validity.UNKNOWN: "?"}[found.validity]
        colour = validity_colour(found.validity, self.palette())
        self.verify_badge.setText(f"{mark} {found.validity.label().upper()}")
        colour_label(self.verify_badge, colour)
        self.verify_result.setText(found.message)
        colour_label(self.verify_result, None)

    # -- actions on the chosen certificate ------------------------------------------------------------------
    def preview_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        data = self._reprint(row)
        if data is None:
            return
        from kommandesk.ui.dialogs.certificates.pdf_preview import preview_pdf

        preview_pdf(self, data, _("{number}: {name}").format(number=row.number, name=row.person_name),
                    suggested_name=self._file_name(row))

    def open_selected(self) -> bool:
        row = self.selected()
        data = self._reprint(row) if row is not None else None
        if data is None:
            return False
        from kommandesk.ui.dialogs.certificates.pdf_files import open_pdf

        return open_pdf(self, data, self._file_name(row), self._open_url,
                        _("No program for PDF files was found. Install a PDF viewer, or "
                          "use Preview and save the PDF."))

    def _reprint(self, row) -> bytes | None:
        try:
            return self._certificates.reprint(row.number)
        except KommanDeskError as exc:
            show_problem(self, _("Certificate not shown"), exc.message)
            return None

    def _file_name(self, row) -> str:
        from kommandesk.domain.certificates import file_name

        try:
            person = self._certificates.content(row.number).heading.person
        except KommanDeskError:
            return f"{row.number}.pdf"
        return file_name(person, row.kind, row.language)

    def revoke_selected(self) -> None:
        row = self.selected()
        if row is None or row.revoked_on is not None:
            return
        from kommandesk.ui.dialogs.certificates.revoke_dialog import revoke_certificate

        revoked = revoke_certificate(self, self._certificates, row)
        if revoked is not None:
            self.reload(select=revoked.number)
            self.say(lambda: _("{number} was revoked.").format(number=revoked.number))
            if self._verified is not None:
                self.verify()

    # -- issuing ----------------------------------------------------------------------------------------------
    def issue_for_course(self, course_id: str | None = None) -> None:
        from kommandesk.ui.dialogs.certificates.batch_dialog import issue_for_course

        self._after_issue(issue_for_course(self, self._certificates, self._trainings, course_id, paths=self._paths,
                                           runner=self._runner))

    def service_record(self) -> None:
        from kommandesk.ui.dialogs.certificates.service_record_dialog import issue_service_record

        self._after_issue(issue_service_record(self, self._records, self._certificates, self._volunteers))

    def ehrenamtskarte(self) -> None:
        from kommandesk.ui.dialogs.certificates.card_dialog import check_card

        self._after_issue(check_card(self, self._records, self._certificates, self._volunteers))

    def _after_issue(self, issued: list) -> None:
        if not issued:
            return
        self.reload(select=issued[0].number)
        count = len(issued)
        self.say(lambda: ngettext("{count} certificate was issued.", "{count} certificates were issued.",
                                  count).format(count=format_number(count)))
