"""Screenshots of the Reports page with a computed report, and of a volunteer's allowances; called by
scripts/screenshots.py (``shoot_reports``). Files written into ``folder`` from ``first_number`` on::

    NN-reports.png              the Reports page with this year's report shown (the top: warnings, volunteers)
    NN-reports-requests.png     .. scrolled to the requests and hours
    NN-reports-trainings.png    .. scrolled to the trainings and allowances
    NN-allowances.png           the volunteer form's Allowances tab of the demo volunteer paid above the limit
    NN-settings-allowances.png  Settings scrolled to the tax-free limits by year
    NN-settings-safety.png      .. to the backups (folder, copies kept, back up now, restore), encryption, data
                                protection (retention periods, export, erase) and the audit trail (the coordinator's name)
    NN-encryption-switch-on.png the dialog that encrypts the database, a too short passphrase refused
    NN-passphrase-at-start.png  the passphrase asked for at start, after one wrong try

The report and the form read the demo database and change nothing in it. Returns the next free number.

Alone (for a quick look): ``.venv/bin/python scripts/shots_reports.py --out /tmp/shots --lang de --lang en``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def _scroll_to(view, widget_name: str) -> None:
    """Scroll the report view so that the widget named ``widget_name`` (a figure tile) is near the top."""
    from PySide6.QtWidgets import QWidget

    target = view.findChild(QWidget, widget_name)
    if target is None:
        raise RuntimeError(f"the report shows no {widget_name!r}")
    view.verticalScrollBar().setValue(target.mapTo(view.widget(), target.rect().topLeft()).y() - 60)


def _paid_above_limit(window) -> str | None:
    """The demo volunteer whose payments this year are above the tax-free limit."""
    import datetime as dt

    year = dt.date.today().year
    rows = window.services.store.conn.execute(
        "SELECT volunteer_id FROM allowances WHERE substr(paid_on, 1, 4) = ? GROUP BY volunteer_id "
        "ORDER BY sum(amount_cents) DESC LIMIT 1", (str(year),)).fetchall()
    return rows[0][0] if rows else None


def shoot_reports(shooter, window, folder: Path, first_number: int) -> int:
    """In a second main window over the same services: the first one's pages stay as a fresh start shows them (the
    language-switch check compares them afterwards)."""
    import tempfile

    from kommandesk.settings import Settings
    from kommandesk.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory(prefix="kommandesk-reports-") as scratch:
        other = MainWindow(window.services, Settings(Path(scratch) / "settings.ini"), lambda _choice: None)
        other.resize(window.size())
        other.show()
        try:
            return _shoot(shooter, other, folder, first_number)
        finally:
            other.hide()
            other.deleteLater()


def _shoot(shooter, window, folder: Path, first_number: int) -> int:
    from screenshots import settle

    from kommandesk.ui.dialogs.volunteers.volunteer_form import VolunteerDialog

    number = first_number
    window.show_page("reports")
    page = window.page("reports")
    page.show_report()
    deadline = time.monotonic() + 60  # computed off the GUI thread: other pages' background work may go first
    while page.busy and time.monotonic() < deadline:
        settle(1)
        time.sleep(0.02)
    if page.busy:
        raise RuntimeError("the report was not computed within 60 s")
    settle()
    shooter.save(window, folder / f"{number:02d}-reports.png")
    for offset, (name, figure) in enumerate((("requests", "requests_received"), ("trainings", "sessions_held")),
                                            start=1):
        _scroll_to(page.view, f"figure_{figure}")
        settle()
        shooter.save(window, folder / f"{number + offset:02d}-reports-{name}.png")
    number += 3

    volunteer_id = _paid_above_limit(window)
    if volunteer_id is not None:
        services = window.services
        dialog = VolunteerDialog(services.volunteers, services.volunteers.get(volunteer_id), window,
                                 allowances=services.allowances)
        dialog.resize(1100, 720)
        dialog.show()
        dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)
        settle()
        shooter.save(dialog, folder / f"{number:02d}-allowances.png")
        dialog.reject()
        dialog.deleteLater()
        number += 1

    window.show_page("settings")
    settings = window.page("settings")
    editor = getattr(settings, "limits_editor", None)
    if editor is not None:
        from PySide6.QtWidgets import QScrollArea

        settle()
        settings.findChild(QScrollArea).ensureWidgetVisible(editor, 0, 0)
        settle()
        shooter.save(window, folder / f"{number:02d}-settings-allowances.png")
        number += 1
    # data safety: backups, data protection, the audit trail's name (issue 9)
    for name, attribute in (("safety", "_backups_box"),):  # the page ends below them: one picture shows all three
        box = getattr(settings, attribute, None)
        if box is None:
            continue
        from PySide6.QtWidgets import QScrollArea

        scroll = settings.findChild(QScrollArea)
        scroll.verticalScrollBar().setValue(box.mapTo(scroll.widget(), box.rect().topLeft()).y() - 8)
        settle()
        shooter.save(window, folder / f"{number:02d}-settings-{name}.png")
        number += 1
    number = shoot_passphrases(shooter, window, folder, number)
    return number


def shoot_passphrases(shooter, window, folder: Path, number: int) -> int:
    """The dialog that switches the encryption on (its warning, a refusal beside the fields) and the passphrase
    asked for at start after one wrong try."""
    from kommandesk.services.encryption import EncryptionService
    from kommandesk.ui.dialogs.passphrase_dialog import PassphraseDialog
    from kommandesk.ui.widgets.encryption_settings import SWITCH_ON, PassphraseChangeDialog

    paths = window.services.paths
    dialog = PassphraseChangeDialog(SWITCH_ON, EncryptionService(paths), window)
    dialog.fields["passphrase"].setText("short")
    dialog.fields["confirmation"].setText("short")
    dialog.ok_button.click()  # refused: too short, said in the dialog
    dialog.show()
    shooter.save(dialog, folder / f"{number:02d}-encryption-switch-on.png")
    dialog.reject()
    dialog.deleteLater()
    number += 1
    asked = PassphraseDialog(paths.db_file, lambda _typed: False, window)
    asked.field.setText("wrong passphrase")
    asked.ok_button.click()
    asked.show()
    shooter.save(asked, folder / f"{number:02d}-passphrase-at-start.png")
    asked.reject()
    asked.deleteLater()
    return number + 1


def main(argv: list[str] | None = None) -> int:
    """Only these screenshots, through screenshots.py's start-up (demo data, languages chosen in Settings)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import screenshots

    class ReportsOnly(screenshots.Shooter):
        def pages(self, window):
            return iter(())

        def shoot_extras(self, window, folder: Path, pages: int) -> None:
            shoot_reports(self, window, folder, 1)

    screenshots.Shooter = ReportsOnly
    return screenshots.main([*(argv if argv is not None else sys.argv[1:]), "--no-switch-check"])


if __name__ == "__main__":
    sys.exit(main())
