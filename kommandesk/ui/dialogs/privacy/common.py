"""What the data protection dialogs share: the reference field, the message line, and the "Data protection…"
button of the volunteer and request forms."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QLineEdit, QMenu, QPushButton, QWidget

from kommandesk.i18n import _
from kommandesk.ui.widgets.form_field import error_colour
from kommandesk.ui.widgets.labels import plain_label


def reference_field(reference: str, name: str) -> QLineEdit:
    """The person's reference (V-2026-0042 or A-2026-0107); read-only when given (opened from a form)."""
    field = QLineEdit(reference)
    field.setObjectName(name)
    field.setPlaceholderText(_("V-2026-0042 or A-2026-0107"))
    field.setReadOnly(bool(reference))
    field.setMaxLength(20)
    return field


def message_line(name: str) -> QLabel:
    return plain_label(wrap=True, name=name)


def say(label: QLabel, text: str, error: bool = False) -> None:
    """``text`` in the line, in the error colour when something was refused."""
    if error:
        palette = label.palette()
        palette.setColor(QPalette.ColorRole.WindowText, error_colour(palette))
        label.setPalette(palette)
    else:
        label.setPalette(QPalette())  # nothing set of its own: the window's colours
    label.setText(text)


def privacy_button(form: QWidget, service_of: Callable[[], object], reference: Callable[[], str | None]) -> QPushButton:
    """A "Data protection…" button for a volunteer's or a request's form, with a menu: export the person's data,
    erase them. ``reference``: the record's reference (None while it is not saved: the menu's actions are disabled).
    ``service_of`` makes the PrivacyService when first needed. After an erasure the form's data are gone: the
    page behind it (``form.parentWidget()``) shows its list again and the form closes without saving."""
    button = QPushButton(_("Data &protection…"))
    button.setObjectName("privacy_button")
    button.setAutoDefault(False)  # Enter saves the form, never opens this
    button.setToolTip(_("Export everything stored about this person, or erase it"))
    menu = QMenu(button)
    export = menu.addAction(_("Export the data (Art. 15)…"))
    export.setObjectName("privacy_export_action")
    erase = menu.addAction(_("Erase the person (Art. 17)…"))
    erase.setObjectName("privacy_erase_action")
    button.setMenu(menu)

    def open_export() -> None:
        from kommandesk.ui.dialogs.privacy.export_dialog import ExportDialog

        dialog = ExportDialog(service_of(), reference() or "", form)
        dialog.exec()
        dialog.deleteLater()

    def open_erase() -> None:
        from kommandesk.ui.dialogs.privacy.erase_dialog import EraseDialog

        dialog = EraseDialog(service_of(), reference() or "", form)
        dialog.exec()
        done = dialog.result_of_erasure is not None
        dialog.deleteLater()
        if done:
            page = form.parentWidget()
            if hasattr(page, "refresh"):
                page.refresh()
            form.saved = None
            form.discard()

    def saved_yet() -> None:  # a new record has no reference (nothing stored) until it is saved
        for action in (export, erase):
            action.setEnabled(bool(reference()))

    export.triggered.connect(open_export)
    erase.triggered.connect(open_erase)
    menu.aboutToShow.connect(saved_yet)
    saved_yet()
    return button
