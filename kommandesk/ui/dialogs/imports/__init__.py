"""The import dialog: volunteers from an Excel workbook or a CSV file (see import_wizard.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from kommandesk.paths import Paths
    from kommandesk.services.imports import ImportResult


def import_volunteers(parent: "QWidget", paths: "Paths") -> "ImportResult | None":
    """Open the import dialog and wait; the result of an import that wrote to the database, else None."""
    from kommandesk.ui.dialogs.imports.import_wizard import ImportWizard

    wizard = ImportWizard(paths, parent)
    try:
        wizard.exec()
        result = wizard.import_result
    finally:
        wizard.deleteLater()
    return result if result is not None and not result.dry_run else None
