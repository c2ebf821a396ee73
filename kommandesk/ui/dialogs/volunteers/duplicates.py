"""Before a new profile is saved: "This person may be in the file already" with the likely duplicates."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from kommandesk.i18n import _, ngettext


def describe(row) -> str:
    """One line per likely duplicate: name, reference, town (user text stays plain text)."""
    name = f"{row.first_name} {row.last_name}".strip()
    if row.town:
        return _("{name} ({reference}, {town})").format(name=name, reference=row.reference, town=row.town)
    return _("{name} ({reference})").format(name=name, reference=row.reference)


def confirm_duplicates(parent: QWidget, duplicates: list) -> bool:
    """True when the coordinator wants the new profile saved anyway."""
    lines = "\n".join(f"\u2022 {describe(row)}" for row in duplicates)
    text = ngettext("A profile that may be the same person exists already:",
                    "{count} profiles that may be the same person exist already:",
                    len(duplicates)).format(count=len(duplicates))
    question = _("Save the new profile anyway? Check the list first: two profiles for one person split "
                 "their history.")
    box = QMessageBox(QMessageBox.Icon.Warning, _("Possible duplicate"), f"{text}\n\n{lines}\n\n{question}",
                      QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName("duplicate_warning")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.button(QMessageBox.StandardButton.Save).setText(_("Save anyway"))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Save
