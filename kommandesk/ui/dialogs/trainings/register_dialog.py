"""Register people for a course: find a volunteer by typing a few letters of the name (folded: "sukru" finds
"Şükrü"), Enter or Register signs the chosen one up; or "New person" for someone not yet in the volunteer file,
who is saved as an applicant and registered in one go (a likely duplicate is asked about first).

Places are the service's business: while there are free places a person is registered, after that they go on
the waiting list, in order; the line under the list says which. The dialog stays open for the next person;
``registered`` holds every registration made through it.
"""

from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QGroupBox, QHBoxLayout, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.trainings import RegistrationStatus
from kommandesk.i18n import _
from kommandesk.ui.dialogs.volunteers.section import add_row, form_layout, hint_label
from kommandesk.ui.widgets.form_field import FieldWithError, error_colour
from kommandesk.ui.widgets.labels import plain_label
from kommandesk.ui.widgets.volunteer_picker import VolunteerPicker, listed_name


def registered_text(name: str, registration) -> str:
    if registration.status is RegistrationStatus.WAITING:
        return _("{name} is on the waiting list, place {position}: the course is full.").format(
            name=name, position=registration.position or "?")
    return _("{name} is registered.").format(name=name)


class RegisterDialog(QDialog):
    def __init__(self, trainings, volunteers, course_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("register_dialog")
        self.setModal(True)
        self._trainings = trainings
        self._volunteers = volunteers
        self._course_id = course_id
        self.registered: list = []
        self._taken: set[str] = set()  # volunteers with a registration that is not cancelled

        self.picker = VolunteerPicker(volunteers, name="register", unavailable=self._unavailable)
        self.search, self.table, self.model = self.picker.search, self.picker.table, self.picker.model
        self.table.horizontalHeader().resizeSection(0, 260)
        self.register_button = QPushButton(_("&Register"))
        self.register_button.setObjectName("register_chosen")
        self.register_button.clicked.connect(self.register_chosen)
        self.picker.chosen_changed.connect(self._enable)
        self.picker.activated.connect(self.register_chosen)

        self.new_box = QGroupBox(_("New person (saved as an applicant)"))
        self.new_box.setObjectName("register_new_box")
        self.first_name = self._line("register_first_name")
        self.last_name = self._line("register_last_name")
        self.email = self._line("register_email")
        self.phone = self._line("register_phone")
        self.fields = {"first_name": self.first_name, "last_name": self.last_name, "email": self.email,
                       "phone": self.phone}
        form = form_layout(self.new_box)
        add_row(form, _("First name:"), self.first_name)
        add_row(form, _("Last name:"), self.last_name)
        add_row(form, _("Email:"), self.email)
        add_row(form, _("Phone:"), self.phone)
        self.new_button = QPushButton(_("Register &new person"))
        self.new_button.setObjectName("register_new")
        self.new_button.clicked.connect(self.register_new)
        form.addRow(hint_label(_("Someone not yet in the volunteer file: their profile is created as an applicant "
                                 "and can be completed on the Volunteers page.")))
        form.addRow(self.new_button)

        self.message = plain_label(wrap=True, name="register_message")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        picker = QVBoxLayout()
        picker.addWidget(self.picker, 1)
        row = QHBoxLayout()
        row.addWidget(self.register_button)
        row.addStretch(1)
        picker.addLayout(row)
        body = QHBoxLayout()
        body.addLayout(picker, 3)
        body.addWidget(self.new_box, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.setWindowTitle(_("Register participants"))
        self.resize(960, 520)
        self._read_taken()
        self.flush_search()
        self.search.setFocus()

    def _line(self, name: str) -> FieldWithError:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setMaxLength(1000)
        return FieldWithError(edit)

    # -- the picker -------------------------------------------------------------------------------------------
    def _read_taken(self) -> None:
        self._taken = {p.volunteer_id for p in self._trainings.participants(self._course_id)
                       if p.status is not RegistrationStatus.CANCELLED}

    def _unavailable(self, row) -> str | None:
        if row.id in self._taken:
            return _("{name} (already signed up)").format(name=listed_name(row))
        return None

    def flush_search(self) -> None:
        self.picker.flush_search()

    def chosen(self) -> tuple[str, str] | None:
        return self.picker.chosen()

    def _enable(self, *_args) -> None:
        self.register_button.setEnabled(self.chosen() is not None)

    def select_volunteer(self, volunteer_id: str) -> bool:
        return self.picker.select_volunteer(volunteer_id)

    def register_chosen(self) -> bool:
        chosen = self.chosen()
        if chosen is None:
            return False
        volunteer_id, name = chosen
        try:
            registration = self._trainings.register(self._course_id, volunteer_id)
        except KommanDeskError as exc:
            self._say(exc.message, error=True)
            return False
        self._done(name, registration)
        self.search.clear()
        self.flush_search()
        self.search.setFocus()
        return True

    # -- a new person -----------------------------------------------------------------------------------------
    def register_new(self) -> bool:
        from kommandesk.services.volunteers import DuplicateWarning
        from kommandesk.ui.dialogs.volunteers.duplicates import confirm_duplicates

        values = {name: field.editor.text() for name, field in self.fields.items()}
        for field in self.fields.values():
            field.set_error(None)
        confirmed = False
        while True:
            try:
                registration = self._trainings.register_new_person(self._course_id, confirmed_duplicate=confirmed,
                                                                   **values)
                break
            except DuplicateWarning as warning:
                if confirmed or not confirm_duplicates(self, warning.duplicates):
                    self._say(_("Not registered: the person may be in the volunteer file already. Search for "
                                "them on the left."), error=True)
                    return False
                confirmed = True
            except ValidationError as exc:
                shown = False
                for name, message in exc.errors.items():
                    if name in self.fields:
                        self.fields[name].set_error(message)
                        shown = True
                others = [m for n, m in exc.errors.items() if n not in self.fields]
                self._say("\n".join([_("Not registered: please correct the marked fields."), *others])
                          if shown else "\n".join(others), error=True)
                return False
            except KommanDeskError as exc:
                self._say(exc.message, error=True)
                return False
        self._done(f"{values['first_name'].strip()} {values['last_name'].strip()}".strip(), registration)
        for field in self.fields.values():
            field.editor.clear()
        self.flush_search()
        return True

    # -- messages ---------------------------------------------------------------------------------------------
    def _done(self, name: str, registration) -> None:
        self.registered.append(registration)
        self._taken.add(registration.volunteer_id)
        self._say(registered_text(name, registration))

    def _say(self, text: str, error: bool = False) -> None:
        from PySide6.QtGui import QPalette

        palette = self.message.palette()
        palette.setColor(QPalette.ColorRole.WindowText, error_colour(palette) if error
                         else self.palette().color(QPalette.ColorRole.WindowText))
        self.message.setPalette(palette)
        self.message.setText(text)


def register_people(parent, trainings, volunteers, course_id: str) -> list:
    """The dialog, modal; the registrations made."""
    dialog = RegisterDialog(trainings, volunteers, course_id, parent)
    dialog.exec()
    made = list(dialog.registered)
    dialog.deleteLater()
    return made
