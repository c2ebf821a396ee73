"""Screenshots of the Requests page and the request form, called by scripts/screenshots.py (``shoot_requests``).

Files written into ``folder`` from ``first_number`` on::

    NN-requests-filtered.png          the list with every status shown and the high-urgency filter
    NN-request-person.png .. -consent the tabs of one demo request (Person, Help, When, Consent and status)
    NN-request-assignments.png        the Assignments tab of a request whose volunteer has logged hours
    NN-request-errors.png             a new request after Save with a blank name and no area of help
    NN-request-when-errors.png        the When tab of it: an appointment that ends before it starts

Nothing is written to the database (the pages compared after a language switch stay as they were).
Returns the next free number.
"""

from __future__ import annotations

from pathlib import Path


def shoot_requests(shooter, window, folder: Path, first_number: int) -> int:
    from PySide6.QtCore import QTime

    from kommandesk.domain.requests import Urgency
    from kommandesk.ui.dialogs.requests.request_form import ASSIGNMENTS_TAB, RequestDialog
    from kommandesk.ui.dialogs.requests.when import APPOINTMENT

    number = first_number
    page = window.page("requests")
    window.show_page("requests")
    filters = page.filters
    filters.status.setCurrentIndex(filters.status.findData("every_status"))
    filters.urgency.setCurrentIndex(filters.urgency.findData(Urgency.HIGH.value))
    if page.model.rowCount():
        page.table.selectRow(0)
    shooter.save(window, folder / f"{number:02d}-requests-filtered.png")
    number += 1
    filters.show_everything()
    filters.urgency.setCurrentIndex(0)

    requests, volunteers = window.services.requests, window.services.volunteers
    rows = [page.model.row_at(row) for row in range(page.model.rowCount())]
    with_hours = next((row for row in rows if any(item.minutes for item in requests.assignments_of_request(row.id))),
                      None)
    shown = next((row for row in rows if row.recurrence_slots and row.children), None) or \
        next((row for row in rows if row.recurrence_slots), rows[0] if rows else None)
    filters.reset()

    def dialog_for(req):
        dialog = RequestDialog(requests, volunteers, req, window)
        dialog.resize(1100, 720)
        dialog.show()
        return dialog

    if shown is not None:
        dialog = dialog_for(requests.get(shown.id))
        for tab, name in ((0, "person"), (1, "help"), (2, "when"), (3, "consent")):
            dialog.tabs.setCurrentIndex(tab)
            shooter.save(dialog, folder / f"{number:02d}-request-{name}.png")
            number += 1
        dialog.discard()
        dialog.deleteLater()
    if with_hours is not None:
        dialog = dialog_for(requests.get(with_hours.id))
        tab = dialog.assignments
        for index, item in enumerate(tab.rows()):
            if item.minutes:
                tab.table.selectRow(index)
                break
        dialog.tabs.setCurrentIndex(ASSIGNMENTS_TAB)
        shooter.save(dialog, folder / f"{number:02d}-request-assignments.png")
        number += 1
        dialog.discard()
        dialog.deleteLater()

    new = dialog_for(requests.new())
    new.person.person.editor.setText("   ")
    new.when.choose_kind(APPOINTMENT)
    new.when.day.set_value(requests.today())
    new.when.times.start.setTime(QTime(14, 0))
    new.when.times.end.setTime(QTime(13, 0))
    if new.save():
        raise RuntimeError("the request form saved a request without a name and an area of help")
    shooter.save(new, folder / f"{number:02d}-request-errors.png")
    new.tabs.setCurrentIndex(2)
    shooter.save(new, folder / f"{number + 1:02d}-request-when-errors.png")
    number += 2
    new.discard()
    new.deleteLater()
    return number
