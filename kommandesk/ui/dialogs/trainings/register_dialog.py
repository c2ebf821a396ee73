"""Register people for a course: find a volunteer by typing a few letters of the name (folded: "sukru" finds
"Şükrü"), Enter or Register signs the chosen one up; or "New person" for someone not yet in the volunteer file,
who is saved as an applicant and registered in one go (a likely duplicate is asked about first).

Places are the service's business: while there are free places a person is registered, after that they go on
the waiting list, in order; the line under the list says which. The dialog stays open for the next person;
``registered`` holds every registration made through it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QGroupBox, QHBoxLayout, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from kommandesk.domain.errors import KommanDeskError, ValidationError
from kommandesk.domain.trainings import RegistrationStatus
from kommandesk.i18n import _
from kommandesk.ui.dialogs.volunteers.section import add_row, form_layout, hint_label
from kommandesk.ui.widgets.form_field import FieldWithError, error_colour
from kommandesk.ui.widgets.labels import plain_label
from kommandesk.ui.widgets.list_table import KeyActions, list_table

SEARCH_DELAY_MS = 150
SHOWN = 50  # volunteers listed for a search: typing more narrows it
_ID = Qt.ItemDataRole.UserRole
_NAME = Qt.ItemDataRole.UserRole + 1


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

        self.search = QLineEdit()
        self.search.setObjectName("register_search")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(_("Type a few letters of the name or the reference…"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.flush_search)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([_("Name"), _("Reference"), _("Town")])
        self.table = list_table("register_table", self.model)
        self.table.doubleClicked.connect(lambda _index: self.register_chosen())
        self.table.horizontalHeader().resizeSection(0, 260)
        self.register_button = QPushButton(_("&Register"))
        self.register_button.setObjectName("register_chosen")
        self.register_button.clicked.connect(self.register_chosen)
        self.table.selectionModel().selectionChanged.connect(self._enable)
        KeyActions(self, {(self.search, Qt.Key.Key_Return): self._enter_in_search,
                          (self.search, Qt.Key.Key_Down): self._down_to_list,
                          (self.table, Qt.Key.Key_Return): self.register_chosen})

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
        picker.addWidget(self.search)
        picker.addWidget(self.table, 1)
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

    def flush_search(self) -> None:
        from kommandesk.services.volunteers import VolunteerQuery

        self._timer.stop()
        rows = self._volunteers.page(VolunteerQuery(search=self.search.text()), 0, SHOWN)
        self.model.removeRows(0, self.model.rowCount())
        for row in rows:
            name = _("{last_name}, {first_name}").format(last_name=row.last_name, first_name=row.first_name)
            if row.id in self._taken:
                name = _("{name} (already signed up)").format(name=name)
            items = [QStandardItem(name), QStandardItem(row.reference), QStandardItem(row.town)]
            for item in items:
                item.setEditable(False)
                item.setData(row.id, _ID)
                item.setData(f"{row.first_name} {row.last_name}".strip(), _NAME)
                item.setEnabled(row.id not in self._taken)
            self.model.appendRow(items)
        first = next((n for n in range(self.model.rowCount()) if self.model.item(n, 0).isEnabled()), -1)
        if first >= 0:
            self.table.selectRow(first)
        self._enable()

    def _enter_in_search(self) -> None:
        if self._timer.isActive():
            self.flush_search()
        self.register_chosen()

    def _down_to_list(self) -> None:
        self.table.setFocus()

    def chosen(self) -> tuple[str, str] | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.model.item(rows[0].row(), 0)
        return (item.data(_ID), item.data(_NAME)) if item.isEnabled() else None

    def _enable(self, *_args) -> None:
        self.register_button.setEnabled(self.chosen() is not None)

    def select_volunteer(self, volunteer_id: str) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.item(row, 0).data(_ID) == volunteer_id:
                self.table.selectRow(row)
                return True
        return False

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
