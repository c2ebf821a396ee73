"""What the service record and the Ehrenamtskarte dialogs share: a volunteer picked on the left (archived people
too: a former volunteer may need a record), the document's details on the right (the subclass's rows), its language,
and one action that writes the document, registers it and shows it in the preview to print.

The subclass names its texts, adds its rows to ``form``, answers ``_show_person`` (the details for the volunteer
chosen), ``_problem`` (what to put right first) and ``_issue`` (write and register: CertificateRow).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kommandesk.domain.certificates import Kind, Person, file_name
from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.volunteers import Status
from kommandesk.i18n import _
from kommandesk.ui.dialogs.certificates.texts import ask_save_path, colour_label, fill_languages
from kommandesk.ui.widgets.form_field import error_colour
from kommandesk.ui.widgets.labels import plain_label
from kommandesk.ui.widgets.volunteer_picker import VolunteerPicker


def preview(parent, path: Path) -> None:
    """The preview of the document written (modal). Tests replace this."""
    from kommandesk.ui.dialogs.certificates.pdf_preview import preview_pdf

    preview_pdf(parent, path.read_bytes(), path.stem, path=path, suggested_name=path.name)


class PersonDocumentDialog(QDialog):
    kind: Kind
    name = "person_document"

    def __init__(self, records, certificates, volunteers, parent: QWidget | None = None, *,
                 volunteer_id: str | None = None):
        super().__init__(parent)
        self.setObjectName(f"{self.name}_dialog")
        self._records = records
        self._certificates = certificates
        self._volunteers = volunteers
        self.issued: list = []  # CertificateRows written through the dialog
        self.volunteer = None  # the Volunteer chosen

        self.picker = VolunteerPicker(volunteers, name=self.name, statuses=frozenset(Status))
        self.picker.chosen_changed.connect(self._chosen_changed)
        self.picker.activated.connect(lambda: self.action_button.setFocus())
        self.person = plain_label(wrap=True, name=f"{self.name}_person")
        font = self.person.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.person.setFont(font)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.language = QComboBox()
        self.language.setObjectName(f"{self.name}_language")
        fill_languages(self.language, volunteers.organisation().default_language)
        self.language_label = plain_label()
        self.language_label.setBuddy(self.language)
        self.message = plain_label(wrap=True, name=f"{self.name}_message")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action_button = QPushButton()
        self.action_button.setObjectName(f"{self.name}_issue")
        self.action_button.setDefault(True)
        self.action_button.clicked.connect(lambda _checked=False: self.issue())
        self.close_button = QPushButton()
        self.close_button.setObjectName(f"{self.name}_close")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)

        self.build_form()
        self.form.addRow(self.language_label, self.language)
        details = QVBoxLayout()
        details.addWidget(self.person)
        details.addLayout(self.form)
        details.addStretch(1)
        details.addWidget(self.message)
        body = QHBoxLayout()
        body.addWidget(self.picker, 4)
        body.addSpacing(12)
        body.addLayout(details, 5)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.action_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        chain = [self.picker.search, self.picker.table, *self.focus_chain(), self.language, self.action_button,
                 self.close_button]
        for first, second in zip(chain, chain[1:]):
            self.setTabOrder(first, second)
        self.retranslate()
        self.resize(980, 560)
        self.picker.flush_search()
        if volunteer_id is not None:
            self.choose(volunteer_id)
        self.picker.search.setFocus()

    # -- for the subclass -------------------------------------------------------------------------------------
    def build_form(self) -> None:
        """Add the document's rows to ``self.form``."""

    def focus_chain(self) -> list[QWidget]:
        return []

    def _show_person(self) -> None:
        """Show the details for ``self.volunteer`` (None: nobody chosen)."""

    def _problem(self) -> str | None:
        return None

    def _issue(self, volunteer_id: str, language: str, target: Path):
        raise NotImplementedError

    def _field_errors(self, errors: dict[str, str]) -> bool:
        """Show the service's messages beside the fields; False when none of them has a field here."""
        return False

    def save_title(self) -> str:
        return _("Save PDF")

    # -- shared -----------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.language_label.setText(_("&Language:"))
        self.close_button.setText(_("Close"))

    def _chosen_changed(self) -> None:
        chosen = self.picker.chosen()
        self.volunteer = None
        if chosen is not None:
            try:
                self.volunteer = self._volunteers.get(chosen[0])
            except KommanDeskError:
                self.volunteer = None
        self.person.setText(_("{name} ({reference})").format(name=self.volunteer.full_name,
                                                             reference=self.volunteer.reference)
                            if self.volunteer is not None else _("Choose a volunteer on the left."))
        self._say("")
        self._show_person()

    def choose(self, volunteer_id: str) -> bool:
        """Choose ``volunteer_id`` (searched by reference when the list does not show them)."""
        if self.picker.select_volunteer(volunteer_id):
            return True
        try:
            reference = self._volunteers.get(volunteer_id).reference
        except KommanDeskError:
            return False
        self.picker.search.setText(reference)
        self.picker.flush_search()
        return self.picker.select_volunteer(volunteer_id)

    def suggested_name(self) -> str:
        person = Person(self.volunteer.first_name, self.volunteer.last_name)
        return file_name(person, self.kind, self.language.currentData())

    def issue(self, target: Path | None = None):
        """Write the document (asking where, unless ``target`` is given), register it and show it; the
        CertificateRow, or None (with the message in the dialog) when it was not written."""
        if self.volunteer is None:
            self._say(_("Choose a volunteer on the left."), error=True)
            return None
        problem = self._problem()
        if problem:
            self._say(problem, error=True)
            return None
        target = target or ask_save_path(self, self.save_title(), self.suggested_name())
        if target is None:
            return None
        try:
            row = self._issue(self.volunteer.id, self.language.currentData(), target)
        except ValidationError as exc:
            shown = self._field_errors(exc.errors)
            others = [message for message in exc.errors.values()] if not shown else []
            self._say("\n".join([_("Not written: please correct the marked fields.")] if shown else others),
                      error=True)
            return None
        except KommanDeskError as exc:
            self._say(exc.message, error=True)
            return None
        self.issued.append(row)
        self._say(_("{number} was issued and saved as {file}.").format(number=row.number, file=target))
        preview(self, target)
        return row

    def _say(self, text: str, error: bool = False) -> None:
        colour_label(self.message, error_colour(self.palette()) if error else None)
        self.message.setText(text)


def run_dialog(dialog: PersonDocumentDialog) -> list:
    """Show ``dialog`` (modal); the certificates issued through it."""
    try:
        dialog.exec()
        return list(dialog.issued)
    finally:
        dialog.deleteLater()
