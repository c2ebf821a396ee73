"""Screenshots of the matching screens, called by scripts/screenshots.py inside the running app (per language):

    <first>    matching.png            the Matching page with a request chosen: candidates, why, near misses
    <first+1>  matching-override.png   "Assign anyway…": the written reason for a near miss
    <first+2>  matching-review.png     the review table of a "match all open requests" run
    <first+3>  settings-weights.png    Settings scrolled to the matching weights

Nothing is written to the database (the review and the override dialog are closed without assigning), and the
pages are left as they were first opened, so the language-switch check of screenshots.py still compares equal.
"""

from __future__ import annotations

from pathlib import Path


def _best_request(page) -> str | None:
    """The open request whose ranking shows the most: candidates first, then near misses."""
    matching, model = page._matching, page.requests_model
    best, best_key = None, (-1, -1)
    for row in range(model.rowCount()):
        item = model.row_at(row)
        result = matching.rank(item.id, limit=20, near_limit=20)
        key = (min(len(result.candidates), 4) + min(len(result.near_misses), 3), len(result.candidates))
        if key > best_key:
            best, best_key = item.id, key
    return best


def shoot_matching(shooter, window, folder: Path, first_number: int) -> int:
    """Write the four PNG files numbered from ``first_number``; returns the next free number."""
    from PySide6.QtWidgets import QScrollArea

    from kommandesk.ui.dialogs.matching.match_review import ReviewDialog
    from kommandesk.ui.dialogs.matching.override_reason import OverrideDialog

    number = first_number
    page = window.page("matching")
    window.show_page("matching")
    request_id = _best_request(page)
    if request_id is None or not page.select_request(request_id):
        raise RuntimeError("the demo data has no open request to show on the Matching page")
    page.candidates_table.setFocus()
    shooter.save(window, folder / f"{number:02d}-matching.png")
    number += 1

    if page.near_model.rowCount():
        page.near_table.selectRow(0)
        near = page.near_model.row_at(0)
        dialog = OverrideDialog(page._matching, request_id, page.result.reference, near, window)
        dialog.reason.setPlainText(_reason_example())
        dialog.show()
        shooter.save(dialog, folder / f"{number:02d}-matching-override.png")
        dialog.reject()
        dialog.deleteLater()
    number += 1

    review = ReviewDialog(page._matching, page._matching.propose_all(), window)
    review.show()
    if review.model.rowCount() > 1:
        review.model.set_checked(1, False)  # one row unticked, as a coordinator might
    shooter.save(review, folder / f"{number:02d}-matching-review.png")
    review.reject()
    review.deleteLater()
    number += 1

    page.clear_request()
    page.requests_table.scrollToTop()
    settings = window.settings_page
    window.show_page("settings")
    editor = settings.weights_editor
    if editor is not None and not editor.loaded:
        editor.load()
    scroll = settings.findChild(QScrollArea)
    if editor is not None:
        scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    shooter.save(window, folder / f"{number:02d}-settings-weights.png")
    scroll.verticalScrollBar().setValue(0)
    number += 1
    return number


def _reason_example() -> str:
    """What a coordinator might write (scripts/ is not in the translation template, so both are here)."""
    from kommandesk.i18n import current_language

    return {"de": "Das neue Führungszeugnis lag uns heute vor; die Einsichtnahme wird morgen eingetragen."}.get(
        current_language(), "The renewed clearance was shown to us today; the inspection will be recorded tomorrow.")
