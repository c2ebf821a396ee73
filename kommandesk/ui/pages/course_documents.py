"""What the course detail hands out: the sign-in sheet of a session (PDF), the sessions as a calendar file
(.ics) and an email to every participant (the default mail program opens with all addresses in BCC; nothing is
sent from the app). reportlab and the calendar writer are imported on use."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QVBoxLayout,
                               QWidget)

from kommandesk.domain.errors import KommanDeskError
from kommandesk.domain.trainings import TAKES_A_PLACE
from kommandesk.i18n import _, current_language
from kommandesk.ui.dialogs.errors import show_problem
from kommandesk.ui.models.request_texts import format_day, format_time_span
from kommandesk.ui.widgets.labels import plain_label

MAILTO_LIMIT = 2000  # longer mailto: links are cut off by some mail programs



def default_session(sessions: list, today: dt.date):
    """Today's session, else the next one, else the last one held (cancelled ones are never chosen)."""
    held = [row for row in sessions if not row.cancelled]
    if not held:
        return None
    coming = [row for row in held if row.day >= today]
    return min(coming, key=lambda row: (row.day, row.start)) if coming else max(held, key=lambda r: (r.day, r.start))


def session_label(row) -> str:
    return _("Session {number}: {day}, {times}").format(number=row.number, day=format_day(row.day),
                                                        times=format_time_span(row.start, row.end))


class SheetChoice(QDialog):
    """Which session, and in which language the sheet is printed."""

    def __init__(self, sessions: list, chosen, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sheet_choice")
        self.setWindowTitle(_("Sign-in sheet"))
        self.session = QComboBox()
        self.session.setObjectName("sheet_session")
        for row in sessions:
            if not row.cancelled:
                self.session.addItem(session_label(row), row.id)
        if chosen is not None:
            self.session.setCurrentIndex(max(self.session.findData(chosen.id), 0))
        self.language = QComboBox()
        self.language.setObjectName("sheet_language")
        self.language.addItem(_("German"), "de")
        self.language.addItem(_("English"), "en")
        self.language.setCurrentIndex(max(self.language.findData(current_language()), 0))
        form = QFormLayout()
        form.addRow(plain_label(_("Session:")), self.session)
        form.addRow(plain_label(_("Language of the sheet:")), self.language)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Save PDF…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


def _save_path(parent, title: str, suggested: Path, pattern: str) -> Path | None:
    path, _filter = QFileDialog.getSaveFileName(parent, title, str(suggested), pattern)
    return Path(path) if path else None


def documents_folder(paths=None) -> Path:
    """Where the save dialog starts: the user's documents folder (the data folder is no place for handouts)."""
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


def write_bytes(path: Path, data: bytes) -> None:
    """Whole or not at all, with the same messages as every export (a folder missing, the file open elsewhere)."""
    from kommandesk.services import exports

    exports.write_bytes(path, data)


def save_signin_sheet(parent, trainings, course, paths=None, choose=None, target=None) -> Path | None:
    """Ask for the session and language (``choose``: a test answers), then where to save; the file written."""
    sessions = trainings.sessions(course.id)
    chosen = default_session(sessions, trainings.today())
    if chosen is None:
        show_problem(parent, _("No sign-in sheet"), _("This course has no session yet: add one on the Sessions tab."))
        return None
    if choose is None:
        dialog = SheetChoice(sessions, chosen, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            session_id, language = dialog.session.currentData(), dialog.language.currentData()
        finally:
            dialog.deleteLater()
    else:
        session_id, language = choose(sessions, chosen)
    number = next(row.number for row in sessions if row.id == session_id)
    suggested = documents_folder(paths) / _("{reference}-session-{number}-sign-in.pdf").format(
        reference=course.reference, number=number)
    path = target or _save_path(parent, _("Save sign-in sheet"), suggested, _("PDF files (*.pdf)"))
    if path is None:
        return None
    try:
        write_bytes(path, trainings.signin_sheet(course.id, session_id, language))
    except KommanDeskError as exc:
        show_problem(parent, _("Sign-in sheet not saved"), exc.message)
        return None
    return path


def save_calendar(parent, trainings, course, paths=None, target=None) -> Path | None:
    sessions = trainings.sessions(course.id)
    if not sessions:
        show_problem(parent, _("No calendar file"), _("This course has no session yet: add one on the Sessions tab."))
        return None
    suggested = documents_folder(paths) / f"{course.reference}.ics"
    path = target or _save_path(parent, _("Save calendar file"), suggested, _("Calendar files (*.ics)"))
    if path is None:
        return None
    try:
        write_bytes(path, trainings.calendar(course.id).encode("utf-8"))
    except KommanDeskError as exc:
        show_problem(parent, _("Calendar file not saved"), exc.message)
        return None
    return path


def mail_link(trainings, course) -> tuple[str, int, int]:
    """(mailto: URL, addresses in it, participants without an address)."""
    from kommandesk.interchange.mailto import mailto_bcc
    people = [p for p in trainings.participants(course.id) if p.status in TAKES_A_PLACE]
    addresses = list(dict.fromkeys(p.email.strip() for p in people if p.email.strip()))
    url = mailto_bcc(addresses, _("{title} ({reference})").format(title=course.title, reference=course.reference))
    return url, len(addresses), len(people) - sum(1 for p in people if p.email.strip())


def email_participants(parent, trainings, course, open_url=QDesktopServices.openUrl) -> str:
    """Open the mail program; the text for the status line."""
    from kommandesk.i18n import ngettext

    url, count, without = mail_link(trainings, course)
    if not count:
        show_problem(parent, _("No email addresses"), _("No registered participant of this course has an email "
                                                        "address."))
        return ""
    if len(url) > MAILTO_LIMIT:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, _("Email participants"), _(
            "The list of addresses is very long; some mail programs cut it off. Check the BCC field before "
            "sending."), QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, parent)
        if box.exec() != QMessageBox.StandardButton.Ok:
            return ""
    open_url(QUrl(url, QUrl.ParsingMode.StrictMode))
    text = ngettext("Your mail program opens with {count} address in BCC.",
                    "Your mail program opens with {count} addresses in BCC.", count).format(count=count)
    if without:
        text = " ".join([text, ngettext("{count} participant has no email address.",
                                        "{count} participants have no email address.", without).format(
            count=without)])
    return text
